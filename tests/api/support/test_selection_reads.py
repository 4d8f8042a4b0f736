"""supportRequests and supportRequest read only what their selection asks for, with the same values either way."""

from __future__ import annotations

import httpx
import pytest

from backend.graphql.ids import encode_id
from tests.api.conftest import Org, count_queries, gql
from tests.api.support.test_lifecycle import ACCEPT, _call
from tests.api.support.test_reads_and_evidence import _many

pytestmark = pytest.mark.asyncio(loop_scope="session")

FULL = """query($first: Int!) { supportRequests(first: $first) { nodes { id title status priority category
  submittedAt acceptedAt resolvedAt responseDueAt customerReportedAt reopenCount rating timelineIntact
  submitter { name } assignee { employeeNo } department { code } region { code }
  figures { slaBreached responseMinutes handoffDelayMinutes supportPoints }
  timeline { sequence action at actor { name } } comments { body } attachments { fileName } } } }"""
BARE = """query($first: Int!) { supportRequests(first: $first) { nodes { id title status submittedAt acceptedAt
  responseDueAt reopenCount } } }"""
ONE = "query($id: ID!) { supportRequest(id: $id) { id title status submittedAt timeline { sequence at } } }"


async def test_a_bare_list_reads_the_requests_alone(client: httpx.AsyncClient, small_org: Org) -> None:
    ids = await _many(client, small_org, 6)
    await _call(client, ACCEPT, {"id": ids[0], "a": encode_id("Employee", small_org.backend_id)}, small_org.manager)
    full = (await gql(client, FULL, {"first": 10}, token=small_org.hr))["data"]["supportRequests"]["nodes"]

    with count_queries() as counter:
        bare = (await gql(client, BARE, {"first": 10}, token=small_org.hr))["data"]["supportRequests"]["nodes"]
    assert len(counter.statements) == 2, counter.statements  # the viewer, then the requests
    assert bare == [{key: node[key] for key in bare[0]} for node in full]
    assert any(node["acceptedAt"] for node in bare) and all(node["submittedAt"] for node in bare)
    assert all(node["timelineIntact"] for node in full)

    with count_queries() as counter:
        one = (await gql(client, ONE, {"id": ids[0]}, token=small_org.hr))["data"]["supportRequest"]
    assert len(counter.statements) == 3, counter.statements  # viewer, the request, its timeline
    accepted = next(node for node in full if node["id"] == ids[0])
    assert one["timeline"] == [{"sequence": e["sequence"], "at": e["at"]} for e in accepted["timeline"]]
    assert [e["action"] for e in accepted["timeline"]] == ["SUBMIT", "ACCEPT"]
