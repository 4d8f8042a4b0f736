"""The board patched from boardChanged (move, reorder, create, comments, ratings, stale events) and the board
page's moves: shown at once, confirmed or refused (WIP limit named, a conflict reloads and names who)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncGenerator
from typing import Any

import pytest

from frontend import api
from frontend.api import projects as project_api
from frontend.api.projects import Board, BoardChange, Card, Column, Comment, Member, Rating
from frontend.state import live
from frontend.state.board import apply_change, board_view, plan_step
from frontend.state.board_state import BoardState, project_id_from_path
from tests.frontend.test_states import fresh_state, handler_name, run_handler
from tests.frontend.test_support_states import ENGINEER, FRONTLINE, TOKENS

TODO, DOING, DONE = "Q29sOjE", "Q29sOjI", "Q29sOjM"


def card(card_id: str, column: str, position: int, version: int = 1, **fields: Any) -> Card:
    return Card(id=card_id, column_id=column, position=position, version=version, title=f"卡片 {card_id}", **fields)


def board(sequence: int = 10, doing_limit: int | None = 2) -> Board:
    return Board(
        project_id="UHJvamVjdDox", name="城东光网改造", status="ACTIVE", sequence=sequence,
        members=(Member(id=FRONTLINE.id, name=FRONTLINE.name, side="FRONTLINE"),
                 Member(id=ENGINEER.id, name=ENGINEER.name, side="BACKEND")),
        columns=(Column(id=TODO, name="待办", position=0, cards=(card("a", TODO, 0), card("b", TODO, 1),
                                                                 card("c", TODO, 2))),
                 Column(id=DOING, name="进行中", position=1, wip_limit=doing_limit, cards=(card("d", DOING, 0),)),
                 Column(id=DONE, name="完成", position=2,
                        cards=(card("e", DONE, 0, comments=(Comment(id="k1", body="好"),),
                                    ratings=(Rating(rating=4, rater_id=FRONTLINE.id),)),))))


def ids(patched: Board) -> list[list[str]]:
    return [[c.id for c in column.cards] for column in patched.columns]


def moved(card_id: str, column: str, position: int, version: int, sequence: int, **change: Any) -> BoardChange:
    return BoardChange(kind="TASK_MOVED", sequence=sequence, card=card(card_id, column, position, version), **change)


def test_a_move_to_another_column_takes_the_card_out_and_puts_it_in_place() -> None:
    patched = apply_change(board(), moved("b", DOING, 0, 2, 11, from_column_id=TODO, from_position=1))

    assert ids(patched) == [["a", "c"], ["b", "d"], ["e"]]
    assert [c.position for c in patched.columns[0].cards] == [0, 1]  # positions stay dense
    assert patched.columns[1].cards[0].version == 2 and patched.sequence == 11


def test_a_reorder_within_a_column_keeps_the_other_cards_in_order() -> None:
    patched = apply_change(board(), moved("a", TODO, 2, 2, 11, from_column_id=TODO, from_position=0))

    assert ids(patched)[0] == ["b", "c", "a"]
    assert [c.position for c in patched.columns[0].cards] == [0, 1, 2]


def test_a_new_card_appears_where_the_server_put_it_once() -> None:
    created = BoardChange(kind="TASK_CREATED", sequence=11, card=card("f", TODO, 3))

    patched = apply_change(board(), created)
    again = apply_change(patched, dataclasses.replace(created, sequence=12))

    assert ids(patched)[0] == ["a", "b", "c", "f"]
    assert ids(again)[0] == ["a", "b", "c", "f"]


def test_changes_the_board_already_has_are_skipped() -> None:
    current = board(sequence=20)

    assert apply_change(current, moved("a", DONE, 0, 2, 19)) == current  # older than the CURRENT board
    later = apply_change(current, moved("a", DONE, 0, 3, 21))
    assert apply_change(later, moved("a", TODO, 0, 2, 22)) == dataclasses.replace(later, sequence=22)  # older card


def test_an_edit_keeps_the_cards_place_comments_and_ratings() -> None:
    edited = BoardChange(kind="TASK_UPDATED", sequence=11, card=card("e", DONE, 0, 2, story_points=5))

    patched = apply_change(board(), edited)

    e = patched.columns[2].cards[0]
    assert (e.story_points, e.version, len(e.comments), len(e.ratings)) == (5, 2, 1, 1)


def test_comments_are_added_once_and_a_rater_s_new_rating_replaces_the_old() -> None:
    commented = BoardChange(kind="TASK_COMMENTED", sequence=11, card=card("e", DONE, 0),
                            comment=Comment(id="k2", body="已复核", author_name="赵工"))
    rated = BoardChange(kind="TASK_RATED", sequence=12, card=card("e", DONE, 0),
                        rating=Rating(rating=2, rater_id=FRONTLINE.id))

    patched = apply_change(apply_change(apply_change(board(), commented), commented), rated)

    e = patched.columns[2].cards[0]
    assert [c.body for c in e.comments] == ["好", "已复核"]
    assert [(r.rater_id, r.rating) for r in e.ratings] == [(FRONTLINE.id, 2)]


def test_a_reconnect_s_current_board_replaces_everything() -> None:
    fresh = dataclasses.replace(board(sequence=30), name="改名后")

    patched = apply_change(board(sequence=40), BoardChange(kind="CURRENT", sequence=30, board=fresh))

    assert patched.name == "改名后" and patched.sequence == 30


def test_the_board_view_counts_wip_marks_overdue_and_means_ratings() -> None:
    late = dataclasses.replace(board(), columns=(
        dataclasses.replace(board().columns[0], cards=(card("a", TODO, 0, due_date="2026-11-01"),)),
        board().columns[1], board().columns[2]))
    import datetime as dt

    view = board_view(late, today=dt.date(2026, 11, 28))

    assert [(c["name"], c["count"], c["wipLimit"]) for c in view] == [("待办", 1, None), ("进行中", 1, 2),
                                                                      ("完成", 1, None)]
    assert view[0]["cards"][0]["overdue"] is True
    assert (view[2]["cards"][0]["rating"], view[2]["cards"][0]["comments"]) == ("4.0", 1)


def test_button_moves_go_to_the_neighbour_and_are_refused_over_the_wip_limit() -> None:
    assert plan_step(board(), "a", "right").column_id == DOING
    assert plan_step(board(), "a", "left").refused == "edge"
    assert plan_step(board(), "b", "up").position == 0
    full = plan_step(board(doing_limit=1), "a", "right")
    assert (full.refused, full.wip_limit, full.column_name) == ("wip", 1, "进行中")


class FakeBoardGateway:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.board = board()
        self.moves: list[tuple[str, str, int, int]] = []
        self.move_result: Any = None
        self.history = [project_api.HistoryEntry(sequence=12, kind="TASK_MOVED", actor_name="王建国")]
        self.scripts: list[list[Any]] = []
        monkeypatch.setattr(api, "fetch_me", self.fetch_me)
        for name in ("fetch_board", "move_task", "fetch_card_history", "watch_board"):
            monkeypatch.setattr(project_api, name, getattr(self, name))
        monkeypatch.setattr(live, "LIVE_RETRY_SECONDS", 0)

    async def fetch_me(self, token: str) -> api.Profile | None:
        return TOKENS.get(token)

    async def fetch_board(self, token: str, project_id: str) -> Board | None:
        return self.board if project_id == self.board.project_id else None

    async def move_task(self, token: str, task_id: str, column_id: str, position: int, version: int) -> Any:
        self.moves.append((task_id, column_id, position, version))
        if self.move_result is not None:
            return self.move_result
        return card(task_id, column_id, position, version + 1)

    async def fetch_card_history(self, token: str, project_id: str, task_id: str, *, first: int = 20) -> Any:
        return self.history[:first]

    async def watch_board(self, token: str, project_id: str, *,
                          heartbeat_seconds: float) -> AsyncGenerator[BoardChange | None, None]:
        script = self.scripts.pop(0) if self.scripts else [api.GatewayError("UNAUTHENTICATED", "end")]
        for item in script:
            if isinstance(item, api.GatewayError):
                raise item
            yield item


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch) -> FakeBoardGateway:
    return FakeBoardGateway(monkeypatch)


async def open_board(token: str = "token-f") -> BoardState:
    state = fresh_state(BoardState)
    state.token = token
    state.router = dataclasses.replace(state.router, url=type(state.router.url)(
        "http://localhost/projects/UHJvamVjdDox/board"))
    updates = await run_handler(BoardState.load.fn(state))
    assert handler_name(updates[-1]) == "BoardState.watch_board"
    return state


def test_the_project_is_read_from_the_address() -> None:
    assert project_id_from_path("/projects/UHJvamVjdDox/board") == "UHJvamVjdDox"
    assert project_id_from_path("/requests/x") == ""


async def test_a_member_s_move_shows_at_once_and_takes_the_server_s_version(gateway: FakeBoardGateway) -> None:
    state = await open_board()
    assert state.can_edit and state.card_count == 5

    moves = BoardState.move.fn(state, {"taskId": "a", "columnId": DOING, "position": 1, "version": 1})
    await anext(moves)  # the first update goes out before the API answers
    assert [c["id"] for c in state.columns_view[1]["cards"]] == ["d", "a"]
    await run_handler(moves)

    assert gateway.moves == [("a", DOING, 1, 1)]  # the version the browser saw
    assert state.columns_view[1]["cards"][1]["version"] == 2
    assert state.notice_kind == ""


async def test_a_move_over_the_wip_limit_is_refused_with_the_limit_named(gateway: FakeBoardGateway) -> None:
    state = await open_board()
    await run_handler(BoardState.move.fn(state, {"taskId": "a", "columnId": DOING, "position": 0, "version": 1}))
    revision = state.revision

    await run_handler(BoardState.move.fn(state, {"taskId": "b", "columnId": DOING, "position": 0, "version": 1}))

    assert len(gateway.moves) == 1  # refused before asking the server
    assert state.notice_kind == "wip"
    assert "进行中" in state.notice_text and "2" in state.notice_text
    assert [c["id"] for c in state.columns_view[0]["cards"]] == ["b", "c"]
    assert state.revision == revision + 1  # the browser drops its own unconfirmed move


async def test_the_server_s_wip_refusal_puts_the_card_back(gateway: FakeBoardGateway) -> None:
    state = await open_board()
    gateway.move_result = api.FieldError("VALIDATION", "the column's WIP limit is 2 and it already holds 2",
                                         "columnId")

    await run_handler(BoardState.move.fn(state, {"taskId": "a", "columnId": DOING, "position": 0, "version": 1}))

    assert [c["id"] for c in state.columns_view[0]["cards"]] == ["a", "b", "c"]
    assert state.notice_kind == "wip" and "进行中" in state.notice_text


async def test_a_stale_move_reloads_the_card_and_says_who_moved_it(gateway: FakeBoardGateway) -> None:
    state = await open_board()
    gateway.move_result = api.FieldError("CONFLICT", "the card changed since you saw it", "expectedVersion")
    gateway.board = dataclasses.replace(board(), columns=(
        dataclasses.replace(board().columns[0], cards=(card("b", TODO, 0), card("c", TODO, 1))),
        dataclasses.replace(board().columns[1], cards=(card("d", DOING, 0), card("a", DOING, 1, 2))),
        board().columns[2]))

    await run_handler(BoardState.move.fn(state, {"taskId": "a", "columnId": DONE, "position": 0, "version": 1}))

    assert state.notice_kind == "conflict"
    assert "王建国" in state.notice_text and "进行中" in state.notice_text
    assert [c["id"] for c in state.columns_view[1]["cards"]] == ["d", "a"]  # as the server has it now
    assert state.columns_view[1]["cards"][1]["version"] == 2


async def test_non_members_see_the_board_but_do_not_move_cards(gateway: FakeBoardGateway) -> None:
    state = await open_board("token-mgr")

    await run_handler(BoardState.move.fn(state, {"taskId": "a", "columnId": DOING, "position": 0, "version": 1}))

    assert not state.can_edit and gateway.moves == []


async def test_other_people_s_changes_patch_the_open_board(gateway: FakeBoardGateway) -> None:
    state = await open_board()
    gateway.scripts = [[BoardChange(kind="CURRENT", sequence=10, board=board()),
                        moved("c", DOING, 0, 2, 11), None,
                        BoardChange(kind="TASK_CREATED", sequence=12, card=card("g", TODO, 2))]]

    await BoardState.watch_board.fn(state)

    assert [[c["id"] for c in column["cards"]] for column in state.columns_view] == [["a", "b", "g"], ["c", "d"],
                                                                                      ["e"]]
    assert not state.is_live


async def test_the_dialog_s_buttons_move_the_open_card(gateway: FakeBoardGateway) -> None:
    state = await open_board()
    await run_handler(BoardState.open.fn(state, "b"))
    assert state.open_card.can_up and state.open_card.can_right and not state.open_card.can_rate

    await run_handler(BoardState.step.fn(state, "up"))

    assert gateway.moves == [("b", TODO, 0, 1)]
    assert [c["id"] for c in state.columns_view[0]["cards"]] == ["b", "a", "c"]
