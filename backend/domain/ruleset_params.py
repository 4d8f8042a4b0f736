"""A `RuleSet` as parameters (a JSON-able dict: what a published version stores) and back, and the readable
difference between two versions.

Encoding: decimals as strings (exact), durations as minutes (SLA) or a decimal string of hours, coefficient bands
as a list highest first, weight guardrails as {"low", "high"}. `version` is not a parameter: it names the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from backend.domain.errors import ValidationError
from backend.domain.rules import DEFAULT_RULES, CoefficientBand, RuleSet, SlaLimit, WeightBounds
from backend.domain.ruleset_texts import BY_ATTRIBUTE, BY_NAME, PARAMETERS, Kind, Parameter

PRIORITIES = ("URGENT", "HIGH", "NORMAL", "LOW")
Parameters = dict[str, Any]


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds()) // 60


def _hours(delta: timedelta) -> str:
    return _text(Decimal(int(delta.total_seconds())) / 3600)


def _text(value: Decimal) -> str:
    """Exact, without exponent: Decimal("0.60") stays "0.60", Decimal(24) is "24"."""
    text = f"{value:f}"
    return text


def _encode(kind: Kind, value: Any) -> Any:
    if kind is Kind.DECIMAL:
        return _text(value)
    if kind is Kind.INTEGER:
        return int(value)
    if kind is Kind.HOURS:
        return _hours(value)
    if kind is Kind.SLA:
        return {p: {"responseMinutes": _minutes(value[p].response), "resolutionMinutes": _minutes(value[p].resolution)}
                for p in PRIORITIES if p in value}
    if kind is Kind.WEIGHTS:
        return {p: _text(value[p]) for p in PRIORITIES if p in value}
    if kind is Kind.BANDS:
        return [{"minScore": _text(b.min_score), "coefficient": _text(b.coefficient)} for b in value]
    return {"low": _text(value.low), "high": _text(value.high)}  # BOUNDS


def to_parameters(rules: RuleSet) -> Parameters:
    """Every parameter of `rules`, JSON-able."""
    return {p.name: _encode(p.kind, getattr(rules, p.attribute)) for p in PARAMETERS}


# --- decoding -------------------------------------------------------------------------------------------------


def _decimal(value: Any, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValidationError(f"{field} must be a decimal number written as a string", field=field)
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(f"{field} is not a number: {value!r}", field=field) from None
    if not number.is_finite():
        raise ValidationError(f"{field} must be a finite number", field=field)
    return number


def _integer(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{field} must be a whole number", field=field)
    return value


def _duration_hours(value: Any, field: str) -> timedelta:
    seconds = _decimal(value, field) * 3600
    if seconds != seconds.to_integral_value():
        raise ValidationError(f"{field} must be a whole number of seconds", field=field)
    return timedelta(seconds=int(seconds))


def _mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(f"{field} must be an object keyed by priority", field=field)
    unknown = set(value) - set(PRIORITIES)
    if unknown:
        raise ValidationError(f"{field}: unknown priority {sorted(unknown)[0]!r}", field=field)
    return value


def _sla(value: Any, field: str) -> dict[str, SlaLimit]:
    limits = {}
    for priority, limit in _mapping(value, field).items():
        if not isinstance(limit, Mapping) or set(limit) != {"responseMinutes", "resolutionMinutes"}:
            raise ValidationError(f"{field}.{priority} needs responseMinutes and resolutionMinutes", field=field)
        limits[priority] = SlaLimit(
            response=timedelta(minutes=_integer(limit["responseMinutes"], f"{field}.{priority}.responseMinutes")),
            resolution=timedelta(minutes=_integer(limit["resolutionMinutes"],
                                                  f"{field}.{priority}.resolutionMinutes")))
    return limits


def _bands(value: Any, field: str) -> tuple[CoefficientBand, ...]:
    if not isinstance(value, list | tuple):
        raise ValidationError(f"{field} must be a list of bands, highest first", field=field)
    bands = []
    for index, band in enumerate(value):
        if not isinstance(band, Mapping) or set(band) != {"minScore", "coefficient"}:
            raise ValidationError(f"{field}.{index} needs minScore and coefficient", field=field)
        bands.append(CoefficientBand(min_score=_decimal(band["minScore"], f"{field}.{index}.minScore"),
                                     coefficient=_decimal(band["coefficient"], f"{field}.{index}.coefficient")))
    return tuple(bands)


def _decode(parameter: Parameter, value: Any) -> Any:
    kind, name = parameter.kind, parameter.name
    if kind is Kind.DECIMAL:
        return _decimal(value, name)
    if kind is Kind.INTEGER:
        return _integer(value, name)
    if kind is Kind.HOURS:
        return _duration_hours(value, name)
    if kind is Kind.SLA:
        return _sla(value, name)
    if kind is Kind.WEIGHTS:
        return {p: _decimal(w, f"{name}.{p}") for p, w in _mapping(value, name).items()}
    if kind is Kind.BANDS:
        return _bands(value, name)
    if not isinstance(value, Mapping) or set(value) != {"low", "high"}:
        raise ValidationError(f"{name} needs low and high", field=name)
    return WeightBounds(low=_decimal(value["low"], f"{name}.low"), high=_decimal(value["high"], f"{name}.high"))


def merge(base: Parameters, changes: Mapping[str, Any]) -> Parameters:
    """`base` with `changes` applied: a per-priority parameter (SLA, weights) changes only the priorities given;
    any other parameter is replaced whole. An unknown name is refused."""
    merged = dict(base)
    for name, value in changes.items():
        parameter = BY_NAME.get(name)
        if parameter is None:
            raise ValidationError(f"there is no rule parameter {name!r}", field=name)
        if parameter.kind in (Kind.SLA, Kind.WEIGHTS) and isinstance(value, Mapping):
            merged[name] = {**(base.get(name) or {}), **value}
        else:
            merged[name] = value
    return merged


def from_parameters(parameters: Mapping[str, Any], *, version: str, base: RuleSet = DEFAULT_RULES) -> RuleSet:
    """The rule set the parameters describe; a parameter missing (one added to the code after the version was
    published) is taken from `base`. Guardrails run: a breach is a ValidationError naming the parameter, its
    value and the bound."""
    values: dict[str, Any] = {}
    for name, value in parameters.items():
        parameter = BY_NAME.get(name)
        if parameter is None:
            raise ValidationError(f"there is no rule parameter {name!r}", field=name)
        values[parameter.attribute] = _decode(parameter, value)
    kept = {f.name: getattr(base, f.name) for f in fields(RuleSet) if f.name not in values and f.name != "version"}
    return RuleSet(version=version, **kept, **values)


# --- reading ---------------------------------------------------------------------------------------------------


def display(parameter: Parameter, value: Any) -> str:
    """A parameter's encoded value as a person reads it."""
    kind = parameter.kind
    if kind is Kind.HOURS:
        return f"{value} h"
    if kind is Kind.SLA:
        return " · ".join(f"{p} {_span(v['responseMinutes'])} / {_span(v['resolutionMinutes'])}"
                          for p, v in value.items())
    if kind is Kind.WEIGHTS:
        return " · ".join(f"{p} {w}" for p, w in value.items())
    if kind is Kind.BANDS:
        return " · ".join(f"≥ {b['minScore']} → {b['coefficient']}" for b in value)
    if kind is Kind.BOUNDS:
        return f"[{value['low']}, {value['high']}]"
    return str(value)


