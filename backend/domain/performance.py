"""Performance assessment (SPEC §4): indicators, schemes and their guardrails, indicator scores, the scorecard
total and the performance coefficient.

Pure: no ORM, no GraphQL. Every parameter comes from a `RuleSet`; a scorecard names the version it used and keeps
every line's inputs, so the person assessed can redo each figure by hand. Scores keep full precision (SPEC §9);
bands are judged on the exact total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from enum import Enum

from backend.domain.access import Scope, Viewer, ViewerKind
from backend.domain.errors import ValidationError
from backend.domain.org import DepartmentKind, Role, clean_code, clean_period, clean_text
from backend.domain.rules import CoefficientBand, RuleSet

HUNDRED = Decimal(100)
ZERO = Decimal(0)
MAX_LINES = 20
MAX_TARGET = Decimal("1000000000")
MAX_UNIT_LENGTH = 16


class Direction(str, Enum):
    HIGHER = "HIGHER"  # higher is better: score = 100 × actual / target
    LOWER = "LOWER"  # lower is better: score = 100 × target / actual


class Source(str, Enum):
    MANUAL = "MANUAL"  # values entered or imported (per employee, department or region)
    SUPPORT_SATISFACTION = "SUPPORT_SATISFACTION"  # backend: frontline ratings of the requests they resolved
    SUPPORT_SLA_RATE = "SUPPORT_SLA_RATE"  # backend: share of their resolved requests within the resolution SLA
    SUPPORT_UTILISATION = "SUPPORT_UTILISATION"  # frontline: how well they use the backend (SPEC §4)
    LINKED_REGION = "LINKED_REGION"  # a region metric, pulled through support links (backend) or own region
    PROJECT_ATTAINMENT = "PROJECT_ATTAINMENT"  # goal attainment of the projects they closed in the period


# Values HR records or imports; the others are computed from support requests and projects.
RECORDED_SOURCES = frozenset({Source.MANUAL, Source.LINKED_REGION})
# Sources that only make sense on one side of the triangle.
BACKEND_ONLY = frozenset({Source.SUPPORT_SATISFACTION, Source.SUPPORT_SLA_RATE})
FRONTLINE_ONLY = frozenset({Source.SUPPORT_UTILISATION})


class SubjectKind(str, Enum):
    """Whom a recorded value is about."""

    EMPLOYEE = "EMPLOYEE"
    DEPARTMENT = "DEPARTMENT"
    REGION = "REGION"


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence in both languages of the app; partners pick the one they show."""

    zh: str
    en: str


FIRST_YEAR, LAST_YEAR = 2000, 2099


def assessment_period(value: str, *, field: str = "period") -> str:
    """A month written YYYY-MM within a plausible range (a period in year 0 or 9999 is a typing error)."""
    period = clean_period(value, field=field)
    if not FIRST_YEAR <= int(period[:4]) <= LAST_YEAR:
        raise ValidationError(f"{field} must be a month between {FIRST_YEAR}-01 and {LAST_YEAR}-12", field=field)
    return period


# --- who may see what --------------------------------------------------------------------------------------


def can_read_rules(viewer: Viewer) -> bool:
    """Indicators and schemes are rules: every employee reads them (SPEC §7), as do read:performance partners."""
    return viewer.is_employee or viewer.kind is ViewerKind.SYSTEM or viewer.has_scope(Scope.READ_PERFORMANCE)


def can_read_all_scorecards(viewer: Viewer) -> bool:
    return viewer.is_hr or viewer.has_scope(Scope.READ_PERFORMANCE)


def can_read_department(viewer: Viewer, department_id: int) -> bool:
    """A department's scorecards: its managers, HR, read:performance partners."""
    return can_read_all_scorecards(viewer) or (viewer.has_role(Role.MANAGER) and viewer.department_id == department_id)


def can_read_scorecard(viewer: Viewer, *, employee_id: int, department_id: int) -> bool:
    """The person themself, the managers of the department they were assessed in, HR, read:performance partners."""
    return viewer.employee_id == employee_id or can_read_department(viewer, department_id)


# --- indicators --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    unit: str
    direction: Direction
    source: Source


def clean_indicator(*, code: str, name_zh: str, name_en: str, unit: str, direction: Direction,
                    source: Source) -> Indicator:
    return Indicator(code=clean_code(code, field="code"), name_zh=clean_text(name_zh, field="nameZh"),
                     name_en=clean_text(name_en, field="nameEn"),
                     unit=clean_text(unit, field="unit", max_length=MAX_UNIT_LENGTH, required=False),
                     direction=direction, source=source)


