"""The cards of a project's page: its facts, the goals and their attainment, the bonus and the side split,
every member's share with the whole explanation the API gives (so a member can redo their figure by hand)."""

from __future__ import annotations

import reflex as rx

from frontend.i18n import t
from frontend.state.project_state import ComponentView, GoalLine, MemberLine, ProjectState, SideLine


def facts_card() -> rx.Component:
    project = ProjectState.project
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.badge(t("projects.status." + project.status), variant="soft", id="project-status"),
                rx.cond(project.allocation.frozen,
                        rx.badge(rx.icon("lock", size=12), t("projects.frozen"), color_scheme="gray")),
                rx.cond(ProjectState.is_live & ~project.allocation.frozen,
                        rx.badge(rx.icon("radio", size=12), t("projects.live_estimate"), color_scheme="green",
                                 id="project-live")),
                spacing="2", wrap="wrap", align="center",
            ),
            rx.heading(project.name, size="6", as_="h1", id="project-title"),
            rx.cond(project.description != "", rx.text(project.description, size="2", white_space="pre-wrap")),
            rx.text(t("projects.owner"), " ", project.owner_name, " · ", t("projects.started"), " ",
                    project.started_on, " · ", project.task_count.to_string(), " ", t("board.cards"),
                    rx.cond(project.delivered_on != "", " · " + t("projects.delivered_on") + " " + project.delivered_on,
                            ""),
                    size="2", color_scheme="gray"),
            rx.flex(
                rx.foreach(project.members, lambda m: rx.badge(
                    m.name, " · ", t("kind." + m.side), variant="outline",
                    color_scheme=rx.cond(m.side == "FRONTLINE", "blue", "violet"))),
                spacing="2", wrap="wrap", id="project-members",
            ),
            spacing="2",
            width="100%",
        ),
        size="2", width="100%",
    )


def goal_row(goal: GoalLine) -> rx.Component:
    return rx.box(
        rx.flex(
            rx.text(t("projects.goal." + goal.kind), weight="medium"),
            rx.text(t("projects.weight"), " ", goal.weight, size="1", color_scheme="gray"),
            rx.spacer(),
            rx.text(goal.attainment, weight="bold", class_name="goal-attainment"),
            align="center", spacing="2", width="100%",
        ),
        rx.text(t("projects.target"), " ", goal.target,
                rx.cond(goal.actual != "", " · " + t("projects.actual") + " " + goal.actual, ""),
                size="2", color_scheme="gray"),
        rx.text(
            rx.cond(goal.kind == "DELIVERY",
                    rx.cond(goal.days_late > 0,
                            t("projects.goal.delivery_late").replace("{days}", goal.days_late.to_string()),
                            t("projects.goal.delivery_rule")),
                    t("projects.goal.ratio_rule")),
            rx.cond(goal.assumed, " " + t("projects.goal.assumed"), ""),
            size="1", color_scheme="gray",
        ),
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a4)",
        width="100%",
        class_name="goal-row",
    )


def goals_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("projects.goals"), size="4", as_="h2"),
            rx.vstack(rx.foreach(ProjectState.goals, goal_row), spacing="0", width="100%", id="project-goals"),
            rx.text(t("projects.attainment_rule"), " = ", ProjectState.attainment_text, size="2", weight="medium",
                    id="project-attainment"),
            spacing="2", width="100%",
        ),
        size="2", width="100%",
    )


def side_row(side: SideLine) -> rx.Component:
    return rx.flex(
        rx.text(t("kind." + side.side), weight="medium"),
        rx.text(side.effective_split, rx.cond(side.effective_split != side.split,
                                               " (" + t("projects.split_set") + " " + side.split + ")", ""),
                size="2", color_scheme="gray"),
        rx.text(side.members.to_string(), " ", t("projects.people"), size="2", color_scheme="gray"),
        rx.spacer(),
        rx.text(side.amount, weight="bold"),
        rx.cond(side.leftover_cent, rx.badge(t("projects.plus_cent"), variant="soft", color_scheme="gray")),
        align="center", spacing="2", wrap="wrap", width="100%",
    )


def bonus_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("projects.bonus"), size="4", as_="h2"),
            rx.text(t("projects.bonus_formula"), size="2", color_scheme="gray"),
            rx.text(ProjectState.pool_text, " × ", ProjectState.attainment_text, " = ", ProjectState.bonus_text,
                    size="5", weight="bold", id="project-bonus"),
            rx.foreach(ProjectState.sides, side_row),
            rx.cond(ProjectState.undistributed_text != "",
                    rx.text(t("projects.undistributed"), " ", ProjectState.undistributed_text, size="2")),
            rx.text(t("projects.rounding"), size="1", color_scheme="gray"),
            spacing="2", width="100%",
        ),
        size="2", width="100%",
    )


def component_line(line: ComponentView) -> rx.Component:
    return rx.text(
        t("projects.component." + line.component), ": ",
        rx.cond(line.dropped, t("projects.component.dropped"),
                line.value + " / " + line.side_total + " × " + line.effective_weight + " = " + line.part),
        size="1", color_scheme="gray",
    )


def member_share(line: MemberLine) -> rx.Component:
    return rx.box(
        rx.flex(
            rx.text(line.name, weight="medium"),
            rx.badge(t("kind." + line.side), variant="outline", size="1"),
            rx.cond(line.is_me, rx.badge(t("projects.you"), color_scheme="green", size="1")),
            rx.spacer(),
            rx.text(line.amount, weight="bold", class_name="member-amount"),
            align="center", spacing="2", wrap="wrap", width="100%",
        ),
        rx.el.details(
            rx.el.summary(t("projects.explain"), " · ", t("projects.share"), " ", line.share, class_name="explain"),
            rx.vstack(
                rx.foreach(line.components, component_line),
                rx.text(t("projects.participation").replace("{moves}", line.moves.to_string())
                        .replace("{comments}", line.comments.to_string())
                        .replace("{rated}", line.cards_rated.to_string()), size="1", color_scheme="gray"),
                rx.cond(line.equal_share, rx.text(t("projects.equal_share"), size="1", color_scheme="gray")),
                rx.text(t("projects.exact"), " ", line.exact_amount,
                        rx.cond(line.leftover_cent, " · " + t("projects.leftover_cent"), ""),
                        size="1", color_scheme="gray"),
                spacing="1", padding_top="0.25rem",
            ),
        ),
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a4)",
        width="100%",
        class_name="member-share",
    )


def shares_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(rx.cond(ProjectState.project.allocation.frozen, t("projects.shares_frozen"),
                               t("projects.shares_estimate")), size="4", as_="h2"),
            rx.text(t("projects.shares_rule"), size="2", color_scheme="gray"),
            rx.vstack(rx.foreach(ProjectState.shares, member_share), spacing="0", width="100%",
                      id="project-shares"),
            rx.cond(ProjectState.shares.length() == 0, rx.text(t("projects.no_members"), color_scheme="gray")),
            spacing="2", width="100%",
        ),
        size="2", width="100%",
    )
