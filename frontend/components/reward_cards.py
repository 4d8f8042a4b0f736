"""My reward counters on My desk: big numbers (not a table), each with a "how was this computed" panel showing
its explanation — formula, inputs with their source records, rounding, rule version, parts — and the period's
trend as a small chart. Shared with the Rules page: `explanation_panel` renders any explained figure."""

from __future__ import annotations

import reflex as rx

from frontend.components.performance import in_language
from frontend.i18n import t
from frontend.state.order_state import ORDERS_ROUTE
from frontend.state.rewards_state import CounterView, FigureView, FormulaView, InputView, RewardsState, SourceView

S = RewardsState


def source_badge(source: rx.Var[SourceView]) -> rx.Component:
    return rx.badge(t("rewards.source." + source.kind), " ", source.text, variant="surface", size="1",
                    color_scheme="gray", class_name="explain-source")


def input_row(item: rx.Var[InputView]) -> rx.Component:
    return rx.vstack(
        rx.flex(rx.text(in_language(item.name_zh, item.name_en), size="2"), rx.spacer(),
                rx.code(item.value, size="2", variant="ghost"), width="100%", align="center", spacing="2"),
        rx.cond(item.sources.length() > 0,
                rx.flex(rx.foreach(item.sources, source_badge), wrap="wrap", spacing="1")),
        spacing="1", width="100%", padding_y="0.25rem", border_bottom="1px dashed var(--gray-a4)",
        class_name="explain-input",
    )


def formula_block(formula: rx.Var[FormulaView], *, heading: bool) -> rx.Component:
    """One figure's computation: what it is and its value, the formula, its inputs, the rounding, the rules."""
    return rx.vstack(
        rx.flex(rx.text(in_language(formula.label_zh, formula.label_en), weight="medium",
                        size="2" if heading else "1"),
                rx.spacer(), rx.text(formula.value_text, weight="bold", size="2"), width="100%", spacing="2"),
        rx.text(t("rewards.formula"), " ", rx.code(in_language(formula.formula_zh, formula.formula_en)), size="1",
                class_name="explain-formula"),
        rx.cond(formula.inputs.length() > 0,
                rx.vstack(rx.foreach(formula.inputs, input_row), spacing="0", width="100%")),
        rx.cond(in_language(formula.rounding_zh, formula.rounding_en) != "",
                rx.text(t("rewards.rounding"), " ", in_language(formula.rounding_zh, formula.rounding_en), size="1",
                        color_scheme="gray")),
        rx.cond(formula.rule_version != "",
                rx.text(t("rewards.rule_version"), " ", formula.rule_version, size="1", color_scheme="gray")),
        spacing="1", width="100%",
    )


def explanation_panel(figure: rx.Var[FigureView]) -> rx.Component:
    return rx.vstack(
        formula_block(figure.main, heading=True),
        rx.cond(figure.parts.length() > 0,
                rx.vstack(rx.text(t("rewards.parts"), size="1", weight="medium"),
                          rx.foreach(figure.parts, lambda part: rx.box(formula_block(part, heading=False),
                                                                        padding_left="0.75rem",
                                                                        border_left="2px solid var(--gray-a5)",
                                                                        width="100%")),
                          spacing="2", width="100%")),
        spacing="2", width="100%", padding_y="0.5rem", class_name="explain-figure",
    )


def counter_card(counter: rx.Var[CounterView]) -> rx.Component:
    changed = S.changed.contains(counter.key)
    return rx.card(
        rx.vstack(
            rx.text(t("rewards.counter." + counter.key), size="2", color_scheme="gray"),
            rx.text(counter.value_text, size=rx.breakpoints(initial="7", sm="8"), weight="bold",
                    id="reward-" + counter.key, custom_attrs={"data-value": counter.raw},
                    class_name=rx.cond(changed, "reward-value reward-changed", "reward-value")),
            rx.text(t("rewards.hint." + counter.key), size="1", color_scheme="gray"),
            rx.el.details(
                rx.el.summary(rx.icon("calculator", size=16), t("rewards.how"), class_name="explain",
                              id="explain-" + counter.key,
                              style={"min_height": "40px", "display": "flex", "align_items": "center",
                                     "gap": "0.4rem", "cursor": "pointer", "color": "var(--accent-11)"}),
                rx.foreach(counter.figures, explanation_panel),
                width="100%",
            ),
            spacing="1", width="100%",
        ),
        size="2", width="100%", class_name="reward-counter", custom_attrs={"data-key": counter.key},
    )


def trend_chart() -> rx.Component:
    return rx.recharts.area_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
        rx.recharts.x_axis(data_key="day", tick={"fontSize": 11}),
        rx.recharts.y_axis(width=56, tick={"fontSize": 11}),
        rx.recharts.tooltip(),
        rx.recharts.area(data_key="net", name=t("rewards.trend.net"), stroke="var(--teal-9)",
                         fill="var(--teal-a4)", type_="stepAfter", is_animation_active=False),
        rx.recharts.area(data_key="pool", name=t("rewards.trend.pool"), stroke="var(--amber-9)",
                         fill="var(--amber-a4)", type_="stepAfter", is_animation_active=False),
        data=S.trend, width="100%", height=180,
    )


def rewards_section() -> rx.Component:
    """The whole block: heading with the period and the live badge, the counters, the trend, the order link."""
    return rx.vstack(
        rx.flex(
            rx.heading(t("rewards.title"), size="4", as_="h2"),
            rx.badge(S.period, variant="soft", color_scheme="gray"),
            rx.cond(S.rewards_live, rx.badge(rx.icon("radio", size=12), t("desk.live"), color_scheme="green",
                                              id="rewards-live")),
            rx.spacer(),
            rx.cond(S.can_record_orders, rx.link(rx.button(rx.icon("plus", size=16), t("orders.record"), size="3",
                                                           variant="soft"), href=ORDERS_ROUTE, id="desk-record-order")),
            align="center", wrap="wrap", gap="0.5rem", width="100%",
        ),
        rx.cond(S.rewards_error_code != "",
                rx.callout(t("error." + S.rewards_error_code), icon="triangle_alert", color_scheme="red",
                           id="rewards-error")),
        rx.cond(
            S.counters.length() > 0,
            rx.grid(rx.foreach(S.counters, counter_card), columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                    spacing="3", width="100%", id="reward-counters",
                    custom_attrs={"data-updates": S.updates.to_string()}),
            rx.text(rx.cond(S.rewards_loaded, t("rewards.none"), t("desk.loading")), size="2", color_scheme="gray"),
        ),
        rx.cond(S.trend.length() > 1,
                rx.card(rx.vstack(rx.text(t("rewards.trend"), size="2", weight="medium"), trend_chart(),
                                  spacing="1", width="100%"), size="2", width="100%", id="reward-trend")),
        rx.cond(S.rule_version != "", rx.text(t("rewards.rules_in_force"), " ",
                                              rx.link(S.rule_version, href="/rules"), size="1", color_scheme="gray")),
        spacing="3", width="100%", id="desk-rewards",
    )