def _span(minutes: int) -> str:
    return f"{minutes // 60} h" if minutes % 60 == 0 and minutes >= 60 else f"{minutes} min"


@dataclass(frozen=True, slots=True)
class Change:
    """One parameter (or, for a per-priority one, one priority of it) that differs between two versions."""

    name: str  # e.g. "accrualRatio", "sla.URGENT"
    label_zh: str
    label_en: str
    before: str | None  # None: the parameter did not exist before
    after: str


def diff(before: Parameters | None, after: Parameters) -> list[Change]:
    """What changed from `before` to `after`, in catalogue order; everything when there is no `before`."""
    changes = []
    for parameter in PARAMETERS:
        old = None if before is None else before.get(parameter.name)
        new = after.get(parameter.name)
        if old == new or new is None:
            continue
        if parameter.kind in (Kind.SLA, Kind.WEIGHTS) and isinstance(old, dict):
            for priority in PRIORITIES:
                if old.get(priority) != new.get(priority) and priority in new:
                    changes.append(Change(
                        name=f"{parameter.name}.{priority}", label_zh=f"{parameter.label_zh}（{priority}）",
                        label_en=f"{parameter.label_en} ({priority})",
                        before=None if priority not in old else display(parameter, {priority: old[priority]}),
                        after=display(parameter, {priority: new[priority]})))
            continue
        changes.append(Change(name=parameter.name, label_zh=parameter.label_zh, label_en=parameter.label_en,
                              before=None if old is None else display(parameter, old), after=display(parameter, new)))
    return changes


def parameter_of(attribute: str) -> Parameter:
    return BY_ATTRIBUTE[attribute]
