"""Recorded indicator values (SPEC §4 MANUAL and region metrics): one entry at a time, or a whole file.

A file (XLSX/XLS/ODS read with python-calamine, CSV with the standard library, UTF-8 or the GB18030 that Chinese
Excel writes) is always validated first; it is written only when every row is valid, in one transaction, and a
value equal to the stored one is left alone, so importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from python_calamine import CalamineWorkbook

from backend.domain import performance as rules
from backend.domain.errors import NotFound, PermissionDenied, ValidationError
from backend.domain.org import Role, clean_code, clean_text
from backend.domain.performance import SubjectKind, assessment_period
from backend.domain.performance_import import (
    MAX_NOTE,
    Cell,
    CleanRow,
    Column,
    Lookups,
    Plan,
    Problem,
    plan_import,
    read_table,
)
from backend.persistence import models as m
from backend.services import clock
from backend.services.performance import check_open, current_period, indicator_of, require_hr
from backend.services.scorecards import Scope, local_days, people_in_period
from backend.services.uow import UnitOfWork

MAX_VALUE = Decimal("1000000000")


def _now(at: datetime | None) -> datetime:
    return at or clock.now()


# --- one value -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeasurementData:
    indicator_code: str
    period: str
    value: Decimal
    employee_id: int | None = None
    department_code: str | None = None
    region_code: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    measurement: m.Measurement
    changed: bool  # False: the same value was already recorded; nothing was written


def clean_value(value: Decimal) -> Decimal:
    if not value.is_finite() or abs(value) >= MAX_VALUE or value != value.quantize(Decimal("0.0001")):
        raise ValidationError("a value is a number with at most 4 decimal places", field="value")
    return value


async def record_measurement(*, uow: UnitOfWork, data: MeasurementData, zone: ZoneInfo,
                             at: datetime | None = None) -> Recorded:
    """Record (or correct) one value. HR records any; a manager records their own department's and its members'
    values (as assessed in that period). Region metrics are HR's."""
    at = _now(at)
    period = assessment_period(data.period)
    if period > current_period(zone, at):
        raise ValidationError(f"{period} has not started yet", field="period")
    indicator = await m.Indicator.filter(code=clean_code(data.indicator_code, field="indicatorCode")) \
        .using_db(uow.connection).first()
    if indicator is None:
        raise NotFound(f"no indicator with code {data.indicator_code!r}", field="indicatorCode")
    given = [name for name, v in (("employeeId", data.employee_id), ("departmentCode", data.department_code),
                                  ("regionCode", data.region_code)) if v]
    if len(given) != 1:
        raise ValidationError("give exactly one of employeeId, departmentCode and regionCode",
                              field=given[1] if len(given) > 1 else "employeeId")
    kind, subject_id, label = await _subject(uow, data, period, zone)
    rules.check_subject(indicator_of(indicator), kind)
    value = clean_value(data.value)
    note = clean_text(data.note, field="note", max_length=MAX_NOTE, required=False) or None if data.note else None
    await check_open(uow, period)
    existing = await m.Measurement.filter(indicator_id=indicator.id, period=period, subject_kind=kind,
                                          subject_id=subject_id).using_db(uow.connection).select_for_update().first()
    if existing is not None and Decimal(existing.value) == value and existing.note == note:
        return Recorded(measurement=existing, changed=False)
    after = {"indicator": indicator.code, "period": period, "subject": label, "value": value, "note": note}
    if existing is None:
        row = await m.Measurement.create(indicator_id=indicator.id, period=period, subject_kind=kind,
                                         subject_id=subject_id, value=value, note=note, origin="entry",
                                         recorded_by=uow.actor.label, recorded_at=at, using_db=uow.connection)
        await uow.audit(action="performance.measurement.record", entity="performance_measurement", entity_id=row.id,
                        after=after)
        return Recorded(measurement=row, changed=True)
    before = {"value": existing.value, "note": existing.note, "recorded_by": existing.recorded_by}
    existing.value, existing.note, existing.origin = value, note, "entry"
    existing.recorded_by, existing.recorded_at = uow.actor.label, at
    await existing.save(using_db=uow.connection)
    await uow.audit(action="performance.measurement.record", entity="performance_measurement",
                    entity_id=existing.id, before=before, after=after)
    return Recorded(measurement=existing, changed=True)


