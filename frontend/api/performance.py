"""Performance assessment (绩效考核): scorecards, department rankings, schemes, the measurement import and the
appeals queue (frontend/operations/performance.graphql). Scores come exact from the API; they are shown to two
decimal places rounded down, so a total shown as 90.00 really is at least 90 (the band edge)."""

from __future__ import annotations

import dataclasses
import json
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

import httpx

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import FieldError, GatewayError, refusal, text

SCORECARD = operation("Scorecard")
APPEAL_SCORECARD_LINE = operation("AppealScorecardLine")
PERFORMANCE_DEPARTMENTS = operation("PerformanceDepartments")
DEPARTMENT_SCORECARDS = operation("DepartmentScorecards")
PERFORMANCE_SCHEMES = operation("PerformanceSchemes")
PUBLISH_SCHEME = operation("PublishScheme")
IMPORT_MEASUREMENTS = operation("ImportMeasurements")
PERFORMANCE_APPEALS = operation("PerformanceAppeals")
DECIDE_APPEAL = operation("DecideAppeal")


def shown(value: Any, places: int = 2) -> str:
    """An exact decimal as people read it: `places` decimals, rounded down; "" for none."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN):f}"


def plain(value: Any) -> str:
    """A weight, target or actual as entered: no trailing zeros."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    return f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"


@dataclasses.dataclass(frozen=True)
class Record:
    kind: str = ""
    label: str = ""
    value: str = ""
    weight: str = ""
    note: str = ""
    included: bool = True


@dataclasses.dataclass(frozen=True)
class ScorecardLine:
    code: str = ""
    name_zh: str = ""
    name_en: str = ""
    unit: str = ""
    direction: str = ""
    source: str = ""
    weight: str = ""
    target: str = ""
    actual: str = ""
    level: str = ""
    explanation_zh: str = ""
    explanation_en: str = ""
    records: tuple[Record, ...] = ()
    scored: bool = False
    score: str = ""
    formula: str = ""
    capped: bool = False
    note_zh: str = ""
    note_en: str = ""
    computed_score: str = ""
    effective_weight: str = ""
    contribution: str = ""
    adjusted: bool = False
    adjustment_reason: str = ""
    adjustment_decision: str = ""
    adjusted_by: str = ""
    appeal_status: str = ""
    appeal_reason: str = ""
    appeal_response: str = ""


@dataclasses.dataclass(frozen=True)
class Scorecard:
    period: str = ""
    employee_no: str = ""
    name: str = ""
    department: str = ""
    position: str = ""
    region: str = ""
    status: str = ""
    scheme: str = ""
    total: str = ""
    coefficient: str = ""
    band_min: str = ""
    frozen: bool = False
    locked_at: str = ""
    rule_version: str = ""
    explanation_zh: str = ""
    explanation_en: str = ""
    lines: tuple[ScorecardLine, ...] = ()


def _texts(node: dict[str, Any] | None) -> tuple[str, str]:
    node = node or {}
    return text(node.get("zh")), text(node.get("en"))


