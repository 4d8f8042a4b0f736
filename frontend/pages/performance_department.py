"""Department scorecards (部门绩效) for managers (their own department) and HR (any): the members ranked, the
distribution over the coefficient bands as a chart against the distribution guide, and a link to each member's
scorecard with every line explained."""

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
    native_select,
    period_select,
    previous_period,
    recent_periods,
)
from frontend.components.template import template
from frontend.i18n import t
from frontend.pages.performance import DEPARTMENT_ROUTE, PERFORMANCE_ROUTE
from frontend.state.session import LOGIN_ROUTE, SessionState


def chart_rows(view: gateway.DepartmentView) -> list[dict[str, object]]:
    """One bar per band, best first: the people in it and, where the guide caps it, how many it allows."""
    return [{"band": f"≥{band.min_score} ×{band.coefficient}", "count": band.count,
             "allowed": band.allowed if band.allowed >= 0 else None} for band in view.bands]


class DepartmentState(SessionState):
    me: api.Profile = api.Profile()
    departments: list[gateway.Department] = []
    department_code: str = ""
    periods: list[str] = []
    period: str = ""
    view: gateway.DepartmentView = gateway.DepartmentView()
    chart: list[dict[str, object]] = []
    calibration: list[gateway.CalibrationRow] = []  # HR: every department against its guide
    is_loading: bool = False
    load_error_code: str = ""

    @rx.var(cache=True)
    def load_error_key(self) -> str:
        return error_key(self.load_error_code)

    @rx.var(cache=True)
    def has_members(self) -> bool:
        return bool(self.view.members)

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield rx.redirect(LOGIN_ROUTE)
            return
        self.periods = recent_periods()
        self.period = self.period or previous_period()
        self.is_loading = True
        yield None
        try:
            me = await api.fetch_me(self.token)
            if me is None:
                self._end_session()
                yield rx.redirect(LOGIN_ROUTE)
                return
            self.me = me
            if not {"HR", "ADMIN", "MANAGER"} & set(me.roles):
                yield rx.redirect(PERFORMANCE_ROUTE)
                return
            everyone = await gateway.fetch_departments(self.token)
            hr = bool({"HR", "ADMIN"} & set(me.roles))
            self.departments = [d for d in everyone if hr or d.code == me.department_code]
            codes = [d.code for d in self.departments]
            if self.department_code not in codes:
                self.department_code = me.department_code if me.department_code in codes else (codes or [""])[0]
            await self._fetch()
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.var(cache=True)
    def is_hr(self) -> bool:
        return bool({"HR", "ADMIN"} & set(self.me.roles))

    async def _fetch(self) -> None:
        if not self.department_code:
            return
        self.view = await gateway.fetch_department_scorecards(self.token, self.department_code, self.period)
        self.chart = chart_rows(self.view)
        if self.is_hr:
            self.calibration = list(await gateway.fetch_calibration(self.token, self.period))
        self.load_error_code = ""

    async def _refetch(self) -> None:
        self.is_loading = True
        try:
            await self._fetch()
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.event
    async def set_department(self, code: str) -> None:
        if code in {d.code for d in self.departments}:
            self.department_code = code
            await self._refetch()

    @rx.event
    async def set_period(self, period: str) -> None:
        if period in self.periods:
            self.period = period
            await self._refetch()


# --- view ----------------------------------------------------------------------------------------------------


def distribution_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(data_key="band", font_size=11),
        rx.recharts.y_axis(allow_decimals=False, width=30),
        rx.recharts.tooltip(),
        rx.recharts.legend(),
        rx.recharts.bar(data_key="count", name=t("perf.dept.count"), fill="var(--teal-9)"),
        rx.recharts.bar(data_key="allowed", name=t("perf.dept.allowed"), fill="var(--amber-7)"),
        data=DepartmentState.chart, width="100%", height=260, id="distribution-chart",
    )


def calibration_row(row: rx.Var[gateway.CalibrationRow]) -> rx.Component:
    return rx.hstack(
        rx.button(row.name, variant="ghost", size="2", on_click=DepartmentState.set_department(row.code),
                  min_height="40px"),
        rx.text(row.assessed, size="2", color_scheme="gray"),
        rx.cond(row.outside_guide, rx.text(in_language(row.messages_zh, row.messages_en), size="2",
                                           color_scheme="red"),
                rx.badge(t("perf.dept.within"), color_scheme="green")),
        wrap="wrap", spacing="2", align="center", class_name="calibration-row")


