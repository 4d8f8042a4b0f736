"""Scorecards (SPEC §4): computed on demand for an open period, read from the frozen snapshots of a locked one.

One employee or five thousand, the work is the same fixed set of queries (employees, their assignment history,
scheme versions and lines, the period's measurements, support requests, support links, closed projects, appeals);
everything else happens in memory with the pure domain. A person is assessed by the department and position of the
assignment in force on the period's last day (or their last day, for someone who left during it), under the
scheme that applies to that assignment: the position within the department, else the position anywhere (same side
of the triangle), else the department.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import Q, Subquery

from backend.domain import performance as rules
from backend.domain import support as support_rules
from backend.domain.org import DepartmentKind
from backend.domain.org import assignment_on as domain_assignment_on
from backend.domain.performance import assessment_period
from backend.domain.performance_calibration import AppealStatus
from backend.domain.performance_snapshot import scorecard_from_json, scorecard_to_json
from backend.domain.performance_sources import (
    Candidate,
    ClosedProject,
    HandledRequest,
    LinkedRegion,
    RaisedRequest,
    RecordedValue,
    linked_region_actual,
    project_actual,
    recorded_actual,
    satisfaction_actual,
    sla_rate_actual,
    utilisation_actual,
)
from backend.domain.periods import period_bounds
from backend.domain.projects import ProjectStatus
from backend.domain.rules import RuleSet, SlaLimit
from backend.domain.support import Priority, Status
from backend.persistence import models as m
from backend.persistence.raw import as_date, as_datetime, as_decimal, fetch_rows
from backend.services import clock, rulesets
from backend.services.performance import ANY, rules_for_period, scope_key

Source = rules.Source
SubjectKind = rules.SubjectKind
# Above this many people, read the whole period rather than build a long IN list.
SUBSET_LIMIT = 500
_PRIORITY = {p.value: p for p in Priority}
_STATUS = {s.value: s for s in Status}


# --- what a scorecard is about -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """An employee as assessed in a period: the assignment in force at its end."""

    id: int
    employee_no: str
    name: str
    department_id: int
    department_code: str
    department_name: str
    kind: DepartmentKind
    position: str
    region_id: int | None
    region_code: str | None
    region_name: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "employeeNo": self.employee_no, "name": self.name, "departmentId": self.department_id,
                "departmentCode": self.department_code, "departmentName": self.department_name,
                "kind": self.kind.value, "position": self.position, "regionId": self.region_id,
                "regionCode": self.region_code, "regionName": self.region_name}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Person:
        return cls(id=data["id"], employee_no=data["employeeNo"], name=data["name"],
                   department_id=data["departmentId"], department_code=data["departmentCode"],
                   department_name=data["departmentName"], kind=DepartmentKind(data["kind"]),
                   position=data["position"], region_id=data["regionId"], region_code=data["regionCode"],
                   region_name=data["regionName"])


@dataclass(frozen=True, slots=True)
class SchemeRef:
    version_id: int
    scheme_id: int
    version: int
    effective_from: str
    name: str
    department_id: int | None
    position: str | None
    kind: DepartmentKind
    rule_version: str

    def to_json(self) -> dict[str, Any]:
        return {"versionId": self.version_id, "schemeId": self.scheme_id, "version": self.version,
                "effectiveFrom": self.effective_from, "name": self.name, "departmentId": self.department_id,
                "position": self.position, "kind": self.kind.value, "ruleVersion": self.rule_version}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SchemeRef:
        return cls(version_id=data["versionId"], scheme_id=data["schemeId"], version=data["version"],
                   effective_from=data["effectiveFrom"], name=data["name"], department_id=data["departmentId"],
                   position=data["position"], kind=DepartmentKind(data["kind"]), rule_version=data["ruleVersion"])


@dataclass(frozen=True, slots=True)
class AppealRef:
    id: int
    indicator_code: str
    status: AppealStatus
    reason: str
    submitted_at: datetime
    response: str | None
    decided_at: datetime | None
    decided_by: str | None


@dataclass(frozen=True, slots=True)
class EmployeeScorecard:
    period: str
    person: Person
    scheme: SchemeRef | None  # None: no scheme applies to their assignment
    card: rules.Scorecard | None
    frozen: bool
    locked_at: datetime | None
    rule_version: str
    appeals: tuple[AppealRef, ...] = ()

    @property
    def total(self) -> Decimal | None:
        return self.card.total if self.card else None


def _person_label(person: Person) -> str:
    return f"{person.employee_no} {person.name}"


# --- loading a period --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Assigned:
    effective_from: date
    department_id: int
    department_code: str
    department_name: str
    kind: DepartmentKind
    region_id: int | None
    region_code: str | None
    region_name: str | None
    position: str


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose scorecards: everyone, some employees, or the members of a department (in that period)."""

    employee_ids: frozenset[int] | None = None
    department_id: int | None = None


