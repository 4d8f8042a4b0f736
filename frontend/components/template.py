"""The shell every page shares: a top bar (brand, navigation, language, sign-out) above the content.

Pages register through `@template(...)` instead of `@rx.page(...)`, so the shell stays in one place. The
navigation comes from frontend/components/navigation.py and shows each employee the entries of their roles.
On a phone the bar is one row (brand, language, a menu holding the navigation and sign-out); from the `md`
breakpoint the navigation sits in the bar itself.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.event import EventType

from frontend.components.navigation import NAVIGATION, NavEntry, entry_for
from frontend.i18n import LanguageState, t
from frontend.state.session import HOME_ROUTE
from frontend.state.viewer import ViewerState

CONTENT_MAX_WIDTH = "72rem"
# Pages that need the room (a board) ask for it.
WIDE_MAX_WIDTH = "100%"


def _shown(entry: NavEntry) -> rx.Var[bool]:
    return ViewerState.nav_routes.contains(entry.route)


def nav_link(entry: NavEntry, *, is_current: bool) -> rx.Component:
    return rx.cond(
        _shown(entry),
        rx.link(
            t(entry.label_key),
            href=entry.route,
            id=entry.element_id,
            weight="bold" if is_current else "regular",
            underline="always" if is_current else "hover",
            high_contrast=True,
            white_space="nowrap",
            aria_current="page" if is_current else None,
            padding_y="0.5rem",
        ),
    )


def menu_item(entry: NavEntry, *, is_current: bool) -> rx.Component:
    return rx.cond(
        _shown(entry),
        rx.menu.item(
            rx.link(
                rx.hstack(rx.icon(entry.icon, size=16), rx.text(t(entry.label_key)), spacing="2", align="center"),
                href=entry.route,
                id=entry.element_id + "-menu",
                underline="none",
                color="inherit",
                weight="bold" if is_current else "regular",
                width="100%",
            ),
            as_child=False,
            min_height="40px",
        ),
    )


def language_button() -> rx.Component:
    return rx.button(
        rx.icon("languages", size=16),
        rx.text(t("language.switch"), as_="span", display=rx.breakpoints(initial="none", sm="inline")),
        id="language-toggle",
        aria_label=t("language.switch"),
        variant="soft",
        size="3",
        on_click=LanguageState.toggle_language,
    )


def phone_menu(current: NavEntry | None) -> rx.Component:
    return rx.box(
        rx.menu.root(
            rx.menu.trigger(
                rx.icon_button(rx.icon("menu", size=20), id="nav-menu", aria_label=t("nav.menu"), variant="soft",
                               size="3"),
            ),
            rx.menu.content(
                *[menu_item(entry, is_current=entry == current) for entry in NAVIGATION],
                rx.menu.separator(),
                rx.menu.item(
                    rx.hstack(rx.icon("log-out", size=16), rx.text(t("nav.logout")), spacing="2", align="center"),
                    id="logout-menu",
                    color="red",
                    min_height="40px",
                    on_select=ViewerState.logout,
                ),
                size="2",
                min_width="12rem",
            ),
        ),
        display=rx.breakpoints(initial="block", md="none"),
    )


def top_bar(*, current_route: str, signed_in_page: bool) -> rx.Component:
    current = entry_for(current_route)
    desktop_navigation = rx.hstack(
        *[nav_link(entry, is_current=entry == current) for entry in NAVIGATION],
        spacing="4",
        align="center",
        display=rx.breakpoints(initial="none", md="flex"),
    )
    logout_button = rx.button(
        rx.icon("log-out", size=16),
        t("nav.logout"),
        id="logout",
        variant="outline",
        size="3",
        on_click=ViewerState.logout,
        display=rx.breakpoints(initial="none", md="inline-flex"),
    )
    signed_in = [desktop_navigation, rx.spacer(), language_button(), logout_button, phone_menu(current)]
    return rx.flex(
        rx.link(
            rx.heading(t("app.name"), size="5", as_="div", white_space="nowrap"),
            href=HOME_ROUTE,
            underline="none",
            high_contrast=True,
        ),
        *(signed_in if signed_in_page else [rx.spacer(), language_button()]),
        align="center",
        spacing=rx.breakpoints(initial="2", sm="4"),
        padding_x=rx.breakpoints(initial="0.75rem", sm="1.5rem"),
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a5)",
        background="var(--color-background)",
        position="sticky",
        top="0",
        z_index="10",
        width="100%",
        id="top-bar",
    )


def shell(content: rx.Component, *, current_route: str, signed_in_page: bool, wide: bool) -> rx.Component:
    return rx.box(
        rx.el.a(t("nav.skip"), href="#main", class_name="tandem-skip-link"),
        top_bar(current_route=current_route, signed_in_page=signed_in_page),
        rx.el.main(
            content,
            id="main",
            max_width=WIDE_MAX_WIDTH if wide else CONTENT_MAX_WIDTH,
            margin_x="auto",
            padding=rx.breakpoints(initial="0.75rem", sm="1.5rem"),
            # Room under the last button for the connection banner (frontend/components/overlay.py).
            padding_bottom="3.5rem",
            width="100%",
        ),
        min_height="100vh",
    )


def template(
    *,
    route: str,
    title: str,
    on_load: EventType[()] | None = None,
    signed_in_page: bool = True,
    wide: bool = False,
) -> Callable[[Callable[[], rx.Component]], Callable[[], rx.Component]]:
    """Register the decorated content function as a page at `route`, wrapped in the shell.

    `title` is the browser tab's title (both languages: it is fixed when the page is built); `wide` lets
    the content use the whole width (boards)."""

    def decorator(content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def page() -> rx.Component:
            return shell(content(), current_route=route, signed_in_page=signed_in_page, wide=wide)

        page.__name__ = content.__name__
        rx.page(route=route, title=f"{title} · Tandem", on_load=on_load)(page)
        return page

    return decorator


def page_heading(label_key: str, *, heading_id: str, actions: list[rx.Component] | None = None) -> rx.Component:
    """A page's title row: the heading, then its actions (wrapping below it on a phone)."""
    return rx.flex(
        rx.heading(t(label_key), size="6", as_="h1", id=heading_id),
        rx.spacer(),
        *(actions or []),
        align="center",
        wrap="wrap",
        gap="0.75rem",
        width="100%",
    )


def loading_row() -> rx.Component:
    return rx.hstack(rx.spinner(), rx.text(t("desk.loading")), align="center", role="status")


def error_callout(label_key: rx.Var[str] | str, message: rx.Var[str] | str = "", *,
                  callout_id: str) -> rx.Component:
    """A translated error (and the server's own explanation, when it gave one)."""
    key = rx.Var.create(label_key)
    text = rx.Var.create(message)
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle_alert", size=16)),
        rx.vstack(
            rx.cond(key != "", rx.text(t(key), weight="medium")),
            rx.cond(text != "", rx.text(text, size="2")),
            spacing="1",
        ),
        color_scheme="red",
        role="alert",
        id=callout_id,
    )
