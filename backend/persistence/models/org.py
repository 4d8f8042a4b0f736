"""Organisation tables: regions, departments, employees, their assignment history, support links."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.domain.org import AssignmentReason, DepartmentKind


class Region(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    targets: fields.ReverseRelation[RegionTarget]

    class Meta:
        table = "region"
        ordering = ("code",)


class RegionTarget(Model):
    """Revenue target of a region for one period (YYYY-MM)."""

    id = fields.IntField(primary_key=True)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="targets", on_delete=fields.CASCADE
    )
    period = fields.CharField(max_length=7)
    revenue_target = fields.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        table = "region_target"
        unique_together = (("region", "period"),)
        ordering = ("period",)


class Department(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=100)
    kind = fields.CharEnumField(DepartmentKind, max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "department"
        ordering = ("code",)


class Employee(Model):
    """The person plus the assignment in force today (denormalised from `assignments` for reads)."""

    id = fields.IntField(primary_key=True)
    employee_no = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=100)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="employees", on_delete=fields.RESTRICT
    )
    region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="employees", null=True, on_delete=fields.RESTRICT
    )
    position = fields.CharField(max_length=100)
    base_salary = fields.DecimalField(max_digits=12, decimal_places=2)
    target_bonus = fields.DecimalField(max_digits=12, decimal_places=2)
    hire_date = fields.DateField()
    leave_date = fields.DateField(null=True)
    roles = fields.CharField(max_length=64, default="STAFF")
    password_hash = fields.CharField(max_length=255, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    department_id: int
    region_id: int | None
    assignments: fields.ReverseRelation[EmployeeAssignment]

    class Meta:
        table = "employee"
        ordering = ("id",)


class EmployeeAssignment(Model):
    """Append-only history: department/region/position/pay from `effective_from` on."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="assignments", on_delete=fields.CASCADE
    )
    effective_from = fields.DateField()
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="assignments", on_delete=fields.RESTRICT
    )
    region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="assignments", null=True, on_delete=fields.RESTRICT
    )
    position = fields.CharField(max_length=100)
    base_salary = fields.DecimalField(max_digits=12, decimal_places=2)
    target_bonus = fields.DecimalField(max_digits=12, decimal_places=2)
    reason = fields.CharEnumField(AssignmentReason, max_length=16)
    recorded_at = fields.DatetimeField(auto_now_add=True)

    employee_id: int
    department_id: int
    region_id: int | None

    class Meta:
        table = "employee_assignment"
        unique_together = (("employee", "effective_from"),)
        ordering = ("employee_id", "effective_from")


class SupportLink(Model):
    """Backend department ↔ region it supports, with a weight (SPEC §1)."""

    id = fields.IntField(primary_key=True)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="support_links", on_delete=fields.CASCADE
    )
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="support_links", on_delete=fields.CASCADE
    )
    weight = fields.DecimalField(max_digits=8, decimal_places=4, default=1)
    created_at = fields.DatetimeField(auto_now_add=True)

    department_id: int
    region_id: int

    class Meta:
        table = "support_link"
        unique_together = (("department", "region"),)
