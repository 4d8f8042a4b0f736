"""One support request: every field, its SLA figures, timeline and comments, and the actions the signed-in
employee may take in its current state. A background task keeps the page live while it is open."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.components.template import template
from frontend.i18n import t
from frontend.pages.requests import (
    PRIORITY_COLORS,
    REQUESTS_ROUTE,
    STATUS_COLORS,
    error_callout,
    error_label_key,
    format_minutes,
    format_time,
    priority_badge,
    status_badge,
)
from frontend.state import live
from frontend.state.session import LOGIN_ROUTE, SessionState

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


class RequestState(SessionState):
    me: api.Profile = api.Profile()
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
    def timeline(self) -> list[api.TimelineEntry]:
        return [dataclasses.replace(entry, at=format_time(entry.at)) for entry in self.request.timeline]

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
            yield rx.redirect(LOGIN_ROUTE)
            return
        if request_id != self.request.id or self._request_token != self.token:
            self.request = api.SupportRequestDetail()
        self._failed("", "")
        self.not_found = False
        self.is_loading = True
        yield None
        try:
            me = await api.fetch_me(self.token)
            if me is None:
                self._end_session()
                self.me = api.Profile()
                self.request = api.SupportRequestDetail()
                yield rx.redirect(LOGIN_ROUTE)
                return
            self.me = me
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


# --- view ----------------------------------------------------------------------------------------


def fact(label_key: str, value: rx.Component | rx.Var[str] | str, *, value_id: str = "") -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(t(label_key), min_width="8rem"),
        rx.data_list.value(value, **({"id": value_id} if value_id else {})),
    )


def fact_if(condition: rx.Var[bool], label_key: str, value: rx.Component | rx.Var[str]) -> rx.Component:
    return rx.cond(condition, fact(label_key, value))


def or_dash(value: rx.Var[str]) -> rx.Var[str]:
    return rx.cond(value != "", value, t("value.none")).to(str)


def sla_badge(outcome: rx.Var[str]) -> rx.Component:
    return rx.cond(
        outcome != "",
        rx.badge(
            t("support.sla." + outcome),
            color_scheme=rx.cond(outcome == "MET", "green", "red"),
            variant="soft",
        ),
    )


def summary_card() -> rx.Component:
    request, view = RequestState.request, RequestState.view
    return rx.card(
        rx.vstack(
            rx.flex(
                status_badge(request.status, view.status_color, id="request-status"),
                priority_badge(request.priority, view.priority_color),
                rx.badge(t("support.category." + request.category), variant="outline", color_scheme="gray"),
                rx.cond(
                    request.sla_breached,
                    rx.badge(rx.icon("clock-alert", size=12), t("support.sla.breached"), color_scheme="red"),
                ),
                rx.spacer(),
                rx.cond(
                    RequestState.is_live,
                    rx.badge(rx.icon("radio", size=12), t("desk.live"), color_scheme="green", id="request-live"),
                ),
                spacing="2",
                wrap="wrap",
                align="center",
                width="100%",
            ),
            rx.heading(request.title, size="5", as_="h1", id="request-title"),
            rx.text(request.description, white_space="pre-wrap", id="request-description"),
            rx.data_list.root(
                fact("support.field.department", request.department_name),
                fact("support.field.region", request.region_name),
                fact("support.field.submitter", request.submitter_name),
                fact("support.field.assignee", or_dash(request.assignee_name), value_id="request-assignee"),
                fact("support.field.customer_reported_at", view.customer_reported),
                fact("support.field.submitted_at", view.submitted),
                # What has not happened yet is left out: the card stays short on a phone.
                fact_if(view.accepted != "", "support.field.accepted_at", view.accepted),
                fact_if(view.started != "", "support.field.started_at", view.started),
                fact_if(view.resolved != "", "support.field.resolved_at", view.resolved),
                fact_if(view.confirmed != "", "support.field.confirmed_at", view.confirmed),
                fact_if(view.cancelled != "", "support.field.cancelled_at", view.cancelled),
                fact_if(request.reopen_count > 0, "support.field.reopen_count", request.reopen_count.to_string()),
                fact_if(request.resolution_note != "", "support.field.resolution_note", request.resolution_note),
                fact_if(request.rating > 0, "support.field.rating", stars(request.rating)),
                fact_if(request.rating_comment != "", "support.field.rating_comment", request.rating_comment),
                fact("support.field.client_request_id", rx.code(request.client_request_id, size="1")),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


def stars(rating: rx.Var[int]) -> rx.Component:
    return rx.hstack(
        *[rx.icon("star", size=16, fill=rx.cond(rating >= n, "currentColor", "none")) for n in RATINGS],
        spacing="1",
        color="var(--amber-9)",
        aria_label=rating.to_string() + " / 5",
    )


def figures_card() -> rx.Component:
    request, view = RequestState.request, RequestState.view
    return rx.card(
        rx.vstack(
            rx.heading(t("support.sla.title"), size="3", as_="h2"),
            rx.data_list.root(
                fact(
                    "support.sla.response",
                    rx.hstack(rx.text(view.response), sla_badge(request.response_sla), spacing="2", wrap="wrap"),
                    value_id="request-sla-response",
                ),
                fact("support.sla.response_due", view.response_due),
                fact(
                    "support.sla.resolution",
                    rx.hstack(rx.text(view.resolution), sla_badge(request.resolution_sla), spacing="2", wrap="wrap"),
                    value_id="request-sla-resolution",
                ),
                fact("support.sla.resolution_due", view.resolution_due),
                fact(
                    "support.sla.handoff_delay",
                    rx.hstack(
                        rx.text(or_dash(view.handoff_delay)),
                        rx.cond(request.late_handoff, rx.badge(t("support.sla.late_handoff"), color_scheme="red")),
                        spacing="2",
                        wrap="wrap",
                    ),
                ),
                fact("support.sla.satisfaction", or_dash(request.satisfaction)),
                fact("support.sla.points", or_dash(request.support_points), value_id="request-points"),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


def action_button(action: str, label_key: str, on_click: Any, **props: Any) -> rx.Component:
    return rx.button(
        t(label_key),
        id=f"action-{action}",
        loading=RequestState.busy_action == action,
        on_click=on_click,
        size="3",
        **props,
    )


def note_form(action: str, field: str, label_key: str, submit_key: str, handler: Any, **props: Any) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t(label_key), as_="label", html_for=f"action-{action}-{field}", weight="medium", size="2"),
            rx.text_area(id=f"action-{action}-{field}", name=field, rows="2", width="100%", **props),
            rx.button(
                t(submit_key),
                id=f"action-{action}",
                type="submit",
                loading=RequestState.busy_action == action,
                size="3",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=handler,
        reset_on_submit=False,
        width="100%",
    )


def rating_picker() -> rx.Component:
    return rx.hstack(
        *[
            rx.icon_button(
                rx.icon("star", fill=rx.cond(RequestState.rating >= n, "currentColor", "none")),
                id=f"rating-{n}",
                type="button",
                variant="ghost",
                size="3",
                color_scheme="amber",
                aria_label=f"{n} / 5",
                on_click=RequestState.set_rating(n),
            )
            for n in RATINGS
        ],
        spacing="2",
    )


def actions_card() -> rx.Component:
    offered = RequestState.actions
    cancel = rx.cond(
        RequestState.confirming_cancel,
        rx.flex(
            rx.text(t("support.action.cancel_confirm"), weight="medium"),
            action_button("cancel", "support.action.cancel_yes", RequestState.cancel, color_scheme="red"),
            rx.button(
                t("support.action.cancel_no"),
                variant="soft",
                color_scheme="gray",
                size="3",
                on_click=RequestState.ask_cancel(False),
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.button(
            t("support.action.cancel"),
            id="action-cancel-ask",
            variant="outline",
            color_scheme="red",
            size="3",
            on_click=RequestState.ask_cancel(True),
        ),
    )
    return rx.cond(
        offered.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading(t("support.action.title"), size="3", as_="h2"),
                rx.cond(
                    offered.contains("accept"),
                    action_button("accept", "support.action.accept", RequestState.accept, width="100%"),
                ),
                rx.cond(
                    offered.contains("start"),
                    action_button("start", "support.action.start", RequestState.start, width="100%"),
                ),
                rx.cond(
                    offered.contains("resolve"),
                    note_form(
                        "resolve", "note", "support.action.resolve_note", "support.action.resolve", RequestState.resolve
                    ),
                ),
                rx.cond(
                    offered.contains("confirm"),
                    rx.vstack(
                        rx.text(t("support.action.rate"), weight="medium", size="2"),
                        rating_picker(),
                        note_form(
                            "confirm",
                            "comment",
                            "support.action.confirm_comment",
                            "support.action.confirm",
                            RequestState.confirm,
                        ),
                        spacing="2",
                        width="100%",
                    ),
                ),
                rx.cond(
                    offered.contains("reopen"),
                    note_form(
                        "reopen",
                        "reason",
                        "support.action.reopen_reason",
                        "support.action.reopen",
                        RequestState.reopen,
                        required=True,
                    ),
                ),
                rx.cond(offered.contains("cancel"), cancel),
                spacing="4",
                width="100%",
            ),
            size="2",
            width="100%",
            id="request-actions",
        ),
    )


def timeline_card() -> rx.Component:
    def entry(item: api.TimelineEntry) -> rx.Component:
        return rx.box(
            rx.flex(
                rx.text(t("support.action_name." + item.action), weight="medium"),
                rx.text(
                    rx.cond(item.from_status != "", t("support.status." + item.from_status), "∅"),
                    " → ",
                    t("support.status." + item.to_status),
                    size="2",
                ),
                spacing="2",
                wrap="wrap",
                align="baseline",
            ),
            rx.text(rx.cond(item.actor != "", item.actor, item.actor_label), " · ", item.at, size="1",
                    color_scheme="gray"),
            rx.cond(item.note != "", rx.text(item.note, size="2", white_space="pre-wrap")),
            border_left="2px solid var(--accent-7)",
            padding_left="0.75rem",
            width="100%",
        )

    return rx.card(
        rx.vstack(
            rx.heading(t("support.timeline"), size="3", as_="h2"),
            rx.vstack(rx.foreach(RequestState.timeline, entry), spacing="3", width="100%", id="request-timeline"),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


def comments_card() -> rx.Component:
    def comment(item: api.SupportComment) -> rx.Component:
        return rx.box(
            rx.text(item.author, " · ", item.at, size="1", color_scheme="gray"),
            rx.text(item.body, white_space="pre-wrap"),
            width="100%",
        )

    return rx.card(
        rx.vstack(
            rx.heading(t("support.comments"), size="3", as_="h2"),
            rx.cond(
                RequestState.comments.length() > 0,
                rx.vstack(rx.foreach(RequestState.comments, comment), spacing="3", width="100%", id="request-comments"),
                rx.text(t("support.comments.none"), color_scheme="gray", size="2"),
            ),
            rx.form(
                rx.vstack(
                    rx.text_area(
                        id="comment-body",
                        name="body",
                        rows="2",
                        required=True,
                        placeholder=t("support.comments.placeholder"),
                        width="100%",
                    ),
                    rx.button(
                        t("support.comments.send"),
                        id="comment-send",
                        type="submit",
                        loading=RequestState.busy_action == "comment",
                        size="3",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=RequestState.comment,
                reset_on_submit=False,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


@template(route=REQUEST_ROUTE, title="协同需求 Support request", on_load=RequestState.load)
def request_page() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("support.back"), align="center"), href=REQUESTS_ROUTE),
        rx.cond(
            RequestState.load_error_code != "",
            error_callout(RequestState.load_error_label_key, "", callout_id="request-load-error"),
        ),
        rx.cond(RequestState.not_found, rx.callout(t("support.not_found"), icon="info", id="request-not-found")),
        rx.cond(
            RequestState.has_action_error,
            error_callout(
                RequestState.action_error_label_key, RequestState.action_error_message, callout_id="request-error"
            ),
        ),
        rx.cond(
            RequestState.is_loaded,
            rx.vstack(
                summary_card(),
                actions_card(),
                figures_card(),
                timeline_card(),
                comments_card(),
                spacing="3",
                width="100%",
            ),
            rx.cond(RequestState.is_loading, rx.hstack(rx.spinner(), rx.text(t("desk.loading")))),
        ),
        spacing="3",
        width="100%",
    )
