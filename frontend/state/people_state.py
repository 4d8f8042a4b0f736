"""HR's people pages: the directory (search, department, region, status), one employee with their assignment
history, and the hire / transfer / leave / support-link forms — the API's typed errors on the field they name."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec

from frontend.api import people as people_api
from frontend.api.transport import FieldError, GatewayError
from frontend.components.formatting import format_money
from frontend.state.viewer import ViewerState

PEOPLE_ROUTE = "/people"
ROLES = ("STAFF", "MANAGER", "HR", "ADMIN")

# The API's `field` names (OperationError.field) to the form inputs that show them.
FORM_FIELDS = {"employeeNo": "employee_no", "name": "name", "departmentCode": "department_code",
               "regionCode": "region_code", "position": "position", "baseSalary": "base_salary",
               "targetBonus": "target_bonus", "hireDate": "hire_date", "roles": "roles", "password": "password",
               "effectiveDate": "effective_date", "lastDay": "last_day", "weight": "weight",
               "employeeId": "employee_id"}


def form_field(api_field: str) -> str:
    return FORM_FIELDS.get(api_field.split(".")[0], "") if api_field else ""


def employee_id_from_path(path: str) -> str:
    parts = [p for p in path.split("/") if p]
    return unquote(parts[1]) if len(parts) >= 2 and parts[0] == "people" else ""


@dataclasses.dataclass(frozen=True)
class Choice:
    code: str = ""
    name: str = ""
    kind: str = ""


class FormErrors(ViewerState):
    """The last write's typed error, and the input it concerns."""

    error_code: str = ""
    error_message: str = ""
    error_field: str = ""
    notice_key: str = ""
    busy: str = ""

    def _failed(self, code: str = "", message: str = "", field: str = "") -> None:
        self.error_code, self.error_message, self.error_field = code, message, form_field(field)

    async def _write(self, name: str, write: Any) -> Any:
        """Run a write; its result, or None after recording why it failed."""
        self._failed()
        self.busy = name
        try:
            result = await write
        except GatewayError as error:
            self._failed(error.code)
            return None
        finally:
            self.busy = ""
        if isinstance(result, FieldError):
            self._failed(result.code, result.message, result.field)
            return None
        return result if result is not None else True


