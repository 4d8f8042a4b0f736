"""Support request pages (list, form, detail) driven directly, with the API gateway replaced by a fake."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontend import api
from frontend.components.formatting import format_minutes, reported_at_iso
from frontend.i18n import LABELS
from frontend.pages.request import RequestState, allowed_actions, request_id_from_path, view_of
from frontend.pages.requests import RequestsState
from frontend.state import live
from frontend.state.queue import CATEGORIES, PRIORITIES, STATUSES
from frontend.state.session import LOGIN_ROUTE
from tests.frontend.test_gateway import serve
from tests.frontend.test_states import fresh_state, handler_name, redirect_path, run_handler

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"

FRONTLINE = api.Profile(
    id="RW1wbG95ZWU6Mw",
    employee_no="F0001",
    name="李娜",
    roles=("STAFF",),
    department_code="MKT",
    department_name="市场部",
    department_kind="FRONTLINE",
    region_code="R-EAST",
    region_name="城东片区",
)
ENGINEER = api.Profile(
    id="RW1wbG95ZWU6OQ",
    employee_no="T0009",
    name="赵工",
    roles=("STAFF",),
    department_code="TECH",
    department_name="技术支撑部",
    department_kind="BACKEND",
)
COLLEAGUE = dataclasses.replace(ENGINEER, id="RW1wbG95ZWU6MTA", employee_no="T0010", name="钱工")
TECH_MANAGER = api.Profile(
    id="RW1wbG95ZWU6Mg",
    employee_no="M0001",
    name="王建国",
    roles=("MANAGER",),
    department_code="TECH",
    department_name="技术支撑部",
    department_kind="BACKEND",
)
NOC_ENGINEER = dataclasses.replace(ENGINEER, id="RW1wbG95ZWU6MjA", department_code="NOC", department_name="网管中心")
HR = api.Profile(id="RW1wbG95ZWU6MQ", employee_no="HR0001", name="周敏", roles=("HR",), department_code="HR")

TOKENS = {"token-f": FRONTLINE, "token-eng": ENGINEER, "token-colleague": COLLEAGUE, "token-mgr": TECH_MANAGER}

REQUEST = api.SupportRequestDetail(
    id="U3VwcG9ydFJlcXVlc3Q6MQ",
    client_request_id="3b1f2c3e-0000-4000-8000-000000000001",
    status="SUBMITTED",
    category="FAULT_REPAIR",
    priority="URGENT",
    title="光节点掉线",
    description="城东 3 号光节点掉线，影响 200 户。",
    submitter_id=FRONTLINE.id,
    submitter_name=FRONTLINE.name,
    region_code="R-EAST",
    region_name="城东片区",
    department_code="TECH",
    department_name="技术支撑部",
    customer_reported_at="2026-11-28T01:00:00+00:00",
    submitted_at="2026-11-28T02:00:00+00:00",
    response_due_at="2026-11-28T02:30:00+00:00",
    resolution_due_at="2026-11-28T06:00:00+00:00",
    response_limit_minutes="30.0",
    resolution_limit_minutes="240.0",
    handoff_delay_minutes="60.0",
    timeline=(api.TimelineEntry(1, "SUBMIT", "", "SUBMITTED", "李娜", "2026-11-28T02:00:00+00:00"),),
)


def in_status(status: str, **changes: Any) -> api.SupportRequestDetail:
    assignee = {"assignee_id": ENGINEER.id, "assignee_name": ENGINEER.name} if status != "SUBMITTED" else {}
    return dataclasses.replace(REQUEST, status=status, **{**assignee, **changes})


class FakeSupportGateway:
    """Stands in for the support part of frontend.api: records calls, answers from canned results."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.list_calls: list[dict[str, str]] = []
        self.filters: list[api.RequestFilters] = []
        self.requests: dict[str, api.SupportRequestDetail] = {REQUEST.id: REQUEST}
        self.transitions: list[tuple[str, str, str, dict[str, Any]]] = []
        self.transition_result: api.FieldError | None = None
        self.comments: list[tuple[str, str]] = []
        self.watch_scripts: list[list[api.SupportRequestDetail | api.GatewayError | None]] = []
        self.subscriptions = 0
        for name in (
            "fetch_me",
            "fetch_support_requests",
            "fetch_support_form_options",
            "fetch_support_request",
            "transition_support_request",
            "comment_support_request",
            "watch_support_request",
        ):
            monkeypatch.setattr(api, name, getattr(self, name))
        monkeypatch.setattr(live, "LIVE_RETRY_SECONDS", 0)

    async def fetch_me(self, token: str) -> api.Profile | None:
        return TOKENS.get(token)

    async def fetch_support_requests(
        self, token: str, *, filters: api.RequestFilters = api.RequestFilters(), after: str = "", first: int = 50
    ) -> api.SupportRequestPage:
        status = filters.status
        self.filters.append(filters)
        self.list_calls.append({"status": status, "after": after})
        rows = [api.summary_of(r) for r in self.requests.values() if not status or r.status == status]
        return api.SupportRequestPage(requests=tuple(rows), has_next_page=not after, end_cursor="cursor-1")

    async def fetch_support_form_options(self, token: str) -> api.SupportFormOptions:
        return api.SupportFormOptions(
            regions=(api.Option("R-EAST", "城东片区"), api.Option("R-WEST", "城西片区")),
            departments=(api.Option("NOC", "网管中心"), api.Option("TECH", "技术支撑部")),
        )

    async def fetch_support_request(self, token: str, request_id: str) -> api.SupportRequestDetail | None:
        return self.requests.get(request_id) if token in TOKENS else None

    async def transition_support_request(
        self, token: str, action: str, request_id: str, **arguments: Any
    ) -> api.TransitionResult:
        self.transitions.append((token, action, request_id, arguments))
        if self.transition_result is not None:
            return self.transition_result
        target = {
            "accept": "ACCEPTED",
            "start": "IN_PROGRESS",
            "resolve": "RESOLVED",
            "confirm": "CONFIRMED",
            "reopen": "REOPENED",
            "cancel": "CANCELLED",
        }[action]
        updated = dataclasses.replace(self.requests[request_id], status=target)
        if action == "accept":
            updated = dataclasses.replace(updated, assignee_id=arguments["assigneeId"],
                                          accepted_at="2026-11-28T02:10:00+00:00")
        self.requests[request_id] = updated
        return updated

    async def comment_support_request(self, token: str, request_id: str, body: str) -> api.FieldError | None:
        self.comments.append((request_id, body))
        comment = api.SupportComment(id="c1", author="李娜", body=body, at="2026-11-28T03:00:00+00:00")
        current = self.requests[request_id]
        self.requests[request_id] = dataclasses.replace(current, comments=(*current.comments, comment))
        return None

    async def watch_support_request(
        self, token: str, request_id: str, *, heartbeat_seconds: float
    ) -> AsyncGenerator[api.SupportRequestDetail | None, None]:
        self.subscriptions += 1
        script = self.watch_scripts.pop(0) if self.watch_scripts else [api.GatewayError("UNAUTHENTICATED", "end")]
        for item in script:
            if isinstance(item, api.GatewayError):
                raise item
            yield item


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch) -> FakeSupportGateway:
    return FakeSupportGateway(monkeypatch)


