"""previewRuleSet(input, period): HR replays a past period under a draft rule set; nothing is written. The input
is publishRuleSet's, so the draft previewed is exactly the one HR would publish."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.domain import preview as rules
from backend.domain.errors import DomainError, ErrorCode
from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.ids import encode_id
from backend.graphql.permissions import IsAuthenticated, IsHR
from backend.graphql.rulesets.mutations import PublishRuleSetInput
from backend.graphql.rulesets.parameters import changes_of
from backend.graphql.scalars import Money
from backend.services import preview


@strawberry.type(description="One figure before (the rule set in force at the period's end) and after (the draft).")
class PreviewFigure:
    before: Money | None  # type: ignore[valid-type]
    after: Money | None  # type: ignore[valid-type]
    change: Money  # type: ignore[valid-type]


@strawberry.type(description="One person's figures for the period under both rule sets.")
class PreviewPerson:
    employee_id: strawberry.ID
    employee_no: str
    name: str
    backend: bool
    commission: PreviewFigure = strawberry.field(description="Commission net of accrual (what the frontline keeps)")
    pool_share: PreviewFigure
    linked_bonus: PreviewFigure = strawberry.field(description="Performance bonus × linkage (backend staff; "
                                                               "null for the frontline)")
    total_change: Money  # type: ignore[valid-type]


@strawberry.type(description="Who gains and who loses had the period been judged by the draft. Both sides replay "
                             "the same facts (orders credited and requests resolved in the period; no carry-over "
                             "from earlier periods), so every difference comes from the rules.")
class RuleSetPreview:
    period: str
    base_version: str
    draft_version: str
    commission: PreviewFigure
    pool_share: PreviewFigure
    linked_bonus: PreviewFigure
    total_change: Money  # type: ignore[valid-type]
    gainers: int
    losers: int
    people: list[PreviewPerson] = strawberry.field(description="By total change: largest gain first, largest loss "
                                                               "last; ties by employee number")


PreviewRuleSetResult = Annotated[RuleSetPreview | OperationError, strawberry.union("PreviewRuleSetResult")]


def _figure(change: rules.PersonChange, name: str) -> PreviewFigure:
    return PreviewFigure(before=getattr(change.before, name), after=getattr(change.after, name),
                         change=change.change(name))


def _total(result: rules.Preview, name: str) -> PreviewFigure:
    before = sum(((getattr(p.before, name) or 0) for p in result.people), rules.ZERO)
    after = sum(((getattr(p.after, name) or 0) for p in result.people), rules.ZERO)
    return PreviewFigure(before=before, after=after, change=after - before)


def of(result: rules.Preview) -> RuleSetPreview:
    return RuleSetPreview(
        period=result.period, base_version=result.base_version, draft_version=result.draft_version,
        commission=_total(result, "commission"), pool_share=_total(result, "pool_share"),
        linked_bonus=_total(result, "linked_bonus"), total_change=result.total_change,
        gainers=sum(1 for p in result.people if p.total_change > 0),
        losers=sum(1 for p in result.people if p.total_change < 0),
        people=[PreviewPerson(employee_id=encode_id("Employee", p.person.employee_id),
                              employee_no=p.person.employee_no, name=p.person.name, backend=p.person.backend,
                              commission=_figure(p, "commission"), pool_share=_figure(p, "pool_share"),
                              linked_bonus=_figure(p, "linked_bonus"), total_change=p.total_change)
                for p in result.people])


@strawberry.type
class PreviewQuery:
    @strawberry.field(description="HR: replay a past (or the current) period under the rule set publishRuleSet(input) "
                                  "would create, against the one in force at the period's end; per person and in "
                                  "total the change in commission, pool share and linked bonus. Writes nothing; "
                                  "a draft outside a guardrail is a VALIDATION error naming the parameter.")
    async def preview_rule_set(self, info: Info, input: PublishRuleSetInput, period: str) -> PreviewRuleSetResult:
        viewer = info.context.viewer
        if not viewer.is_authenticated:
            return OperationError(code=ErrorCode.UNAUTHENTICATED, message=IsAuthenticated.message)
        if not viewer.is_hr:
            return OperationError(code=ErrorCode.PERMISSION_DENIED, message=IsHR.message)
        try:
            return of(await preview.preview_rule_set(viewer=viewer, period=period,
                                                     parameters=changes_of(input.parameters)))
        except DomainError as error:
            return OperationError.from_domain(error)
