"""My desk's cards beside the profile: my projects and my open support requests (or my queue).

Each card is a component with its own load event; a capability that wants a place on My desk (reward counters,
a scorecard) adds its card and load event to DESK_CARDS, and the desk page shows them in order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import reflex as rx

from frontend import api
from frontend.api import projects as project_api
from frontend.api.transport import GatewayError
from frontend.i18n import t
from frontend.state.board_state import PROJECTS_ROUTE
from frontend.state.queue import OPEN_STATUSES, REQUESTS_ROUTE, QueueFilters, RequestRow, row_of
from frontend.state.viewer import ViewerState

DESK_LIST_SIZE = 5


class DeskCardsState(ViewerState):
    my_projects: list[project_api.ProjectSummary] = []
    open_requests: list[RequestRow] = []
    cards_error_code: str = ""
    cards_loaded: bool = False

    @rx.event
    async def load(self) -> None:
        self.cards_loaded = False
        if not self.token or await self._load_viewer() is not True:
            return  # the desk's own load sends the visitor to sign in
        try:
            projects = await project_api.fetch_projects(self.token, mine=True)
            # Backend staff: what is assigned to them; frontline staff: what they asked for (their list's scope).
            scope = "mine" if self.me.department_kind == "BACKEND" else "all"
            page = await api.fetch_support_requests(self.token, filters=QueueFilters(scope=scope).to_api(self.me),
                                                    first=30)
        except GatewayError as error:
            self.cards_error_code = error.code
            return
        now = dt.datetime.now(dt.UTC)
        self.my_projects = [p for p in projects if p.status != "CLOSED"][:DESK_LIST_SIZE]
        self.open_requests = [row_of(r, self.me, now) for r in page.requests if r.status in OPEN_STATUSES][
            :DESK_LIST_SIZE]
        self.cards_error_code = ""
        self.cards_loaded = True


def _card(title_key: str, body: rx.Component, link_route: str, link_key: str, *, card_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(rx.heading(t(title_key), size="3", as_="h2"), rx.spacer(),
                    rx.link(t(link_key), href=link_route, size="2"), align="center", width="100%"),
            body,
            spacing="2", width="100%",
        ),
        size="2", width="100%", id=card_id,
    )


def projects_card() -> rx.Component:
    def line(project: project_api.ProjectSummary) -> rx.Component:
        return rx.flex(
            rx.link(project.name, href=PROJECTS_ROUTE + "/" + project.id, high_contrast=True),
            rx.spacer(),
            rx.link(t("projects.open_board"), href=PROJECTS_ROUTE + "/" + project.id + "/board", size="2"),
            align="center", width="100%", spacing="2", min_height="40px",
        )

    return _card("desk.my_projects", rx.cond(
        DeskCardsState.my_projects.length() > 0,
        rx.vstack(rx.foreach(DeskCardsState.my_projects, line), spacing="0", width="100%"),
        rx.text(rx.cond(DeskCardsState.cards_loaded, t("projects.empty.mine"), t("desk.loading")), size="2",
                color_scheme="gray")), PROJECTS_ROUTE, "desk.all_projects", card_id="desk-projects")


def requests_card() -> rx.Component:
    def line(row: RequestRow) -> rx.Component:
        return rx.flex(
            rx.badge(t("support.status." + row.status), color_scheme=row.status_color, variant="soft"),
            rx.link(row.title, href=row.href, high_contrast=True, size="2"),
            align="center", width="100%", spacing="2", min_height="40px",
        )

    return _card(rx.cond(ViewerState.me.department_kind == "BACKEND", "desk.my_queue", "desk.my_requests"),
                 rx.cond(DeskCardsState.open_requests.length() > 0,
                         rx.vstack(rx.foreach(DeskCardsState.open_requests, line), spacing="0", width="100%"),
                         rx.text(rx.cond(DeskCardsState.cards_loaded, t("desk.nothing_open"), t("desk.loading")),
                                 size="2", color_scheme="gray")),
                 REQUESTS_ROUTE, "desk.all_requests", card_id="desk-requests")


@dataclasses.dataclass(frozen=True)
class DeskCard:
    render: Callable[[], rx.Component]
    load: Any  # the event that fills it, run when My desk opens


DESK_CARDS: list[DeskCard] = [
    DeskCard(render=projects_card, load=DeskCardsState.load),
    DeskCard(render=requests_card, load=DeskCardsState.load),
]


def desk_card_loads() -> list[Any]:
    """Each card's load event, once each."""
    loads: list[Any] = []
    for card in DESK_CARDS:
        if all(card.load is not known for known in loads):
            loads.append(card.load)
    return loads
