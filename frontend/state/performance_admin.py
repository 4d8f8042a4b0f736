"""The state of HR's assessment page (frontend/pages/performance_admin.py): schemes and indicators, the
measurement import (checked first, then written), appeals, period locks and distribution guides."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.api import performance_admin as gateway
from frontend.components.performance import (
    error_key,
    is_period,
    local_time,
    organisation_today,
    recent_periods,
)
from frontend.pages.performance import PERFORMANCE_ROUTE
from frontend.state.session import LOGIN_ROUTE, SessionState

UPLOAD_ID = "import-file"
SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
    "application/vnd.ms-excel": [".xls"],
    "application/vnd.oasis.opendocument.spreadsheet": [".ods"],
    "text/csv": [".csv"],
}


def line_index(field: str) -> int | None:
    """"lines.2.weight" → 2; None for an error about the whole scheme."""
    parts = field.split(".")
    return int(parts[1]) if len(parts) >= 2 and parts[0] == "lines" and parts[1].isdigit() else None


def shown_appeals(appeals: tuple[gateway.Appeal, ...]) -> list[gateway.Appeal]:
    """Appeals with their times on the organisation's clock."""
    return [dataclasses.replace(a, submitted_at=local_time(a.submitted_at)) for a in appeals]


def weights_total(lines: list[dict[str, str]]) -> str:
    total = Decimal(0)
    for line in lines:
        try:
            total += Decimal(line.get("weight") or 0)
        except InvalidOperation:
            return "?"
    return f"{total.normalize():f}"


