"""Record an order (录入订单), phone first: customer, type, amount, when, and the support request blocking it if any.
Frontline staff record their own (their region, themselves); managers and HR pick the region and the employee.
A refusal shows on the field it names; the device-made clientOrderId makes a resend safe
(frontend/state/order_state.py)."""

from __future__ import annotations

import reflex as rx

from frontend.components.template import page_heading, template
from frontend.i18n import t
from frontend.state.order_state import ORDER_TYPES, ORDERS_ROUTE, Choice, OrderState

S = OrderState
FIELDS = ("regionCode", "employeeId", "customer", "type", "amount", "occurredAt", "blockingRequestId")
CONTROL = {"width": "100%", "min_height": "44px", "font_size": "16px"}  # 16 px: phones do not zoom in


def field_error(name: str) -> rx.Component:
    return rx.cond(
        S.error_field == name,
        rx.vstack(rx.text(t("orders.invalid." + name), color_scheme="red", size="2", weight="medium"),
                  rx.cond(S.error_message != "", rx.text(S.error_message, color_scheme="red", size="1")),
                  spacing="0", id=f"order-error-{name}", class_name="field-error", role="alert"),
    )


def labelled(name: str, control: rx.Component, hint_key: str = "") -> rx.Component:
    return rx.vstack(
        rx.text(t("orders.field." + name), as_="label", html_for=f"order-{name}", size="2", weight="medium"),
        control,
        rx.text(t(hint_key), size="1", color_scheme="gray") if hint_key else rx.fragment(),
        field_error(name),
        spacing="1", width="100%",
    )


def choice(option: rx.Var[Choice]) -> rx.Component:
    return rx.el.option(option.label, value=option.value)


def select(name: str, options: rx.Var[list[Choice]], value: rx.Var[str], on_change: object, *,
           empty_key: str = "") -> rx.Component:
    return rx.el.select(
        rx.el.option(t(empty_key), value="") if empty_key else rx.fragment(),
        rx.foreach(options, choice),
        id=f"order-{name}", name=name, value=value, on_change=on_change, class_name="tandem-select",
        aria_invalid=rx.cond(S.error_field == name, "true", "false"), style=CONTROL)


def text_input(name: str, value: rx.Var[str], on_change: object, **props: object) -> rx.Component:
    return rx.input(id=f"order-{name}", name=name, value=value, on_change=on_change, size="3", width="100%",
                    color_scheme=rx.cond(S.error_field == name, "red", "gray"),
                    aria_invalid=rx.cond(S.error_field == name, "true", "false"), **props)


def who_fields() -> rx.Component:
    return rx.cond(
        S.for_anyone,
        rx.grid(labelled("regionCode", select("regionCode", S.regions, S.region_code, S.set_region)),
                labelled("employeeId", rx.vstack(
                    rx.input(id="order-staff-search", value=S.staff_search, on_change=S.set_staff_search,
                             placeholder=t("orders.staff_search"), size="3", width="100%", auto_complete="off",
                             aria_label=t("orders.staff_search")),
                    select("employeeId", S.staff, S.employee_id, S.set_employee, empty_key="orders.pick_employee"),
                    spacing="2", width="100%")),
                columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        rx.text(t("orders.for_me"), " · ", S.me.name, " · ", S.me.region_name, size="2", color_scheme="gray",
                id="order-for-me"),
    )


def type_choice() -> rx.Component:
    return rx.radio_group.root(
        rx.flex(*[rx.radio_group.item(rx.text(t("orders.type." + kind)), value=kind, id=f"order-type-{kind}")
                  for kind in ORDER_TYPES], spacing="4", min_height="44px", align="center"),
        value=S.order_type, on_change=S.set_order_type, id="order-type", name="type", size="3")


def result_callout() -> rx.Component:
    return rx.cond(
        S.recorded_status != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("circle_check", size=16)),
            rx.callout.text(
                rx.cond(S.recorded_again, t("orders.recorded_again"), t("orders.recorded")), " ",
                rx.cond(S.recorded_status == "PENDING", t("orders.recorded.pending"), t("orders.recorded.credited")),
                " ", t("orders.recorded.commission"), " ", S.recorded_commission),
            color_scheme="green", id="order-recorded", width="100%",
            custom_attrs={"data-status": S.recorded_status}),
    )


def general_error() -> rx.Component:
    """An error that names none of the form's fields (no connection, not allowed)."""
    return rx.cond(
        (S.error_code != "") & ~rx.Var.create(list(FIELDS)).contains(S.error_field),
        rx.callout.root(rx.callout.icon(rx.icon("triangle_alert", size=16)),
                        rx.callout.text(rx.cond(S.error_code == "NETWORK", t("orders.error.NETWORK"),
                                                t("orders.error.other")), " ", S.error_message),
                        color_scheme="red", role="alert", id="order-error", width="100%"),
    )


def order_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            who_fields(),
            labelled("customer", text_input("customer", S.customer, S.set_customer, max_length=200,
                                            placeholder=t("orders.customer.placeholder"), auto_complete="off")),
            labelled("type", type_choice()),
            labelled("amount", text_input("amount", S.amount, S.set_amount, input_mode="decimal",
                                          placeholder="0.00", auto_complete="off"), "orders.amount.hint"),
            labelled("occurredAt", rx.el.input(type="datetime-local", id="order-occurredAt", name="occurredAt",
                                               value=S.occurred_at,
                                               on_change=S.set_occurred_at, class_name="tandem-select",
                                               style=CONTROL)),
            labelled("blockingRequestId", select("blockingRequestId", S.blocking, S.blocking_request_id,
                                                 S.set_blocking, empty_key="orders.no_blocking"),
                     "orders.blocking.hint"),
            general_error(),
            result_callout(),
            rx.button(rx.cond(S.is_sending, rx.spinner(size="2"), rx.icon("send", size=16)),
                      t("orders.submit"), type="submit", size="3", width="100%", min_height="48px",
                      disabled=S.is_sending | ~S.may_record, id="order-submit",
                      custom_attrs={"data-client-order-id": S.client_order_id}),
            spacing="4", width="100%",
        ),
        on_submit=S.submit, reset_on_submit=False, id="order-form", width="100%",
    )


@template(route=ORDERS_ROUTE, title="录入订单 Record an order", on_load=OrderState.load)
def orders_page() -> rx.Component:
    return rx.vstack(
        page_heading("orders.title", heading_id="orders-title",
                     actions=[rx.link(t("orders.back"), href="/", size="2")]),
        rx.text(t("orders.intro"), size="2", color_scheme="gray"),
        rx.cond(S.may_record | (S.me.id == ""),
                rx.card(order_form(), size="3", width="100%", max_width="36rem"),
                rx.callout(t("orders.not_allowed"), icon="info", id="order-not-allowed")),
        spacing="4", width="100%",
    )
