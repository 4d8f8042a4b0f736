"""Rule-set versions as readers see them: parameters, plain-language descriptions, what changed; audit entries."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import strawberry

from backend.domain.ruleset_params import Change, display
from backend.domain.ruleset_texts import PARAMETERS
from backend.graphql.org.types import EmployeeType, PageInfo
from backend.graphql.rulesets.parameters import RuleSetParameters, parameters_type
from backend.persistence.models import AuditEntry
from backend.services import clock
from backend.services.rulesets import HistoryEntry, Version


@strawberry.type(description="One parameter in plain language, for the Rules page.")
class RuleParameterEntry:
    name: str = strawberry.field(description='as in RuleSetParameters, e.g. "accrualRatio"')
    section: str = strawberry.field(description="SUPPORT, UTILISATION, ANALYTICS, PROJECTS, PERFORMANCE, "
                                                "COMMISSION, FUND or DEDUCTIONS")
    kind: str
    label_zh: str
    label_en: str
    description_zh: str
    description_en: str
    value: str = strawberry.field(description='the value as a person reads it, e.g. "0.12", "24 h"')


@strawberry.type(description="A parameter (for SLA and priority weights: one priority of it) that a version "
                             "changed from the one before.")
class RuleChange:
    name: str = strawberry.field(description='e.g. "accrualRatio", "sla.URGENT"')
    label_zh: str
    label_en: str
    before: str | None = strawberry.field(description="null: not in the version before")
    after: str

    @classmethod
    def of(cls, change: Change) -> RuleChange:
        return cls(name=change.name, label_zh=change.label_zh, label_en=change.label_en, before=change.before,
                   after=change.after)


@strawberry.type(name="RuleSet", description="A published, immutable rule-set version (SPEC §7).")
class RuleSetType:
    version: str
    effective_from: dt.datetime = strawberry.field(description="in force from this instant (00:00, org time)")
    effective_date: dt.date = strawberry.field(description="the organisation's date it takes effect")
    published_at: dt.datetime | None = strawberry.field(description="null for version 1, the built-in defaults")
    published_by: str
    note: str
    in_force: bool = strawberry.field(description="whether this is the version in force now")
    previous_version: str | None
    changes: list[RuleChange] = strawberry.field(
        description="what this version changed from the previous one (every parameter for version 1)")
    parameters: RuleSetParameters  # type: ignore[valid-type]
    entries: list[RuleParameterEntry] = strawberry.field(description="every parameter in plain language")
    acknowledged_by_me: bool | None = strawberry.field(
        description="whether the signed-in employee acknowledged this version (null for partners)")

    @classmethod
    def of(cls, entry: HistoryEntry, *, in_force: str, mine: set[str] | None) -> RuleSetType:
        v: Version = entry.version
        return cls(version=v.version, effective_from=v.effective_from,
                   effective_date=clock.local_date(v.effective_from), published_at=v.published_at,
                   published_by=v.published_by, note=v.note, in_force=v.version == in_force,
                   previous_version=entry.previous, changes=[RuleChange.of(c) for c in entry.changes],
                   parameters=parameters_type(v.parameters),
                   entries=[RuleParameterEntry(name=p.name, section=p.section.value, kind=p.kind.value,
                                               label_zh=p.label_zh, label_en=p.label_en,
                                               description_zh=p.description_zh, description_en=p.description_en,
                                               value=display(p, v.parameters[p.name])) for p in PARAMETERS],
                   acknowledged_by_me=None if mine is None else v.version in mine)


@strawberry.type
class RuleSetAcknowledgements:
    version: str
    unacknowledged_count: int = strawberry.field(description="employees on the books today who have not")
    unacknowledged: list[EmployeeType]
    page_info: PageInfo


@strawberry.type(description="One audit-log entry: who did what, when, with the record before and after.")
class AuditEntryType:
    id: strawberry.ID
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None = strawberry.field(description="JSON text")
    after: str | None = strawberry.field(description="JSON text")

    @classmethod
    def of(cls, row: AuditEntry | dict[str, Any], cursor: str) -> AuditEntryType:
        get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
        return cls(id=strawberry.ID(cursor), at=get("at"), actor=get("actor"), action=get("action"),
                   entity=get("entity"), entity_id=get("entity_id"), before=_json(get("before")),
                   after=_json(get("after")))


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


@strawberry.type
class AuditEntryEdge:
    cursor: str
    node: AuditEntryType


@strawberry.type
class AuditEntryConnection:
    edges: list[AuditEntryEdge]
    page_info: PageInfo
