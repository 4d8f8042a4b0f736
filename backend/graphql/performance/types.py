"""Performance types: indicators, schemes, scorecards with every line explained, distributions, appeals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

import strawberry

from backend.domain import performance as rules
from backend.domain.org import DepartmentKind
from backend.domain.performance_calibration import AppealStatus, BandCount, Distribution
from backend.graphql.ids import encode_id
from backend.graphql.org.types import DepartmentKindEnum, DepartmentType, EmployeeType, RegionType
from backend.graphql.scalars import DecimalNumber
from backend.persistence import models as m
from backend.services.scorecards import AppealRef, EmployeeScorecard

DirectionEnum = strawberry.enum(rules.Direction, name="IndicatorDirection",
                                description="HIGHER: score = 100 × actual / target; LOWER: 100 × target / actual.")
SourceEnum = strawberry.enum(rules.Source, name="IndicatorSource",
                             description="Where an indicator's actual comes from.")
SubjectEnum = strawberry.enum(rules.SubjectKind, name="MeasurementSubject")
RecordKindEnum = strawberry.enum(rules.RecordKind, name="ScorecardRecordKind")
AppealStatusEnum = strawberry.enum(AppealStatus, name="AppealStatus")


@strawberry.type(description="A sentence in Chinese and in English.")
class PerformanceText:
    zh: str
    en: str

    @classmethod
    def of(cls, text: rules.Text | None) -> PerformanceText | None:
        return None if text is None else cls(zh=text.zh, en=text.en)

    @classmethod
    def required(cls, text: rules.Text) -> PerformanceText:
        return cls(zh=text.zh, en=text.en)


@strawberry.type(name="PerformanceIndicator")
class IndicatorType:
    id: strawberry.ID
    code: str
    name_zh: str
    name_en: str
    unit: str
    direction: DirectionEnum  # type: ignore[valid-type]
    source: SourceEnum  # type: ignore[valid-type]

    @classmethod
    def from_model(cls, row: m.Indicator) -> IndicatorType:
        return cls(id=encode_id("PerformanceIndicator", row.id), code=row.code, name_zh=row.name_zh,
                   name_en=row.name_en, unit=row.unit, direction=row.direction, source=row.source)


@strawberry.type(description="An indicator as a scorecard line saw it (kept as it was when the period locked).")
class ScorecardIndicator:
    code: str
    name_zh: str
    name_en: str
    unit: str
    direction: DirectionEnum  # type: ignore[valid-type]
    source: SourceEnum  # type: ignore[valid-type]

    @classmethod
    def of(cls, indicator: rules.Indicator) -> ScorecardIndicator:
        return cls(code=indicator.code, name_zh=indicator.name_zh, name_en=indicator.name_en, unit=indicator.unit,
                   direction=indicator.direction, source=indicator.source)


@strawberry.type(name="PerformanceSchemeLine")
class SchemeLineType:
    indicator: IndicatorType
    weight: DecimalNumber  # type: ignore[valid-type]
    target: DecimalNumber  # type: ignore[valid-type]


@strawberry.type(name="PerformanceScheme", description="One published, immutable version of an assessment scheme.")
class SchemeType:
    id: strawberry.ID
    scheme_id: strawberry.ID
    version: int
    effective_from: str = strawberry.field(description='In force from this period ("YYYY-MM") until a later version.')
    name: str
    department: DepartmentType | None
    position: str | None = strawberry.field(description="null: every position (of the department)")
    kind: DepartmentKindEnum  # type: ignore[valid-type]
    rule_version: str
    note: str
    published_at: dt.datetime
    published_by: str
    lines: list[SchemeLineType]


@strawberry.type
class ScorecardRecord:
    """One record behind an actual. `id` opens it: a SupportRequest, Region, Project or PerformanceMeasurement."""

    kind: RecordKindEnum  # type: ignore[valid-type]
    id: strawberry.ID
    label: str
    value: DecimalNumber | None  # type: ignore[valid-type]
    weight: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="a linked region's support-link weight")
    note: str | None
    included: bool = strawberry.field(description="false: listed for transparency, not counted")


_RECORD_TYPES = {rules.RecordKind.MEASUREMENT: "PerformanceMeasurement", rules.RecordKind.REGION: "Region",
                 rules.RecordKind.SUPPORT_REQUEST: "SupportRequest", rules.RecordKind.PROJECT: "Project"}


@strawberry.type
class ScorecardAdjustment:
    appeal_id: strawberry.ID
    reason: str = strawberry.field(description="the employee's reason for the appeal")
    decision: str = strawberry.field(description="HR's reason for the adjustment")
    decided_by: str
    decided_at: dt.datetime
    adjusted_actual: DecimalNumber | None  # type: ignore[valid-type]
    adjusted_score: DecimalNumber | None  # type: ignore[valid-type]


@strawberry.type(name="PerformanceAppealSummary", description="An appeal of this line and where it stands.")
class AppealSummary:
    id: strawberry.ID
    status: AppealStatusEnum  # type: ignore[valid-type]
    reason: str
    submitted_at: dt.datetime
    response: str | None
    decided_at: dt.datetime | None
    decided_by: str | None

    @classmethod
    def of(cls, ref: AppealRef) -> AppealSummary:
        return cls(id=encode_id("PerformanceAppeal", ref.id), status=ref.status, reason=ref.reason,
                   submitted_at=ref.submitted_at, response=ref.response, decided_at=ref.decided_at,
                   decided_by=ref.decided_by)


@strawberry.type(description="One line: indicator, weight, target, actual, score, and where the actual came from.")
class ScorecardLine:
    indicator: ScorecardIndicator
    weight: DecimalNumber  # type: ignore[valid-type]
    target: DecimalNumber  # type: ignore[valid-type]
    actual: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="null: no data this period (the line is not scored; its weight is shared by the others)")
    actual_level: SubjectEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="for a recorded value: whether it is the employee's own, their department's or region's")
    actual_explanation: PerformanceText
    records: list[ScorecardRecord]
    scored: bool
    score: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="exact; in [0, cap]; after an accepted appeal's adjustment")
    score_formula: str | None
    capped: bool
    score_note: PerformanceText | None = strawberry.field(description="a cap, a zero actual, an adjustment …")
    computed_score: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="the score before any adjustment")
    effective_weight: DecimalNumber  # type: ignore[valid-type]
    contribution: DecimalNumber = strawberry.field(  # type: ignore[valid-type]
        description="effective weight × score / 100; the lines' contributions add up to the total")
    adjustment: ScorecardAdjustment | None
    appeal: AppealSummary | None

    @classmethod
    def of(cls, line: rules.ScoredLine, appeal: AppealRef | None) -> ScorecardLine:
        score, adjustment = line.score, line.adjustment
        return cls(
            indicator=ScorecardIndicator.of(line.indicator), weight=line.weight, target=line.target,
            actual=line.actual.value, actual_level=line.actual.level,
            actual_explanation=PerformanceText.required(line.actual.explanation),
            records=[ScorecardRecord(kind=r.kind, id=encode_id(_RECORD_TYPES[r.kind], r.id), label=r.label,
                                     value=r.value, weight=r.weight, note=r.note, included=r.included)
                     for r in line.actual.records],
            scored=score is not None, score=score.value if score else None,
            score_formula=score.formula if score else None, capped=bool(score and score.capped),
            score_note=PerformanceText.of(score.note) if score else None,
            computed_score=line.computed.value if line.computed else None, effective_weight=line.effective_weight,
            contribution=line.contribution,
            adjustment=None if adjustment is None else ScorecardAdjustment(
                appeal_id=encode_id("PerformanceAppeal", adjustment.appeal_id), reason=adjustment.reason,
                decision=adjustment.decision, decided_by=adjustment.decided_by, decided_at=adjustment.decided_at,
                adjusted_actual=adjustment.adjusted_actual, adjusted_score=adjustment.adjusted_score),
            appeal=AppealSummary.of(appeal) if appeal else None)


@strawberry.type(name="ScorecardCoefficientBand",
                 description="A score band of the rule set: a total of at least minScore earns the coefficient.")
class CoefficientBandType:
    min_score: DecimalNumber  # type: ignore[valid-type]
    coefficient: DecimalNumber  # type: ignore[valid-type]


@strawberry.type(name="ScorecardScheme")
class ScorecardSchemeRef:
    id: strawberry.ID
    name: str
    version: int
    effective_from: str


@strawberry.enum(description="SCORED: every line had data; INCOMPLETE: some lines had none (their weight was "
                             "shared); NOT_SCORED: no line had data; NO_SCHEME: no scheme applies.")
class ScorecardStatus(str, Enum):
    SCORED = "SCORED"
    INCOMPLETE = "INCOMPLETE"
    NOT_SCORED = "NOT_SCORED"
    NO_SCHEME = "NO_SCHEME"


@strawberry.type(name="Scorecard",
                 description="An employee's scorecard for a period: computed live until the period is locked, "
                             "then frozen. Everything needed to redo it by hand is here.")
class ScorecardType:
    period: str
    employee: EmployeeType | None
    employee_no: str
    name: str
    department: DepartmentType = strawberry.field(description="the department they were assessed in")
    position: str
    region: RegionType | None
    status: ScorecardStatus
    scheme: ScorecardSchemeRef | None
    lines: list[ScorecardLine]
    total: DecimalNumber | None  # type: ignore[valid-type]
    band: CoefficientBandType | None
    coefficient: DecimalNumber | None  # type: ignore[valid-type]
    explanation: PerformanceText
    unscored: list[str] = strawberry.field(description="codes of the lines without data this period")
    frozen: bool
    locked_at: dt.datetime | None
    rule_version: str
    appeals: list[AppealSummary]

    @classmethod
    def of(cls, card: EmployeeScorecard, employee: EmployeeType | None) -> ScorecardType:
        person, scored = card.person, card.card
        kind = DepartmentKind(person.kind)
        department = DepartmentType.of(person.department_id, person.department_code, person.department_name, kind)
        region = None if person.region_id is None else RegionType.of(person.region_id, person.region_code or "",
                                                                     person.region_name or "")
        by_code = {a.indicator_code: a for a in card.appeals}
        if scored is None:
            status = ScorecardStatus.NO_SCHEME
            where = f"{person.department_name} / {person.position}"
            explanation = rules.Text(zh=f"{card.period} 没有适用于 {where} 的考核方案",
                                     en=f"no scheme applies to {person.department_name} / {person.position} in "
                                        f"{card.period}")
        else:
            explanation = scored.explanation
            status = (ScorecardStatus.NOT_SCORED if scored.total is None else
                      ScorecardStatus.SCORED if scored.complete else ScorecardStatus.INCOMPLETE)
        scheme = card.scheme
        return cls(
            period=card.period, employee=employee, employee_no=person.employee_no, name=person.name,
            department=department, position=person.position, region=region, status=status,
            scheme=None if scheme is None else ScorecardSchemeRef(
                id=encode_id("PerformanceScheme", scheme.version_id), name=scheme.name, version=scheme.version,
                effective_from=scheme.effective_from),
            lines=[ScorecardLine.of(line, by_code.get(line.indicator.code)) for line in scored.lines] if scored else [],
            total=scored.total if scored else None,
            band=CoefficientBandType(min_score=scored.band.min_score, coefficient=scored.band.coefficient)
            if scored and scored.band else None,
            coefficient=scored.coefficient if scored else None, explanation=PerformanceText.required(explanation),
            unscored=list(scored.unscored) if scored else [], frozen=card.frozen, locked_at=card.locked_at,
            rule_version=card.rule_version, appeals=[AppealSummary.of(a) for a in card.appeals])


# --- department views and calibration ----------------------------------------------------------------------


@strawberry.type
class ScorecardBand:
    min_score: DecimalNumber  # type: ignore[valid-type]
    coefficient: DecimalNumber  # type: ignore[valid-type]
    count: int
    share: DecimalNumber | None  # type: ignore[valid-type]
    max_share: DecimalNumber | None = strawberry.field(description="the guide's maximum share")  # type: ignore[valid-type]
    min_share: DecimalNumber | None = strawberry.field(description="the guide's minimum share")  # type: ignore[valid-type]
    over_by: int
    under_by: int
    outside_guide: bool
    message: PerformanceText | None

    @classmethod
    def of(cls, band: BandCount) -> ScorecardBand:
        guide = band.guide
        return cls(min_score=band.band.min_score, coefficient=band.band.coefficient, count=band.count,
                   share=band.share, max_share=guide.max_share if guide else None,
                   min_share=guide.min_share if guide else None, over_by=band.over_by, under_by=band.under_by,
                   outside_guide=band.outside_guide, message=PerformanceText.of(band.message))


@strawberry.type(description="How the scored members fall into the coefficient bands, against the guide.")
class ScoreDistribution:
    assessed: int
    mean: DecimalNumber | None  # type: ignore[valid-type]
    outside_guide: bool
    guide_is_default: bool = strawberry.field(description="the organisation-wide guide applies")
    bands: list[ScorecardBand]

    @classmethod
    def of(cls, distribution: Distribution, guide_is_default: bool) -> ScoreDistribution:
        return cls(assessed=distribution.assessed, mean=distribution.mean, outside_guide=distribution.outside_guide,
                   guide_is_default=guide_is_default, bands=[ScorecardBand.of(b) for b in distribution.bands])


@strawberry.type
class RankedScorecard:
    rank: int | None = strawberry.field(description="1 = best; equal totals share a rank; null when not scored")
    scorecard: ScorecardType


@strawberry.type
class DepartmentScorecards:
    department: DepartmentType
    period: str
    frozen: bool
    members: list[RankedScorecard]
    distribution: ScoreDistribution


@strawberry.type
class DepartmentCalibration:
    department: DepartmentType
    distribution: ScoreDistribution


@strawberry.type
class PerformanceCalibration:
    period: str
    departments: list[DepartmentCalibration]
    outside_guide: list[DepartmentCalibration] = strawberry.field(description="the departments outside their guide")


# --- appeals, measurements, periods, guides ----------------------------------------------------------------


@strawberry.type(name="PerformanceAppeal")
class AppealType:
    id: strawberry.ID
    employee: EmployeeType | None
    period: str
    indicator: IndicatorType
    reason: str
    status: AppealStatusEnum  # type: ignore[valid-type]
    submitted_at: dt.datetime
    actual_at_appeal: DecimalNumber | None  # type: ignore[valid-type]
    score_at_appeal: DecimalNumber | None  # type: ignore[valid-type]
    decided_at: dt.datetime | None
    decided_by: str | None
    response: str | None
    adjusted_actual: DecimalNumber | None  # type: ignore[valid-type]
    adjusted_score: DecimalNumber | None  # type: ignore[valid-type]

    @classmethod
    def from_model(cls, row: m.Appeal, indicator: m.Indicator, employee: EmployeeType | None) -> AppealType:
        at_appeal = row.line_at_appeal or {}
        return cls(
            id=encode_id("PerformanceAppeal", row.id), employee=employee, period=row.period,
            indicator=IndicatorType.from_model(indicator), reason=row.reason, status=row.status,
            submitted_at=row.submitted_at, actual_at_appeal=_decimal(at_appeal.get("actual")),
            score_at_appeal=_decimal(at_appeal.get("score")), decided_at=row.decided_at,
            decided_by=row.decided_by_label, response=row.response,
            adjusted_actual=None if row.adjusted_actual is None else Decimal(row.adjusted_actual),
            adjusted_score=None if row.adjusted_score is None else Decimal(row.adjusted_score))


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@strawberry.type(name="PerformanceMeasurement")
class MeasurementType:
    id: strawberry.ID
    indicator_code: str
    period: str
    subject: SubjectEnum  # type: ignore[valid-type]
    subject_id: strawberry.ID
    value: DecimalNumber  # type: ignore[valid-type]
    note: str | None
    origin: str = strawberry.field(description='"entry", or "import:<n>" for the import that wrote it')
    recorded_by: str
    recorded_at: dt.datetime

    @classmethod
    def from_model(cls, row: m.Measurement, indicator_code: str) -> MeasurementType:
        kind = rules.SubjectKind(row.subject_kind)
        type_name = {rules.SubjectKind.EMPLOYEE: "Employee", rules.SubjectKind.DEPARTMENT: "Department",
                     rules.SubjectKind.REGION: "Region"}[kind]
        return cls(id=encode_id("PerformanceMeasurement", row.id), indicator_code=indicator_code, period=row.period,
                   subject=kind, subject_id=encode_id(type_name, row.subject_id), value=Decimal(row.value),
                   note=row.note, origin=row.origin, recorded_by=row.recorded_by, recorded_at=row.recorded_at)


@strawberry.type(name="PerformancePeriod")
class PeriodType:
    period: str
    locked: bool
    locked_at: dt.datetime | None
    locked_by: str | None
    rule_version: str | None
    scorecards: int

    @classmethod
    def from_model(cls, row: m.PerformancePeriod) -> PeriodType:
        return cls(period=row.period, locked=row.locked_at is not None, locked_at=row.locked_at,
                   locked_by=row.locked_by, rule_version=row.rule_version, scorecards=row.scorecards)


@strawberry.type
class GuideBand:
    min_score: DecimalNumber  # type: ignore[valid-type]
    max_share: DecimalNumber | None  # type: ignore[valid-type]
    min_share: DecimalNumber | None  # type: ignore[valid-type]


@strawberry.type
class DistributionGuide:
    department: DepartmentType | None = strawberry.field(description="null: the default for every department")
    bands: list[GuideBand]
