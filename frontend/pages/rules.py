"""Rules (规则公示), readable by everyone (SPEC §7: no black box): the rule set in force in plain language with its
formulas and a worked example computed from its own numbers, the history of versions with what each changed,
and the acknowledgement. HR also sees who has not acknowledged, and publishes a new version
(frontend/components/rules_publish.py)."""

from __future__ import annotations

import reflex as rx

from frontend.api.rules import RuleChange, RuleEntry
from frontend.components.performance import in_language
from frontend.components.rules_publish import publish_card
from frontend.components.template import error_callout, loading_row, page_heading, template
from frontend.i18n import t
from frontend.state.rules_example import ExampleLine
from frontend.state.rules_state import RULES_ROUTE, RulesState, SectionView, VersionView

S = RulesState


def in_force_card() -> rx.Component:
    version = S.in_force
    return rx.card(
        rx.vstack(
            rx.flex(rx.heading(t("rules.in_force"), " ", version.version, size="5", as_="h2", id="rules-version"),
                    rx.badge(t("rules.from"), " ", version.effective_date, color_scheme="green"),
                    spacing="2", align="center", wrap="wrap"),
            rx.text(rx.cond(version.published_at != "",
                            t("rules.published_by") + " " + version.published_by + " · " + version.published_at,
                            t("rules.builtin")), size="2", color_scheme="gray"),
            rx.cond(version.note != "", rx.text(version.note, size="2")),
            rx.cond(
                S.has_acknowledged,
                rx.badge(rx.icon("check", size=14), t("rules.acknowledged"), color_scheme="green", size="2",
                         id="rules-acknowledged"),
                rx.button(rx.icon("file-check", size=16), t("rules.acknowledge"), size="3", min_height="44px",
                          loading=S.is_acknowledging, on_click=S.acknowledge, id="rules-acknowledge"),
            ),
            rx.cond(S.ack_error_code != "", error_callout("error." + S.ack_error_code, S.ack_error_message,
                                                          callout_id="rules-ack-error")),
            rx.cond(S.is_hr & (S.unacknowledged_count >= 0), unacknowledged()),
            spacing="2", width="100%",
        ),
        size="3", width="100%",
    )


def unacknowledged() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("rules.unacknowledged"), " ", S.unacknowledged_count.to_string(), id="rules-unacknowledged",
                      class_name="explain"),
        rx.vstack(rx.foreach(S.unacknowledged, lambda name: rx.text(name, size="2")), spacing="1",
                  padding_top="0.25rem"),
    )


def example_line(line: rx.Var[ExampleLine]) -> rx.Component:
    return rx.vstack(
        rx.flex(rx.text(t("rules.example." + line.key), size="2"), rx.spacer(),
                rx.text(line.result, weight="bold", size="2", class_name="example-result"),
                spacing="2", align="center", width="100%"),
        rx.code(line.arithmetic, " = ", line.result, size="1", variant="ghost", color_scheme="gray"),
        spacing="0", width="100%", padding_y="0.3rem", border_bottom="1px dashed var(--gray-a4)",
        custom_attrs={"data-key": line.key},
    )


def example_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("rules.example"), size="4", as_="h2"),
            rx.text(t("rules.example.story"), size="2", color_scheme="gray"),
            rx.vstack(rx.foreach(S.example, example_line), spacing="0", width="100%", id="rules-example"),
            rx.text(t("rules.example.rounding"), size="1", color_scheme="gray"),
            spacing="2", width="100%",
        ),
        size="2", width="100%",
    )


def entry_row(entry: rx.Var[RuleEntry]) -> rx.Component:
    return rx.vstack(
        rx.flex(rx.text(in_language(entry.label_zh, entry.label_en), weight="medium", size="2"), rx.spacer(),
                rx.code(entry.value, size="2"), spacing="2", align="center", width="100%"),
        rx.text(in_language(entry.description_zh, entry.description_en), size="1", color_scheme="gray"),
        spacing="1", width="100%", padding_y="0.4rem", border_bottom="1px solid var(--gray-a3)",
        class_name="rule-entry", custom_attrs={"data-name": entry.name},
    )


def section_card(section: rx.Var[SectionView]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("rules.section." + section.section), size="3", as_="h3"),
            rx.text(t("rules.formula." + section.section), size="2", class_name="rules-formula",
                    white_space="pre-line"),
            rx.vstack(rx.foreach(section.rules, entry_row), spacing="0", width="100%"),
            spacing="2", width="100%",
        ),
        size="2", width="100%", custom_attrs={"data-section": section.section},
    )


def change_row(change: rx.Var[RuleChange]) -> rx.Component:
    return rx.flex(
        rx.text(in_language(change.label_zh, change.label_en), size="2"),
        rx.spacer(),
        rx.cond(change.before != "", rx.text(change.before, size="2", color_scheme="gray",
                                             text_decoration="line-through")),
        rx.text("→ ", change.after, size="2", weight="bold"),
        spacing="2", wrap="wrap", width="100%", class_name="rule-change",
    )


def version_card(version: rx.Var[VersionView]) -> rx.Component:
    return rx.box(
        rx.flex(
            rx.text(t("rules.version"), " ", version.version, weight="bold"),
            rx.badge(t("rules.from"), " ", version.effective_date, variant="soft"),
            rx.cond(version.in_force, rx.badge(t("rules.in_force_badge"), color_scheme="green")),
            rx.cond(version.acknowledged, rx.badge(t("rules.acknowledged"), variant="outline", color_scheme="gray")),
            spacing="2", wrap="wrap", align="center",
        ),
        rx.text(rx.cond(version.published_at != "", version.published_by + " · " + version.published_at,
                        t("rules.builtin")), size="1", color_scheme="gray"),
        rx.cond(version.note != "", rx.text(version.note, size="2")),
        rx.el.details(
            rx.el.summary(rx.cond(version.previous_version != "",
                                  t("rules.changes_from") + " " + version.previous_version,
                                  t("rules.changes_first")), " (", version.changes.length().to_string(), ")",
                          class_name="explain"),
            rx.vstack(rx.foreach(version.changes, change_row), spacing="1", width="100%"),
        ),
        padding_y="0.6rem", border_bottom="1px solid var(--gray-a4)", width="100%", class_name="rules-version",
        custom_attrs={"data-version": version.version},
    )


def history_card() -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(t("rules.history"), size="4", as_="h2"),
                  rx.vstack(rx.foreach(S.history, version_card), spacing="0", width="100%", id="rules-history"),
                  spacing="2", width="100%"),
        size="2", width="100%",
    )


@template(route=RULES_ROUTE, title="规则公示 Rules", on_load=RulesState.load)
def rules_page() -> rx.Component:
    return rx.vstack(
        page_heading("rules.title", heading_id="rules-title"),
        rx.text(t("rules.intro"), size="2", color_scheme="gray"),
        rx.cond(S.rules_error_code != "", error_callout("error." + S.rules_error_code, callout_id="rules-error")),
        rx.cond(
            S.rules_loaded,
            rx.vstack(
                in_force_card(),
                rx.cond(S.is_hr, publish_card()),
                example_card(),
                rx.grid(rx.foreach(S.sections, section_card), columns=rx.breakpoints(initial="1", md="2"),
                        spacing="3", width="100%", id="rules-sections"),
                history_card(),
                spacing="3", width="100%",
            ),
            loading_row(),
        ),
        spacing="4", width="100%",
    )
