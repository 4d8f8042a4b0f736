"""One project's page: goals with their live attainment, the pool, the side split and every member's bonus
estimate with its explanation (frozen after close); managers, HR and the owner add members, deliver, close.
The allocation is read again whenever the board changes (boardChanged), at most every few seconds."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from frontend.api import people as people_api
from frontend.api import projects as project_api
from frontend.api.projects import Allocation, ProjectDetail
from frontend.api.transport import FieldError, GatewayError
from frontend.components.formatting import format_decimal, format_money, format_time
from frontend.state import live
from frontend.state.board_state import PROJECTS_ROUTE, project_id_from_path
from frontend.state.viewer import ViewerState

LIVE_MAX_SECONDS = 4 * 3600.0
# A burst of board changes reads the allocation once.
REFRESH_AFTER_SECONDS = 2.0
_running_watchers: set[tuple[str, str, str]] = set()


def percent(fraction: str, places: int = 1) -> str:
    try:
        return f"{Decimal(fraction) * 100:.{places}f}%"
    except (InvalidOperation, ValueError):
        return ""


@dataclasses.dataclass(frozen=True)
class GoalLine:
    kind: str = ""
    weight: str = ""
    target: str = ""
    actual: str = ""
    attainment: str = ""  # "87.5%"
    assumed: bool = False
    days_late: int = 0


@dataclasses.dataclass(frozen=True)
class SideLine:
    side: str = ""
    split: str = ""
    effective_split: str = ""
    amount: str = ""
    leftover_cent: bool = False
    members: int = 0


@dataclasses.dataclass(frozen=True)
class ComponentView:
    component: str = ""
    value: str = ""
    side_total: str = ""
    weight: str = ""
    effective_weight: str = ""
    part: str = ""
    dropped: bool = False


@dataclasses.dataclass(frozen=True)
class MemberLine:
    employee_id: str = ""
    name: str = ""
    side: str = ""
    amount: str = ""
    exact_amount: str = ""
    share: str = ""  # of the side's amount, "37.50%"
    equal_share: bool = False
    leftover_cent: bool = False
    moves: int = 0
    comments: int = 0
    cards_rated: int = 0
    components: tuple[ComponentView, ...] = ()
    is_me: bool = False


def goal_lines(allocation: Allocation) -> list[GoalLine]:
    lines = []
    for g in allocation.goals:
        match = re.search(r"days late = (\d+)", g.formula)
        target = format_money(g.target) if g.kind == "REVENUE" else g.target
        actual = format_money(g.actual) if g.kind == "REVENUE" and g.actual else g.actual
        lines.append(GoalLine(kind=g.kind, weight=format_decimal(g.weight, 0) if g.weight.isdigit() else g.weight,
                              target=target, actual=actual, attainment=percent(g.attainment), assumed=g.assumed,
                              days_late=int(match.group(1)) if match else 0))
    return lines


def member_lines(allocation: Allocation, me_id: str) -> list[MemberLine]:
    lines = []
    for m in allocation.members:
        components = tuple(ComponentView(
            component=c.component, value=format_decimal(c.value, 2), side_total=format_decimal(c.side_total, 2),
            weight=c.weight, effective_weight=format_decimal(c.effective_weight, 4),
            part=format_decimal(c.part, 4), dropped=c.side_total in ("0", "0.00", "")) for c in m.components)
        lines.append(MemberLine(
            employee_id=m.employee_id, name=m.name, side=m.side, amount=format_money(m.amount),
            exact_amount=format_decimal(m.exact_amount, 4), share=percent(m.share, 2), equal_share=m.equal_share,
            leftover_cent=m.leftover_cent, moves=m.moves, comments=m.comments, cards_rated=m.cards_rated,
            components=components, is_me=m.employee_id == me_id))
    return sorted(lines, key=lambda line: (not line.is_me, line.side, line.name))


class ProjectState(ViewerState):
    project: ProjectDetail = ProjectDetail()
    _project_token: str = ""
    is_loading: bool = False
    load_error_code: str = ""
    not_found: bool = False
    is_live: bool = False
    # Writes from this page (add member, deliver, close): the typed error and the field it names.
    busy: str = ""
    error_code: str = ""
    error_message: str = ""
    error_field: str = ""
    notice_key: str = ""
    member_search: str = ""
    candidates: list[people_api.Person] = []
    dialog: str = ""  # "member", "deliver", "close" or ""

    @rx.var(cache=True)
    def is_loaded(self) -> bool:
        return bool(self.project.id)

    @rx.var(cache=True)
    def goals(self) -> list[GoalLine]:
        return goal_lines(self.project.allocation)

    @rx.var(cache=True)
    def sides(self) -> list[SideLine]:
        return [SideLine(side=s.side, split=percent(s.split, 0), effective_split=percent(s.effective_split, 0),
                         amount=format_money(s.amount), leftover_cent=s.leftover_cent, members=s.members)
                for s in self.project.allocation.sides]

    @rx.var(cache=True)
    def shares(self) -> list[MemberLine]:
        return member_lines(self.project.allocation, self.me.id)

    @rx.var(cache=True)
    def pool_text(self) -> str:
        return format_money(self.project.allocation.pool or self.project.bonus_pool)

    @rx.var(cache=True)
    def bonus_text(self) -> str:
        return format_money(self.project.allocation.bonus)

    @rx.var(cache=True)
    def attainment_text(self) -> str:
        return percent(self.project.allocation.attainment)

    @rx.var(cache=True)
    def undistributed_text(self) -> str:
        amount = self.project.allocation.undistributed
        return format_money(amount) if amount and Decimal(amount) != 0 else ""

    @rx.var(cache=True)
    def closed_text(self) -> str:
        return format_time(self.project.closed_at)

    @rx.var(cache=True)
    def can_configure(self) -> bool:
        """The owner, a manager or HR configure an open project (SPEC §3)."""
        open_project = self.project.status in ("ACTIVE", "DELIVERED")
        return open_project and (self.me.id == self.project.owner_id or self.is_manager or self.is_hr)

    @rx.var(cache=True)
    def is_member(self) -> bool:
        return any(m.id == self.me.id for m in self.project.members)

    def _failed(self, code: str = "", message: str = "", field: str = "") -> None:
        self.error_code, self.error_message, self.error_field = code, message, field

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        project_id = project_id_from_path(self.router.url.path)
        if self._project_token != self.token or project_id != self.project.id:
            self.project = ProjectDetail()
        if not self.token:
            yield self._to_sign_in()
            return
        self.not_found = False
        self.is_loading = True
        self._failed()
        self.notice_key = ""
        yield None
        try:
            loaded = await self._load_viewer()
            if loaded is False:
                self.project = ProjectDetail()
                yield self._session_expired()
                return
            if loaded is None:
                self.load_error_code = self.viewer_error_code
                return
            project = await project_api.fetch_project(self.token, project_id) if project_id else None
        except GatewayError as error:
            self.load_error_code = error.code
            return
        finally:
            self.is_loading = False
        self.load_error_code = ""
        if project is None:
            self.not_found = True
            return
        self.project = project
        self._project_token = self.token
        yield ProjectState.watch_project()

    @rx.event
    def open_dialog(self, name: str) -> None:
        if name in ("member", "deliver", "close") and self.can_configure:
            self.dialog = name
            self._failed()
            self.candidates = []

    @rx.event
    def close_dialog(self, still_open: bool = False) -> None:
        if not still_open:
            self.dialog = ""

    @rx.event
    async def find_members(self, form_data: dict[str, str]) -> None:
        words = str(form_data.get("search") or "").strip()
        self.member_search = words
        try:
            found = await people_api.search_people(self.token, words)
        except GatewayError as error:
            self._failed(error.code)
            return
        known = {m.id for m in self.project.members}
        self.candidates = [p for p in found if p.id not in known]

    async def _write(self, name: str, write: Any, notice: str) -> AsyncIterator[None]:
        self._failed()
        self.busy = name
        yield None
        try:
            result = await write
        except GatewayError as error:
            self._failed(error.code)
            return
        finally:
            self.busy = ""
        if isinstance(result, FieldError):
            self._failed(result.code, result.message, result.field)
            return
        self.project = result
        self.notice_key = notice
        self.dialog = ""

    @rx.event
    async def add_member(self, employee_id: str) -> AsyncIterator[None]:
        if not self.can_configure:
            return
        self.candidates = [c for c in self.candidates if c.id != employee_id]
        async for update in self._write("member", project_api.add_project_member(
                self.token, self.project.id, employee_id), "projects.notice.member_added"):
            yield update

    @rx.event
    async def deliver(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        day = str(form_data.get("delivered_on") or "").strip()
        if not day:
            self._failed("REQUIRED", "", "deliveredOn")
            return
        async for update in self._write("deliver", project_api.deliver_project(self.token, self.project.id, day),
                                        "projects.notice.delivered"):
            yield update

    @rx.event
    async def close(self, form_data: dict[str, str]) -> AsyncIterator[None]:
        values = {name: str(form_data.get(name) or "").strip() for name in ("delivered_on", "satisfaction", "revenue")}
        async for update in self._write("close", project_api.close_project(
                self.token, self.project.id, delivered_on=values["delivered_on"] or None,
                satisfaction=values["satisfaction"] or None, revenue=values["revenue"] or None),
                "projects.notice.closed"):
            yield update

    @rx.event(background=True)
    async def watch_project(self) -> None:
        """Read the allocation again after the board changes (a card done, a rating, a member added)."""
        async with self:
            client_token, token, project_id = self.router.session.client_token, self.token, self.project.id
            watcher = (client_token, token, project_id)
            if watcher in _running_watchers or not token or not project_id:
                return
            _running_watchers.add(watcher)
            self.is_live = True
        last_read = time.monotonic()
        stale = False

        async def deliver(change: project_api.BoardChange | None) -> bool:
            nonlocal last_read, stale
            if change is not None and change.kind != "CURRENT":
                stale = True
            if stale and time.monotonic() - last_read >= REFRESH_AFTER_SECONDS:
                stale, last_read = False, time.monotonic()
                try:
                    project = await project_api.fetch_project(token, project_id)
                except GatewayError:
                    project = None
                async with self:
                    if self.token != token or self.project.id != project_id:
                        return False
                    if project is not None:
                        self.project = project
            async with self:
                return self.token == token and self.project.id == project_id

        try:
            await live.follow(
                client_token=client_token, max_seconds=LIVE_MAX_SECONDS, deliver=deliver,
                open_stream=lambda: project_api.watch_board(token, project_id,
                                                            heartbeat_seconds=REFRESH_AFTER_SECONDS))
        finally:
            _running_watchers.discard(watcher)
            async with self:
                self.is_live = False


__all__ = ["PROJECTS_ROUTE", "ProjectState", "goal_lines", "member_lines"]
