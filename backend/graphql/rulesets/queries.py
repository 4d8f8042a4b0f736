"""ruleSet(at), ruleSets (every signed-in caller: the rules are public, SPEC §7), ruleSetAcknowledgements and
auditLog (HR)."""

from __future__ import annotations

import datetime as dt

import strawberry
from graphql import GraphQLError

from backend.domain.errors import DomainError
from backend.graphql.context import Info
from backend.graphql.ids import decode_id, encode_id
from backend.graphql.org.types import EmployeeType, PageInfo
from backend.graphql.permissions import IsAuthenticated, IsHR
from backend.graphql.rulesets.types import (
    AuditEntryConnection,
    AuditEntryEdge,
    AuditEntryType,
    RuleSetAcknowledgements,
    RuleSetType,
)
from backend.services import audit_log, clock, rulesets
from backend.services.org import employee_rows

MAX_PAGE = 200


class CanReadRules(IsAuthenticated):
    message = "The rules are open to every signed-in employee and partner."


@strawberry.input
class AuditLogFilter:
    entity: str | None = strawberry.field(default=None, description='e.g. "rule_set", "employee"')
    action: str | None = strawberry.field(default=None, description='exact, or a prefix ending in "." '
                                                                    '(e.g. "ruleset.")')
    actor: str | None = strawberry.field(default=None, description='e.g. "employee:HR0001", "system"')
    from_: dt.datetime | None = strawberry.field(default=None, name="from", description="inclusive")
    to: dt.datetime | None = strawberry.field(default=None, description="exclusive")


def audit_filter(value: AuditLogFilter | None) -> audit_log.AuditFilter:
    if value is None:
        return audit_log.AuditFilter()
    return audit_log.AuditFilter(entity=value.entity, action=value.action, actor=value.actor, start=value.from_,
                                 end=value.to)


async def _mine(info: Info) -> set[str] | None:
    employee_id = info.context.viewer.employee_id
    return None if employee_id is None else await rulesets.acknowledged(employee_id)


@strawberry.type
class RuleSetQuery:
    @strawberry.field(permission_classes=[CanReadRules],
                      description="The rule-set version in force at `at` (default: now), in plain language.")
    async def rule_set(self, info: Info, at: dt.datetime | None = None) -> RuleSetType:
        moment = at or clock.now()
        if moment.tzinfo is None:
            raise GraphQLError("at needs a time zone offset")
        in_force = (await rulesets.version_at(moment)).version
        now = (await rulesets.version_at(clock.now())).version
        entry = next(e for e in await rulesets.history() if e.version.version == in_force)
        return RuleSetType.of(entry, in_force=now, mine=await _mine(info))

    @strawberry.field(permission_classes=[CanReadRules],
                      description="Every published version, newest first, each with its changes from the one "
                                  "before.")
    async def rule_sets(self, info: Info) -> list[RuleSetType]:
        now = (await rulesets.version_at(clock.now())).version
        mine = await _mine(info)
        return [RuleSetType.of(e, in_force=now, mine=mine) for e in await rulesets.history()]

    @strawberry.field(permission_classes=[IsHR],
                      description="Who has not acknowledged a version (default: the one in force), by employee id.")
    async def rule_set_acknowledgements(self, info: Info, version: str | None = None, first: int = 50,
                                        after: str | None = None) -> RuleSetAcknowledgements:
        if not 1 <= first <= MAX_PAGE:
            raise GraphQLError(f"first must be between 1 and {MAX_PAGE}")
        try:
            after_id = decode_id("Employee", after, field="after") if after else None
            page = await rulesets.unacknowledged(version=version, first=first, after=after_id)
        except DomainError as error:
            raise GraphQLError(error.message) from error
        nodes = EmployeeType.from_rows(await employee_rows(page.employee_ids))
        return RuleSetAcknowledgements(
            version=page.version, unacknowledged_count=page.total, unacknowledged=nodes,
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=nodes[-1].id if nodes else None))

    @strawberry.field(permission_classes=[IsHR],
                      description=f"The audit log, newest first, a cursor page at a time (first ≤ "
                                  f"{audit_log.MAX_PAGE}). As CSV: GET /exports/audit.csv with the same filters.")
    async def audit_log(self, info: Info, filter: AuditLogFilter | None = None, first: int = 50,
                        after: str | None = None) -> AuditEntryConnection:
        try:
            before_id = decode_id("AuditEntry", after, field="after") if after else None
            page = await audit_log.page(audit_filter(filter), first=first, before_id=before_id)
        except DomainError as error:
            raise GraphQLError(error.message) from error
        edges = []
        for row in page.rows:
            cursor = encode_id("AuditEntry", row.id)
            edges.append(AuditEntryEdge(cursor=cursor, node=AuditEntryType.of(row, cursor)))
        return AuditEntryConnection(edges=edges, page_info=PageInfo(
            has_next_page=page.has_next_page, end_cursor=edges[-1].cursor if edges else None))


__all__ = ["AuditLogFilter", "RuleSetQuery", "audit_filter"]
