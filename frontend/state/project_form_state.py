"""Creating and configuring a project (managers and HR; the owner configures too): name, pool, side split,
goals, columns with WIP limits, members. The API's typed errors are shown on the field they name."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from frontend.api import people as people_api
from frontend.api import projects as project_api
from frontend.api.transport import FieldError, GatewayError
from frontend.state.board_state import PROJECTS_ROUTE, project_id_from_path
from frontend.state.viewer import ViewerState

COLUMN_ROWS = 6
DEFAULT_COLUMNS = (("待办", ""), ("进行中", "5"), ("评审", "3"), ("完成", ""))
GOAL_KINDS = ("DELIVERY", "SATISFACTION", "REVENUE")

# The form's sections, by the API's `field` names (OperationError.field).
FIELD_SECTIONS = {"name": "name", "description": "description", "bonusPool": "pool",
                  "sideSplitFrontline": "split", "startedOn": "started_on", "ownerId": "members",
                  "memberIds": "members", "goals": "goals", "columns": "columns"}


def section_of(field: str) -> str:
    return FIELD_SECTIONS.get(field.split(".")[0], "") if field else ""


@dataclasses.dataclass(frozen=True)
class ColumnRow:
    index: int = 0
    id: str = ""
    name: str = ""
    wip_limit: str = ""


def percent_to_fraction(value: str) -> str | None:
    """ "60" -> "0.6" (the frontline share as the API takes it); None when it is not a number."""
    try:
        number = Decimal(value.strip().rstrip("%"))
    except (InvalidOperation, AttributeError):
        return None
    return f"{(number / 100).normalize():f}"


def project_input(form: dict[str, Any], *, members: list[str], column_ids: list[str]) -> dict[str, Any]:
    """The API input from the form's fields (CreateProjectInput / ConfigureProjectInput)."""
    goals = []
    for kind in GOAL_KINDS:
        key = kind.lower()
        if not form.get(f"goal_{key}"):
            continue
        goal: dict[str, Any] = {"kind": kind, "weight": str(form.get(f"goal_{key}_weight") or "1").strip() or "1"}
        target = str(form.get(f"goal_{key}_target") or "").strip()
        if kind == "DELIVERY":
            goal["targetDate"] = target or None
        else:
            goal["targetValue"] = target or None
        goals.append(goal)
    columns = []
    for index in range(COLUMN_ROWS):
        name = str(form.get(f"column_{index}_name") or "").strip()
        if not name:
            continue
        wip = str(form.get(f"column_{index}_wip") or "").strip()
        column: dict[str, Any] = {"name": name, "wipLimit": int(wip) if wip.isdigit() else None}
        known = column_ids[index] if index < len(column_ids) else ""
        if known:
            column["id"] = known
        columns.append(column)
    split = percent_to_fraction(str(form.get("split") or ""))
    result: dict[str, Any] = {
        "name": str(form.get("name") or "").strip(),
        "description": str(form.get("description") or "").strip(),
        "bonusPool": str(form.get("bonus_pool") or "").strip() or "0",
        "sideSplitFrontline": split,
        "goals": goals,
        "columns": columns or None,
    }
    started = str(form.get("started_on") or "").strip()
    if started:
        result["startedOn"] = started
    if members:
        result["memberIds"] = members
    return result


