"""A board patched in place from boardChanged, never refetched: pure functions over the gateway's dataclasses.

A change older than what the board already holds (its `sequence`) is skipped, so the CURRENT board and the
changes after it, a move this tab made itself (its answer and its event both arrive), and a reconnect's new
CURRENT all converge on the same board. Cards are found by id, not by position, so a patch never moves the
wrong card; positions are the cards' order in their column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from frontend.api.projects import Board, BoardChange, Card, Column

# Changes that carry the whole board (`project`): the board is replaced.
WHOLE_BOARD_KINDS = frozenset({"CURRENT", "BOARD_CONFIGURED", "MEMBER_ADDED", "PROJECT_CLOSED"})
# Changes that carry the card's new fields; its comments and ratings stay as the board has them.
CARD_KINDS = frozenset({"TASK_CREATED", "TASK_UPDATED", "TASK_ASSIGNED", "TASK_MOVED", "TASK_COMMENTED",
                        "TASK_RATED"})


def find_card(board: Board, card_id: str) -> tuple[int, int] | None:
    """(column index, position) of a card, or None."""
    for column_index, column in enumerate(board.columns):
        for position, card in enumerate(column.cards):
            if card.id == card_id:
                return column_index, position
    return None


def card_of(board: Board, card_id: str) -> Card | None:
    found = find_card(board, card_id)
    return None if found is None else board.columns[found[0]].cards[found[1]]


def _renumbered(column: Column, cards: list[Card]) -> Column:
    return dataclasses.replace(column, cards=tuple(
        card if card.position == index and card.column_id == column.id
        else dataclasses.replace(card, position=index, column_id=column.id)
        for index, card in enumerate(cards)))


def place_card(board: Board, card: Card, *, column_id: str, position: int) -> Board:
    """The board with `card` (new or moved) at `position` of `column_id` (clamped), others keeping their order.
    A card already on the board keeps its comments and ratings when `card` carries none."""
    found = find_card(board, card.id)
    if found is not None:
        old = board.columns[found[0]].cards[found[1]]
        if not card.comments and not card.ratings:
            card = dataclasses.replace(card, comments=old.comments, ratings=old.ratings)
    if not any(column.id == column_id for column in board.columns):
        return board  # a column this board does not have (yet): the next CURRENT brings it
    columns = []
    for index, column in enumerate(board.columns):
        cards = list(column.cards)
        if found is not None and index == found[0]:
            del cards[found[1]]
        if column.id == column_id:
            cards.insert(min(max(position, 0), len(cards)), card)
        changed = (found is not None and index == found[0]) or column.id == column_id
        columns.append(_renumbered(column, cards) if changed else column)
    return dataclasses.replace(board, columns=tuple(columns))


def replace_card(board: Board, card: Card) -> Board:
    """The card's new fields where it is (an edit, an assignment, a comment, a rating)."""
    found = find_card(board, card.id)
    if found is None:
        return place_card(board, card, column_id=card.column_id, position=card.position)
    column_index, position = found
    if board.columns[column_index].id != card.column_id:
        return place_card(board, card, column_id=card.column_id, position=card.position)
    old = board.columns[column_index].cards[position]
    merged = dataclasses.replace(card, position=position, comments=card.comments or old.comments,
                                 ratings=card.ratings or old.ratings)
    column = board.columns[column_index]
    cards = list(column.cards)
    cards[position] = merged
    columns = list(board.columns)
    columns[column_index] = dataclasses.replace(column, cards=tuple(cards))
    return dataclasses.replace(board, columns=tuple(columns))


def apply_change(board: Board, change: BoardChange) -> Board:
    """The board after one event of boardChanged."""
    if change.kind in WHOLE_BOARD_KINDS:
        if change.board is None or (change.kind != "CURRENT" and change.sequence <= board.sequence):
            return board
        return dataclasses.replace(change.board, sequence=max(change.sequence, change.board.sequence))
    if change.sequence <= board.sequence or change.kind not in CARD_KINDS or change.card is None:
        return board
    card = change.card
    if change.kind == "TASK_MOVED":
        current = card_of(board, card.id)
        if current is not None and current.version > card.version:
            patched = board  # the board already shows a later state of this card
        else:
            patched = place_card(board, card, column_id=card.column_id, position=card.position)
    elif change.kind == "TASK_CREATED":
        patched = board if card_of(board, card.id) else place_card(board, card, column_id=card.column_id,
                                                                      position=card.position)
    else:
        patched = replace_card(board, card)
    if change.comment is not None:
        patched = _with_comment(patched, card.id, change)
    if change.rating is not None:
        patched = _with_rating(patched, card.id, change)
    return dataclasses.replace(patched, sequence=change.sequence)


