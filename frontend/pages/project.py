"""One project: its goals with live attainment, the pool and the side split, every member's bonus estimate
with the API's explanation (frozen after close); the owner, managers and HR add members, deliver and close."""

from __future__ import annotations

import reflex as rx

from frontend.api import people as people_api
from frontend.components.project_cards import bonus_card, facts_card, goals_card, shares_card
from frontend.components.template import error_callout, loading_row, template
from frontend.i18n import t
from frontend.state.project_state import PROJECTS_ROUTE, ProjectState

PROJECT_ROUTE = PROJECTS_ROUTE + "/[id]"


def field_error(section: str) -> rx.Component:
    return rx.cond((ProjectState.error_field == section) & (ProjectState.error_message != ""),
                   rx.text(ProjectState.error_message, color_scheme="red", size="2", class_name="field-error"))


def member_dialog() -> rx.Component:
    def candidate(person: people_api.Person) -> rx.Component:
        return rx.flex(
            rx.text(person.name, " · ", person.employee_no, " · ", person.department_name, size="2"),
            rx.spacer(),
            rx.button(t("projects.add"), size="2", variant="soft", on_click=ProjectState.add_member(person.id),
                      loading=ProjectState.busy == "member", class_name="candidate-add"),
            align="center", width="100%", spacing="2",
        )

    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("projects.add_member")),
            rx.text(t("projects.add_member_hint"), size="2", color_scheme="gray"),
            rx.form(rx.hstack(rx.input(name="search", id="member-search", placeholder=t("people.search"), size="3",
                                       flex_grow="1", required=True),
                              rx.button(t("support.filter.search_go"), type="submit", size="3"), width="100%"),
                    on_submit=ProjectState.find_members, reset_on_submit=False),
            rx.vstack(rx.foreach(ProjectState.candidates, candidate), width="100%", spacing="2", padding_y="0.5rem"),
            rx.cond(ProjectState.error_message != "",
                    rx.text(ProjectState.error_message, color_scheme="red", size="2")),
            rx.dialog.close(rx.button(t("support.form.close"), variant="soft", color_scheme="gray", size="3")),
            max_width="30rem",
        ),
        open=ProjectState.dialog == "member",
        on_open_change=ProjectState.close_dialog,
    )


def deliver_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("projects.deliver")),
            rx.form(
                rx.vstack(
                    rx.text(t("projects.delivered_on"), as_="label", html_for="delivered-on", size="2",
                            weight="medium"),
                    rx.input(id="delivered-on", name="delivered_on", type="date", required=True, size="3"),
                    field_error("deliveredOn"),
                    rx.button(t("projects.deliver"), type="submit", size="3", loading=ProjectState.busy == "deliver"),
                    spacing="2", width="100%",
                ),
                on_submit=ProjectState.deliver, reset_on_submit=False,
            ),
            max_width="24rem",
        ),
        open=ProjectState.dialog == "deliver",
        on_open_change=ProjectState.close_dialog,
    )


def close_dialog() -> rx.Component:
    def labelled(key: str, control: rx.Component, field: str) -> rx.Component:
        return rx.vstack(rx.text(t(key), size="2", weight="medium"), control, field_error(field), spacing="1",
                         width="100%")

    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("projects.close")),
            rx.text(t("projects.close_hint"), size="2", color_scheme="gray"),
            rx.form(
                rx.vstack(
                    rx.cond(ProjectState.project.delivered_on == "", labelled(
                        "projects.delivered_on", rx.input(name="delivered_on", type="date", size="3"), "deliveredOn")),
                    labelled("projects.actual_satisfaction", rx.input(name="satisfaction", type="number", min="0",
                                                                      max="100", step="0.1", size="3"), "satisfaction"),
                    labelled("projects.actual_revenue", rx.input(name="revenue", inputmode="decimal", size="3"),
                             "revenue"),
                    rx.button(t("projects.close"), type="submit", size="3", color_scheme="red",
                              loading=ProjectState.busy == "close", id="project-close-submit"),
                    spacing="2", width="100%",
                ),
                on_submit=ProjectState.close, reset_on_submit=False,
            ),
            max_width="26rem",
        ),
        open=ProjectState.dialog == "close",
        on_open_change=ProjectState.close_dialog,
    )


def actions() -> rx.Component:
    project = ProjectState.project
    return rx.flex(
        rx.link(rx.button(rx.icon("kanban", size=16), t("projects.open_board"), size="3", id="project-board-link"),
                href=PROJECTS_ROUTE + "/" + project.id + "/board"),
        rx.cond(ProjectState.can_configure, rx.fragment(
            rx.link(rx.button(rx.icon("settings", size=16), t("projects.configure"), variant="soft", size="3"),
                    href=PROJECTS_ROUTE + "/" + project.id + "/settings", id="project-configure"),
            rx.button(rx.icon("user-plus", size=16), t("projects.add_member"), variant="soft", size="3",
                      on_click=ProjectState.open_dialog("member"), id="project-add-member"),
            rx.cond(project.status == "ACTIVE",
                    rx.button(t("projects.deliver"), variant="soft", size="3",
                              on_click=ProjectState.open_dialog("deliver"))),
            rx.button(t("projects.close"), variant="soft", color_scheme="red", size="3",
                      on_click=ProjectState.open_dialog("close")),
        )),
        spacing="2", wrap="wrap",
    )


@template(route=PROJECT_ROUTE, title="项目 Project", on_load=ProjectState.load)
def project_page() -> rx.Component:
    state = ProjectState
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("projects.back"), align="center"), href=PROJECTS_ROUTE),
        rx.cond(state.load_error_code != "", error_callout("error." + state.load_error_code,
                                                           callout_id="project-error")),
        rx.cond(state.not_found, rx.callout(t("projects.not_found"), icon="info", id="project-not-found")),
        rx.cond(state.notice_key != "", rx.callout(t(state.notice_key), icon="circle_check", color_scheme="green")),
        rx.cond(
            state.is_loaded,
            rx.vstack(
                facts_card(),
                actions(),
                rx.grid(goals_card(), bonus_card(), columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                        width="100%"),
                shares_card(),
                member_dialog(),
                deliver_dialog(),
                close_dialog(),
                spacing="3",
                width="100%",
            ),
            rx.cond(state.is_loading, loading_row()),
        ),
        spacing="3",
        width="100%",
    )
