"""HR's performance administration: schemes and indicators, the measurement import, appeals, period locks and
distribution guides (frontend/operations/performance.graphql)."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.performance import Department, plain, shown, texts
from frontend.api.transport import FieldError, GatewayError, refusal, text

PERFORMANCE_SCHEMES = operation("PerformanceSchemes")
PUBLISH_SCHEME = operation("PublishScheme")
IMPORT_MEASUREMENTS = operation("ImportMeasurements")
PERFORMANCE_APPEALS = operation("PerformanceAppeals")
DECIDE_APPEAL = operation("DecideAppeal")


# --- HR: schemes ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Indicator:
    code: str = ""
    name_zh: str = ""
    name_en: str = ""
    unit: str = ""
    direction: str = ""
    source: str = ""


@dataclasses.dataclass(frozen=True)
class SchemeLine:
    code: str = ""
    name_zh: str = ""
    name_en: str = ""
    weight: str = ""
    target: str = ""


@dataclasses.dataclass(frozen=True)
class Scheme:
    id: str = ""
    name: str = ""
    version: int = 0
    effective_from: str = ""
    department_code: str = ""
    position: str = ""
    kind: str = ""
    lines: tuple[SchemeLine, ...] = ()


@dataclasses.dataclass(frozen=True)
class SchemeCatalogue:
    top_band: str = "90"  # the lowest score of the rule set's top band
    indicators: tuple[Indicator, ...] = ()
    departments: tuple[Department, ...] = ()
    schemes: tuple[Scheme, ...] = ()


def parse_catalogue(data: dict[str, Any]) -> SchemeCatalogue:
    bands = data.get("performanceScoreBands") or ()
    return SchemeCatalogue(
        top_band=plain(bands[0]["minScore"]) if bands else "90",
        indicators=tuple(Indicator(code=i["code"], name_zh=i["nameZh"], name_en=i["nameEn"], unit=text(i["unit"]),
                                   direction=i["direction"], source=i["source"]) for i in data["indicators"]),
        departments=tuple(Department(code=d["code"], name=d["name"], kind=d["kind"]) for d in data["departments"]),
        schemes=tuple(Scheme(
            id=s["id"], name=s["name"], version=int(s["version"]), effective_from=s["effectiveFrom"],
            department_code=text((s.get("department") or {}).get("code")), position=text(s.get("position")),
            kind=text(s.get("kind")),
            lines=tuple(SchemeLine(code=line["indicator"]["code"], name_zh=line["indicator"]["nameZh"],
                                   name_en=line["indicator"]["nameEn"], weight=plain(line["weight"]),
                                   target=plain(line["target"])) for line in s.get("lines") or ()))
            for s in data["performanceSchemes"]))


async def fetch_schemes(token: str) -> SchemeCatalogue:
    return parse_catalogue(await transport.execute(PERFORMANCE_SCHEMES, token=token))


async def publish_scheme(token: str, scheme: dict[str, Any]) -> FieldError | None:
    """`scheme`: PublishSchemeInput as the API takes it. The typed error names the line at fault
    (`lines.N.weight`), which the form shows beside that line."""
    data = await transport.execute(PUBLISH_SCHEME, {"input": scheme}, token=token)
    return refusal(data["publishScheme"], "scheme")


# --- HR: import ----------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ImportProblem:
    line: int = 0
    column: str = ""
    header: str = ""
    value: str = ""
    code: str = ""
    message_zh: str = ""
    message_en: str = ""


@dataclasses.dataclass(frozen=True)
class ImportReport:
    file_name: str = ""
    file_format: str = ""
    dry_run: bool = True
    rows: int = 0
    valid: bool = False
    written: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: tuple[ImportProblem, ...] = ()
    warnings: tuple[ImportProblem, ...] = ()


def _problem(node: dict[str, Any]) -> ImportProblem:
    message_zh, message_en = texts(node.get("message"))
    return ImportProblem(line=int(node.get("line") or 0), column=text(node.get("column")),
                         header=text(node.get("header")), value=text(node.get("value")), code=text(node.get("code")),
                         message_zh=message_zh, message_en=message_en)


def parse_import(payload: dict[str, Any]) -> ImportReport | FieldError:
    failed = refusal(payload, "rows")
    if failed is not None:
        return failed
    return ImportReport(
        file_name=text(payload.get("fileName")), file_format=text(payload.get("format")),
        dry_run=bool(payload.get("dryRun")), rows=int(payload.get("rows") or 0), valid=bool(payload.get("valid")),
        written=bool(payload.get("written")), created=int(payload.get("created") or 0),
        updated=int(payload.get("updated") or 0), unchanged=int(payload.get("unchanged") or 0),
        problems=tuple(_problem(p) for p in payload.get("problems") or ()),
        warnings=tuple(_problem(p) for p in payload.get("warnings") or ()))


async def import_measurements(token: str, *, file_name: str, content: bytes, period: str | None,
                              dry_run: bool) -> ImportReport | FieldError:
    """The file goes as a GraphQL multipart request (the spec's `operations` + `map`), from this server."""
    operations = {"query": IMPORT_MEASUREMENTS, "variables": {"file": None, "period": period or None,
                                                               "dryRun": dry_run}}
    try:
        async with transport.http_client() as client:
            response = await client.post(
                transport.graphql_url(), headers={"Authorization": f"Bearer {token}"},
                data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
                files={"0": (file_name, content, "application/octet-stream")})
    except httpx.HTTPError as exc:
        raise GatewayError("NETWORK", str(exc) or type(exc).__name__) from exc
    try:
        body = response.json()
    except ValueError as exc:
        raise GatewayError("NETWORK", f"HTTP {response.status_code}: not a GraphQL response") from exc
    if body.get("errors"):
        raise GatewayError("GRAPHQL", "; ".join(str(e.get("message", e)) for e in body["errors"]))
    return parse_import(body["data"]["importMeasurements"])


# --- HR: appeals ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Appeal:
    id: str = ""
    period: str = ""
    status: str = ""
    reason: str = ""
    submitted_at: str = ""
    employee_no: str = ""
    employee_name: str = ""
    department: str = ""
    indicator_code: str = ""
    indicator_zh: str = ""
    indicator_en: str = ""
    unit: str = ""
    actual_at_appeal: str = ""
    score_at_appeal: str = ""
    response: str = ""
    decided_by: str = ""


def parse_appeal(node: dict[str, Any]) -> Appeal:
    employee = node.get("employee") or {}
    indicator = node.get("indicator") or {}
    return Appeal(id=node["id"], period=node["period"], status=node["status"], reason=node["reason"],
                  submitted_at=text(node.get("submittedAt")),
                  employee_no=text(employee.get("employeeNo")), employee_name=text(employee.get("name")),
                  department=text((employee.get("department") or {}).get("name")),
                  indicator_code=text(indicator.get("code")), indicator_zh=text(indicator.get("nameZh")),
                  indicator_en=text(indicator.get("nameEn")), unit=text(indicator.get("unit")),
                  actual_at_appeal=plain(node.get("actualAtAppeal")), score_at_appeal=shown(node.get("scoreAtAppeal")),
                  response=text(node.get("response")), decided_by=text(node.get("decidedBy")))


async def fetch_appeals(token: str, status: str | None = "PENDING") -> tuple[Appeal, ...]:
    data = await transport.execute(PERFORMANCE_APPEALS, {"status": status}, token=token)
    return tuple(parse_appeal(a) for a in data["performanceAppeals"])


async def decide_appeal(token: str, *, appeal_id: str, accept: bool, response: str, adjusted_actual: str = "",
                        adjusted_score: str = "") -> FieldError | None:
    decision: dict[str, Any] = {"appealId": appeal_id, "accept": accept, "response": response}
    if accept and adjusted_actual:
        decision["adjustedActual"] = adjusted_actual
    if accept and adjusted_score:
        decision["adjustedScore"] = adjusted_score
    data = await transport.execute(DECIDE_APPEAL, {"input": decision}, token=token)
    return refusal(data["decideAppeal"], "appeal")


# --- HR: locking periods -------------------------------------------------------------------------------------

PERFORMANCE_PERIODS = operation("PerformancePeriods")
LOCK_PERFORMANCE_PERIOD = operation("LockPerformancePeriod")


@dataclasses.dataclass(frozen=True)
class PeriodState:
    period: str = ""
    locked: bool = False
    locked_at: str = ""
    locked_by: str = ""
    scorecards: int = 0


async def fetch_periods(token: str) -> tuple[PeriodState, ...]:
    data = await transport.execute(PERFORMANCE_PERIODS, token=token)
    return tuple(PeriodState(period=p["period"], locked=bool(p["locked"]), locked_at=text(p.get("lockedAt")),
                             locked_by=text(p.get("lockedBy")), scorecards=int(p.get("scorecards") or 0))
                 for p in data["performancePeriods"])


async def lock_period(token: str, period: str) -> FieldError | None:
    data = await transport.execute(LOCK_PERFORMANCE_PERIOD, {"period": period}, token=token)
    return refusal(data["lockPerformancePeriod"], "period")


# --- HR: indicators and distribution guides ------------------------------------------------------------------

DEFINE_INDICATOR = operation("DefineIndicator")
SET_DISTRIBUTION_GUIDE = operation("SetDistributionGuide")
DIRECTIONS = ("HIGHER", "LOWER")
SOURCES = ("MANUAL", "SUPPORT_SATISFACTION", "SUPPORT_SLA_RATE", "SUPPORT_UTILISATION", "LINKED_REGION",
           "PROJECT_ATTAINMENT")


async def define_indicator(token: str, indicator: dict[str, str]) -> FieldError | None:
    """`indicator`: DefineIndicatorInput (code, nameZh, nameEn, unit, direction, source)."""
    data = await transport.execute(DEFINE_INDICATOR, {"input": indicator}, token=token)
    return refusal(data["defineIndicator"], "indicator")


async def set_top_band_guide(token: str, *, department_code: str, top_band: str,
                             max_percent: str) -> FieldError | None:
    """At most `max_percent` % of the department's assessed members in the top band ("" department: the
    organisation's default); an empty percentage removes the guide."""
    bands = []
    if max_percent:
        try:
            share = Decimal(max_percent) / 100
        except InvalidOperation:
            return FieldError(code="VALIDATION", message=f"{max_percent!r} is not a percentage", field="maxShare")
        bands.append({"minScore": top_band, "maxShare": f"{share.normalize():f}"})
    data = await transport.execute(SET_DISTRIBUTION_GUIDE, {"input": {
        "departmentCode": department_code or None, "bands": bands}}, token=token)
    return refusal(data["setDistributionGuide"], "guide")
