"""Demo projects for `tandem demo`: a few cross-department projects with boards of 50–300 cards and months of
realistic activity (cards created, assigned, moved through the columns, commented, rated), one of them closed with
its allocation frozen. Everything goes through the project services, with historic timestamps."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from backend.domain.org import DepartmentKind
from backend.domain.projects import ColumnSpec, Goal, GoalKind
from backend.persistence.models import Employee
from backend.services import projects
from backend.services.uow import UnitOfWork

# name, cards, days since start, due in days from today (negative: past), pool, closed
PROJECTS = (
    ("城东光网改造攻坚", 160, 90, 40, "120000.00", False),
    ("县域宽带提速专项", 80, 60, -5, "60000.00", False),
    ("政企专线快速开通", 50, 30, 60, "30000.00", False),
    ("智慧社区试点", 60, 150, -40, "45000.00", True),
)
VERBS = ("勘察", "设计", "开通", "割接", "测试", "验收", "培训", "回访", "排障", "优化", "评审", "部署")
OBJECTS = ("光交箱", "分纤箱", "OLT 端口", "用户终端", "机房电源", "传输链路", "IPTV 平台", "客户档案",
           "政企专线", "小区楼道", "计费规则", "网管告警")
COMMENTS = ("已联系客户，约好明天上门", "现场资源不足，需要后端协助", "方案已评审通过", "测试通过，可以验收",
            "客户反馈良好", "依赖传输链路调整，预计两天", "已补充照片", "这个需要研发配合改配置",
            "辛苦了！", "请更新进度")


@dataclass
class _Card:
    task_id: int
    version: int
    column: int
    assignee: int


async def load_demo_projects(uow: UnitOfWork, *, rng: random.Random, today: date) -> None:
    """Projects owned by the demo manager (and a senior colleague), with the demo staff login as a member."""
    staff = await Employee.filter(leave_date__isnull=True).using_db(uow.connection).select_related("department") \
        .order_by("id")
    by_no = {e.employee_no: e for e in staff}
    frontline = [e for e in staff if e.department.kind is DepartmentKind.FRONTLINE]
    backend = [e for e in staff if e.department.kind is DepartmentKind.BACKEND
               and e.department.code in {"TECH", "RND", "NOC"}]
    now = datetime.combine(today, time(18, 0), tzinfo=UTC)
    # A smaller organisation gets smaller boards (never under 50 cards).
    scale = min(1.0, len(staff) / 300)
    for index, (name, full_size, age, due_in, pool, closed) in enumerate(PROJECTS):
        cards = max(50, round(full_size * scale))
        started = today - timedelta(days=age)
        seniors = [e for e in backend if e.hire_date <= started]
        owner = by_no.get("M0001") if index % 2 == 0 else None
        owner = owner or (rng.choice(seniors) if seniors else None)
        if owner is None:
            return  # an organisation too small for projects
        eligible_front = [e for e in frontline if e.hire_date <= started]
        eligible_back = [e for e in seniors if e.id != owner.id]
        members = (rng.sample(eligible_front, min(4 + index % 3, len(eligible_front)))
                   + rng.sample(eligible_back, min(3 + index % 2, len(eligible_back))))
        demo_staff = by_no.get("F0001")
        if index < 2 and demo_staff is not None and demo_staff not in members:
            members.append(demo_staff)
        pool_amount = Decimal(pool)
        project = await projects.create_project(uow=uow, at=datetime.combine(started, time(9, 0), tzinfo=UTC),
                                                data=projects.ProjectData(
            name=name, description=f"{name}：一线与后端联合攻坚，按看板推进，奖金按贡献自动分配。",
            bonus_pool=pool_amount, owner_id=owner.id, started_on=started,
            goals=[Goal(kind=GoalKind.DELIVERY, weight=Decimal(2), target_date=today + timedelta(days=due_in)),
                   Goal(kind=GoalKind.SATISFACTION, weight=Decimal(1), target_value=Decimal(90)),
                   Goal(kind=GoalKind.REVENUE, weight=Decimal(1), target_value=pool_amount * 10)],
            columns=[ColumnSpec("待办"), ColumnSpec("进行中", 12 + cards // 20), ColumnSpec("评审", 8 + cards // 40),
                     ColumnSpec("完成")],
            # The demo owners work on their boards too, so they are named members (owning makes nobody one).
            member_ids=[owner.id, *(m.id for m in members)]))
        # The closed project was delivered six days late.
        end = now if not closed else datetime.combine(today + timedelta(days=due_in + 6), time(17, 0), tzinfo=UTC)
        await _activity(uow, rng=rng, project_id=project.id, members=[owner.id, *(m.id for m in members)],
                        cards=cards, start=datetime.combine(started, time(9, 30), tzinfo=UTC), end=end,
                        finish_all=closed)
        if closed:
            await projects.close_project(uow=uow, project_id=project.id, delivered_on=end.date(),
                                         satisfaction=Decimal(rng.choice((84, 86, 88))),
                                         revenue=(pool_amount * Decimal("9.2")).quantize(Decimal("0.01")),
                                         at=end + timedelta(days=3))


async def _activity(uow: UnitOfWork, *, rng: random.Random, project_id: int, members: list[int], cards: int,
                    start: datetime, end: datetime, finish_all: bool) -> None:
    """Plan every action with its time, then play them in time order through the services."""
    from backend.persistence.models import BoardColumn

    columns = [c.id for c in await BoardColumn.filter(project_id=project_id).using_db(uow.connection)
               .order_by("position")]
    limits = [c.wip_limit for c in await BoardColumn.filter(project_id=project_id).using_db(uow.connection)
              .order_by("position")]
    span = (end - start).total_seconds()
    plan: list[tuple[datetime, int, str, int]] = []  # when, card number, action, argument
    for number in range(cards):
        created = start + timedelta(seconds=rng.uniform(0, span * (0.55 if finish_all else 1.0)))
        plan.append((created, number, "create", 0))
        when = created
        for column in (1, 2, 3):
            if column == 2 and rng.random() < 0.4:
                continue  # small cards skip review
            when += timedelta(hours=rng.uniform(6, 24 * (2 if finish_all else 16)))
            if when >= end:
                break
            plan.append((when, number, "move", column))
        for _ in range(rng.choice((0, 0, 0, 0, 1, 2))):
            plan.append((created + timedelta(seconds=rng.uniform(0, (end - created).total_seconds())), number,
                         "comment", 0))
        plan.append((when + timedelta(hours=rng.uniform(1, 48)), number, "rate", 0))
    plan.sort()
    board: dict[int, _Card] = {}
    occupancy = [0] * len(columns)
    for when, number, action, argument in plan:
        if when >= end:
            continue
        if action == "create":
            assignee = rng.choice(members)
            task = await projects.create_task(uow=uow, at=when, author_id=rng.choice(members),
                                              data=projects.TaskData(
                project_id=project_id, title=f"{rng.choice(VERBS)}{rng.choice(OBJECTS)} #{number + 1}",
                description="", assignee_id=assignee, story_points=rng.choice((1, 2, 3, 5, 8)),
                due_date=(when + timedelta(days=rng.randint(5, 30))).date()))
            board[number] = _Card(task_id=task.id, version=task.version, column=0, assignee=assignee)
            occupancy[0] += 1
            continue
        card = board.get(number)
        if card is None:
            continue
        if action == "move":
            if card.column != argument - 1 and not (argument == 3 and card.column == 1):
                continue  # an earlier step did not happen (a full column): the card stays where it is
            limit = limits[argument]
            if limit is not None and occupancy[argument] >= limit:
                continue
            mover = card.assignee if rng.random() < 0.75 else rng.choice(members)
            position = occupancy[argument] if argument == 3 else rng.randint(0, occupancy[argument])
            task = await projects.move_task(uow=uow, task_id=card.task_id, column_id=columns[argument],
                                            position=position, expected_version=card.version, at=when,
                                            author_id=mover)
            occupancy[card.column] -= 1
            occupancy[argument] += 1
            card.version, card.column = task.version, argument
        elif action == "comment":
            await projects.comment_task(uow=uow, task_id=card.task_id, body=rng.choice(COMMENTS), at=when,
                                        author_id=rng.choice(members))
        elif action == "rate" and card.column == len(columns) - 1 and rng.random() < 0.5:
            rater = rng.choice([m for m in members if m != card.assignee])
            await projects.rate_task(uow=uow, task_id=card.task_id, rating=rng.choice((3, 4, 4, 5, 5)), at=when,
                                     author_id=rater)
