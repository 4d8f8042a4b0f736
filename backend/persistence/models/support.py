"""Support requests, their hash-chained timeline, comments and photo evidence."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from backend.domain.support import Category, Priority, Status
from backend.persistence.models.org import Department, Employee, Region


class SupportRequest(Model):
    id = fields.IntField(primary_key=True)
    # Generated on the device; re-sending it returns this request instead of creating another.
    client_request_id = fields.CharField(max_length=64, unique=True)
    submitter: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="submitted_requests", on_delete=fields.RESTRICT)
    # The submitter's department on the day of submission (rewards follow the assignment of that day).
    submitter_department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="submitted_requests", on_delete=fields.RESTRICT)
    region: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="support_requests", on_delete=fields.RESTRICT)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="support_requests", on_delete=fields.RESTRICT)
    category = fields.CharEnumField(Category, max_length=32)
    priority = fields.CharEnumField(Priority, max_length=16)
    title = fields.CharField(max_length=200)
    description = fields.TextField()
    customer_reported_at = fields.DatetimeField()
    submitted_at = fields.DatetimeField(db_index=True)
    # Deadlines fixed at submission from the rule set then in force (named by rule_version).
    response_due_at = fields.DatetimeField()
    resolution_due_at = fields.DatetimeField()
    rule_version = fields.CharField(max_length=32)
    status = fields.CharEnumField(Status, max_length=16, db_index=True)
    assignee: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="assigned_requests", null=True, on_delete=fields.RESTRICT)
    accepted_at = fields.DatetimeField(null=True)
    started_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)  # the latest resolution; cleared by a reopen
    confirmed_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    reopen_count = fields.IntField(default=0)
    rating = fields.SmallIntField(null=True)
    rating_comment = fields.TextField(null=True)
    resolution_note = fields.TextField(null=True)
    timeline_length = fields.IntField(default=0)
    timeline_head = fields.CharField(max_length=64, default="")

    submitter_id: int
    submitter_department_id: int
    region_id: int
    department_id: int
    assignee_id: int | None

    class Meta:
        table = "support_request"
        indexes = (("department_id", "status"), ("region_id", "submitted_at"))


class SupportRequestEvent(Model):
    """One transition (or comment/attachment) in order; each row hashes the one before (tamper-evident)."""

    id = fields.BigIntField(primary_key=True)
    request: fields.ForeignKeyRelation[SupportRequest] = fields.ForeignKeyField(
        "models.SupportRequest", related_name="timeline", on_delete=fields.CASCADE)
    sequence = fields.IntField()
    action = fields.CharField(max_length=16)
    from_status = fields.CharField(max_length=16, null=True)
    to_status = fields.CharField(max_length=16)
    actor: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="support_events", null=True, on_delete=fields.RESTRICT)
    actor_label = fields.CharField(max_length=64)
    at = fields.DatetimeField()
    note = fields.TextField(null=True)
    chain_hash = fields.CharField(max_length=64)

    request_id: int
    actor_id: int | None

    class Meta:
        table = "support_request_event"
        unique_together = (("request", "sequence"),)
        ordering = ("request_id", "sequence")


class SupportComment(Model):
    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[SupportRequest] = fields.ForeignKeyField(
        "models.SupportRequest", related_name="comments", on_delete=fields.CASCADE)
    author: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="support_comments", on_delete=fields.RESTRICT)
    body = fields.TextField()
    at = fields.DatetimeField()

    request_id: int
    author_id: int

    class Meta:
        table = "support_comment"
        ordering = ("request_id", "id")


class SupportAttachment(Model):
    """Photo evidence, stored once per content hash under the data folder."""

    id = fields.IntField(primary_key=True)
    request: fields.ForeignKeyRelation[SupportRequest] = fields.ForeignKeyField(
        "models.SupportRequest", related_name="attachments", on_delete=fields.CASCADE)
    uploader: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="support_attachments", on_delete=fields.RESTRICT)
    sha256 = fields.CharField(max_length=64)
    content_type = fields.CharField(max_length=32)
    size = fields.IntField()
    file_name = fields.CharField(max_length=200)
    at = fields.DatetimeField()

    request_id: int
    uploader_id: int

    class Meta:
        table = "support_attachment"
        ordering = ("request_id", "id")
