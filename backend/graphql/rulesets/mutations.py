"""publishRuleSet (HR) and acknowledgeRuleSet (any employee): one use case each in one unit of work."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry

from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.permissions import IsEmployee, IsHR, MutationGuard
from backend.graphql.rulesets.parameters import RuleSetParametersInput, changes_of
from backend.graphql.rulesets.types import RuleSetType
from backend.graphql.run import run_use_case
from backend.services import clock, rulesets


@strawberry.input
class PublishRuleSetInput:
    effective_from: dt.date = strawberry.field(
        description="the organisation's date from which it is in force (from 00:00): tomorrow at the earliest, "
                    "and after the latest version's")
    parameters: RuleSetParametersInput  # type: ignore[valid-type]
    note: str | None = strawberry.field(default=None, description="why: shown with the version's history")


@strawberry.type
class PublishRuleSetSuccess:
    rule_set: RuleSetType


@strawberry.type
class AcknowledgeRuleSetSuccess:
    version: str
    acknowledged_at: dt.datetime
    created: bool = strawberry.field(description="false: already acknowledged; nothing written")


PublishRuleSetPayload = Annotated[PublishRuleSetSuccess | OperationError, strawberry.union("PublishRuleSetPayload")]
AcknowledgeRuleSetPayload = Annotated[AcknowledgeRuleSetSuccess | OperationError,
                                      strawberry.union("AcknowledgeRuleSetPayload")]


async def version_type(info: Info, version: str) -> RuleSetType:
    now = (await rulesets.version_at(clock.now())).version
    entry = next(e for e in await rulesets.history() if e.version.version == version)
    employee_id = info.context.viewer.employee_id
    mine = None if employee_id is None else await rulesets.acknowledged(employee_id)
    return RuleSetType.of(entry, in_force=now, mine=mine)


def publish_data(input: Any) -> rulesets.PublishData:
    return rulesets.PublishData(effective_from=input.effective_from, parameters=changes_of(input.parameters),
                                note=input.note)


@strawberry.type
class RuleSetMutation:
    @strawberry.mutation(extensions=[MutationGuard(IsHR)],
                         description="Publish a new rule-set version (HR). Guardrails are checked first: a breach "
                                     "is an error naming the parameter, its value and the bound, and nothing is "
                                     "written. A published version never changes.")
    async def publish_rule_set(self, info: Info, input: PublishRuleSetInput) -> PublishRuleSetPayload:
        result = await run_use_case(info.context, rulesets.publish_rule_set, data=publish_data(input))
        if isinstance(result, OperationError):
            return result
        rulesets.invalidate()  # this worker at once; the others on the bus message sent after the commit
        return PublishRuleSetSuccess(rule_set=await version_type(info, result.version))

    @strawberry.mutation(extensions=[MutationGuard(IsEmployee)],
                         description="Acknowledge that you read a rule-set version (again: nothing changes).")
    async def acknowledge_rule_set(self, info: Info, version: str) -> AcknowledgeRuleSetPayload:
        result = await run_use_case(info.context, rulesets.acknowledge, version=version)
        if isinstance(result, OperationError):
            return result
        return AcknowledgeRuleSetSuccess(version=result.version, acknowledged_at=result.acknowledged_at,
                                         created=result.created)
