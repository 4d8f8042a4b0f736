"""The board page's state: the board (patched live from boardChanged), moves with the version the browser saw,
and the open card's detail (comments, history, rating, edits, move buttons)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec

from frontend.api import projects as project_api
from frontend.api.projects import Board, Card
from frontend.api.transport import FieldError, GatewayError
from frontend.components.formatting import display_zone, format_time
from frontend.i18n import LanguageState, label
from frontend.state import live
from frontend.state.board import apply_change, board_view, card_of, check_room, place_card, plan_step, replace_card
from frontend.state.viewer import ViewerState

PROJECTS_ROUTE = "/projects"
LIVE_MAX_SECONDS = 4 * 3600.0
_running_watchers: set[tuple[str, str, str]] = set()
RATINGS = (1, 2, 3, 4, 5)


def project_id_from_path(path: str) -> str:
    """ "/projects/UHJvamVjdDox/board" -> "UHJvamVjdDox"; "" elsewhere."""
    parts = [p for p in path.split("/") if p]
    return unquote(parts[1]) if len(parts) >= 2 and parts[0] == "projects" else ""


@dataclasses.dataclass(frozen=True)
class CardDetail:
    """The open card as its dialog shows it."""

    id: str = ""
    title: str = ""
    description: str = ""
    column_name: str = ""
    assignee_id: str = ""
    assignee_name: str = ""
    due_date: str = ""
    story_points: int = 0
    version: int = 0
    in_last_column: bool = False
    can_left: bool = False
    can_right: bool = False
    can_up: bool = False
    can_down: bool = False
    # Rating: members other than the assignee, done cards only (SPEC §3).
    can_rate: bool = False
    my_rating: int = 0
    mean_rating: str = ""
    ratings: tuple[str, ...] = ()
    comments: tuple[tuple[str, str, str], ...] = ()  # (author, at, body)


@dataclasses.dataclass(frozen=True)
class HistoryLine:
    kind: str = ""
    actor: str = ""
    at: str = ""
    detail: str = ""


def detail_of(board: Board, card_id: str, me_id: str) -> CardDetail:
    card = card_of(board, card_id)
    if card is None:
        return CardDetail()
    column_index = next(i for i, c in enumerate(board.columns) if any(x.id == card_id for x in c.cards))
    column = board.columns[column_index]
    position = next(i for i, x in enumerate(column.cards) if x.id == card_id)
    last = column_index == len(board.columns) - 1
    is_member = any(m.id == me_id for m in board.members)
    mine = next((r.rating for r in card.ratings if r.rater_id == me_id), 0)
    mean = (f"{sum(r.rating for r in card.ratings) / len(card.ratings):.1f}" if card.ratings else "")
    return CardDetail(
        id=card.id, title=card.title, description=card.description, column_name=column.name,
        assignee_id=card.assignee_id, assignee_name=card.assignee_name, due_date=card.due_date,
        story_points=card.story_points, version=card.version, in_last_column=last,
        can_left=column_index > 0, can_right=not last, can_up=position > 0,
        can_down=position < len(column.cards) - 1,
        can_rate=is_member and last and card.assignee_id != me_id and board.status != "CLOSED",
        my_rating=mine, mean_rating=mean,
        ratings=tuple(f"{r.rater_name} ★{r.rating}" for r in card.ratings),
        comments=tuple((c.author_name, format_time(c.created_at), c.body) for c in card.comments))


class BoardState(ViewerState):
    project_id: str = ""
    _board: Board = Board()
    # The token the board was read with: another sign-in in this tab never sees the previous one's board.
    _board_token: str = ""
    board_name: str = ""
    board_status: str = ""
    members: list[project_api.Member] = []
    revision: int = 0
    is_loading: bool = False
    load_error_code: str = ""
    not_found: bool = False
    is_live: bool = False
    # A move or write that did not happen, in words (conflict: who moved the card; WIP: the limit).
    notice_kind: str = ""
    notice_text: str = ""
    open_card_id: str = ""
    card_history: list[HistoryLine] = []
    busy: str = ""
    adding_column_id: str = ""

    @rx.var(cache=True)
    def columns_view(self) -> list[dict[str, Any]]:
        return board_view(self._board, today=dt.datetime.now(display_zone()).date())

    @rx.var(cache=True)
    def card_count(self) -> int:
        return sum(len(c.cards) for c in self._board.columns)

    @rx.var(cache=True)
    def can_edit(self) -> bool:
        """Only members touch the board, and only until it closes (SPEC §3)."""
        return self.board_status not in ("", "CLOSED") and any(m.id == self.me.id for m in self._board.members)

    @rx.var(cache=True)
    def open_card(self) -> CardDetail:
        return detail_of(self._board, self.open_card_id, self.me.id) if self.open_card_id else CardDetail()

    @rx.var(cache=True)
    def adding_column_name(self) -> str:
        return next((c.name for c in self._board.columns if c.id == self.adding_column_id), "")

    def _show(self, board: Board) -> None:
        self._board = board
        self.board_name, self.board_status = board.name, board.status
        self.members = list(board.members)

    def _forget(self) -> None:
        self._show(Board())
        self.project_id = ""
        self.open_card_id = ""
        self.notice_kind = self.notice_text = ""

    async def _say(self, kind: str, key: str, **values: str) -> None:
        language = (await self.get_state(LanguageState)).language
        text = label(key, language)
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        self.notice_kind, self.notice_text = kind, text

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        project_id = project_id_from_path(self.router.url.path)
        if self._board_token != self.token or project_id != self.project_id:
            self._forget()
        if not self.token:
            yield self._to_sign_in()
            return
        self.project_id = project_id
        self.not_found = False
        self.is_loading = True
        yield None
        try:
            loaded = await self._load_viewer()
            if loaded is False:
                self._forget()
                yield self._session_expired()
                return
            if loaded is None:
                self.load_error_code = self.viewer_error_code
                return
            board = await project_api.fetch_board(self.token, project_id) if project_id else None
        except GatewayError as error:
            self.load_error_code = error.code
            return
        finally:
            self.is_loading = False
        self.load_error_code = ""
        if board is None:
            self.not_found = True
            return
        self._show(board)
        self._board_token = self.token
        yield BoardState.watch_board()

    # --- moves ---------------------------------------------------------------------------------

    @rx.event
    async def move(self, detail: dict[str, Any]) -> AsyncIterator[None]:
        """A card dropped (or moved by keyboard) in the browser, with the version the browser saw."""
        try:
            task_id, column_id = str(detail["taskId"]), str(detail["columnId"])
            position, version = int(detail["position"]), int(detail["version"])
        except (KeyError, TypeError, ValueError):
            return
        async for update in self._move(task_id, column_id, position, version):
            yield update

    @rx.event
    async def step(self, direction: str) -> AsyncIterator[None]:
        """The open card's move buttons: left, right, up, down (the keyboard and accessibility fallback)."""
        card = card_of(self._board, self.open_card_id)
        if card is None or direction not in ("left", "right", "up", "down"):
            return
        plan = plan_step(self._board, card.id, direction)
        if plan.refused == "edge":
            return
        async for update in self._move(card.id, plan.column_id, plan.position, card.version):
            yield update

    async def _move(self, task_id: str, column_id: str, position: int, version: int) -> AsyncIterator[None]:
        card = card_of(self._board, task_id)
        if card is None or not self.can_edit:
            return
        self.notice_kind = self.notice_text = ""
        room = check_room(self._board, column_id, position, task_id)
        if room.refused == "wip":
            await self._say("wip", "board.refused.wip", column=room.column_name, limit=str(room.wip_limit))
            self.revision += 1
            return
        before = self._board
        self._board = place_card(self._board, card, column_id=column_id, position=position)  # shown at once
        self.busy = task_id
        yield None
        try:
            result = await project_api.move_task(self.token, task_id, column_id, position, version)
        except GatewayError as error:
            self._board = before
            await self._say("error", f"error.{error.code}" if error.code in ("NETWORK", "GRAPHQL") else "error.UNKNOWN")
            self.revision += 1
            return
        finally:
            self.busy = ""
        if isinstance(result, FieldError):
            async for update in self._move_refused(result, before, task_id, column_id):
                yield update
            return
        current = card_of(self._board, task_id)
        if current is None or current.version <= result.version:
            self._board = place_card(self._board, result, column_id=result.column_id, position=result.position)

    async def _move_refused(self, refusal: FieldError, before: Board, task_id: str,
                            column_id: str) -> AsyncIterator[None]:
        self.revision += 1
        if refusal.code == "CONFLICT":
            # Someone moved (or edited) the card since this browser drew it: show the card as it is now, and who.
            try:
                board = await project_api.fetch_board(self.token, self.project_id)
                history = await project_api.fetch_card_history(self.token, self.project_id, task_id, first=1)
            except GatewayError:
                board, history = None, []
            self._show(board if board is not None else before)
            now = card_of(self._board, task_id)
            column = next((c.name for c in self._board.columns if now and c.id == now.column_id), "")
            who = history[0].actor_name if history else ""
            await self._say("conflict", "board.refused.conflict" if who else "board.refused.conflict_unknown",
                            who=who, column=column, title=now.title if now else "")
        elif refusal.code == "VALIDATION" and refusal.field == "columnId":
            self._board = before
            target = next((c for c in self._board.columns if c.id == column_id), None)
            await self._say("wip", "board.refused.wip", column=target.name if target else "",
                            limit=str(target.wip_limit if target else ""))
        else:
            self._board = before
            await self._say("error", "board.refused.other", reason=refusal.message)
        yield None

    @rx.event
    def dismiss_notice(self) -> None:
        self.notice_kind = self.notice_text = ""

    # --- the open card ----------------------------------------------------------------------------

    @rx.event
    async def open(self, task_id: str) -> AsyncIterator[None]:
        if card_of(self._board, task_id) is None:
            return
        self.open_card_id = task_id
        self.card_history = []
        yield None
        try:
            history = await project_api.fetch_card_history(self.token, self.project_id, task_id)
        except GatewayError:
            return
        if self.open_card_id == task_id:
            self.card_history = [HistoryLine(kind=h.kind, actor=h.actor_name, at=format_time(h.at),
                                             detail=_history_detail(h)) for h in history]

    @rx.event
    def close_card(self, still_open: bool = False) -> None:
        if not still_open:
            self.open_card_id = ""
            self.card_history = []

    async def _card_write(self, write: Any) -> AsyncIterator[None]:
        self.notice_kind = self.notice_text = ""
        self.busy = self.open_card_id or "new"
        yield None
        try:
            result = await write
        except GatewayError as error:
            await self._say("error", f"error.{error.code}" if error.code in ("NETWORK", "GRAPHQL") else "error.UNKNOWN")
            return
        finally:
            self.busy = ""
        if isinstance(result, FieldError):
            key = "board.refused.conflict_unknown" if result.code == "CONFLICT" else "board.refused.other"
            await self._say("error", key, reason=result.message, who="", column="", title="")
            return
        card, extra = (result if isinstance(result, tuple) else (result, None))
        self._board = replace_card(self._board, card)
        if isinstance(extra, project_api.Comment):
            current = card_of(self._board, card.id)
            if current and not any(c.id == extra.id for c in current.comments):
                self._board = replace_card(self._board, dataclasses.replace(
                    current, comments=(*current.comments, extra)))
        elif isinstance(extra, project_api.Rating):
            current = card_of(self._board, card.id)
            if current:
                others = tuple(r for r in current.ratings if r.rater_id != extra.rater_id)
                self._board = replace_card(self._board, dataclasses.replace(current, ratings=(*others, extra)))

    @rx.event
    async def comment(self, form_data: dict[str, str]) -> AsyncIterator[EventSpec | None]:
        body = str(form_data.get("body") or "").strip()
        if not body or not self.open_card_id:
            return
        async for update in self._card_write(self._comment(self.open_card_id, body)):
            yield update
        yield rx.set_value("card-comment-body", "")

    async def _comment(self, task_id: str, body: str) -> Any:
        result = await project_api.comment_task(self.token, task_id, body)
        return result if isinstance(result, FieldError) else (result[1], result[0])

    @rx.event
    async def rate(self, rating: int) -> AsyncIterator[None]:
        if int(rating) not in RATINGS or not self.open_card.can_rate:
            return
        async for update in self._card_write(self._rate(self.open_card_id, int(rating))):
            yield update

    async def _rate(self, task_id: str, rating: int) -> Any:
        result = await project_api.rate_task(self.token, task_id, rating)
        return result if isinstance(result, FieldError) else (result[1], result[0])

    @rx.event
    async def assign(self, assignee_id: str) -> AsyncIterator[None]:
        card = card_of(self._board, self.open_card_id)
        if card is None or not self.can_edit:
            return
        known = {m.id for m in self._board.members}
        target = assignee_id if assignee_id in known else None
        async for update in self._card_write(project_api.assign_task(self.token, card.id, target, card.version)):
            yield update

    @rx.event
    async def edit(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        card = card_of(self._board, self.open_card_id)
        if card is None or not self.can_edit:
            return
        changes: dict[str, Any] = {"taskId": card.id, "expectedVersion": card.version,
                                   "title": str(form_data.get("title") or "").strip() or None,
                                   "description": str(form_data.get("description") or "").strip()}
        due = str(form_data.get("due_date") or "").strip()
        changes["dueDate"] = due or None
        changes["clearDueDate"] = not due
        points = str(form_data.get("story_points") or "").strip()
        changes["storyPoints"] = int(points) if points.isdigit() else None
        async for update in self._card_write(project_api.update_task(self.token, changes)):
            yield update

    @rx.event
    def start_adding(self, column_id: str) -> None:
        if self.can_edit and any(c.id == column_id for c in self._board.columns):
            self.adding_column_id = column_id

    @rx.event
    def stop_adding(self, still_open: bool = False) -> None:
        if not still_open:
            self.adding_column_id = ""

    @rx.event
    async def add_card(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        column_id = self.adding_column_id
        title = str(form_data.get("title") or "").strip()
        if not column_id or not title:
            return
        room = check_room(self._board, column_id, 0, "")
        if room.refused == "wip":
            await self._say("wip", "board.refused.wip", column=room.column_name, limit=str(room.wip_limit))
            return
        points = str(form_data.get("story_points") or "").strip()
        assignee = str(form_data.get("assignee_id") or "")
        task = {"projectId": self.project_id, "title": title, "columnId": column_id,
                "description": str(form_data.get("description") or "").strip(),
                "assigneeId": assignee if assignee in {m.id for m in self._board.members} else None,
                "dueDate": str(form_data.get("due_date") or "").strip() or None,
                "storyPoints": int(points) if points.isdigit() else 0}
        self.busy = "new"
        yield None
        try:
            result = await project_api.create_task(self.token, task)
        except GatewayError as error:
            await self._say("error", f"error.{error.code}" if error.code in ("NETWORK", "GRAPHQL") else "error.UNKNOWN")
            return
        finally:
            self.busy = ""
        if isinstance(result, FieldError):
            await self._say("error", "board.refused.other", reason=result.message)
            return
        if card_of(self._board, result.id) is None:
            self._board = place_card(self._board, result, column_id=result.column_id, position=result.position)
        self.adding_column_id = ""

    # --- live -------------------------------------------------------------------------------------

    def _apply(self, change: project_api.BoardChange) -> None:
        patched = apply_change(self._board, change)
        if change.board is not None:
            self._show(patched)  # name, status and members may have changed too
        else:
            self._board = patched

    @rx.event(background=True)
    async def watch_board(self) -> None:
        """Other people's moves, comments and new cards, as they happen; a reconnect starts from CURRENT."""
        async with self:
            client_token, token, project_id = self.router.session.client_token, self.token, self.project_id
            watcher = (client_token, token, project_id)
            if watcher in _running_watchers or not token or not project_id:
                return
            _running_watchers.add(watcher)
            self.is_live = True

        async def deliver(change: project_api.BoardChange | None) -> bool:
            async with self:
                if self.token != token or self.project_id != project_id:
                    return False
                if change is not None:
                    self._apply(change)
            return True

        try:
            await live.follow(
                client_token=client_token, max_seconds=LIVE_MAX_SECONDS, deliver=deliver,
                open_stream=lambda: project_api.watch_board(token, project_id,
                                                            heartbeat_seconds=live.LIVE_HEARTBEAT_SECONDS))
        finally:
            _running_watchers.discard(watcher)
            async with self:
                self.is_live = any(tab == client_token and shown == self.project_id
                                   for tab, _, shown in _running_watchers)


def _history_detail(entry: project_api.HistoryEntry) -> str:
    after = entry.after or {}
    if entry.kind == "TASK_COMMENTED":
        return str(after.get("body") or "")
    if entry.kind == "TASK_RATED":
        return "★" * int(after.get("rating") or 0)
    if entry.kind in ("TASK_CREATED", "TASK_UPDATED"):
        return str(after.get("title") or "")
    if entry.kind == "TASK_ASSIGNED":
        return str(after.get("assignee_name") or "")
    return ""


__all__ = ["PROJECTS_ROUTE", "BoardState", "Card", "CardDetail", "HistoryLine", "project_id_from_path"]
