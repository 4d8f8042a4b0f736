"""Published rule sets (SPEC §7): the version in force at any instant, publishing a new one, acknowledgements.

Versions are immutable and always take effect in the future (from 00:00 of a later organisation date), so every
worker keeps them all in memory: `rules_at` answers from that copy without a query. A publish is announced on
the `rulesets` bus channel after it commits; each worker (attached by `watch`) then drops its copy and reloads
on the next read, long before the new version takes effect.

Version "1" is the SPEC defaults (inserted by a migration). When the table holds no version "1" (a test
database emptied between tests), the built-in defaults stand in for it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, ClassVar

from tortoise.expressions import Q, Subquery

from backend.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from backend.domain.events import DomainEvent
from backend.domain.org import clean_text
from backend.domain.rules import DEFAULT_RULES, RuleSet
from backend.domain.ruleset_params import Change, Parameters, diff, from_parameters, merge, to_parameters
from backend.events.bus import EventBus, Message
from backend.persistence.models import Employee, RuleAcknowledgement, RuleSetVersion
from backend.services import clock
from backend.services.uow import UnitOfWork

RULESETS_CHANNEL = "rulesets"
# Version "1" is in force from 2000-01-01 00:00 in Shanghai: before any data (the migration inserts the same).
FIRST_EFFECTIVE_FROM = datetime(1999, 12, 31, 16, 0, tzinfo=UTC)
MAX_NOTE = 2000


@dataclass(frozen=True, slots=True)
class Version:
    number: int
    version: str
    effective_from: datetime
    parameters: Parameters
    rules: RuleSet
    note: str = ""
    published_at: datetime | None = None
    published_by: str = "system"


def _built_in() -> Version:
    return Version(number=1, version="1", effective_from=FIRST_EFFECTIVE_FROM,
                   parameters=to_parameters(DEFAULT_RULES), rules=DEFAULT_RULES,
                   note="SPEC 默认规则 / The SPEC defaults")


def _of(row: RuleSetVersion) -> Version:
    return Version(number=row.number, version=row.version, effective_from=row.effective_from,
                   parameters=dict(row.parameters), rules=from_parameters(row.parameters, version=row.version),
                   note=row.note, published_at=row.published_at, published_by=row.published_by)


@dataclass
class _Cache:
    versions: tuple[Version, ...] | None = None
    starts: list[datetime] = field(default_factory=list)
    generation: int = 0


_cache = _Cache()


def invalidate(message: Message | None = None) -> None:
    """Forget the versions (a publish committed somewhere, or the bus resynchronised); the next read reloads."""
    _cache.generation += 1
    _cache.versions = None
    _cache.starts = []


async def watch(bus: EventBus) -> None:
    """Reload after a publish on any worker (called once per process at start-up)."""
    await bus.attach(RULESETS_CHANNEL, invalidate)


async def unwatch(bus: EventBus) -> None:
    await bus.detach(RULESETS_CHANNEL, invalidate)


async def _load(connection: Any = None) -> tuple[Version, ...]:
    rows = await RuleSetVersion.all().using_db(connection).order_by("number")
    versions = [_of(row) for row in rows]
    if not any(v.version == "1" for v in versions):
        versions.insert(0, _built_in())
    return tuple(versions)


async def versions(*, connection: Any = None) -> tuple[Version, ...]:
    """Every published version, oldest first (from memory once loaded)."""
    cached = _cache.versions
    if cached is not None:
        return cached
    generation = _cache.generation
    loaded = await _load(connection)
    if _cache.generation == generation:  # no publish was announced while loading
        _cache.versions, _cache.starts = loaded, [v.effective_from for v in loaded]
    return loaded


async def version_at(moment: datetime, *, connection: Any = None) -> Version:
    if moment.tzinfo is None:
        raise ValueError("rules_at needs an aware datetime")
    loaded = await versions(connection=connection)
    starts = _cache.starts if _cache.versions is loaded else [v.effective_from for v in loaded]
    index = bisect_right(starts, moment) - 1
    return loaded[max(index, 0)]  # before version 1 (never in practice): version 1


async def rules_at(moment: datetime, *, connection: Any = None) -> RuleSet:
    """The rule set in force at `moment` (an aware datetime): the latest version effective at or before it."""
    return (await version_at(moment, connection=connection)).rules


async def rules_now(*, connection: Any = None) -> RuleSet:
    return await rules_at(clock.now(), connection=connection)


async def rules_named(version: str, *, connection: Any = None) -> RuleSet:
    """The rule set a record names (its `rule_version`); an unknown name (never published) reads as version 1."""
    return named(await rules_by_name(connection=connection), version)


async def rules_by_name(*, connection: Any = None) -> dict[str, RuleSet]:
    """Every version's rule set by name (a page of records, each naming the version it was judged by)."""
    return {v.version: v.rules for v in await versions(connection=connection)}