async def signed_in_list(gateway: FakeSupportGateway, token: str = "token-f") -> RequestsState:
    state = fresh_state(RequestsState)
    state.token = token
    await run_handler(RequestsState.load.fn(state))
    return state


# --- list and the outbox's reports ---------------------------------------------------------------


async def test_the_list_sends_an_anonymous_visitor_to_the_login_page(gateway: FakeSupportGateway) -> None:
    state = fresh_state(RequestsState)

    updates = await run_handler(RequestsState.load.fn(state))

    assert redirect_path(updates[-1]) == LOGIN_ROUTE
    assert gateway.list_calls == []


async def test_an_expired_session_goes_to_sign_in_saying_why(gateway: FakeSupportGateway) -> None:
    state = fresh_state(RequestsState)
    state.token = "expired"

    updates = await run_handler(RequestsState.load.fn(state))

    assert redirect_path(updates[-1]) == LOGIN_ROUTE + "?reason=expired"
    assert state.token == ""


async def test_the_list_shows_the_readable_requests_and_filters_by_status(gateway: FakeSupportGateway) -> None:
    state = await signed_in_list(gateway)

    assert [row.title for row in state.rows] == ["光节点掉线"]
    row = state.rows[0]
    assert (row.status, row.status_color, row.priority_color) == ("SUBMITTED", "blue", "red")
    assert row.href == f"/requests/{REQUEST.id}"
    assert row.submitted_text == "2026-11-28 10:00"  # Asia/Shanghai
    assert (row.due_kind, row.due_at) == ("response", REQUEST.response_due_at)
    assert row.age_text
    assert state.has_more
    assert state.can_submit and not state.handles_requests
    assert [option.code for option in state.departments] == ["NOC", "TECH"]

    await run_handler(RequestsState.set_filter.fn(state, "status", "CONFIRMED"))
    assert gateway.list_calls[-1] == {"status": "CONFIRMED", "after": ""}
    assert state.rows == []
    assert state.is_empty

    await run_handler(RequestsState.set_filter.fn(state, "status", "not a status"))
    assert gateway.list_calls[-1]["status"] == ""
    await RequestsState.load_more.fn(state)
    assert gateway.list_calls[-1] == {"status": "", "after": "cursor-1"}
    assert len(state.rows) == 2 and not state.has_more


