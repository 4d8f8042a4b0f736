"""One employee for HR: who they are, their assignment history (hire, transfers), and the transfer and leave
forms (effective-dated; the API's typed errors on the field they name)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from frontend.components.people_forms import general_error, select_field, text_field
from frontend.components.template import error_callout, loading_row, template
from frontend.i18n import t
from frontend.state.people_state import PEOPLE_ROUTE, EmployeeState

S = EmployeeState


def profile_card() -> rx.Component:
    row = S.profile.row
    return rx.card(
        rx.vstack(
            rx.flex(rx.heading(row.name, size="6", as_="h1", id="employee-name"),
                    rx.badge(t("status." + row.status), color_scheme=rx.cond(row.status == "ACTIVE", "green", "gray")),
                    align="center", spacing="2", wrap="wrap"),
            rx.data_list.root(
                rx.data_list.item(rx.data_list.label(t("field.employee_no")), rx.data_list.value(row.employee_no)),
                rx.data_list.item(rx.data_list.label(t("field.department")),
                                  rx.data_list.value(row.department_name, " · ", t("kind." + row.department_kind))),
                rx.data_list.item(rx.data_list.label(t("field.region")),
                                  rx.data_list.value(rx.cond(row.region_name != "", row.region_name,
                                                             t("value.none")))),
                rx.data_list.item(rx.data_list.label(t("field.position")), rx.data_list.value(row.position)),
                rx.data_list.item(rx.data_list.label(t("field.hire_date")), rx.data_list.value(row.hire_date)),
                rx.cond(row.leave_date != "", rx.data_list.item(rx.data_list.label(t("people.field.last_day")),
                                                                rx.data_list.value(row.leave_date))),
                rx.data_list.item(rx.data_list.label(t("field.base_salary")), rx.data_list.value(S.salary_text)),
                rx.data_list.item(rx.data_list.label(t("field.target_bonus")), rx.data_list.value(S.bonus_text)),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"), size="2",
            ),
            spacing="3", width="100%",
        ),
        size="2", width="100%",
    )


def history_card() -> rx.Component:
    def line(item: rx.Var[dict[str, Any]]) -> rx.Component:
        return rx.box(
            rx.text(item["from"], " · ", t("people.reason." + item["reason"]), weight="medium", size="2"),
            rx.text(item["department"], rx.cond(item["region"] != "", " · " + item["region"], ""), " · ",
                    item["position"], size="2"),
            rx.cond(item["salary"] != "", rx.text(t("field.base_salary"), " ", item["salary"], " · ",
                                                  t("field.target_bonus"), " ", item["bonus"], size="1",
                                                  color_scheme="gray")),
            border_left="2px solid var(--accent-7)", padding_left="0.75rem", width="100%",
        )

    return rx.card(rx.vstack(rx.heading(t("people.history"), size="3", as_="h2"),
                             rx.vstack(rx.foreach(S.history, line), spacing="3", width="100%", id="employee-history"),
                             spacing="3", width="100%"), size="2", width="100%")


def transfer_card() -> rx.Component:
    return rx.card(rx.form(rx.vstack(
        rx.heading(t("people.transfer"), size="3", as_="h2"),
        rx.text(t("people.transfer_hint"), size="1", color_scheme="gray"),
        rx.grid(
            text_field("people.field.effective_date", "effective_date", type="date", required=True),
            select_field("field.department", "department_code", S.departments, empty_key="people.unchanged"),
            select_field("field.region", "region_code", S.regions, empty_key="people.unchanged"),
            text_field("field.position", "position", placeholder=t("people.unchanged")),
            text_field("field.base_salary", "base_salary", inputmode="decimal", placeholder=t("people.unchanged")),
            text_field("field.target_bonus", "target_bonus", inputmode="decimal", placeholder=t("people.unchanged")),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
        ),
        rx.button(t("people.transfer"), type="submit", size="3", loading=S.busy == "transfer", id="transfer-submit"),
        spacing="3", width="100%"), on_submit=S.transfer, reset_on_submit=False), size="2", width="100%")


def leave_card() -> rx.Component:
    return rx.card(rx.form(rx.vstack(
        rx.heading(t("people.leave"), size="3", as_="h2"),
        text_field("people.field.last_day", "last_day", type="date", required=True),
        rx.button(t("people.leave"), type="submit", size="3", color_scheme="red", variant="soft",
                  loading=S.busy == "leave", id="leave-submit"),
        spacing="3", width="100%"), on_submit=S.leave, reset_on_submit=False), size="2", width="100%")


@template(route=PEOPLE_ROUTE + "/[id]", title="员工 Employee", on_load=S.load)
def employee_page() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("people.back"), align="center"), href=PEOPLE_ROUTE),
        rx.cond(S.forbidden, rx.callout(t("people.forbidden"), icon="lock")),
        rx.cond(S.not_found, rx.callout(t("people.not_found"), icon="info")),
        rx.cond(S.load_error_code != "", error_callout("error." + S.load_error_code, callout_id="employee-error")),
        rx.cond(S.notice_key != "", rx.callout(t(S.notice_key), icon="circle_check", color_scheme="green")),
        general_error(),
        rx.cond(S.is_loaded, rx.vstack(
            profile_card(),
            rx.grid(history_card(), rx.vstack(transfer_card(), leave_card(), spacing="3", width="100%"),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%"),
            spacing="3", width="100%",
        ), rx.cond(S.is_loading, loading_row())),
        spacing="3", width="100%",
    )