def band_row(band: rx.Var[gateway.Band]) -> rx.Component:
    return rx.hstack(
        rx.text("≥ ", band.min_score, " · ", band.coefficient, size="2", weight="medium", min_width="6rem"),
        rx.text(band.count, " (", band.share, "%)", size="2"),
        rx.cond(band.guide != "", rx.text(t("perf.dept.guide"), " ", band.guide, size="2", color_scheme="gray")),
        rx.cond(band.outside_guide, rx.text(in_language(band.message_zh, band.message_en), size="2",
                                           color_scheme="red", class_name="band-outside")),
        wrap="wrap", spacing="3", class_name="band-row")


def member_row(member: rx.Var[gateway.RankedMember]) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.text(rx.cond(member.rank != "", member.rank, "—"), weight="bold", size="4", min_width="2rem"),
                rx.vstack(rx.text(member.name, weight="medium"),
                          rx.text(member.employee_no, " · ", member.position, size="1", color_scheme="gray"),
                          spacing="0"),
                rx.spacer(),
                rx.vstack(rx.text(rx.cond(member.total != "", member.total, "—"), weight="bold"),
                          rx.text("× ", rx.cond(member.coefficient != "", member.coefficient, "—"), size="1",
                                  color_scheme="gray"), spacing="0", align="end"),
                width="100%", align="center"),
            width="100%"),
        href=PERFORMANCE_ROUTE + "?employee=" + member.employee_id + "&period=" + DepartmentState.period,
        underline="none", width="100%", class_name="member-row")


@template(route=DEPARTMENT_ROUTE, title="部门绩效", on_load=DepartmentState.load)
def department_page() -> rx.Component:
    state = DepartmentState
    view = state.view
    return rx.vstack(
        rx.heading(t("perf.dept.title"), size="6", id="department-title"),
        rx.hstack(
            rx.hstack(rx.text(t("perf.dept.department"), as_="label", html_for="department-select", size="2",
                              weight="medium"),
                      native_select(rx.foreach(state.departments, lambda d: rx.el.option(d.name, value=d.code)),
                                    id="department-select", value=state.department_code,
                                    on_change=state.set_department), align="center", spacing="2"),
            period_select(state.period, state.periods, state.set_period, select_id="department-period"),
            wrap="wrap", spacing="4"),
        rx.cond(state.load_error_code != "", error_callout(state.load_error_key, "", callout_id="department-error")),
        rx.cond(state.is_hr & (state.calibration.length() > 0), rx.card(rx.vstack(
            rx.heading(t("perf.dept.calibration"), size="4"),
            rx.foreach(state.calibration, calibration_row), spacing="1", width="100%"), width="100%",
            id="calibration")),
        rx.cond(state.is_loading, rx.text(t("perf.loading"), color_scheme="gray")),
        rx.cond(
            state.has_members,
            rx.vstack(
                rx.hstack(figure("perf.dept.assessed", view.assessed.to_string(), figure_id="department-assessed"),
                          figure("perf.dept.mean", rx.cond(view.mean != "", view.mean, "—"),
                                 figure_id="department-mean"),
                          rx.badge(rx.cond(view.outside_guide, t("perf.dept.outside"), t("perf.dept.within")),
                                   color_scheme=rx.cond(view.outside_guide, "red", "green"), id="department-guide"),
                          rx.cond(view.guide_is_default, rx.text(t("perf.dept.guide_default"), size="1",
                                                                 color_scheme="gray")),
                          wrap="wrap", spacing="5", align="center"),
                rx.heading(t("perf.dept.distribution"), size="4"),
                distribution_chart(),
                rx.vstack(rx.foreach(view.bands, band_row), spacing="1", width="100%"),
                rx.heading(t("perf.dept.ranking"), size="4"),
                rx.vstack(rx.foreach(view.members, member_row), spacing="2", width="100%"),
                spacing="3", width="100%"),
            rx.cond(~state.is_loading, rx.text(t("perf.dept.empty")))),
        spacing="4", width="100%")
