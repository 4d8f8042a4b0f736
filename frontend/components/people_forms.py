"""Form pieces of HR's people pages: labelled inputs that show the API's typed error on the field it names."""

from __future__ import annotations

from typing import Any

import reflex as rx

from frontend.i18n import t
from frontend.state.people_state import FormErrors


def field_error(name: str) -> rx.Component:
    return rx.cond((FormErrors.error_field == name) & (FormErrors.error_code != ""),
                   rx.text(rx.cond(FormErrors.error_message != "", FormErrors.error_message,
                                   t("people.error.required")),
                           color_scheme="red", size="2", class_name="field-error", id=f"error-{name}"))


def labelled(label_key: str, name: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.text(t(label_key), as_="label", html_for=f"field-{name}", size="2", weight="medium"),
                     control, field_error(name), spacing="1", width="100%")


def text_field(label_key: str, name: str, **props: Any) -> rx.Component:
    return labelled(label_key, name, rx.input(id=f"field-{name}", name=name, size="3", width="100%",
                                              color_scheme=rx.cond(FormErrors.error_field == name, "red", "gray"),
                                              **props))


def select_field(label_key: str, name: str, options: Any, *, empty_key: str, **props: Any) -> rx.Component:
    return labelled(label_key, name, rx.el.select(
        rx.el.option(t(empty_key), value=""),
        rx.foreach(options, lambda o: rx.el.option(o.name, value=o.code)),
        id=f"field-{name}", name=name, class_name="tandem-select", **props))


def general_error() -> rx.Component:
    """An error that names no input of the form (a transport failure, a permission)."""
    return rx.cond((FormErrors.error_code != "") & (FormErrors.error_field == ""),
                   rx.callout(rx.cond(FormErrors.error_message != "", FormErrors.error_message,
                                      t("error." + FormErrors.error_code)),
                              icon="triangle_alert", color_scheme="red", role="alert", id="people-form-error"))
