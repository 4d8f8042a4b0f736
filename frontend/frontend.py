"""The Tandem web SPA: the Reflex app, with the GraphQL API mounted on the same port. Nothing else."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import reflex as rx

from backend.app import create_api
from frontend.components.overlay import overlay
from frontend.pages import (  # noqa: F401  (importing a page registers it)
    analytics,
    board,
    desk,
    employee,
    login,
    not_found,
    orders,
    people,
    performance,
    performance_admin,
    performance_department,
    project,
    project_form,
    projects,
    request,
    requests,
    rules,
)

graphql_api = create_api()

app = rx.App(
    api_transformer=graphql_api,
    html_lang="zh-CN",  # the default language; frontend/components/browser.py follows the chosen one
    stylesheets=["/tandem/theme.css"],
    # An empty inline icon: no favicon request that would 404.
    head_components=[rx.el.link(rel="icon", href="data:,")],
)
# Instead of Reflex's English developer toasts: a translated connection banner, <html lang>, the tab guard.
app.app_wraps[(5, "Overlay")] = lambda stateful: overlay() if stateful else None


@contextlib.asynccontextmanager
async def run_graphql_api_lifespan() -> AsyncIterator[None]:
    """Reflex wraps the mounted API in its own Starlette app, which never sends the API lifespan events;
    without this the API would have no database connection or event bus."""
    async with graphql_api.router.lifespan_context(graphql_api):
        yield


app.register_lifespan_task(run_graphql_api_lifespan)