def local_days(period: str, zone: ZoneInfo) -> tuple[datetime, datetime, date, date]:
    start, end = period_bounds(period, zone)
    first_day = start.astimezone(zone).date()
    last_day = (end.astimezone(zone) - timedelta(days=1)).date()
    return start, end, first_day, last_day


def _employee_filter(query: Any, scope: Scope, *, first_day: date, last_day: date, prefix: str = "") -> Any:
    hired: dict[str, Any] = {f"{prefix}hire_date__lte": last_day}
    staying: dict[str, Any] = {f"{prefix}leave_date__isnull": True}
    left_later: dict[str, Any] = {f"{prefix}leave_date__gte": first_day}
    query = query.filter(**hired).filter(Q(**staying) | Q(**left_later))
    id_field = f"{prefix}id" if prefix == "" else "employee_id"
    if scope.employee_ids is not None:
        query = query.filter(**{f"{id_field}__in": sorted(scope.employee_ids)})
    if scope.department_id is not None:
        members = m.EmployeeAssignment.filter(department_id=scope.department_id, effective_from__lte=last_day)
        query = query.filter(**{f"{id_field}__in": Subquery(members.values("employee_id"))})
    return query


async def people_in_period(scope: Scope, *, first_day: date, last_day: date, connection: Any) -> list[Person]:
    employees = await fetch_rows(_employee_filter(m.Employee.all(), scope, first_day=first_day, last_day=last_day)
                                 .using_db(connection).order_by("id")
                                 .values("id", "employee_no", "name", "hire_date", "leave_date"))
    history = await fetch_rows(_employee_filter(
        m.EmployeeAssignment.filter(effective_from__lte=last_day), scope, first_day=first_day, last_day=last_day,
        prefix="employee__").using_db(connection).order_by("employee_id", "effective_from").values(
        "employee_id", "effective_from", "department_id", "department__code", "department__name",
        "department__kind", "region_id", "region__code", "region__name", "position"))
    by_employee: dict[int, list[_Assigned]] = defaultdict(list)
    for row in history:
        effective = as_date(row["effective_from"])
        assert effective is not None
        by_employee[row["employee_id"]].append(_Assigned(
            effective_from=effective, department_id=row["department_id"],
            department_code=row["department__code"], department_name=row["department__name"],
            kind=DepartmentKind(row["department__kind"]), region_id=row["region_id"],
            region_code=row["region__code"], region_name=row["region__name"], position=row["position"]))
    people = []
    for row in employees:
        hire, leave = as_date(row["hire_date"]), as_date(row["leave_date"])
        assert hire is not None
        day = min(last_day, leave) if leave else last_day
        assigned = domain_assignment_on(by_employee.get(row["id"], []), day, hire_date=hire, leave_date=leave)
        if assigned is None:
            continue
        if scope.department_id is not None and assigned.department_id != scope.department_id:
            continue  # moved out of the department before the period's end
        people.append(Person(
            id=row["id"], employee_no=row["employee_no"], name=row["name"], department_id=assigned.department_id,
            department_code=assigned.department_code, department_name=assigned.department_name, kind=assigned.kind,
            position=assigned.position, region_id=assigned.region_id, region_code=assigned.region_code,
            region_name=assigned.region_name))
    return people


