"""Rule-set defaults are the SPEC's numbers; guardrails refuse a rule set outside the policy bounds."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.errors import ValidationError
from backend.domain.rules import DEFAULT_RULES, CoefficientBand, RuleSet, SlaLimit, WeightBounds

H = timedelta(hours=1)


def test_the_defaults_are_the_specs() -> None:
    # SPEC §2: response / resolution per priority, and the priority weights of support points. A fresh RuleSet
    # builds its defaults now (DEFAULT_RULES was built at import).
    fresh = RuleSet()
    assert fresh == DEFAULT_RULES
    assert fresh.sla == {"URGENT": SlaLimit(timedelta(minutes=30), 4 * H), "HIGH": SlaLimit(2 * H, 24 * H),
                                 "NORMAL": SlaLimit(8 * H, 72 * H), "LOW": SlaLimit(24 * H, 168 * H)}
    assert fresh.priority_weights == {"URGENT": Decimal(3), "HIGH": Decimal(2), "NORMAL": Decimal(1),
                                              "LOW": Decimal("0.5")}
    assert DEFAULT_RULES.sla_for("HIGH") == SlaLimit(2 * H, 24 * H)
    assert (DEFAULT_RULES.handoff_threshold, DEFAULT_RULES.unrated_satisfaction_factor,
            DEFAULT_RULES.breached_sla_factor) == (24 * H, Decimal("0.8"), Decimal("0.5"))
    assert (DEFAULT_RULES.project_side_split_frontline, DEFAULT_RULES.project_delivery_grace_days) == (
        Decimal("0.60"), 30)


def _sla(**changes: SlaLimit) -> dict[str, SlaLimit]:
    return {**DEFAULT_RULES.sla, **changes}


@pytest.mark.parametrize(("changes", "message", "field"), [
    ({"sla": {"URGENT": SlaLimit(H, 2 * H)}}, "the SLA policy must cover every priority", "sla"),
    ({"sla": _sla(HIGH=SlaLimit(timedelta(0), H))}, "HIGH: response must be positive and within resolution", "sla"),
    ({"sla": _sla(LOW=SlaLimit(3 * H, 2 * H))}, "LOW: response must be positive and within resolution", "sla"),
    ({"priority_weights": {**DEFAULT_RULES.priority_weights, "LOW": Decimal(0)}},
     "priority weights must be positive", "priorityWeights"),
    ({"utilisation_handoff_weight": Decimal(71)}, "support utilisation weights must sum to 100", "utilisationWeights"),
    ({"project_weight_points": Decimal("0.6")}, "project contribution weights must sum to 1", "projectWeights"),
    ({"project_side_split_frontline": Decimal("1.01")}, "the frontline side split must be between 0 and 1",
     "projectSideSplit"),
    ({"project_side_split_frontline": Decimal("-0.01")}, "the frontline side split must be between 0 and 1",
     "projectSideSplit"),
])
def test_a_rule_set_outside_its_guardrails_is_refused(changes: dict[str, Any], message: str, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        RuleSet(version="draft", **changes)
    assert (refused.value.message, refused.value.field) == (message, field)


def test_the_guardrails_own_bounds_are_allowed() -> None:
    RuleSet(version="edge", sla=_sla(URGENT=SlaLimit(timedelta(seconds=1), timedelta(seconds=1))))
    RuleSet(version="edge", priority_weights={**DEFAULT_RULES.priority_weights, "LOW": Decimal("0.01")})
    for split in (Decimal(0), Decimal(1)):
        assert RuleSet(version="edge", project_side_split_frontline=split).project_side_split_frontline == split


BANDS = "performanceCoefficientBands"


def _bands(*pairs: tuple[int | str, int | str]) -> tuple[CoefficientBand, ...]:
    return tuple(CoefficientBand(Decimal(score), Decimal(coefficient)) for score, coefficient in pairs)


@pytest.mark.parametrize(("changes", "message", "field"), [
    ({"performance_score_cap": Decimal("99.99")}, "the indicator score cap must be between 100 and 200",
     "performanceScoreCap"),
    ({"performance_score_cap": Decimal("200.01")}, "the indicator score cap must be between 100 and 200",
     "performanceScoreCap"),
    ({"performance_coefficient_bands": _bands((0, 1))},
     "coefficient bands need at least two bands, the lowest starting at score 0", BANDS),
    ({"performance_coefficient_bands": _bands((90, "1.2"), (1, 0))},
     "coefficient bands need at least two bands, the lowest starting at score 0", BANDS),
    ({"performance_coefficient_bands": _bands((60, "1.2"), (60, 1), (0, 0))},
     "coefficient bands must be listed from the highest score down, each starting below the one before", BANDS),
    ({"performance_coefficient_bands": _bands((90, "0.9"), (0, 1))},
     "a higher band may not earn a smaller coefficient", BANDS),
    ({"performance_coefficient_bands": _bands(("120.01", 2), (0, 0))},
     "band scores must be reachable (within the cap) and coefficients between 0 and 3", BANDS),
    ({"performance_coefficient_bands": _bands((90, "3.01"), (0, 0))},
     "band scores must be reachable (within the cap) and coefficients between 0 and 3", BANDS),
    ({"performance_coefficient_bands": _bands((90, 0), (0, "-0.01"))},
     "band scores must be reachable (within the cap) and coefficients between 0 and 3", BANDS),
    ({"backend_satisfaction_weight": WeightBounds(Decimal(0), Decimal(30))},
     "a scheme weight guardrail must satisfy 0 < low ≤ high ≤ 100", "backendSatisfactionWeight"),
    ({"frontline_utilisation_weight": WeightBounds(Decimal(20), Decimal(15))},
     "a scheme weight guardrail must satisfy 0 < low ≤ high ≤ 100", "frontlineUtilisationWeight"),
    ({"frontline_utilisation_weight": WeightBounds(Decimal(20), Decimal("100.01"))},
     "a scheme weight guardrail must satisfy 0 < low ≤ high ≤ 100", "frontlineUtilisationWeight"),
])
def test_performance_parameters_outside_their_guardrails_are_refused(changes: dict[str, Any], message: str,
                                                                      field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        RuleSet(version="draft", **changes)
    assert (refused.value.message, refused.value.field) == (message, field)


def test_performance_parameters_at_their_bounds_are_allowed() -> None:
    for cap in (Decimal(100), Decimal(200)):
        RuleSet(version="edge", performance_score_cap=cap)
    # Two bands, the top one exactly at the cap, equal coefficients, coefficients at 0 and 3.
    RuleSet(version="edge", performance_coefficient_bands=_bands((120, 3), (0, 3)))
    RuleSet(version="edge", performance_coefficient_bands=_bands((120, 0), (0, 0)))
    for bounds in (WeightBounds(Decimal("0.01"), Decimal("0.01")), WeightBounds(Decimal(100), Decimal(100))):
        RuleSet(version="edge", backend_satisfaction_weight=bounds, frontline_utilisation_weight=bounds)
