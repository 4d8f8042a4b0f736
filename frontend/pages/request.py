"""One support request: every field, its SLA figures, photos, timeline and comments, and the actions the
signed-in employee may take in its current state; live while it is open."""

from __future__ import annotations

import reflex as rx

from frontend.components.request_cards import (
    actions_card,
    comments_card,
    figures_card,
    photos_card,
    summary_card,
    timeline_card,
)
from frontend.components.template import error_callout, loading_row, template
from frontend.i18n import t
from frontend.state.queue import REQUESTS_ROUTE
from frontend.state.request_detail import (  # noqa: F401  (the page's state and helpers, for tests)
    REQUEST_ROUTE,
    RequestState,
    allowed_actions,
    request_id_from_path,
    view_of,
)


@template(route=REQUEST_ROUTE, title="协同需求 Support request", on_load=RequestState.load)
def request_page() -> rx.Component:
    return rx.vstack(
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("support.back"), align="center"), href=REQUESTS_ROUTE),
        rx.cond(
            RequestState.load_error_code != "",
            error_callout(RequestState.load_error_label_key, "", callout_id="request-load-error"),
        ),
        rx.cond(RequestState.not_found, rx.callout(t("support.not_found"), icon="info", id="request-not-found")),
        rx.cond(
            RequestState.has_action_error,
            error_callout(
                RequestState.action_error_label_key, RequestState.action_error_message, callout_id="request-error"
            ),
        ),
        rx.cond(
            RequestState.is_loaded,
            rx.vstack(
                summary_card(),
                actions_card(),
                figures_card(),
                photos_card(),
                timeline_card(),
                comments_card(),
                spacing="3",
                width="100%",
            ),
            rx.cond(RequestState.is_loading, loading_row()),
        ),
        spacing="3",
        width="100%",
    )