async def test_the_queue_asks_the_api_for_mine_unassigned_breached_region_priority_and_words(
    gateway: FakeSupportGateway,
) -> None:
    state = await signed_in_list(gateway, "token-eng")

    await run_handler(RequestsState.set_filter.fn(state, "scope", "mine"))
    await run_handler(RequestsState.set_filter.fn(state, "breached", True))
    await run_handler(RequestsState.set_filter.fn(state, "priority", "URGENT"))
    await run_handler(RequestsState.set_filter.fn(state, "region_code", "R-WEST"))
    await run_handler(RequestsState.search.fn(state, {"search": "  光节点 "}))

    assert gateway.filters[-1] == api.RequestFilters(priority="URGENT", region_code="R-WEST", assignee_id=ENGINEER.id,
                                                     breached=True, search="光节点")
    await run_handler(RequestsState.set_filter.fn(state, "scope", "unassigned"))
    assert (gateway.filters[-1].assignee_id, gateway.filters[-1].unassigned) == ("", True)
    await run_handler(RequestsState.set_filter.fn(state, "region_code", "NOWHERE"))
    assert gateway.filters[-1].region_code == ""
    await run_handler(RequestsState.clear_filters.fn(state))
    assert gateway.filters[-1] == api.RequestFilters()


async def test_backend_staff_get_the_queue_filters_and_no_submission_form(gateway: FakeSupportGateway) -> None:
    state = await signed_in_list(gateway, "token-eng")

    assert not state.can_submit
    assert state.handles_requests
    assert state.rows[0].actions == ("accept",)


async def test_a_request_the_outbox_sent_is_announced_with_a_link_and_listed(gateway: FakeSupportGateway) -> None:
    state = await signed_in_list(gateway)
    calls = len(gateway.list_calls)

    updates = await run_handler(RequestsState.request_sent.fn(
        state, {"clientRequestId": "k", "requestId": REQUEST.id, "created": True, "title": "光节点掉线"}))

    assert state.notice_key == "support.notice.created"
    assert (state.last_submitted_id, state.last_submitted_title) == (REQUEST.id, "光节点掉线")
    assert len(gateway.list_calls) == calls + 1  # the list is read again
    assert handler_name(updates[-1]) == "RequestsState.follow_queue"

    await run_handler(RequestsState.request_sent.fn(state, {"requestId": REQUEST.id, "created": False}))
    assert state.notice_key == "support.notice.resent"  # the server already had it: nothing duplicated
    await run_handler(RequestsState.request_sent.fn(state, {"created": True}))
    assert state.last_submitted_id == REQUEST.id  # a report without a request is ignored


