"""Rule set ⇄ parameters, merging a draft over the version in force, the readable diff, the catalogue."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import timedelta
from decimal import Decimal

import pytest

from backend.domain.errors import ValidationError
from backend.domain.rules import DEFAULT_RULES, CoefficientBand, RuleSet, SlaLimit, WeightBounds
from backend.domain.ruleset_params import diff, from_parameters, merge, to_parameters
from backend.domain.ruleset_texts import PARAMETERS


def test_the_catalogue_covers_every_field_but_the_version() -> None:
    attributes = {p.attribute for p in PARAMETERS}
    assert attributes == {f.name for f in fields(RuleSet)} - {"version"}
    assert len({p.name for p in PARAMETERS}) == len(PARAMETERS)
    assert all(p.label_zh and p.label_en and p.description_zh and p.description_en for p in PARAMETERS)


def test_defaults_are_version_1() -> None:
    assert DEFAULT_RULES.version == "1"


def test_parameters_are_json_and_exact() -> None:
    params = to_parameters(DEFAULT_RULES)
    assert json.loads(json.dumps(params)) == params
    assert params["accrualRatio"] == "0.12" and params["projectSideSplitFrontline"] == "0.60"
    assert params["sla"]["URGENT"] == {"responseMinutes": 30, "resolutionMinutes": 240}
    assert params["handoffThresholdHours"] == "24" and params["bottleneckStartDelayHours"] == "2"
    assert params["priorityWeights"]["LOW"] == "0.5"
    assert params["performanceCoefficientBands"][0] == {"minScore": "90", "coefficient": "1.2"}
    assert params["backendSatisfactionWeight"] == {"low": "20", "high": "30"}
    assert params["projectDeliveryGraceDays"] == 30


def test_round_trip_of_every_field() -> None:
    changed = RuleSet(
        version="7", sla={**DEFAULT_RULES.sla, "LOW": SlaLimit(timedelta(hours=12), timedelta(hours=100))},
        handoff_threshold=timedelta(hours=12, minutes=30), priority_weights={**DEFAULT_RULES.priority_weights,
                                                                             "HIGH": Decimal("2.5")},
        performance_coefficient_bands=(CoefficientBand(Decimal(85), Decimal("1.3")),
                                       CoefficientBand(Decimal(0), Decimal("0.5"))),
        backend_satisfaction_weight=WeightBounds(Decimal(22), Decimal(28)), accrual_ratio=Decimal("0.15"),
        project_delivery_grace_days=20, housing_fund_rate=Decimal("0.07"))
    assert from_parameters(json.loads(json.dumps(to_parameters(changed))), version="7") == changed
    assert from_parameters(to_parameters(DEFAULT_RULES), version="1") == DEFAULT_RULES


def test_missing_parameters_come_from_the_base() -> None:
    assert from_parameters({"accrualRatio": "0.1"}, version="2") == replace(DEFAULT_RULES, version="2",
                                                                            accrual_ratio=Decimal("0.1"))


def test_merge_changes_only_the_priorities_given() -> None:
    base = to_parameters(DEFAULT_RULES)
    merged = merge(base, {"sla": {"URGENT": {"responseMinutes": 20, "resolutionMinutes": 180}},
                          "priorityWeights": {"LOW": "0.25"}, "accrualRatio": "0.14"})
    rules = from_parameters(merged, version="2")
    assert rules.sla["URGENT"] == SlaLimit(timedelta(minutes=20), timedelta(hours=3))
    assert rules.sla["HIGH"] == DEFAULT_RULES.sla["HIGH"] and rules.priority_weights["URGENT"] == 3
    assert rules.priority_weights["LOW"] == Decimal("0.25") and rules.accrual_ratio == Decimal("0.14")


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"accrualRatio": "0.16"}, "accrualRatio", ("0.16", "0.10", "0.15")),
    ({"fundRatio": "0.04"}, "fundRatio", ("0.04", "0.05")),
    ({"housingFundRate": "0.2"}, "housingFundRate", ("0.2", "0.12")),
    ({"nope": "1"}, "nope", ("nope",)),
    ({"accrualRatio": 0.12}, "accrualRatio", ("string",)),
    ({"accrualRatio": "abc"}, "accrualRatio", ("abc",)),
    ({"sla": {"SOON": {"responseMinutes": 1, "resolutionMinutes": 2}}}, "sla", ("SOON",)),
    ({"sla": {"URGENT": {"responseMinutes": 300, "resolutionMinutes": 240}}}, "sla", ("URGENT",)),
    ({"projectDeliveryGraceDays": "30"}, "projectDeliveryGraceDays", ("whole",)),
    ({"handoffThresholdHours": "0.0001"}, "handoffThresholdHours", ("seconds",)),
])
def test_refusals_name_the_parameter(changes: dict[str, object], field: str, words: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError) as caught:
        from_parameters(merge(to_parameters(DEFAULT_RULES), changes), version="2")
    assert caught.value.field == field
    assert all(word in caught.value.message for word in words), caught.value.message


def test_diff_lists_what_changed_readably() -> None:
    before = to_parameters(DEFAULT_RULES)
    after = merge(before, {"accrualRatio": "0.14", "sla": {"URGENT": {"responseMinutes": 20,
                                                                     "resolutionMinutes": 240}},
                           "handoffThresholdHours": "12"})
    changes = diff(before, after)
    assert [(c.name, c.before, c.after) for c in changes] == [
        ("sla.URGENT", "URGENT 30 min / 4 h", "URGENT 20 min / 4 h"),
        ("handoffThresholdHours", "24 h", "12 h"),
        ("accrualRatio", "0.12", "0.14"),
    ]
    assert changes[2].label_zh == "协同计提比例" and changes[2].label_en == "Collaboration accrual ratio"
    assert diff(before, before) == []
    assert len(diff(None, before)) == len(PARAMETERS)
