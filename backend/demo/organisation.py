"""The demo organisation (regions, departments, people) and `tandem create-admin`; the capabilities' demo data
is loaded from here, each from its own module. Everything goes through the services."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from rich.progress import Progress
from tortoise import Tortoise

from backend.demo.fund import load_demo_fund
from backend.demo.performance import load_demo_performance
from backend.demo.projects import load_demo_projects
from backend.demo.rewards import load_demo_rewards
from backend.demo.rulesets import acknowledge_demo_rulesets, load_demo_rulesets
from backend.demo.support import load_demo_support
from backend.domain.access import SYSTEM
from backend.domain.errors import DomainError
from backend.domain.org import DepartmentKind, Role
from backend.events.memory import MemoryEventBus
from backend.persistence.config import tortoise_config
from backend.persistence.models import Department, Employee
from backend.services import org
from backend.services.uow import UnitOfWork
from backend.settings import load_settings

DEMO_LOGINS = (
    # employee no, password, name, department, region, position, roles
    ("HR0001", "tandem-hr", "周敏", "HR", None, "人力资源经理", (Role.HR,)),
    ("M0001", "tandem-manager", "王建国", "TECH", None, "技术支撑部经理", (Role.MANAGER,)),
    ("F0001", "tandem-staff", "李娜", "MKT", "R-EAST", "客户经理", (Role.STAFF,)),
    # A backend engineer without a manager's rights: works the technical support queue.
    ("B0001", "tandem-backend", "陈静", "TECH", None, "技术支撑工程师", (Role.STAFF,)),
)

REGIONS = (
    ("R-EAST", "城东片区", 4_800_000), ("R-WEST", "城西片区", 4_200_000), ("R-SOUTH", "城南片区", 3_600_000),
    ("R-NORTH", "城北片区", 3_900_000), ("R-HIGHTECH", "高新片区", 5_400_000), ("R-PORT", "港区片区", 2_700_000),
    ("R-COUNTY", "县域片区", 2_100_000), ("R-LAKE", "湖滨片区", 3_000_000),
)
DEPARTMENTS = (
    ("MKT", "市场部", DepartmentKind.FRONTLINE, ("客户经理", "销售代表", "渠道经理")),
    ("FIELD", "现场运维部", DepartmentKind.FRONTLINE, ("装维工程师", "网格经理", "线路维护员")),
    ("CS", "客户服务部", DepartmentKind.FRONTLINE, ("客服专员", "客服组长", "投诉处理专员")),
    ("TECH", "技术支撑部", DepartmentKind.BACKEND, ("支撑工程师", "网络工程师", "方案工程师")),
    ("RND", "研发中心", DepartmentKind.BACKEND, ("软件工程师", "产品经理", "测试工程师")),
    ("NOC", "网络运维中心", DepartmentKind.BACKEND, ("运维工程师", "值班工程师", "传输工程师")),
    ("HR", "人力资源部", DepartmentKind.BACKEND, ("人事专员", "薪酬专员", "招聘专员")),
    ("FIN", "财务部", DepartmentKind.BACKEND, ("会计", "出纳", "财务分析师")),
)
# Which backend departments support which regions, with a weight (HR and finance support none).
SUPPORT = {
    "TECH": {code: Decimal(1) for code, _, _ in REGIONS},
    "NOC": {code: Decimal("1.5") if code in {"R-HIGHTECH", "R-PORT"} else Decimal(1) for code, _, _ in REGIONS},
    "RND": {"R-EAST": Decimal(1), "R-HIGHTECH": Decimal(2), "R-WEST": Decimal("0.5")},
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁婷雪琳晨欣"
    "怡博文涵睿轩"
)
DEMO_SEED = 20261128


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _months(end: date, count: int) -> list[str]:
    months, year, month = [], end.year, end.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(months)


async def load_demo(database_url: str, *, employees: int = 300, support_days: int = 90) -> int:
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        if await Employee.exists():
            print("Demo data not loaded: the database already has employees.")
            return 0
        await load_organisation(employees, support_days=support_days)
        return 0
    finally:
        await Tortoise.close_connections()


async def load_organisation(headcount: int, *, support_days: int = 90) -> None:
    """The demo organisation and its activity, written through the services (Tortoise must be initialised)."""
    rng = random.Random(DEMO_SEED)
    today = org.today()
    periods = _months(today.replace(day=1) + timedelta(days=62), 15)
    bus = MemoryEventBus()
    with Progress() as progress:
        task = progress.add_task("Loading demo organisation", total=headcount + len(REGIONS) + len(DEPARTMENTS))
        async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
            for code, name, monthly in REGIONS:
                targets = [(p, Decimal(monthly) * Decimal(rng.choice((95, 100, 105))) / 100) for p in periods]
                await org.create_region(uow=uow, code=code, name=name,
                                        targets=[(p, t.quantize(Decimal("0.01"))) for p, t in targets])
                progress.advance(task)
            for code, name, kind, _ in DEPARTMENTS:
                await org.create_department(uow=uow, code=code, name=name, kind=kind)
                progress.advance(task)
            for department_code, regions in SUPPORT.items():
                for region_code, weight in regions.items():
                    await org.link_support(uow=uow, department_code=department_code, region_code=region_code,
                                           weight=weight)
            positions = {code: titles for code, _, _, titles in DEPARTMENTS}
            kinds = {code: kind for code, _, kind, _ in DEPARTMENTS}
            for employee_no, password, name, department, region, position, roles in DEMO_LOGINS:
                await org.hire_employee(uow=uow, data=org.HireData(
                    employee_no=employee_no, name=name, department_code=department, region_code=region,
                    position=position, base_salary=Decimal("16000.00"), target_bonus=Decimal("30000.00"),
                    hire_date=date(2019, 3, 1), roles=roles, password=password))
                progress.advance(task)
            # Frontline is most of the headcount, as in a cable operator.
            weights = {"MKT": 30, "FIELD": 30, "CS": 15, "TECH": 12, "RND": 6, "NOC": 5, "HR": 1, "FIN": 1}
            codes = list(weights)
            for index in range(headcount - len(DEMO_LOGINS)):
                department = rng.choices(codes, weights=[weights[c] for c in codes])[0]
                frontline = kinds[department] is DepartmentKind.FRONTLINE
                base = Decimal(rng.randrange(6000, 22000, 100))
                hired = today - timedelta(days=rng.randrange(60, 365 * 12))
                employee = await org.hire_employee(uow=uow, data=org.HireData(
                    employee_no=f"E{index + 1:05d}", name=_name(rng), department_code=department,
                    region_code=rng.choice(REGIONS)[0] if frontline else None,
                    position=rng.choice(positions[department]), base_salary=base,
                    target_bonus=(base * Decimal(rng.choice((2, 3, 4)))).quantize(Decimal("0.01")),
                    hire_date=hired, roles=(Role.STAFF,)))
                if rng.random() < 0.08 and (today - hired).days > 120:
                    # Some history: a transfer within the same side, effective a while ago.
                    moved = today - timedelta(days=rng.randrange(30, (today - hired).days - 30))
                    await org.transfer_employee(uow=uow, data=org.TransferData(
                        employee_id=employee.id, effective_date=moved,
                        region_code=rng.choice(REGIONS)[0] if frontline else None,
                        base_salary=base + Decimal(500)))
                progress.advance(task)
    # Version 2 of the rules before the history, so requests after its date are judged by it.
    version = await load_demo_rulesets(bus=bus, rng=random.Random(DEMO_SEED + 7), now=datetime.now(UTC))
    # Support history in its own transaction: one long transaction would hold the SQLite write lock throughout.
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        with Progress() as progress:
            progress.add_task("Loading three months of support requests", total=None)
            requests = await load_demo_support(uow, rng=rng, now=datetime.now(UTC), days=support_days)
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        with Progress() as progress:
            progress.add_task("Loading three months of orders and the ledger", total=None)
            rewards = await load_demo_rewards(uow, rng=random.Random(DEMO_SEED + 7), now=datetime.now(UTC),
                                              days=support_days)
    async with UnitOfWork(bus=bus, actor=SYSTEM) as uow:
        with Progress() as progress:
            progress.add_task("Loading project boards", total=None)
            await load_demo_projects(uow, rng=random.Random(DEMO_SEED + 3), today=today)
    with Progress() as progress:
        progress.add_task("Loading three months of performance assessment", total=None)
        assessed = await load_demo_performance(bus=bus, rng=random.Random(DEMO_SEED + 5), now=datetime.now(UTC),
                                               zone=load_settings().timezone)
    with Progress() as progress:
        progress.add_task("Acknowledging the rules", total=None)
        acknowledged = await acknowledge_demo_rulesets(bus=bus, rng=random.Random(DEMO_SEED + 11), version=version)
    with Progress() as progress:
        progress.add_task("Settling last year's collaboration fund", total=None)
        funded = await load_demo_fund(bus=bus, rng=random.Random(DEMO_SEED + 7), today=today)
    print(f"Loaded {len(REGIONS)} regions, {len(DEPARTMENTS)} departments, {headcount} employees "
          f"and {requests} support requests; {assessed['schemes']} assessment schemes, {assessed['values']} "
          f"imported values, {assessed['locked']} scorecards frozen in the oldest month; {rewards['orders']} orders "
          f"({rewards['cancelled']} cancelled, {rewards['pending']} blocked by a request, "
          f"{rewards['credited_on_resolution']} credited on its resolution); the {funded['year']} "
          f"collaboration fund settled ({funded['fund']}, {funded['paid']} paid) and a planned profit of "
          f"{funded['planned']} for this year.")
    print(f"Rule set version {version} published mid last month; {acknowledged} of {headcount} employees "
          "acknowledged it.")
    print("Sign in as HR0001 / tandem-hr (HR), M0001 / tandem-manager (manager), F0001 / tandem-staff (frontline "
          "staff), B0001 / tandem-backend (backend staff).")


async def create_admin(database_url: str, *, employee_no: str, password: str, name: str) -> int:
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
            if await Employee.filter(employee_no=employee_no.strip().upper()).exists():
                await org.set_password(uow=uow, employee_no=employee_no, password=password, roles=(Role.ADMIN,))
            else:
                if not await Department.filter(code="HR").exists():
                    await org.create_department(uow=uow, code="HR", name="人力资源部", kind=DepartmentKind.BACKEND)
                await org.hire_employee(uow=uow, data=org.HireData(
                    employee_no=employee_no, name=name, department_code="HR", region_code=None,
                    position="系统管理员", base_salary=Decimal(0), target_bonus=Decimal(0),
                    hire_date=org.today(), roles=(Role.ADMIN,), password=password))
    except DomainError as error:
        print(f"Not created: {error.message}")
        return 1
    finally:
        await Tortoise.close_connections()
    print(f"{employee_no.strip().upper()} can now sign in as an administrator.")
    return 0
