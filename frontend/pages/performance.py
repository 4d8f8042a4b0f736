"""My scorecard (我的绩效): every line explained — indicator, weight, target, actual, score, the formula, where the
actual came from (requests, recorded values, linked regions with their weights, projects) and any adjustment on
appeal — with an appeal form per line while the period is open. Managers and HR open a member's scorecard with
`?employee=<id>&period=YYYY-MM` (from the department page)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.api import performance as gateway
from frontend.components.performance import (
    error_callout,
    error_key,
    figure,
    in_language,
    is_period,
    period_select,
    previous_period,
    recent_periods,
)
from frontend.components.template import template
from frontend.i18n import t
from frontend.state.session import LOGIN_ROUTE, SessionState

PERFORMANCE_ROUTE = "/performance"
DEPARTMENT_ROUTE = "/performance/department"
ADMIN_ROUTE = "/performance/admin"
MAX_REASON = 2000


def requested(params: dict[str, object], *, current_period: str) -> tuple[str, str]:
    """(employee id, period) a URL asks for: `?employee=<id>&period=YYYY-MM`; ("", current) by default."""
    wanted = str(params.get("period") or "")
    return str(params.get("employee") or ""), wanted if is_period(wanted) else current_period


class ScorecardState(SessionState):
    me: api.Profile = api.Profile()
    periods: list[str] = []
    period: str = ""
    employee_id: str = ""  # whose scorecard: "" is the signed-in employee
    card: gateway.Scorecard = gateway.Scorecard()
    has_card: bool = False
    is_loading: bool = False
    load_error_code: str = ""
    expanded: list[str] = []  # lines showing their records
    appeal_code: str = ""  # the line whose appeal form is open
    appeal_error_code: str = ""
    appeal_error_message: str = ""
    notice_key: str = ""

    @rx.var(cache=True)
    def is_own(self) -> bool:
        return not self.employee_id or self.employee_id == self.me.id

    @rx.var(cache=True)
    def can_appeal(self) -> bool:
        return self.is_own and self.has_card and not self.card.frozen

    @rx.var(cache=True)
    def is_manager_or_hr(self) -> bool:
        return bool({"MANAGER", "HR", "ADMIN"} & set(self.me.roles))

    @rx.var(cache=True)
    def is_hr(self) -> bool:
        return bool({"HR", "ADMIN"} & set(self.me.roles))

    @rx.var(cache=True)
    def load_error_key(self) -> str:
        return error_key(self.load_error_code)

    @rx.var(cache=True)
    def appeal_error_key(self) -> str:
        return error_key(self.appeal_error_code)

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield rx.redirect(LOGIN_ROUTE)
            return
        self.periods = recent_periods()
        self.employee_id, self.period = requested(dict(self.router.page.params),
                                                  current_period=self.period or previous_period())
        self.is_loading = True
        yield None
        try:
            me = await api.fetch_me(self.token)
            if me is None:
                self._end_session()
                yield rx.redirect(LOGIN_ROUTE)
                return
            self.me = me
            await self._fetch()
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    async def _fetch(self) -> None:
        card = await gateway.fetch_scorecard(self.token, self.employee_id or self.me.id, self.period)
        self.card = card or gateway.Scorecard()
        self.has_card = card is not None
        self.load_error_code = ""
        self.appeal_code = ""

    @rx.event
    async def set_period(self, period: str) -> None:
        if period not in self.periods:
            return
        self.period = period
        self.is_loading = True
        try:
            await self._fetch()
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.event
    def toggle_records(self, code: str) -> None:
        self.expanded = [c for c in self.expanded if c != code] if code in self.expanded else [*self.expanded, code]

    @rx.event
    def open_appeal(self, code: str) -> None:
        if self.can_appeal:
            self.appeal_code = code
            self.appeal_error_code = ""
            self.appeal_error_message = ""
            self.notice_key = ""

    @rx.event
    def close_appeal(self) -> None:
        self.appeal_code = ""

    @rx.event
    async def submit_appeal(self, form_data: dict[str, str]) -> None:
        reason = str(form_data.get("reason") or "").strip()[:MAX_REASON]
        if not reason or not self.appeal_code:
            self.appeal_error_code = "REQUIRED"
            return
        try:
            refused = await gateway.appeal_line(self.token, self.period, self.appeal_code, reason)
        except api.GatewayError as error:
            self.appeal_error_code, self.appeal_error_message = error.code, ""
            return
        if refused is not None:
            self.appeal_error_code, self.appeal_error_message = refused.code, refused.message
            return
        self.notice_key = "perf.appeal.sent"
        await self._fetch()


# --- view ----------------------------------------------------------------------------------------------------


def _pair(label_key: str, value: rx.Var[str] | str, **props: object) -> rx.Component:
    return rx.hstack(rx.text(t(label_key), size="1", color_scheme="gray"), rx.text(value, size="2", **props),
                     spacing="1", align="baseline")


def record_row(record: rx.Var[gateway.Record]) -> rx.Component:
    return rx.hstack(
        rx.text(record.label, size="2", weight="medium"),
        rx.cond(record.value != "", rx.text(record.value, size="2")),
        rx.cond(record.weight != "", rx.text(t("perf.record.weight"), " ", record.weight, size="2",
                                            color_scheme="gray")),
        rx.cond(record.note != "", rx.text(record.note, size="1", color_scheme="gray")),
        rx.cond(~record.included, rx.text(t("perf.record.excluded"), size="1", color_scheme="amber")),
        wrap="wrap", spacing="2", class_name="scorecard-record",
    )


def adjustment_box(line: rx.Var[gateway.ScorecardLine]) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("scale", size=16)),
        rx.vstack(
            rx.text(t("perf.line.adjusted"), weight="bold", size="2"),
            _pair("perf.line.adjusted_from", line.computed_score),
            _pair("perf.line.appeal_reason", line.adjustment_reason),
            _pair("perf.line.decision", line.adjustment_decision, class_name="adjustment-decision"),
            _pair("perf.line.decided_by", line.adjusted_by),
            spacing="1"),
        color_scheme="blue", class_name="scorecard-adjustment", width="100%")


def appeal_form() -> rx.Component:
    state = ScorecardState
    return rx.form(
        rx.vstack(
            rx.text(t("perf.appeal.reason"), as_="label", html_for="appeal-reason", size="2", weight="medium"),
            rx.text_area(id="appeal-reason", name="reason", required=True, max_length=MAX_REASON, width="100%",
                         rows="3"),
            rx.cond(state.appeal_error_code != "",
                    error_callout(state.appeal_error_key, state.appeal_error_message, callout_id="appeal-error")),
            rx.hstack(rx.button(t("perf.appeal.submit"), type="submit", id="appeal-submit", min_height="40px"),
                      rx.button(t("perf.appeal.cancel"), type="button", variant="soft", on_click=state.close_appeal,
                                min_height="40px")),
            width="100%", spacing="2"),
        on_submit=state.submit_appeal, reset_on_submit=False, width="100%")


def line_card(line: rx.Var[gateway.ScorecardLine]) -> rx.Component:
    state = ScorecardState
    expanded = state.expanded.contains(line.code)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.text(in_language(line.name_zh, line.name_en), weight="bold", size="3",
                            class_name="line-name"),
                    rx.text(line.code, " · ", t("perf.source." + line.source), " · ",
                            t("perf.direction." + line.direction), size="1", color_scheme="gray"),
                    spacing="0"),
                rx.spacer(),
                rx.vstack(
                    rx.text(rx.cond(line.scored, line.score, "—"), size="5", weight="bold",
                            class_name="line-score"),
                    rx.text(t("perf.line.score"), size="1", color_scheme="gray"),
                    spacing="0", align="end"),
                width="100%", align="start"),
            rx.hstack(
                _pair("perf.line.weight", line.weight + "%"),
                _pair("perf.line.target", line.target + " " + line.unit),
                _pair("perf.line.actual", rx.cond(line.actual != "", line.actual + " " + line.unit, "—"),
                      class_name="line-actual"),
                rx.cond(line.scored, _pair("perf.line.contribution", line.contribution)),
                rx.cond(line.level != "", rx.badge(t("perf.level." + line.level), variant="soft", size="1")),
                rx.cond(line.capped, rx.badge(t("perf.line.capped"), color_scheme="amber", size="1")),
                wrap="wrap", spacing="3"),
            rx.text(in_language(line.explanation_zh, line.explanation_en), size="2", class_name="line-explanation"),
            rx.cond(line.scored,
                    rx.text(t("perf.line.formula"), ": ", line.formula, size="1", color_scheme="gray",
                            class_name="line-formula", font_family="var(--code-font-family)"),
                    rx.text(t("perf.line.unscored"), size="2", color_scheme="amber")),
            rx.cond(line.note_zh != "", rx.text(in_language(line.note_zh, line.note_en), size="2",
                                                color_scheme="blue", class_name="line-note")),
            rx.cond(line.adjusted, adjustment_box(line)),
            rx.cond(line.appeal_status != "",
                    rx.badge(t("perf.appeal.status." + line.appeal_status), variant="outline",
                             class_name="line-appeal-status")),
            rx.hstack(
                rx.cond(line.records.length() > 0,
                        rx.button(rx.cond(expanded, t("perf.line.hide_records"), t("perf.line.records")),
                                  variant="ghost", size="2", on_click=state.toggle_records(line.code),
                                  class_name="line-records-toggle", min_height="40px")),
                rx.spacer(),
                rx.cond(state.can_appeal & (line.appeal_status == "") & (state.appeal_code != line.code),
                        rx.button(t("perf.appeal"), variant="outline", size="2", on_click=state.open_appeal(line.code),
                                  id="appeal-" + line.code, min_height="40px")),
                width="100%"),
            rx.cond(expanded, rx.vstack(rx.foreach(line.records, record_row), spacing="1",
                                        class_name="line-records", width="100%")),
            rx.cond(state.appeal_code == line.code, appeal_form()),
            spacing="2", width="100%"),
        width="100%", class_name="scorecard-line", id="line-" + line.code)


def summary() -> rx.Component:
    card = ScorecardState.card
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(card.name, " · ", card.department, " · ", card.position, weight="medium"),
                rx.spacer(),
                rx.cond(card.frozen, rx.badge(t("perf.frozen"), " ", card.locked_at, color_scheme="gray"),
                        rx.badge(t("perf.live"), color_scheme="green", id="scorecard-live")),
                width="100%", wrap="wrap"),
            rx.hstack(figure("perf.total", rx.cond(card.total != "", card.total, "—"), figure_id="scorecard-total"),
                      figure("perf.coefficient", rx.cond(card.coefficient != "", card.coefficient, "—"),
                             figure_id="scorecard-coefficient"),
                      figure("perf.band", rx.cond(card.band_min != "", "≥ " + card.band_min, "—"),
                             figure_id="scorecard-band", size="4"),
                      wrap="wrap", spacing="5"),
            rx.badge(t("perf.status." + card.status), variant="soft", id="scorecard-status"),
            rx.text(in_language(card.explanation_zh, card.explanation_en), size="2", id="scorecard-explanation"),
            rx.hstack(_pair("perf.scheme", card.scheme), _pair("perf.rule_version", card.rule_version), wrap="wrap",
                      spacing="3"),
            spacing="3", width="100%"),
        width="100%")


@template(route=PERFORMANCE_ROUTE, title="绩效", on_load=ScorecardState.load)
def performance_page() -> rx.Component:
    state = ScorecardState
    return rx.vstack(
        rx.hstack(
            rx.heading(rx.cond(state.is_own, t("perf.title"), t("perf.title.other")), size="6", id="scorecard-title"),
            rx.spacer(),
            rx.cond(state.is_manager_or_hr, rx.link(t("perf.to_department"), href=DEPARTMENT_ROUTE,
                                                   id="to-department")),
            rx.cond(state.is_hr, rx.link(t("perf.to_admin"), href=ADMIN_ROUTE, id="to-admin")),
            width="100%", wrap="wrap", align="center", spacing="3"),
        period_select(state.period, state.periods, state.set_period, select_id="scorecard-period"),
        rx.cond(state.notice_key != "", rx.callout(t(state.notice_key), icon="check", color_scheme="green",
                                                   id="scorecard-notice", width="100%")),
        rx.cond(state.load_error_code != "",
                error_callout(state.load_error_key, "", callout_id="scorecard-error")),
        rx.cond(
            state.is_loading, rx.text(t("perf.loading"), color_scheme="gray"),
            rx.cond(
                state.has_card,
                rx.vstack(summary(),
                          rx.cond(state.card.status == "NO_SCHEME", rx.text(t("perf.no_scheme"))),
                          rx.foreach(state.card.lines, line_card), spacing="3", width="100%"),
                rx.text(t("perf.none"), id="scorecard-none"))),
        spacing="4", width="100%")