@dataclass(frozen=True, slots=True)
class _Version:
    ref: SchemeRef
    lines: list[tuple[int, rules.SchemeLine]]  # (indicator id, line)


async def _versions(period: str, connection: Any) -> dict[str, _Version]:
    """The version in force for the period of every scheme that has one, by scope key."""
    rows = await m.SchemeVersion.filter(effective_from__lte=period).using_db(connection).order_by(
        "scheme_id", "version").values("id", "scheme_id", "version", "effective_from", "rule_version",
                                       "scheme__scope_key", "scheme__name", "scheme__department_id",
                                       "scheme__position", "scheme__kind")
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        latest[row["scheme__scope_key"]] = row  # ordered by version: the last one wins
    if not latest:
        return {}
    line_rows = await m.SchemeLine.filter(version_id__in=[r["id"] for r in latest.values()]).using_db(connection) \
        .order_by("version_id", "position").values(
        "version_id", "indicator_id", "weight", "target", "indicator__code", "indicator__name_zh",
        "indicator__name_en", "indicator__unit", "indicator__direction", "indicator__source")
    lines: dict[int, list[tuple[int, rules.SchemeLine]]] = defaultdict(list)
    for row in line_rows:
        indicator = rules.Indicator(code=row["indicator__code"], name_zh=row["indicator__name_zh"],
                                    name_en=row["indicator__name_en"], unit=row["indicator__unit"],
                                    direction=rules.Direction(row["indicator__direction"]),
                                    source=Source(row["indicator__source"]))
        lines[row["version_id"]].append((row["indicator_id"], rules.SchemeLine(
            indicator=indicator, weight=_dec(row["weight"]), target=_dec(row["target"]))))
    return {key: _Version(ref=SchemeRef(
        version_id=row["id"], scheme_id=row["scheme_id"], version=row["version"],
        effective_from=row["effective_from"], name=row["scheme__name"], department_id=row["scheme__department_id"],
        position=row["scheme__position"], kind=DepartmentKind(row["scheme__kind"]), rule_version=row["rule_version"]),
        lines=lines.get(row["id"], [])) for key, row in latest.items()}


def _dec(value: Any) -> Decimal:
    parsed = as_decimal(value)
    assert parsed is not None
    return parsed.normalize() if parsed == parsed.to_integral_value() else parsed


def scheme_for(person: Person, versions: dict[str, _Version]) -> _Version | None:
    """Most specific first: this position in this department, this position anywhere on the same side of the
    triangle, then the department as a whole."""
    for key in (scope_key(person.department_id, person.position), scope_key(None, person.position),
                scope_key(person.department_id, None)):
        chosen = versions.get(key)
        if chosen is not None and (not key.startswith(f"{ANY}|") or chosen.ref.kind is person.kind):
            return chosen
    return None


@dataclass(slots=True)
class _Facts:
    measurements: dict[tuple[int, SubjectKind, int], RecordedValue]
    handled: dict[int, list[HandledRequest]]
    raised: dict[int, list[RaisedRequest]]
    links: dict[int, list[LinkedRegion]]
    projects: dict[int, list[ClosedProject]]
    adjustments: dict[tuple[int, str], rules.Adjustment]
    appeals: dict[int, list[AppealRef]]


REQUEST_COLUMNS = ("id", "title", "priority", "status", "customer_reported_at", "submitted_at", "accepted_at",
                   "started_at", "resolved_at", "rating", "reopen_count", "response_due_at", "resolution_due_at",
                   "assignee_id", "submitter_id", "rule_version")


