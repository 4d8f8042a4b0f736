"""A locked period's frozen scorecard reads back exactly as it was computed: every record behind every actual
(value, link weight, note, counted or not), the level a value came from, a corrected actual, and a card with no
total."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from backend.domain.performance import (
    Actual,
    Adjustment,
    Direction,
    Indicator,
    LineInput,
    RecordKind,
    SchemeLine,
    Source,
    SourceRecord,
    SubjectKind,
    Text,
    score_card,
)
from backend.domain.performance_snapshot import scorecard_from_json, scorecard_to_json
from backend.domain.rules import DEFAULT_RULES

D = Decimal
RETENTION = Indicator("RET", "客户留存率", "Retention", "%", Direction.HIGHER, Source.LINKED_REGION)
VISITS = Indicator("VISITS", "客户拜访量", "Visits", "次", Direction.HIGHER, Source.MANUAL)
CYCLE = Indicator("CYCLE", "迭代周期", "Cycle", "天", Direction.LOWER, Source.MANUAL)


def test_every_record_level_and_correction_survives_the_snapshot() -> None:
    regions = Actual(value=D("86.5"), explanation=Text(zh="按支撑关联权重加权", en="weighted by support link"), records=(
        SourceRecord(kind=RecordKind.REGION, id=1, label="城东片区 (R1)", value=D(90), weight=D(2), note="measurement #11"),
        SourceRecord(kind=RecordKind.REGION, id=2, label="城西片区 (R2)", weight=D("0.5"), note="left out",
                     included=False)))
    recorded = Actual(value=D(38), level=SubjectKind.DEPARTMENT, explanation=Text(zh="所在部门", en="department"),
                      records=(SourceRecord(kind=RecordKind.MEASUREMENT, id=5, label="市场部 (MKT)", value=D(38)),))
    corrected = Adjustment(appeal_id=3, reason="漏录", decision="更正", decided_by="employee:HR0001",
                           decided_at=datetime(2026, 12, 3, 8, 30, tzinfo=UTC), adjusted_actual=D("12.5"))
    card = score_card([LineInput(SchemeLine(RETENTION, D(40), D(85)), regions),
                       LineInput(SchemeLine(VISITS, D(35), D(40)), recorded),
                       LineInput(SchemeLine(CYCLE, D(25), D(10)), Actual(value=D(20), explanation=Text("", "")),
                                 corrected)], DEFAULT_RULES)
    back = scorecard_from_json(scorecard_to_json(card))
    assert back == card
    assert back.lines[0].actual.records == regions.records and back.lines[1].actual.level is SubjectKind.DEPARTMENT
    assert back.lines[2].adjustment is not None and back.lines[2].adjustment.adjusted_actual == D("12.5")


def test_a_card_without_a_total_survives_the_snapshot() -> None:
    card = score_card([LineInput(SchemeLine(VISITS, D(100), D(40)), Actual(value=None, explanation=Text("无", "none")))],
                      DEFAULT_RULES)
    back = scorecard_from_json(scorecard_to_json(card))
    assert back == card and back.band is None and back.total is None

