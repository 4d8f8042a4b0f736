"""Orders, the append-only money ledger, and the running totals kept with it in the same transaction."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.domain.rewards import EntryKind, Figure, OrderStatus, OrderType
from backend.persistence.models.org import Department, Employee, Region
from backend.persistence.models.support import SupportRequest


class Order(Model):
    id = fields.BigIntField(primary_key=True)
    # The billing system's or the device's id: resending it returns this order and creates nothing.
    client_order_id = fields.CharField(max_length=64, unique=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="orders", on_delete=fields.RESTRICT)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="orders", on_delete=fields.RESTRICT)
    # The employee's department on the day of the order (attribution follows that day's assignment).
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="orders", on_delete=fields.RESTRICT)
    customer = fields.CharField(max_length=200)
    type = fields.CharEnumField(OrderType, max_length=16)
    amount = fields.DecimalField(max_digits=16, decimal_places=2)
    occurred_at = fields.DatetimeField()
    occurred_period = fields.CharField(max_length=7)
    status = fields.CharEnumField(OrderStatus, max_length=16, db_index=True)
    blocking_request: fields.ForeignKeyNullableRelation[SupportRequest] = fields.ForeignKeyField(
        "models.SupportRequest", related_name="blocked_orders", null=True, on_delete=fields.RESTRICT)
    credit_period = fields.CharField(max_length=7, null=True)  # null while pending
    credited_at = fields.DatetimeField(null=True)
    rule_version = fields.CharField(max_length=32)
    commission_rate = fields.DecimalField(max_digits=8, decimal_places=6)  # as the rule set then in force said
    accrual_ratio = fields.DecimalField(max_digits=8, decimal_places=6)
    commission = fields.DecimalField(max_digits=16, decimal_places=2)
    accrual = fields.DecimalField(max_digits=16, decimal_places=2)
    net = fields.DecimalField(max_digits=16, decimal_places=2)
    recorded_by = fields.CharField(max_length=64)
    recorded_at = fields.DatetimeField()
    cancelled_at = fields.DatetimeField(null=True)
    cancel_reason = fields.TextField(null=True)
    nonce = fields.CharField(max_length=32)  # tells the winner of a concurrent duplicate insert apart

    employee_id: int
    region_id: int
    department_id: int
    blocking_request_id: int | None

    class Meta:
        table = "reward_order"
        indexes = (("employee_id", "occurred_period"), ("region_id", "credit_period"),
                   ("blocking_request_id", "status"))


class LedgerEntry(Model):
    """Append-only. An account is an employee × period or a region's pool × period; balances are sums."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharEnumField(EntryKind, max_length=16)
    figure = fields.CharEnumField(Figure, max_length=16)
    period = fields.CharField(max_length=7)
    employee: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="ledger_entries", null=True, on_delete=fields.RESTRICT)
    region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="ledger_entries", null=True, on_delete=fields.RESTRICT)
    amount = fields.DecimalField(max_digits=16, decimal_places=2)
    order: fields.ForeignKeyNullableRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="entries", null=True, on_delete=fields.RESTRICT)
    request: fields.ForeignKeyNullableRelation[SupportRequest] = fields.ForeignKeyField(
        "models.SupportRequest", related_name="ledger_entries", null=True, on_delete=fields.RESTRICT)
    project_id = fields.IntField(null=True)  # project bonuses (later)
    reverses_id = fields.BigIntField(null=True)  # the entry this one reverses (plain id: aerich refuses self-FKs)
    rule_version = fields.CharField(max_length=32, null=True)
    created_at = fields.DatetimeField()

    employee_id: int | None
    region_id: int | None
    order_id: int | None
    request_id: int | None

    class Meta:
        table = "ledger_entry"
        indexes = (("employee_id", "period"), ("region_id", "period"), ("order_id",))


class EmployeeRewardTotal(Model):
    """Running totals of one employee's account for one period (kept with the entries)."""

    id = fields.BigIntField(primary_key=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="reward_totals", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=7)
    commission = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    accrual = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    net = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    # Of orders dated in the period that are still blocked.
    pending_commission = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    # This employee's shares of every region's pool.
    pool_share = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    credited_orders = fields.IntField(default=0)
    pending_orders = fields.IntField(default=0)
    revenue = fields.DecimalField(max_digits=16, decimal_places=2, default=0)

    employee_id: int

    class Meta:
        table = "reward_employee_total"
        unique_together = (("employee", "period"),)


class EmployeeRewardDay(Model):
    """The account's totals at the end of each day it moved (the counter's trend, without re-reading entries)."""

    id = fields.BigIntField(primary_key=True)
    employee_id = fields.IntField()
    period = fields.CharField(max_length=7)
    day = fields.DateField()
    net = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    pool_share = fields.DecimalField(max_digits=16, decimal_places=2, default=0)

    class Meta:
        table = "reward_employee_day"
        unique_together = (("employee_id", "period", "day"),)


class RegionRewardTotal(Model):
    """A region's pool for one period: what came in, where it went. The row is the pool's lock."""

    id = fields.BigIntField(primary_key=True)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="reward_totals", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=7)
    revenue = fields.DecimalField(max_digits=16, decimal_places=2, default=0)  # credited orders' amounts
    commission = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    accrual = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    carry_in = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    shares = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    carry_over = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    points = fields.DecimalField(max_digits=20, decimal_places=6, default=0)
    credited_orders = fields.IntField(default=0)

    region_id: int

    class Meta:
        table = "reward_region_total"
        unique_together = (("region", "period"),)


class PoolPoints(Model):
    """One backend employee's support points in a region's pool for a period, and their current share."""

    id = fields.BigIntField(primary_key=True)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="pool_points", on_delete=fields.RESTRICT)
    period = fields.CharField(max_length=7)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="pool_points", on_delete=fields.RESTRICT)
    employee_no = fields.CharField(max_length=32)
    points = fields.DecimalField(max_digits=20, decimal_places=6, default=0)
    share = fields.DecimalField(max_digits=16, decimal_places=2, default=0)

    region_id: int
    employee_id: int

    class Meta:
        table = "reward_pool_points"
        unique_together = (("region", "period", "employee"),)


class RequestPoints(Model):
    """The points a resolved request currently credits (so a rating or a reopen moves exactly these)."""

    id = fields.BigIntField(primary_key=True)
    request: fields.OneToOneRelation[SupportRequest] = fields.OneToOneField(
        "models.SupportRequest", related_name="pool_credit", on_delete=fields.RESTRICT)
    region_id = fields.IntField()
    period = fields.CharField(max_length=7)
    employee_id = fields.IntField()
    points = fields.DecimalField(max_digits=20, decimal_places=6)
    rule_version = fields.CharField(max_length=32)

    request_id: int

    class Meta:
        table = "reward_request_points"
        indexes = (("region_id", "period", "employee_id"),)