async def _subject(uow: UnitOfWork, data: MeasurementData, period: str,
                   zone: ZoneInfo) -> tuple[SubjectKind, int, str]:
    actor = uow.actor
    is_manager = actor.has_role(Role.MANAGER)
    if data.employee_id is not None:
        _, _, first_day, last_day = local_days(period, zone)
        found = await people_in_period(Scope(employee_ids=frozenset({data.employee_id})), first_day=first_day,
                                       last_day=last_day, connection=uow.connection)
        if not found:
            raise NotFound(f"no employee employed in {period} with that id", field="employeeId")
        person = found[0]
        if not actor.is_hr and not (is_manager and actor.department_id == person.department_id):
            raise PermissionDenied("only HR or the manager of their department in that period records an "
                                   "employee's values", field="employeeId")
        if actor.employee_id == person.id:
            raise PermissionDenied("nobody records their own assessment values", field="employeeId")
        return SubjectKind.EMPLOYEE, person.id, f"{person.employee_no} {person.name}"
    if data.department_code:
        department = await m.Department.filter(code=clean_code(data.department_code, field="departmentCode")) \
            .using_db(uow.connection).first()
        if department is None:
            raise NotFound(f"no department with code {data.department_code!r}", field="departmentCode")
        if not actor.is_hr and not (is_manager and actor.department_id == department.id):
            raise PermissionDenied("only HR or the department's manager records a department's values",
                                   field="departmentCode")
        return SubjectKind.DEPARTMENT, department.id, department.code
    require_hr(actor, "record region metrics")
    region = await m.Region.filter(code=clean_code(data.region_code or "", field="regionCode")) \
        .using_db(uow.connection).first()
    if region is None:
        raise NotFound(f"no region with code {data.region_code!r}", field="regionCode")
    return SubjectKind.REGION, region.id, region.code


# --- a whole file ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportReport:
    file_name: str
    sha256: str
    file_format: str
    period: str | None
    dry_run: bool
    data_rows: int
    problems: list[Problem]
    warnings: list[Problem]
    created: int
    updated: int
    unchanged: int
    written: bool  # True only when the file was valid, not a dry run, and changed something
    import_id: int | None = None

    @property
    def valid(self) -> bool:
        return not self.problems


