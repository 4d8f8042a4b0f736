"""Performance set-up use cases (SPEC §4, §7): indicators, versioned effective-dated schemes, distribution guides,
and the period state every performance write checks (open, or locked with its scorecards frozen).

Who may do what: HR (and admins) configure; everyone reads the schemes and indicators (no black box, SPEC §7).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from backend.domain import performance as rules
from backend.domain.access import Viewer, ViewerKind
from backend.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from backend.domain.org import DepartmentKind, clean_code, clean_text
from backend.domain.performance import assessment_period
from backend.domain.performance_calibration import GuideLine, clean_guide
from backend.domain.periods import period_bounds
from backend.domain.rules import RuleSet
from backend.persistence import models as m
from backend.services import clock, rulesets
from backend.services.uow import UnitOfWork

ANY = "*"


async def rules_for_period(period: str, *, connection: Any = None) -> RuleSet:
    """The rule set a period is assessed under: the one in force at the period's end (its last instant, the
    moment its scores are judged)."""
    _, end = period_bounds(assessment_period(period), clock.zone())
    return await rulesets.rules_at(end - timedelta(microseconds=1), connection=connection)


async def rules_in_force(*, connection: Any = None) -> RuleSet:
    """The rule set in force now (for checks that belong to no period, such as a distribution guide's bands)."""
    return await rulesets.rules_now(connection=connection)


def org_today(zone: ZoneInfo, now: datetime | None = None) -> date:
    return (now or clock.now()).astimezone(zone).date()


def current_period(zone: ZoneInfo, now: datetime | None = None) -> str:
    today = org_today(zone, now)
    return f"{today.year:04d}-{today.month:02d}"


def require_hr(actor: Viewer, what: str = "configure performance assessment") -> None:
    if not actor.is_hr:
        raise PermissionDenied(f"only HR or an administrator may {what}")


def actor_label(actor: Viewer, name: str | None = None) -> str:
    """How a decision is signed on a scorecard: the person's name and number, or "system"."""
    if actor.kind is ViewerKind.SYSTEM:
        return "system"
    return f"{name} ({actor.employee_no})" if name else actor.label


# --- periods: open until locked ----------------------------------------------------------------------------


async def period_for_update(uow: UnitOfWork, period: str) -> m.PerformancePeriod:
    """The period's row, locked for this transaction: every write about a period serialises with its lock, so
    nothing lands in a period while its scorecards are being frozen. Created (open) on first use."""
    clean = assessment_period(period)
    await m.PerformancePeriod.bulk_create([m.PerformancePeriod(period=clean)], ignore_conflicts=True,
                                          using_db=uow.connection)
    row = await m.PerformancePeriod.filter(period=clean).using_db(uow.connection).select_for_update().first()
    if row is None:  # pragma: no cover - inserted or already there
        raise Conflict("the period could not be opened; retry")
    return row


async def check_open(uow: UnitOfWork, period: str) -> m.PerformancePeriod:
    row = await period_for_update(uow, period)
    if row.locked_at is not None:
        raise Conflict(f"{row.period} is locked: its scorecards are final", field="period")
    return row


async def latest_locked_period(connection: Any = None) -> str | None:
    row = await m.PerformancePeriod.filter(locked_at__isnull=False).using_db(connection).order_by("-period").first()
    return row.period if row else None


# --- indicators --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorData:
    code: str
    name_zh: str
    name_en: str
    unit: str
    direction: rules.Direction
    source: rules.Source


async def define_indicator(*, uow: UnitOfWork, data: IndicatorData) -> tuple[m.Indicator, bool]:
    """Create an indicator, or rename an existing one. Its unit, direction and source are fixed once a published
    scheme or a recorded value uses it (they would change what those mean). Returns (indicator, created)."""
    require_hr(uow.actor)
    clean = rules.clean_indicator(code=data.code, name_zh=data.name_zh, name_en=data.name_en, unit=data.unit,
                                  direction=data.direction, source=data.source)
    existing = await m.Indicator.filter(code=clean.code).using_db(uow.connection).select_for_update().first()
    after = {"code": clean.code, "name_zh": clean.name_zh, "name_en": clean.name_en, "unit": clean.unit,
             "direction": clean.direction.value, "source": clean.source.value}
    if existing is None:
        row = await m.Indicator.create(code=clean.code, name_zh=clean.name_zh, name_en=clean.name_en,
                                       unit=clean.unit, direction=clean.direction, source=clean.source,
                                       using_db=uow.connection)
        await uow.audit(action="performance.indicator.define", entity="performance_indicator", entity_id=row.id,
                        after=after)
        return row, True
    before = {"code": existing.code, "name_zh": existing.name_zh, "name_en": existing.name_en,
              "unit": existing.unit, "direction": existing.direction.value, "source": existing.source.value}
    if before == after:
        return existing, False
    meaning_changed = (existing.unit, existing.direction, existing.source) != (clean.unit, clean.direction,
                                                                               clean.source)
    if meaning_changed and (await m.SchemeLine.filter(indicator_id=existing.id).using_db(uow.connection).exists()
                            or await m.Measurement.filter(indicator_id=existing.id).using_db(uow.connection)
                            .exists()):
        raise Conflict(f"{existing.code} is used by a published scheme or recorded values: its unit, direction and "
                       "source cannot change (define a new indicator instead)", field="code")
    existing.name_zh, existing.name_en, existing.unit = clean.name_zh, clean.name_en, clean.unit
    existing.direction, existing.source = clean.direction, clean.source
    await existing.save(using_db=uow.connection)
    await uow.audit(action="performance.indicator.define", entity="performance_indicator", entity_id=existing.id,
                    before=before, after=after)
    return existing, False


def indicator_of(row: m.Indicator) -> rules.Indicator:
    return rules.Indicator(code=row.code, name_zh=row.name_zh, name_en=row.name_en, unit=row.unit,
                           direction=rules.Direction(row.direction), source=rules.Source(row.source))


async def indicators_by_code(codes: list[str], *, connection: Any = None) -> dict[str, m.Indicator]:
    rows = await m.Indicator.filter(code__in=codes).using_db(connection)
    return {row.code: row for row in rows}


# --- schemes -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineData:
    indicator_code: str
    weight: Decimal
    target: Decimal


@dataclass(frozen=True, slots=True)
class SchemeData:
    effective_from: str
    lines: list[LineData]
    department_code: str | None = None
    position: str | None = None
    kind: DepartmentKind | None = None  # needed when the scheme names no department
    name: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Published:
    version: m.SchemeVersion
    created: bool  # False: this exact version was already published (a retry)


def scope_key(department_id: int | None, position: str | None) -> str:
    return f"{department_id if department_id is not None else ANY}|{position if position is not None else ANY}"


async def publish_scheme(*, uow: UnitOfWork, data: SchemeData) -> Published:
    """Publish a new, immutable version of a scheme, in force from `effective_from`. It cannot reach back into a
    locked period, and a scheme outside its guardrail is refused with the guardrail and the weight named."""
    require_hr(uow.actor, "publish assessment schemes")
    effective = assessment_period(data.effective_from, field="effectiveFrom")
    department = None
    if data.department_code:
        department = await m.Department.filter(code=clean_code(data.department_code, field="departmentCode")) \
            .using_db(uow.connection).first()
        if department is None:
            raise NotFound(f"no department with code {data.department_code!r}", field="departmentCode")
    position = clean_text(data.position, field="position") if data.position else None
    if department is None and position is None:
        raise ValidationError("a scheme applies to a department, a position, or a position within a department",
                              field="departmentCode")
    kind = department.kind if department is not None else data.kind
    if kind is None:
        raise ValidationError("a scheme for a position in any department says whether it is a frontline or a "
                              "backend scheme", field="kind")
    if department is not None and data.kind is not None and data.kind is not department.kind:
        raise ValidationError(f"{department.code} is a {department.kind.value.lower()} department", field="kind")
    # Serialise with a lock of that period (and with other publishes of the same scope, below).
    await period_for_update(uow, effective)
    latest_locked = await latest_locked_period(uow.connection)
    if latest_locked is not None and effective <= latest_locked:
        raise Conflict(f"{latest_locked} is locked: a new version can take effect after it at the earliest",
                       field="effectiveFrom")
    codes = [clean_code(line.indicator_code, field=f"lines.{i}.indicatorCode") for i, line in enumerate(data.lines)]
    found = await indicators_by_code(codes, connection=uow.connection)
    for index, code in enumerate(codes):
        if code not in found:
            raise NotFound(f"no indicator with code {code!r}", field=f"lines.{index}.indicatorCode")
    ruleset = await rules_for_period(effective, connection=uow.connection)
    lines = rules.check_scheme([rules.SchemeLine(indicator_of(found[code]), line.weight, line.target)
                                for code, line in zip(codes, data.lines, strict=True)], kind=kind, rules=ruleset)
    name = clean_text(data.name, field="name") if data.name else _default_name(department, position)
    note = clean_text(data.note, field="note", max_length=2000, required=False) if data.note else ""
    scheme = await _scheme_for_update(uow, department, position, kind, name)
    digest = _content_hash(effective, name, lines)
    latest = await m.SchemeVersion.filter(scheme_id=scheme.id).using_db(uow.connection).order_by("-version").first()
    if latest is not None and latest.content_hash == digest:
        return Published(version=latest, created=False)
    version = await m.SchemeVersion.create(
        scheme_id=scheme.id, version=(latest.version + 1) if latest else 1, effective_from=effective,
        content_hash=digest, rule_version=ruleset.version, note=note, published_by=uow.actor.label,
        using_db=uow.connection)
    await m.SchemeLine.bulk_create([
        m.SchemeLine(version_id=version.id, indicator_id=found[line.indicator.code].id, position=index,
                     weight=line.weight, target=line.target) for index, line in enumerate(lines)],
        using_db=uow.connection)
    before = None
    if latest is not None:
        previous = await m.SchemeLine.filter(version_id=latest.id).using_db(uow.connection) \
            .order_by("position").values("indicator__code", "weight", "target")
        before = {"version": latest.version, "effective_from": latest.effective_from,
                  **{f"line:{r['indicator__code']}": f"{r['weight']} @ {r['target']}" for r in previous}}
    await uow.audit(action="performance.scheme.publish", entity="performance_scheme", entity_id=scheme.id,
                    before=before, after={"version": version.version, "effective_from": effective, "name": name,
                                          "scope": scheme.scope_key, "rule_version": ruleset.version,
                                          **{f"line:{line.indicator.code}": f"{line.weight} @ {line.target}"
                                             for line in lines}})
    version.scheme = scheme
    return Published(version=version, created=True)


def _default_name(department: m.Department | None, position: str | None) -> str:
    return " / ".join(part for part in (department.name if department else None, position) if part) + " 考核方案"


def _content_hash(effective: str, name: str, lines: list[rules.SchemeLine]) -> str:
    payload = json.dumps({"effective": effective, "name": name,
                          "lines": [[line.indicator.code, str(line.weight.normalize()), str(line.target.normalize())]
                                    for line in lines]}, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


async def _scheme_for_update(uow: UnitOfWork, department: m.Department | None, position: str | None,
                             kind: DepartmentKind, name: str) -> m.Scheme:
    key = scope_key(department.id if department else None, position)
    await m.Scheme.bulk_create([m.Scheme(scope_key=key, department_id=department.id if department else None,
                                         position=position, kind=kind, name=name)],
                               ignore_conflicts=True, using_db=uow.connection)
    scheme = await m.Scheme.filter(scope_key=key).using_db(uow.connection).select_for_update().first()
    if scheme is None:  # pragma: no cover
        raise Conflict("the scheme could not be stored; retry")
    if scheme.name != name:
        scheme.name = name
        await scheme.save(using_db=uow.connection, update_fields=["name"])
    return scheme


# --- distribution guides -----------------------------------------------------------------------------------


async def set_distribution_guide(*, uow: UnitOfWork, department_code: str | None,
                                 bands: list[GuideLine]) -> list[m.DistributionGuide]:
    """Replace a department's guide (or, without a department, the default for departments without their own).
    An empty list removes it."""
    require_hr(uow.actor, "set distribution guides")
    scope = ANY
    if department_code:
        department = await m.Department.filter(code=clean_code(department_code, field="departmentCode")) \
            .using_db(uow.connection).first()
        if department is None:
            raise NotFound(f"no department with code {department_code!r}", field="departmentCode")
        scope = str(department.id)
    cleaned = clean_guide(bands, await rules_in_force(connection=uow.connection))
    existing = await m.DistributionGuide.filter(scope_key=scope).using_db(uow.connection).select_for_update()
    before = {f"band:{row.min_score}": f"max {row.max_share} min {row.min_share}" for row in existing}
    await m.DistributionGuide.filter(scope_key=scope).using_db(uow.connection).delete()
    rows = [m.DistributionGuide(scope_key=scope, min_score=g.min_score, max_share=g.max_share, min_share=g.min_share,
                                set_by=uow.actor.label) for g in cleaned]
    await m.DistributionGuide.bulk_create(rows, using_db=uow.connection)
    await uow.audit(action="performance.guide.set", entity="performance_distribution_guide",
                    entity_id=department_code or ANY, before=before or None,
                    after={f"band:{g.min_score}": f"max {g.max_share} min {g.min_share}" for g in cleaned})
    return await m.DistributionGuide.filter(scope_key=scope).using_db(uow.connection).order_by("-min_score")


def guide_lines(rows: list[m.DistributionGuide]) -> list[GuideLine]:
    return [GuideLine(min_score=Decimal(r.min_score), max_share=None if r.max_share is None else Decimal(r.max_share),
                      min_share=None if r.min_share is None else Decimal(r.min_share)) for r in rows]