def parse_line(node: dict[str, Any]) -> ScorecardLine:
    indicator = node.get("indicator") or {}
    explanation_zh, explanation_en = _texts(node.get("actualExplanation"))
    note_zh, note_en = _texts(node.get("scoreNote"))
    adjustment = node.get("adjustment") or {}
    appeal = node.get("appeal") or {}
    return ScorecardLine(
        code=text(indicator.get("code")), name_zh=text(indicator.get("nameZh")), name_en=text(indicator.get("nameEn")),
        unit=text(indicator.get("unit")), direction=text(indicator.get("direction")),
        source=text(indicator.get("source")), weight=plain(node.get("weight")), target=plain(node.get("target")),
        actual=shown(node.get("actual"), 4).rstrip("0").rstrip(".") if node.get("actual") is not None else "",
        level=text(node.get("actualLevel")), explanation_zh=explanation_zh, explanation_en=explanation_en,
        records=tuple(Record(kind=text(r.get("kind")), label=text(r.get("label")), value=plain(r.get("value")),
                             weight=plain(r.get("weight")), note=text(r.get("note")), included=bool(r.get("included")))
                      for r in node.get("records") or ()),
        scored=bool(node.get("scored")), score=shown(node.get("score")), formula=text(node.get("scoreFormula")),
        capped=bool(node.get("capped")), note_zh=note_zh, note_en=note_en,
        computed_score=shown(node.get("computedScore")), effective_weight=shown(node.get("effectiveWeight")),
        contribution=shown(node.get("contribution")), adjusted=bool(adjustment),
        adjustment_reason=text(adjustment.get("reason")), adjustment_decision=text(adjustment.get("decision")),
        adjusted_by=text(adjustment.get("decidedBy")), appeal_status=text(appeal.get("status")),
        appeal_reason=text(appeal.get("reason")), appeal_response=text(appeal.get("response")))


def parse_scorecard(node: dict[str, Any]) -> Scorecard:
    explanation_zh, explanation_en = _texts(node.get("explanation"))
    scheme = node.get("scheme") or {}
    return Scorecard(
        period=text(node.get("period")), employee_no=text(node.get("employeeNo")), name=text(node.get("name")),
        department=text((node.get("department") or {}).get("name")), position=text(node.get("position")),
        region=text((node.get("region") or {}).get("name")), status=text(node.get("status")),
        scheme=f"{scheme['name']} v{scheme['version']}" if scheme else "", total=shown(node.get("total")),
        coefficient=plain(node.get("coefficient")), band_min=plain((node.get("band") or {}).get("minScore")),
        frozen=bool(node.get("frozen")), locked_at=text(node.get("lockedAt"))[:10],
        rule_version=text(node.get("ruleVersion")), explanation_zh=explanation_zh, explanation_en=explanation_en,
        lines=tuple(parse_line(line) for line in node.get("lines") or ()))


async def fetch_scorecard(token: str, employee_id: str, period: str) -> Scorecard | None:
    data = await transport.execute(SCORECARD, {"employeeId": employee_id, "period": period}, token=token)
    return parse_scorecard(data["scorecard"]) if data.get("scorecard") else None


async def appeal_line(token: str, period: str, indicator_code: str, reason: str) -> FieldError | None:
    data = await transport.execute(APPEAL_SCORECARD_LINE, {"input": {
        "period": period, "indicatorCode": indicator_code, "reason": reason}}, token=token)
    return refusal(data["appealScorecardLine"], "appeal")


# --- departments ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Department:
    code: str = ""
    name: str = ""
    kind: str = ""


async def fetch_departments(token: str) -> tuple[Department, ...]:
    data = await transport.execute(PERFORMANCE_DEPARTMENTS, token=token)
    return tuple(Department(code=d["code"], name=d["name"], kind=d["kind"]) for d in data["departments"])


@dataclasses.dataclass(frozen=True)
class Band:
    min_score: str = ""
    coefficient: str = ""
    count: int = 0
    share: str = ""  # percent, one decimal
    guide: str = ""  # e.g. "≤ 20%", "≥ 5%"
    allowed: int = -1  # people the guide's maximum allows (rounded down); -1 without a maximum
    outside_guide: bool = False
    message_zh: str = ""
    message_en: str = ""


@dataclasses.dataclass(frozen=True)
class RankedMember:
    rank: str = ""
    employee_id: str = ""
    employee_no: str = ""
    name: str = ""
    position: str = ""
    total: str = ""
    coefficient: str = ""
    status: str = ""


@dataclasses.dataclass(frozen=True)
class DepartmentView:
    code: str = ""
    name: str = ""
    period: str = ""
    frozen: bool = False
    assessed: int = 0
    mean: str = ""
    outside_guide: bool = False
    guide_is_default: bool = False
    bands: tuple[Band, ...] = ()
    members: tuple[RankedMember, ...] = ()


