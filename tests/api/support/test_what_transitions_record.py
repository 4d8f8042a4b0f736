"""What each transition stores: its timestamps (the moment given, for historic data), notes, rating and timeline
entry; and the messages and fields of the refusals a client shows next to the input at fault."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from backend.domain.access import SYSTEM, Scope, Viewer, ViewerKind
from backend.domain.errors import NotFound, PermissionDenied
from backend.domain.org import Role
from backend.domain.support import Category, Priority
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.persistence.models import Employee, SupportRequest, SupportRequestEvent
from backend.services import support
from backend.services.uow import UnitOfWork
from tests.api.conftest import Org, gql, hire, partner_token, table_rows, token_for
from tests.api.support.test_lifecycle import ACCEPT, CONFIRM, RESOLVE, SUBMIT, _call, submit_input

pytestmark = pytest.mark.asyncio(loop_scope="session")

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
READ = """query($id: ID!) { supportRequest(id: $id) { status acceptedAt startedAt resolvedAt confirmedAt cancelledAt
  resolutionNote rating ratingComment reopenCount assignee { employeeNo }
  timeline { sequence action actorLabel at note } } }"""


def data(client_id: str, org: Org, **overrides: Any) -> support.SubmitData:
    values: dict[str, Any] = {"client_request_id": client_id, "region_code": "r1", "department_code": "tech",
                              "category": Category.FAULT_REPAIR, "priority": Priority.HIGH, "title": "专线丢包",
                              "description": "", "customer_reported_at": T0 - timedelta(hours=1),
                              "submitter_id": org.staff_id}
    values.update(overrides)
    return support.SubmitData(**values)


async def _read(client: httpx.AsyncClient, org: Org, pk: int) -> dict[str, Any]:
    result = await gql(client, READ, {"id": encode_id("SupportRequest", pk)}, token=org.hr)
    assert "errors" not in result, result
    request: dict[str, Any] = result["data"]["supportRequest"]
    return request


def at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


async def test_each_transition_records_its_moment_note_and_actor(client: httpx.AsyncClient, small_org: Org) -> None:
    long_note = "换了光模块，" + "并检查了分光器" * 20  # longer than a name (100) but within a note (5000)
    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        pk = (await support.submit_request(uow=uow, data=data("history-1", small_org, title="标" * 150,
                                                              description="描述" * 100), at=T0)).request.id
        await support.accept_request(uow=uow, request_id=pk, assignee_id=small_org.backend_id,
                                     at=T0 + timedelta(minutes=5))
        await support.start_request(uow=uow, request_id=pk, at=T0 + timedelta(minutes=10))
        await support.resolve_request(uow=uow, request_id=pk, note=long_note, at=T0 + timedelta(minutes=20))
        await support.reopen_request(uow=uow, request_id=pk, reason=" 又断了" + "，还是不稳定" * 30 + " ",
                                     at=T0 + timedelta(minutes=30))
        await support.start_request(uow=uow, request_id=pk, at=T0 + timedelta(minutes=40))
        await support.resolve_request(uow=uow, request_id=pk, note="  ", at=T0 + timedelta(minutes=50))
        await support.confirm_request(uow=uow, request_id=pk, rating=4, comment=" 很好 " + "谢" * 150,
                                      at=T0 + timedelta(minutes=60))

    request = await _read(client, small_org, pk)

    assert (request["status"], request["assignee"], request["reopenCount"], request["rating"]) == (
        "CONFIRMED", {"employeeNo": "B0001"}, 1, 4)
    # started_at is the first start: a restart after a reopen keeps it.
    assert (request["acceptedAt"], request["startedAt"], request["resolvedAt"], request["confirmedAt"]) == (
        at(5), at(10), at(50), at(60))
    assert request["resolutionNote"] == ""  # a blank note is no note, not an error
    assert request["ratingComment"] == "很好 " + "谢" * 150
    assert [(e["sequence"], e["action"], e["actorLabel"], e["at"], e["note"]) for e in request["timeline"]] == [
        (1, "SUBMIT", "system", at(0), None), (2, "ACCEPT", "system", at(5), "assigned to B0001"),
        (3, "START", "system", at(10), None), (4, "RESOLVE", "system", at(20), long_note),
        (5, "REOPEN", "system", at(30), "又断了" + "，还是不稳定" * 30), (6, "START", "system", at(40), None),
        (7, "RESOLVE", "system", at(50), ""), (8, "CONFIRM", "system", at(60), "很好 " + "谢" * 150)]
    stored = await SupportRequest.get(id=pk)
    assert (len(stored.title), len(stored.description), stored.timeline_length) == (150, 200, 8)
    assert stored.timeline_head == (await SupportRequestEvent.get(request_id=pk, sequence=8)).chain_hash

    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        blank = (await support.submit_request(uow=uow, data=data("history-3", small_org), at=T0)).request.id
        await support.accept_request(uow=uow, request_id=blank, assignee_id=small_org.backend_id, at=T0)
        await support.start_request(uow=uow, request_id=blank, at=T0)
        await support.resolve_request(uow=uow, request_id=blank, note=None, at=T0)
        await support.confirm_request(uow=uow, request_id=blank, rating=5, comment="  ", at=T0)
    request = await _read(client, small_org, blank)
    assert (request["ratingComment"], request["timeline"][-1]["note"]) == ("", "")  # a blank comment is no comment

    async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
        cancelled = (await support.submit_request(uow=uow, data=data("history-2", small_org), at=T0)).request.id
        await support.cancel_request(uow=uow, request_id=cancelled, at=T0 + timedelta(minutes=3))
    request = await _read(client, small_org, cancelled)
    assert (request["status"], request["cancelledAt"], request["timeline"][-1]["at"]) == ("CANCELLED", at(3), at(3))


async def test_an_employee_submits_only_for_themself(client: httpx.AsyncClient, small_org: Org) -> None:
    staff = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=small_org.staff_id, employee_no="F0001",
                   roles=frozenset({Role.STAFF}))
    async with UnitOfWork(bus=MemoryEventBus(), actor=staff) as uow:
        submission = await support.submit_request(uow=uow, data=data("mine-only", small_org,
                                                                    submitter_id=small_org.other_staff_id), at=T0)
    assert submission.request.submitter_id == small_org.staff_id

    for actor, submitter, error in ((SYSTEM, None, PermissionDenied("only employees submit support requests")),
                                    (SYSTEM, 999_999, NotFound("no such submitter", field="submitterId"))):
        with pytest.raises(type(error)) as refused:
            async with UnitOfWork(bus=MemoryEventBus(), actor=actor) as uow:
                await support.submit_request(uow=uow, data=data(f"x-{submitter}", small_org, submitter_id=submitter))
        assert (refused.value.message, refused.value.field) == (error.message, error.field)


async def test_a_resend_returns_the_original_even_with_changed_or_bad_fields(client: httpx.AsyncClient,
                                                                           small_org: Org) -> None:
    first = await _call(client, SUBMIT, {"input": submit_input("resend-3")}, small_org.staff)
    before = await table_rows()
    again = await _call(client, SUBMIT, {"input": submit_input("resend-3", title=" ", regionCode="NOPE")},
                        small_org.staff)
    someone_else = await _call(client, SUBMIT, {"input": submit_input("resend-3", departmentCode="MKT")},
                               token_for(small_org.backend_id))

    assert (again["created"], again["request"]["id"]) == (False, first["request"]["id"])
    assert (someone_else["code"], someone_else["message"], someone_else["field"]) == (
        "CONFLICT", "this clientRequestId was already used for another person's request", "clientRequestId")
    assert await table_rows() == before


@pytest.mark.parametrize(("overrides", "message", "field"), [
    ({"departmentCode": "MKT"}, "support requests go to a backend department", "departmentCode"),
    ({"departmentCode": "bad code"}, "departmentCode must be 1–32 letters, digits, '-', '_' or '.', starting with a "
                                     "letter or digit", "departmentCode"),
    ({"regionCode": "bad code"}, "regionCode must be 1–32 letters, digits, '-', '_' or '.', starting with a letter "
                                 "or digit", "regionCode"),
    ({"clientRequestId": "has space"}, "clientRequestId must not contain spaces", "clientRequestId"),
    ({"clientRequestId": "x" * 65}, "clientRequestId must be at most 64 characters", "clientRequestId"),
    ({"title": "x" * 201}, "title must be at most 200 characters", "title"),
    ({"description": "x" * 5001}, "description must be at most 5000 characters", "description"),
    ({"customerReportedAt": "2026-01-01T00:00:00"}, "customerReportedAt needs a time zone offset",
     "customerReportedAt"),
])
async def test_a_refused_submission_says_why(client: httpx.AsyncClient, small_org: Org, overrides: dict[str, Any],
                                             message: str, field: str) -> None:
    refused = await _call(client, SUBMIT, {"input": submit_input(**overrides)}, small_org.staff)
    assert (refused["code"], refused["message"], refused["field"]) == ("VALIDATION", message, field)


async def test_refusals_of_transitions_say_why(client: httpx.AsyncClient, small_org: Org) -> None:
    backend_only = await _call(client, SUBMIT, {"input": submit_input("by-backend")}, token_for(small_org.backend_id))
    assert (backend_only["code"], backend_only["message"]) == ("PERMISSION_DENIED",
                                                               "only frontline staff raise support requests")
    request_id = (await _call(client, SUBMIT, {"input": submit_input("refusals")}, small_org.staff))["request"]["id"]
    missing = await _call(client, ACCEPT, {"id": encode_id("SupportRequest", 999_999),
                                           "a": encode_id("Employee", small_org.backend_id)}, small_org.manager)
    outsider = await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.staff_id)},
                           small_org.manager)
    # An engineer who has left the department cannot be assigned.
    await Employee.filter(id=small_org.backend_id).update(leave_date=date(2026, 1, 31))
    left = await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)},
                       small_org.manager)
    await Employee.filter(id=small_org.backend_id).update(leave_date=None)
    await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)},
                small_org.manager)
    await _call(client, "mutation($id: ID!) { startSupportRequest(id: $id) { __typename } }", {"id": request_id},
                small_org.manager)
    long_note = await _call(client, "mutation($id: ID!, $n: String) { resolveSupportRequest(id: $id, note: $n) { "
                                    "... on OperationError { code message field } } }",
                            {"id": request_id, "n": "x" * 5001}, small_org.manager)
    await _call(client, RESOLVE, {"id": request_id}, small_org.manager)
    long_comment = await _call(client, "mutation($id: ID!, $c: String) { confirmSupportRequest(id: $id, rating: 5, "
                                       "comment: $c) { ... on OperationError { code message field } } }",
                               {"id": request_id, "c": "x" * 5001}, small_org.staff)
    no_reason = await _call(client, "mutation($id: ID!) { reopenSupportRequest(id: $id, reason: \" \") { "
                                    "... on OperationError { code message field } } }", {"id": request_id},
                            small_org.staff)
    bad_rating = await _call(client, CONFIRM, {"id": request_id, "r": 0}, small_org.staff)

    assert [(r["code"], r["message"], r["field"]) for r in (missing, outsider, left, long_note, long_comment,
                                                            no_reason, bad_rating)] == [
        ("NOT_FOUND", "no such support request", "id"),
        ("VALIDATION", "the assignee must be a member of the target department", "assigneeId"),
        ("VALIDATION", "the assignee has left", "assigneeId"),
        ("VALIDATION", "note must be at most 5000 characters", "note"),
        ("VALIDATION", "comment must be at most 5000 characters", "comment"),
        ("VALIDATION", "reason must not be empty", "reason"),
        ("VALIDATION", "a rating is 1 to 5 stars", "rating")]


async def test_who_lists_which_requests(client: httpx.AsyncClient, small_org: Org) -> None:
    frontline_manager = token_for(await hire("F0900", "刘洋", "MKT", "R1", Role.MANAGER))
    await _call(client, SUBMIT, {"input": submit_input("listed")}, small_org.staff)
    no_scope = await partner_token(small_org, Scope.READ_PROJECTS)
    support_partner = await partner_token(small_org, Scope.READ_SUPPORT)
    query = "{ supportRequests(first: 10) { nodes { clientRequestId } } }"
    one = "query($id: ID!) { supportRequest(id: $id) { clientRequestId } }"
    request_id = encode_id("SupportRequest", (await SupportRequest.get(client_request_id="listed")).id)

    seen = {}
    for who, token in (("TECH manager", small_org.manager), ("MKT manager", frontline_manager),
                       ("partner without read:support", no_scope), ("read:support partner", support_partner)):
        listed = await gql(client, query, token=token)
        single = await gql(client, one, {"id": request_id}, token=token)
        seen[who] = ([n["clientRequestId"] for n in listed["data"]["supportRequests"]["nodes"]],
                     single["data"]["supportRequest"])
    assert seen == {"TECH manager": (["listed"], {"clientRequestId": "listed"}),
                    "MKT manager": (["listed"], {"clientRequestId": "listed"}),
                    "partner without read:support": ([], None),
                    "read:support partner": (["listed"], {"clientRequestId": "listed"})}
