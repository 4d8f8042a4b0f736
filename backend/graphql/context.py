"""Per-request context: the viewer, fresh dataloaders, and a unit-of-work factory."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as StrawberryInfo

from backend.domain.access import ANONYMOUS, Viewer
from backend.events.bus import EventBus
from backend.graphql.org.loaders import OrgLoaders
from backend.services.login_throttle import LoginThrottle
from backend.services.uow import UnitOfWork
from backend.settings import Settings


@dataclass
class TandemContext:
    settings: Settings
    bus: EventBus
    viewer: Viewer = ANONYMOUS
    loaders: OrgLoaders = field(default_factory=OrgLoaders)
    request: Any = None
    response: Any = None
    # Filled by strawberry from the websocket's connection_init payload.
    connection_params: dict[str, Any] | None = None
    login_throttle: LoginThrottle | None = None
    client_address: str = "unknown"
    # The HTTP view's time window; armed for queries by graphql/deadline.py.
    time_window: asyncio.Timeout | None = None

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(bus=self.bus, actor=self.viewer)

    def renew_loaders(self) -> None:
        """A subscription lives long: each pushed event reads fresh data, not the first event's cache."""
        self.loaders = OrgLoaders()


Info = StrawberryInfo[TandemContext, None]
