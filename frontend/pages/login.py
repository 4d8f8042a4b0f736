"""Sign-in page: employee number + password; typed API errors become translated messages. A visitor sent here
from another page (or whose session expired) is told why, and goes back to that page once signed in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.components.template import template
from frontend.i18n import has_label, t
from frontend.state.session import HOME_ROUTE, LOGIN_ROUTE, SIGN_IN_REASONS, SessionState, safe_return_path


class LoginState(SessionState):
    error_code: str = ""
    # The server's own wording, shown only for codes the interface has no label for.
    error_detail: str = ""
    # With TOO_MANY_ATTEMPTS: whole minutes to wait, shown inside the translated sentence.
    retry_minutes: int = 0
    is_submitting: bool = False

    @rx.var(cache=True)
    def error_label_key(self) -> str:
        """The i18n key of the current error, or "" when there is none or the code is unknown to the UI."""
        key = f"error.{self.error_code}"
        return key if self.error_code and has_label(key) else ""

    @rx.var(cache=True)
    def has_error(self) -> bool:
        return bool(self.error_code)

    @rx.var(cache=True)
    def is_throttled(self) -> bool:
        return self.error_code == "TOO_MANY_ATTEMPTS"

    @rx.var
    def reason_label_key(self) -> str:
        """Why the visitor is here (?reason=expired: the session ran out), as a label key; "" for none."""
        reason = self.router.url.query_parameters.get("reason", "")
        return f"login.reason.{reason}" if reason in SIGN_IN_REASONS else ""

    def _return_path(self) -> str:
        return safe_return_path(self.router.url.query_parameters.get("next", ""))

    def _fail(self, code: str, detail: str, retry_after_seconds: int | None = None) -> None:
        self.error_code = code
        self.error_detail = detail
        self.retry_minutes = max(1, -(-retry_after_seconds // 60)) if retry_after_seconds else 0

    @rx.event
    def redirect_if_signed_in(self) -> EventSpec | None:
        return rx.redirect(self._return_path()) if self.token else None

    @rx.event
    async def submit(self, form_data: dict[str, str]) -> AsyncIterator[EventSpec | None]:
        employee_no = str(form_data.get("employee_no", "")).strip()
        password = str(form_data.get("password", ""))
        if not employee_no or not password:
            self._fail("EMPTY_FIELDS", "")
            return
        self._fail("", "")
        self.is_submitting = True
        yield None  # show the busy button while the API answers
        try:
            result = await api.login(employee_no, password)
        except api.GatewayError as error:
            self._fail(error.code, error.message)
            return
        finally:
            self.is_submitting = False
        if isinstance(result, api.OperationError):
            self._fail(result.code, result.message, result.retry_after_seconds)
            return
        self._start_session(result.token)
        yield rx.redirect(self._return_path() or HOME_ROUTE)


def error_callout() -> rx.Component:
    throttled = rx.fragment(t("error.TOO_MANY_ATTEMPTS.before"), LoginState.retry_minutes,
                            t("error.TOO_MANY_ATTEMPTS.after"))
    message = rx.cond(LoginState.is_throttled, throttled,
                      rx.cond(LoginState.error_label_key != "", t(LoginState.error_label_key),
                              LoginState.error_detail))
    return rx.cond(
        LoginState.has_error,
        rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", id="login-error"),
    )


def reason_callout() -> rx.Component:
    return rx.cond(
        LoginState.reason_label_key != "",
        rx.callout(t(LoginState.reason_label_key), icon="info", color_scheme="blue", id="login-reason"),
    )


@template(route=LOGIN_ROUTE, title="登录 Sign in", on_load=LoginState.redirect_if_signed_in, signed_in_page=False)
def login_page() -> rx.Component:
    return rx.center(
        rx.card(
            rx.form(
                rx.vstack(
                    rx.heading(t("login.title"), size="6", id="login-title"),
                    rx.text(t("app.tagline"), color_scheme="gray", size="2"),
                    reason_callout(),
                    rx.text(t("login.employee_no"), as_="label", html_for="employee-no", weight="medium"),
                    rx.input(
                        id="employee-no",
                        name="employee_no",
                        auto_complete="username",
                        auto_capitalize="characters",
                        required=True,
                        width="100%",
                        size="3",
                    ),
                    rx.text(t("login.password"), as_="label", html_for="password", weight="medium"),
                    rx.input(
                        id="password",
                        name="password",
                        type="password",
                        auto_complete="current-password",
                        required=True,
                        width="100%",
                        size="3",
                    ),
                    error_callout(),
                    rx.button(
                        t("login.submit"),
                        id="login-submit",
                        type="submit",
                        loading=LoginState.is_submitting,
                        width="100%",
                        size="3",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=LoginState.submit,
                reset_on_submit=False,
            ),
            width="100%",
            max_width="24rem",
            size="3",
        ),
        padding_top=rx.breakpoints(initial="1rem", sm="4rem"),
    )
