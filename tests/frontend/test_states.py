"""Login, desk and language states driven directly, with the API gateway replaced by fakes."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, TypeVar

import pytest
import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.i18n import DEFAULT_LANGUAGE, LABELS, LanguageState
from frontend.pages.desk import DeskState, format_money
from frontend.pages.login import LoginState
from frontend.state import live
from frontend.state.session import HOME_ROUTE, LOGIN_ROUTE, SessionState

StateT = TypeVar("StateT", bound=rx.State)

HR_PROFILE = api.Profile(
    id="RW1wbG95ZWU6MQ",
    employee_no="HR0001",
    name="周敏",
    position="人力资源经理",
    status="ACTIVE",
    hire_date="2019-03-01",
    roles=("HR",),
    base_salary="16000.00",
    target_bonus="30000.00",
    department_code="HR",
    department_name="人力资源部",
    department_kind="BACKEND",
)


def fresh_state(state_class: type[StateT]) -> StateT:
    """One browser tab's state tree, as Reflex would build it, and the requested state inside it."""
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(state_class.get_full_name().split("."))  # type: ignore[return-value]


def handler_name(spec: Any) -> str | None:
    return spec.handler.fn.__qualname__ if isinstance(spec, EventSpec) else None


def redirect_path(spec: Any) -> str | None:
    if handler_name(spec) != "_redirect":
        return None
    return {name._js_expr: value._var_value for name, value in spec.args}["path"]


async def run_handler(generator: AsyncIterator[Any]) -> list[Any]:
    return [update async for update in generator]


