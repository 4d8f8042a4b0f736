"""The board's dialogs: a card's detail (description, comments, history, rating, edits, move buttons — the
keyboard and accessibility way to move it) and a new card."""

from __future__ import annotations

import reflex as rx

from frontend.i18n import t
from frontend.state.board_state import RATINGS, BoardState, HistoryLine


def _member_options() -> list[rx.Component]:
    return [rx.el.option(t("board.card.unassigned"), value=""),
            rx.foreach(BoardState.members, lambda m: rx.el.option(m.name, value=m.id))]


def move_buttons() -> rx.Component:
    card = BoardState.open_card

    def button(direction: str, icon: str, enabled: rx.Var[bool]) -> rx.Component:
        return rx.button(rx.icon(icon, size=16), t(f"board.move.{direction}"), id=f"card-move-{direction}",
                         variant="soft", size="3", disabled=~enabled | ~BoardState.can_edit,
                         loading=BoardState.busy == card.id, on_click=BoardState.step(direction))

    return rx.grid(button("left", "arrow-left", card.can_left), button("right", "arrow-right", card.can_right),
                   button("up", "arrow-up", card.can_up), button("down", "arrow-down", card.can_down),
                   columns="2", spacing="2", width="100%", aria_label=t("board.move.title"))


def rating_row() -> rx.Component:
    card = BoardState.open_card
    return rx.cond(
        card.can_rate,
        rx.vstack(
            rx.text(t("board.card.rate"), size="2", weight="medium"),
            rx.hstack(*[rx.icon_button(rx.icon("star", fill=rx.cond(card.my_rating >= n, "currentColor", "none")),
                                       id=f"card-rate-{n}", variant="ghost", color_scheme="amber", size="3",
                                       aria_label=f"{n} / 5", on_click=BoardState.rate(n)) for n in RATINGS],
                      spacing="1"),
            spacing="1",
        ),
        rx.cond(card.in_last_column, rx.text(t("board.card.rate_not_yours"), size="1", color_scheme="gray"),
                rx.text(t("board.card.rate_when_done"), size="1", color_scheme="gray")),
    )


def edit_form() -> rx.Component:
    card = BoardState.open_card
    return rx.form(
        rx.vstack(
            rx.text(t("board.card.title_field"), as_="label", html_for="card-title", size="2", weight="medium"),
            rx.input(id="card-title", name="title", default_value=card.title, size="3", width="100%",
                     max_length=200, key=card.id + card.version.to_string()),
            rx.text(t("board.card.description"), as_="label", html_for="card-description", size="2",
                    weight="medium"),
            rx.text_area(id="card-description", name="description", default_value=card.description, rows="3",
                         width="100%", key=card.id + card.version.to_string() + "d"),
            rx.grid(
                rx.vstack(rx.text(t("board.card.due"), as_="label", html_for="card-due", size="2", weight="medium"),
                          rx.input(id="card-due", name="due_date", type="date", default_value=card.due_date,
                                   size="3", key=card.id + card.version.to_string() + "due"), spacing="1"),
                rx.vstack(rx.text(t("board.card.points_field"), as_="label", html_for="card-points", size="2",
                                  weight="medium"),
                          rx.input(id="card-points", name="story_points", type="number", min="0", max="100",
                                   default_value=card.story_points.to_string(), size="3",
                                   key=card.id + card.version.to_string() + "p"), spacing="1"),
                columns="2", spacing="2", width="100%",
            ),
            rx.button(t("board.card.save"), type="submit", size="3", id="card-save", loading=BoardState.busy != ""),
            spacing="2",
            width="100%",
        ),
        on_submit=BoardState.edit,
        reset_on_submit=False,
        width="100%",
    )


def history_list() -> rx.Component:
    def line(item: HistoryLine) -> rx.Component:
        return rx.text(t("board.history." + item.kind), " · ", item.actor, " · ", item.at,
                       rx.cond(item.detail != "", " · " + item.detail, ""), size="1", color_scheme="gray")

    return rx.vstack(rx.foreach(BoardState.card_history, line), spacing="1", id="card-history", width="100%")


