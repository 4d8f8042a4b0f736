"""Projects (跨部门项目组): "My projects" (member or owner) for everyone, every project for managers and HR."""

from __future__ import annotations

from collections.abc import AsyncIterator

import reflex as rx
from reflex.event import EventSpec

from frontend.api import projects as project_api
from frontend.api.transport import GatewayError
from frontend.components.formatting import format_money
from frontend.components.template import error_callout, loading_row, page_heading, template
from frontend.i18n import t
from frontend.state.board_state import PROJECTS_ROUTE
from frontend.state.viewer import ViewerState

STATUS_COLORS = {"ACTIVE": "blue", "DELIVERED": "amber", "CLOSED": "gray"}


class ProjectsState(ViewerState):
    projects: list[project_api.ProjectSummary] = []
    _projects_token: str = ""
    # "mine" or "all" (managers and HR).
    scope: str = "mine"
    is_loading: bool = False
    is_loaded: bool = False
    load_error_code: str = ""

    @rx.var(cache=True)
    def rows(self) -> list[dict[str, str]]:
        return [{"id": p.id, "name": p.name, "status": p.status, "color": STATUS_COLORS.get(p.status, "gray"),
                 "pool": format_money(p.bonus_pool), "started": p.started_on, "owner": p.owner_name,
                 "href": f"{PROJECTS_ROUTE}/{p.id}", "board": f"{PROJECTS_ROUTE}/{p.id}/board"}
                for p in self.projects]

    async def _fetch(self) -> None:
        self.is_loading = True
        try:
            mine = self.scope == "mine" or not self.manages_projects
            self.projects = await project_api.fetch_projects(self.token, mine=mine)
            self.load_error_code = ""
            self.is_loaded = True
        except GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if self._projects_token != self.token:
            self.projects, self.is_loaded, self.scope = [], False, "mine"
        if not self.token:
            yield self._to_sign_in()
            return
        loaded = await self._load_viewer()
        if loaded is False:
            yield self._session_expired()
            return
        if loaded is None:
            self.load_error_code = self.viewer_error_code
            return
        self._projects_token = self.token
        await self._fetch()

    @rx.event
    async def set_scope(self, scope: str | list[str]) -> None:
        self.scope = scope if scope in ("mine", "all") else "mine"
        await self._fetch()


def project_card(row: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.badge(t("projects.status." + row["status"]), color_scheme=row["color"], variant="soft"),
                rx.spacer(),
                rx.text(t("projects.pool"), " ", row["pool"], size="2", color_scheme="gray"),
                align="center", width="100%", spacing="2",
            ),
            rx.link(row["name"], href=row["href"], weight="medium", size="4", high_contrast=True,
                    class_name="project-link"),
            rx.text(t("projects.owner"), " ", row["owner"], " · ", t("projects.started"), " ", row["started"],
                    size="2", color_scheme="gray"),
            rx.flex(
                rx.link(rx.button(rx.icon("kanban", size=16), t("projects.open_board"), variant="soft", size="3"),
                        href=row["board"]),
                rx.link(rx.button(rx.icon("chart-pie", size=16), t("projects.open_bonus"), variant="soft",
                                  size="3", color_scheme="gray"), href=row["href"]),
                spacing="2", wrap="wrap",
            ),
            spacing="2",
            width="100%",
        ),
        size="2",
        width="100%",
        class_name="project-row",
    )


@template(route=PROJECTS_ROUTE, title="项目 Projects", on_load=ProjectsState.load)
def projects_page() -> rx.Component:
    state = ProjectsState
    return rx.vstack(
        page_heading("projects.title", heading_id="projects-title", actions=[
            rx.cond(state.manages_projects,
                    rx.link(rx.button(rx.icon("plus", size=16), t("projects.new"), size="3", id="project-new"),
                            href=PROJECTS_ROUTE + "/new")),
        ]),
        rx.cond(state.manages_projects, rx.segmented_control.root(
            rx.segmented_control.item(t("projects.scope.mine"), value="mine"),
            rx.segmented_control.item(t("projects.scope.all"), value="all"),
            value=state.scope, on_change=state.set_scope, size="2", id="projects-scope",
        )),
        rx.cond(state.load_error_code != "", error_callout("error." + state.load_error_code,
                                                           callout_id="projects-error")),
        rx.grid(rx.foreach(state.rows, project_card), columns=rx.breakpoints(initial="1", md="2"), spacing="3",
                width="100%", id="project-list"),
        rx.cond(state.is_loaded & (state.rows.length() == 0) & ~state.is_loading,
                rx.text(rx.cond(state.scope == "mine", t("projects.empty.mine"), t("projects.empty.all")),
                        color_scheme="gray", id="projects-empty")),
        rx.cond(state.is_loading, loading_row()),
        spacing="3",
        width="100%",
    )