class FakeGateway:
    """Stands in for frontend.api: records calls, answers from canned results."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.login_calls: list[tuple[str, str]] = []
        self.login_result: api.LoginResult | api.GatewayError = api.LoginSuccess("token-hr", "2030-01-01T00:00:00Z")
        self.profiles: dict[str, api.Profile] = {"token-hr": HR_PROFILE}
        self.me_error: api.GatewayError | None = None
        monkeypatch.setattr(api, "login", self.login)
        monkeypatch.setattr(api, "fetch_me", self.fetch_me)

    async def login(self, employee_no: str, password: str) -> api.LoginResult:
        self.login_calls.append((employee_no, password))
        if isinstance(self.login_result, api.GatewayError):
            raise self.login_result
        return self.login_result

    async def fetch_me(self, token: str) -> api.Profile | None:
        if self.me_error is not None:
            raise self.me_error
        return self.profiles.get(token)


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch) -> FakeGateway:
    return FakeGateway(monkeypatch)


# --- login ---------------------------------------------------------------------------------------


async def test_login_success_stores_the_token_and_goes_to_the_desk(gateway: FakeGateway) -> None:
    login = fresh_state(LoginState)

    updates = await run_handler(LoginState.submit.fn(login, {"employee_no": " HR0001 ", "password": "tandem-hr"}))

    assert gateway.login_calls == [("HR0001", "tandem-hr")]
    assert login.token == "token-hr"
    assert login.is_signed_in
    assert not login.has_error
    assert not login.is_submitting
    assert redirect_path(updates[-1]) == HOME_ROUTE


async def test_wrong_credentials_show_the_translated_typed_error(gateway: FakeGateway) -> None:
    gateway.login_result = api.OperationError("INVALID_CREDENTIALS", "invalid employee number or password")
    login = fresh_state(LoginState)

    updates = await run_handler(LoginState.submit.fn(login, {"employee_no": "HR0001", "password": "nope"}))

    assert login.token == ""
    assert login.error_code == "INVALID_CREDENTIALS"
    assert login.error_label_key == "error.INVALID_CREDENTIALS"
    assert not login.is_submitting
    assert not any(redirect_path(update) for update in updates)


async def test_a_throttled_sign_in_says_how_many_minutes_to_wait(gateway: FakeGateway) -> None:
    gateway.login_result = api.OperationError("TOO_MANY_ATTEMPTS", "too many failed sign-ins; try again in 14 "
                                              "minutes", retry_after_seconds=801)
    login = fresh_state(LoginState)

    await run_handler(LoginState.submit.fn(login, {"employee_no": "HR0001", "password": "x"}))

    assert login.is_throttled
    assert login.retry_minutes == 14
    for language in LABELS.values():
        assert language["error.TOO_MANY_ATTEMPTS.before"] and language["error.TOO_MANY_ATTEMPTS.after"]


def test_the_gateway_reads_the_wait_of_a_throttled_sign_in() -> None:
    error = api.parse_login({"__typename": "OperationError", "code": "TOO_MANY_ATTEMPTS", "message": "m",
                             "retryAfterSeconds": 900})
    assert error == api.OperationError("TOO_MANY_ATTEMPTS", "m", retry_after_seconds=900)


async def test_an_error_code_without_a_label_shows_the_server_message(gateway: FakeGateway) -> None:
    gateway.login_result = api.OperationError("ACCOUNT_LOCKED", "too many attempts")
    login = fresh_state(LoginState)

    await run_handler(LoginState.submit.fn(login, {"employee_no": "HR0001", "password": "x"}))

    assert login.has_error
    assert login.error_label_key == ""
    assert login.error_detail == "too many attempts"


async def test_empty_fields_are_refused_without_calling_the_api(gateway: FakeGateway) -> None:
    login = fresh_state(LoginState)

    await run_handler(LoginState.submit.fn(login, {"employee_no": "  ", "password": ""}))

    assert gateway.login_calls == []
    assert login.error_label_key == "error.EMPTY_FIELDS"


async def test_an_unreachable_api_is_reported_as_a_network_error(gateway: FakeGateway) -> None:
    gateway.login_result = api.GatewayError("NETWORK", "connection refused")
    login = fresh_state(LoginState)

    await run_handler(LoginState.submit.fn(login, {"employee_no": "HR0001", "password": "tandem-hr"}))

    assert login.error_label_key == "error.NETWORK"
    assert not login.is_submitting
    assert login.token == ""


async def test_a_new_attempt_clears_the_previous_error(gateway: FakeGateway) -> None:
    gateway.login_result = api.OperationError("INVALID_CREDENTIALS", "")
    login = fresh_state(LoginState)
    await run_handler(LoginState.submit.fn(login, {"employee_no": "HR0001", "password": "nope"}))

    gateway.login_result = api.LoginSuccess("token-hr", "")
    await run_handler(LoginState.submit.fn(login, {"employee_no": "HR0001", "password": "tandem-hr"}))

    assert not login.has_error


def test_the_login_page_sends_a_signed_in_visitor_to_the_desk() -> None:
    login = fresh_state(LoginState)
    assert LoginState.redirect_if_signed_in.fn(login) is None

    login.token = "token-hr"
    assert redirect_path(LoginState.redirect_if_signed_in.fn(login)) == HOME_ROUTE


def test_logout_forgets_the_token_and_goes_to_the_login_page() -> None:
    session = fresh_state(SessionState)
    session.token = "token-hr"

    spec = SessionState.logout.fn(session)

    assert session.token == ""
    assert not session.is_signed_in
    assert redirect_path(spec) == LOGIN_ROUTE


async def test_signing_out_ends_the_session_on_the_server_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from frontend.state.viewer import ViewerState

    ended: list[str] = []

    async def logout(token: str) -> None:
        ended.append(token)

    monkeypatch.setattr(api, "logout", logout)
    viewer = fresh_state(ViewerState)
    viewer.token = "token-hr"

    spec = await ViewerState.logout.fn(viewer)

    assert ended == ["token-hr"]
    assert viewer.token == "" and viewer.me == api.Profile()
    assert redirect_path(spec) == LOGIN_ROUTE


# --- desk ----------------------------------------------------------------------------------------


async def test_the_desk_sends_an_anonymous_visitor_to_the_login_page(gateway: FakeGateway) -> None:
    desk = fresh_state(DeskState)

    spec = await DeskState.load.fn(desk)

    assert redirect_path(spec) == LOGIN_ROUTE
    assert not desk.is_loaded


async def test_the_desk_shows_the_signed_in_employee_and_starts_live_updates(gateway: FakeGateway) -> None:
    desk = fresh_state(DeskState)
    desk.token = "token-hr"

    spec = await DeskState.load.fn(desk)

    assert handler_name(spec) == "DeskState.watch_profile"
    assert desk.is_loaded
    assert desk.profile.name == "周敏"
    assert desk.base_salary_text == "¥16,000.00"
    assert desk.target_bonus_text == "¥30,000.00"
    assert desk.region_text == ""
    assert desk.roles == ["HR"]


async def test_an_expired_token_ends_the_session(gateway: FakeGateway) -> None:
    desk = fresh_state(DeskState)
    desk.token = "expired"

    spec = await DeskState.load.fn(desk)

    assert redirect_path(spec) == LOGIN_ROUTE + "?reason=expired"  # the sign-in page says why
    assert desk.token == ""


async def test_another_sign_in_never_shows_the_previous_profile(gateway: FakeGateway) -> None:
    desk = fresh_state(DeskState)
    desk.token = "token-hr"
    await DeskState.load.fn(desk)

    assert desk.profile == HR_PROFILE
    desk.token = "token-of-someone-else"
    gateway.me_error = api.GatewayError("NETWORK", "down")
    await DeskState.load.fn(desk)

    assert desk.profile == api.Profile()  # every field of the previous profile is gone, not only its id
    assert not desk.is_loaded
    assert desk.load_error_code == "NETWORK"


class FakeSubscription:
    """Stands in for api.watch_employee: plays a script of profiles, heartbeats (None) and failures."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *scripts: list[api.Profile | api.GatewayError | None]) -> None:
        self.scripts = list(scripts)
        self.subscriptions = 0
        self.closed = 0
        self.before_each_item: Any = None
        monkeypatch.setattr(api, "watch_employee", self.watch_employee)
        monkeypatch.setattr(live, "LIVE_RETRY_SECONDS", 0)

    async def watch_employee(
        self, token: str, employee_id: str, *, heartbeat_seconds: float
    ) -> AsyncGenerator[api.Profile | None, None]:
        self.subscriptions += 1
        script = self.scripts.pop(0) if self.scripts else [api.GatewayError("UNAUTHENTICATED", "end of test")]
        try:
            for item in script:
                if self.before_each_item is not None:
                    self.before_each_item()
                if isinstance(item, api.GatewayError):
                    raise item
                yield item
        finally:
            self.closed += 1


