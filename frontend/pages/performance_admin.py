"""Performance administration for HR (绩效管理): publish scheme versions (guardrail errors shown on the line they
concern), import measurements from an XLSX or CSV file (checked first: every bad row with its line and column),
and decide appeals."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.api import performance as gateway
from frontend.components.performance import (
    error_callout,
    error_key,
    in_language,
    is_period,
    local_time,
    native_select,
    organisation_today,
    recent_periods,
)
from frontend.components.template import template
from frontend.i18n import t
from frontend.pages.performance import ADMIN_ROUTE, PERFORMANCE_ROUTE
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


# --- view ----------------------------------------------------------------------------------------------------


def scheme_card(scheme: rx.Var[gateway.Scheme]) -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(rx.text(scheme.name, weight="bold"), rx.badge(t("perf.admin.version"), " ", scheme.version),
                  rx.badge(t("perf.admin.effective"), " ", scheme.effective_from, variant="outline"), wrap="wrap"),
        rx.foreach(scheme.lines, lambda line: rx.text(in_language(line.name_zh, line.name_en), " · ", line.weight,
                                                     "% · ", t("perf.line.target"), " ", line.target, size="2")),
        spacing="1"), width="100%", class_name="scheme-card")


def line_editor(line: rx.Var[dict[str, str]], index: rx.Var[int]) -> rx.Component:
    state = AdminState
    error = state.line_errors.get(index.to_string(), "")
    return rx.vstack(
        rx.hstack(
            native_select(rx.foreach(state.catalogue.indicators,
                                     lambda i: rx.el.option(in_language(i.name_zh, i.name_en), " (", i.code, ")",
                                                            value=i.code)),
                          value=line["code"], on_change=lambda v: state.set_line(index, "code", v),
                          class_name="line-indicator", aria_label=t("perf.admin.indicator")),
            rx.input(value=line["weight"], on_change=lambda v: state.set_line(index, "weight", v), width="5rem",
                     placeholder=t("perf.line.weight"), class_name="line-weight", input_mode="decimal"),
            rx.input(value=line["target"], on_change=lambda v: state.set_line(index, "target", v), width="6rem",
                     placeholder=t("perf.line.target"), class_name="line-target", input_mode="decimal"),
            rx.button(t("perf.admin.remove_line"), variant="ghost", color_scheme="red",
                      on_click=state.remove_line(index), min_height="40px"),
            wrap="wrap", spacing="2", align="center"),
        rx.cond(error != "", rx.text(error, color_scheme="red", size="2", class_name="line-error", role="alert")),
        spacing="1", width="100%")


def schemes_tab() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.heading(t("perf.admin.publish"), size="4"),
        rx.hstack(
            native_select([rx.el.option("—", value=""),
                           rx.foreach(state.catalogue.departments, lambda d: rx.el.option(d.name, value=d.code))],
                          id="scheme-department", value=state.form_department, on_change=state.choose_department,
                          aria_label=t("perf.admin.department")),
            rx.input(value=state.form_position, on_change=state.set_position, placeholder=t("perf.admin.position"),
                     id="scheme-position", width="10rem"),
            rx.input(value=state.form_effective, on_change=state.set_effective, id="scheme-effective",
                     placeholder=t("perf.admin.effective_from"), width="8rem"),
            wrap="wrap", spacing="2"),
        rx.foreach(state.lines, line_editor),
        rx.hstack(rx.button(t("perf.admin.add_line"), variant="soft", on_click=state.add_line, min_height="40px"),
                  rx.text(t("perf.admin.weights_total"), ": ", state.total_weight, size="2", id="scheme-total"),
                  align="center", spacing="3"),
        rx.cond(state.publish_error_code != "",
                error_callout(state.publish_error_key, state.publish_error_message, callout_id="publish-error")),
        rx.cond(state.publish_notice_key != "", rx.callout(t(state.publish_notice_key), icon="check",
                                                           color_scheme="green", id="publish-notice")),
        rx.button(t("perf.admin.publish"), on_click=state.publish, id="scheme-publish", min_height="40px"),
        rx.divider(),
        rx.foreach(state.catalogue.schemes, scheme_card),
        rx.divider(),
        indicator_form(),
        rx.divider(),
        guide_form(),
        spacing="3", width="100%")


def indicator_form() -> rx.Component:
    state = AdminState
    return rx.form(rx.vstack(
        rx.heading(t("perf.admin.indicators"), size="4"),
        rx.hstack(rx.input(name="code", placeholder=t("perf.admin.indicator_code"), width="9rem", required=True),
                  rx.input(name="nameZh", placeholder=t("perf.admin.name_zh"), width="10rem", required=True),
                  rx.input(name="nameEn", placeholder=t("perf.admin.name_en"), width="12rem", required=True),
                  rx.input(name="unit", placeholder=t("perf.admin.unit"), width="5rem"), wrap="wrap", spacing="2"),
        rx.hstack(native_select([rx.el.option(t("perf.direction." + d), value=d) for d in gateway.DIRECTIONS],
                                name="direction", aria_label=t("perf.admin.direction")),
                  native_select([rx.el.option(t("perf.source." + s), value=s) for s in gateway.SOURCES],
                                name="source", aria_label=t("perf.admin.source")),
                  rx.button(t("perf.admin.save_indicator"), type="submit", min_height="40px"), wrap="wrap",
                  spacing="2"),
        rx.cond(state.indicator_error_code != "", error_callout(state.indicator_error_key,
                                                                state.indicator_error_message,
                                                                callout_id="indicator-error")),
        rx.cond(state.indicator_notice_key != "", rx.callout(t(state.indicator_notice_key), icon="check",
                                                             color_scheme="green")),
        spacing="2", width="100%"), on_submit=state.define_indicator, reset_on_submit=True, width="100%")


def guide_form() -> rx.Component:
    state = AdminState
    return rx.form(rx.vstack(
        rx.heading(t("perf.admin.guide"), size="4"),
        rx.text(t("perf.admin.guide_help"), " ≥ ", state.catalogue.top_band, size="2"),
        rx.hstack(native_select([rx.el.option(t("perf.admin.guide_default"), value=""),
                                 rx.foreach(state.catalogue.departments,
                                            lambda d: rx.el.option(d.name, value=d.code))],
                                name="department", aria_label=t("perf.admin.department")),
                  rx.input(name="max_percent", placeholder="20", width="6rem", input_mode="decimal"),
                  rx.text("%"),
                  rx.button(t("perf.admin.save_guide"), type="submit", min_height="40px"), wrap="wrap", spacing="2",
                  align="center"),
        rx.cond(state.guide_error_code != "", error_callout(state.guide_error_key, state.guide_error_message,
                                                            callout_id="guide-error")),
        rx.cond(state.guide_notice_key != "", rx.callout(t(state.guide_notice_key), icon="check",
                                                         color_scheme="green")),
        spacing="2", width="100%"), on_submit=state.set_guide, width="100%")


def problem_row(problem: rx.Var[gateway.ImportProblem]) -> rx.Component:
    """One problem as a row of text that wraps on a phone: where (line, column, header), what was read, why."""
    return rx.box(
        rx.hstack(rx.badge(t("perf.admin.line"), " ", problem.line, variant="soft"),
                  rx.cond(problem.column != "", rx.badge(t("perf.admin.column"), " ", problem.column, " ",
                                                         problem.header, variant="outline")),
                  rx.cond(problem.value != "", rx.code(problem.value)), wrap="wrap", spacing="2"),
        rx.text(in_language(problem.message_zh, problem.message_en), size="2"),
        padding_y="0.4rem", border_bottom="1px solid var(--gray-a4)", width="100%", class_name="import-problem")


def problems_table(rows: rx.Var[list[gateway.ImportProblem]], table_id: str) -> rx.Component:
    return rx.vstack(rx.foreach(rows, problem_row), spacing="0", width="100%", id=table_id)


def import_tab() -> rx.Component:
    state = AdminState
    report = state.report
    return rx.vstack(
        rx.input(value=state.import_period, on_change=state.set_import_period, id="import-period",
                 placeholder=t("perf.admin.import_period"), width="14rem"),
        rx.upload(rx.vstack(rx.icon("file-spreadsheet", size=24), rx.text(t("perf.admin.file"), size="2"),
                            rx.foreach(rx.selected_files(UPLOAD_ID), lambda name: rx.text(
                                t("perf.admin.file_chosen"), name, size="2", weight="medium")),
                            align="center", spacing="1"),
                  id=UPLOAD_ID, accept=SPREADSHEET_TYPES, max_files=1, multiple=False, padding="1rem", width="100%",
                  border="1px dashed var(--gray-a7)", border_radius="var(--radius-3)"),
        rx.hstack(
            rx.button(t("perf.admin.dry_run"), id="import-check", min_height="40px",
                      on_click=state.check_file(rx.upload_files(upload_id=UPLOAD_ID))),
            rx.button(t("perf.admin.do_import"), id="import-run", min_height="40px", color_scheme="green",
                      disabled=~(state.has_report & report.valid & ~report.written), on_click=state.import_file),
            spacing="2"),
        rx.cond(state.import_error_code != "",
                error_callout(state.import_error_key, state.import_error_message, callout_id="import-error")),
        rx.cond(state.has_report, rx.card(rx.vstack(
            rx.heading(t("perf.admin.report"), " · ", report.file_name, " (", report.file_format, ")", size="3"),
            rx.hstack(rx.text(t("perf.admin.rows"), ": ", report.rows), rx.text(t("perf.admin.created"), ": ",
                                                                              report.created),
                      rx.text(t("perf.admin.updated"), ": ", report.updated),
                      rx.text(t("perf.admin.unchanged_rows"), ": ", report.unchanged), wrap="wrap", spacing="3",
                      id="import-counts"),
            rx.cond(report.written, rx.callout(t("perf.admin.written"), icon="check", color_scheme="green",
                                               id="import-written"),
                    rx.cond(report.valid, rx.callout(t("perf.admin.valid"), icon="check", id="import-valid"),
                            rx.callout(t("perf.admin.nothing_written"), icon="triangle_alert", color_scheme="red",
                                       id="import-invalid"))),
            rx.cond(report.problems.length() > 0, rx.vstack(
                rx.text(t("perf.admin.problems"), weight="bold", color_scheme="red"),
                problems_table(report.problems, "import-problems"), width="100%")),
            rx.cond(report.warnings.length() > 0, rx.vstack(
                rx.text(t("perf.admin.warnings"), weight="bold", color_scheme="amber"),
                problems_table(report.warnings, "import-warnings"), width="100%")),
            spacing="3", width="100%"), width="100%")),
        spacing="3", width="100%")


def appeal_card(appeal: rx.Var[gateway.Appeal]) -> rx.Component:
    state = AdminState
    error = state.decision_error.get(appeal.id, "-")
    return rx.card(rx.vstack(
        rx.hstack(rx.text(appeal.employee_name, " (", appeal.employee_no, ")", weight="bold"),
                  rx.text(appeal.department, " · ", appeal.period, size="2", color_scheme="gray"), wrap="wrap"),
        rx.text(in_language(appeal.indicator_zh, appeal.indicator_en), " (", appeal.indicator_code, ") · ",
                t("perf.line.actual"), " ", appeal.actual_at_appeal, " ", appeal.unit, " · ", t("perf.line.score"), " ",
                appeal.score_at_appeal, size="2"),
        rx.text(appeal.reason, size="2", class_name="appeal-reason"),
        rx.text(appeal.submitted_at, size="1", color_scheme="gray", class_name="appeal-submitted"),
        rx.form(rx.vstack(
            rx.el.input(type="hidden", name="appeal_id", value=appeal.id),
            native_select([rx.el.option(t("perf.admin.accept"), value="accept"),
                           rx.el.option(t("perf.admin.reject"), value="reject")], name="decision",
                          class_name="appeal-decision"),
            rx.text_area(name="response", placeholder=t("perf.admin.response"), required=True, width="100%"),
            rx.hstack(rx.input(name="adjusted_score", placeholder=t("perf.admin.adjusted_score"), width="9rem",
                               input_mode="decimal"),
                      rx.input(name="adjusted_actual", placeholder=t("perf.admin.adjusted_actual"), width="9rem",
                               input_mode="decimal"), wrap="wrap", spacing="2"),
            rx.cond((error != "-") & (error != ""), rx.text(error, color_scheme="red", size="2", role="alert")),
            rx.button(t("perf.admin.decide"), type="submit", min_height="40px",
                      class_name="appeal-submit"),
            spacing="2", width="100%"), on_submit=state.decide, reset_on_submit=True, width="100%"),
        spacing="2", width="100%"), width="100%", class_name="appeal-card")


def appeals_tab() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.cond(state.decision_notice_key != "", rx.callout(t(state.decision_notice_key), icon="check",
                                                            color_scheme="green", id="decision-notice")),
        rx.cond(state.appeals.length() > 0, rx.foreach(state.appeals, appeal_card),
                rx.text(t("perf.admin.no_appeals"), id="appeals-empty")),
        spacing="3", width="100%")


def periods_tab() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.text(t("perf.admin.lock_help"), size="2"),
        rx.hstack(native_select(rx.foreach(state.lock_choices, lambda p: rx.el.option(p, value=p)),
                                id="lock-period", value=state.lock_period, on_change=state.choose_lock_period,
                                aria_label=t("perf.period")),
                  rx.button(t("perf.admin.lock"), on_click=state.lock, id="lock-submit", color_scheme="red",
                            variant="soft", min_height="40px"), spacing="2", align="center"),
        rx.cond(state.lock_error_code != "",
                error_callout(state.lock_error_key, state.lock_error_message, callout_id="lock-error")),
        rx.cond(state.lock_notice_key != "", rx.callout(t(state.lock_notice_key), icon="lock", color_scheme="green",
                                                        id="lock-notice")),
        rx.foreach(state.periods, lambda p: rx.hstack(
            rx.text(p.period, weight="medium"),
            rx.cond(p.locked, rx.badge(t("perf.frozen"), " ", p.locked_at, " · ", p.scorecards),
                    rx.badge(t("perf.live"), color_scheme="green")), class_name="period-row")),
        spacing="3", width="100%")


@template(route=ADMIN_ROUTE, title="绩效管理", on_load=AdminState.load)
def admin_page() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.heading(t("perf.admin.title"), size="6", id="admin-title"),
        rx.cond(state.load_error_code != "", error_callout(state.load_error_key, "", callout_id="admin-error")),
        rx.tabs.root(
            rx.tabs.list(rx.tabs.trigger(t("perf.admin.schemes"), value="schemes", id="tab-schemes"),
                         rx.tabs.trigger(t("perf.admin.import"), value="import", id="tab-import"),
                         rx.tabs.trigger(t("perf.admin.appeals"), " (", state.appeals.length(), ")", value="appeals",
                                         id="tab-appeals"),
                         rx.tabs.trigger(t("perf.admin.periods"), value="periods", id="tab-periods"),
                         flex_wrap="wrap"),
            rx.tabs.content(schemes_tab(), value="schemes", padding_top="1rem"),
            rx.tabs.content(import_tab(), value="import", padding_top="1rem"),
            rx.tabs.content(appeals_tab(), value="appeals", padding_top="1rem"),
            rx.tabs.content(periods_tab(), value="periods", padding_top="1rem"),
            value=state.tab, on_change=state.set_tab, width="100%"),
        spacing="4", width="100%")
