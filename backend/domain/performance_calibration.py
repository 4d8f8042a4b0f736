"""Calibration and appeals (SPEC §4): distribution guides per department, ranking, and appeal decisions.

Pure. A distribution guide caps (or floors) the share of a department's assessed members in a coefficient band,
as SOE forced-distribution practice does ("at most 20 % in the top band"); the report says where a department
is outside it and by how many people.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from backend.domain.errors import DomainError, ErrorCode, PermissionDenied, ValidationError
from backend.domain.org import clean_text
from backend.domain.performance import Text, band_for, check_adjusted_score
from backend.domain.rules import CoefficientBand, RuleSet

MAX_REASON = 2000
ONE = Decimal(1)
ZERO = Decimal(0)


def _p(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _percent(share: Decimal) -> str:
    return _p((share * 100).quantize(Decimal("0.1")))


# --- distribution guides -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GuideLine:
    """For the band starting at `min_score`: at most `max_share` and at least `min_share` of assessed members."""

    min_score: Decimal
    max_share: Decimal | None = None
    min_share: Decimal | None = None


def _share(value: Decimal | None, *, field: str) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or not ZERO <= value <= ONE or value != value.quantize(Decimal("0.0001")):
        raise ValidationError("a share is between 0 and 1 (e.g. 0.2 for 20 %), at most 4 decimal places",
                              field=field)
    return value


def clean_guide(lines: Sequence[GuideLine], rules: RuleSet) -> list[GuideLine]:
    bands = {band.min_score for band in rules.performance_coefficient_bands}
    seen: set[Decimal] = set()
    cleaned = []
    for index, line in enumerate(lines):
        if line.min_score not in bands:
            listed = ", ".join(_p(b) for b in sorted(bands, reverse=True))
            raise ValidationError(f"{_p(line.min_score)} does not start a coefficient band of rule set "
                                  f"{rules.version} (bands start at {listed})", field=f"bands.{index}.minScore")
        if line.min_score in seen:
            raise ValidationError("each band once", field=f"bands.{index}.minScore")
        seen.add(line.min_score)
        high = _share(line.max_share, field=f"bands.{index}.maxShare")
        low = _share(line.min_share, field=f"bands.{index}.minShare")
        if high is None and low is None:
            raise ValidationError("give a maximum share, a minimum share or both", field=f"bands.{index}")
        if high is not None and low is not None and low > high:
            raise ValidationError("the minimum share is above the maximum", field=f"bands.{index}.minShare")
        cleaned.append(GuideLine(min_score=line.min_score, max_share=high, min_share=low))
    return sorted(cleaned, key=lambda g: -g.min_score)


@dataclass(frozen=True, slots=True)
class BandCount:
    band: CoefficientBand
    count: int
    share: Decimal | None  # of the assessed members; None when nobody was assessed
    guide: GuideLine | None
    over_by: int  # people above the guide's maximum
    under_by: int  # people missing to reach the guide's minimum
    message: Text | None

    @property
    def outside_guide(self) -> bool:
        return self.over_by > 0 or self.under_by > 0


@dataclass(frozen=True, slots=True)
class Distribution:
    assessed: int
    bands: tuple[BandCount, ...]
    mean: Decimal | None

    @property
    def outside_guide(self) -> bool:
        return any(band.outside_guide for band in self.bands)


def distribution(totals: Sequence[Decimal], rules: RuleSet, guide: Sequence[GuideLine] = ()) -> Distribution:
    """How many assessed members fall in each band, against the guide. A maximum of 20 % of 12 people allows 2
    (rounded down); a minimum of 10 % of 12 needs 2 (rounded up)."""
    by_band = {band.min_score: 0 for band in rules.performance_coefficient_bands}
    for total in totals:
        by_band[band_for(total, rules).min_score] += 1
    guides = {g.min_score: g for g in guide}
    assessed = len(totals)
    counts = []
    for band in rules.performance_coefficient_bands:
        count = by_band[band.min_score]
        line = guides.get(band.min_score)
        share = Decimal(count) / assessed if assessed else None
        over = under = 0
        message = None
        if line is not None and assessed:
            if line.max_share is not None:
                allowed = math.floor(line.max_share * assessed)
                over = max(0, count - allowed)
            if line.min_share is not None:
                needed = math.ceil(line.min_share * assessed)
                under = max(0, needed - count)
            message = _guide_message(band, count, assessed, line, over, under)
        counts.append(BandCount(band=band, count=count, share=share, guide=line, over_by=over, under_by=under,
                                message=message))
    mean = sum(totals, ZERO) / assessed if assessed else None
    return Distribution(assessed=assessed, bands=tuple(counts), mean=mean)


def _guide_message(band: CoefficientBand, count: int, assessed: int, line: GuideLine, over: int,
                   under: int) -> Text | None:
    if not over and not under:
        return None
    where_zh = f"总分 ≥ {_p(band.min_score)}（系数 {_p(band.coefficient)}）"
    where_en = f"scoring ≥ {_p(band.min_score)} (coefficient {_p(band.coefficient)})"
    if over and line.max_share is not None:
        return Text(zh=f"{where_zh}有 {count}/{assessed} 人，指导比例至多 {_percent(line.max_share)}%：超出 {over} 人",
                    en=f"{count} of {assessed} {where_en}; the guide allows at most {_percent(line.max_share)} %: "
                       f"{over} over")
    assert line.min_share is not None
    return Text(zh=f"{where_zh}有 {count}/{assessed} 人，指导比例至少 {_percent(line.min_share)}%：尚差 {under} 人",
                en=f"{count} of {assessed} {where_en}; the guide asks for at least {_percent(line.min_share)} %: "
                   f"{under} short")


def ranks(totals: Sequence[tuple[str, Decimal | None]]) -> dict[str, int | None]:
    """Competition ranking by total, highest first (1, 2, 2, 4); equal totals share a rank; unscored: None.
    `totals` pairs employee numbers with totals."""
    ordered = sorted(((no, t) for no, t in totals if t is not None), key=lambda item: (-item[1], item[0]))
    result: dict[str, int | None] = {no: None for no, t in totals if t is None}
    previous: Decimal | None = None
    rank = 0
    for position, (no, total) in enumerate(ordered, start=1):
        if total != previous:
            rank = position
            previous = total
        result[no] = rank
    return result


# --- appeals -----------------------------------------------------------------------------------------------


class AppealStatus(str, Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"


class InvalidTransition(DomainError):
    code = ErrorCode.INVALID_TRANSITION


def clean_reason(value: str, *, field: str = "reason") -> str:
    return clean_text(value, field=field, max_length=MAX_REASON)


@dataclass(frozen=True, slots=True)
class Decision:
    status: AppealStatus
    response: str
    adjusted_actual: Decimal | None = None
    adjusted_score: Decimal | None = None


def decide(*, current: AppealStatus, accept: bool, response: str, adjusted_actual: Decimal | None,
           adjusted_score: Decimal | None, decider_id: int | None, appellant_id: int, rules: RuleSet) -> Decision:
    """HR decides a pending appeal once. Accepting changes the line: a corrected actual or a score (one of them);
    rejecting changes nothing. Nobody decides their own appeal."""
    if current is not AppealStatus.PENDING:
        raise InvalidTransition(f"the appeal was already decided ({current.value})", field="appealId")
    if decider_id is not None and decider_id == appellant_id:
        raise PermissionDenied("nobody decides their own appeal: another HR user must", field="appealId")
    text = clean_reason(response, field="response")
    if not accept:
        if adjusted_actual is not None or adjusted_score is not None:
            raise ValidationError("a rejected appeal changes nothing: leave out the adjustment",
                                  field="adjustedScore" if adjusted_score is not None else "adjustedActual")
        return Decision(status=AppealStatus.REJECTED, response=text)
    if (adjusted_actual is None) == (adjusted_score is None):
        raise ValidationError("an accepted appeal corrects the actual or sets the score: give exactly one",
                              field="adjustedActual")
    if adjusted_actual is not None and (not adjusted_actual.is_finite() or abs(adjusted_actual) >= Decimal("1e9")
                                        or adjusted_actual != adjusted_actual.quantize(Decimal("0.0001"))):
        raise ValidationError("the corrected actual is a number with at most 4 decimal places",
                              field="adjustedActual")
    score = check_adjusted_score(adjusted_score, rules) if adjusted_score is not None else None
    return Decision(status=AppealStatus.ACCEPTED, response=text, adjusted_actual=adjusted_actual,
                    adjusted_score=score)
