"""What sits above every page: the translated connection banner (instead of Reflex's English developer
message), <html lang>, and the guard that signs every tab out together."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

from frontend.components.browser import HtmlLang, ServiceWorker, SessionGuard
from frontend.i18n import LanguageState, t
from frontend.state.session import LOGIN_ROUTE


def connection_banner() -> rx.Component:
    """A slim bar under the top edge while the connection is down: it says what still works (the support form
    keeps requests on the device) and covers no button."""
    return rx.cond(
        has_connection_errors,
        rx.hstack(
            rx.icon("wifi-off", size=16),
            rx.text(t("connection.lost"), size="2", weight="medium"),
            rx.text(t("connection.offline_hint"), size="1", display=rx.breakpoints(initial="none", sm="inline")),
            align="center",
            spacing="2",
            position="fixed",
            bottom="0",
            left="0",
            right="0",
            z_index="50",
            padding_x="0.75rem",
            padding_y="0.375rem",
            background="var(--amber-3)",
            color="var(--amber-12)",
            border_top="1px solid var(--amber-7)",
            role="status",
            aria_live="polite",
            id="connection-banner",
        ),
    )


def overlay() -> rx.Component:
    return rx.fragment(
        connection_banner(),
        HtmlLang.create(lang=LanguageState.html_lang),
        SessionGuard.create(storage_key="tandem.token", login_path=LOGIN_ROUTE),
        ServiceWorker.create(url="/sw.js"),
    )