def _with_comment(board: Board, card_id: str, change: BoardChange) -> Board:
    card = card_of(board, card_id)
    if card is None or change.comment is None or any(c.id == change.comment.id for c in card.comments):
        return board
    return replace_card(board, dataclasses.replace(card, comments=(*card.comments, change.comment)))


def _with_rating(board: Board, card_id: str, change: BoardChange) -> Board:
    """A rater's new rating replaces their earlier one (SPEC §3)."""
    card = card_of(board, card_id)
    if card is None or change.rating is None:
        return board
    others = tuple(r for r in card.ratings if r.rater_id != change.rating.rater_id)
    return replace_card(board, dataclasses.replace(card, ratings=(*others, change.rating)))


@dataclasses.dataclass(frozen=True)
class MovePlan:
    """Where a keyboard/button move (left, right, up, down) takes a card, or why it cannot go."""

    column_id: str = ""
    position: int = 0
    # "" when the move is possible; else "edge" (nowhere to go) or "wip" (the target column is full).
    refused: str = ""
    wip_limit: int | None = None
    column_name: str = ""


def plan_step(board: Board, card_id: str, direction: str) -> MovePlan:
    """Left/right: to the neighbouring column (at the end of it); up/down: one place within the column."""
    found = find_card(board, card_id)
    if found is None:
        return MovePlan(refused="edge")
    column_index, position = found
    column = board.columns[column_index]
    if direction in ("up", "down"):
        target = position - 1 if direction == "up" else position + 1
        if not 0 <= target < len(column.cards):
            return MovePlan(refused="edge")
        return MovePlan(column_id=column.id, position=target, column_name=column.name)
    target_index = column_index + (-1 if direction == "left" else 1)
    if not 0 <= target_index < len(board.columns):
        return MovePlan(refused="edge")
    return check_room(board, board.columns[target_index].id, len(board.columns[target_index].cards), card_id)


def check_room(board: Board, column_id: str, position: int, card_id: str) -> MovePlan:
    """Whether `card_id` may go to `column_id`: a move over the column's WIP limit is refused (the server
    refuses it too; asking first names the limit without a round trip)."""
    target = next((c for c in board.columns if c.id == column_id), None)
    if target is None:
        return MovePlan(refused="edge")
    staying = any(card.id == card_id for card in target.cards)
    if not staying and target.wip_limit is not None and len(target.cards) + 1 > target.wip_limit:
        return MovePlan(column_id=column_id, position=position, refused="wip", wip_limit=target.wip_limit,
                        column_name=target.name)
    return MovePlan(column_id=column_id, position=position, wip_limit=target.wip_limit, column_name=target.name)


def card_view(card: Card, *, today: dt.date, done_column: bool) -> dict[str, Any]:
    """A card as the board component draws it: small, every figure ready to show."""
    ratings = [r.rating for r in card.ratings]
    mean = f"{Decimal(sum(ratings)) / len(ratings):.1f}" if ratings else ""
    overdue = bool(card.due_date) and not done_column and dt.date.fromisoformat(card.due_date) < today
    return {"id": card.id, "title": card.title, "version": card.version, "assignee": card.assignee_name,
            "due": card.due_date, "overdue": overdue, "points": card.story_points, "rating": mean,
            "ratings": len(ratings), "comments": len(card.comments)}


def board_view(board: Board, *, today: dt.date) -> list[dict[str, Any]]:
    """The columns in order with their WIP limit and cards, for the board component."""
    last = len(board.columns) - 1
    return [{"id": column.id, "name": column.name, "wipLimit": column.wip_limit, "count": len(column.cards),
             "cards": [card_view(card, today=today, done_column=index == last) for card in column.cards]}
            for index, column in enumerate(board.columns)]
