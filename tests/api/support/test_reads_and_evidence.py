"""Who reads which requests, list filters, SQL counts, photo evidence, and live changes."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from backend.domain.events import support_queue_channel
from backend.graphql.ids import encode_id
from backend.persistence.models import Department, SupportAttachment, SupportRequest
from tests.api.conftest import Org, count_queries, gql, table_rows, token_for
from tests.api.support.test_lifecycle import ACCEPT, CANCEL, RESOLVE, START, SUBMIT, _call, submit_input
from tests.support.live import until_listening
from tests.support.ws import graphql_socket

pytestmark = pytest.mark.asyncio(loop_scope="session")

LIST = """query($first: Int!, $status: SupportStatus, $breached: Boolean, $dept: String, $after: String) {
  supportRequests(first: $first, status: $status, breached: $breached, departmentCode: $dept, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id clientRequestId status submitter { name } assignee { name } department { code } region { code }
      figures { slaBreached } timeline { sequence actor { name } } attachments { fileName url } comments { body } } } }"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64


async def _many(client: httpx.AsyncClient, org: Org, count: int) -> list[str]:
    ids = []
    for n in range(count):
        result = await _call(client, SUBMIT, {"input": submit_input(f"bulk-{n}")}, org.staff)
        ids.append(result["request"]["id"])
    return ids


async def test_reading_is_scoped(client: httpx.AsyncClient, small_org: Org) -> None:
    await _many(client, small_org, 2)
    seen = {}
    for who, token in (("submitter", small_org.staff), ("other frontline", token_for(small_org.other_staff_id)),
                       ("backend member", token_for(small_org.backend_id)), ("HR", small_org.hr)):
        result = await gql(client, LIST, {"first": 10}, token=token)
        seen[who] = len(result["data"]["supportRequests"]["nodes"])
    assert seen == {"submitter": 2, "other frontline": 0, "backend member": 2, "HR": 2}
    anonymous = await gql(client, LIST, {"first": 10})
    assert anonymous["data"] is None


async def test_one_request_is_hidden_from_those_outside_its_scope(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = (await _many(client, small_org, 1))[0]
    query = "query($id: ID!) { supportRequest(id: $id) { title } }"
    assert (await gql(client, query, {"id": request_id}, token=small_org.staff))["data"]["supportRequest"]
    assert (await gql(client, query, {"id": request_id}, token=token_for(small_org.other_staff_id))
            )["data"]["supportRequest"] is None


async def test_filters_and_cursor_pages(client: httpx.AsyncClient, small_org: Org) -> None:
    ids = await _many(client, small_org, 5)
    await _call(client, CANCEL, {"id": ids[0]}, small_org.staff)
    # An old URGENT request nobody accepted: breached.
    await SupportRequest.filter(client_request_id="bulk-1").update(
        submitted_at=datetime.now(UTC) - timedelta(hours=5), response_due_at=datetime.now(UTC) - timedelta(hours=4),
        resolution_due_at=datetime.now(UTC) - timedelta(hours=1))

    cancelled = await gql(client, LIST, {"first": 10, "status": "CANCELLED"}, token=small_org.hr)
    breached = await gql(client, LIST, {"first": 10, "breached": True}, token=small_org.hr)
    page_one = await gql(client, LIST, {"first": 3}, token=small_org.hr)
    page_two = await gql(client, LIST, {"first": 3, "after": page_one["data"]["supportRequests"]["pageInfo"][
        "endCursor"]}, token=small_org.hr)

    assert [n["clientRequestId"] for n in cancelled["data"]["supportRequests"]["nodes"]] == ["bulk-0"]
    assert [n["clientRequestId"] for n in breached["data"]["supportRequests"]["nodes"]] == ["bulk-1"]
    first_ids = [n["clientRequestId"] for n in page_one["data"]["supportRequests"]["nodes"]]
    second_ids = [n["clientRequestId"] for n in page_two["data"]["supportRequests"]["nodes"]]
    assert first_ids + second_ids == [f"bulk-{n}" for n in (4, 3, 2, 1, 0)]
    assert page_two["data"]["supportRequests"]["pageInfo"]["hasNextPage"] is False


async def test_sql_queries_do_not_grow_with_the_page(client: httpx.AsyncClient, small_org: Org) -> None:
    ids = await _many(client, small_org, 30)
    for request_id in ids[::3]:  # every page, small or large, holds the same mix of actors
        await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)},
                    small_org.manager)
    counts = {}
    for size in (3, 30):
        with count_queries() as counter:
            result = await gql(client, LIST, {"first": size}, token=small_org.hr)
        assert len(result["data"]["supportRequests"]["nodes"]) == size
        counts[size] = len(counter.statements)
    assert counts[3] == counts[30], counts


async def _upload(client: httpx.AsyncClient, token: str, request_id: str, name: str, content: bytes) -> dict:
    query = """mutation($r: ID!, $f: Upload!) { addSupportAttachment(requestId: $r, file: $f) { __typename
      ... on SupportAttachmentSuccess { attachment { contentType size fileName sha256 url } }
      ... on OperationError { code message field } } }"""
    response = await client.post(
        "/graphql", headers={"authorization": f"Bearer {token}"},
        data={"operations": json.dumps({"query": query, "variables": {"r": request_id, "f": None}}),
              "map": json.dumps({"0": ["variables.f"]})},
        files={"0": (name, io.BytesIO(content), "application/octet-stream")})
    payload: dict = response.json()["data"]["addSupportAttachment"]
    return payload