def card_dialog() -> rx.Component:
    card = BoardState.open_card
    comments = rx.vstack(
        rx.foreach(card.comments, lambda c: rx.box(rx.text(c[0], " · ", c[1], size="1", color_scheme="gray"),
                                                   rx.text(c[2], size="2", white_space="pre-wrap"))),
        spacing="2", width="100%", id="card-comments",
    )
    comment_form = rx.form(
        rx.hstack(rx.text_area(id="card-comment-body", name="body", rows="2", placeholder=t("board.card.comment"),
                               width="100%", required=True),
                  rx.button(t("board.card.send"), type="submit", size="3", id="card-comment-send"),
                  width="100%", align="end"),
        on_submit=BoardState.comment, reset_on_submit=False, width="100%",
    )
    return rx.dialog.root(
        rx.dialog.content(
            rx.vstack(
                rx.flex(
                    rx.dialog.title(card.title, id="card-dialog-title", margin="0"),
                    rx.spacer(),
                    rx.dialog.close(rx.icon_button(rx.icon("x", size=18), variant="ghost", size="3",
                                                   aria_label=t("board.card.close"), id="card-close")),
                    align="center", width="100%",
                ),
                rx.text(card.column_name, " · ", rx.cond(card.assignee_name != "", card.assignee_name,
                                                          t("board.card.unassigned")),
                        rx.cond(card.mean_rating != "", " · ★" + card.mean_rating, ""), size="2",
                        color_scheme="gray"),
                rx.cond(card.description != "", rx.text(card.description, white_space="pre-wrap", size="2")),
                rx.cond(BoardState.can_edit, move_buttons()),
                rx.cond(BoardState.can_edit, rx.vstack(
                    rx.text(t("board.card.assignee"), as_="label", html_for="card-assignee", size="2",
                            weight="medium"),
                    rx.el.select(*_member_options(), id="card-assignee", class_name="tandem-select",
                                 value=card.assignee_id, on_change=BoardState.assign),
                    spacing="1", width="100%")),
                rating_row(),
                rx.cond(card.ratings.length() > 0,
                        rx.text(t("board.card.ratings"), " ", card.ratings.join("，"), size="1", color_scheme="gray")),
                rx.heading(t("board.card.comments"), size="3", as_="h3"),
                comments,
                rx.cond(BoardState.can_edit, comment_form),
                rx.cond(BoardState.can_edit, rx.box(rx.heading(t("board.card.edit"), size="3", as_="h3"),
                                                    edit_form(), width="100%")),
                rx.heading(t("board.card.history"), size="3", as_="h3"),
                history_list(),
                spacing="3",
                width="100%",
            ),
            max_width="34rem",
            id="card-dialog",
        ),
        open=BoardState.open_card_id != "",
        on_open_change=BoardState.close_card,
    )


def new_card_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("board.card.add"), " · ", BoardState.adding_column_name),
            rx.form(
                rx.vstack(
                    rx.text(t("board.card.title_field"), as_="label", html_for="new-card-title", size="2",
                            weight="medium"),
                    rx.input(id="new-card-title", name="title", required=True, max_length=200, size="3",
                             width="100%"),
                    rx.text(t("board.card.description"), as_="label", html_for="new-card-description", size="2",
                            weight="medium"),
                    rx.text_area(id="new-card-description", name="description", rows="3", width="100%"),
                    rx.text(t("board.card.assignee"), as_="label", html_for="new-card-assignee", size="2",
                            weight="medium"),
                    rx.el.select(*_member_options(), id="new-card-assignee", name="assignee_id",
                                 class_name="tandem-select", default_value=BoardState.me.id),
                    rx.grid(
                        rx.vstack(rx.text(t("board.card.due"), as_="label", html_for="new-card-due", size="2",
                                          weight="medium"),
                                  rx.input(id="new-card-due", name="due_date", type="date", size="3"), spacing="1"),
                        rx.vstack(rx.text(t("board.card.points_field"), as_="label", html_for="new-card-points",
                                          size="2", weight="medium"),
                                  rx.input(id="new-card-points", name="story_points", type="number", min="0",
                                           max="100", default_value="1", size="3"), spacing="1"),
                        columns="2", spacing="2", width="100%",
                    ),
                    rx.flex(
                        rx.button(t("board.card.create"), type="submit", size="3", id="new-card-submit",
                                  loading=BoardState.busy == "new", flex_grow="1"),
                        rx.dialog.close(rx.button(t("support.form.close"), type="button", size="3", variant="soft",
                                                  color_scheme="gray")),
                        spacing="2", width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=BoardState.add_card,
                reset_on_submit=True,
            ),
            max_width="30rem",
            id="new-card-dialog",
        ),
        open=BoardState.adding_column_id != "",
        on_open_change=BoardState.stop_adding,
    )
