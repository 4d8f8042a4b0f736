"""Rule-set parameters as HR sends them: every malformed value refused with its message and the parameter named
(the API returns the field), a per-priority parameter replaced whole when it is not an object, and the readable
form of times, weights and bands."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backend.domain.errors import ValidationError
from backend.domain.rules import DEFAULT_RULES, RuleSet
from backend.domain.ruleset_params import diff, from_parameters, merge, to_parameters

BASE = to_parameters(DEFAULT_RULES)


@pytest.mark.parametrize(("changes", "message", "field"), [
    ({"accrualRatio": "Infinity"}, "accrualRatio must be a finite number", "accrualRatio"),
    ({"priorityWeights": ["3"]}, "priorityWeights must be an object keyed by priority", "priorityWeights"),
    ({"sla": {"URGENT": {"responseMinutes": 20}}}, "sla.URGENT needs responseMinutes and resolutionMinutes", "sla"),
    ({"sla": {"URGENT": {"responseMinutes": 20, "resolutionMinutes": 240, "extra": 1}}},
     "sla.URGENT needs responseMinutes and resolutionMinutes", "sla"),
    ({"sla": {"URGENT": 20}}, "sla.URGENT needs responseMinutes and resolutionMinutes", "sla"),
    ({"performanceCoefficientBands": {"minScore": "90"}},
     "performanceCoefficientBands must be a list of bands, highest first", "performanceCoefficientBands"),
    ({"performanceCoefficientBands": [{"minScore": "90"}, {"minScore": "0", "coefficient": "0"}]},
     "performanceCoefficientBands.0 needs minScore and coefficient", "performanceCoefficientBands"),
    ({"performanceCoefficientBands": ["90"]},
     "performanceCoefficientBands.0 needs minScore and coefficient", "performanceCoefficientBands"),
    ({"backendSatisfactionWeight": {"low": "20"}}, "backendSatisfactionWeight needs low and high",
     "backendSatisfactionWeight"),
    ({"backendSatisfactionWeight": ["20", "30"]}, "backendSatisfactionWeight needs low and high",
     "backendSatisfactionWeight"),
])
def test_a_malformed_parameter_is_refused_and_named(changes: dict[str, Any], message: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        from_parameters(merge(BASE, changes), version="2")
    assert (caught.value.message, caught.value.field) == (message, field)


def test_an_unknown_parameter_is_named_wherever_it_comes() -> None:
    for call in (lambda: merge(BASE, {"nope": "1"}), lambda: from_parameters({**BASE, "nope": "1"}, version="2")):
        with pytest.raises(ValidationError) as caught:
            call()
        assert (caught.value.message, caught.value.field) == ("there is no rule parameter 'nope'", "nope")


def test_a_per_priority_parameter_that_is_not_an_object_replaces_the_whole_value() -> None:
    merged = merge(BASE, {"priorityWeights": ["3"]})
    assert merged["priorityWeights"] == ["3"]  # then refused on decoding, as above


def test_the_version_given_is_the_version_of_the_rule_set() -> None:
    assert from_parameters(BASE, version="9").version == "9"
    assert from_parameters({}, version="9").sla == DEFAULT_RULES.sla  # everything missing comes from the base
    base = RuleSet(version="3", accrual_ratio=Decimal("0.14"))
    assert from_parameters({"fundRatio": "0.06"}, version="9", base=base).accrual_ratio == Decimal("0.14")


def test_times_weights_and_bands_read_as_people_write_them() -> None:
    after = merge(BASE, {"sla": {"HIGH": {"responseMinutes": 60, "resolutionMinutes": 90},
                                 "LOW": {"responseMinutes": 45, "resolutionMinutes": 120}},
                         "priorityWeights": {"LOW": "0.25", "HIGH": "2.5"},
                         "performanceCoefficientBands": [{"minScore": "95", "coefficient": "1.3"},
                                                         {"minScore": "0", "coefficient": "0"}]})
    assert [(c.name, c.before, c.after) for c in diff(BASE, after)] == [
        ("sla.HIGH", "HIGH 2 h / 24 h", "HIGH 1 h / 90 min"),
        ("sla.LOW", "LOW 24 h / 168 h", "LOW 45 min / 2 h"),
        ("priorityWeights.HIGH", "HIGH 2", "HIGH 2.5"),
        ("priorityWeights.LOW", "LOW 0.5", "LOW 0.25"),
        ("performanceCoefficientBands", "≥ 90 → 1.2 · ≥ 80 → 1.0 · ≥ 70 → 0.8 · ≥ 60 → 0.5 · ≥ 0 → 0",
         "≥ 95 → 1.3 · ≥ 0 → 0")]


def test_a_priority_new_to_a_per_priority_parameter_has_no_before() -> None:
    before = {**BASE, "priorityWeights": {"URGENT": "3"}}
    changes = diff(before, merge(before, {"priorityWeights": {"LOW": "0.5"}}))
    assert [(c.name, c.before, c.after) for c in changes] == [("priorityWeights.LOW", None, "LOW 0.5")]


def test_a_first_version_lists_each_parameter_whole() -> None:
    first = {c.name: c for c in diff(None, BASE)}
    assert first["sla"].before is None
    assert first["sla"].after == "URGENT 30 min / 4 h · HIGH 2 h / 24 h · NORMAL 8 h / 72 h · LOW 24 h / 168 h"
    assert first["priorityWeights"].after == "URGENT 3 · HIGH 2 · NORMAL 1 · LOW 0.5"
    assert first["backendSatisfactionWeight"].after == "[20, 30]"
