"""Create a project (/projects/new) or configure one (/projects/<id>/settings): name, pool, side split, goals,
columns with WIP limits and, when creating, its members ("I work on this project too" for the creator)."""

from __future__ import annotations

import reflex as rx

from frontend.api import people as people_api
from frontend.components.template import error_callout, page_heading, template
from frontend.i18n import t
from frontend.state.project_form_state import GOAL_KINDS, ColumnRow, ProjectFormState
from frontend.state.project_state import PROJECTS_ROUTE

S = ProjectFormState


def section_error(section: str) -> rx.Component:
    return rx.cond((S.error_section == section) & (S.error_message != ""),
                   rx.text(S.error_message, color_scheme="red", size="2", class_name="field-error",
                           id=f"error-{section}"))


def field(key: str, control: rx.Component, *, html_for: str, section: str = "") -> rx.Component:
    return rx.vstack(rx.text(t(key), as_="label", html_for=html_for, size="2", weight="medium"), control,
                     *([section_error(section)] if section else []), spacing="1", width="100%")


def basics() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(t("projects.form.basics"), size="3", as_="h2"),
        field("projects.form.name", rx.input(id="project-name", name="name", default_value=S.name, required=True,
                                             size="3", width="100%"), html_for="project-name", section="name"),
        field("projects.form.description", rx.text_area(id="project-description", name="description",
                                                        default_value=S.description, rows="3", width="100%"),
              html_for="project-description", section="description"),
        rx.grid(
            field("projects.form.pool", rx.input(id="project-pool", name="bonus_pool", default_value=S.bonus_pool,
                                                 inputmode="decimal", required=True, size="3"),
                  html_for="project-pool", section="pool"),
            field("projects.form.split", rx.input(id="project-split", name="split", default_value=S.split,
                                                  type="number", min="0", max="100", step="0.01", size="3"),
                  html_for="project-split", section="split"),
            rx.cond(S.is_new, field("projects.form.started_on", rx.input(id="project-started", name="started_on",
                                                                        type="date", size="3"),
                                    html_for="project-started", section="started_on")),
            columns=rx.breakpoints(initial="1", sm="3"), spacing="3", width="100%",
        ),
        rx.text(t("projects.form.split_hint"), size="1", color_scheme="gray"),
        spacing="3", width="100%"), size="2", width="100%")


def goal_block(kind: str) -> rx.Component:
    key = kind.lower()
    enabled = getattr(S, f"goal_{key}")
    target = getattr(S, f"{key}_target")
    weight = getattr(S, f"{key}_weight")
    target_input = (rx.input(name=f"goal_{key}_target", type="date", default_value=target, size="3",
                             id=f"goal-{key}-target") if kind == "DELIVERY" else
                    rx.input(name=f"goal_{key}_target", inputmode="decimal", default_value=target, size="3",
                             id=f"goal-{key}-target"))
    return rx.box(
        rx.el.label(rx.el.input(type="checkbox", name=f"goal_{key}", default_checked=enabled, id=f"goal-{key}",
                                style={"width": "20px", "height": "20px"}),
                    rx.text(t(f"projects.goal.{kind}"), weight="medium"),
                    display="flex", align_items="center", gap="0.5rem", min_height="40px", cursor="pointer"),
        rx.grid(
            field(f"projects.form.target.{kind}", target_input, html_for=f"goal-{key}-target"),
            field("projects.weight", rx.input(name=f"goal_{key}_weight", default_value=weight, inputmode="decimal",
                                              size="3", id=f"goal-{key}-weight"), html_for=f"goal-{key}-weight"),
            columns="2", spacing="2", width="100%",
        ),
        width="100%",
    )


def goals() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(t("projects.goals"), size="3", as_="h2"),
        rx.text(t("projects.form.goals_hint"), size="1", color_scheme="gray"),
        *[goal_block(kind) for kind in GOAL_KINDS],
        section_error("goals"),
        spacing="3", width="100%"), size="2", width="100%")


