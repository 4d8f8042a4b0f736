"""Unit of work over one Tortoise transaction; events it collected are published only after commit."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from backend.domain.access import Viewer
from backend.domain.events import DomainEvent
from backend.events.bus import EventBus
from backend.persistence.models import AuditEntry


class UnitOfWork:
    def __init__(self, *, bus: EventBus, actor: Viewer) -> None:
        self.bus = bus
        self.actor = actor
        self._events: list[DomainEvent] = []
        self._transaction: Any = None
        self.connection: BaseDBAsyncClient | None = None

    async def __aenter__(self) -> UnitOfWork:
        self._transaction = in_transaction()
        self.connection = await self._transaction.__aenter__()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._transaction.__aexit__(exc_type, exc, tb)
        if exc_type is None:
            for event in self._events:
                message = event.to_message()
                for channel in event.channels:
                    await self.bus.publish(channel, message)
        self._events.clear()

    def record(self, event: DomainEvent) -> None:
        """Queue an event; it reaches subscribers only if the transaction commits."""
        self._events.append(event)

    async def audit(
        self,
        *,
        action: str,
        entity: str,
        entity_id: int | str,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
    ) -> None:
        await AuditEntry.create(
            actor=self.actor.label,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before=_jsonable(before),
            after=_jsonable(after),
            using_db=self.connection,
        )

    async def audit_many(self, entries: list[dict[str, Any]]) -> None:
        """Many audit entries in one statement (a bulk import): each a dict of `audit`'s keyword arguments."""
        if not entries:
            return
        await AuditEntry.bulk_create([
            AuditEntry(actor=self.actor.label, action=e["action"], entity=e["entity"], entity_id=str(e["entity_id"]),
                       before=_jsonable(e.get("before")), after=_jsonable(e.get("after")))
            for e in entries], batch_size=500, using_db=self.connection)


def _jsonable(record: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {key: value if isinstance(value, int | bool | None) else str(value) for key, value in record.items()}