def _figures(row: dict[str, Any], by_name: dict[str, RuleSet], as_of: datetime) -> support_rules.Figures:
    """The request's SLA figures, from `domain.support` exactly as its own page shows them (under the rule set
    it names: the one in force at its submission)."""
    ruleset = rulesets.named(by_name, row["rule_version"])
    submitted = as_datetime(row["submitted_at"])
    reported = as_datetime(row["customer_reported_at"])
    response_due, resolution_due = as_datetime(row["response_due_at"]), as_datetime(row["resolution_due_at"])
    assert submitted and reported and response_due and resolution_due
    timing = support_rules.Timing(
        priority=_PRIORITY[row["priority"]], status=_STATUS[row["status"]], customer_reported_at=reported,
        submitted_at=submitted, accepted_at=as_datetime(row["accepted_at"]), started_at=as_datetime(row["started_at"]),
        resolved_at=as_datetime(row["resolved_at"]), rating=row["rating"], reopen_count=row["reopen_count"])
    limit = SlaLimit(response=response_due - submitted, resolution=resolution_due - submitted)
    return support_rules.figures(timing, ruleset, now=as_of, limit=limit)


async def _facts(period: str, people: list[Person], versions: dict[str, _Version], ruleset: RuleSet, *,
                 start: datetime, end: datetime, as_of: datetime, connection: Any) -> _Facts:
    sources = {line.indicator.source for v in versions.values() for _, line in v.lines}
    ids = [p.id for p in people]
    subset = len(ids) <= SUBSET_LIMIT
    facts = _Facts(measurements={}, handled=defaultdict(list), raised=defaultdict(list), links=defaultdict(list),
                   projects=defaultdict(list), adjustments={}, appeals=defaultdict(list))
    recorded = [i for v in versions.values() for i, line in v.lines if line.indicator.source in rules.RECORDED_SOURCES]
    if recorded and people:
        query = m.Measurement.filter(period=period, indicator_id__in=sorted(set(recorded)))
        if subset:
            query = query.filter(Q(subject_kind=SubjectKind.EMPLOYEE, subject_id__in=ids)
                                 | Q(subject_kind__in=[SubjectKind.DEPARTMENT, SubjectKind.REGION]))
        for row in await fetch_rows(query.using_db(connection).values("id", "indicator_id", "subject_kind",
                                                                        "subject_id", "value")):
            facts.measurements[(row["indicator_id"], SubjectKind(row["subject_kind"]), row["subject_id"])] = \
                RecordedValue(measurement_id=row["id"], value=_dec(row["value"]))
    by_name = await rulesets.rules_by_name(connection=connection)
    if sources & {Source.SUPPORT_SATISFACTION, Source.SUPPORT_SLA_RATE} and people:
        handled = m.SupportRequest.filter(status__in=[Status.RESOLVED, Status.CONFIRMED], resolved_at__gte=start,
                                          resolved_at__lt=end, assignee_id__not_isnull=True)
        if subset:
            handled = handled.filter(assignee_id__in=ids)
        for row in await fetch_rows(handled.using_db(connection).order_by("id").values(*REQUEST_COLUMNS)):
            facts.handled[row["assignee_id"]].append(HandledRequest(id=row["id"], title=row["title"],
                                                                    figures=_figures(row, by_name, as_of)))
    if Source.SUPPORT_UTILISATION in sources and people:
        raised = m.SupportRequest.filter(submitted_at__gte=start, submitted_at__lt=end) \
            .exclude(status=Status.CANCELLED)
        if subset:
            raised = raised.filter(submitter_id__in=ids)
        for row in await fetch_rows(raised.using_db(connection).order_by("id").values(*REQUEST_COLUMNS)):
            status = _STATUS[row["status"]]
            facts.raised[row["submitter_id"]].append(RaisedRequest(
                id=row["id"], title=row["title"], figures=_figures(row, by_name, as_of),
                resolved=status in support_rules.RESOLVED_STATUSES,
                confirmed_and_rated=status is Status.CONFIRMED and row["rating"] is not None))
    if Source.LINKED_REGION in sources and people:
        for row in await m.SupportLink.all().using_db(connection).order_by("department_id", "region__code").values(
                "department_id", "region_id", "weight", "region__code", "region__name"):
            facts.links[row["department_id"]].append(LinkedRegion(
                region_id=row["region_id"], code=row["region__code"], name=row["region__name"],
                weight=_dec(row["weight"])))
    if Source.PROJECT_ATTAINMENT in sources and people:
        members = m.ProjectMember.filter(project__status=ProjectStatus.CLOSED, project__closed_at__gte=start,
                                         project__closed_at__lt=end)
        if subset:
            members = members.filter(employee_id__in=ids)
        for row in await members.using_db(connection).order_by("project_id").values(
                "employee_id", "project_id", "project__name", "project__attainment"):
            facts.projects[row["employee_id"]].append(ClosedProject(
                id=row["project_id"], name=row["project__name"], attainment=_dec(row["project__attainment"])))
    await _appeals(period, ids if subset else None, facts, connection)
    return facts


