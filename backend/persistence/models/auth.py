"""Partner API tokens (stored hashed) and the audit log."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.persistence.models.org import Employee


class ApiToken(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    scopes = fields.CharField(max_length=255)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_by: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="api_tokens", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    created_by_id: int

    class Meta:
        table = "api_token"


class AuditEntry(Model):
    """Append-only: who did what, when, with the record before and after."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True)
    actor = fields.CharField(max_length=64)
    action = fields.CharField(max_length=64)
    entity = fields.CharField(max_length=64)
    entity_id = fields.CharField(max_length=64)
    before: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)
    after: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)

    class Meta:
        table = "audit_entry"
        ordering = ("id",)


class RevokedSession(Model):
    """A session signed out before its token expired: the token is refused from then on, everywhere. Rows past
    `expires_at` may be purged (the token is refused as expired anyway)."""

    id = fields.IntField(primary_key=True)
    session_id = fields.CharField(max_length=64, unique=True)
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="revoked_sessions", on_delete=fields.CASCADE
    )
    expires_at = fields.DatetimeField(db_index=True)
    revoked_at = fields.DatetimeField()

    employee_id: int

    class Meta:
        table = "revoked_session"