class PeopleState(FormErrors):
    rows: list[people_api.DirectoryRow] = []
    total: int = 0
    has_more: bool = False
    _end_cursor: str = ""
    search: str = ""
    status: str = "ACTIVE"
    department_code: str = ""
    region_code: str = ""
    departments: list[Choice] = []
    regions: list[Choice] = []
    links: list[dict[str, Any]] = []
    is_loading: bool = False
    load_error_code: str = ""
    forbidden: bool = False
    dialog: str = ""  # "hire", "link" or ""

    @rx.var(cache=True)
    def backend_departments(self) -> list[Choice]:
        return [d for d in self.departments if d.kind == "BACKEND"]

    async def _fetch(self, *, reset: bool) -> None:
        self.is_loading = True
        try:
            page = await people_api.fetch_directory(
                self.token, search=self.search, status=self.status, department_code=self.department_code,
                region_code=self.region_code, after="" if reset else self._end_cursor)
            self.rows = list(page.rows) if reset else [*self.rows, *page.rows]
            self.total, self.has_more, self._end_cursor = page.total, page.has_next_page, page.end_cursor
            self.load_error_code = ""
        except GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    async def _read_organisation(self) -> None:
        organisation = await people_api.fetch_organisation(self.token)
        self.regions = [Choice(code=code, name=name) for code, name in organisation.regions]
        self.departments = [Choice(code=d.code, name=d.name, kind=d.kind) for d in organisation.departments]
        self.links = [{"department": d.name, "regions": ", ".join(d.supports)} for d in organisation.departments
                      if d.kind == "BACKEND"]

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield self._to_sign_in()
            return
        loaded = await self._load_viewer()
        if loaded is False:
            yield self._session_expired()
            return
        if loaded is None:
            self.load_error_code = self.viewer_error_code
            return
        self.forbidden = not self.is_hr
        if self.forbidden:
            return
        try:
            await self._read_organisation()
        except GatewayError as error:
            self.load_error_code = error.code
            return
        await self._fetch(reset=True)

    @rx.event
    async def apply_filters(self, form_data: dict[str, str]) -> None:
        self.search = str(form_data.get("search") or "").strip()[:100]
        await self._fetch(reset=True)

    @rx.event
    async def set_filter(self, name: str, value: str) -> None:
        if name == "status":
            self.status = value if value in ("ACTIVE", "LEFT") else ""
        elif name == "department_code":
            self.department_code = value if value in {d.code for d in self.departments} else ""
        elif name == "region_code":
            self.region_code = value if value in {r.code for r in self.regions} else ""
        await self._fetch(reset=True)

    @rx.event
    async def load_more(self) -> None:
        if self.has_more:
            await self._fetch(reset=False)

    @rx.event
    def open_dialog(self, name: str) -> None:
        self.dialog = name if name in ("hire", "link") else ""
        self._failed()

    @rx.event
    def close_dialog(self, still_open: bool = False) -> None:
        if not still_open:
            self.dialog = ""

    @rx.event
    async def hire(self, form_data: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        roles = [role for role in ROLES if form_data.get(f"role_{role}")] or ["STAFF"]
        value = {name: str(form_data.get(name) or "").strip() for name in (
            "employee_no", "name", "department_code", "region_code", "position", "base_salary", "target_bonus",
            "hire_date", "password")}
        employee = {"employeeNo": value["employee_no"], "name": value["name"],
                    "departmentCode": value["department_code"], "regionCode": value["region_code"] or None,
                    "position": value["position"], "baseSalary": value["base_salary"] or "0",
                    "targetBonus": value["target_bonus"] or "0.00", "hireDate": value["hire_date"] or None,
                    "roles": roles, "password": value["password"] or None}
        if not employee["hireDate"]:
            self._failed("VALIDATION", "", "hireDate")
            return
        self.busy = "hire"
        yield None
        row = await self._write("hire", people_api.hire_employee(self.token, employee))
        if row is None:
            return
        self.dialog = ""
        self.notice_key = "people.notice.hired"
        yield rx.redirect(f"{PEOPLE_ROUTE}/{row.id}")

    @rx.event
    async def link(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        values = {name: str(form_data.get(name) or "").strip() for name in ("department_code", "region_code", "weight")}
        self.busy = "link"
        yield None
        done = await self._write("link", self._link(values))
        if done:
            self.dialog = ""
            self.notice_key = "people.notice.linked"
            await self._read_organisation()

    async def _link(self, values: dict[str, str]) -> FieldError | None:
        refused = await people_api.link_support(self.token, values["department_code"], values["region_code"],
                                                values["weight"] or "1")
        return refused


class EmployeeState(FormErrors):
    profile: people_api.EmployeeProfile = people_api.EmployeeProfile()
    departments: list[Choice] = []
    regions: list[Choice] = []
    is_loading: bool = False
    load_error_code: str = ""
    not_found: bool = False
    forbidden: bool = False

    @rx.var(cache=True)
    def is_loaded(self) -> bool:
        return bool(self.profile.row.id)

    @rx.var(cache=True)
    def history(self) -> list[dict[str, str]]:
        return [{"from": h.effective_from, "reason": h.reason, "position": h.position,
                 "department": h.department_name, "kind": h.department_kind, "region": h.region_name,
                 "salary": format_money(h.base_salary or None), "bonus": format_money(h.target_bonus or None)}
                for h in reversed(self.profile.history)]

    @rx.var(cache=True)
    def salary_text(self) -> str:
        return format_money(self.profile.base_salary or None)

    @rx.var(cache=True)
    def bonus_text(self) -> str:
        return format_money(self.profile.target_bonus or None)

    async def _read(self, employee_id: str) -> None:
        profile = await people_api.fetch_employee(self.token, employee_id)
        self.not_found = profile is None
        self.profile = profile or people_api.EmployeeProfile()

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        self.profile = people_api.EmployeeProfile()
        if not self.token:
            yield self._to_sign_in()
            return
        loaded = await self._load_viewer()
        if loaded is False:
            yield self._session_expired()
            return
        if loaded is None:
            self.load_error_code = self.viewer_error_code
            return
        self.forbidden = not self.is_hr
        if self.forbidden:
            return
        self.is_loading = True
        self._failed()
        yield None
        try:
            organisation = await people_api.fetch_organisation(self.token)
            self.regions = [Choice(code=code, name=name) for code, name in organisation.regions]
            self.departments = [Choice(code=d.code, name=d.name, kind=d.kind) for d in organisation.departments]
            await self._read(employee_id_from_path(self.router.url.path))
            self.load_error_code = ""
        except GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.event
    async def transfer(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        value = {name: str(form_data.get(name) or "").strip() for name in (
            "effective_date", "department_code", "region_code", "position", "base_salary", "target_bonus")}
        if not value["effective_date"]:
            self._failed("VALIDATION", "", "effectiveDate")
            return
        transfer = {"employeeId": self.profile.row.id, "effectiveDate": value["effective_date"],
                    "departmentCode": value["department_code"] or None, "regionCode": value["region_code"] or None,
                    "position": value["position"] or None, "baseSalary": value["base_salary"] or None,
                    "targetBonus": value["target_bonus"] or None}
        self.busy = "transfer"
        yield None
        if await self._write("transfer", people_api.transfer_employee(self.token, transfer)):
            self.notice_key = "people.notice.transferred"
            await self._read(self.profile.row.id)

    @rx.event
    async def leave(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        last_day = str(form_data.get("last_day") or "").strip()
        if not last_day:
            self._failed("VALIDATION", "", "lastDay")
            return
        self.busy = "leave"
        yield None
        if await self._write("leave", people_api.record_leave(self.token, self.profile.row.id, last_day)):
            self.notice_key = "people.notice.left"
            await self._read(self.profile.row.id)