class ProjectFormState(ViewerState):
    project_id: str = ""
    name: str = ""
    description: str = ""
    bonus_pool: str = ""
    split: str = "60"
    goal_delivery: bool = True
    delivery_target: str = ""
    delivery_weight: str = "2"
    goal_satisfaction: bool = True
    satisfaction_target: str = "90"
    satisfaction_weight: str = "1"
    goal_revenue: bool = False
    revenue_target: str = ""
    revenue_weight: str = "1"
    columns: list[ColumnRow] = []
    members: list[people_api.Person] = []
    candidates: list[people_api.Person] = []
    works_on_it: bool = False
    busy: bool = False
    error_code: str = ""
    error_message: str = ""
    error_section: str = ""
    # A new form each time it opens (keys of uncontrolled inputs).
    form_key: int = 0

    @rx.var(cache=True)
    def is_new(self) -> bool:
        return not self.project_id

    def _failed(self, code: str = "", message: str = "", field: str = "") -> None:
        self.error_code, self.error_message, self.error_section = code, message, section_of(field)

    def _reset(self) -> None:
        self.project_id = ""
        self.name = self.description = self.bonus_pool = self.delivery_target = self.revenue_target = ""
        self.split, self.satisfaction_target = "60", "90"
        self.delivery_weight, self.satisfaction_weight, self.revenue_weight = "2", "1", "1"
        self.goal_delivery, self.goal_satisfaction, self.goal_revenue = True, True, False
        self.columns = [ColumnRow(index=i, name=n, wip_limit=w) for i, (n, w) in enumerate(DEFAULT_COLUMNS)]
        self.columns += [ColumnRow(index=i) for i in range(len(self.columns), COLUMN_ROWS)]
        self.members, self.candidates, self.works_on_it = [], [], False
        self._failed()
        self.form_key += 1

    def _fill(self, project: project_api.ProjectDetail) -> None:
        self.project_id = project.id
        self.name, self.description, self.bonus_pool = project.name, project.description, project.bonus_pool
        try:
            self.split = f"{(Decimal(project.side_split_frontline) * 100).normalize():f}"
        except InvalidOperation:
            self.split = "60"
        goals = {g.kind: g for g in project.goals}
        self.goal_delivery = "DELIVERY" in goals
        self.delivery_target = goals["DELIVERY"].target_date if self.goal_delivery else ""
        self.delivery_weight = goals["DELIVERY"].weight if self.goal_delivery else "1"
        self.goal_satisfaction = "SATISFACTION" in goals
        self.satisfaction_target = goals["SATISFACTION"].target_value if self.goal_satisfaction else "90"
        self.satisfaction_weight = goals["SATISFACTION"].weight if self.goal_satisfaction else "1"
        self.goal_revenue = "REVENUE" in goals
        self.revenue_target = goals["REVENUE"].target_value if self.goal_revenue else ""
        self.revenue_weight = goals["REVENUE"].weight if self.goal_revenue else "1"
        rows = [ColumnRow(index=i, id=c.id, name=c.name, wip_limit="" if c.wip_limit is None else str(c.wip_limit))
                for i, c in enumerate(project.columns[:COLUMN_ROWS])]
        self.columns = rows + [ColumnRow(index=i) for i in range(len(rows), COLUMN_ROWS)]
        self._failed()
        self.form_key += 1

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        """/projects/new: an empty form; /projects/<id>/settings: the project's configuration."""
        if not self.token:
            yield self._to_sign_in()
            return
        loaded = await self._load_viewer()
        if loaded is False:
            yield self._session_expired()
            return
        self._reset()
        if not self.manages_projects and loaded:
            project_id = project_id_from_path(self.router.url.path)
            if not project_id or project_id == "new":
                yield rx.redirect(PROJECTS_ROUTE)
                return
        project_id = project_id_from_path(self.router.url.path)
        if project_id and project_id != "new":
            try:
                project = await project_api.fetch_project(self.token, project_id)
            except GatewayError as error:
                self._failed(error.code)
                return
            if project is None:
                yield rx.redirect(PROJECTS_ROUTE)
                return
            self._fill(project)

    @rx.event
    async def find_members(self, form_data: dict[str, str]) -> None:
        try:
            found = await people_api.search_people(self.token, str(form_data.get("search") or ""))
        except GatewayError as error:
            self._failed(error.code)
            return
        chosen = {m.id for m in self.members}
        self.candidates = [p for p in found if p.id not in chosen]

    @rx.event
    def choose_member(self, employee_id: str) -> None:
        person = next((p for p in self.candidates if p.id == employee_id), None)
        if person is not None and all(m.id != employee_id for m in self.members):
            self.members = [*self.members, person]
            self.candidates = [p for p in self.candidates if p.id != employee_id]

    @rx.event
    def drop_member(self, employee_id: str) -> None:
        self.members = [m for m in self.members if m.id != employee_id]

    @rx.event
    def set_works_on_it(self, value: bool) -> None:
        self.works_on_it = bool(value)

    @rx.event
    async def save(self, form_data: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        member_ids = [m.id for m in self.members]
        if self.is_new and self.works_on_it and self.me.id and self.me.id not in member_ids:
            member_ids.insert(0, self.me.id)  # "I work on this project too": the creator is a member only so
        data = project_input(form_data, members=member_ids if self.is_new else [],
                             column_ids=[c.id for c in self.columns])
        self._failed()
        self.busy = True
        yield None
        try:
            if self.is_new:
                result = await project_api.create_project(self.token, data)
            else:
                data.pop("memberIds", None)
                data.pop("startedOn", None)
                result = await project_api.configure_project(self.token, {**data, "projectId": self.project_id})
        except GatewayError as error:
            self._failed(error.code)
            return
        finally:
            self.busy = False
        if isinstance(result, FieldError):
            self._failed(result.code, result.message, result.field)
            return
        yield rx.redirect(f"{PROJECTS_ROUTE}/{result.id}")