async def test_another_sign_in_in_the_tab_sees_neither_the_old_list_nor_the_old_notice(
    gateway: FakeSupportGateway,
) -> None:
    state = await signed_in_list(gateway)
    await run_handler(RequestsState.request_sent.fn(state, {"requestId": REQUEST.id, "title": "光节点掉线"}))

    state.token = "token-eng"
    updates = RequestsState.load.fn(state)
    await anext(updates)  # the first update goes out before the API answers

    assert state.rows == []
    assert state.notice_key == "" and state.last_submitted_id == ""
    await run_handler(updates)
    assert not state.can_submit


async def test_accepting_from_the_list_updates_the_row(gateway: FakeSupportGateway) -> None:
    state = await signed_in_list(gateway, "token-eng")

    await run_handler(RequestsState.accept.fn(state, REQUEST.id))
    await run_handler(RequestsState.resolve.fn(state, REQUEST.id))  # not offered yet: nothing sent

    assert gateway.transitions == [("token-eng", "accept", REQUEST.id, {"assigneeId": ENGINEER.id})]
    row = state.rows[0]
    assert (row.status, row.assignee_id, row.actions) == ("ACCEPTED", ENGINEER.id, ("start",))
    assert (row.due_kind, state.busy_row) == ("resolution", "")


# --- detail and actions --------------------------------------------------------------------------


PEOPLE = {"submitter": FRONTLINE, "assignee": ENGINEER, "colleague": COLLEAGUE, "manager": TECH_MANAGER,
          "other backend": NOC_ENGINEER, "hr": HR}  # fmt: skip


@pytest.mark.parametrize(
    ("status", "person", "expected"),
    [
        ("SUBMITTED", "submitter", ["cancel"]),
        ("SUBMITTED", "colleague", ["accept"]),
        ("SUBMITTED", "manager", ["accept"]),
        ("SUBMITTED", "other backend", []),
        ("SUBMITTED", "hr", []),
        ("ACCEPTED", "submitter", ["cancel"]),
        ("ACCEPTED", "assignee", ["start"]),
        ("ACCEPTED", "colleague", []),
        ("ACCEPTED", "manager", ["start"]),
        ("IN_PROGRESS", "assignee", ["resolve"]),
        ("IN_PROGRESS", "manager", ["resolve"]),
        ("IN_PROGRESS", "submitter", []),
        ("IN_PROGRESS", "colleague", []),
        ("RESOLVED", "submitter", ["confirm", "reopen"]),
        ("RESOLVED", "assignee", []),
        ("REOPENED", "assignee", ["start"]),
        ("REOPENED", "submitter", []),
        ("CONFIRMED", "submitter", []),
        ("CONFIRMED", "manager", []),
        ("CANCELLED", "submitter", []),
    ],
)
def test_the_actions_offered_follow_the_status_and_the_role(status: str, person: str, expected: list[str]) -> None:
    assert allowed_actions(in_status(status), PEOPLE[person]) == expected


def test_nothing_is_offered_before_the_request_and_the_viewer_are_known() -> None:
    assert allowed_actions(api.SupportRequestDetail(), FRONTLINE) == []
    assert allowed_actions(REQUEST, api.Profile()) == []


async def open_request(token: str, request_id: str = REQUEST.id) -> tuple[RequestState, list[Any]]:
    state = fresh_state(RequestState)
    state.token = token
    return state, await run_handler(state._open(request_id))


async def test_the_detail_shows_the_request_and_starts_watching_it(gateway: FakeSupportGateway) -> None:
    state, updates = await open_request("token-f")

    assert handler_name(updates[-1]) == "RequestState.watch_request"
    assert state.is_loaded
    assert state.actions == ["cancel"]
    assert state.view.submitted == "2026-11-28 10:00"
    assert state.view.customer_reported == "2026-11-28 09:00"
    assert state.view.response == "— / 30m"
    assert state.view.resolution == "— / 4h 00m"
    assert state.view.handoff_delay == "1h 00m"
    assert [(entry.action, entry.at) for entry in state.timeline] == [("SUBMIT", "2026-11-28 10:00")]


