"""Any address the app does not know: the page template, a translated message and a way back."""

from __future__ import annotations

import reflex as rx

from frontend.components.template import template
from frontend.i18n import t
from frontend.state.session import HOME_ROUTE
from frontend.state.viewer import ViewerState


class NotFoundState(ViewerState):
    @rx.event
    async def load(self) -> None:
        # Only to show the navigation of whoever is signed in; nobody is sent anywhere from here.
        if self.token:
            await self._load_viewer()


@template(route="404", title="找不到页面 Page not found", on_load=NotFoundState.load)
def not_found_page() -> rx.Component:
    return rx.center(
        rx.card(
            rx.vstack(
                rx.icon("map-pin-off", size=32, color="var(--gray-10)"),
                rx.heading(t("not_found.title"), size="6", as_="h1", id="not-found-title"),
                rx.text(t("not_found.text"), color_scheme="gray"),
                rx.link(rx.button(rx.icon("house", size=16), t("not_found.home"), size="3"), href=HOME_ROUTE,
                        id="not-found-home"),
                spacing="3",
                align="center",
            ),
            size="3",
            max_width="28rem",
            width="100%",
        ),
        padding_top=rx.breakpoints(initial="1rem", sm="4rem"),
    )
