"""The authorisation matrix (issue 11, what to build 6): every operation of the schema, called as every role,
against the table below. An operation the schema has and the table lacks fails the test: whoever adds one adds
its row (and its call in CALLS). Every response is also scanned for pay that the role may not read.

Roles: anonymous; staff (F0001: a project member and the request's submitter); colleague (F0003: staff with no
part in either); manager (M0001: manages TECH, the request's target department, and owns the project); hr;
admin; a partner token with only scope S ("partner+S") and one with every scope but S ("partner-S"), for every
scope the code defines; a revoked partner token that had every scope; an HR user who has left.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from backend.domain.access import SYSTEM, Scope
from backend.domain.org import Role
from backend.domain.performance import Direction, Source
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.graphql.schema import UNEXPECTED_ERROR_MESSAGE, schema
from backend.persistence.models import ApiToken
from backend.services import org, performance
from backend.services.security import new_partner_token, partner_token_digest
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, build_org, gql, token_for
from tests.api.projects.conftest import make_project, new_task

pytestmark = pytest.mark.asyncio(loop_scope="session")

SCOPES = [scope.value for scope in Scope]
EMPLOYEES = frozenset({"staff", "colleague", "manager", "hr", "admin"})
HR = frozenset({"hr", "admin"})
ANYONE = frozenset({"anonymous"})  # and so also the revoked token and the left employee, who are anonymous

# How a refusal shows: a typed error (mutations), a GraphQL error, a null field, an empty list, or (for
# subscriptions) an error message or a refused connection.
TYPED, ERROR, NULL, EMPTY, SOCKET = "typed", "error", "null", "empty", "socket"


@dataclass(frozen=True)
class Row:
    employees: frozenset[str]
    partners: tuple[str, ...] = ()  # a partner holding any of these scopes is allowed
    denied: str = TYPED
    hides: bool = False  # a refused caller is told NOT_FOUND: the thing is not revealed to exist

    def allows(self, role: str) -> bool:
        if role in ("anonymous", "revoked", "left"):
            return "anonymous" in self.employees
        if role.startswith("partner+"):
            return role.removeprefix("partner+") in self.partners
        if role.startswith("partner-"):
            return bool(set(self.partners) - {role.removeprefix("partner-")})
        return role in self.employees


# ---------------------------------------------------------------------------------------------------------------
# operation                        who may call it                                      how a refusal shows
MATRIX: dict[str, Row] = {
    "Query.me":                    Row(EMPLOYEES,                                       denied=NULL),
    "Query.employees":             Row(EMPLOYEES, ("read:employees",),                  denied=ERROR),
    "Query.employee":              Row(EMPLOYEES, ("read:employees",),                  denied=ERROR),
    "Query.regions":               Row(EMPLOYEES, ("read:employees", "read:organisation"), denied=ERROR),
    "Query.departments":           Row(EMPLOYEES, ("read:employees", "read:organisation"), denied=ERROR),
    # Staff read what they submitted, their department's queue and (managers) their department's requests.
    "Query.supportRequests":       Row(frozenset({"staff", "manager", "hr", "admin"}), ("read:support",),
                                       denied=EMPTY),
    "Query.supportRequest":        Row(frozenset({"staff", "manager", "hr", "admin"}), ("read:support",),
                                       denied=NULL),
    "Query.bottlenecks":           Row(frozenset({"manager", "hr", "admin"}), ("read:support",), denied=ERROR),
    "Query.project":               Row(EMPLOYEES, ("read:projects",),                   denied=ERROR),
    "Query.projects":              Row(EMPLOYEES, ("read:projects",),                   denied=ERROR),
    "Mutation.login":              Row(EMPLOYEES | ANYONE),
    "Mutation.logout":             Row(EMPLOYEES),  # ends the caller's own session
    "Mutation.createApiToken":     Row(HR),
    "Mutation.revokeApiToken":     Row(HR),
    "Mutation.createRegion":       Row(HR),
    "Mutation.setRegionTarget":    Row(HR),
    "Mutation.createDepartment":   Row(HR),
    "Mutation.hireEmployee":       Row(HR),
    "Mutation.transferEmployee":   Row(HR),
    "Mutation.recordLeave":        Row(HR),
    "Mutation.linkSupport":        Row(HR),
    "Mutation.submitSupportRequest": Row(frozenset({"staff", "colleague"})),  # frontline staff
    "Mutation.acceptSupportRequest": Row(frozenset({"manager"}), hides=True),        # the target department's members
    "Mutation.startSupportRequest":  Row(frozenset({"manager"}), hides=True),        # the assignee or the department's manager
    "Mutation.resolveSupportRequest": Row(frozenset({"manager"}), hides=True),
    "Mutation.confirmSupportRequest": Row(frozenset({"staff"}), hides=True),         # the submitter
    "Mutation.reopenSupportRequest":  Row(frozenset({"staff"}), hides=True),
    "Mutation.cancelSupportRequest":  Row(frozenset({"staff"}), hides=True),
    "Mutation.commentSupportRequest": Row(frozenset({"staff", "manager", "hr", "admin"}), hides=True),  # who may read it
    "Mutation.addSupportAttachment":  Row(frozenset({"staff", "manager"}), hides=True),  # submitter, target department
    "Mutation.createProject":      Row(frozenset({"manager", "hr", "admin"})),
    "Mutation.configureProject":   Row(frozenset({"manager", "hr", "admin"})),  # the owner, managers, HR
    "Mutation.addProjectMember":   Row(frozenset({"manager", "hr", "admin"})),
    # Only members touch the board; owning a project (M0001) does not make one a member.
    "Mutation.createTask":         Row(frozenset({"staff"})),
    "Mutation.updateTask":         Row(frozenset({"staff"})),
    "Mutation.assignTask":         Row(frozenset({"staff"})),
    "Mutation.moveTask":           Row(frozenset({"staff"})),
    "Mutation.commentTask":        Row(frozenset({"staff"})),
    "Mutation.rateTask":           Row(frozenset({"staff"})),  # members other than the card's assignee (F0002)
    "Mutation.deliverProject":     Row(frozenset({"manager", "hr", "admin"})),
    "Mutation.closeProject":       Row(frozenset({"manager", "hr", "admin"})),
    # Performance: indicators and schemes are rules, readable by every employee; scorecards by the person,
    # their department's managers, HR and read:performance partners.
    "Query.indicators":            Row(EMPLOYEES, ("read:performance",),                denied=ERROR),
    "Query.performanceSchemes":    Row(EMPLOYEES, ("read:performance",),                denied=ERROR),
    "Query.performanceScheme":     Row(EMPLOYEES, ("read:performance",),                denied=ERROR),
    "Query.performancePeriods":    Row(EMPLOYEES, ("read:performance",),                denied=ERROR),
    "Query.performanceScoreBands": Row(EMPLOYEES, ("read:performance",),                denied=ERROR),
    "Query.distributionGuides":    Row(EMPLOYEES, ("read:performance",),                denied=ERROR),
    "Query.scorecard":             Row(frozenset({"manager", "hr", "admin"}), ("read:performance",), denied=ERROR),
    "Query.departmentScorecards":  Row(frozenset({"manager", "hr", "admin"}), ("read:performance",), denied=ERROR),
    "Query.performanceCalibration": Row(HR, ("read:performance",),                      denied=ERROR),
    "Query.performanceMeasurements": Row(HR, ("read:performance",),                     denied=ERROR),
    # Open to any signed-in caller; the service lists only the caller's own appeals (HR: all).
    "Query.performanceAppeals":    Row(EMPLOYEES, tuple(SCOPES),                        denied=ERROR),
    "Mutation.defineIndicator":    Row(HR),
    "Mutation.publishScheme":      Row(HR),
    "Mutation.recordMeasurement":  Row(frozenset({"manager", "hr", "admin"})),  # a manager for their department
    "Mutation.importMeasurements": Row(HR),
    "Mutation.appealScorecardLine": Row(EMPLOYEES),  # one's own scorecard
    "Mutation.decideAppeal":       Row(HR),
    "Mutation.setDistributionGuide": Row(HR),
    "Mutation.lockPerformancePeriod": Row(HR),
    # Rewards: counters and pools open to employees (others' figures read null) and read:rewards/read:payroll
    # partners; orders recorded by the employee themself, managers, HR and the billing system (write:orders).
    "Query.rewardCounter":         Row(EMPLOYEES, ("read:rewards", "read:payroll"),     denied=ERROR),
    "Query.supportPool":           Row(EMPLOYEES, ("read:rewards", "read:payroll"),     denied=ERROR),
    "Query.simulateOrder":         Row(frozenset({"staff", "manager", "hr", "admin"}), ("write:orders",)),
    "Mutation.recordOrder":        Row(frozenset({"staff", "manager", "hr", "admin"}), ("write:orders",)),
    "Mutation.cancelOrder":        Row(frozenset({"staff", "manager", "hr", "admin"}), ("write:orders",),
                                       hides=True),
    "Subscription.rewardCounterUpdated": Row(EMPLOYEES, ("read:rewards", "read:payroll"), denied=SOCKET),
    # Rule sets: the rules are public to every signed-in caller (SPEC §7); who has not acknowledged, and the
    # audit log, are HR's.
    "Query.ruleSet":               Row(EMPLOYEES, tuple(SCOPES),                        denied=ERROR),
    "Query.ruleSets":              Row(EMPLOYEES, tuple(SCOPES),                        denied=ERROR),
    "Query.ruleSetAcknowledgements": Row(HR,                                            denied=ERROR),
    "Query.auditLog":              Row(HR,                                              denied=ERROR),
    "Mutation.publishRuleSet":     Row(HR),
    "Mutation.acknowledgeRuleSet": Row(EMPLOYEES),
    # Fund: the calculation is open to employees and read:rewards/read:payroll partners (others' shares read
    # null); settling, planning and previewing a draft rule set are HR's.
    "Query.collaborationFund":     Row(EMPLOYEES, ("read:rewards", "read:payroll"),     denied=ERROR),
    "Query.previewRuleSet":        Row(HR),
    "Mutation.settleCollaborationFund": Row(HR),
    "Mutation.setPlannedProfit":   Row(HR),
    "Subscription.employeeChanged":      Row(EMPLOYEES, ("read:employees",), denied=SOCKET),
    "Subscription.supportRequestChanged": Row(frozenset({"staff", "manager", "hr", "admin"}), ("read:support",),
                                              denied=SOCKET),
    "Subscription.boardChanged":   Row(EMPLOYEES, ("read:projects",),                   denied=SOCKET),
}
# ---------------------------------------------------------------------------------------------------------------

ROLES = ["anonymous", "staff", "colleague", "manager", "hr", "admin", *(f"partner+{s}" for s in SCOPES),
         *(f"partner-{s}" for s in SCOPES), "revoked", "left"]
PAY_READERS = {"hr", "admin", *(f"partner+{s}" for s in SCOPES if s == Scope.READ_PAYROLL.value),
               *(f"partner-{s}" for s in SCOPES if s != Scope.READ_PAYROLL.value)}


@dataclass
class World:
    org: Org
    tokens: dict[str, str | None]
    employee_nos: dict[str, str]
    project: str
    columns: list[str]
    task: dict[str, Any]
    request: str
    done_task: dict[str, Any] = field(default_factory=dict)
    order: str = ""
    api_token_id: str = ""
    prepared: set[str] = field(default_factory=set)


async def _hire(uow: UnitOfWork, no: str, department: str, region: str | None, roles: tuple[Role, ...]) -> int:
    employee = await org.hire_employee(uow=uow, data=org.HireData(
        employee_no=no, name=no, department_code=department, region_code=region, position="职员",
        base_salary=Decimal("9000.00"), target_bonus=Decimal("100.00"), hire_date=date(2024, 1, 1), roles=roles))
    return employee.id


async def _partner(org_: Org, scopes: list[str], *, revoked: bool = False) -> tuple[str, int]:
    token = new_partner_token()
    row = await ApiToken.create(name="partner", scopes=",".join(scopes), token_hash=partner_token_digest(token),
                                created_by_id=org_.hr_id, revoked_at=datetime.now(UTC) if revoked else None)
    return token, row.id


SUBMIT = """mutation($input: SubmitSupportRequestInput!) { submitSupportRequest(input: $input) { __typename
  ... on SupportRequestSuccess { request { id } } } }"""


async def build_world(client: httpx.AsyncClient) -> World:
    org_ = await build_org()
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        admin = await _hire(uow, "A0001", "HR", None, (Role.ADMIN,))
        colleague = await _hire(uow, "F0003", "MKT", "R1", (Role.STAFF,))
        left = await _hire(uow, "L0001", "HR", None, (Role.HR,))
        await org.record_leave(uow=uow, employee_id=left, last_day=date.today() - timedelta(days=30))
        await performance.define_indicator(uow=uow, data=performance.IndicatorData(
            code="NPS", name_zh="净推荐值", name_en="NPS", unit="分", direction=Direction.HIGHER,
            source=Source.MANUAL))
    tokens: dict[str, str | None] = {
        "anonymous": None, "staff": org_.staff, "colleague": token_for(colleague), "manager": org_.manager,
        "hr": org_.hr, "admin": token_for(admin), "left": token_for(left)}
    for scope in SCOPES:
        tokens[f"partner+{scope}"] = (await _partner(org_, [scope]))[0]
        tokens[f"partner-{scope}"] = (await _partner(org_, [s for s in SCOPES if s != scope] or [scope]))[0]
    tokens["revoked"] = (await _partner(org_, SCOPES, revoked=True))[0]
    _, token_id = await _partner(org_, [SCOPES[0]])
    board = await make_project(org_)
    task = await new_task(client, org_.staff, board, "光缆割接", assignee=org_.staff_id, points=3)
    submitted = await gql(client, SUBMIT, {"input": {
        "clientRequestId": "matrix-1", "regionCode": "R1", "departmentCode": "TECH", "category": "FAULT_REPAIR",
        "priority": "HIGH", "title": "断网", "description": "小区断网",
        "customerReportedAt": (datetime.now(UTC) - timedelta(hours=1)).isoformat()}}, token=org_.staff)
    request = submitted["data"]["submitSupportRequest"]["request"]["id"]
    return World(org=org_, tokens=tokens, employee_nos={"staff": "F0001", "colleague": "F0003",
                                                         "manager": "M0001", "hr": "HR0001", "admin": "A0001"},
                 project=board.id, columns=board.columns, task=task, request=request,
                 api_token_id=encode_id("ApiToken", token_id))


# What each operation is called with. A mutation whose allowed callers need an earlier step (a request to be
# accepted before it can be started...) says so with `prepare`, run as the system's roles before each call.
Prepare = Callable[[httpx.AsyncClient, World], Awaitable[None]]


@dataclass(frozen=True)
class Call:
    document: str
    variables: Callable[[World], dict[str, Any]] = lambda world: {}
    prepare: tuple[str, ...] = ()


ERR = "... on OperationError { code message }"
PAY = "employeeNo baseSalary targetBonus"


def _mutation(name: str, arguments: str, signature: str) -> str:
    return f"mutation{f'({signature})' if signature else ''} {{ {name}({arguments}) {{ __typename {ERR} }} }}"


def _request_in(world: World) -> dict[str, Any]:
    return {"id": world.request}


def _order_input(world: World, client_id: str) -> dict[str, Any]:
    return {"clientOrderId": client_id, "employeeId": encode_id("Employee", world.org.staff_id), "regionCode": "R1",
            "customer": "客户", "type": "NEW", "amount": "1000.00",
            "occurredAt": (datetime.now(UTC) - timedelta(hours=1)).isoformat()}


CALLS: dict[str, Call] = {
    "Query.me": Call(f"{{ me {{ {PAY} }} }}"),
    "Query.employees": Call(f"{{ employees(first: 20) {{ nodes {{ {PAY} history {{ baseSalary targetBonus }} }} }} }}"),
    "Query.employee": Call(f"query($id: ID!) {{ employee(id: $id) {{ {PAY} }} }}",
                           lambda w: {"id": encode_id("Employee", w.org.backend_id)}),
    "Query.regions": Call("{ regions { code } }"),
    "Query.departments": Call("{ departments { code } }"),
    "Query.supportRequests": Call("{ supportRequests(first: 10) { edges { node { id } } } }"),
    "Query.supportRequest": Call("query($id: ID!) { supportRequest(id: $id) { id } }", _request_in),
    "Query.bottlenecks": Call('{ bottlenecks(period: "2026-11") { period } }'),
    "Query.project": Call("query($id: ID!) { project(id: $id) { id allocation { members { employee { employeeNo } "
                          "amount exactAmount share } } members { employee { employeeNo } } } }",
                          lambda w: {"id": w.project}),
    "Query.projects": Call("{ projects { id } }"),
    "Mutation.login": Call(_mutation("login", "employeeNo: $n, password: $p", "$n: String!, $p: String!"),
                           lambda w: {"n": "HR0001", "p": "not the password"}),
    "Mutation.logout": Call(_mutation("logout", "", "").replace("logout()", "logout")),
    "Mutation.createApiToken": Call(_mutation("createApiToken", "name: $n, scopes: [READ_EMPLOYEES]", "$n: String!"),
                                    lambda w: {"n": "bi"}),
    "Mutation.revokeApiToken": Call(_mutation("revokeApiToken", "id: $id", "$id: ID!"),
                                    lambda w: {"id": w.api_token_id}),
    "Mutation.createRegion": Call(_mutation("createRegion", 'input: {code: "R9", name: "新区"}', "")),
    "Mutation.setRegionTarget": Call(_mutation("setRegionTarget", 'regionCode: "R1", period: "2026-12", '
                                               'revenueTarget: "100.00"', "")),
    "Mutation.createDepartment": Call(_mutation("createDepartment", 'input: {code: "NOC", name: "网络", '
                                                'kind: BACKEND}', "")),
    "Mutation.hireEmployee": Call(_mutation("hireEmployee", 'input: {employeeNo: "N0001", name: "新人", '
                                            'departmentCode: "TECH", position: "工程师", baseSalary: "1.00", '
                                            'hireDate: "2026-01-01"}', "")),
    "Mutation.transferEmployee": Call(_mutation("transferEmployee", 'input: {employeeId: $id, effectiveDate: '
                                                '"2026-01-01", position: "主管"}', "$id: ID!"),
                                      lambda w: {"id": encode_id("Employee", w.org.backend_id)}),
    "Mutation.recordLeave": Call(_mutation("recordLeave", 'employeeId: $id, lastDay: "2026-06-30"', "$id: ID!"),
                                 lambda w: {"id": encode_id("Employee", w.org.other_staff_id)}),
    "Mutation.linkSupport": Call(_mutation("linkSupport", 'departmentCode: "TECH", regionCode: "R1", weight: "2"',
                                           "")),
    "Mutation.submitSupportRequest": Call(_mutation("submitSupportRequest", "input: $input",
                                                    "$input: SubmitSupportRequestInput!"), lambda w: {"input": {
        "clientRequestId": "matrix-2", "regionCode": "R1", "departmentCode": "TECH", "category": "OTHER",
        "priority": "LOW", "title": "咨询", "description": "x",
        "customerReportedAt": (datetime.now(UTC) - timedelta(hours=1)).isoformat()}}),
    "Mutation.acceptSupportRequest": Call(_mutation("acceptSupportRequest", "id: $id, assigneeId: $a",
                                                    "$id: ID!, $a: ID!"),
                                          lambda w: {"id": w.request, "a": encode_id("Employee", w.org.backend_id)}),
    "Mutation.startSupportRequest": Call(_mutation("startSupportRequest", "id: $id", "$id: ID!"), _request_in,
                                         prepare=("accept",)),
    "Mutation.resolveSupportRequest": Call(_mutation("resolveSupportRequest", "id: $id", "$id: ID!"), _request_in,
                                           prepare=("accept", "start")),
    "Mutation.confirmSupportRequest": Call(_mutation("confirmSupportRequest", "id: $id, rating: 5", "$id: ID!"),
                                           _request_in, prepare=("accept", "start", "resolve")),
    "Mutation.reopenSupportRequest": Call(_mutation("reopenSupportRequest", 'id: $id, reason: "又断了"',
                                                    "$id: ID!"), _request_in, prepare=("accept", "start", "resolve")),
    "Mutation.cancelSupportRequest": Call(_mutation("cancelSupportRequest", "id: $id", "$id: ID!"), _request_in),
    "Mutation.commentSupportRequest": Call(_mutation("commentSupportRequest", 'id: $id, body: "收到"', "$id: ID!"),
                                           _request_in),
    "Mutation.addSupportAttachment": Call(""),  # multipart: called by _call_upload
    "Mutation.createProject": Call(_mutation("createProject", 'input: {name: "新项目", bonusPool: "100.00", '
                                             'goals: [{kind: SATISFACTION, targetValue: "90"}]}', "")),
    "Mutation.configureProject": Call(_mutation("configureProject", 'input: {projectId: $p, name: "改名"}',
                                                "$p: ID!"), lambda w: {"p": w.project}),
    "Mutation.addProjectMember": Call(_mutation("addProjectMember", "projectId: $p, employeeId: $e",
                                                "$p: ID!, $e: ID!"),
                                      lambda w: {"p": w.project, "e": encode_id("Employee", w.org.hr_id)}),
    "Mutation.createTask": Call(_mutation("createTask", 'input: {projectId: $p, title: "新卡片"}', "$p: ID!"),
                                lambda w: {"p": w.project}),
    "Mutation.updateTask": Call(_mutation("updateTask", 'input: {taskId: $t, title: "改"}', "$t: ID!"),
                                lambda w: {"t": w.task["id"]}),
    "Mutation.assignTask": Call(_mutation("assignTask", "taskId: $t, assigneeId: null", "$t: ID!"),
                                lambda w: {"t": w.task["id"]}),
    "Mutation.moveTask": Call(_mutation("moveTask", "taskId: $t, columnId: $c, position: 0, expectedVersion: $v",
                                        "$t: ID!, $c: ID!, $v: Int!"),
                              lambda w: {"t": w.task["id"], "c": w.columns[1], "v": w.task["version"]}),
    "Mutation.commentTask": Call(_mutation("commentTask", 'taskId: $t, body: "好"', "$t: ID!"),
                                 lambda w: {"t": w.task["id"]}),
    "Mutation.rateTask": Call(_mutation("rateTask", "taskId: $t, rating: 4", "$t: ID!"),
                              lambda w: {"t": w.done_task["id"]}, prepare=("done",)),
    "Mutation.deliverProject": Call(_mutation("deliverProject", 'projectId: $p, deliveredOn: "2026-10-01"',
                                              "$p: ID!"), lambda w: {"p": w.project}),
    "Mutation.closeProject": Call(_mutation("closeProject", 'projectId: $p, deliveredOn: "2026-10-01", '
                                            'satisfaction: "95", revenue: "600000.00"', "$p: ID!"),
                                  lambda w: {"p": w.project}),
    "Query.indicators": Call("{ indicators { code } }"),
    "Query.performanceSchemes": Call("{ performanceSchemes { __typename } }"),
    "Query.performanceScheme": Call('query($id: ID!) { performanceScheme(period: "2026-11", employeeId: $id) '
                                    "{ __typename } }", lambda w: {"id": encode_id("Employee", w.org.backend_id)}),
    "Query.performancePeriods": Call("{ performancePeriods { __typename } }"),
    "Query.performanceScoreBands": Call("{ performanceScoreBands { __typename } }"),
    "Query.distributionGuides": Call("{ distributionGuides { __typename } }"),
    "Query.scorecard": Call('query($id: ID!) { scorecard(employeeId: $id, period: "2026-11") { __typename } }',
                            lambda w: {"id": encode_id("Employee", w.org.backend_id)}),
    "Query.departmentScorecards": Call('{ departmentScorecards(departmentCode: "TECH", period: "2026-11") '
                                       "{ __typename } }"),
    "Query.performanceCalibration": Call('{ performanceCalibration(period: "2026-11") { __typename } }'),
    "Query.performanceMeasurements": Call('{ performanceMeasurements(period: "2026-11") { __typename } }'),
    "Query.performanceAppeals": Call("{ performanceAppeals { __typename } }"),
    "Mutation.defineIndicator": Call(_mutation("defineIndicator", 'input: {code: "CSAT", nameZh: "净推荐值", '
                                               'nameEn: "NPS", unit: "分", direction: HIGHER, source: MANUAL}', "")),
    "Mutation.publishScheme": Call(_mutation("publishScheme", 'input: {effectiveFrom: "2026-12", departmentCode: '
                                             '"TECH", lines: [{indicatorCode: "NPS", weight: "100", target: "1"}]}',
                                             "")),
    "Mutation.recordMeasurement": Call(_mutation("recordMeasurement", 'input: {indicatorCode: "NPS", period: '
                                                 '"2026-11", value: "1", departmentCode: "TECH"}', "")),
    "Mutation.importMeasurements": Call(""),  # multipart: called by _call_upload
    "Mutation.appealScorecardLine": Call(_mutation("appealScorecardLine", 'input: {period: "2026-11", '
                                                   'indicatorCode: "NPS", reason: "不公平"}', "")),
    "Mutation.decideAppeal": Call(_mutation("decideAppeal", 'input: {appealId: $id, accept: false, response: "否"}',
                                            "$id: ID!"), lambda w: {"id": encode_id("Appeal", 1)}),
    "Mutation.setDistributionGuide": Call(_mutation("setDistributionGuide", 'input: {bands: [{minScore: "90", '
                                                    'maxShare: "0.2"}]}', "")),
    "Mutation.lockPerformancePeriod": Call(_mutation("lockPerformancePeriod", 'period: "2026-10"', "")),
    "Query.rewardCounter": Call("query($id: ID!) { rewardCounter(employeeId: $id) { employeeNo commissionNet { "
                                "amount } poolContribution { amount } trend { date } } }",
                                lambda w: {"id": encode_id("Employee", w.org.staff_id)}),
    "Query.supportPool": Call('{ supportPool(regionCode: "R1") { pool recipients { employeeNo share { amount } } } }'),
    "Query.simulateOrder": Call(f"query($input: RecordOrderInput!) {{ simulateOrder(input: $input) {{ __typename "
                                f"{ERR} }} }}", lambda w: {"input": _order_input(w, "matrix-sim")}),
    "Mutation.recordOrder": Call(_mutation("recordOrder", "input: $input", "$input: RecordOrderInput!"),
                                 lambda w: {"input": _order_input(w, "matrix-order")}),
    "Mutation.cancelOrder": Call(_mutation("cancelOrder", 'id: $id, reason: "退款"', "$id: ID!"),
                                 lambda w: {"id": w.order}, prepare=("order",)),
    "Subscription.rewardCounterUpdated": Call("subscription($id: ID!) { rewardCounterUpdated(employeeId: $id) { "
                                              "employeeNo commissionNet { amount } } }",
                                              lambda w: {"id": encode_id("Employee", w.org.staff_id)}),
    "Query.ruleSet": Call("{ ruleSet { version } }"),
    "Query.ruleSets": Call("{ ruleSets { version } }"),
    "Query.ruleSetAcknowledgements": Call("{ ruleSetAcknowledgements { unacknowledgedCount } }"),
    "Query.auditLog": Call("{ auditLog(first: 5) { edges { cursor } } }"),
    "Mutation.publishRuleSet": Call(_mutation("publishRuleSet", 'input: {effectiveFrom: "2099-01-01", '
                                              'parameters: {accrualRatio: "0.13"}}', "")),
    "Mutation.acknowledgeRuleSet": Call(_mutation("acknowledgeRuleSet", 'version: "1"', "")),
    "Query.collaborationFund": Call("{ collaborationFund(year: 2025) { status regions { regionCode members { "
                                    "employeeNo share { amount } } } } }"),
    "Query.previewRuleSet": Call('query { previewRuleSet(input: {effectiveFrom: "2099-01-01", parameters: '
                                 '{accrualRatio: "0.13"}}, period: "2026-11") { __typename ' + ERR + " } }"),
    "Mutation.settleCollaborationFund": Call(_mutation("settleCollaborationFund", 'year: 2025, profit: "1.00"', "")),
    "Mutation.setPlannedProfit": Call(_mutation("setPlannedProfit", 'year: 2026, profit: "1.00"', "")),
    "Subscription.employeeChanged": Call("subscription($id: ID) { employeeChanged(employeeId: $id) { kind "
                                         f"employee {{ {PAY} }} }} }}",
                                         lambda w: {"id": encode_id("Employee", w.org.backend_id)}),
    "Subscription.supportRequestChanged": Call("subscription($id: ID) { supportRequestChanged(requestId: $id) "
                                               "{ action } }", _request_in),
    "Subscription.boardChanged": Call("subscription($id: ID!) { boardChanged(projectId: $id) { kind project { "
                                      "allocation { members { employee { employeeNo } amount } } } } }",
                                      lambda w: {"id": w.project}),
}

STEPS = {
    "accept": ("manager", f"mutation($id: ID!, $a: ID!) {{ acceptSupportRequest(id: $id, assigneeId: $a) "
               f"{{ __typename {ERR} }} }}", lambda w: {"id": w.request, "a": encode_id("Employee", w.org.manager_id)}),
    "start": ("manager", f"mutation($id: ID!) {{ startSupportRequest(id: $id) {{ __typename {ERR} }} }}",
              _request_in),
    "resolve": ("manager", f"mutation($id: ID!) {{ resolveSupportRequest(id: $id) {{ __typename {ERR} }} }}",
                _request_in),
}


def _operations() -> list[str]:
    core = schema._schema
    return [f"{root.name}.{name}" for root in (core.query_type, core.mutation_type, core.subscription_type)
            if root is not None for name in root.fields]


async def test_every_operation_of_the_schema_has_a_row_and_a_call() -> None:
    operations = set(_operations())
    assert operations - set(MATRIX) == set(), "add these operations to MATRIX (who may call them)"
    assert operations - set(CALLS) == set(), "add these operations to CALLS (how the matrix calls them)"
    assert set(MATRIX) - operations == set(), "these rows name operations the schema no longer has"


def _pay_leaks(role: str, world: World, payload: Any) -> list[Any]:
    """Pay figures in a response that this role may not read."""
    own = world.employee_nos.get(role)
    leaks: list[Any] = []
    stack: list[tuple[Any, str | None]] = [(payload, None)]  # (value, employee it belongs to)
    while stack:
        item, whose = stack.pop()
        if isinstance(item, dict):
            whose = item.get("employeeNo", whose)
            pay = {k: item.get(k) for k in ("baseSalary", "targetBonus", "amount", "exactAmount")
                   if item.get(k) is not None}
            if "employee" in item and isinstance(item["employee"], dict) and "amount" in item:
                whose = item["employee"].get("employeeNo")  # a project member's share
            if pay and role not in PAY_READERS and whose != own and not _member_amount_visible(role, item):
                leaks.append(item)
            stack.extend((value, whose) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, whose) for value in item)
    return leaks


def _member_amount_visible(role: str, item: dict[str, Any]) -> bool:
    """Project members' amounts: also the project's members (F0001) and, for a member in TECH, TECH's manager
    (SPEC §7; the rule has its own tests)."""
    return "amount" in item and role in ("staff", "manager")


def _denied(row: Row, operation: str, body: dict[str, Any]) -> bool:
    name = operation.split(".", 1)[1]
    errors = body.get("errors") or []
    assert UNEXPECTED_ERROR_MESSAGE not in [e.get("message") for e in errors], (operation, body)
    data = (body.get("data") or {}).get(name)
    if row.denied == TYPED:
        assert data is not None, (operation, body)
        refusals = ("UNAUTHENTICATED", "PERMISSION_DENIED", *(("NOT_FOUND",) if row.hides else ()))
        return data.get("__typename") == "OperationError" and data.get("code") in refusals
    if errors and data is None:
        return True  # a permission class refused the field (for every kind of row: anonymous callers get this)
    if row.denied == ERROR:
        return False
    if row.denied == NULL:
        assert not errors, (operation, body)
        return data is None
    assert row.denied == EMPTY and not errors, (operation, body)
    return not data["edges"]


async def _subscribe(ws_url: str, token: str | None, call: Call, world: World) -> tuple[bool, Any]:
    """(denied, first payload)."""
    async with connect(ws_url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
        await socket.send(json.dumps({"type": "connection_init",
                                      "payload": {"authorization": f"Bearer {token}"} if token else {}}))
        try:
            ack = json.loads(await socket.recv())
        except ConnectionClosed as closed:
            assert closed.rcvd is not None and closed.rcvd.code == 4403
            return True, None
        assert ack["type"] == "connection_ack"
        await socket.send(json.dumps({"id": "1", "type": "subscribe",
                                      "payload": {"query": call.document, "variables": call.variables(world)}}))
        message = json.loads(await socket.recv())
        assert message["type"] in ("next", "error"), message
        if message["type"] == "error":
            assert UNEXPECTED_ERROR_MESSAGE not in json.dumps(message)
            return True, None
        payload = message["payload"]
        return bool(payload.get("errors")) and payload.get("data") is None, payload


async def _prepare(client: httpx.AsyncClient, world: World, steps: tuple[str, ...]) -> None:
    for step in steps:
        if step in world.prepared:
            continue
        world.prepared.add(step)
        if step == "order":  # an order of F0001's, for cancelOrder
            recorded = await gql(client, _mutation("recordOrder", "input: $input", "$input: RecordOrderInput!")
                                 .replace("__typename", "__typename ... on RecordOrderSuccess { order { id } }"),
                                 {"input": _order_input(world, "matrix-cancel")}, token=world.tokens["hr"])
            world.order = recorded["data"]["recordOrder"]["order"]["id"]
            continue
        if step == "done":  # a card in the last column, assigned to F0002, for another member (F0001) to rate
            card = await new_task(client, world.org.staff, _board(world), "已完成", column=len(world.columns) - 1,
                                  assignee=world.org.other_staff_id, points=1)
            world.done_task = card
            continue
        role, document, variables = STEPS[step]
        result = await gql(client, document, variables(world), token=world.tokens[role])
        assert "Success" in json.dumps(result), (step, result)


def _board(world: World) -> Any:
    from tests.api.projects.conftest import ProjectBoard

    return ProjectBoard(id=world.project, pk=0, columns=world.columns, column_pks=[])


UPLOADS = {
    "Mutation.addSupportAttachment": (
        "mutation($f: Upload!, $id: ID!) { addSupportAttachment(requestId: $id, file: $f) "
        f"{{ __typename {ERR} }} }}", ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")),
    "Mutation.importMeasurements": (
        "mutation($f: Upload!) { importMeasurements(file: $f, period: \"2026-11\", dryRun: true) "
        f"{{ __typename {ERR} }} }}", ("values.csv", b"indicator,department,value\nNPS,TECH,1\n", "text/csv")),
}


async def _call_upload(client: httpx.AsyncClient, world: World, operation: str, token: str | None) -> dict[str, Any]:
    document, file = UPLOADS[operation]
    operations = {"query": document, "variables": {"id": world.request, "f": None} if "$id" in document
                  else {"f": None}}
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", headers=headers, data={
        "operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})}, files={"0": file})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _observe(client: httpx.AsyncClient, ws_url: str, world: World, operation: str, role: str) -> bool:
    row, call = MATRIX[operation], CALLS[operation]
    token = world.tokens[role]
    if operation.startswith("Subscription."):
        denied, payload = await _subscribe(ws_url, token, call, world)
    else:
        await _prepare(client, world, call.prepare)
        body = await _call_upload(client, world, operation, token) if operation in UPLOADS \
            else await gql(client, call.document, call.variables(world), token=token)
        denied, payload = _denied(row, operation, body), body
    assert _pay_leaks(role, world, payload) == [], (operation, role)
    if denied != (not row.allows(role)):
        print(f"\n{operation} as {role}: {json.dumps(payload, ensure_ascii=False)[:300]}")
    return denied


QUERIES = [op for op in MATRIX if not op.startswith("Mutation.")]
MUTATIONS = [op for op in MATRIX if op.startswith("Mutation.")]


async def test_queries_and_subscriptions_as_every_role(client: httpx.AsyncClient, ws_url: str) -> None:
    """Reads change nothing: one world for all of them."""
    world = await build_world(client)
    wrong = []
    for operation in QUERIES:
        for role in ROLES:
            denied = await _observe(client, ws_url, world, operation, role)
            if denied == MATRIX[operation].allows(role):
                wrong.append(f"{operation} as {role}: {'denied' if denied else 'allowed'}")
    assert wrong == []


@pytest.mark.parametrize("operation", MUTATIONS)
async def test_mutations_as_every_role(client: httpx.AsyncClient, ws_url: str, operation: str) -> None:
    """Refusals change nothing, so every role that should be refused is tried first on one world; each role
    that may call it then gets a world of its own (an allowed call changes it)."""
    row = MATRIX[operation]
    world = await build_world(client)
    wrong = []
    for role in [r for r in ROLES if not row.allows(r)]:
        if not await _observe(client, ws_url, world, operation, role):
            wrong.append(f"{operation} as {role}: allowed")
    for role in [r for r in ROLES if row.allows(r)]:
        if role != next(r for r in ROLES if row.allows(r)):
            await _reset(client)
            world = await build_world(client)
        if await _observe(client, ws_url, world, operation, role):
            wrong.append(f"{operation} as {role}: denied")
    assert wrong == []


async def _reset(client: httpx.AsyncClient) -> None:
    from tests.api.conftest import _empty_tables

    await _empty_tables()