async def test_another_sign_in_never_shows_the_previous_users_request(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-f")

    state.token = "token-eng"
    updates = state._open(REQUEST.id)
    await anext(updates)

    assert not state.is_loaded
    await run_handler(updates)
    assert state.is_loaded and state.actions == ["accept"]


async def test_an_unknown_or_unreadable_request_says_so(gateway: FakeSupportGateway) -> None:
    state, updates = await open_request("token-f", "U3VwcG9ydFJlcXVlc3Q6OTk")

    assert state.not_found
    assert not state.is_loaded
    assert not any(handler_name(update) == "RequestState.watch_request" for update in updates)

    state, updates = await open_request("expired")
    assert redirect_path(updates[-1]) == LOGIN_ROUTE + "?reason=expired"
    assert state.token == ""


async def test_accepting_assigns_the_request_to_the_signed_in_member(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-eng")

    await run_handler(RequestState.accept.fn(state))

    assert gateway.transitions == [("token-eng", "accept", REQUEST.id, {"assigneeId": ENGINEER.id})]
    assert state.request.status == "ACCEPTED"
    assert state.actions == ["start"]
    assert state.busy_action == ""


async def test_a_refused_action_shows_the_servers_message(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-eng")
    gateway.transition_result = api.FieldError(
        "INVALID_TRANSITION", "cannot accept a request that is CANCELLED; only from SUBMITTED", "status"
    )

    await run_handler(RequestState.accept.fn(state))

    assert state.action_error_code == "INVALID_TRANSITION"
    assert state.action_error_label_key == "support.error.INVALID_TRANSITION"
    assert state.action_error_message == "cannot accept a request that is CANCELLED; only from SUBMITTED"
    assert state.request.status == "SUBMITTED"


async def test_an_action_not_offered_is_not_sent(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-f")

    await run_handler(RequestState.accept.fn(state))
    await run_handler(RequestState.resolve.fn(state, {"note": "done"}))

    assert gateway.transitions == []


async def test_confirming_needs_stars_and_sends_rating_and_comment(gateway: FakeSupportGateway) -> None:
    gateway.requests[REQUEST.id] = in_status("RESOLVED")
    state, _ = await open_request("token-f")

    await run_handler(RequestState.confirm.fn(state, {"comment": "很快"}))
    assert state.action_error_label_key == "support.error.RATING_REQUIRED"
    assert gateway.transitions == []

    RequestState.set_rating.fn(state, 5)
    await run_handler(RequestState.confirm.fn(state, {"comment": " 很快 "}))

    assert gateway.transitions[-1][1:] == ("confirm", REQUEST.id, {"rating": 5, "comment": "很快"})
    assert state.request.status == "CONFIRMED"
    assert not state.has_action_error


async def test_reopening_needs_a_reason(gateway: FakeSupportGateway) -> None:
    gateway.requests[REQUEST.id] = in_status("RESOLVED")
    state, _ = await open_request("token-f")

    await run_handler(RequestState.reopen.fn(state, {"reason": " "}))
    assert state.action_error_label_key == "support.error.REASON_REQUIRED"

    await run_handler(RequestState.reopen.fn(state, {"reason": "又掉线了"}))
    assert gateway.transitions[-1][1:] == ("reopen", REQUEST.id, {"reason": "又掉线了"})
    assert state.request.status == "REOPENED"


async def test_cancel_and_resolve_send_their_arguments(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-f")
    RequestState.ask_cancel.fn(state, True)
    await run_handler(RequestState.cancel.fn(state))
    assert state.request.status == "CANCELLED"
    assert not state.confirming_cancel

    gateway.requests[REQUEST.id] = in_status("IN_PROGRESS")
    state, _ = await open_request("token-mgr")
    await run_handler(RequestState.resolve.fn(state, {"note": ""}))
    assert gateway.transitions[-1][:2] == ("token-mgr", "resolve")
    assert gateway.transitions[-1][3] == {"note": None}


async def test_a_comment_is_posted_and_the_request_shown_again(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-f")

    updates = await run_handler(RequestState.comment.fn(state, {"body": " 请尽快 "}))

    assert gateway.comments == [(REQUEST.id, "请尽快")]
    assert [comment.body for comment in state.comments] == ["请尽快"]
    assert handler_name(updates[-1]) == "_set_value"


async def test_a_network_failure_on_an_action_is_shown_translated(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-f")

    async def down(*args: Any, **kwargs: Any) -> api.TransitionResult:
        raise api.GatewayError("NETWORK", "connection refused")

    api_transition = api.transition_support_request
    try:
        api.transition_support_request = down  # type: ignore[assignment]
        await run_handler(RequestState.cancel.fn(state))
    finally:
        api.transition_support_request = api_transition  # type: ignore[assignment]

    assert state.action_error_label_key == "error.NETWORK"
    assert state.action_error_message == ""
    assert state.busy_action == ""


async def test_live_changes_refresh_the_open_request(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-f")
    accepted = in_status("ACCEPTED")
    gateway.watch_scripts = [[REQUEST, None, accepted], [api.GatewayError("NETWORK", "reset")]]

    await RequestState.watch_request.fn(state)

    assert state.request.status == "ACCEPTED"
    assert state.request.assignee_name == ENGINEER.name
    assert gateway.subscriptions == 3  # ended once, dropped once (both retried), then refused
    assert not state.is_live


async def test_the_watcher_stops_when_another_request_is_opened(gateway: FakeSupportGateway) -> None:
    state, _ = await open_request("token-f")
    other = dataclasses.replace(REQUEST, id="U3VwcG9ydFJlcXVlc3Q6Mg", title="另一个需求")
    gateway.requests[other.id] = other
    gateway.watch_scripts = [[None, in_status("ACCEPTED")]]

    async def opened_elsewhere(token: str, request_id: str, *, heartbeat_seconds: float) -> Any:
        gateway.subscriptions += 1
        await run_handler(state._open(other.id))
        yield in_status("ACCEPTED")

    api.watch_support_request, original = opened_elsewhere, api.watch_support_request  # type: ignore[assignment]
    try:
        await RequestState.watch_request.fn(state)
    finally:
        api.watch_support_request = original  # type: ignore[assignment]

    assert state.request.title == "另一个需求"  # the old request's change did not overwrite it
    assert gateway.subscriptions == 1


# --- helpers, gateway and labels -----------------------------------------------------------------


def test_durations_and_times_read_well() -> None:
    assert format_minutes("42.5") == "42m"
    assert format_minutes("185") == "3h 05m"
    assert format_minutes("4320") == "3d"
    assert format_minutes("1500") == "1d 1h"
    assert format_minutes("") == ""
    assert format_minutes(None) == ""
    assert reported_at_iso("2026-11-28T09:30") == "2026-11-28T09:30:00+08:00"
    assert reported_at_iso("") == ""
    assert request_id_from_path("/requests/U3VwcG9ydFJlcXVlc3Q6MQ") == "U3VwcG9ydFJlcXVlc3Q6MQ"
    assert request_id_from_path("/requests") == ""
    assert view_of(in_status("IN_PROGRESS", response_minutes="12.0")).response == "12m / 30m"


def test_a_request_payload_is_read_whole() -> None:
    node = {
        "id": "U3VwcG9ydFJlcXVlc3Q6MQ",
        "clientRequestId": "k",
        "status": "CONFIRMED",
        "category": "FAULT_REPAIR",
        "priority": "URGENT",
        "title": "t",
        "description": "d",
        "submitter": {"id": "e1", "employeeNo": "F0001", "name": "李娜"},
        "assignee": {"id": "e2", "employeeNo": "T0009", "name": "赵工"},
        "region": {"code": "R-EAST", "name": "城东片区"},
        "department": {"code": "TECH", "name": "技术支撑部"},
        "submittedAt": "2026-11-28T02:00:00+00:00",
        "acceptedAt": None,
        "reopenCount": 1,
        "rating": 5,
        "figures": {
            "responseMinutes": "12.0",
            "responseLimitMinutes": "30.0",
            "responseSlaMet": True,
            "resolutionSlaMet": False,
            "slaBreached": True,
            "satisfaction": 100,
            "supportPoints": "1.5",
            "lateHandoff": False,
        },
        "timeline": [{"sequence": 1, "action": "SUBMIT", "fromStatus": None, "toStatus": "SUBMITTED",
                      "actorLabel": "F0001", "actor": None, "at": "2026-11-28T02:00:00+00:00", "note": None}],
        "comments": [{"id": "c", "body": "b", "author": {"name": "赵工"}, "at": "2026-11-28T03:00:00+00:00"}],
    }  # fmt: skip

    detail = api.parse_support_detail(node)

    assert (detail.submitter_no, detail.assignee_name, detail.department_code) == ("F0001", "赵工", "TECH")
    assert (detail.response_sla, detail.resolution_sla, detail.sla_breached) == ("MET", "MISSED", True)
    assert (detail.satisfaction, detail.support_points, detail.rating, detail.reopen_count) == ("100", "1.5", 5, 1)
    assert detail.accepted_at == ""
    assert (detail.timeline[0].actor, detail.timeline[0].actor_label) == ("", "F0001")
    assert detail.comments[0].author == "赵工"


def test_every_support_label_exists_in_both_languages() -> None:
    keys = [f"support.status.{code}" for code in STATUSES]
    keys += [f"support.priority.{code}" for code in PRIORITIES]
    keys += [f"support.category.{code}" for code in CATEGORIES]
    keys += [f"support.action_name.{action}" for action in ("SUBMIT", "ACCEPT", "START", "RESOLVE", "CONFIRM")]
    keys += [f"support.action_name.{action}" for action in ("REOPEN", "CANCEL")]
    keys += [f"support.error.{code}" for code in ("VALIDATION", "NOT_FOUND", "DUPLICATE", "CONFLICT")]
    keys += [f"support.error.{code}" for code in ("INVALID_TRANSITION", "PERMISSION_DENIED", "UNAUTHENTICATED")]
    keys += ["support.sla.MET", "support.sla.MISSED", "nav.support"]
    for labels in LABELS.values():
        assert [key for key in keys if key not in labels] == []
    assert LABELS["zh"]["support.status.SUBMITTED"] == "已提交"


async def test_the_gateway_sends_the_submission_and_reads_a_resend(monkeypatch: pytest.MonkeyPatch) -> None:
    node = {"id": REQUEST.id, "status": "SUBMITTED", "clientRequestId": "k"}
    answer = {"__typename": "SupportRequestSuccess", "created": False, "request": node}
    seen = serve(monkeypatch, lambda _: httpx.Response(200, json={"data": {"submitSupportRequest": answer}}))

    result = await api.submit_support_request("secret", {"clientRequestId": "k", "title": "t"})

    assert isinstance(result, api.Submitted) and not result.created
    assert result.request_id == REQUEST.id
    assert json.loads(seen[0].content)["variables"] == {"input": {"clientRequestId": "k", "title": "t"}}
    assert seen[0].headers["authorization"] == "Bearer secret"


async def test_the_gateway_reads_a_refused_transition_as_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    refused = {"__typename": "OperationError", "code": "PERMISSION_DENIED", "message": "only the submitter may cancel"}
    seen = serve(monkeypatch, lambda _: httpx.Response(200, json={"data": {"cancelSupportRequest": refused}}))

    result = await api.transition_support_request("t", "cancel", REQUEST.id)

    assert result == api.FieldError("PERMISSION_DENIED", "only the submitter may cancel")
    body = json.loads(seen[0].content)
    assert body["variables"] == {"id": REQUEST.id}
    assert "cancelSupportRequest(id: $id)" in body["query"]
    assert body["query"].startswith("mutation CancelSupportRequest(")


async def test_the_gateway_asks_for_every_status_unless_one_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    connection = {"nodes": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}
    seen = serve(monkeypatch, lambda _: httpx.Response(200, json={"data": {"supportRequests": connection}}))

    page = await api.fetch_support_requests("t")
    await api.fetch_support_requests("t", filters=api.RequestFilters(status="RESOLVED"), after="c")

    assert page == api.SupportRequestPage()
    variables = [json.loads(request.content)["variables"] for request in seen]
    no_filter = {"status": None, "priority": None, "regionCode": None, "departmentCode": None, "assigneeId": None,
                 "unassigned": None, "breached": None, "search": None}
    assert variables == [
        {"first": 50, "after": None, **no_filter},
        {"first": 50, "after": "c", **no_filter, "status": "RESOLVED"},
    ]