async def _appeals(period: str, ids: list[int] | None, facts: _Facts, connection: Any) -> None:
    query = m.Appeal.filter(period=period)
    if ids is not None:
        query = query.filter(employee_id__in=ids)
    for row in await query.using_db(connection).order_by("id").values(
            "id", "employee_id", "indicator__code", "status", "reason", "submitted_at", "response", "decided_at",
            "decided_by_label", "adjusted_actual", "adjusted_score"):
        status = AppealStatus(row["status"])
        submitted, decided = as_datetime(row["submitted_at"]), as_datetime(row["decided_at"])
        assert submitted is not None
        facts.appeals[row["employee_id"]].append(AppealRef(
            id=row["id"], indicator_code=row["indicator__code"], status=status, reason=row["reason"],
            submitted_at=submitted, response=row["response"], decided_at=decided, decided_by=row["decided_by_label"]))
        if status is AppealStatus.ACCEPTED and decided is not None:
            facts.adjustments[(row["employee_id"], row["indicator__code"])] = rules.Adjustment(
                appeal_id=row["id"], reason=row["reason"], decision=row["response"] or "",
                decided_by=row["decided_by_label"] or "", decided_at=decided,
                adjusted_actual=as_decimal(row["adjusted_actual"]), adjusted_score=as_decimal(row["adjusted_score"]))


# --- computing ---------------------------------------------------------------------------------------------


def _actual(person: Person, indicator_id: int, indicator: rules.Indicator, facts: _Facts, period: str,
            ruleset: RuleSet) -> rules.Actual:
    source = indicator.source
    if source is Source.MANUAL:
        candidates = [Candidate(SubjectKind.EMPLOYEE, _person_label(person),
                                facts.measurements.get((indicator_id, SubjectKind.EMPLOYEE, person.id))),
                      Candidate(SubjectKind.DEPARTMENT, f"{person.department_name} ({person.department_code})",
                                facts.measurements.get((indicator_id, SubjectKind.DEPARTMENT, person.department_id)))]
        if person.region_id is not None:
            candidates.append(Candidate(SubjectKind.REGION, f"{person.region_name} ({person.region_code})",
                                        facts.measurements.get((indicator_id, SubjectKind.REGION, person.region_id))))
        return recorded_actual(candidates, period=period)
    if source is Source.LINKED_REGION:
        own = person.kind is DepartmentKind.FRONTLINE
        if own:
            regions = [] if person.region_id is None else [LinkedRegion(
                region_id=person.region_id, code=person.region_code or "", name=person.region_name or "",
                weight=Decimal(1))]
        else:
            regions = facts.links.get(person.department_id, [])
        values = {r.region_id: facts.measurements[(indicator_id, SubjectKind.REGION, r.region_id)] for r in regions
                  if (indicator_id, SubjectKind.REGION, r.region_id) in facts.measurements}
        return linked_region_actual(regions, values, period=period, own_region=own)
    if source is Source.SUPPORT_SATISFACTION:
        return satisfaction_actual(facts.handled.get(person.id, []), period=period)
    if source is Source.SUPPORT_SLA_RATE:
        return sla_rate_actual(facts.handled.get(person.id, []), period=period)
    if source is Source.SUPPORT_UTILISATION:
        return utilisation_actual(facts.raised.get(person.id, []), ruleset, period=period)
    return project_actual(facts.projects.get(person.id, []), period=period)


