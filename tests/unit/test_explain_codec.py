"""A frozen explained figure reads back exactly as it was computed."""

from __future__ import annotations

import json
from decimal import Decimal

from backend.domain.explain_codec import from_json, to_json
from backend.domain.fund import Member, RegionYear, settle
from backend.domain.rules import DEFAULT_RULES


def test_round_trip_through_json_text() -> None:
    region = RegionYear("R1", Decimal("1500.00"), Decimal("1000.00"), rating_sum=5, rating_count=1,
                        frontline=(Member(1, "F1", Decimal("1500.00")),), backend=(Member(2, "B1", Decimal("0.4")),))
    result = settle(year=2025, profit=Decimal("100000.00"), regions=[region], rules=DEFAULT_RULES)
    for figure in (result.fund, result.regions[0].quota, *(s.amount for s in result.shares)):
        assert from_json(json.loads(json.dumps(to_json(figure)))) == figure
