"""Published rule-set versions (SPEC §7) and who acknowledged which."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.persistence.models.org import Employee


class RuleSetVersion(Model):
    """Immutable once written: "1", "2", … in force from `effective_from` until the next version's. Version "1"
    (the SPEC defaults) is inserted by a migration; `parameters` holds every parameter (domain/ruleset_params)."""

    id = fields.IntField(primary_key=True)
    number = fields.IntField(unique=True)
    version = fields.CharField(max_length=32, unique=True)
    effective_from = fields.DatetimeField(unique=True)
    parameters: fields.Field[dict[str, Any]] = fields.JSONField()
    note = fields.TextField(default="")
    published_at = fields.DatetimeField()
    published_by = fields.CharField(max_length=64)

    class Meta:
        table = "rule_set_version"
        ordering = ("number",)


class RuleAcknowledgement(Model):
    """An employee read and acknowledged a version (by name: version "1" may predate any row)."""

    id = fields.IntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="rule_acknowledgements", on_delete=fields.CASCADE)
    version = fields.CharField(max_length=32)
    acknowledged_at = fields.DatetimeField()

    employee_id: int

    class Meta:
        table = "rule_acknowledgement"
        unique_together = (("employee", "version"),)
