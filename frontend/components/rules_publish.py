"""HR's publishing panel on the Rules page: the draft's inputs (guardrail errors on the input they name), the impact
preview of a past period (who gains, who loses), then publish — offered only for the draft just previewed."""

from __future__ import annotations

import reflex as rx

from frontend.components.performance import in_language
from frontend.components.template import error_callout
from frontend.i18n import t
from frontend.state.rules_publish import DraftField, ImpactRow, PublishState

P = PublishState
CONTROL = {"width": "100%", "min_height": "44px", "font_size": "16px"}


def names_error(name: rx.Var[str] | str) -> rx.Var[bool]:
    """Whether the error names this input, or the parameter it is one priority of ("priorityWeights")."""
    name = rx.Var.create(name).to(str)
    return (P.error_code != "") & ((P.error_field == name) | name.startswith(P.error_field + "."))


def field_error(name: rx.Var[str] | str) -> rx.Component:
    return rx.cond(
        names_error(name),
        rx.text(t("rules.publish.invalid"), " ", P.error_message, color_scheme="red", size="2", role="alert",
                class_name="field-error", id="rules-error-" + rx.Var.create(name).to(str)),
    )


def draft_input(field: rx.Var[DraftField]) -> rx.Component:
    wrong = names_error(field.name)
    return rx.vstack(
        rx.flex(rx.text(in_language(field.label_zh, field.label_en), as_="label", html_for="draft-" + field.name,
                        size="2", weight="medium"),
                rx.spacer(), rx.text(t("rules.publish.now"), " ", field.current, size="1", color_scheme="gray"),
                width="100%", align="center", spacing="2"),
        rx.input(id="draft-" + field.name, value=P.draft[field.name], input_mode="decimal", size="3", width="100%",
                 on_change=lambda value: P.set_value(field.name, value), color_scheme=rx.cond(wrong, "red", "gray"),
                 aria_invalid=rx.cond(wrong, "true", "false")),
        field_error(field.name),
        spacing="1", width="100%", class_name="draft-field", custom_attrs={"data-name": field.name},
    )


def impact_row(row: rx.Var[ImpactRow]) -> rx.Component:
    return rx.flex(
        rx.text(row.name, size="2", min_width="8rem"),
        rx.spacer(),
        rx.text(t("rules.impact.commission"), " ", row.commission, size="1", color_scheme="gray"),
        rx.text(t("rules.impact.pool"), " ", row.pool_share, size="1", color_scheme="gray"),
        rx.text(t("rules.impact.bonus"), " ", row.bonus, size="1", color_scheme="gray"),
        rx.text(row.total, weight="bold", size="2", color_scheme=rx.cond(row.gains, "green", "red")),
        wrap="wrap", spacing="2", align="center", width="100%", padding_y="0.3rem",
        border_bottom="1px solid var(--gray-a3)", class_name=rx.cond(row.gains, "impact-gain", "impact-loss"),
    )


def impact() -> rx.Component:
    return rx.cond(
        P.previewed != "",
        rx.vstack(
            rx.heading(t("rules.impact.title"), " ", P.preview_period, size="3", as_="h3"),
            rx.flex(rx.badge(t("rules.impact.gainers"), " ", P.impact_gainers.to_string(), color_scheme="green",
                             size="2", id="impact-gainers"),
                    rx.badge(t("rules.impact.losers"), " ", P.impact_losers.to_string(), color_scheme="red",
                             size="2", id="impact-losers"), spacing="2"),
            rx.flex(rx.text(t("rules.impact.total"), weight="medium"), rx.spacer(),
                    rx.text(t("rules.impact.commission"), " ", P.impact_total.commission, size="2"),
                    rx.text(t("rules.impact.pool"), " ", P.impact_total.pool_share, size="2"),
                    rx.text(t("rules.impact.bonus"), " ", P.impact_total.bonus, size="2"),
                    rx.text(P.impact_total.total, weight="bold"),
                    wrap="wrap", spacing="2", width="100%", id="impact-total"),
            rx.cond(P.impact.length() > 0,
                    rx.vstack(rx.foreach(P.impact, impact_row), spacing="0", width="100%", id="impact-people"),
                    rx.text(t("rules.impact.nobody"), size="2", color_scheme="gray")),
            spacing="2", width="100%", id="rules-impact",
        ),
    )


def draft_form() -> rx.Component:
    return rx.vstack(
        rx.grid(
            rx.vstack(rx.text(t("rules.publish.effective"), as_="label", html_for="draft-effectiveFrom", size="2",
                              weight="medium"),
                      rx.el.input(type="date", id="draft-effectiveFrom", value=P.effective_from,
                                  on_change=P.set_effective_from, class_name="tandem-select", style=CONTROL),
                      field_error("effectiveFrom"), spacing="1", width="100%"),
            rx.vstack(rx.text(t("rules.publish.note"), as_="label", html_for="draft-note", size="2",
                              weight="medium"),
                      rx.input(id="draft-note", value=P.note, on_change=P.set_note, size="3", width="100%",
                               max_length=500), spacing="1", width="100%"),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
        ),
        rx.grid(rx.foreach(P.fields, draft_input), columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="3", width="100%", id="draft-fields"),
        rx.cond((P.error_code != "") & (P.error_field == ""),
                error_callout("error." + P.error_code, P.error_message, callout_id="rules-publish-error")),
        rx.cond((P.error_code != "") & (P.error_field != "") & (P.error_field != "effectiveFrom"),
                rx.callout(t("rules.publish.refused") + " " + P.error_message, icon="triangle_alert",
                           color_scheme="red", id="rules-publish-refused")),
        rx.flex(
            rx.text(t("rules.publish.changed"), " ", P.changed_count.to_string(), size="2"),
            rx.spacer(),
            rx.el.select(rx.foreach(P.preview_periods, lambda p: rx.el.option(p, value=p)), value=P.preview_period,
                         on_change=P.set_preview_period, class_name="tandem-select", id="preview-period",
                         aria_label=t("rules.impact.period"), style={"min_height": "44px", "max_width": "10rem"}),
            rx.button(rx.icon("scale", size=16), t("rules.impact.preview"), size="3", variant="soft",
                      on_click=P.preview, loading=P.is_busy, id="rules-preview"),
            rx.button(rx.icon("send", size=16), t("rules.publish.submit"), size="3", on_click=P.publish,
                      disabled=~P.can_publish, id="rules-publish"),
            wrap="wrap", gap="0.5rem", align="center", width="100%",
        ),
        rx.text(t("rules.publish.preview_first"), size="1", color_scheme="gray"),
        impact(),
        spacing="3", width="100%",
    )


def publish_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(rx.heading(t("rules.publish.title"), size="4", as_="h2"), rx.spacer(),
                    rx.cond(P.fields.length() == 0,
                            rx.button(rx.icon("file-pen", size=16), t("rules.publish.start"), size="3",
                                      variant="soft", on_click=P.open_draft, id="rules-draft")),
                    align="center", width="100%", wrap="wrap", gap="0.5rem"),
            rx.cond(P.published_version != "",
                    rx.callout(t("rules.publish.done") + " " + P.published_version, icon="circle_check",
                               color_scheme="green", id="rules-published")),
            rx.cond(P.fields.length() > 0, draft_form()),
            spacing="3", width="100%",
        ),
        size="2", width="100%", id="rules-publish-card",
    )