async def signed_in_desk(gateway: FakeGateway) -> DeskState:
    desk = fresh_state(DeskState)
    desk.token = "token-hr"
    await DeskState.load.fn(desk)
    return desk


async def test_live_changes_replace_the_profile_as_they_come(
    gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = await signed_in_desk(gateway)
    transferred = dataclasses.replace(HR_PROFILE, position="人力资源总监")
    subscription = FakeSubscription(monkeypatch, [HR_PROFILE, None, transferred])

    await DeskState.watch_profile.fn(desk)

    assert desk.profile.position == "人力资源总监"
    assert subscription.subscriptions == 2  # the stream ended once, so the watcher subscribed again
    assert subscription.closed == 2
    assert not desk.is_live


async def test_a_dropped_connection_is_retried_but_a_refusal_is_not(
    gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = await signed_in_desk(gateway)
    subscription = FakeSubscription(
        monkeypatch,
        [api.GatewayError("NETWORK", "connection reset")],
        [api.GatewayError("SUBSCRIPTION", "not allowed")],
    )

    await DeskState.watch_profile.fn(desk)

    assert subscription.subscriptions == 2


async def test_signing_out_stops_the_watcher_and_closes_its_socket(
    gateway: FakeGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = await signed_in_desk(gateway)
    subscription = FakeSubscription(monkeypatch, [None, None, None])
    heartbeats = iter([lambda: None, lambda: SessionState.logout.fn(desk)])
    subscription.before_each_item = lambda: next(heartbeats, lambda: None)()

    await DeskState.watch_profile.fn(desk)

    assert subscription.subscriptions == 1
    assert subscription.closed == 1
    assert not desk.is_live


def test_hidden_pay_is_blank_and_visible_pay_is_formatted() -> None:
    assert format_money("12000.00") == "¥12,000.00"
    assert format_money("0.5") == "¥0.50"
    assert format_money(None) == ""
    assert format_money("not money") == ""


# --- language ------------------------------------------------------------------------------------


def test_chinese_is_the_default_and_the_toggle_switches_to_english_and_back() -> None:
    language = fresh_state(LanguageState)
    assert language.language == DEFAULT_LANGUAGE == "zh"
    assert language.labels["nav.desk"] == "我的工作台"

    LanguageState.toggle_language.fn(language)
    assert language.labels["nav.desk"] == "My desk"

    LanguageState.toggle_language.fn(language)
    assert language.labels["nav.desk"] == "我的工作台"


def test_an_unknown_language_is_ignored() -> None:
    language = fresh_state(LanguageState)
    LanguageState.set_language.fn(language, "fr")
    assert language.language == "zh"
    LanguageState.set_language.fn(language, "en")
    assert language.labels["login.submit"] == "Sign in"


def test_every_language_labels_the_same_things() -> None:
    keys = {language: set(labels) for language, labels in LABELS.items()}
    assert keys["en"] == keys["zh"]
    assert all(text.strip() for labels in LABELS.values() for text in labels.values())