def column_row(row: ColumnRow) -> rx.Component:
    return rx.grid(
        rx.input(name="column_" + row.index.to_string() + "_name", default_value=row.name, size="3",
                 placeholder=t("projects.form.column_name"), aria_label=t("projects.form.column_name")),
        rx.input(name="column_" + row.index.to_string() + "_wip", default_value=row.wip_limit, type="number",
                 min="1", size="3", placeholder=t("projects.form.no_limit"), aria_label=t("board.column.wip")),
        columns="2fr 1fr", spacing="2", width="100%",
    )


def columns() -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(t("projects.form.columns"), size="3", as_="h2"),
        rx.text(t("projects.form.columns_hint"), size="1", color_scheme="gray"),
        rx.foreach(S.columns, column_row),
        section_error("columns"),
        spacing="2", width="100%"), size="2", width="100%")


def members() -> rx.Component:
    def chosen(person: people_api.Person) -> rx.Component:
        return rx.badge(person.name, " · ", t("kind." + person.department_kind),
                        rx.icon_button(rx.icon("x", size=12), size="1", variant="ghost", type="button",
                                       aria_label=t("projects.form.remove"), on_click=S.drop_member(person.id)),
                        size="2", variant="soft")

    def candidate(person: people_api.Person) -> rx.Component:
        return rx.button(person.name, " · ", person.employee_no, " · ", person.department_name, type="button",
                         variant="outline", size="2", on_click=S.choose_member(person.id), class_name="candidate")

    return rx.card(rx.vstack(
        rx.heading(t("projects.form.members"), size="3", as_="h2"),
        rx.text(t("projects.form.members_hint"), size="1", color_scheme="gray"),
        rx.checkbox(t("projects.form.works_on_it"), checked=S.works_on_it, on_change=S.set_works_on_it, size="3",
                    id="project-works-on-it"),
        rx.flex(rx.foreach(S.members, chosen), spacing="2", wrap="wrap", id="project-chosen-members"),
        rx.form(rx.hstack(rx.input(name="search", id="project-member-search", placeholder=t("people.search"),
                                   size="3", flex_grow="1"),
                          rx.button(t("support.filter.search_go"), type="submit", size="3", variant="soft"),
                          width="100%"),
                on_submit=S.find_members, reset_on_submit=False, width="100%"),
        rx.flex(rx.foreach(S.candidates, candidate), spacing="2", wrap="wrap"),
        section_error("members"),
        spacing="2", width="100%"), size="2", width="100%")


def project_form() -> rx.Component:
    return rx.vstack(
        rx.cond((S.error_code != "") & (S.error_section == ""),
                error_callout(rx.cond(S.error_message == "", "error." + S.error_code, ""), S.error_message,
                              callout_id="project-form-error")),
        rx.form(
            rx.vstack(
                basics(),
                goals(),
                columns(),
                rx.button(rx.cond(S.is_new, t("projects.form.create"), t("projects.form.save")), type="submit",
                          size="3", width="100%", loading=S.busy, id="project-save"),
                spacing="3", width="100%",
            ),
            on_submit=S.save, reset_on_submit=False, key=S.form_key.to_string(), width="100%",
        ),
        spacing="3", width="100%",
    )


@template(route=PROJECTS_ROUTE + "/new", title="新建项目 New project", on_load=S.load)
def new_project_page() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("projects.back"), align="center"), href=PROJECTS_ROUTE),
        page_heading("projects.new", heading_id="project-form-title"),
        members(),
        project_form(),
        spacing="3", width="100%",
    )


@template(route=PROJECTS_ROUTE + "/[id]/settings", title="项目设置 Project settings", on_load=S.load)
def project_settings_page() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("projects.back_to_project"), align="center"),
                href=PROJECTS_ROUTE + "/" + S.project_id),
        page_heading("projects.configure", heading_id="project-form-title"),
        project_form(),
        spacing="3", width="100%",
    )
