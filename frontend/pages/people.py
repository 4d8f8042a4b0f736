"""HR's employee directory: search by name or number, filter by department, region and status; hire someone;
see and add the support links (backend department ↔ region)."""

from __future__ import annotations

import reflex as rx

from frontend.api import people as people_api
from frontend.components.people_forms import general_error, select_field, text_field
from frontend.components.template import error_callout, loading_row, page_heading, template
from frontend.i18n import t
from frontend.state.people_state import PEOPLE_ROUTE, ROLES, PeopleState

S = PeopleState


def filters() -> rx.Component:
    def select(name: str, options: list[rx.Component], value: rx.Var[str], label_key: str) -> rx.Component:
        return rx.el.select(*options, value=value, on_change=lambda v: S.set_filter(name, v),
                            class_name="tandem-select", aria_label=t(label_key), id=f"people-{name}")

    return rx.vstack(
        rx.form(rx.hstack(rx.input(name="search", id="people-search", placeholder=t("people.search"), size="3",
                                   default_value=S.search, type="search", flex_grow="1"),
                          rx.button(rx.icon("search", size=16), t("support.filter.search_go"), type="submit",
                                    size="3", variant="soft"), width="100%"),
                on_submit=S.apply_filters, reset_on_submit=False, width="100%"),
        rx.grid(
            select("department_code", [rx.el.option(t("people.any_department"), value=""),
                                       rx.foreach(S.departments, lambda d: rx.el.option(d.name, value=d.code))],
                   S.department_code, "field.department"),
            select("region_code", [rx.el.option(t("support.filter.any_region"), value=""),
                                   rx.foreach(S.regions, lambda r: rx.el.option(r.name, value=r.code))],
                   S.region_code, "field.region"),
            select("status", [rx.el.option(t("people.any_status"), value=""),
                              rx.el.option(t("status.ACTIVE"), value="ACTIVE"),
                              rx.el.option(t("status.LEFT"), value="LEFT")], S.status, "field.status"),
            columns=rx.breakpoints(initial="1", sm="3"), spacing="2", width="100%",
        ),
        rx.text(S.total.to_string(), " ", t("people.found"), " · ", t("people.sorted"), size="1",
                color_scheme="gray", id="people-total"),
        spacing="2", width="100%",
    )


def person_card(row: people_api.DirectoryRow) -> rx.Component:
    return rx.link(
        rx.card(
            rx.flex(
                rx.vstack(
                    rx.text(row.name, weight="medium"),
                    rx.text(row.employee_no, " · ", row.department_name,
                            rx.cond(row.region_name != "", " · " + row.region_name, ""), " · ", row.position,
                            size="2", color_scheme="gray"),
                    spacing="0",
                ),
                rx.spacer(),
                rx.badge(t("status." + row.status), color_scheme=rx.cond(row.status == "ACTIVE", "green", "gray")),
                align="center", width="100%", spacing="2",
            ),
            size="1", width="100%",
        ),
        href=PEOPLE_ROUTE + "/" + row.id, underline="none", color="inherit", width="100%", class_name="person-row",
    )


def hire_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("people.hire")),
            rx.form(
                rx.vstack(
                    rx.grid(
                        text_field("field.employee_no", "employee_no", required=True),
                        text_field("people.field.name", "name", required=True),
                        select_field("field.department", "department_code", S.departments,
                                     empty_key="support.form.choose", required=True),
                        select_field("people.field.region_frontline", "region_code", S.regions,
                                     empty_key="people.no_region"),
                        text_field("field.position", "position", required=True),
                        text_field("field.hire_date", "hire_date", type="date", required=True),
                        text_field("field.base_salary", "base_salary", inputmode="decimal", required=True),
                        text_field("field.target_bonus", "target_bonus", inputmode="decimal"),
                        text_field("people.field.password", "password", type="password",
                                   auto_complete="new-password"),
                        columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
                    ),
                    rx.flex(*[rx.el.label(rx.el.input(type="checkbox", name=f"role_{role}",
                                                      default_checked=role == "STAFF",
                                                      style={"width": "20px", "height": "20px"}),
                                          rx.text(t("role." + role)), display="flex", align_items="center",
                                          gap="0.5rem", min_height="40px", cursor="pointer")
                              for role in ROLES], spacing="4", wrap="wrap"),
                    general_error(),
                    rx.button(t("people.hire"), type="submit", size="3", width="100%", loading=S.busy == "hire",
                              id="hire-submit"),
                    spacing="3", width="100%",
                ),
                on_submit=S.hire, reset_on_submit=False,
            ),
            max_width="40rem",
        ),
        open=S.dialog == "hire",
        on_open_change=S.close_dialog,
    )


def link_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("people.links")),
            rx.text(t("people.links_hint"), size="2", color_scheme="gray"),
            rx.vstack(rx.foreach(S.links, lambda link: rx.text(link["department"], "：", link["regions"], size="2")),
                      spacing="1", padding_y="0.5rem"),
            rx.form(
                rx.vstack(
                    select_field("people.field.backend_department", "department_code", S.backend_departments,
                                 empty_key="support.form.choose", required=True),
                    select_field("field.region", "region_code", S.regions, empty_key="support.form.choose",
                                 required=True),
                    text_field("people.field.weight", "weight", default_value="1", inputmode="decimal"),
                    general_error(),
                    rx.button(t("people.link"), type="submit", size="3", loading=S.busy == "link"),
                    spacing="3", width="100%",
                ),
                on_submit=S.link, reset_on_submit=False,
            ),
            max_width="32rem",
        ),
        open=S.dialog == "link",
        on_open_change=S.close_dialog,
    )


@template(route=PEOPLE_ROUTE, title="员工 People", on_load=S.load)
def people_page() -> rx.Component:
    return rx.vstack(
        page_heading("people.title", heading_id="people-title", actions=[rx.cond(~S.forbidden, rx.fragment(
            rx.button(rx.icon("user-plus", size=16), t("people.hire"), size="3", on_click=S.open_dialog("hire"),
                      id="people-hire"),
            rx.button(rx.icon("link", size=16), t("people.links"), size="3", variant="soft",
                      on_click=S.open_dialog("link"), id="people-links"),
        ))]),
        rx.cond(S.forbidden, rx.callout(t("people.forbidden"), icon="lock", id="people-forbidden")),
        rx.cond(S.notice_key != "", rx.callout(t(S.notice_key), icon="circle_check", color_scheme="green")),
        rx.cond(S.load_error_code != "", error_callout("error." + S.load_error_code, callout_id="people-error")),
        rx.cond(~S.forbidden, rx.vstack(
            filters(),
            rx.vstack(rx.foreach(S.rows, person_card), spacing="2", width="100%", id="people-list"),
            rx.cond(S.is_loading, loading_row()),
            rx.cond(S.has_more & ~S.is_loading, rx.button(t("support.more"), variant="soft", size="3", width="100%",
                                                          on_click=S.load_more)),
            spacing="3", width="100%",
        )),
        hire_dialog(),
        link_dialog(),
        spacing="3",
        width="100%",
    )
