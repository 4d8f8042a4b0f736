"""Measurement import through the API: XLSX and CSV, Chinese or English headers; bad rows write nothing and are
all reported with their line; a good import is written in one go and importing it again changes nothing."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import httpx
import openpyxl
import pytest

from backend.persistence.models import AuditEntry, Measurement, MeasurementImport
from tests.api.conftest import table_counts, token_for
from tests.api.performance.conftest import PERIOD, Performance

pytestmark = pytest.mark.asyncio(loop_scope="session")

IMPORT = """mutation($f: Upload!, $p: String, $dry: Boolean!) { importMeasurements(file: $f, period: $p, dryRun: $dry) {
  __typename ... on OperationError { code message field }
  ... on MeasurementImportReport { fileName format rows valid written created updated unchanged importId
    problems { line column header value code message { zh en } } warnings { line code } } } }"""


async def upload(client: httpx.AsyncClient, token: str, name: str, content: bytes, *, dry_run: bool,
                 period: str | None = PERIOD) -> dict[str, Any]:
    response = await client.post(
        "/graphql", headers={"authorization": f"Bearer {token}"},
        data={"operations": json.dumps({"query": IMPORT, "variables": {"f": None, "p": period, "dry": dry_run}}),
              "map": json.dumps({"0": ["variables.f"]})},
        files={"0": (name, io.BytesIO(content), "application/octet-stream")})
    body = response.json()
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["importMeasurements"]
    return payload


def xlsx(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_ROWS = [
    ["工号", "姓名", "部门编码", "片区", "指标编码", "考核期间", "实际值", "备注"],
    ["F0001", "李娜", None, None, "VISITS", date(2026, 10, 1), 44, "含 2 次联合拜访"],
    ["F0002", "张伟", None, None, "VISITS", "2026-10", 31.5, None],
    [None, None, "TECH", None, "CYCLE", "2026/10", 12, None],
    [None, None, None, "R1", "RETENTION", "2026年10月", 91.2, None],
    [None, None, None, "R2", "RETENTION", "202610", "88.4", None],
]


async def test_a_file_with_bad_rows_writes_nothing_and_reports_every_bad_row(
        client: httpx.AsyncClient, assessed: Performance) -> None:
    rows = [*GOOD_ROWS,
            ["F0404", None, None, None, "VISITS", "2026-10", 10, None],  # line 7: unknown employee
            ["F0001", None, None, None, "VISITZ", "2026-10", 10, None],  # line 8: unknown indicator
            ["F0002", None, None, None, "VISITS", "2026-09", 10, None],  # line 9: another period
            [None, None, "TECH", None, "CYCLE", "2026-10", "十二", None],  # line 10: not a number; duplicate of 4
            ["F0001", None, None, None, "SAT", "2026-10", 95, None]]  # line 11: computed indicator
    before = await table_counts()
    for dry_run in (True, False):
        report = await upload(client, assessed.org.hr, "绩效数据.xlsx", xlsx(rows), dry_run=dry_run)
        assert report["__typename"] == "MeasurementImportReport", report
        assert (report["valid"], report["written"], report["rows"], report["format"]) == (False, False, 10, "XLSX")
        found = sorted((p["line"], p["column"], p["code"]) for p in report["problems"])
        assert found == [(7, "A", "UNKNOWN_EMPLOYEE"), (8, "E", "UNKNOWN_INDICATOR"), (9, "F", "WRONG_PERIOD"),
                         (10, "E", "DUPLICATE"), (10, "G", "NOT_NUMERIC"), (11, "E", "NOT_RECORDABLE")]
        not_numeric = next(p for p in report["problems"] if p["code"] == "NOT_NUMERIC")
        assert (not_numeric["header"], not_numeric["value"]) == ("实际值", "十二")
        assert "第 10 行" in not_numeric["message"]["zh"] and "line 10" in not_numeric["message"]["en"]
    assert await table_counts() == before


async def test_a_good_import_is_written_once_and_is_idempotent(client: httpx.AsyncClient,
                                                               assessed: Performance) -> None:
    content = xlsx(GOOD_ROWS)
    dry = await upload(client, assessed.org.hr, "绩效数据.xlsx", content, dry_run=True)
    assert (dry["valid"], dry["written"], dry["created"]) == (True, False, 5)
    assert await Measurement.all().count() == 0
    done = await upload(client, assessed.org.hr, "绩效数据.xlsx", content, dry_run=False)
    assert (done["written"], done["created"], done["updated"], done["unchanged"]) == (True, 5, 0, 0)
    assert await Measurement.all().count() == 5
    audits = await AuditEntry.filter(action__startswith="performance.").filter(
        action__in=["performance.measurement.import", "performance.import"]).count()
    assert audits == 6  # one per value, one for the import
    counts = await table_counts()
    again = await upload(client, assessed.org.hr, "绩效数据.xlsx", content, dry_run=False)
    assert (again["written"], again["created"], again["updated"], again["unchanged"]) == (False, 0, 0, 5)
    assert await table_counts() == counts

    # The same values as a CSV with English headers (GB18030, as Chinese Excel saves it): still nothing to do;
    # one changed value is an update.
    csv_text = ("employee_no,indicator_code,period,value\nF0001,VISITS,2026-10,44\nF0002,VISITS,2026-10,33\n")
    changed = await upload(client, assessed.org.hr, "data.csv", csv_text.encode("gb18030"), dry_run=False)
    assert (changed["format"], changed["created"], changed["updated"], changed["unchanged"]) == ("CSV", 0, 1, 1)
    assert await MeasurementImport.all().count() == 2
    card = await assessed.scorecard(client, _id(assessed.org.other_staff_id), token_for(assessed.org.other_staff_id))
    visits = next(line for line in card["lines"] if line["indicator"]["code"] == "VISITS")
    assert visits["actual"] == "33" and visits["records"][0]["kind"] == "MEASUREMENT"


def _id(pk: int) -> str:
    from backend.graphql.ids import encode_id

    return encode_id("Employee", pk)


async def test_only_hr_imports_and_unreadable_files_are_typed_errors(client: httpx.AsyncClient,
                                                                     assessed: Performance) -> None:
    refused = await upload(client, assessed.org.manager, "a.csv", b"employee_no\n", dry_run=True)
    assert refused["code"] == "PERMISSION_DENIED"
    broken = await upload(client, assessed.org.hr, "a.xlsx", b"PK\x03\x04 not really a workbook", dry_run=True)
    assert (broken["code"], broken["field"]) == ("VALIDATION", "file")
    header_only = await upload(client, assessed.org.hr, "a.csv", "颜色\n红\n".encode(), dry_run=True)
    assert {p["code"] for p in header_only["problems"]} == {"MISSING_COLUMN"}
    assert {p["line"] for p in header_only["problems"]} == {1}