def check_subject(indicator: Indicator, subject: SubjectKind) -> None:
    """Which values may be recorded for an indicator: computed ones never; region metrics per region only."""
    if indicator.source not in RECORDED_SOURCES:
        raise ValidationError(f"{indicator.code} is computed from {_source_words(indicator.source)}; "
                              "its values cannot be recorded", field="indicatorCode")
    if indicator.source is Source.LINKED_REGION and subject is not SubjectKind.REGION:
        raise ValidationError(f"{indicator.code} is a region metric: record it for a region", field="regionCode")


def _source_words(source: Source) -> str:
    return "projects" if source is Source.PROJECT_ATTAINMENT else "support requests"


# --- schemes and their guardrails --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchemeLine:
    indicator: Indicator
    weight: Decimal  # percentage points; the lines of a scheme sum to 100
    target: Decimal


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def clean_weight(value: Decimal, *, field: str) -> Decimal:
    if not value.is_finite() or not ZERO < value <= HUNDRED or _places(value) > 2:
        raise ValidationError("a weight is a number above 0 and up to 100, with at most 2 decimal places",
                              field=field)
    return value


def clean_target(value: Decimal, *, field: str) -> Decimal:
    # A zero target would make every higher-is-better score infinite: targets are positive.
    if not value.is_finite() or not ZERO < value < MAX_TARGET or _places(value) > 4:
        raise ValidationError("a target is a positive number with at most 4 decimal places", field=field)
    return value


def check_scheme(lines: Sequence[SchemeLine], *, kind: DepartmentKind, rules: RuleSet) -> list[SchemeLine]:
    """Refuse a scheme that breaks a rule: the error names the line (`lines.N.weight`) and the guardrail."""
    if not lines:
        raise ValidationError("a scheme needs at least one indicator", field="lines")
    if len(lines) > MAX_LINES:
        raise ValidationError(f"a scheme has at most {MAX_LINES} indicators", field="lines")
    seen: set[str] = set()
    for index, line in enumerate(lines):
        clean_weight(line.weight, field=f"lines.{index}.weight")
        clean_target(line.target, field=f"lines.{index}.target")
        code = line.indicator.code
        if code in seen:
            raise ValidationError(f"{code} appears twice; each indicator once per scheme",
                                  field=f"lines.{index}.indicatorCode")
        seen.add(code)
        source = line.indicator.source
        if kind is DepartmentKind.FRONTLINE and source in BACKEND_ONLY:
            raise ValidationError(f"{code} ({source.value}) measures backend work; a frontline scheme cannot use "
                                  "it", field=f"lines.{index}.indicatorCode")
        if kind is DepartmentKind.BACKEND and source in FRONTLINE_ONLY:
            raise ValidationError(f"{code} ({source.value}) measures frontline staff; a backend scheme cannot use "
                                  "it", field=f"lines.{index}.indicatorCode")
    total = sum((line.weight for line in lines), ZERO)
    if total != HUNDRED:
        raise ValidationError(f"the weights sum to {plain(total)}; they must sum to 100", field="lines")
    _check_guardrail(lines, kind=kind, rules=rules)
    return list(lines)


def _check_guardrail(lines: Sequence[SchemeLine], *, kind: DepartmentKind, rules: RuleSet) -> None:
    if kind is DepartmentKind.BACKEND:
        source, bounds = Source.SUPPORT_SATISFACTION, rules.backend_satisfaction_weight
        name = "backend schemes give frontline satisfaction (SUPPORT_SATISFACTION)"
    else:
        source, bounds = Source.SUPPORT_UTILISATION, rules.frontline_utilisation_weight
        name = "frontline schemes give support utilisation (SUPPORT_UTILISATION)"
    chosen = [(index, line) for index, line in enumerate(lines) if line.indicator.source is source]
    weight = sum((line.weight for _, line in chosen), ZERO)
    if bounds.contains(weight):
        return
    where = f"lines.{chosen[0][0]}.weight" if len(chosen) == 1 else "lines"
    found = f"this scheme gives {plain(weight)}" if chosen else "this scheme has no such indicator"
    raise ValidationError(f"guardrail: {name} a weight in [{plain(bounds.low)}, {plain(bounds.high)}] "
                          f"(rule set {rules.version}); {found}", field=where)


# --- indicator scores --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineScore:
    value: Decimal  # in [0, cap]
    capped: bool
    formula: str
    note: Text | None = None


def plain(value: Decimal) -> str:
    """A number as people write it: no exponent, no trailing zeros."""
    text = f"{value.normalize():f}"
    return text


def shown(value: Decimal, places: int = 2) -> str:
    """A figure in an explanation: `places` decimals, rounded down, as the web app shows it — so a total shown as
    90.00 really reaches the band that starts at 90."""
    return plain(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN))


