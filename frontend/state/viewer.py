"""The signed-in employee as every page needs them: who they are, what they may do, which pages they see.

Page states subclass `ViewerState`, so `me` is shared by every page of a tab (Reflex keeps a parent state's
vars once per tab). A page's load calls `_load_viewer()` first: it reads `me` again (a transfer may have
changed it) and tells whether the session still works.
"""

from __future__ import annotations

import reflex as rx

from frontend import api
from frontend.components.navigation import visible_routes
from frontend.state.session import LOGIN_ROUTE, SessionState


class ViewerState(SessionState):
    me: api.Profile = api.Profile()
    # The token `me` was read with (backend-only): another sign-in in this tab must never see the previous one.
    _me_token: str = ""
    # A transport failure while reading `me` ("NETWORK", …); the page shows it and keeps what it had.
    viewer_error_code: str = ""

    @rx.var(cache=True)
    def roles(self) -> list[str]:
        return list(self.me.roles)

    @rx.var(cache=True)
    def is_hr(self) -> bool:
        return bool({"HR", "ADMIN"} & set(self.me.roles))

    @rx.var(cache=True)
    def is_manager(self) -> bool:
        return "MANAGER" in self.me.roles

    @rx.var(cache=True)
    def manages_projects(self) -> bool:
        """Managers and HR create and configure projects (SPEC §3)."""
        return self.is_hr or self.is_manager

    @rx.var(cache=True)
    def is_frontline(self) -> bool:
        return self.me.department_kind == "FRONTLINE"

    @rx.var(cache=True)
    def nav_routes(self) -> list[str]:
        """The routes of the navigation entries this employee sees (frontend/components/navigation.py)."""
        return visible_routes(self.me) if self.me.id else []

    @rx.event
    async def logout(self) -> rx.event.EventSpec:
        """Sign out here and on the server: the token is refused from now on, on every worker."""
        token = self.token
        self._forget_viewer()
        self._end_session()
        await api.logout(token)
        return rx.redirect(LOGIN_ROUTE)

    def _forget_viewer(self) -> None:
        self.me = api.Profile()
        self._me_token = ""

    async def _load_viewer(self) -> bool | None:
        """Read who is signed in. True: `me` is current; False: the session is gone (the caller redirects with
        `_to_sign_in()` or `_session_expired()`); None: the API could not be reached (`viewer_error_code`)."""
        if self._me_token != self.token:
            self._forget_viewer()
        if not self.token:
            return False
        try:
            me = await api.fetch_me(self.token)
        except api.GatewayError as error:
            self.viewer_error_code = error.code
            return None
        self.viewer_error_code = ""
        if me is None:
            self._forget_viewer()
            return False
        self.me = me
        self._me_token = self.token
        return True
