"""A project's board: columns with WIP limits, cards moved by drag and drop or by keyboard, live for everyone
who has it open (boardChanged patches it in place; a reconnect starts from the current board)."""

from __future__ import annotations

import reflex as rx

from frontend.components.board import KanbanBoard
from frontend.components.card_dialog import card_dialog, new_card_dialog
from frontend.components.template import error_callout, loading_row, template
from frontend.i18n import LanguageState, t
from frontend.state.board_state import PROJECTS_ROUTE, BoardState

BOARD_ROUTE = PROJECTS_ROUTE + "/[id]/board"


def notice() -> rx.Component:
    colors = {"conflict": "amber", "wip": "red", "error": "red"}
    return rx.cond(
        BoardState.notice_kind != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle_alert", size=16)),
            rx.flex(
                rx.text(BoardState.notice_text, id="board-notice-text"),
                rx.spacer(),
                rx.icon_button(rx.icon("x", size=14), variant="ghost", size="1", aria_label=t("support.notice.close"),
                               on_click=BoardState.dismiss_notice),
                spacing="2", align="center", width="100%",
            ),
            color_scheme=rx.match(BoardState.notice_kind, *colors.items(), "gray"),
            role="alert",
            id="board-notice",
            data_kind=BoardState.notice_kind,
        ),
    )


def header() -> rx.Component:
    return rx.flex(
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("board.back"), align="center"),
                href=PROJECTS_ROUTE + "/" + BoardState.project_id),
        rx.heading(BoardState.board_name, size="5", as_="h1", id="board-title"),
        rx.badge(t("projects.status." + BoardState.board_status), variant="soft"),
        rx.text(BoardState.card_count.to_string(), " ", t("board.cards"), size="2", color_scheme="gray"),
        rx.spacer(),
        rx.cond(BoardState.is_live,
                rx.badge(rx.icon("radio", size=12), t("desk.live"), color_scheme="green", id="board-live")),
        rx.cond(~BoardState.can_edit & (BoardState.board_status != ""),
                rx.text(t("board.read_only"), size="1", color_scheme="gray")),
        align="center", wrap="wrap", spacing="2", width="100%",
    )


@template(route=BOARD_ROUTE, title="看板 Board", on_load=BoardState.load, wide=True)
def board_page() -> rx.Component:
    return rx.vstack(
        header(),
        rx.text(t("board.hint"), size="1", color_scheme="gray", display=rx.breakpoints(initial="none", sm="block")),
        notice(),
        rx.cond(BoardState.load_error_code != "", error_callout("error." + BoardState.load_error_code,
                                                                callout_id="board-error")),
        rx.cond(BoardState.not_found, rx.callout(t("projects.not_found"), icon="info", id="board-not-found")),
        rx.cond(BoardState.is_loading & (BoardState.card_count == 0), loading_row()),
        KanbanBoard.create(
            columns=BoardState.columns_view,
            labels=LanguageState.labels,
            can_edit=BoardState.can_edit,
            revision=BoardState.revision,
            on_move=BoardState.move,
            on_open=BoardState.open,
            on_add=BoardState.start_adding,
        ),
        card_dialog(),
        new_card_dialog(),
        spacing="3",
        width="100%",
    )
