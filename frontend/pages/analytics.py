"""Bottlenecks (瓶颈分析) for managers and HR: per backend department the breach rate and how close the p90
resolution time runs to its SLA limit, median times, a department × region heat grid, and the flagged
bottlenecks with their diagnosis and figures (understaffed with a suggested head count, process friction,
frontline handoff); a month at a time."""

from __future__ import annotations

from typing import Any

import reflex as rx

from frontend.components.template import error_callout, loading_row, page_heading, template
from frontend.i18n import LanguageState, t
from frontend.state.analytics_state import ANALYTICS_ROUTE, AnalyticsState

S = AnalyticsState
BAR_COLORS = {"breach": "var(--red-9)", "p90_sla": "var(--amber-9)", "response_median_h": "var(--teal-9)",
              "resolution_median_h": "var(--blue-9)", "resolution_p90_h": "var(--violet-9)"}


def period_picker() -> rx.Component:
    return rx.el.select(
        rx.foreach(S.periods, lambda period: rx.el.option(period, value=period)),
        value=S.period, on_change=S.set_period, class_name="tandem-select", id="analytics-period",
        aria_label=t("analytics.period"), style={"max_width": "10rem"},
    )


def chart_card(title_key: str, hint_key: str, chart: rx.Component, *, card_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(t(title_key), size="3", as_="h2"), rx.text(t(hint_key), size="1", color_scheme="gray"),
                  chart, spacing="2", width="100%"),
        size="2", width="100%", id=card_id,
    )


def sla_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(data_key="name", interval=0, angle=-20, text_anchor="end", height=60,
                           tick={"fontSize": 11}),
        rx.recharts.y_axis(unit="%", width=48),
        rx.recharts.tooltip(),
        rx.recharts.legend(),
        rx.recharts.reference_line(y=100, stroke="var(--red-9)", stroke_dasharray="4 4",
                                   label=t("analytics.sla_limit")),
        rx.recharts.bar(data_key="breach", name=t("analytics.breach_rate"), fill=BAR_COLORS["breach"]),
        rx.recharts.bar(data_key="p90_sla", name=t("analytics.p90_of_sla"), fill=BAR_COLORS["p90_sla"]),
        data=S.departments, width="100%", height=300,
    )


def time_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(data_key="name", interval=0, angle=-20, text_anchor="end", height=60,
                           tick={"fontSize": 11}),
        rx.recharts.y_axis(unit="h", width=48),
        rx.recharts.tooltip(),
        rx.recharts.legend(),
        rx.recharts.bar(data_key="response_median_h", name=t("analytics.response_median"),
                        fill=BAR_COLORS["response_median_h"]),
        rx.recharts.bar(data_key="resolution_median_h", name=t("analytics.resolution_median"),
                        fill=BAR_COLORS["resolution_median_h"]),
        rx.recharts.bar(data_key="resolution_p90_h", name=t("analytics.resolution_p90"),
                        fill=BAR_COLORS["resolution_p90_h"]),
        data=S.departments, width="100%", height=300,
    )


def cells_chart() -> rx.Component:
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.x_axis(type_="number", unit="%"),
        rx.recharts.y_axis(data_key="name", type_="category", width=150, tick={"fontSize": 11}),
        rx.recharts.tooltip(),
        rx.recharts.legend(),
        rx.recharts.bar(data_key="breach", name=t("analytics.breach_rate"), fill=BAR_COLORS["breach"]),
        data=S.cells_chart, layout="vertical", width="100%", height=360,
    )


def heat_table() -> rx.Component:
    grid = S.grid

    def cell(item: rx.Var[dict[str, Any]]) -> rx.Component:
        return rx.el.td(item["text"], background=item["color"], title=item["volume"], class_name="heat-cell")

    def row(item: rx.Var[dict[str, Any]]) -> rx.Component:
        return rx.el.tr(rx.el.th(item["name"], scope="row", class_name="heat-row-name"),
                        rx.foreach(item["cells"].to(list[dict[str, str]]), cell))

    return rx.box(
        rx.el.table(
            rx.el.thead(rx.el.tr(rx.el.th(t("analytics.department")),
                                 rx.foreach(grid["regions"].to(list[str]), lambda r: rx.el.th(r, scope="col")))),
            rx.el.tbody(rx.foreach(grid["rows"].to(list[dict[str, Any]]), row)),
            class_name="heat-table",
        ),
        overflow_x="auto", width="100%",
    )


def bottleneck_card(item: rx.Var[dict[str, Any]]) -> rx.Component:
    english = LanguageState.language == "en"
    lines = rx.cond(english, item["en"], item["zh"]).to(list[str])
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.icon("triangle_alert", size=18, color="var(--red-9)"),
                rx.heading(item["title"], size="3", as_="h3"),
                rx.spacer(),
                rx.foreach(item["kinds"].to(list[str]), lambda kind: rx.badge(t("analytics.kind." + kind),
                                                                             color_scheme="red", variant="soft")),
                align="center", spacing="2", wrap="wrap", width="100%",
            ),
            rx.text(rx.cond(english, item["stats_en"], item["stats_zh"]), size="2", color_scheme="gray"),
            rx.foreach(lines, lambda line: rx.text(line, size="2", class_name="diagnosis")),
            rx.cond(english, rx.foreach(item["reasons"].to(list[str]),
                                        lambda r: rx.text(r, size="1", color_scheme="gray"))),
            spacing="2", width="100%",
        ),
        size="2", width="100%", class_name="bottleneck-card",
    )


@template(route=ANALYTICS_ROUTE, title="瓶颈分析 Bottlenecks", on_load=S.load)
def analytics_page() -> rx.Component:
    return rx.vstack(
        page_heading("analytics.title", heading_id="analytics-title", actions=[period_picker()]),
        rx.cond(S.forbidden, rx.callout(t("analytics.forbidden"), icon="lock", id="analytics-forbidden")),
        rx.cond(S.load_error_code != "", error_callout("error." + S.load_error_code, callout_id="analytics-error")),
        rx.cond(S.is_loading, loading_row()),
        rx.cond(
            ~S.forbidden & (S.report.period != ""),
            rx.vstack(
                rx.text(t("analytics.as_of"), " ", S.as_of_text, " · ", t("analytics.rules"), " ",
                        S.report.rule_version, size="1", color_scheme="gray"),
                rx.heading(t("analytics.flagged"), size="4", as_="h2"),
                rx.cond(S.bottlenecks.length() == 0, rx.text(t("analytics.none_flagged"), color_scheme="gray")),
                rx.grid(rx.foreach(S.bottlenecks, bottleneck_card), columns=rx.breakpoints(initial="1", md="2"),
                        spacing="3", width="100%", id="bottlenecks"),
                rx.cond(S.has_data, rx.fragment(
                    chart_card("analytics.sla_title", "analytics.sla_hint", sla_chart(), card_id="chart-sla"),
                    chart_card("analytics.time_title", "analytics.time_hint", time_chart(), card_id="chart-times"),
                    chart_card("analytics.cells_title", "analytics.cells_hint", cells_chart(), card_id="chart-cells"),
                    chart_card("analytics.heat_title", "analytics.heat_hint", heat_table(), card_id="heat-grid"),
                ), rx.text(t("analytics.no_data"), color_scheme="gray")),
                spacing="3", width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