def read_rows(content: bytes) -> tuple[str, list[list[Cell]]]:
    """The first sheet of a workbook (by content, not by name), or a CSV; positions kept so line numbers match."""
    if content[:4] == b"PK\x03\x04" or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            sheet = workbook.get_sheet_by_index(0)
            rows: list[list[Cell]] = [list(row) for row in sheet.to_python(skip_empty_area=False)]
        except Exception as exc:  # any unreadable workbook (corrupt, encrypted …) is the file's fault
            raise ValidationError("the workbook could not be read (is it a valid XLSX file?)", field="file") from exc
        kind = "XLS" if content[:2] == b"\xd0\xcf" else "ODS" if b"opendocument" in content[:200] else "XLSX"
        return kind, rows
    if b"\x00" in content[:4096]:
        raise ValidationError("the file is neither a spreadsheet nor a CSV text file", field="file")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")  # what Chinese Excel writes for "CSV (comma delimited)"
        except UnicodeDecodeError as exc:
            raise ValidationError("the CSV file is neither UTF-8 nor GB18030 text", field="file") from exc
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ";" if sample.count(";") > sample.count(",") \
        else ","
    return "CSV", [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


async def _lookups(table: Any, zone: ZoneInfo, connection: Any) -> Lookups:
    indicator_codes = _codes(table.column_values(Column.INDICATOR))
    employee_nos = _codes(table.column_values(Column.EMPLOYEE))
    indicators = {row.code: indicator_of(row) for row in await m.Indicator.filter(code__in=indicator_codes)
                  .using_db(connection)} if indicator_codes else {}
    employees: dict[str, tuple[int, str]] = {}
    for start in range(0, len(employee_nos), 1000):
        for row in await m.Employee.filter(employee_no__in=employee_nos[start:start + 1000]).using_db(connection) \
                .values("id", "employee_no", "name"):
            employees[row["employee_no"]] = (row["id"], row["name"])
    departments = {row["code"]: row["id"] for row in await m.Department.all().using_db(connection).values("id", "code")}
    regions = {row["code"]: row["id"] for row in await m.Region.all().using_db(connection).values("id", "code")}
    locked = frozenset(await m.PerformancePeriod.filter(locked_at__isnull=False).using_db(connection)
                       .values_list("period", flat=True))
    return Lookups(indicators=indicators, employees=employees, departments=departments, regions=regions,
                   locked_periods=frozenset(str(p) for p in locked), latest_period=current_period(zone))


def _codes(values: set[str]) -> list[str]:
    found = []
    for value in values:
        try:
            found.append(clean_code(value))
        except ValidationError:
            continue  # reported per row by the validation
    return sorted(set(found))


async def import_measurements(*, uow: UnitOfWork, content: bytes, file_name: str, period: str | None,
                              dry_run: bool, zone: ZoneInfo, at: datetime | None = None) -> ImportReport:
    """Validate the whole file and report every problem; write it (in this one transaction) only when it is
    valid and this is not a dry run. Values equal to the stored ones are left alone (a re-import writes nothing)."""
    require_hr(uow.actor, "import measurements")
    at = _now(at)
    expected = assessment_period(period) if period else None
    name = clean_text(file_name or "import", field="file", max_length=200)
    digest = hashlib.sha256(content).hexdigest()
    file_format, rows = read_rows(content)
    table = read_table(rows)
    plan = plan_import(table, await _lookups(table, zone, uow.connection), expected_period=expected)
    report = ImportReport(file_name=name, sha256=digest, file_format=file_format, period=expected, dry_run=dry_run,
                          data_rows=plan.data_rows, problems=plan.problems, warnings=plan.warnings, created=0,
                          updated=0, unchanged=0, written=False)
    if not plan.valid:
        return report
    for p in sorted({row.period for row in plan.rows}):
        await check_open(uow, p)  # serialise with a lock of any period the file writes into
    created, updated, unchanged = await _changes(uow, plan)
    report = replace(report, created=len(created), updated=len(updated), unchanged=unchanged)
    if dry_run or not (created or updated):
        return report
    batch = await m.MeasurementImport.create(sha256=digest, file_name=name, period=expected, rows=plan.data_rows,
                                             created=len(created), updated=len(updated), unchanged=unchanged,
                                             imported_by=uow.actor.label, using_db=uow.connection)
    origin = f"import:{batch.id}"
    await m.Measurement.bulk_create([
        m.Measurement(indicator_id=indicator_id, period=row.period, subject_kind=row.subject, subject_id=row.subject_id,
                      value=row.value, note=row.note, origin=origin, recorded_by=uow.actor.label, recorded_at=at)
        for row, indicator_id in created], batch_size=500, using_db=uow.connection)
    entries: list[dict[str, Any]] = [{
        "action": "performance.measurement.import", "entity": "performance_measurement",
        "entity_id": f"{row.indicator.code}:{row.period}:{row.subject.value}:{row.subject_code}",
        "after": {"value": row.value, "note": row.note, "import": batch.id, "line": row.line}} for row, _ in created]
    for change in updated:
        entries.append({"action": "performance.measurement.import", "entity": "performance_measurement",
                        "entity_id": change.existing.id,
                        "before": {"value": change.before_value, "note": change.before_note},
                        "after": {"value": change.row.value, "note": change.row.note, "import": batch.id,
                                  "line": change.row.line}})
        change.existing.value, change.existing.origin = change.row.value, origin
        if plan.notes_given:
            change.existing.note = change.row.note
        change.existing.recorded_by, change.existing.recorded_at = uow.actor.label, at
    if updated:
        await m.Measurement.bulk_update([c.existing for c in updated],
                                        fields=["value", "note", "origin", "recorded_by", "recorded_at"],
                                        batch_size=500, using_db=uow.connection)
    entries.append({"action": "performance.import", "entity": "performance_measurement_import",
                    "entity_id": batch.id, "after": {"file": name, "sha256": digest, "rows": plan.data_rows,
                                                     "created": len(created), "updated": len(updated),
                                                     "unchanged": unchanged}})
    await uow.audit_many(entries)
    return replace(report, written=True, import_id=batch.id)


@dataclass(frozen=True, slots=True)
class _Update:
    existing: m.Measurement
    row: CleanRow
    before_value: Decimal
    before_note: str | None


async def _changes(uow: UnitOfWork, plan: Plan) -> tuple[list[tuple[CleanRow, int]], list[_Update], int]:
    """Which rows are new, which change a stored value, and how many are already stored as they are."""
    codes = sorted({row.indicator.code for row in plan.rows})
    ids = {code: pk for code, pk in await m.Indicator.filter(code__in=codes).using_db(uow.connection)
           .values_list("code", "id")}
    periods = sorted({row.period for row in plan.rows})
    stored = {(e.indicator_id, e.period, SubjectKind(e.subject_kind), e.subject_id): e
              for e in await m.Measurement.filter(indicator_id__in=list(ids.values()), period__in=periods)
              .using_db(uow.connection)}
    created: list[tuple[CleanRow, int]] = []
    updated: list[_Update] = []
    unchanged = 0
    for row in plan.rows:
        indicator_id = int(ids[row.indicator.code])
        existing = stored.get((indicator_id, row.period, row.subject, row.subject_id))
        if existing is None:
            created.append((row, indicator_id))
        elif Decimal(existing.value) != row.value or (plan.notes_given and existing.note != row.note):
            updated.append(_Update(existing=existing, row=row, before_value=Decimal(existing.value),
                                   before_note=existing.note))
        else:
            unchanged += 1
    return created, updated, unchanged
