"""Who is signed in: the API token, kept in the browser's localStorage and shared across its tabs.

Page states that need the token subclass `SessionState`. This module imports nothing from the
rest of the frontend, so every page can depend on it without cycles.
"""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

LOGIN_ROUTE = "/login"
HOME_ROUTE = "/"


class SessionState(rx.State):
    # sync=True: signing out in one tab signs out the others.
    token: str = rx.LocalStorage("", name="tandem.token", sync=True)

    @rx.var(cache=True)
    def is_signed_in(self) -> bool:
        return bool(self.token)

    def _start_session(self, token: str) -> None:
        self.token = token

    def _end_session(self) -> None:
        self.token = ""

    @rx.event
    def logout(self) -> EventSpec:
        self._end_session()
        return rx.redirect(LOGIN_ROUTE)
