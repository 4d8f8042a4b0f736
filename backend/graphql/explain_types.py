"""GraphQL shape of an explained figure (backend/domain/explain.py), shared by every money capability."""

from __future__ import annotations

import strawberry

from backend.domain import explain
from backend.graphql.scalars import Money

SourceKind = strawberry.enum(explain.SourceKind, name="SourceKind",
                             description="What kind of record an explanation input was read from.")


@strawberry.type(description="A record an input was read from.")
class ExplanationSource:
    kind: SourceKind  # type: ignore[valid-type]
    id: str = strawberry.field(description="The record's id as the API names it (an order's client id, a "
                                           "request's number, a rule-set version …).")
    label: str


@strawberry.type(description="One input of a formula: its value, exactly as used, and its source records.")
class ExplanationInput:
    code: str
    name_zh: str
    name_en: str
    value: str
    sources: list[ExplanationSource]


@strawberry.type(description="How a figure was computed: formula (zh, en), inputs, rounding, rule-set version, "
                             "and the figures it sums or splits.")
class Explanation:
    formula_zh: str
    formula_en: str
    inputs: list[ExplanationInput]
    rounding_zh: str
    rounding_en: str
    rule_version: str | None
    parts: list[ExplainedMoney]

    @classmethod
    def of(cls, value: explain.Explanation) -> Explanation:
        return cls(
            formula_zh=value.formula_zh, formula_en=value.formula_en,
            inputs=[ExplanationInput(code=i.code, name_zh=i.name_zh, name_en=i.name_en, value=i.value,
                                     sources=[ExplanationSource(kind=s.kind, id=s.id, label=s.label)
                                              for s in i.sources]) for i in value.inputs],
            rounding_zh=value.rounding_zh, rounding_en=value.rounding_en, rule_version=value.rule_version,
            parts=[ExplainedMoney.of(part) for part in value.parts])


@strawberry.type(description="An amount in yuan with how it was computed.")
class ExplainedMoney:
    amount: Money  # type: ignore[valid-type]
    label_zh: str
    label_en: str
    explanation: Explanation

    @classmethod
    def of(cls, value: explain.ExplainedAmount) -> ExplainedMoney:
        return cls(amount=value.value, label_zh=value.label_zh, label_en=value.label_en,
                   explanation=Explanation.of(value.explanation))


@strawberry.type(description="A quantity that is not money (points, a multiplier, a ratio) with how it was computed.")
class ExplainedNumber:
    value: str
    label_zh: str
    label_en: str
    explanation: Explanation

    @classmethod
    def of(cls, value: explain.ExplainedAmount) -> ExplainedNumber:
        return cls(value=str(value.value), label_zh=value.label_zh, label_en=value.label_en,
                   explanation=Explanation.of(value.explanation))


