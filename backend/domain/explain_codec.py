"""Explained figures ⇄ JSON, so a frozen figure (a settled fund share) is stored with its explanation and read
back exactly as it was computed (Decimals as strings: no float ever)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backend.domain.explain import ExplainedAmount, Explanation, Input, Source, SourceKind


def to_json(figure: ExplainedAmount) -> dict[str, Any]:
    e = figure.explanation
    return {
        "value": str(figure.value), "label_zh": figure.label_zh, "label_en": figure.label_en,
        "extra": dict(figure.extra),
        "explanation": {
            "formula_zh": e.formula_zh, "formula_en": e.formula_en, "rounding_zh": e.rounding_zh,
            "rounding_en": e.rounding_en, "rule_version": e.rule_version,
            "inputs": [{"code": i.code, "name_zh": i.name_zh, "name_en": i.name_en, "value": i.value,
                        "sources": [{"kind": s.kind.value, "id": s.id, "label": s.label} for s in i.sources]}
                       for i in e.inputs],
            "parts": [to_json(p) for p in e.parts]}}


def from_json(data: dict[str, Any]) -> ExplainedAmount:
    e = data["explanation"]
    return ExplainedAmount(
        value=Decimal(data["value"]), label_zh=data.get("label_zh", ""), label_en=data.get("label_en", ""),
        extra=dict(data.get("extra", {})),
        explanation=Explanation(
            formula_zh=e["formula_zh"], formula_en=e["formula_en"], rounding_zh=e.get("rounding_zh", ""),
            rounding_en=e.get("rounding_en", ""), rule_version=e.get("rule_version"),
            inputs=tuple(Input(i["code"], i["name_zh"], i["name_en"], i["value"],
                               tuple(Source(SourceKind(s["kind"]), s["id"], s.get("label", "")) for s in i["sources"]))
                         for i in e.get("inputs", ())),
            parts=tuple(from_json(p) for p in e.get("parts", ()))))
