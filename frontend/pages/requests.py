"""Support requests (协同需求): the queue the signed-in employee may read, live, with filters and the actions a
backend member takes from the list; and for frontline staff the form that works offline.

The list is newest first (as the API pages it). It follows its department queues (or, for frontline staff,
their own open requests) over one subscription socket: new requests appear, changed ones update, and rows
that stop matching the filters leave. The form is client-side (frontend/components/outbox.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.components.formatting import zone_name
from frontend.components.outbox import support_outbox
from frontend.components.support import (
    countdown,
    error_label_key,
    filter_bar,
    priority_badge,
    status_badge,
)
from frontend.components.template import error_callout, loading_row, page_heading, template
from frontend.i18n import LanguageState, t
from frontend.state import live
from frontend.state.queue import (
    PRIORITIES,
    REQUESTS_ROUTE,
    SCOPES,
    STATUSES,
    QueueFilters,
    RequestRow,
    apply_change,
    followed_departments,
    followed_requests,
    row_of,
)
from frontend.state.viewer import ViewerState

LIVE_MAX_SECONDS = 4 * 3600.0
UPLOAD_MAX_BYTES = int(os.environ.get("TANDEM_UPLOAD_MAX_BYTES") or 10 * 1024 * 1024)
# (tab's client token, API token) of the queue followers running in this process.
_running_followers: set[tuple[str, str]] = set()


class RequestsState(ViewerState):
    rows: list[RequestRow] = []
    filters: QueueFilters = QueueFilters()
    has_more: bool = False
    _end_cursor: str = ""
    # The token the shown list was fetched with (backend-only): a new sign-in must not see the old one.
    _list_token: str = ""
    is_loading: bool = False
    # Whether a list was read at all (offline after a reload nothing was: then "no requests" would be false).
    is_loaded: bool = False
    load_error_code: str = ""
    is_live: bool = False

    regions: list[api.Option] = []
    departments: list[api.Option] = []
    busy_row: str = ""
    action_error_code: str = ""
    action_error_message: str = ""
    notice_key: str = ""
    last_submitted_id: str = ""
    last_submitted_title: str = ""

    @rx.var(cache=True)
    def can_submit(self) -> bool:
        """Frontline staff raise support requests; backend staff only handle them."""
        return self.me.department_kind == "FRONTLINE"

    @rx.var(cache=True)
    def handles_requests(self) -> bool:
        """Backend staff, managers and HR get the queue's scope filters (mine, unassigned)."""
        return self.me.department_kind == "BACKEND" or self.is_hr or self.is_manager

    @rx.var(cache=True)
    def outbox_regions(self) -> list[dict[str, str]]:
        return [{"code": r.code, "name": r.name} for r in self.regions]

    @rx.var(cache=True)
    def outbox_departments(self) -> list[dict[str, str]]:
        return [{"code": d.code, "name": d.name} for d in self.departments]

    @rx.var(cache=True)
    def load_error_label_key(self) -> str:
        return error_label_key(self.load_error_code) or "error.GRAPHQL"

    @rx.var(cache=True)
    def action_error_label_key(self) -> str:
        return error_label_key(self.action_error_code)

    @rx.var(cache=True)
    def is_empty(self) -> bool:
        return self.is_loaded and not self.rows and not self.is_loading and not self.load_error_code

    @rx.var(cache=True)
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.is_new)

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        """Who is signed in, the choices of the filters and the form, then the first page; then follow it."""
        if self._list_token != self.token:
            self._forget_list()
        if not self.token:
            yield self._to_sign_in()
            return
        self.is_loading = True
        yield None
        try:
            loaded = await self._load_viewer()
            if loaded is False:
                self._forget_list()
                yield self._session_expired()
                return
            if loaded is None:
                self.load_error_code = self.viewer_error_code
                return
            self._list_token = self.token
            if not self.departments:
                options = await api.fetch_support_form_options(self.token)
                self.regions = list(options.regions)
                self.departments = list(options.departments)
            await self._fetch(reset=True)
        except api.GatewayError as error:
            self.load_error_code = error.code
            return
        finally:
            self.is_loading = False
        yield RequestsState.follow_queue()

    def _forget_list(self) -> None:
        """Drop what belonged to the previous sign-in in this tab."""
        self.rows = []
        self.is_loaded = False
        self.has_more = False
        self._end_cursor = ""
        self.regions = []
        self.departments = []
        self.notice_key = ""
        self.last_submitted_id = ""
        self.last_submitted_title = ""
        self.filters = QueueFilters()

    async def _fetch(self, *, reset: bool) -> None:
        page = await api.fetch_support_requests(self.token, filters=self.filters.to_api(self.me),
                                                after="" if reset else self._end_cursor)
        now = dt.datetime.now(dt.UTC)
        rows = [row_of(request, self.me, now) for request in page.requests]
        self.rows = rows if reset else [*self.rows, *rows]
        self.has_more = page.has_next_page
        self._end_cursor = page.end_cursor
        self.load_error_code = ""
        self.is_loaded = True

    async def _refetch(self, *, reset: bool) -> None:
        self.is_loading = True
        try:
            await self._fetch(reset=reset)
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    async def _set_filters(self, filters: QueueFilters) -> AsyncIterator[EventSpec | None]:
        self.filters = filters
        await self._refetch(reset=True)
        yield None

    @rx.event
    async def set_filter(self, name: str, value: Any) -> AsyncIterator[EventSpec | None]:
        """Change one filter: status, priority, region_code, scope, breached."""
        current = self.filters
        if name == "status":
            changed = QueueFilters(**{**vars_of(current), "status": value if value in STATUSES else ""})
        elif name == "priority":
            changed = QueueFilters(**{**vars_of(current), "priority": value if value in PRIORITIES else ""})
        elif name == "region_code":
            known = {r.code for r in self.regions}
            changed = QueueFilters(**{**vars_of(current), "region_code": value if value in known else ""})
        elif name == "scope":
            changed = QueueFilters(**{**vars_of(current), "scope": value if value in SCOPES else "all"})
        elif name == "breached":
            changed = QueueFilters(**{**vars_of(current), "breached": bool(value)})
        else:
            return
        async for update in self._set_filters(changed):
            yield update

    @rx.event
    async def search(self, form_data: dict[str, str]) -> AsyncIterator[EventSpec | None]:
        words = str(form_data.get("search") or "").strip()[:100]
        async for update in self._set_filters(QueueFilters(**{**vars_of(self.filters), "search": words})):
            yield update

    @rx.event
    async def clear_filters(self) -> AsyncIterator[EventSpec | None]:
        async for update in self._set_filters(QueueFilters()):
            yield update

    @rx.event
    async def load_more(self) -> None:
        if self.has_more:
            await self._refetch(reset=False)

    @rx.event
    async def request_sent(self, detail: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """The outbox reports a request the server now has (sent at once, or after being offline)."""
        request_id = str(detail.get("requestId") or "")
        if not request_id:
            return
        self.last_submitted_id = request_id
        self.last_submitted_title = str(detail.get("title") or "")
        self.notice_key = "support.notice.created" if detail.get("created") is not False else "support.notice.resent"
        await self._refetch(reset=True)
        yield RequestsState.follow_queue()

    @rx.event
    def dismiss_notice(self) -> None:
        self.notice_key = ""

    async def _row_action(self, request_id: str, action: str, **arguments: Any) -> AsyncIterator[None]:
        row = next((r for r in self.rows if r.id == request_id), None)
        if row is None or action not in row.actions:
            return
        self.action_error_code = self.action_error_message = ""
        self.busy_row = request_id
        yield None
        try:
            result = await api.transition_support_request(self.token, action, request_id, **arguments)
        except api.GatewayError as error:
            self.action_error_code = error.code
            return
        finally:
            self.busy_row = ""
        if isinstance(result, api.FieldError):
            self.action_error_code, self.action_error_message = result.code, result.message
            return
        self.rows = apply_change(self.rows, api.summary_of(result), filters=self.filters, me=self.me,
                                 now=dt.datetime.now(dt.UTC))

    @rx.event
    async def accept(self, request_id: str) -> AsyncIterator[None]:
        async for update in self._row_action(request_id, "accept", assigneeId=self.me.id):
            yield update

    @rx.event
    async def start(self, request_id: str) -> AsyncIterator[None]:
        async for update in self._row_action(request_id, "start"):
            yield update

    @rx.event
    async def resolve(self, request_id: str) -> AsyncIterator[None]:
        async for update in self._row_action(request_id, "resolve"):
            yield update

    def _apply_live(self, request: api.SupportRequestSummary) -> None:
        self.rows = apply_change(self.rows, request, filters=self.filters, me=self.me, now=dt.datetime.now(dt.UTC))

    def _follow_set(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What the list follows: department queues, or (frontline staff) their own open requests."""
        departments = followed_departments(self.me, [d.code for d in self.departments])
        return tuple(departments), tuple(followed_requests(self.me, self.rows, departments))

    @rx.event(background=True)
    async def follow_queue(self) -> AsyncIterator[EventSpec]:
        """Keep the list live: the followed department queues (or own open requests) on one socket. A filter
        change needs no new subscription (changes are matched against the filters in force); a change of what
        is followed (a frontline member's new request) restarts it."""
        async with self:
            client_token, token = self.router.session.client_token, self.token
            wanted = self._follow_set()
            follower = (client_token, token)
            if follower in _running_followers or not token or not any(wanted):
                return
            _running_followers.add(follower)
            self.is_live = True
        departments, requests = wanted
        first_connection = True

        async def deliver(item: api.QueueItem) -> bool:
            nonlocal first_connection
            async with self:
                if self.token != token or self._follow_set() != wanted:
                    return False  # signed out, or the list now follows something else
                if not isinstance(item, api.Connected):
                    if item is not None:
                        self._apply_live(item)
                    return True
                filters, me = self.filters, self.me
            if first_connection:
                first_connection = False
                return True
            # Reconnected: what changed meanwhile is unknown, so read the first page again.
            try:
                page = await api.fetch_support_requests(token, filters=filters.to_api(me))
            except api.GatewayError:
                return True
            async with self:
                for request in reversed(page.requests):
                    self._apply_live(request)
            return True

        try:
            await live.follow(
                client_token=client_token, max_seconds=LIVE_MAX_SECONDS, deliver=deliver,
                open_stream=lambda: api.watch_support_queue(token, department_codes=departments,
                                                            request_ids=requests,
                                                            heartbeat_seconds=live.LIVE_HEARTBEAT_SECONDS))
        finally:
            _running_followers.discard(follower)
            async with self:
                self.is_live = False
                restart = self.token == token and self._follow_set() != wanted
        if restart and live.tab_is_connected(client_token):
            yield RequestsState.follow_queue()


def vars_of(filters: QueueFilters) -> dict[str, Any]:
    return {"status": filters.status, "priority": filters.priority, "region_code": filters.region_code,
            "scope": filters.scope, "breached": filters.breached, "search": filters.search}


# --- view ----------------------------------------------------------------------------------------


def row_action_buttons(row: RequestRow) -> rx.Component:
    def button(action: str, handler: Any) -> rx.Component:
        return rx.cond(
            row.actions.contains(action),
            rx.button(t(f"support.action.{action}_short"), size="2", variant="soft",
                      class_name=f"row-action-{action}", loading=RequestsState.busy_row == row.id,
                      on_click=handler(row.id)),
        )

    return rx.flex(button("accept", RequestsState.accept), button("start", RequestsState.start),
                   button("resolve", RequestsState.resolve), spacing="2", wrap="wrap")


def request_card(row: RequestRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                status_badge(row.status, row.status_color, class_name="request-status"),
                priority_badge(row.priority, row.priority_color),
                rx.cond(row.sla_breached,
                        rx.badge(rx.icon("clock-alert", size=12), t("support.sla.breached"), color_scheme="red")),
                rx.cond(row.is_new, rx.badge(t("support.live.new"), color_scheme="green", class_name="row-new")),
                rx.spacer(),
                rx.cond(row.due_at != "", countdown(row.due_at, row.due_kind)),
                spacing="2",
                align="center",
                wrap="wrap",
                width="100%",
            ),
            rx.link(row.title, href=row.href, weight="medium", class_name="request-title", high_contrast=True),
            rx.text(
                row.department_name, " · ", row.region_name, " · ", t("support.category." + row.category),
                " · ", row.submitter_name,
                rx.cond(row.assignee_name != "", " → " + row.assignee_name, ""),
                size="2",
                color_scheme="gray",
            ),
            rx.flex(
                rx.text(t("support.list.submitted"), " ", row.submitted_text, size="1", color_scheme="gray"),
                rx.spacer(),
                row_action_buttons(row),
                align="center",
                wrap="wrap",
                spacing="2",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        size="1",
        width="100%",
        class_name="request-row",
        data_request_id=row.id,
    )


def notice() -> rx.Component:
    return rx.cond(
        RequestsState.notice_key != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("circle_check", size=16)),
            rx.flex(
                rx.text(t(RequestsState.notice_key)),
                rx.link(t("support.notice.open"), " “", RequestsState.last_submitted_title, "”",
                        href=REQUESTS_ROUTE + "/" + RequestsState.last_submitted_id, id="request-notice-link"),
                rx.spacer(),
                rx.icon_button(rx.icon("x", size=14), variant="ghost", size="1", aria_label=t("support.notice.close"),
                               on_click=RequestsState.dismiss_notice),
                spacing="2",
                wrap="wrap",
                align="center",
                width="100%",
            ),
            color_scheme="green",
            id="request-notice",
        ),
    )


def outbox() -> rx.Component:
    me = RequestsState.me
    return support_outbox(
        employee_id=me.id,
        can_submit=RequestsState.can_submit,
        region_code=rx.cond(me.region_code, me.region_code, "").to(str),
        regions=RequestsState.outbox_regions,
        departments=RequestsState.outbox_departments,
        labels=LanguageState.labels,
        max_bytes=UPLOAD_MAX_BYTES,
        time_zone=zone_name(),
        on_sent=RequestsState.request_sent,
    )


@template(route=REQUESTS_ROUTE, title="协同需求 Support requests", on_load=RequestsState.load)
def requests_page() -> rx.Component:
    state = RequestsState
    return rx.vstack(
        page_heading("support.title", heading_id="requests-title", actions=[
            rx.cond(state.is_live, rx.badge(rx.icon("radio", size=12), t("desk.live"), color_scheme="green",
                                            id="requests-live")),
        ]),
        notice(),
        outbox(),
        rx.cond(state.load_error_code != "",
                error_callout(state.load_error_label_key, callout_id="requests-error")),
        rx.cond(state.action_error_code != "",
                error_callout(state.action_error_label_key, state.action_error_message, callout_id="row-error")),
        filter_bar(state),
        rx.vstack(rx.foreach(state.rows, request_card), spacing="2", width="100%", id="request-list"),
        rx.cond(state.is_empty, rx.text(t("support.empty"), color_scheme="gray", id="requests-empty")),
        rx.cond(state.is_loading, loading_row()),
        rx.cond(
            state.has_more & ~state.is_loading,
            rx.button(t("support.more"), variant="soft", size="3", on_click=state.load_more, id="requests-more",
                      width="100%"),
        ),
        spacing="3",
        width="100%",
    )
