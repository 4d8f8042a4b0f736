"""Performance tables: indicators, schemes and their immutable versions, recorded measurements and imports,
period locks with frozen scorecards, distribution guides and appeals."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.domain.org import DepartmentKind
from backend.domain.performance import Direction, Source, SubjectKind
from backend.domain.performance_calibration import AppealStatus
from backend.persistence.models.org import Department, Employee


class Indicator(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name_zh = fields.CharField(max_length=100)
    name_en = fields.CharField(max_length=100)
    unit = fields.CharField(max_length=16, default="")
    direction = fields.CharEnumField(Direction, max_length=8)
    source = fields.CharEnumField(Source, max_length=32)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "performance_indicator"
        ordering = ("code",)


class Scheme(Model):
    """Who a scheme applies to: a department, a position, or a position within a department. `scope_key` keeps
    one scheme per scope (department id and position, '*' for any)."""

    id = fields.IntField(primary_key=True)
    scope_key = fields.CharField(max_length=160, unique=True)
    department: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="performance_schemes", null=True, on_delete=fields.RESTRICT)
    position = fields.CharField(max_length=100, null=True)
    kind = fields.CharEnumField(DepartmentKind, max_length=16)
    name = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    department_id: int | None

    class Meta:
        table = "performance_scheme"


class SchemeVersion(Model):
    """A published version: immutable; in force from `effective_from` (a period) until a later version."""

    id = fields.IntField(primary_key=True)
    scheme: fields.ForeignKeyRelation[Scheme] = fields.ForeignKeyField(
        "models.Scheme", related_name="versions", on_delete=fields.RESTRICT)
    version = fields.IntField()
    effective_from = fields.CharField(max_length=7)
    content_hash = fields.CharField(max_length=64)
    rule_version = fields.CharField(max_length=32)
    note = fields.TextField(default="")
    published_by = fields.CharField(max_length=64)
    published_at = fields.DatetimeField(auto_now_add=True)

    scheme_id: int

    class Meta:
        table = "performance_scheme_version"
        unique_together = (("scheme", "version"),)
        ordering = ("scheme_id", "version")


class SchemeLine(Model):
    id = fields.IntField(primary_key=True)
    version: fields.ForeignKeyRelation[SchemeVersion] = fields.ForeignKeyField(
        "models.SchemeVersion", related_name="lines", on_delete=fields.RESTRICT)
    indicator: fields.ForeignKeyRelation[Indicator] = fields.ForeignKeyField(
        "models.Indicator", related_name="scheme_lines", on_delete=fields.RESTRICT)
    position = fields.IntField()
    weight = fields.DecimalField(max_digits=6, decimal_places=2)
    target = fields.DecimalField(max_digits=18, decimal_places=4)

    version_id: int
    indicator_id: int

    class Meta:
        table = "performance_scheme_line"
        unique_together = (("version", "indicator"),)
        ordering = ("version_id", "position")


class Measurement(Model):
    """A recorded value of an indicator for one subject (employee, department or region) and period; changed in
    place (the audit log keeps every before/after), so one row per subject, indicator and period."""

    id = fields.IntField(primary_key=True)
    indicator: fields.ForeignKeyRelation[Indicator] = fields.ForeignKeyField(
        "models.Indicator", related_name="measurements", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=7)
    subject_kind = fields.CharEnumField(SubjectKind, max_length=16)
    subject_id = fields.IntField()
    value = fields.DecimalField(max_digits=18, decimal_places=4)
    note = fields.CharField(max_length=500, null=True)
    origin = fields.CharField(max_length=32)  # "entry", or "import:<id>"
    recorded_by = fields.CharField(max_length=64)
    recorded_at = fields.DatetimeField()

    indicator_id: int

    class Meta:
        table = "performance_measurement"
        unique_together = (("indicator", "period", "subject_kind", "subject_id"),)
        indexes = (("period", "subject_kind"),)


class MeasurementImport(Model):
    """One import that changed something: the file's hash, what it did, who did it."""

    id = fields.IntField(primary_key=True)
    sha256 = fields.CharField(max_length=64, db_index=True)
    file_name = fields.CharField(max_length=200)
    period = fields.CharField(max_length=7, null=True)
    rows = fields.IntField()
    created = fields.IntField()
    updated = fields.IntField()
    unchanged = fields.IntField()
    imported_by = fields.CharField(max_length=64)
    imported_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "performance_measurement_import"
        ordering = ("-id",)


