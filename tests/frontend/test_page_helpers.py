"""The pages' own logic without a browser: the timeline in words, the project forms and their typed errors on
the field they name, a member's explanation, the bottleneck diagnoses in words, the people forms."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from frontend import api
from frontend.api import analytics as analytics_api
from frontend.api import people as people_api
from frontend.api import projects as project_api
from frontend.state.analytics_state import diagnosis_text, months, worst_cells
from frontend.state.people_state import EmployeeState, PeopleState, form_field
from frontend.state.project_form_state import ProjectFormState, project_input, section_of
from frontend.state.project_state import goal_lines, member_lines
from frontend.state.request_detail import timeline_lines
from tests.frontend.test_states import fresh_state, redirect_path, run_handler
from tests.frontend.test_support_states import ENGINEER, HR, REQUEST, TECH_MANAGER, TOKENS


def test_the_timeline_speaks_in_names_and_words_not_internals() -> None:
    request = dataclasses.replace(REQUEST, assignee_name="赵工", timeline=(
        api.TimelineEntry(1, "SUBMIT", "", "SUBMITTED", "李娜", "2026-11-28T02:00:00+00:00"),
        api.TimelineEntry(2, "ACCEPT", "SUBMITTED", "ACCEPTED", "", "2026-11-28T02:10:00+00:00",
                          "assigned to T0009", "system"),
        api.TimelineEntry(3, "RESOLVE", "IN_PROGRESS", "RESOLVED", "赵工", "2026-11-28T03:00:00+00:00", "换了光模块"),
    ))

    submit, accept, resolve = timeline_lines(request)

    assert (submit.from_status, submit.at) == ("", "2026-11-28 10:00")  # no "∅ →", local time
    assert (accept.actor, accept.actor_key) == ("", "support.actor.system")  # "system" is translated
    assert (accept.note, accept.assigned_to) == ("", "赵工")  # not "assigned to T0009" in English
    assert resolve.note == "换了光模块"  # what a person wrote is kept


def test_the_project_form_becomes_the_api_input() -> None:
    form = {"name": " 城东扩容 ", "bonus_pool": "20000", "split": "62.5", "goal_delivery": "on",
            "goal_delivery_target": "2026-12-31", "goal_delivery_weight": "2", "goal_revenue": "on",
            "goal_revenue_target": "300000", "goal_revenue_weight": "", "column_0_name": "待办",
            "column_1_name": "进行中", "column_1_wip": "3", "column_2_name": " ", "column_3_name": "完成"}

    sent = project_input(form, members=["E1"], column_ids=["C0", "", "", "C3"])

    assert sent["name"] == "城东扩容" and sent["sideSplitFrontline"] == "0.625"
    assert sent["goals"] == [{"kind": "DELIVERY", "weight": "2", "targetDate": "2026-12-31"},
                             {"kind": "REVENUE", "weight": "1", "targetValue": "300000"}]
    assert sent["columns"] == [{"name": "待办", "wipLimit": None, "id": "C0"}, {"name": "进行中", "wipLimit": 3},
                               {"name": "完成", "wipLimit": None, "id": "C3"}]
    assert sent["memberIds"] == ["E1"]
    assert (section_of("goals.targetDate"), section_of("bonusPool"), section_of("")) == ("goals", "pool", "")


class FakeProjects:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.created: list[dict[str, Any]] = []
        self.result: Any = project_api.ProjectDetail(id="UHJvamVjdDo5")
        monkeypatch.setattr(api, "fetch_me", self.fetch_me)
        monkeypatch.setattr(project_api, "create_project", self.create_project)

    async def fetch_me(self, token: str) -> api.Profile | None:
        return {**TOKENS, "token-hr": HR}.get(token)

    async def create_project(self, token: str, project: dict[str, Any]) -> Any:
        self.created.append(project)
        return self.result


async def new_project_form(token: str) -> ProjectFormState:
    state = fresh_state(ProjectFormState)
    state.token = token
    await run_handler(ProjectFormState.load.fn(state))
    return state


async def test_creating_a_project_makes_the_creator_a_member_only_when_they_say_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeProjects(monkeypatch)
    state = await new_project_form("token-mgr")
    form = {"name": "营业厅改造", "bonus_pool": "1000", "goal_delivery": "on", "goal_delivery_target": "2026-12-31"}

    await run_handler(ProjectFormState.save.fn(state, form))
    ProjectFormState.set_works_on_it.fn(state, True)
    updates = await run_handler(ProjectFormState.save.fn(state, form))

    assert "memberIds" not in fake.created[0]
    assert fake.created[1]["memberIds"] == [TECH_MANAGER.id]
    assert redirect_path(updates[-1]) == "/projects/UHJvamVjdDo5"


async def test_a_refusal_is_shown_on_the_field_it_names(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeProjects(monkeypatch)
    fake.result = api.FieldError("VALIDATION", "a bonus pool is whole cents", "bonusPool")
    state = await new_project_form("token-mgr")

    await run_handler(ProjectFormState.save.fn(state, {"name": "x", "bonus_pool": "1.001"}))

    assert (state.error_section, state.error_message) == ("pool", "a bonus pool is whole cents")


async def test_staff_are_sent_away_from_the_new_project_form(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeProjects(monkeypatch)
    state = fresh_state(ProjectFormState)
    state.token = "token-eng"

    updates = await run_handler(ProjectFormState.load.fn(state))

    assert redirect_path(updates[-1]) == "/projects"


def test_a_member_s_share_lists_their_own_first_with_every_component() -> None:
    allocation = project_api.Allocation(
        goals=(project_api.GoalAttainment(kind="DELIVERY", weight="1", target="2026-10-31", attainment="0.9",
                                          formula="… days late = 3", assumed=True),),
        members=(project_api.MemberShare(employee_id="B", name="钱工", side="BACKEND", amount="100.00", share="0.4"),
                 project_api.MemberShare(employee_id="A", name="赵工", side="BACKEND", amount="150.00", share="0.6",
                                         moves=3, comments=1, cards_rated=1, components=(
                                             project_api.ComponentLine(component="feedback", value="0",
                                                                       side_total="0", weight="0.3"),))))

    goal, = goal_lines(allocation)
    mine, other = member_lines(allocation, "A")

    assert (goal.attainment, goal.days_late, goal.assumed) == ("90.0%", 3, True)
    assert (mine.name, mine.is_me, mine.amount, mine.share) == ("赵工", True, "¥150.00", "60.00%")
    assert mine.components[0].dropped  # zero on the whole side: its weight goes to the others
    assert (mine.moves, mine.comments, mine.cards_rated) == (3, 1, 1) and not other.is_me


def test_a_diagnosis_reads_in_either_language_with_its_figures() -> None:
    understaffed = analytics_api.Diagnosis(kind="UNDERSTAFFED", suggested_staff=21, figures=(
        ("openBacklog", "150"), ("staff", "9"), ("backlogPerStaff", "16.67"), ("targetBacklogPerStaff", "5"),
        ("arrivalsPerDay", "9.3"), ("meanDaysInSystem", "5.82"), ("staffNeeded", "30")))

    chinese, english = diagnosis_text(understaffed, "zh"), diagnosis_text(understaffed, "en")

    assert "150 个未结需求由 9 人承担" in chinese and "建议增加 21 人" in chinese
    assert "needs 30 people: add 21" in english
    assert "{" not in chinese + english


def test_months_to_pick_and_the_worst_groups() -> None:
    assert months(dt.date(2026, 2, 10), 4) == ["2026-02", "2026-01", "2025-12", "2025-11"]
    cell = analytics_api.Group(department_name="研发中心", region_name="城东片区",
                               stats=analytics_api.Stats(volume=28, breach_rate="0.357", p90_sla_ratio="12.4"))
    tiny = dataclasses.replace(cell, region_name="港区片区", stats=analytics_api.Stats(volume=1, breach_rate="1"))
    report = analytics_api.Report(cells=(tiny, cell))

    assert worst_cells(report) == [{"name": "研发中心 × 城东片区", "breach": 35.7, "p90_sla": 1240.0, "volume": 28}]


class FakePeople:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.hired: list[dict[str, Any]] = []
        self.result: Any = api.FieldError("DUPLICATE", "employee number F0001 is taken", "employeeNo")
        monkeypatch.setattr(api, "fetch_me", lambda token: _me(token))
        monkeypatch.setattr(people_api, "hire_employee", self.hire)
        monkeypatch.setattr(people_api, "fetch_organisation", self.organisation)
        monkeypatch.setattr(people_api, "fetch_directory", self.directory)

    async def hire(self, token: str, employee: dict[str, Any]) -> Any:
        self.hired.append(employee)
        return self.result

    async def organisation(self, token: str) -> people_api.Organisation:
        return people_api.Organisation(regions=(("R-EAST", "城东片区"),), departments=(
            people_api.Department(code="MKT", name="市场部", kind="FRONTLINE"),))

    async def directory(self, token: str, **filters: Any) -> people_api.DirectoryPage:
        return people_api.DirectoryPage(rows=(people_api.DirectoryRow(id="E1", name="李娜", status="ACTIVE"),), total=1)


async def _me(token: str) -> api.Profile | None:
    return {"token-hr": HR, "token-eng": ENGINEER}.get(token)


async def test_a_hire_refused_on_a_field_shows_there(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakePeople(monkeypatch)
    state = fresh_state(PeopleState)
    state.token = "token-hr"
    await run_handler(PeopleState.load.fn(state))

    await run_handler(PeopleState.hire.fn(state, {"employee_no": "F0001", "name": "新人", "department_code": "MKT",
                                                  "region_code": "R-EAST", "position": "客户经理",
                                                  "base_salary": "8000", "hire_date": "2026-12-01",
                                                  "role_STAFF": "on"}))

    assert fake.hired[0]["roles"] == ["STAFF"] and fake.hired[0]["regionCode"] == "R-EAST"
    assert (state.error_field, state.error_message) == ("employee_no", "employee number F0001 is taken")
    assert form_field("lastDay") == "last_day" and form_field("whatever") == ""


async def test_the_people_pages_are_for_hr(monkeypatch: pytest.MonkeyPatch) -> None:
    FakePeople(monkeypatch)
    directory, employee = fresh_state(PeopleState), fresh_state(EmployeeState)
    directory.token = employee.token = "token-eng"

    await run_handler(PeopleState.load.fn(directory))
    await run_handler(EmployeeState.load.fn(employee))

    assert directory.forbidden and directory.rows == []
    assert employee.forbidden