def indicator_score(actual: Decimal, target: Decimal, direction: Direction, rules: RuleSet) -> LineScore:
    """min(cap, 100 × actual / target), or min(cap, 100 × target / actual) when lower is better; never below 0.

    A lower-is-better actual of 0 (or less) cannot be divided by: it is the best possible result and scores the
    cap, and the line says so.
    """
    cap = rules.performance_score_cap
    if target <= 0:
        raise ValidationError("a target must be positive", field="target")
    if direction is Direction.HIGHER:
        raw = HUNDRED * actual / target
        formula = f"min({plain(cap)}, 100 × {plain(actual)} / {plain(target)})"
    else:
        if actual <= 0:
            return LineScore(value=cap, capped=True, formula=f"{plain(cap)} (cap)", note=Text(
                zh=f"越低越好的指标实际值为 {plain(actual)}：无法相除，视为最佳结果，按上限 {plain(cap)} 计分",
                en=f"a lower-is-better actual of {plain(actual)} cannot be divided by: it is the best possible "
                   f"result and scores the cap, {plain(cap)}"))
        raw = HUNDRED * target / actual
        formula = f"min({plain(cap)}, 100 × {plain(target)} / {plain(actual)})"
    if raw < 0:
        return LineScore(value=ZERO, capped=False, formula=f"max(0, {formula})", note=Text(
            zh="实际值为负，得分按 0 计", en="a negative actual scores 0"))
    if raw > cap:
        return LineScore(value=cap, capped=True, formula=formula, note=Text(
            zh=f"按比例为 {shown(raw)}，超过上限，按 {plain(cap)} 计", en=f"the ratio gives {shown(raw)}, above the "
                                                                         f"cap: scored {plain(cap)}"))
    return LineScore(value=raw, capped=False, formula=formula)


def check_adjusted_score(value: Decimal, rules: RuleSet) -> Decimal:
    if not value.is_finite() or not ZERO <= value <= rules.performance_score_cap or _places(value) > 4:
        raise ValidationError(f"an adjusted score is between 0 and {plain(rules.performance_score_cap)} "
                              "(at most 4 decimal places)", field="adjustedScore")
    return value


# --- where an actual came from -----------------------------------------------------------------------------


class RecordKind(str, Enum):
    MEASUREMENT = "MEASUREMENT"
    SUPPORT_REQUEST = "SUPPORT_REQUEST"
    REGION = "REGION"
    PROJECT = "PROJECT"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One record behind an actual: a recorded value, a support request, a linked region, a project."""

    kind: RecordKind
    id: int
    label: str
    value: Decimal | None = None
    weight: Decimal | None = None  # a linked region's support-link weight
    note: str | None = None  # what about this record counted (late handoff, unrated, SLA met …)
    included: bool = True  # False: listed for transparency, but not counted (no value, unrated …)


@dataclass(frozen=True, slots=True)
class Actual:
    value: Decimal | None  # None: nothing to score this period
    explanation: Text
    records: tuple[SourceRecord, ...] = ()
    level: SubjectKind | None = None  # for a recorded value: employee, department or region level


# --- the scorecard -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A decided appeal that changed a line: a corrected actual or a score set by HR, with the reasons."""

    appeal_id: int
    reason: str  # the employee's
    decision: str  # HR's
    decided_by: str
    decided_at: datetime
    adjusted_actual: Decimal | None = None
    adjusted_score: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LineInput:
    line: SchemeLine
    actual: Actual
    adjustment: Adjustment | None = None


@dataclass(frozen=True, slots=True)
class ScoredLine:
    indicator: Indicator
    weight: Decimal
    target: Decimal
    actual: Actual
    score: LineScore | None  # None: not scored (no actual)
    computed: LineScore | None  # the score before an adjustment (same as `score` without one)
    adjustment: Adjustment | None
    effective_weight: Decimal  # the weight after re-spreading unscored lines' weights; 0 when not scored
    contribution: Decimal  # effective weight × score / 100


@dataclass(frozen=True, slots=True)
class Scorecard:
    lines: tuple[ScoredLine, ...]
    total: Decimal | None  # None: no line could be scored
    band: CoefficientBand | None
    coefficient: Decimal | None
    rule_version: str
    explanation: Text

    @property
    def unscored(self) -> tuple[str, ...]:
        return tuple(line.indicator.code for line in self.lines if line.score is None)

    @property
    def complete(self) -> bool:
        return bool(self.lines) and not self.unscored


def band_for(total: Decimal, rules: RuleSet) -> CoefficientBand:
    """The first band (highest first) whose minimum the total reaches; an edge score belongs to the higher band."""
    for band in rules.performance_coefficient_bands:
        if total >= band.min_score:
            return band
    return rules.performance_coefficient_bands[-1]


