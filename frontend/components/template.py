"""The shell every page shares: a top bar (brand, navigation, language switch, logout) above the content.

Pages register through `@template(...)` instead of `@rx.page(...)`, so the shell stays in one place.
The layout is a single column that wraps on narrow screens: staff often use Tandem on a phone.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex.event import EventType

from frontend.i18n import LanguageState, t
from frontend.state.session import HOME_ROUTE, SessionState

CONTENT_MAX_WIDTH = "60rem"

# (route, label key) of the navigation links shown to a signed-in user.
# Pages under a route (e.g. /requests/<id>) mark that route's link as current.
NAVIGATION: tuple[tuple[str, str], ...] = ((HOME_ROUTE, "nav.desk"), ("/requests", "nav.support"),
                                          ("/performance", "nav.performance"))


def nav_link(route: str, label_key: str, *, is_current: bool) -> rx.Component:
    return rx.link(
        t(label_key),
        href=route,
        id=f"nav-{label_key.removeprefix('nav.')}",
        weight="bold" if is_current else "regular",
        underline="always" if is_current else "hover",
        high_contrast=True,
        white_space="nowrap",
    )


def label_beside_icon(label_key: str) -> rx.Component:
    # Phones get the icon only; the button's aria-label still names the action.
    return rx.text(t(label_key), as_="span", display=rx.breakpoints(initial="none", sm="inline"))


def top_bar(*, current_route: str, signed_in_page: bool) -> rx.Component:
    language_button = rx.button(
        rx.icon("languages", size=16),
        label_beside_icon("language.switch"),
        id="language-toggle",
        aria_label=t("language.switch"),
        variant="soft",
        size="2",
        on_click=LanguageState.toggle_language,
    )
    logout_button = rx.button(
        rx.icon("log-out", size=16),
        label_beside_icon("nav.logout"),
        id="logout",
        aria_label=t("nav.logout"),
        variant="outline",
        size="2",
        on_click=SessionState.logout,
    )
    navigation = [
        nav_link(route, key, is_current=current_route == route or current_route.startswith(route + "/"))
        for route, key in NAVIGATION
    ]
    return rx.flex(
        rx.link(
            rx.heading(t("app.name"), size="5", as_="div", white_space="nowrap"),
            href=HOME_ROUTE,
            underline="none",
            high_contrast=True,
        ),
        *(navigation if signed_in_page else []),
        rx.spacer(),
        language_button,
        *([rx.cond(SessionState.is_signed_in, logout_button)] if signed_in_page else []),
        align="center",
        # On the narrowest phones the navigation may take a second row rather than break its labels.
        wrap="wrap",
        row_gap="0.5rem",
        spacing=rx.breakpoints(initial="3", sm="4"),
        padding_x=rx.breakpoints(initial="0.75rem", sm="1.5rem"),
        padding_y="0.75rem",
        border_bottom="1px solid var(--gray-a5)",
        width="100%",
    )


def shell(content: rx.Component, *, current_route: str, signed_in_page: bool) -> rx.Component:
    return rx.box(
        top_bar(current_route=current_route, signed_in_page=signed_in_page),
        rx.box(
            content,
            max_width=CONTENT_MAX_WIDTH,
            margin_x="auto",
            padding=rx.breakpoints(initial="0.75rem", sm="1.5rem"),
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
) -> Callable[[Callable[[], rx.Component]], Callable[[], rx.Component]]:
    """Register the decorated content function as a page at `route`, wrapped in the shell."""

    def decorator(content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def page() -> rx.Component:
            return shell(content(), current_route=route, signed_in_page=signed_in_page)

        page.__name__ = content.__name__
        rx.page(route=route, title=f"{title} · Tandem", on_load=on_load)(page)
        return page

    return decorator