def named(by_name: dict[str, RuleSet], version: str) -> RuleSet:
    """From `rules_by_name`: the named version, or version 1 for a name never published."""
    return by_name.get(version) or by_name.get("1") or DEFAULT_RULES


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    version: Version
    changes: list[Change]  # from the version before (every parameter for the first)
    previous: str | None


async def history() -> list[HistoryEntry]:
    """Every version, newest first, each with what it changed from the one before."""
    loaded = await versions()
    entries = [HistoryEntry(version=v, previous=loaded[i - 1].version if i else None,
                            changes=diff(loaded[i - 1].parameters if i else None, v.parameters))
               for i, v in enumerate(loaded)]
    return entries[::-1]


# --- publishing -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleSetPublished(DomainEvent):
    channel: ClassVar[str] = RULESETS_CHANNEL
    version: str
    effective_from: str


@dataclass(frozen=True, slots=True)
class PublishData:
    effective_from: date  # an organisation date after today: in force from 00:00 that day
    parameters: Mapping[str, Any]  # the parameters that change (JSON encoding); the rest are inherited
    note: str | None = None


def start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=clock.zone()).astimezone(UTC)


async def publish_rule_set(*, uow: UnitOfWork, data: PublishData, at: datetime | None = None) -> Version:
    """HR only. Refused (nothing written) when the date is today or earlier (events of today were already judged
    under the version in force), not after the latest version's, changes nothing, or leaves a guardrail.
    `at` (the demo's history) publishes as of that instant; the API always publishes now."""
    if not uow.actor.is_hr:
        raise PermissionDenied("only HR or an administrator may publish a rule set")
    now = at or clock.now()
    today = clock.local_date(now)
    if data.effective_from <= today:
        raise ValidationError(f"a rule set takes effect from tomorrow ({_next(today)}) at "
                              f"the earliest: what happened until then stays judged by the version in force",
                              field="effectiveFrom")
    effective = start_of(data.effective_from)
    # Serialise publishes: the latest row locked (PostgreSQL); the unique number catches a race on an empty table.
    latest_row = await RuleSetVersion.all().using_db(uow.connection).select_for_update().order_by("-number").first()
    latest = _of(latest_row) if latest_row is not None else _built_in()
    if effective <= latest.effective_from:
        raise Conflict(f"version {latest.version} takes effect on "
                       f"{clock.local_date(latest.effective_from).isoformat()}: a new version must take effect "
                       f"after it", field="effectiveFrom")
    number = latest.number + 1
    try:
        rules = from_parameters(merge(latest.parameters, data.parameters), version=str(number))  # guardrails
    except ValidationError as error:
        raise ValidationError(error.message, field=input_field(error.field)) from error
    changes = diff(latest.parameters, to_parameters(rules))
    if not changes:
        raise ValidationError(f"this changes no parameter of version {latest.version}", field="parameters")
    note = clean_text(data.note, field="note", max_length=MAX_NOTE, required=False) if data.note else ""
    row = await RuleSetVersion.create(number=number, version=str(number), effective_from=effective,
                                      parameters=to_parameters(rules), note=note, published_at=now,
                                      published_by=uow.actor.label, using_db=uow.connection)
    await uow.audit(action="ruleset.publish", entity="rule_set", entity_id=row.version,
                    before={"version": latest.version, **{c.name: c.before for c in changes}},
                    after={"version": row.version, "effective_from": effective.isoformat(), "note": note,
                           **{c.name: c.after for c in changes}})
    uow.record(RuleSetPublished(version=row.version, effective_from=effective.isoformat()))
    return _of(row)


