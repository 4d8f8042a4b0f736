"""What a backend queue over thousands of requests needs: unassigned and title-search filters, and photo
evidence that a phone may resend after a dropped answer without storing it twice."""

from __future__ import annotations

import httpx
import pytest

from backend.graphql.ids import encode_id
from backend.persistence.models import SupportAttachment
from tests.api.conftest import Org, gql
from tests.api.support.test_lifecycle import ACCEPT, SUBMIT, _call, submit_input
from tests.api.support.test_reads_and_evidence import PNG, _upload

pytestmark = pytest.mark.asyncio(loop_scope="session")

LIST = """query($unassigned: Boolean, $search: String, $assignee: ID) {
  supportRequests(first: 50, unassigned: $unassigned, search: $search, assigneeId: $assignee) {
    nodes { clientRequestId title assignee { employeeNo } } } }"""


async def _submit(client: httpx.AsyncClient, org: Org, client_id: str, title: str) -> str:
    result = await _call(client, SUBMIT, {"input": submit_input(client_id, title=title)}, org.staff)
    request_id: str = result["request"]["id"]
    return request_id


async def _ids(client: httpx.AsyncClient, org: Org, **variables: object) -> list[str]:
    result = await gql(client, LIST, variables, token=org.hr)
    assert "errors" not in result, result
    return [node["clientRequestId"] for node in result["data"]["supportRequests"]["nodes"]]


async def test_unassigned_and_mine_split_the_queue(client: httpx.AsyncClient, small_org: Org) -> None:
    taken = await _submit(client, small_org, "q-taken", "机房空调告警")
    await _submit(client, small_org, "q-open", "光猫反复重启")
    engineer = encode_id("Employee", small_org.backend_id)
    await _call(client, ACCEPT, {"id": taken, "a": engineer}, small_org.manager)

    assert await _ids(client, small_org, unassigned=True) == ["q-open"]
    assert await _ids(client, small_org, unassigned=False) == ["q-taken"]
    assert await _ids(client, small_org, assignee=engineer) == ["q-taken"]
    assert await _ids(client, small_org) == ["q-open", "q-taken"]


async def test_search_finds_words_of_the_title_whatever_their_case(client: httpx.AsyncClient,
                                                                   small_org: Org) -> None:
    await _submit(client, small_org, "s-1", "OLT 端口 down")
    await _submit(client, small_org, "s-2", "小区光缆中断")
    await _submit(client, small_org, "s-3", "olt 板卡告警")

    assert await _ids(client, small_org, search="olt") == ["s-3", "s-1"]
    assert await _ids(client, small_org, search=" 光缆 ") == ["s-2"]
    assert await _ids(client, small_org, search="100%_") == []  # LIKE wildcards are plain characters
    assert len(await _ids(client, small_org, search="")) == 3  # an empty search is no filter


async def test_the_same_photo_sent_twice_is_stored_once(client: httpx.AsyncClient, small_org: Org) -> None:
    request_id = await _submit(client, small_org, "p-1", "电杆倾斜")

    first = await _upload(client, small_org.staff, request_id, "pole.png", PNG)
    again = await _upload(client, small_org.staff, request_id, "pole.png", PNG)

    assert first["__typename"] == again["__typename"] == "SupportAttachmentSuccess"
    assert first["attachment"]["sha256"] == again["attachment"]["sha256"]
    assert await SupportAttachment.filter(sha256=first["attachment"]["sha256"]).count() == 1
    detail = await gql(client, "query($id: ID!) { supportRequest(id: $id) { attachments { fileName } } }",
                       {"id": request_id}, token=small_org.staff)
    assert detail["data"]["supportRequest"]["attachments"] == [{"fileName": "pole.png"}]