class AdminState(SessionState):
    me: api.Profile = api.Profile()
    tab: str = "schemes"
    is_loading: bool = False
    load_error_code: str = ""
    # schemes
    catalogue: gateway.SchemeCatalogue = gateway.SchemeCatalogue()
    form_department: str = ""
    form_position: str = ""
    form_effective: str = ""
    lines: list[dict[str, str]] = []
    line_errors: dict[str, str] = {}  # line index (as text) → message
    publish_error_code: str = ""
    publish_error_message: str = ""
    publish_notice_key: str = ""
    indicator_error_code: str = ""
    indicator_error_message: str = ""
    indicator_notice_key: str = ""
    guide_error_code: str = ""
    guide_error_message: str = ""
    guide_notice_key: str = ""
    # import
    import_period: str = ""
    file_name: str = ""
    _file_content: bytes = b""
    report: gateway.ImportReport = gateway.ImportReport()
    has_report: bool = False
    import_error_code: str = ""
    import_error_message: str = ""
    # periods
    periods: list[gateway.PeriodState] = []
    lock_choices: list[str] = []
    lock_period: str = ""
    lock_error_code: str = ""
    lock_error_message: str = ""
    lock_notice_key: str = ""
    # appeals
    appeals: list[gateway.Appeal] = []
    decision_error: dict[str, str] = {}
    decision_notice_key: str = ""

    @rx.var(cache=True)
    def load_error_key(self) -> str:
        return error_key(self.load_error_code)

    @rx.var(cache=True)
    def publish_error_key(self) -> str:
        return error_key(self.publish_error_code)

    @rx.var(cache=True)
    def import_error_key(self) -> str:
        return error_key(self.import_error_code)

    @rx.var(cache=True)
    def total_weight(self) -> str:
        return weights_total(self.lines)

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield rx.redirect(LOGIN_ROUTE)
            return
        self.is_loading = True
        yield None
        try:
            me = await api.fetch_me(self.token)
            if me is None:
                self._end_session()
                yield rx.redirect(LOGIN_ROUTE)
                return
            self.me = me
            if not {"HR", "ADMIN"} & set(me.roles):
                yield rx.redirect(PERFORMANCE_ROUTE)
                return
            self.catalogue = await gateway.fetch_schemes(self.token)
            self.appeals = shown_appeals(await gateway.fetch_appeals(self.token))
            await self._load_periods()
            if not self.form_effective:
                self.form_effective = recent_periods(organisation_today(), 1)[0]
            self.load_error_code = ""
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.event
    def set_tab(self, tab: str) -> None:
        self.tab = tab

    # --- schemes ---------------------------------------------------------------------------------------------

    @rx.event
    def choose_department(self, code: str) -> None:
        """Start from the department's current scheme: a new version usually changes a line or two."""
        self.form_department = code
        current = next((s for s in self.catalogue.schemes if s.department_code == code and not s.position), None)
        self.lines = [{"code": line.code, "weight": line.weight, "target": line.target}
                      for line in (current.lines if current else ())]
        self.line_errors = {}
        self.publish_notice_key = ""

    @rx.event
    def set_position(self, value: str) -> None:
        self.form_position = value

    @rx.event
    def set_effective(self, value: str) -> None:
        self.form_effective = value.strip()

    @rx.event
    def add_line(self) -> None:
        first = self.catalogue.indicators[0].code if self.catalogue.indicators else ""
        self.lines = [*self.lines, {"code": first, "weight": "", "target": ""}]

    @rx.event
    def remove_line(self, index: int) -> None:
        self.lines = [line for i, line in enumerate(self.lines) if i != index]
        self.line_errors = {}

    @rx.event
    def set_line(self, index: int, key: str, value: str) -> None:
        if 0 <= index < len(self.lines) and key in ("code", "weight", "target"):
            lines = [dict(line) for line in self.lines]
            lines[index][key] = value.strip()
            self.lines = lines

    @rx.event
    async def publish(self) -> None:
        self.line_errors, self.publish_error_code, self.publish_error_message = {}, "", ""
        self.publish_notice_key = ""
        if not self.form_department or not self.lines or not is_period(self.form_effective):
            self.publish_error_code = "REQUIRED"
            return
        scheme = {"departmentCode": self.form_department, "effectiveFrom": self.form_effective,
                  "position": self.form_position.strip() or None,
                  "lines": [{"indicatorCode": line["code"], "weight": line["weight"] or "0",
                             "target": line["target"] or "0"} for line in self.lines]}
        try:
            refused = await gateway.publish_scheme(self.token, scheme)
        except api.GatewayError as error:
            self.publish_error_code = error.code
            return
        if refused is not None:
            index = line_index(refused.field)
            if index is not None:
                self.line_errors = {str(index): refused.message}
            self.publish_error_code, self.publish_error_message = refused.code, refused.message
            return
        self.publish_notice_key = "perf.admin.published"
        self.catalogue = await gateway.fetch_schemes(self.token)

    @rx.var(cache=True)
    def indicator_error_key(self) -> str:
        return error_key(self.indicator_error_code)

    @rx.var(cache=True)
    def guide_error_key(self) -> str:
        return error_key(self.guide_error_code)

    @rx.event
    async def define_indicator(self, form_data: dict[str, str]) -> None:
        values = {name: str(form_data.get(name) or "").strip()
                  for name in ("code", "nameZh", "nameEn", "unit", "direction", "source")}
        self.indicator_error_code, self.indicator_error_message, self.indicator_notice_key = "", "", ""
        if not all(values[name] for name in ("code", "nameZh", "nameEn", "direction", "source")):
            self.indicator_error_code = "REQUIRED"
            return
        try:
            refused = await gateway.define_indicator(self.token, values)
        except api.GatewayError as error:
            self.indicator_error_code = error.code
            return
        if refused is not None:
            self.indicator_error_code, self.indicator_error_message = refused.code, refused.message
            return
        self.indicator_notice_key = "perf.admin.indicator_saved"
        self.catalogue = await gateway.fetch_schemes(self.token)

    @rx.event
    async def set_guide(self, form_data: dict[str, str]) -> None:
        self.guide_error_code, self.guide_error_message, self.guide_notice_key = "", "", ""
        try:
            refused = await gateway.set_top_band_guide(
                self.token, department_code=str(form_data.get("department") or ""),
                top_band=self.catalogue.top_band, max_percent=str(form_data.get("max_percent") or "").strip())
        except api.GatewayError as error:
            self.guide_error_code = error.code
            return
        if refused is not None:
            self.guide_error_code, self.guide_error_message = refused.code, refused.message
            return
        self.guide_notice_key = "perf.admin.guide_saved"

    # --- import ----------------------------------------------------------------------------------------------

    @rx.event
    def set_import_period(self, value: str) -> None:
        self.import_period = value.strip()

    async def _send(self, dry_run: bool) -> None:
        self.import_error_code, self.import_error_message = "", ""
        period = self.import_period if is_period(self.import_period) else None
        try:
            result = await gateway.import_measurements(self.token, file_name=self.file_name,
                                                       content=self._file_content, period=period, dry_run=dry_run)
        except api.GatewayError as error:
            self.import_error_code = error.code
            return
        if isinstance(result, api.FieldError):
            self.import_error_code, self.import_error_message = result.code, result.message
            self.has_report = False
            return
        self.report = result
        self.has_report = True

    @rx.event
    async def check_file(self, files: list[rx.UploadFile]) -> None:
        """Read the chosen file and check it (a dry run): nothing is written."""
        if not files:
            self.import_error_code = "NO_FILE"
            return
        upload = files[0]
        self.file_name = str(getattr(upload, "name", None) or getattr(upload, "filename", None) or "import")
        self._file_content = await upload.read()
        await self._send(dry_run=True)

    @rx.event
    async def import_file(self) -> None:
        if not self._file_content:
            self.import_error_code = "NO_FILE"
            return
        await self._send(dry_run=False)

    # --- periods ---------------------------------------------------------------------------------------------

    async def _load_periods(self) -> None:
        self.periods = [dataclasses.replace(p, locked_at=local_time(p.locked_at))
                        for p in await gateway.fetch_periods(self.token)]
        locked = {p.period for p in self.periods if p.locked}
        # Ended months not locked yet, newest first (the current month cannot be locked).
        self.lock_choices = [p for p in recent_periods(organisation_today())[1:] if p not in locked]
        if self.lock_period not in self.lock_choices:
            self.lock_period = self.lock_choices[-1] if self.lock_choices else ""

    @rx.event
    def choose_lock_period(self, period: str) -> None:
        self.lock_period = period

    @rx.event
    async def lock(self) -> None:
        self.lock_error_code, self.lock_error_message, self.lock_notice_key = "", "", ""
        if not self.lock_period:
            self.lock_error_code = "REQUIRED"
            return
        try:
            refused = await gateway.lock_period(self.token, self.lock_period)
        except api.GatewayError as error:
            self.lock_error_code = error.code
            return
        if refused is not None:
            self.lock_error_code, self.lock_error_message = refused.code, refused.message
            return
        self.lock_notice_key = "perf.admin.locked"
        await self._load_periods()

    @rx.var(cache=True)
    def lock_error_key(self) -> str:
        return error_key(self.lock_error_code)

    # --- appeals ---------------------------------------------------------------------------------------------

    @rx.event
    async def decide(self, form_data: dict[str, str]) -> None:
        appeal_id = str(form_data.get("appeal_id") or "")
        accept = form_data.get("decision") == "accept"
        response = str(form_data.get("response") or "").strip()
        self.decision_error = {}
        self.decision_notice_key = ""
        if not appeal_id or not response:
            self.decision_error = {appeal_id: ""}
            return
        try:
            refused = await gateway.decide_appeal(
                self.token, appeal_id=appeal_id, accept=accept, response=response,
                adjusted_actual=str(form_data.get("adjusted_actual") or "").strip(),
                adjusted_score=str(form_data.get("adjusted_score") or "").strip())
        except api.GatewayError as error:
            self.decision_error = {appeal_id: error.code}
            return
        if refused is not None:
            self.decision_error = {appeal_id: refused.message}
            return
        self.decision_notice_key = "perf.admin.decided"
        self.appeals = shown_appeals(await gateway.fetch_appeals(self.token))
