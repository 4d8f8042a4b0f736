"""Event bus: publish after commit, subscribe per channel; backend chosen by URL."""

from backend.events.bus import EventBus, Subscription, create_event_bus

__all__ = ["EventBus", "Subscription", "create_event_bus"]
