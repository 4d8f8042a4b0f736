"""My desk (我的工作台): my reward counters, live, on top (frontend/components/reward_cards.py); below, the
signed-in employee's own profile, live, beside the cards of frontend/components/desk_cards.py (my projects, my
open requests or queue; other capabilities add theirs)."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.components.desk_cards import DESK_CARDS, desk_card_loads
from frontend.components.formatting import format_money
from frontend.components.reward_cards import rewards_section
from frontend.components.template import loading_row, template
from frontend.i18n import t
from frontend.state import live
from frontend.state.rewards_state import RewardsState
from frontend.state.session import HOME_ROUTE
from frontend.state.viewer import ViewerState

__all__ = ["DeskState", "format_money"]

# Live updates (frontend/state/live.py): one follower per tab, for at most LIVE_MAX_SECONDS.
LIVE_MAX_SECONDS = 4 * 3600.0
# (tab's client token, API token) of the watchers running in this process: a page reload must not start
# a second watcher, but signing in again in the same tab must not wait for the old one to notice and end.
_running_watchers: set[tuple[str, str]] = set()


class DeskState(ViewerState):
    profile: api.Profile = api.Profile()
    # The token the shown profile was fetched with (backend-only): a new sign-in must not see the old one.
    _profile_token: str = ""
    load_error_code: str = ""
    is_live: bool = False

    @rx.var(cache=True)
    def is_loaded(self) -> bool:
        return bool(self.profile.id)

    @rx.var(cache=True)
    def base_salary_text(self) -> str:
        return format_money(self.profile.base_salary)

    @rx.var(cache=True)
    def target_bonus_text(self) -> str:
        return format_money(self.profile.target_bonus)

    @rx.var(cache=True)
    def region_text(self) -> str:
        return self.profile.region_name or ""

    @rx.var(cache=True)
    def roles(self) -> list[str]:
        return list(self.profile.roles)

    @rx.event
    async def load(self) -> EventSpec | None:
        """Fetch the profile; send the visitor to sign in unless the token still works."""
        if self._profile_token != self.token:
            self.profile = api.Profile()
        if not self.token:
            return self._to_sign_in()
        loaded = await self._load_viewer()
        if loaded is None:
            self.load_error_code = self.viewer_error_code
            return None
        self.load_error_code = ""
        if not loaded:
            self.profile = api.Profile()
            return self._session_expired()
        self.profile = self.me
        self._profile_token = self.token
        return DeskState.watch_profile()

    @rx.event(background=True)
    async def watch_profile(self) -> None:
        """Show each change the API reports for this employee (transfer, leave...) as it happens."""
        async with self:
            client_token = self.router.session.client_token
            token, employee_id = self.token, self.profile.id
            watcher = (client_token, token)
            if watcher in _running_watchers or not token or not employee_id:
                return
            _running_watchers.add(watcher)
            self.is_live = True

        async def show(profile: api.Profile | None) -> bool:
            async with self:
                if self.token != token:
                    return False  # signed out, or someone else signed in, in this tab
                if profile is not None:
                    self.profile = profile
            return True

        try:
            await live.follow(
                client_token=client_token, max_seconds=LIVE_MAX_SECONDS, deliver=show,
                open_stream=lambda: api.watch_employee(token, employee_id,
                                                       heartbeat_seconds=live.LIVE_HEARTBEAT_SECONDS))
        finally:
            _running_watchers.discard(watcher)
            async with self:
                self.is_live = any(tab == client_token for tab, _ in _running_watchers)


def field(label_key: str, value: rx.Component | rx.Var[str] | str, *, value_id: str) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(t(label_key), min_width="7rem"),
        rx.data_list.value(value, id=value_id),
    )


def text_or_dash(value: rx.Var[str] | str) -> rx.Var[str]:
    return rx.cond(value != "", value, t("value.none")).to(str)


def money_or_hidden(value: rx.Var[str]) -> rx.Var[str]:
    return rx.cond(value != "", value, t("value.hidden")).to(str)


def role_badges() -> rx.Component:
    return rx.flex(
        rx.foreach(DeskState.roles, lambda role: rx.badge(t("role." + role), variant="soft")),
        spacing="2",
        wrap="wrap",
    )


def profile_card() -> rx.Component:
    profile = DeskState.profile
    department = rx.hstack(
        rx.text(profile.department_name),
        rx.badge(t("kind." + profile.department_kind), variant="outline", color_scheme="gray"),
        spacing="2",
        align="center",
        wrap="wrap",
    )
    status = rx.badge(
        t("status." + profile.status),
        color_scheme=rx.cond(profile.status == "ACTIVE", "green", "gray"),
    )
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(profile.name, size="7", id="desk-name"),
                rx.cond(
                    DeskState.is_live,
                    rx.badge(rx.icon("radio", size=12), t("desk.live"), color_scheme="green", id="desk-live"),
                ),
                align="center",
                justify="between",
                width="100%",
            ),
            rx.data_list.root(
                field("field.employee_no", profile.employee_no, value_id="desk-employee-no"),
                field("field.department", department, value_id="desk-department"),
                field("field.region", text_or_dash(DeskState.region_text), value_id="desk-region"),
                field("field.position", text_or_dash(profile.position), value_id="desk-position"),
                field("field.hire_date", profile.hire_date, value_id="desk-hire-date"),
                field("field.status", status, value_id="desk-status"),
                field("field.roles", role_badges(), value_id="desk-roles"),
                field("field.base_salary", money_or_hidden(DeskState.base_salary_text), value_id="desk-base-salary"),
                field(
                    "field.target_bonus",
                    money_or_hidden(DeskState.target_bonus_text),
                    value_id="desk-target-bonus",
                ),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2",
            ),
            spacing="4",
            width="100%",
        ),
        size="3",
        width="100%",
    )


@template(route=HOME_ROUTE, title="我的工作台 My desk", on_load=[DeskState.load, RewardsState.load,
                                                                    *desk_card_loads()])
def desk_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("desk.title"), size="4", color_scheme="gray", as_="h1"),
        rx.cond(
            DeskState.load_error_code != "",
            rx.callout(
                t("error." + DeskState.load_error_code), icon="triangle_alert", color_scheme="red", id="desk-error"
            ),
        ),
        rx.cond(DeskState.is_loaded, rewards_section()),
        rx.cond(
            DeskState.is_loaded,
            rx.grid(profile_card(), *[card.render() for card in DESK_CARDS],
                    columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%"),
            loading_row(),
        ),
        spacing="4",
        width="100%",
    )
