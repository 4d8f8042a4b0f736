"""The navigation, in one place: which pages exist, in what order, and who sees them.

A page that should appear in the navigation adds one `NavEntry` to NAVIGATION (and its label to frontend/i18n);
the top bar, the phone menu and the role checks all read this list.
"""

from __future__ import annotations

import dataclasses

from frontend import api


@dataclasses.dataclass(frozen=True)
class NavEntry:
    route: str
    label_key: str
    icon: str  # a lucide icon name
    # Who sees it: everyone signed in (None), or only employees with one of these roles…
    roles: frozenset[str] | None = None
    # … or of a department of one of these kinds (FRONTLINE staff record their own orders).
    kinds: frozenset[str] = frozenset()

    @property
    def element_id(self) -> str:
        return "nav-" + self.label_key.removeprefix("nav.")

    def visible_to(self, me: api.Profile) -> bool:
        if me.department_kind in self.kinds:
            return True
        return self.roles is None or bool(self.roles & set(me.roles))


MANAGERS_AND_HR = frozenset({"MANAGER", "HR", "ADMIN"})
HR_ONLY = frozenset({"HR", "ADMIN"})

NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("/", "nav.desk", "layout-dashboard"),
    NavEntry("/requests", "nav.support", "life-buoy"),
    NavEntry("/performance", "nav.performance", "gauge"),
    NavEntry("/projects", "nav.projects", "kanban"),
    NavEntry("/orders", "nav.orders", "receipt", roles=MANAGERS_AND_HR, kinds=frozenset({"FRONTLINE"})),
    NavEntry("/rules", "nav.rules", "scale"),
    NavEntry("/analytics", "nav.analytics", "chart-column", roles=MANAGERS_AND_HR),
    NavEntry("/people", "nav.people", "users", roles=HR_ONLY),
)


def visible_routes(me: api.Profile) -> list[str]:
    return [entry.route for entry in NAVIGATION if entry.visible_to(me)]


def entry_for(route: str) -> NavEntry | None:
    """The entry a page belongs to: its own route, or the longest route it lies under (/projects/7/board)."""
    matches = [e for e in NAVIGATION if route == e.route or (e.route != "/" and route.startswith(e.route + "/"))]
    return max(matches, key=lambda e: len(e.route), default=None)