# Guardrails that bind several parameters name the group; the input names the first of them.
_GROUPS = {"utilisationWeights": "utilisationHandoffWeight", "projectWeights": "projectWeightPoints",
           "projectSideSplit": "projectSideSplitFrontline"}


def input_field(field: str | None) -> str:
    """Where in publishRuleSet's input a refused parameter is: "parameters.accrualRatio"."""
    name = field or ""
    return f"parameters.{_GROUPS.get(name, name)}" if name else "parameters"


async def draft(changes: Mapping[str, Any], *, at: datetime, version: str = "draft") -> RuleSet:
    """A rule set that is not published: the version in force at `at` with `changes` (publishRuleSet's input
    encoding) applied, guardrails checked as at publish. Writes nothing (for previewRuleSet)."""
    base = await version_at(at)
    try:
        return from_parameters(merge(base.parameters, changes), version=version)
    except ValidationError as error:
        raise ValidationError(error.message, field=input_field(error.field)) from error


def _next(day: date) -> str:
    return date.fromordinal(day.toordinal() + 1).isoformat()


# --- acknowledgements -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    employee_id: int
    version: str
    acknowledged_at: datetime
    created: bool


async def acknowledge(*, uow: UnitOfWork, version: str) -> Acknowledgement:
    """An employee acknowledges a published version (idempotent: again changes nothing, writes no audit)."""
    employee_id = uow.actor.employee_id
    if employee_id is None or not uow.actor.is_employee:
        raise PermissionDenied("only an employee acknowledges rules")
    name = (version or "").strip()
    if not any(v.version == name for v in await versions(connection=uow.connection)):
        raise NotFound(f"no published rule set version {version!r}", field="version")
    existing = await RuleAcknowledgement.filter(employee_id=employee_id, version=name).using_db(uow.connection).first()
    if existing is not None:
        return Acknowledgement(employee_id, name, existing.acknowledged_at, created=False)
    now = clock.now()
    await RuleAcknowledgement.bulk_create([RuleAcknowledgement(employee_id=employee_id, version=name,
                                                               acknowledged_at=now)],
                                          ignore_conflicts=True, using_db=uow.connection)
    row = await RuleAcknowledgement.filter(employee_id=employee_id, version=name).using_db(uow.connection).get()
    if row.acknowledged_at != now:  # a concurrent acknowledgement won
        return Acknowledgement(employee_id, name, row.acknowledged_at, created=False)
    await uow.audit(action="ruleset.acknowledge", entity="rule_set", entity_id=name, before=None,
                    after={"employee_id": employee_id, "version": name, "acknowledged_at": now.isoformat()})
    return Acknowledgement(employee_id, name, now, created=True)


async def acknowledged(employee_id: int) -> set[str]:
    rows = await RuleAcknowledgement.filter(employee_id=employee_id).values_list("version", flat=True)
    return {str(version) for version in rows}


@dataclass(frozen=True, slots=True)
class UnacknowledgedPage:
    version: str
    total: int
    employee_ids: list[int]
    has_next_page: bool


async def unacknowledged(*, version: str | None, first: int, after: int | None) -> UnacknowledgedPage:
    """Employees on the books today who have not acknowledged `version` (default: the one in force), by id."""
    name = version or (await version_at(clock.now())).version
    if not any(v.version == name for v in await versions()):
        raise NotFound(f"no published rule set version {version!r}", field="version")
    today = clock.today()
    done = Subquery(RuleAcknowledgement.filter(version=name).values("employee_id"))
    query = Employee.filter(Q(leave_date__isnull=True) | Q(leave_date__gte=today), hire_date__lte=today) \
        .exclude(id__in=done)
    total = await query.count()
    if after is not None:
        query = query.filter(id__gt=after)
    ids = list(await query.order_by("id").limit(first + 1).values_list("id", flat=True))
    return UnacknowledgedPage(version=name, total=total, employee_ids=[int(str(i)) for i in ids[:first]],
                              has_next_page=len(ids) > first)