async def test_photo_evidence_by_content_and_served_to_readers_only(client: httpx.AsyncClient, small_org: Org,
                                                                  api: Starlette) -> None:
    request_id = (await _many(client, small_org, 1))[0]
    stored = []
    for name, content, kind in (("a.png", PNG, "image/png"), ("b.jpg", JPEG, "image/jpeg"),
                                ("c.webp", WEBP, "image/webp")):
        result = await _upload(client, small_org.staff, request_id, name, content)
        assert result["__typename"] == "SupportAttachmentSuccess", result
        assert (result["attachment"]["contentType"], result["attachment"]["size"]) == (kind, len(content))
        stored.append(result["attachment"])

    served = await client.get(stored[0]["url"])
    assert served.status_code == 200 and served.content == PNG
    assert served.headers["content-type"] == "image/png"
    tampered = await client.get(stored[0]["url"].replace("signature=", "signature=0"))
    assert tampered.status_code == 403

    # Someone outside the request's scope cannot even get a link.
    outsider = await gql(client, "query($id: ID!) { supportRequest(id: $id) { attachments { url } } }",
                         {"id": request_id}, token=token_for(small_org.other_staff_id))
    assert outsider["data"]["supportRequest"] is None


async def test_bad_uploads_are_refused_and_nothing_is_stored(client: httpx.AsyncClient, small_org: Org,
                                                            api: Starlette) -> None:
    request_id = (await _many(client, small_org, 1))[0]
    data_dir: Path = api.state.settings.data_dir
    files_before = sorted((data_dir / "attachments").rglob("*")) if (data_dir / "attachments").exists() else []
    rows_before = await table_rows()
    too_big = PNG + b"\x00" * api.state.settings.upload_max_bytes

    refusals = [
        await _upload(client, small_org.staff, request_id, "photo.png", b"%PDF-1.7 not an image"),
        await _upload(client, small_org.staff, request_id, "evil.jpg", b"<svg onload=alert(1)>"),
        await _upload(client, small_org.staff, request_id, "huge.png", too_big),
        await _upload(client, token_for(small_org.other_staff_id), request_id, "x.png", PNG),
    ]

    assert [(r["code"], r.get("field")) for r in refusals] == [
        ("VALIDATION", "file"), ("VALIDATION", "file"), ("VALIDATION", "file"), ("NOT_FOUND", "id")]
    assert await table_rows() == rows_before
    files_after = sorted((data_dir / "attachments").rglob("*")) if (data_dir / "attachments").exists() else []
    assert files_after == files_before
    assert await SupportAttachment.all().count() == 0


async def test_queue_subscriber_sees_each_transition_in_order(client: httpx.AsyncClient, small_org: Org,
                                                              ws_url: str, api: Starlette) -> None:
    subscription = """subscription { supportRequestChanged(departmentCode: "TECH") { action sequence
      request { status clientRequestId } } }"""
    async with graphql_socket(ws_url, small_org.manager) as socket_:
        await socket_.subscribe(subscription)
        tech = await Department.get(code="TECH")
        await until_listening(api, support_queue_channel(tech.id))
        request_id = (await _call(client, SUBMIT, {"input": submit_input("live-1")}, small_org.staff))["request"]["id"]
        backend = token_for(small_org.backend_id)
        await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)}, backend)
        await _call(client, START, {"id": request_id}, backend)
        await _call(client, START, {"id": request_id}, backend)  # refused: already in progress, publishes nothing
        await _call(client, RESOLVE, {"id": request_id}, backend)
        events = [(await socket_.receive())["payload"]["data"]["supportRequestChanged"] for _ in range(4)]

    assert [(e["action"], e["sequence"], e["request"]["status"]) for e in events] == [
        ("SUBMIT", 1, "SUBMITTED"), ("ACCEPT", 2, "ACCEPTED"), ("START", 3, "IN_PROGRESS"),
        ("RESOLVE", 4, "RESOLVED")]


async def test_submitter_follows_their_request_current_state_first(client: httpx.AsyncClient, small_org: Org,
                                                                   ws_url: str) -> None:
    request_id = (await _call(client, SUBMIT, {"input": submit_input("mine")}, small_org.staff))["request"]["id"]
    subscription = """subscription($id: ID!) { supportRequestChanged(requestId: $id) { action request { status } } }"""
    async with graphql_socket(ws_url, small_org.staff) as socket_:
        await socket_.subscribe(subscription, {"id": request_id})
        current = (await socket_.receive())["payload"]["data"]["supportRequestChanged"]
        await _call(client, ACCEPT, {"id": request_id, "a": encode_id("Employee", small_org.backend_id)},
                    small_org.manager)
        change = (await socket_.receive())["payload"]["data"]["supportRequestChanged"]

    assert current == {"action": "CURRENT", "request": {"status": "SUBMITTED"}}
    assert change == {"action": "ACCEPT", "request": {"status": "ACCEPTED"}}