def _percent(share: Any) -> str:
    return "" if share is None else shown(Decimal(str(share)) * 100, 1)


def parse_department(node: dict[str, Any]) -> DepartmentView:
    distribution = node.get("distribution") or {}
    assessed = int(distribution.get("assessed") or 0)
    bands = []
    for band in distribution.get("bands") or ():
        guide = " ".join(part for part in (
            f"≤ {_percent(band['maxShare'])}%" if band.get("maxShare") is not None else "",
            f"≥ {_percent(band['minShare'])}%" if band.get("minShare") is not None else "") if part)
        message_zh, message_en = _texts(band.get("message"))
        bands.append(Band(min_score=plain(band.get("minScore")), coefficient=plain(band.get("coefficient")),
                          count=int(band.get("count") or 0), share=_percent(band.get("share")), guide=guide,
                          allowed=int(Decimal(str(band["maxShare"])) * assessed) if band.get("maxShare") is not None
                          else -1,
                          outside_guide=bool(band.get("outsideGuide")), message_zh=message_zh, message_en=message_en))
    members = tuple(RankedMember(
        rank=text(m.get("rank")), employee_id=text((m["scorecard"].get("employee") or {}).get("id")),
        employee_no=text(m["scorecard"].get("employeeNo")),
        name=text(m["scorecard"].get("name")), position=text(m["scorecard"].get("position")),
        total=shown(m["scorecard"].get("total")), coefficient=plain(m["scorecard"].get("coefficient")),
        status=text(m["scorecard"].get("status"))) for m in node.get("members") or ())
    department = node.get("department") or {}
    return DepartmentView(code=text(department.get("code")), name=text(department.get("name")),
                          period=text(node.get("period")), frozen=bool(node.get("frozen")),
                          assessed=assessed, mean=shown(distribution.get("mean")),
                          outside_guide=bool(distribution.get("outsideGuide")),
                          guide_is_default=bool(distribution.get("guideIsDefault")), bands=tuple(bands),
                          members=members)


async def fetch_department_scorecards(token: str, department_code: str, period: str) -> DepartmentView:
    data = await transport.execute(DEPARTMENT_SCORECARDS, {"departmentCode": department_code, "period": period},
                                   token=token)
    return parse_department(data["departmentScorecards"])


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
    message_zh, message_en = _texts(node.get("message"))
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


# --- HR: calibration across departments ----------------------------------------------------------------------

PERFORMANCE_CALIBRATION = operation("PerformanceCalibration")


@dataclasses.dataclass(frozen=True)
class CalibrationRow:
    code: str = ""
    name: str = ""
    assessed: int = 0
    outside_guide: bool = False
    messages_zh: str = ""  # the bands outside the guide, one sentence each
    messages_en: str = ""


def parse_calibration(payload: dict[str, Any]) -> tuple[CalibrationRow, ...]:
    rows = []
    for item in payload.get("departments") or ():
        distribution = item.get("distribution") or {}
        outside = [b for b in distribution.get("bands") or () if b.get("outsideGuide")]
        rows.append(CalibrationRow(
            code=item["department"]["code"], name=item["department"]["name"],
            assessed=int(distribution.get("assessed") or 0), outside_guide=bool(distribution.get("outsideGuide")),
            messages_zh="；".join(_texts(b.get("message"))[0] for b in outside),
            messages_en="; ".join(_texts(b.get("message"))[1] for b in outside)))
    return tuple(sorted(rows, key=lambda r: (not r.outside_guide, r.code)))


async def fetch_calibration(token: str, period: str) -> tuple[CalibrationRow, ...]:
    data = await transport.execute(PERFORMANCE_CALIBRATION, {"period": period}, token=token)
    return parse_calibration(data["performanceCalibration"])


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
