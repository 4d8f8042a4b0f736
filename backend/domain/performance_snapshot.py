"""Frozen scorecards (a locked period's snapshots) to and from JSON, exactly: every figure as decimal text."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from backend.domain.performance import (
    Actual,
    Adjustment,
    Direction,
    Indicator,
    LineScore,
    RecordKind,
    Scorecard,
    ScoredLine,
    Source,
    SourceRecord,
    SubjectKind,
    Text,
    plain,
)
from backend.domain.rules import CoefficientBand


def _d(value: Decimal | None) -> str | None:
    return None if value is None else plain(value) if value == value.to_integral_value() else str(value)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _text_json(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"zh": text.zh, "en": text.en}


def _text(data: Mapping[str, str] | None) -> Text | None:
    return None if data is None else Text(zh=data["zh"], en=data["en"])


def _score_json(score: LineScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"value": _d(score.value), "capped": score.capped, "formula": score.formula, "note": _text_json(score.note)}


def _score(data: Mapping[str, Any] | None) -> LineScore | None:
    if data is None:
        return None
    return LineScore(value=Decimal(data["value"]), capped=data["capped"], formula=data["formula"],
                     note=_text(data["note"]))


def scorecard_to_json(card: Scorecard) -> dict[str, Any]:
    lines = []
    for line in card.lines:
        indicator = line.indicator
        adjustment = line.adjustment
        lines.append({
            "indicator": {"code": indicator.code, "nameZh": indicator.name_zh, "nameEn": indicator.name_en,
                          "unit": indicator.unit, "direction": indicator.direction.value,
                          "source": indicator.source.value},
            "weight": _d(line.weight), "target": _d(line.target),
            "actual": {"value": _d(line.actual.value), "explanation": _text_json(line.actual.explanation),
                       "level": line.actual.level.value if line.actual.level else None,
                       "records": [{"kind": r.kind.value, "id": r.id, "label": r.label, "value": _d(r.value),
                                    "weight": _d(r.weight), "note": r.note, "included": r.included}
                                   for r in line.actual.records]},
            "score": _score_json(line.score), "computed": _score_json(line.computed),
            "adjustment": None if adjustment is None else {
                "appealId": adjustment.appeal_id, "reason": adjustment.reason, "decision": adjustment.decision,
                "decidedBy": adjustment.decided_by, "decidedAt": adjustment.decided_at.isoformat(),
                "adjustedActual": _d(adjustment.adjusted_actual), "adjustedScore": _d(adjustment.adjusted_score)},
            "effectiveWeight": _d(line.effective_weight), "contribution": _d(line.contribution),
        })
    return {"lines": lines, "total": _d(card.total), "ruleVersion": card.rule_version,
            "band": None if card.band is None else {"minScore": _d(card.band.min_score),
                                                    "coefficient": _d(card.band.coefficient)},
            "coefficient": _d(card.coefficient), "explanation": _text_json(card.explanation)}


def scorecard_from_json(data: Mapping[str, Any]) -> Scorecard:
    lines = []
    for row in data["lines"]:
        i = row["indicator"]
        a = row["actual"]
        adj = row["adjustment"]
        actual_explanation = _text(a["explanation"])
        assert actual_explanation is not None
        lines.append(ScoredLine(
            indicator=Indicator(code=i["code"], name_zh=i["nameZh"], name_en=i["nameEn"], unit=i["unit"],
                                direction=Direction(i["direction"]), source=Source(i["source"])),
            weight=Decimal(row["weight"]), target=Decimal(row["target"]),
            actual=Actual(value=_decimal(a["value"]), explanation=actual_explanation,
                          level=SubjectKind(a["level"]) if a["level"] else None,
                          records=tuple(SourceRecord(kind=RecordKind(r["kind"]), id=r["id"], label=r["label"],
                                                     value=_decimal(r["value"]), weight=_decimal(r["weight"]),
                                                     note=r["note"], included=r["included"])
                                        for r in a["records"])),
            score=_score(row["score"]), computed=_score(row["computed"]),
            adjustment=None if adj is None else Adjustment(
                appeal_id=adj["appealId"], reason=adj["reason"], decision=adj["decision"],
                decided_by=adj["decidedBy"], decided_at=datetime.fromisoformat(adj["decidedAt"]),
                adjusted_actual=_decimal(adj["adjustedActual"]), adjusted_score=_decimal(adj["adjustedScore"])),
            effective_weight=Decimal(row["effectiveWeight"]), contribution=Decimal(row["contribution"])))
    band = data["band"]
    explanation = _text(data["explanation"])
    assert explanation is not None
    return Scorecard(lines=tuple(lines), total=_decimal(data["total"]), rule_version=data["ruleVersion"],
                     band=None if band is None else CoefficientBand(Decimal(band["minScore"]),
                                                                    Decimal(band["coefficient"])),
                     coefficient=_decimal(data["coefficient"]), explanation=explanation)

