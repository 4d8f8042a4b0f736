"""Who is signed in: the API token, kept in the browser's localStorage and shared across its tabs.

Page states that need the token subclass `SessionState` (usually through `ViewerState`). This module imports
nothing from the rest of the frontend, so every page can depend on it without cycles.

When the API refuses the token (it expired after TANDEM_TOKEN_TTL_SECONDS, or was revoked), the page sends the
visitor to sign in with the reason and the page they were on, and the sign-in page brings them back there.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlencode

import reflex as rx
from reflex.event import EventSpec

LOGIN_ROUTE = "/login"
HOME_ROUTE = "/"
# Why the sign-in page was shown (?reason=…): it says so in a sentence.
REASON_EXPIRED = "expired"
REASON_SIGNED_OUT = "signed_out"
SIGN_IN_REASONS = (REASON_EXPIRED, REASON_SIGNED_OUT)


def safe_return_path(path: str) -> str:
    """A path of this site to come back to after signing in; HOME_ROUTE for anything else (another site,
    the sign-in page itself)."""
    path = unquote(path or "").strip()
    if not path.startswith("/") or path.startswith("//") or "\\" in path or path.startswith(LOGIN_ROUTE):
        return HOME_ROUTE
    return path


def login_url(*, return_to: str = "", reason: str = "") -> str:
    """The sign-in page, remembering where to come back to and why the visitor was sent there."""
    query = {}
    if return_to and safe_return_path(return_to) != HOME_ROUTE:
        query["next"] = safe_return_path(return_to)
    if reason in SIGN_IN_REASONS:
        query["reason"] = reason
    return LOGIN_ROUTE + ("?" + urlencode(query, quote_via=quote, safe="/") if query else "")


class SessionState(rx.State):
    # sync=True: signing in or out in one tab reaches the others (frontend/components/overlay.py).
    token: str = rx.LocalStorage("", name="tandem.token", sync=True)

    @rx.var(cache=True)
    def is_signed_in(self) -> bool:
        return bool(self.token)

    def _start_session(self, token: str) -> None:
        self.token = token

    def _end_session(self) -> None:
        self.token = ""

    def _current_path(self) -> str:
        url = self.router.url
        path = url.path or ""
        query = url.query or ""
        return path + ("?" + query if query else "")

    def _to_sign_in(self) -> EventSpec:
        """Nobody is signed in here: sign in, then come back to this page."""
        return rx.redirect(login_url(return_to=self._current_path()))

    def _session_expired(self) -> EventSpec:
        """The API refused the token: forget it, say why, and come back here after signing in again."""
        self._end_session()
        return rx.redirect(login_url(return_to=self._current_path(), reason=REASON_EXPIRED))

    @rx.event
    def logout(self) -> EventSpec:
        self._end_session()
        return rx.redirect(LOGIN_ROUTE)