def _line_score(item: LineInput, rules: RuleSet) -> tuple[LineScore | None, LineScore | None]:
    line = item.line
    computed = None
    if item.actual.value is not None:
        computed = indicator_score(item.actual.value, line.target, line.indicator.direction, rules)
    adjustment = item.adjustment
    if adjustment is None:
        return computed, computed
    if adjustment.adjusted_score is not None:
        return LineScore(value=adjustment.adjusted_score, capped=False,
                         formula=f"{plain(adjustment.adjusted_score)} (set on appeal #{adjustment.appeal_id})",
                         note=Text(zh=f"申诉 #{adjustment.appeal_id} 调整：{adjustment.decision}",
                                   en=f"adjusted on appeal #{adjustment.appeal_id}: {adjustment.decision}")), computed
    if adjustment.adjusted_actual is not None:
        rescored = indicator_score(adjustment.adjusted_actual, line.target, line.indicator.direction, rules)
        corrected = plain(adjustment.adjusted_actual)
        note = Text(zh=f"申诉 #{adjustment.appeal_id} 更正实际值为 {corrected}：{adjustment.decision}",
                    en=f"actual corrected to {plain(adjustment.adjusted_actual)} on appeal "
                       f"#{adjustment.appeal_id}: {adjustment.decision}")
        if rescored.note is not None:
            note = Text(zh=f"{note.zh}；{rescored.note.zh}", en=f"{note.en}; {rescored.note.en}")
        return LineScore(value=rescored.value, capped=rescored.capped, formula=rescored.formula, note=note), computed
    return computed, computed


def score_card(items: Sequence[LineInput], rules: RuleSet) -> Scorecard:
    """Σ weight × score / 100 over the scored lines. A line with no actual this period is not scored and its
    weight is shared among the scored lines in proportion to theirs, so the weights still make 100."""
    scores = [_line_score(item, rules) for item in items]
    scored_weight = sum((item.line.weight for item, (score, _) in zip(items, scores, strict=True)
                         if score is not None), ZERO)
    lines: list[ScoredLine] = []
    for item, (score, computed) in zip(items, scores, strict=True):
        effective = item.line.weight * HUNDRED / scored_weight if score is not None and scored_weight else ZERO
        lines.append(ScoredLine(
            indicator=item.line.indicator, weight=item.line.weight, target=item.line.target, actual=item.actual,
            score=score, computed=computed, adjustment=item.adjustment, effective_weight=effective,
            contribution=effective * score.value / HUNDRED if score is not None else ZERO))
    if not scored_weight:
        return Scorecard(lines=tuple(lines), total=None, band=None, coefficient=None, rule_version=rules.version,
                         explanation=Text(zh="本期没有可计分的指标：不计总分和系数",
                                          en="no line could be scored this period: no total and no coefficient"))
    total = sum((line.contribution for line in lines), ZERO)
    band = band_for(total, rules)
    return Scorecard(lines=tuple(lines), total=total, band=band, coefficient=band.coefficient,
                     rule_version=rules.version, explanation=_total_explanation(lines, total, band, scored_weight))


def _total_explanation(lines: Sequence[ScoredLine], total: Decimal, band: CoefficientBand,
                       scored_weight: Decimal) -> Text:
    terms = " + ".join(f"{plain(line.weight)} × {shown(line.score.value)}" for line in lines if line.score)
    formula = f"({terms}) / {plain(scored_weight)}"
    band_zh = f"总分 ≥ {plain(band.min_score)}，绩效系数 {plain(band.coefficient)}"
    band_en = f"a total of at least {plain(band.min_score)} earns a coefficient of {plain(band.coefficient)}"
    if scored_weight == HUNDRED:
        return Text(zh=f"总分 = Σ 权重 × 得分 / 100 = {formula} = {shown(total)}；{band_zh}",
                    en=f"total = Σ weight × score / 100 = {formula} = {shown(total)}; {band_en}")
    missing = [line.indicator.code for line in lines if line.score is None]
    return Text(
        zh=f"总分 = Σ 权重 × 得分 / 已计分权重 = {formula} = {shown(total)}（{'、'.join(missing)} 本期无数据，"
           f"其权重按比例分摊到其他指标）；{band_zh}",
        en=f"total = Σ weight × score / weight scored = {formula} = {shown(total)} ({', '.join(missing)} had no "
           f"data this period: their weight is shared among the other lines in proportion); {band_en}")


def coefficient_explanation(card: Scorecard) -> Text:
    if card.total is None or card.band is None:
        return card.explanation
    return Text(zh=f"绩效总分 {shown(card.total)}：{plain(card.band.coefficient)}（规则版本 {card.rule_version}）",
                en=f"scorecard total {shown(card.total)}: coefficient {plain(card.band.coefficient)} "
                   f"(rule set {card.rule_version})")