class PerformancePeriod(Model):
    """An assessment period: open (every write about it locks this row), then locked: its scorecards are frozen
    (snapshots below) and nothing about it changes any more."""

    id = fields.IntField(primary_key=True)
    period = fields.CharField(max_length=7, unique=True)
    locked_at = fields.DatetimeField(null=True)
    locked_by = fields.CharField(max_length=64, null=True)
    rule_version = fields.CharField(max_length=32, null=True)
    scorecards = fields.IntField(default=0)

    class Meta:
        table = "performance_period"
        ordering = ("period",)


class ScorecardSnapshot(Model):
    """The scorecard of one employee for a locked period, exactly as it was at the lock."""

    id = fields.IntField(primary_key=True)
    period = fields.CharField(max_length=7)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="scorecard_snapshots", on_delete=fields.RESTRICT)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="scorecard_snapshots", on_delete=fields.RESTRICT)
    scheme_version: fields.ForeignKeyNullableRelation[SchemeVersion] = fields.ForeignKeyField(
        "models.SchemeVersion", related_name="snapshots", null=True, on_delete=fields.RESTRICT)
    total = fields.DecimalField(max_digits=20, decimal_places=10, null=True)  # exact in `data`
    coefficient = fields.DecimalField(max_digits=6, decimal_places=4, null=True)
    data: fields.Field[dict[str, Any]] = fields.JSONField()
    locked_at = fields.DatetimeField()

    employee_id: int
    department_id: int
    scheme_version_id: int | None

    class Meta:
        table = "performance_scorecard_snapshot"
        unique_together = (("period", "employee"),)
        indexes = (("period", "department_id"),)


class DistributionGuide(Model):
    """A department's (or, with scope '*', every department's default) guide for one coefficient band."""

    id = fields.IntField(primary_key=True)
    scope_key = fields.CharField(max_length=16)  # department id, or '*'
    min_score = fields.DecimalField(max_digits=8, decimal_places=4)
    max_share = fields.DecimalField(max_digits=6, decimal_places=4, null=True)
    min_share = fields.DecimalField(max_digits=6, decimal_places=4, null=True)
    set_by = fields.CharField(max_length=64)
    set_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "performance_distribution_guide"
        unique_together = (("scope_key", "min_score"),)


class Appeal(Model):
    """An employee's appeal of one scorecard line, and HR's decision (one appeal per line and period)."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="performance_appeals", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=7)
    indicator: fields.ForeignKeyRelation[Indicator] = fields.ForeignKeyField(
        "models.Indicator", related_name="appeals", on_delete=fields.RESTRICT)
    department_id_at_appeal = fields.IntField()
    reason = fields.TextField()
    # What the line said when the employee appealed (actual and score as text).
    line_at_appeal: fields.Field[dict[str, Any]] = fields.JSONField()
    status = fields.CharEnumField(AppealStatus, max_length=16, default=AppealStatus.PENDING)
    submitted_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)
    decided_by: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="decided_appeals", null=True, on_delete=fields.RESTRICT)
    decided_by_label = fields.CharField(max_length=64, null=True)
    response = fields.TextField(null=True)
    adjusted_actual = fields.DecimalField(max_digits=18, decimal_places=4, null=True)
    adjusted_score = fields.DecimalField(max_digits=10, decimal_places=4, null=True)

    employee_id: int
    indicator_id: int
    decided_by_id: int | None

    class Meta:
        table = "performance_appeal"
        unique_together = (("employee", "period", "indicator"),)
        indexes = (("period", "status"),)