def _card(person: Person, version: _Version, facts: _Facts, period: str, ruleset: RuleSet) -> rules.Scorecard:
    items = [rules.LineInput(line=line, actual=_actual(person, indicator_id, line.indicator, facts, period, ruleset),
                             adjustment=facts.adjustments.get((person.id, line.indicator.code)))
             for indicator_id, line in version.lines]
    return rules.score_card(items, ruleset)


async def compute(period: str, scope: Scope, *, zone: ZoneInfo, now: datetime | None = None,
                  connection: Any = None) -> list[EmployeeScorecard]:
    """Scorecards of the scope's people for an open period, as of now (ignores any lock: `scorecards` reads)."""
    assessment_period(period)
    ruleset = await rules_for_period(period, connection=connection)
    start, end, first_day, last_day = local_days(period, zone)
    as_of = min(now or clock.now(), end)
    people = await people_in_period(scope, first_day=first_day, last_day=last_day, connection=connection)
    versions = await _versions(period, connection) if people else {}
    facts = await _facts(period, people, versions, ruleset, start=start, end=end, as_of=as_of, connection=connection)
    cards = []
    for person in people:
        version = scheme_for(person, versions)
        card = _card(person, version, facts, period, ruleset) if version is not None else None
        cards.append(EmployeeScorecard(period=period, person=person, scheme=version.ref if version else None,
                                       card=card, frozen=False, locked_at=None, rule_version=ruleset.version,
                                       appeals=tuple(facts.appeals.get(person.id, ()))))
    return cards


async def scorecards(period: str, scope: Scope, *, zone: ZoneInfo, now: datetime | None = None,
                     connection: Any = None) -> list[EmployeeScorecard]:
    """The scope's scorecards: frozen ones when the period is locked, computed ones otherwise."""
    assessment_period(period)
    lock = await m.PerformancePeriod.filter(period=period, locked_at__isnull=False).using_db(connection).first()
    if lock is None:
        return await compute(period, scope, zone=zone, now=now, connection=connection)
    query = m.ScorecardSnapshot.filter(period=period)
    if scope.employee_ids is not None:
        query = query.filter(employee_id__in=sorted(scope.employee_ids))
    if scope.department_id is not None:
        query = query.filter(department_id=scope.department_id)
    rows = await fetch_rows(query.using_db(connection).order_by("employee_id").values("employee_id", "data"))
    facts = _Facts(measurements={}, handled={}, raised={}, links={}, projects={}, adjustments={},
                   appeals=defaultdict(list))
    ids = [row["employee_id"] for row in rows]
    await _appeals(period, ids if len(ids) <= SUBSET_LIMIT else None, facts, connection)
    locked_at = as_datetime(lock.locked_at)
    return [from_snapshot(row["data"], locked_at=locked_at, appeals=tuple(facts.appeals.get(row["employee_id"], ())))
            for row in rows]


def snapshot(card: EmployeeScorecard) -> dict[str, Any]:
    return {"period": card.period, "person": card.person.to_json(),
            "scheme": card.scheme.to_json() if card.scheme else None, "ruleVersion": card.rule_version,
            "card": scorecard_to_json(card.card) if card.card else None}


def from_snapshot(data: Any, *, locked_at: datetime | None, appeals: tuple[AppealRef, ...] = ()) -> EmployeeScorecard:
    if isinstance(data, str):  # the raw driver path returns JSON as text
        data = json.loads(data)
    return EmployeeScorecard(
        period=data["period"], person=Person.from_json(data["person"]),
        scheme=SchemeRef.from_json(data["scheme"]) if data["scheme"] else None,
        card=scorecard_from_json(data["card"]) if data["card"] else None, frozen=True, locked_at=locked_at,
        rule_version=data["ruleVersion"], appeals=appeals)


async def scorecard(employee_id: int, period: str, *, zone: ZoneInfo, now: datetime | None = None,
                    connection: Any = None) -> EmployeeScorecard | None:
    """One employee's scorecard; None when they were not employed in the period."""
    found = await scorecards(period, Scope(employee_ids=frozenset({employee_id})), zone=zone, now=now,
                             connection=connection)
    return found[0] if found else None
