"""The rule-set parameters as GraphQL types, built from the catalogue (backend/domain/ruleset_texts.py), so a
parameter added to `RuleSet` and the catalogue appears in the input, the output and the SDL with no edit here.

`RuleSetParameters`: every parameter of a version. `RuleSetParametersInput`: the same, each optional — the ones
given change, the rest are inherited from the version in force.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry

from backend.domain.ruleset_params import PRIORITIES, Parameters
from backend.domain.ruleset_texts import PARAMETERS, Kind
from backend.graphql.scalars import DecimalNumber


def attribute_name(name: str) -> str:
    """"handoffThresholdHours" → "handoff_threshold_hours" (strawberry camel-cases it back)."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


@strawberry.type(description="A priority's SLA: response (submitted → accepted) and resolution limits, minutes.")
class SlaLimitRule:
    priority: str
    response_minutes: int
    resolution_minutes: int


@strawberry.type
class PriorityWeightRule:
    priority: str
    weight: DecimalNumber  # type: ignore[valid-type]


@strawberry.type(description="A scorecard total of at least minScore earns coefficient.")
class CoefficientBandRule:
    min_score: DecimalNumber  # type: ignore[valid-type]
    coefficient: DecimalNumber  # type: ignore[valid-type]


@strawberry.type(description="A closed interval [low, high].")
class WeightBoundsRule:
    low: DecimalNumber  # type: ignore[valid-type]
    high: DecimalNumber  # type: ignore[valid-type]


@strawberry.input
class SlaLimitInput:
    priority: str = strawberry.field(description="URGENT, HIGH, NORMAL or LOW; priorities left out keep theirs")
    response_minutes: int
    resolution_minutes: int


@strawberry.input
class PriorityWeightInput:
    priority: str
    weight: DecimalNumber  # type: ignore[valid-type]


@strawberry.input
class CoefficientBandInput:
    min_score: DecimalNumber  # type: ignore[valid-type]
    coefficient: DecimalNumber  # type: ignore[valid-type]


@strawberry.input
class WeightBoundsInput:
    low: DecimalNumber  # type: ignore[valid-type]
    high: DecimalNumber  # type: ignore[valid-type]


_OUTPUT: dict[Kind, Any] = {Kind.DECIMAL: DecimalNumber, Kind.INTEGER: int, Kind.HOURS: DecimalNumber,
                            Kind.SLA: list[SlaLimitRule], Kind.WEIGHTS: list[PriorityWeightRule],
                            Kind.BANDS: list[CoefficientBandRule], Kind.BOUNDS: WeightBoundsRule}
_INPUT: dict[Kind, Any] = {Kind.DECIMAL: DecimalNumber, Kind.INTEGER: int, Kind.HOURS: DecimalNumber,
                           Kind.SLA: list[SlaLimitInput], Kind.WEIGHTS: list[PriorityWeightInput],
                           Kind.BANDS: list[CoefficientBandInput], Kind.BOUNDS: WeightBoundsInput}
_UNIT = {Kind.HOURS: " (hours)"}


def _build(name: str, kinds: dict[Kind, Any], *, optional: bool, description: str) -> Any:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    for p in PARAMETERS:
        attribute = attribute_name(p.name)
        kind = kinds[p.kind]
        annotations[attribute] = kind | None if optional else kind
        text = p.description_en + _UNIT.get(p.kind, "")
        namespace[attribute] = strawberry.field(default=None, description=text) if optional \
            else strawberry.field(description=text)
    namespace["__annotations__"] = annotations
    namespace["__doc__"] = description
    cls = type(name, (), namespace)
    return strawberry.input(cls, description=description) if optional \
        else strawberry.type(cls, description=description)


RuleSetParameters = _build("RuleSetParameters", _OUTPUT, optional=False,
                           description="Every parameter of a rule-set version.")
RuleSetParametersInput = _build("RuleSetParametersInput", _INPUT, optional=True,
                                description="The parameters that change; every one left out is inherited from "
                                            "the version in force.")


def _output_value(kind: Kind, value: Any) -> Any:
    if kind in (Kind.DECIMAL, Kind.HOURS):
        return Decimal(value)
    if kind is Kind.INTEGER:
        return int(value)
    if kind is Kind.SLA:
        return [SlaLimitRule(priority=p, response_minutes=v["responseMinutes"],
                             resolution_minutes=v["resolutionMinutes"]) for p, v in value.items()]
    if kind is Kind.WEIGHTS:
        return [PriorityWeightRule(priority=p, weight=Decimal(w)) for p, w in value.items()]
    if kind is Kind.BANDS:
        return [CoefficientBandRule(min_score=Decimal(b["minScore"]), coefficient=Decimal(b["coefficient"]))
                for b in value]
    return WeightBoundsRule(low=Decimal(value["low"]), high=Decimal(value["high"]))


def parameters_type(parameters: Parameters) -> Any:
    return RuleSetParameters(**{attribute_name(p.name): _output_value(p.kind, parameters[p.name])
                                for p in PARAMETERS})


def _text(value: Decimal) -> str:
    return f"{value:f}"


def _input_value(kind: Kind, value: Any) -> Any:
    if kind in (Kind.DECIMAL, Kind.HOURS):
        return _text(value)
    if kind is Kind.INTEGER:
        return value
    if kind is Kind.SLA:
        return {i.priority: {"responseMinutes": i.response_minutes, "resolutionMinutes": i.resolution_minutes}
                for i in value}
    if kind is Kind.WEIGHTS:
        return {i.priority: _text(i.weight) for i in value}
    if kind is Kind.BANDS:
        return [{"minScore": _text(b.min_score), "coefficient": _text(b.coefficient)} for b in value]
    return {"low": _text(value.low), "high": _text(value.high)}


def changes_of(parameters: Any) -> Parameters:
    """The parameters an input sets, in the stored (JSON) encoding; an unknown priority is left to the domain
    to refuse by name."""
    changes: Parameters = {}
    for p in PARAMETERS:
        value = getattr(parameters, attribute_name(p.name), None)
        if value is not None:
            changes[p.name] = _input_value(p.kind, value)
    return changes


__all__ = ["PRIORITIES", "RuleSetParameters", "RuleSetParametersInput", "changes_of", "parameters_type"]
