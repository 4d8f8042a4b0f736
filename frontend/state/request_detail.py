"""The state of one support request's page: the request, what the signed-in employee may do with it, and a
background task that keeps it live while it is open (frontend/pages/request.py shows it)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.components.formatting import format_minutes, format_time
from frontend.components.support import error_label_key
from frontend.i18n import has_label
from frontend.state import live
from frontend.state.queue import PRIORITY_COLORS, REQUESTS_ROUTE, STATUS_COLORS
from frontend.state.viewer import ViewerState

REQUEST_ROUTE = REQUESTS_ROUTE + "/[id]"

# Who may do what in which status (backend/services/support.py, SPEC §2); the server decides in the end.
ACTIONS = ("accept", "start", "resolve", "confirm", "reopen", "cancel")
ACTION_FROM: dict[str, frozenset[str]] = {
    "accept": frozenset({"SUBMITTED"}),
    "start": frozenset({"ACCEPTED", "REOPENED"}),
    "resolve": frozenset({"IN_PROGRESS"}),
    "confirm": frozenset({"RESOLVED"}),
    "reopen": frozenset({"RESOLVED"}),
    "cancel": frozenset({"SUBMITTED", "ACCEPTED"}),
}
RATINGS = (1, 2, 3, 4, 5)

# Live updates (frontend/state/live.py), bounded like the desk's.
LIVE_MAX_SECONDS = 2 * 3600.0
# (tab's client token, API token, request id) of the watchers running in this process.
_running_watchers: set[tuple[str, str, str]] = set()


def allowed_actions(request: api.SupportRequestDetail, me: api.Profile) -> list[str]:
    """The actions to offer `me` on `request`: members of the target department accept (to themselves);
    the assignee or that department's manager start and resolve; only the submitter confirms, reopens,
    cancels."""
    if not request.id or not me.id:
        return []
    in_department = me.department_code == request.department_code
    handles = me.id == request.assignee_id or (in_department and "MANAGER" in me.roles)
    submitted_it = me.id == request.submitter_id
    who_may = {
        "accept": in_department,
        "start": handles,
        "resolve": handles,
        "confirm": submitted_it,
        "reopen": submitted_it,
        "cancel": submitted_it,
    }
    return [action for action in ACTIONS if who_may[action] and request.status in ACTION_FROM[action]]


def request_id_from_path(path: str) -> str:
    """ "/requests/U3VwcG9ydFJlcXVlc3Q6MQ" -> "U3VwcG9ydFJlcXVlc3Q6MQ"; "" elsewhere."""
    prefix = REQUESTS_ROUTE + "/"
    if not path.startswith(prefix):
        return ""
    return unquote(path.removeprefix(prefix).strip("/").split("/")[0])


def sla_text(taken: str, limit: str) -> str:
    """ "42m / 30m" (time taken so far against the limit), or just the limit while nothing was measured."""
    limit_text = format_minutes(limit)
    taken_text = format_minutes(taken)
    return f"{taken_text} / {limit_text}" if taken_text else f"— / {limit_text}"


@dataclasses.dataclass(frozen=True)
class RequestView:
    """The request's facts ready to show: times in the organisation's zone, durations readable."""

    status_color: str = "gray"
    priority_color: str = "gray"
    customer_reported: str = ""
    submitted: str = ""
    response_due: str = ""
    resolution_due: str = ""
    accepted: str = ""
    started: str = ""
    resolved: str = ""
    confirmed: str = ""
    cancelled: str = ""
    response: str = ""
    resolution: str = ""
    handoff_delay: str = ""


def view_of(request: api.SupportRequestDetail) -> RequestView:
    return RequestView(
        status_color=STATUS_COLORS.get(request.status, "gray"),
        priority_color=PRIORITY_COLORS.get(request.priority, "gray"),
        customer_reported=format_time(request.customer_reported_at),
        submitted=format_time(request.submitted_at),
        response_due=format_time(request.response_due_at),
        resolution_due=format_time(request.resolution_due_at),
        accepted=format_time(request.accepted_at),
        started=format_time(request.started_at),
        resolved=format_time(request.resolved_at),
        confirmed=format_time(request.confirmed_at),
        cancelled=format_time(request.cancelled_at),
        response=sla_text(request.response_minutes, request.response_limit_minutes),
        resolution=sla_text(request.resolution_minutes, request.resolution_limit_minutes),
        handoff_delay=format_minutes(request.handoff_delay_minutes),
    )


@dataclasses.dataclass(frozen=True)
class TimelineLine:
    """One timeline entry as people read it: names and translated phrases, nothing internal."""

    sequence: int = 0
    action: str = ""
    from_status: str = ""
    to_status: str = ""
    # The person who acted, or "" when the system did (then `actor_key` names it, e.g. "support.actor.system").
    actor: str = ""
    actor_key: str = ""
    at: str = ""
    # What the person wrote (a resolution note, a reason); the system's own notes are left out.
    note: str = ""
    # On acceptance: who took the request on.
    assigned_to: str = ""


# Actions whose note a person wrote; others carry the system's notes ("assigned to M0001"), shown as words.
PERSON_NOTES = frozenset({"RESOLVE", "CONFIRM", "REOPEN", "CANCEL"})


def timeline_lines(request: api.SupportRequestDetail) -> list[TimelineLine]:
    lines = []
    for entry in request.timeline:
        actor_key = "" if entry.actor else f"support.actor.{entry.actor_label or 'system'}"
        lines.append(TimelineLine(
            sequence=entry.sequence, action=entry.action, from_status=entry.from_status, to_status=entry.to_status,
            actor=entry.actor, actor_key=actor_key if has_label(actor_key) else ("support.actor.system" if actor_key
                                                                                else ""),
            at=format_time(entry.at), note=entry.note if entry.action in PERSON_NOTES else "",
            assigned_to=request.assignee_name if entry.action == "ACCEPT" else ""))
    return lines


class RequestState(ViewerState):
    request: api.SupportRequestDetail = api.SupportRequestDetail()
    is_loading: bool = False
    load_error_code: str = ""
    not_found: bool = False
    busy_action: str = ""
    action_error_code: str = ""
    # The server's explanation of a refusal (OperationError.message); "" for transport failures.
    action_error_message: str = ""
    rating: int = 0
    confirming_cancel: bool = False
    is_live: bool = False
    # The token the shown request was fetched with (backend-only): a new sign-in must not see the old one.
    _request_token: str = ""

    @rx.var(cache=True)
    def is_loaded(self) -> bool:
        return bool(self.request.id)

    @rx.var(cache=True)
    def view(self) -> RequestView:
        return view_of(self.request)

    @rx.var(cache=True)
    def actions(self) -> list[str]:
        return allowed_actions(self.request, self.me)

    @rx.var(cache=True)
    def timeline(self) -> list[TimelineLine]:
        return timeline_lines(self.request)

    @rx.var(cache=True)
    def photos(self) -> list[api.Attachment]:
        return list(self.request.attachments)

    @rx.var(cache=True)
    def comments(self) -> list[api.SupportComment]:
        return [dataclasses.replace(comment, at=format_time(comment.at)) for comment in self.request.comments]

    @rx.var(cache=True)
    def action_error_label_key(self) -> str:
        return error_label_key(self.action_error_code)

    @rx.var(cache=True)
    def has_action_error(self) -> bool:
        return bool(self.action_error_code)

    @rx.var(cache=True)
    def load_error_label_key(self) -> str:
        return error_label_key(self.load_error_code) or "error.GRAPHQL"

    def _show(self, request: api.SupportRequestDetail) -> None:
        if request.id != self.request.id:
            self.rating = 0
            self.confirming_cancel = False
        self.request = request

    def _failed(self, code: str, message: str) -> None:
        self.action_error_code = code
        self.action_error_message = message

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        """Open the request named by the URL, then keep it live."""
        async for update in self._open(request_id_from_path(self.router.url.path)):
            yield update

    async def _open(self, request_id: str) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield self._to_sign_in()
            return
        if request_id != self.request.id or self._request_token != self.token:
            self.request = api.SupportRequestDetail()
        self._failed("", "")
        self.not_found = False
        self.is_loading = True
        yield None
        try:
            loaded = await self._load_viewer()
            if loaded is False:
                self.request = api.SupportRequestDetail()
                yield self._session_expired()
                return
            if loaded is None:
                self.load_error_code = self.viewer_error_code
                return
            request = await api.fetch_support_request(self.token, request_id) if request_id else None
        except api.GatewayError as error:
            self.load_error_code = error.code
            return
        finally:
            self.is_loading = False
        self.load_error_code = ""
        if request is None:
            self.request = api.SupportRequestDetail()
            self.not_found = True
            return
        self._show(request)
        self._request_token = self.token
        yield RequestState.watch_request()

    async def _transition(self, action: str, **arguments: Any) -> AsyncIterator[None]:
        if action not in self.actions:
            return
        self._failed("", "")
        self.busy_action = action
        yield None
        try:
            result = await api.transition_support_request(self.token, action, self.request.id, **arguments)
        except api.GatewayError as error:
            self._failed(error.code, "")
            return
        finally:
            self.busy_action = ""
        if isinstance(result, api.FieldError):
            self._failed(result.code, result.message)
            return
        self.confirming_cancel = False
        self._show(result)

    @rx.event
    async def accept(self) -> AsyncIterator[None]:
        """Take the request on: the signed-in member of the target department becomes its assignee."""
        async for update in self._transition("accept", assigneeId=self.me.id):
            yield update

    @rx.event
    async def start(self) -> AsyncIterator[None]:
        async for update in self._transition("start"):
            yield update

    @rx.event
    async def resolve(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        note = str(form_data.get("note") or "").strip()
        async for update in self._transition("resolve", note=note or None):
            yield update

    @rx.event
    def set_rating(self, rating: int) -> None:
        self.rating = int(rating) if int(rating) in RATINGS else 0

    @rx.event
    async def confirm(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        if self.rating not in RATINGS:
            self._failed("RATING_REQUIRED", "")
            return
        comment = str(form_data.get("comment") or "").strip()
        async for update in self._transition("confirm", rating=self.rating, comment=comment or None):
            yield update

    @rx.event
    async def reopen(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        reason = str(form_data.get("reason") or "").strip()
        if not reason:
            self._failed("REASON_REQUIRED", "")
            return
        async for update in self._transition("reopen", reason=reason):
            yield update

    @rx.event
    def ask_cancel(self, asking: bool) -> None:
        self.confirming_cancel = bool(asking)

    @rx.event
    async def cancel(self) -> AsyncIterator[None]:
        async for update in self._transition("cancel"):
            yield update

    @rx.event
    async def comment(self, form_data: dict[str, str]) -> AsyncIterator[EventSpec | None]:
        body = str(form_data.get("body") or "").strip()
        if not body or not self.request.id:
            return
        self._failed("", "")
        self.busy_action = "comment"
        yield None
        try:
            refused = await api.comment_support_request(self.token, self.request.id, body)
            request = None if refused else await api.fetch_support_request(self.token, self.request.id)
        except api.GatewayError as error:
            self._failed(error.code, "")
            return
        finally:
            self.busy_action = ""
        if refused is not None:
            self._failed(refused.code, refused.message)
            return
        if request is not None:
            self._show(request)
        yield rx.set_value("comment-body", "")

    def _still_showing(self, token: str, request_id: str) -> bool:
        """The tab is still signed in with `token` and on this request's page (when Reflex knows the page)."""
        path = self.router.url.path
        on_page = not path or request_id_from_path(path) == request_id
        return self.token == token and self.request.id == request_id and on_page

    @rx.event(background=True)
    async def watch_request(self) -> None:
        """Show every change of the open request (transitions by others, comments) as it happens."""
        async with self:
            client_token = self.router.session.client_token
            token, request_id = self.token, self.request.id
            watcher = (client_token, token, request_id)
            if watcher in _running_watchers or not token or not request_id:
                return
            _running_watchers.add(watcher)
            self.is_live = True

        async def show(request: api.SupportRequestDetail | None) -> bool:
            async with self:
                if not self._still_showing(token, request_id):
                    return False  # signed out, another request opened, or the page left
                if request is not None:
                    self._show(request)
            return True

        try:
            await live.follow(
                client_token=client_token, max_seconds=LIVE_MAX_SECONDS, deliver=show,
                open_stream=lambda: api.watch_support_request(token, request_id,
                                                              heartbeat_seconds=live.LIVE_HEARTBEAT_SECONDS))
        finally:
            _running_watchers.discard(watcher)
            async with self:
                self.is_live = any(
                    tab == client_token and shown == self.request.id for tab, _, shown in _running_watchers
                )
