"""Per-request context: the viewer, fresh dataloaders, the live fan-out, and a unit-of-work factory."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.types import Info as StrawberryInfo

from backend.domain.access import ANONYMOUS, Viewer
from backend.events.bus import EventBus
from backend.graphql.org.loaders import OrgLoaders
from backend.graphql.viewer_trace import note_viewer_read
from backend.services.login_throttle import LoginThrottle
from backend.services.uow import UnitOfWork
from backend.settings import Settings

if TYPE_CHECKING:
    from backend.events.fanout import Fanout
    from backend.graphql.live import FrameCache


@dataclass(eq=False)  # one per request or connection: compared and hashed by identity
class TandemContext:
    settings: Settings
    bus: EventBus
    fanout: Fanout | None = None
    frames: FrameCache | None = None
    principal: Viewer = ANONYMOUS
    loaders: OrgLoaders = field(default_factory=OrgLoaders)
    request: Any = None
    response: Any = None
    # Filled by strawberry from the websocket's connection_init payload.
    connection_params: dict[str, Any] | None = None
    login_throttle: LoginThrottle | None = None
    client_address: str = "unknown"
    # The HTTP view's time window; armed for queries by graphql/deadline.py.
    time_window: asyncio.Timeout | None = None
    # Set by the access watch when this connection's credential stopped working (graphql/access_watch.py), and
    # while it re-resolves the viewer after a change of the employee (deliveries wait for the answer).
    authority_ended: bool = False
    authority_review: Any = None

    @property
    def viewer(self) -> Viewer:
        # A payload shared by several subscribers must not depend on who executes it unnoticed: reading the
        # viewer here ties a shared result to this viewer (see graphql/live.py).
        note_viewer_read()
        return self.principal

    @viewer.setter
    def viewer(self, value: Viewer) -> None:
        self.principal = value

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(bus=self.bus, actor=self.principal)

    def renew_loaders(self) -> None:
        """A subscription lives long: each pushed event reads fresh data, not the first event's cache."""
        self.loaders = OrgLoaders()


Info = StrawberryInfo[TandemContext, None]
