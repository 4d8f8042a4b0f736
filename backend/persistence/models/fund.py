"""The collaboration reward fund (SPEC §6.2): HR's planned profit per year, and each year's frozen settlement
with every member's share and its explanation."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.persistence.models.org import Employee, Region


class FundPlan(Model):
    """The profit HR plans for a year: the counters' fund estimate uses it until the year is settled."""

    id = fields.IntField(primary_key=True)
    year = fields.IntField(unique=True)
    planned_profit = fields.DecimalField(max_digits=16, decimal_places=2)
    set_by = fields.CharField(max_length=64)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "fund_plan"


class FundSettlement(Model):
    """A settled year. Frozen: written once (the year is unique), never updated."""

    id = fields.IntField(primary_key=True)
    year = fields.IntField(unique=True)
    profit = fields.DecimalField(max_digits=16, decimal_places=2)
    fund = fields.DecimalField(max_digits=16, decimal_places=2)
    paid = fields.DecimalField(max_digits=16, decimal_places=2)
    retained = fields.DecimalField(max_digits=16, decimal_places=2)  # with no qualifying region: the whole fund
    rule_version = fields.CharField(max_length=32)
    settled_by = fields.CharField(max_length=64)
    settled_at = fields.DatetimeField()
    # Every region's gates, quota and sides, and the fund's own figure, as explained figures (explain_codec).
    regions: fields.Field[Any] = fields.JSONField()
    fund_explanation: fields.Field[Any] = fields.JSONField()

    shares: fields.ReverseRelation[FundShare]

    class Meta:
        table = "fund_settlement"


class FundShare(Model):
    """One member's share of one region's quota on one side, with its explanation (frozen with the settlement)."""

    id = fields.IntField(primary_key=True)
    settlement: fields.ForeignKeyRelation[FundSettlement] = fields.ForeignKeyField(
        "models.FundSettlement", related_name="shares", on_delete=fields.RESTRICT)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="fund_shares", on_delete=fields.RESTRICT)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="fund_shares", on_delete=fields.RESTRICT)
    side = fields.CharField(max_length=16)  # FRONTLINE | BACKEND
    amount = fields.DecimalField(max_digits=16, decimal_places=2)
    explanation: fields.Field[Any] = fields.JSONField()

    settlement_id: int
    employee_id: int
    region_id: int

    class Meta:
        table = "fund_share"
        unique_together = (("settlement", "employee", "region", "side"),)
        indexes = (("employee_id",),)
