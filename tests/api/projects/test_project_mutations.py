"""Project mutations: refused for the wrong caller first, then done; stale moves, WIP limits, ratings, close."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from backend.domain.access import Scope
from backend.graphql.ids import encode_id
from backend.persistence.models import AuditEntry, BoardEvent, ProjectAllocation, Task
from backend.services import clock
from tests.api.conftest import Org, gql, partner_token, table_rows, token_for
from tests.api.projects.conftest import (
    BOARD,
    ERR,
    ProjectBoard,
    assert_dense,
    make_project,
    move,
    new_task,
    read_board,
)

pytestmark = pytest.mark.asyncio(loop_scope="session")

CREATE_PROJECT = f"""mutation($input: CreateProjectInput!) {{ createProject(input: $input) {{ __typename
  ... on ProjectSuccess {{ project {{ id name status bonusPool sideSplitFrontline owner {{ employeeNo }}
    members {{ employee {{ employeeNo }} side }} goals {{ kind weight targetDate targetValue }}
    columns {{ name wipLimit }} }} }} {ERR} }} }}"""
ADD_MEMBER = f"""mutation($p: ID!, $e: ID!) {{ addProjectMember(projectId: $p, employeeId: $e) {{ __typename
  ... on ProjectSuccess {{ project {{ members {{ employee {{ employeeNo }} side }} }} }} {ERR} }} }}"""
CONFIGURE = f"""mutation($input: ConfigureProjectInput!) {{ configureProject(input: $input) {{ __typename
  ... on ProjectSuccess {{ project {{ bonusPool sideSplitFrontline columns {{ name wipLimit }} }} }} {ERR} }} }}"""
COMMENT = f"""mutation($t: ID!, $b: String!) {{ commentTask(taskId: $t, body: $b) {{ __typename
  ... on TaskCommentSuccess {{ comment {{ body author {{ employeeNo }} }} }} {ERR} }} }}"""
RATE = f"""mutation($t: ID!, $r: Int!) {{ rateTask(taskId: $t, rating: $r) {{ __typename
  ... on TaskRatingSuccess {{ rating {{ rating rater {{ employeeNo }} }} }} {ERR} }} }}"""
ASSIGN = f"""mutation($t: ID!, $a: ID, $v: Int) {{ assignTask(taskId: $t, assigneeId: $a, expectedVersion: $v) {{
  __typename ... on TaskSuccess {{ task {{ version assignee {{ employeeNo }} }} }} {ERR} }} }}"""
UPDATE = f"""mutation($input: UpdateTaskInput!) {{ updateTask(input: $input) {{ __typename
  ... on TaskSuccess {{ task {{ title storyPoints version }} }} {ERR} }} }}"""
CLOSE = f"""mutation($p: ID!, $d: Date!, $s: Decimal, $r: Money) {{ closeProject(projectId: $p, deliveredOn: $d,
  satisfaction: $s, revenue: $r) {{ __typename ... on ProjectSuccess {{ project {{ status deliveredOn }} }} {ERR} }} }}"""
ALLOCATION = """query($id: ID!) { project(id: $id) { status allocation { frozen ruleVersion pool attainment bonus
  undistributed weightPoints weightFeedback weightParticipation rounding
  goals { kind weight target actual attainment assumed }
  sides { side split effectiveSplit exactAmount amount leftoverCent members }
  members { employee { id employeeNo } side share equalShare exactAmount amount leftoverCent
    components { component value sideTotal weight effectiveWeight part } } } } }"""


def project_input(org: Org, **overrides: Any) -> dict[str, Any]:
    return {"name": "县域宽带攻坚", "bonusPool": "20000.00", "startedOn": "2026-09-01",
            "goals": [{"kind": "DELIVERY", "targetDate": "2026-12-31"},
                      {"kind": "REVENUE", "weight": "2", "targetValue": "300000"}],
            "memberIds": [encode_id("Employee", org.staff_id), encode_id("Employee", org.backend_id)],
            **overrides}


def anonymous_then(*tokens: str) -> list[tuple[str | None, str]]:
    """Nobody signed in is told to sign in; each signed-in caller given is denied."""
    return [(None, "UNAUTHENTICATED"), *((token, "PERMISSION_DENIED") for token in tokens)]


async def _refused(client: httpx.AsyncClient, query: str, variables: dict[str, Any], field: str,
                   refusals: list[tuple[str | None, str]]) -> None:
    """Each caller is refused with exactly its code, and every row of every table stays as it was."""
    for token, code in refusals:
        before = await table_rows()
        result = await gql(client, query, variables, token=token)
        assert "errors" not in result, result
        payload = result["data"][field]
        assert (payload["__typename"], payload.get("code")) == ("OperationError", code), (field, token, result)
        assert await table_rows() == before, "a refused mutation must write nothing"


async def test_create_project(client: httpx.AsyncClient, small_org: Org) -> None:
    variables = {"input": project_input(small_org)}
    await _refused(client, CREATE_PROJECT, variables, "createProject", anonymous_then(small_org.staff))

    result = await gql(client, CREATE_PROJECT, variables, token=small_org.manager)

    project = result["data"]["createProject"]["project"]
    assert (project["status"], project["bonusPool"], project["sideSplitFrontline"]) == ("ACTIVE", "20000.00", "0.6")
    assert project["owner"] == {"employeeNo": "M0001"}
    # Owning (or creating) a project makes nobody a member: members are the people named as members.
    assert project["members"] == [{"employee": {"employeeNo": "F0001"}, "side": "FRONTLINE"},
                                  {"employee": {"employeeNo": "B0001"}, "side": "BACKEND"}]
    assert [c["name"] for c in project["columns"]] == ["To do", "Doing", "Review", "Done"]
    assert project["goals"][1] == {"kind": "REVENUE", "weight": "2", "targetDate": None, "targetValue": "300000"}
    audit = await AuditEntry.filter(action="project.create").get()
    assert audit.actor == "employee:M0001" and audit.after["bonus_pool"] == "20000.00"


async def test_hr_creating_a_frontline_project_takes_no_share_of_its_bonus(client: httpx.AsyncClient,
                                                                          small_org: Org) -> None:
    frontline_team = [encode_id("Employee", small_org.staff_id), encode_id("Employee", small_org.other_staff_id)]
    result = await gql(client, CREATE_PROJECT, {"input": project_input(small_org, memberIds=frontline_team)},
                       token=small_org.hr)
    project = result["data"]["createProject"]["project"]
    assert project["owner"] == {"employeeNo": "HR0001"}
    assert {m["employee"]["employeeNo"] for m in project["members"]} == {"F0001", "F0002"}

    allocation = (await gql(client, ALLOCATION, {"id": project["id"]}, token=small_org.hr))["data"]["project"][
        "allocation"]
    assert {m["employee"]["employeeNo"] for m in allocation["members"]} == {"F0001", "F0002"}
    backend = next(s for s in allocation["sides"] if s["side"] == "BACKEND")
    assert (backend["members"], backend["amount"]) == (0, "0.00")


async def test_the_creator_who_works_on_it_names_themselves_a_member(client: httpx.AsyncClient,
                                                                   small_org: Org) -> None:
    members = [encode_id("Employee", small_org.manager_id), encode_id("Employee", small_org.staff_id)]
    result = await gql(client, CREATE_PROJECT, {"input": project_input(small_org, memberIds=members)},
                       token=small_org.manager)
    project = result["data"]["createProject"]["project"]
    assert [m["employee"]["employeeNo"] for m in project["members"]] == ["M0001", "F0001"]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"name": " "}, "name"),
    ({"bonusPool": "-1.00"}, "bonusPool"),
    ({"bonusPool": "1.001"}, "bonusPool"),
    ({"sideSplitFrontline": "1.2"}, "sideSplitFrontline"),
    ({"sideSplitFrontline": "0.123456"}, "sideSplitFrontline"),
    ({"goals": []}, "goals"),
    ({"goals": [{"kind": "DELIVERY"}]}, "goals.targetDate"),
    ({"goals": [{"kind": "SATISFACTION", "targetValue": "0"}]}, "goals.targetValue"),
    ({"columns": [{"name": "Only"}]}, "columns"),
    ({"columns": [{"name": "A", "wipLimit": 0}, {"name": "B"}]}, "columns.wipLimit"),
    ({"memberIds": ["nope"]}, "memberIds"),
])
async def test_create_project_bad_input_writes_nothing(client: httpx.AsyncClient, small_org: Org,
                                                       overrides: dict[str, Any], field: str) -> None:
    before = await table_rows()
    result = await gql(client, CREATE_PROJECT, {"input": project_input(small_org, **overrides)},
                       token=small_org.manager)
    payload = result["data"]["createProject"]
    assert (payload["__typename"], payload["code"], payload["field"]) == ("OperationError", "VALIDATION", field)
    assert await table_rows() == before


async def test_membership_and_configuration_by_the_owner_or_a_manager(client: httpx.AsyncClient,
                                                                     small_org: Org) -> None:
    board = await make_project(small_org)
    hr_employee = encode_id("Employee", small_org.hr_id)
    await _refused(client, ADD_MEMBER, {"p": board.id, "e": hr_employee}, "addProjectMember",
                   anonymous_then(small_org.staff))
    configure = {"input": {"projectId": board.id, "bonusPool": "12000.00", "sideSplitFrontline": "0.7",
                           "columns": [{"id": board.columns[0], "name": "Backlog"},
                                       {"id": board.columns[1], "name": "Doing", "wipLimit": 3},
                                       {"name": "Test"}, {"id": board.columns[2], "name": "Review"},
                                       {"id": board.columns[3], "name": "Done"}]}}
    await _refused(client, CONFIGURE, configure, "configureProject", anonymous_then(small_org.staff))

    added = await gql(client, ADD_MEMBER, {"p": board.id, "e": hr_employee}, token=small_org.manager)
    again = await gql(client, ADD_MEMBER, {"p": board.id, "e": hr_employee}, token=small_org.manager)
    configured = await gql(client, CONFIGURE, configure, token=small_org.manager)

    assert {"employee": {"employeeNo": "HR0001"}, "side": "BACKEND"} in \
        added["data"]["addProjectMember"]["project"]["members"]
    assert again["data"]["addProjectMember"]["code"] == "DUPLICATE"
    project = configured["data"]["configureProject"]["project"]
    assert (project["bonusPool"], project["sideSplitFrontline"]) == ("12000.00", "0.7")
    assert [(c["name"], c["wipLimit"]) for c in project["columns"]] == [
        ("Backlog", None), ("Doing", 3), ("Test", None), ("Review", None), ("Done", None)]
    audit = await AuditEntry.filter(action="project.configure").get()
    assert audit.before["bonus_pool"] == "10000.00" and audit.after["bonus_pool"] == "12000.00"


async def test_only_members_edit_the_board(client: httpx.AsyncClient, small_org: Org) -> None:
    board = await make_project(small_org)
    variables = {"input": {"projectId": board.id, "title": "勘察光交箱"}}
    create = """mutation($input: CreateTaskInput!) { createTask(input: $input) { __typename
      ... on OperationError { code } } }"""
    await _refused(client, create, variables, "createTask", anonymous_then(small_org.hr))

    task = await new_task(client, small_org.staff, board, "勘察光交箱", assignee=small_org.backend_id, points=3)

    assert (task["position"], task["version"], task["assignee"]) == (0, 1, {"employeeNo": "B0001"})
    outsider = await gql(client, COMMENT, {"t": task["id"], "b": "路过"}, token=small_org.hr)
    assert outsider["data"]["commentTask"]["code"] == "PERMISSION_DENIED"
    not_member = await gql(client, ASSIGN, {"t": task["id"], "a": encode_id("Employee", small_org.hr_id)},
                           token=small_org.staff)
    assert (not_member["data"]["assignTask"]["code"], not_member["data"]["assignTask"]["field"]) == (
        "VALIDATION", "assigneeId")


async def test_moves_keep_positions_dense_and_bump_the_version(client: httpx.AsyncClient, small_org: Org,
                                                               board: ProjectBoard) -> None:
    tasks = [await new_task(client, small_org.staff, board, f"任务{i}") for i in range(4)]
    await _refused(client, """mutation($t: ID!, $c: ID!) { moveTask(taskId: $t, columnId: $c, position: 0,
                   expectedVersion: 1) { __typename ... on OperationError { code } } }""",
                   {"t": tasks[0]["id"], "c": board.columns[1]}, "moveTask", anonymous_then(small_org.hr))

    moved = await move(client, token_for(small_org.backend_id), tasks[2], board.columns[1], 0)
    within = await move(client, small_org.staff, tasks[3], board.columns[0], 0)
    stale = await move(client, small_org.staff, tasks[2], board.columns[2], 0, version=1)

    assert (moved["task"]["columnId"], moved["task"]["position"], moved["task"]["version"]) == (
        board.columns[1], 0, 2)
    assert within["task"]["position"] == 0
    assert (stale["code"], stale["field"]) == ("CONFLICT", "expectedVersion")
    project = await read_board(client, small_org.staff, board)
    assert [t["title"] for t in project["columns"][0]["tasks"]] == ["任务3", "任务0", "任务1"]
    assert_dense(project)
    events = await BoardEvent.filter(project_id=board.pk, kind="TASK_MOVED").count()
    assert events == 2


async def test_moving_a_card_to_the_end_of_its_own_column_keeps_positions_dense(client: httpx.AsyncClient,
                                                                                small_org: Org,
                                                                                board: ProjectBoard) -> None:
    tasks = [await new_task(client, small_org.staff, board, f"卡片{i}") for i in range(4)]

    to_the_end = await move(client, small_org.staff, tasks[0], board.columns[0], 3)  # the last position
    past_the_end = await move(client, small_org.staff, tasks[1], board.columns[0], 99)  # clamped to the last

    assert (to_the_end["task"]["position"], past_the_end["task"]["position"]) == (3, 3)
    project = await read_board(client, small_org.staff, board)
    assert [t["title"] for t in project["columns"][0]["tasks"]] == ["卡片2", "卡片3", "卡片0", "卡片1"]
    assert_dense(project)
    stored = await Task.filter(project_id=board.pk).order_by("position").values_list("title", "position")
    assert stored == [("卡片2", 0), ("卡片3", 1), ("卡片0", 2), ("卡片1", 3)]


async def test_a_move_over_the_wip_limit_is_refused(client: httpx.AsyncClient, small_org: Org) -> None:
    board = await make_project(small_org, wip_limits=(None, 1, None, None))
    first, second = (await new_task(client, small_org.staff, board, "A"), await new_task(client, small_org.staff,
                                                                                          board, "B"))
    assert (await move(client, small_org.staff, first, board.columns[1], 0))["__typename"] == "TaskSuccess"

    before = await table_rows()
    refused = await move(client, small_org.staff, second, board.columns[1], 0)
    full = await gql(client, """mutation($input: CreateTaskInput!) { createTask(input: $input) {
      ... on OperationError { code field } } }""", {"input": {"projectId": board.id, "title": "C",
                                                           "columnId": board.columns[1]}}, token=small_org.staff)

    assert (refused["code"], refused["field"]) == ("VALIDATION", "columnId")
    assert full["data"]["createTask"] == {"code": "VALIDATION", "field": "columnId"}
    assert await table_rows() == before


async def test_ratings_by_the_assignee_of_their_own_task_are_refused(client: httpx.AsyncClient, small_org: Org,
                                                                     board: ProjectBoard) -> None:
    task = await new_task(client, small_org.staff, board, "割接方案", assignee=small_org.backend_id, points=5)
    early = await gql(client, RATE, {"t": task["id"], "r": 5}, token=small_org.staff)
    assert early["data"]["rateTask"]["code"] == "VALIDATION"  # not done yet
    done = await move(client, token_for(small_org.backend_id), task, board.columns[3], 0)

    own = await gql(client, RATE, {"t": task["id"], "r": 5}, token=token_for(small_org.backend_id))
    bad = await gql(client, RATE, {"t": task["id"], "r": 6}, token=small_org.staff)
    rated = await gql(client, RATE, {"t": task["id"], "r": 4}, token=small_org.staff)
    commented = await gql(client, COMMENT, {"t": task["id"], "b": "方案很清楚\n谢谢"}, token=small_org.staff)

    assert done["__typename"] == "TaskSuccess"
    assert own["data"]["rateTask"]["code"] == "PERMISSION_DENIED"
    assert bad["data"]["rateTask"]["code"] == "VALIDATION"
    assert rated["data"]["rateTask"]["rating"] == {"rating": 4, "rater": {"employeeNo": "F0001"}}
    assert commented["data"]["commentTask"]["comment"] == {"body": "方案很清楚\n谢谢",
                                                           "author": {"employeeNo": "F0001"}}
    project = await read_board(client, token_for(small_org.other_staff_id), board)
    card = project["columns"][3]["tasks"][0]
    assert card["ratings"] == [{"rating": 4}] and card["comments"] == [{"body": "方案很清楚\n谢谢"}]


PARTICIPATION = """query($id: ID!) { project(id: $id) { allocation { members { employee { employeeNo }
  participation { moves comments cardsRated }
  components { component value basis } } } } }"""


async def test_rating_a_card_again_adds_no_participation(client: httpx.AsyncClient, small_org: Org) -> None:
    board = await make_project(small_org)
    task = await new_task(client, small_org.staff, board, "光交箱整治", assignee=small_org.backend_id, points=3)
    await move(client, token_for(small_org.backend_id), task, board.columns[3], 0)
    for stars in (3, 4, 5):  # one rater changes their mind twice: one rating, counted once
        rated = await gql(client, RATE, {"t": task["id"], "r": stars}, token=small_org.staff)
        assert rated["data"]["rateTask"]["rating"]["rating"] == stars
    for body in ("现场已确认", "附照片"):  # comments each count
        await gql(client, COMMENT, {"t": task["id"], "b": body}, token=small_org.staff)

    members = (await gql(client, PARTICIPATION, {"id": board.id}, token=small_org.staff))["data"]["project"][
        "allocation"]["members"]

    staff = next(m for m in members if m["employee"]["employeeNo"] == "F0001")
    assert staff["participation"] == {"moves": 0, "comments": 2, "cardsRated": 1}
    line = next(c for c in staff["components"] if c["component"] == "participation")
    assert Decimal(line["value"]) == 3
    assert "once per rater and card" in line["basis"]
    engineer = next(m for m in members if m["employee"]["employeeNo"] == "B0001")
    assert engineer["participation"] == {"moves": 1, "comments": 0, "cardsRated": 0}
    feedback = next(c for c in engineer["components"] if c["component"] == "feedback")
    assert Decimal(feedback["value"]) == 5  # the re-rating replaced the earlier ones


async def test_edit_and_assign_check_the_version_when_given(client: httpx.AsyncClient, small_org: Org,
                                                            board: ProjectBoard) -> None:
    task = await new_task(client, small_org.staff, board, "初稿")
    edited = await gql(client, UPDATE, {"input": {"taskId": task["id"], "title": "终稿", "storyPoints": 8,
                                                  "expectedVersion": 1}}, token=small_org.staff)
    stale = await gql(client, ASSIGN, {"t": task["id"], "a": encode_id("Employee", small_org.staff_id), "v": 1},
                      token=small_org.staff)
    assigned = await gql(client, ASSIGN, {"t": task["id"], "a": encode_id("Employee", small_org.staff_id), "v": 2},
                         token=small_org.staff)

    assert edited["data"]["updateTask"]["task"] == {"title": "终稿", "storyPoints": 8, "version": 2}
    assert stale["data"]["assignTask"]["code"] == "CONFLICT"
    assert assigned["data"]["assignTask"]["task"] == {"version": 3, "assignee": {"employeeNo": "F0001"}}


def _floor(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def _cent(flag: bool) -> Decimal:
    return Decimal("0.01") if flag else Decimal(0)


async def test_close_freezes_the_allocation_and_a_member_can_recompute_it_by_hand(client: httpx.AsyncClient,
                                                                                  small_org: Org) -> None:
    board = await make_project(small_org, pool="10000.00")
    staff, other, backend = small_org.staff, token_for(small_org.other_staff_id), token_for(small_org.backend_id)
    a = await new_task(client, staff, board, "A", assignee=small_org.staff_id, points=5)
    b = await new_task(client, staff, board, "B", assignee=small_org.other_staff_id, points=3)
    c = await new_task(client, backend, board, "C", assignee=small_org.backend_id, points=8)
    for task, token in ((a, staff), (b, other), (c, backend)):
        await move(client, token, task, board.columns[3], 0)
    await gql(client, RATE, {"t": a["id"], "r": 5}, token=backend)
    await gql(client, RATE, {"t": b["id"], "r": 3}, token=staff)
    await gql(client, RATE, {"t": c["id"], "r": 4}, token=staff)
    await gql(client, COMMENT, {"t": c["id"], "b": "好"}, token=other)
    variables = {"p": board.id, "d": "2026-11-15", "s": "81", "r": "600000.00"}
    await _refused(client, CLOSE, variables, "closeProject", anonymous_then(staff, backend))

    estimate = (await gql(client, ALLOCATION, {"id": board.id}, token=staff))["data"]["project"]["allocation"]
    closed = await gql(client, CLOSE, variables, token=small_org.manager)
    again = await gql(client, CLOSE, variables, token=small_org.manager)
    late_move = await move(client, staff, {**a, "version": 2}, board.columns[0], 0)

    assert estimate["frozen"] is False
    assert closed["data"]["closeProject"]["project"] == {"status": "CLOSED", "deliveredOn": "2026-11-15"}
    assert again["data"]["closeProject"]["code"] == "INVALID_TRANSITION"
    assert late_move["code"] == "INVALID_TRANSITION"  # a closed project is read-only
    frozen = (await gql(client, ALLOCATION, {"id": board.id}, token=staff))["data"]["project"]["allocation"]
    assert frozen["frozen"] is True and frozen["ruleVersion"] == "1"
    # A = (1 × 0.5 [15 days late] + 1 × 0.9 [81/90] + 2 × 1 [capped]) / 4 = 0.85; bonus 8,500.00
    assert (frozen["attainment"], frozen["bonus"]) == ("0.85", "8500.00")

    # F0001 recomputes their own figure from the explanation fields alone.
    mine = next(m for m in frozen["members"] if m["employee"]["employeeNo"] == "F0001")
    goals = frozen["goals"]
    a_value = sum(Decimal(g["weight"]) * Decimal(g["attainment"]) for g in goals) / sum(
        Decimal(g["weight"]) for g in goals)
    assert a_value == Decimal(frozen["attainment"])
    bonus = (Decimal(frozen["pool"]) * a_value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert bonus == Decimal(frozen["bonus"])
    side = next(s for s in frozen["sides"] if s["side"] == mine["side"])
    side_amount = _floor(bonus * Decimal(side["effectiveSplit"])) + _cent(side["leftoverCent"])
    assert side_amount == Decimal(side["amount"])
    kept = sum(Decimal(line["weight"]) for line in mine["components"] if Decimal(line["sideTotal"]) > 0)
    share = sum(Decimal(line["weight"]) / kept * Decimal(line["value"]) / Decimal(line["sideTotal"])
                for line in mine["components"] if Decimal(line["sideTotal"]) > 0)
    assert share == Decimal(mine["share"])
    amount = _floor(side_amount * share) + _cent(mine["leftoverCent"])
    assert amount == Decimal(mine["amount"])
    # and the parts sum to the bonus, and payroll's rows say the same
    assert sum(Decimal(m["amount"]) for m in frozen["members"]) == bonus
    rows = {r.employee_id: r.amount for r in await ProjectAllocation.filter(project_id=board.pk)}
    assert rows[small_org.staff_id] == amount
    audit = await AuditEntry.filter(action="project.close").get()
    assert audit.after["bonus"] == "8500.00" and audit.after["rule_version"] == "1"

    # frozen: later changes to the project cannot move it
    configure = await gql(client, CONFIGURE, {"input": {"projectId": board.id, "bonusPool": "1.00"}},
                          token=small_org.manager)
    assert configure["data"]["configureProject"]["code"] == "INVALID_TRANSITION"
    still = (await gql(client, ALLOCATION, {"id": board.id}, token=staff))["data"]["project"]["allocation"]
    assert still == frozen


@pytest.mark.parametrize(("now", "attainment"), [
    # before the due date (31 October) every goal is assumed met
    (datetime(2026, 10, 15, 4, 0, tzinfo=UTC), "1"),
    # 15 days late on the organisation's calendar: delivery 1 − 15/30 = 0.5, weighted 1 of 4 → 0.875
    (datetime(2026, 11, 15, 4, 0, tzinfo=UTC), "0.875"),
])
async def test_members_get_a_live_estimate_with_no_tasks(client: httpx.AsyncClient, small_org: Org,
                                                         monkeypatch: pytest.MonkeyPatch, now: datetime,
                                                         attainment: str) -> None:
    monkeypatch.setattr(clock, "now", lambda: now)
    board = await make_project(small_org)
    estimate = (await gql(client, ALLOCATION, {"id": board.id}, token=small_org.staff))["data"]["project"]
    allocation = estimate["allocation"]
    assert allocation["frozen"] is False and all(g["assumed"] or g["kind"] == "DELIVERY"
                                                 for g in allocation["goals"])
    assert sum(Decimal(m["amount"]) for m in allocation["members"]) == Decimal(allocation["bonus"])
    assert all(m["equalShare"] for m in allocation["members"])
    assert Decimal(allocation["attainment"]) == Decimal(attainment)
    assert "a tie between the two sides goes to the frontline" in allocation["rounding"]


async def test_reading_needs_an_employee_or_a_read_projects_partner(client: httpx.AsyncClient, small_org: Org,
                                                                    board: ProjectBoard) -> None:
    projects_partner = await partner_token(small_org, Scope.READ_PROJECTS)
    other_partner = await partner_token(small_org, Scope.READ_EMPLOYEES, Scope.READ_SUPPORT)

    anonymous = await gql(client, BOARD, {"id": board.id})
    wrong_scope = await gql(client, BOARD, {"id": board.id}, token=other_partner)
    partner = await gql(client, BOARD, {"id": board.id}, token=projects_partner)
    colleague = await gql(client, BOARD, {"id": board.id}, token=small_org.hr)  # not a member: still reads it
    unknown = await gql(client, BOARD, {"id": encode_id("Project", 999)}, token=small_org.staff)

    for refused in (anonymous, wrong_scope):
        assert refused["data"] == {"project": None} and "read:projects" in refused["errors"][0]["message"]
    assert partner == colleague and partner["data"]["project"]["name"] == "城东光网升级"
    assert unknown["data"]["project"] is None


async def test_leftover_cents_go_by_employee_number_not_by_internal_id(client: httpx.AsyncClient,
                                                                     small_org: Org) -> None:
    # 0.03 at A = 1: frontline 0.6 × 3 = 1.8 cents, backend 1.2 → 1 + 1, the last cent to the larger remainder
    # (frontline). On the backend, M0001 (hired before B0001 and so with the smaller id) and B0001 tie with nothing
    # recorded: the cent goes to the lower employee number, B0001.
    board = await make_project(small_org, pool="0.03", member_ids=[small_org.staff_id, small_org.other_staff_id,
                                                                   small_org.manager_id, small_org.backend_id])
    closed = await gql(client, CLOSE, {"p": board.id, "d": "2026-10-31", "s": "90", "r": "500000.00"},
                       token=small_org.manager)
    assert closed["data"]["closeProject"]["project"]["status"] == "CLOSED", closed
    assert small_org.manager_id < small_org.backend_id

    frozen = (await gql(client, ALLOCATION, {"id": board.id}, token=small_org.staff))["data"]["project"]["allocation"]

    assert (frozen["attainment"], frozen["bonus"]) == ("1", "0.03")
    assert {m["employee"]["employeeNo"]: (m["amount"], m["leftoverCent"]) for m in frozen["members"]} == {
        "M0001": ("0.00", False), "B0001": ("0.01", True), "F0001": ("0.01", False), "F0002": ("0.01", False)}
    rows = {r.employee_id: str(r.amount) for r in await ProjectAllocation.filter(project_id=board.pk)}
    assert (rows[small_org.manager_id], rows[small_org.backend_id]) == ("0.00", "0.01")


async def test_delivery_one_day_late_is_not_on_time(client: httpx.AsyncClient, small_org: Org) -> None:
    board = await make_project(small_org)  # due 2026-10-31, pool 10,000.00, goals weighted 1 : 1 : 2
    closed = await gql(client, CLOSE, {"p": board.id, "d": "2026-11-01", "s": "90", "r": "500000.00"},
                       token=small_org.manager)
    assert closed["data"]["closeProject"]["project"]["status"] == "CLOSED", closed

    frozen = (await gql(client, ALLOCATION, {"id": board.id}, token=small_org.staff))["data"]["project"]["allocation"]

    delivery = next(g for g in frozen["goals"] if g["kind"] == "DELIVERY")
    assert Decimal(delivery["attainment"]) == 1 - Decimal(1) / 30  # 1 − days late / 30
    assert Decimal(frozen["attainment"]) == (Decimal(29) / 30 + 1 + 2) / 4
    assert frozen["bonus"] == "9916.67"  # 10,000 × 0.991666… half-up


DELIVER = f"""mutation($p: ID!, $d: Date!) {{ deliverProject(projectId: $p, deliveredOn: $d) {{ __typename
  ... on ProjectSuccess {{ project {{ status deliveredOn allocation {{ goals {{ kind actual assumed attainment }} }}
  }} }} {ERR} }} }}"""


async def test_deliver_then_close_without_repeating_the_date(client: httpx.AsyncClient, small_org: Org) -> None:
    board = await make_project(small_org)
    variables = {"p": board.id, "d": "2026-11-06"}
    await _refused(client, DELIVER, variables, "deliverProject", anonymous_then(small_org.staff))

    delivered = await gql(client, DELIVER, variables, token=small_org.manager)
    again = await gql(client, DELIVER, variables, token=small_org.manager)
    still_open = await new_task(client, small_org.staff, board, "交付后回访")
    closed = await gql(client, """mutation($p: ID!) { closeProject(projectId: $p, satisfaction: "90",
        revenue: "500000.00") { ... on ProjectSuccess { project { status deliveredOn allocation { attainment } } }
        ... on OperationError { code field } } }""", {"p": board.id}, token=small_org.manager)

    project = delivered["data"]["deliverProject"]["project"]
    assert (project["status"], project["deliveredOn"]) == ("DELIVERED", "2026-11-06")
    delivery = next(g for g in project["allocation"]["goals"] if g["kind"] == "DELIVERY")
    assert delivery == {"kind": "DELIVERY", "actual": "2026-11-06", "assumed": False, "attainment": "0.8"}
    assert again["data"]["deliverProject"]["code"] == "INVALID_TRANSITION"
    assert still_open["title"] == "交付后回访"
    # A = (1 × 0.8 + 1 × 1 + 2 × 1) / 4
    assert closed["data"]["closeProject"]["project"] == {"status": "CLOSED", "deliveredOn": "2026-11-06",
                                                         "allocation": {"attainment": "0.95"}}
