"""Performance assessment (绩效考核): scorecards, department rankings and calibration
(frontend/operations/performance.graphql; HR's schemes, import, appeals and periods are in performance_admin).
Scores come exact from the API; they are shown to two decimal places rounded down, so a total shown as 90.00
really is at least 90 (the band edge)."""

from __future__ import annotations

import dataclasses
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import FieldError, refusal, text

SCORECARD = operation("Scorecard")
APPEAL_SCORECARD_LINE = operation("AppealScorecardLine")
PERFORMANCE_DEPARTMENTS = operation("PerformanceDepartments")
DEPARTMENT_SCORECARDS = operation("DepartmentScorecards")


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


def texts(node: dict[str, Any] | None) -> tuple[str, str]:
    node = node or {}
    return text(node.get("zh")), text(node.get("en"))


def parse_line(node: dict[str, Any]) -> ScorecardLine:
    indicator = node.get("indicator") or {}
    explanation_zh, explanation_en = texts(node.get("actualExplanation"))
    note_zh, note_en = texts(node.get("scoreNote"))
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
    explanation_zh, explanation_en = texts(node.get("explanation"))
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
        message_zh, message_en = texts(band.get("message"))
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
            messages_zh="；".join(texts(b.get("message"))[0] for b in outside),
            messages_en="; ".join(texts(b.get("message"))[1] for b in outside)))
    return tuple(sorted(rows, key=lambda r: (not r.outside_guide, r.code)))


async def fetch_calibration(token: str, period: str) -> tuple[CalibrationRow, ...]:
    data = await transport.execute(PERFORMANCE_CALIBRATION, {"period": period}, token=token)
    return parse_calibration(data["performanceCalibration"])
