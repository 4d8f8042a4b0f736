"""My reward counters (我的奖励) on My desk: the current period's counter, live, each figure with its explanation.

The API sends a counter's figures with explanations (frontend/api/rewards.py); this module turns them into what
the desk shows — a few big counters, each holding the figures that explain it (commission net with its gross and
accrual, the performance bonus with its linkage) — and follows `rewardCounterUpdated` in a background task, so an
order recorded anywhere changes the numbers without a reload.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation

import reflex as rx

from frontend import api
from frontend.api import rewards as gateway
from frontend.components.formatting import format_money
from frontend.components.performance import recent_periods
from frontend.state import live
from frontend.state.viewer import ViewerState

LIVE_MAX_SECONDS = 4 * 3600.0
# Each big counter and the figures its "how was this computed" panel explains, in order; the first is the number.
COUNTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("commissionNet", ("commissionNet", "commissionGross", "commissionAccrued")),
    ("pendingCommission", ("pendingCommission",)),
    ("poolContribution", ("poolContribution",)),
    ("performanceBonus", ("performanceBonus", "linkage")),
    ("projectBonus", ("projectBonus",)),
    ("fundEstimate", ("fundEstimate",)),
)
# Tabs whose counter follower runs in this process (a reload must not start a second one).
_running: set[tuple[str, str]] = set()


@dataclasses.dataclass(frozen=True)
class SourceView:
    kind: str = ""
    text: str = ""  # the record's label, or its id when it has none


@dataclasses.dataclass(frozen=True)
class InputView:
    name_zh: str = ""
    name_en: str = ""
    value: str = ""
    sources: tuple[SourceView, ...] = ()


@dataclasses.dataclass(frozen=True)
class FormulaView:
    label_zh: str = ""
    label_en: str = ""
    value_text: str = ""
    formula_zh: str = ""
    formula_en: str = ""
    rounding_zh: str = ""
    rounding_en: str = ""
    rule_version: str = ""
    inputs: tuple[InputView, ...] = ()


@dataclasses.dataclass(frozen=True)
class FigureView:
    key: str = ""
    main: FormulaView = FormulaView()
    parts: tuple[FormulaView, ...] = ()


@dataclasses.dataclass(frozen=True)
class CounterView:
    key: str = ""
    value_text: str = ""
    raw: str = ""  # the exact amount (data-value in the page: what tests and screen readers compare)
    figures: tuple[FigureView, ...] = ()


def value_text(value: str, *, is_money: bool) -> str:
    """Money as yuan ("¥2,640.00"); a multiplier as "×1.05"."""
    if is_money:
        return format_money(value)
    try:
        return f"×{Decimal(value):.4f}".rstrip("0").rstrip(".")
    except InvalidOperation:
        return value


def formula_view(formula: gateway.Formula, *, label_zh: str, label_en: str, shown: str) -> FormulaView:
    return FormulaView(
        label_zh=label_zh, label_en=label_en, value_text=shown,
        formula_zh=formula.formula_zh, formula_en=formula.formula_en,
        rounding_zh=formula.rounding_zh, rounding_en=formula.rounding_en, rule_version=formula.rule_version,
        inputs=tuple(InputView(name_zh=i.name_zh, name_en=i.name_en, value=i.value,
                               sources=tuple(SourceView(kind=s.kind, text=s.label or s.id) for s in i.sources))
                     for i in formula.inputs))


def figure_view(figure: gateway.Figure) -> FigureView:
    return FigureView(
        key=figure.key,
        main=formula_view(figure.explanation, label_zh=figure.label_zh, label_en=figure.label_en,
                          shown=value_text(figure.value, is_money=figure.is_money)),
        parts=tuple(formula_view(p.explanation, label_zh=p.label_zh, label_en=p.label_en,
                                 shown=format_money(p.amount)) for p in figure.parts))


# Backend staff earn from the pools and the linkage first; their commission (none, said why) comes last.
BACKEND_ORDER = ("poolContribution", "performanceBonus", "projectBonus", "fundEstimate", "commissionNet",
                 "pendingCommission")


def counter_views(counter: gateway.Counter, *, backend: bool = False) -> list[CounterView]:
    """The big counters of `counter`: one per COUNTERS entry whose number the API gave."""
    views = []
    counters = sorted(COUNTERS, key=lambda c: BACKEND_ORDER.index(c[0])) if backend else COUNTERS
    for key, keys in counters:
        main = counter.figure(key)
        if main is None:
            continue
        figures = tuple(figure_view(f) for f in (counter.figure(k) for k in keys) if f is not None)
        views.append(CounterView(key=key, value_text=value_text(main.value, is_money=main.is_money), raw=main.value,
                                 figures=figures))
    return views


def _number(value: str) -> float:
    try:
        return float(Decimal(value))  # a chart's point only; every figure shown stays a decimal string
    except InvalidOperation:
        return 0.0


def trend_rows(counter: gateway.Counter) -> list[dict[str, str | float]]:
    """The period's trend for the chart: day ("11-28"), commission net and pool contribution so far. The API
    sends the totals at the end of each day they moved; the period starts from zero on its first day."""
    rows: list[dict[str, str | float]] = [
        {"day": p.date[5:10] or p.date, "net": _number(p.commission_net), "pool": _number(p.pool_contribution)}
        for p in counter.trend]
    first_day = counter.period[5:7] + "-01"
    if rows and rows[0]["day"] != first_day:
        rows.insert(0, {"day": first_day, "net": 0.0, "pool": 0.0})
    return rows


def changed_keys(before: list[CounterView], after: list[CounterView]) -> list[str]:
    old = {view.key: view.raw for view in before}
    return [view.key for view in after if view.key in old and old[view.key] != view.raw]


class RewardsState(ViewerState):
    period: str = ""
    counters: list[CounterView] = []
    trend: list[dict[str, str | float]] = []
    rule_version: str = ""
    # The counters that changed with the last live update (they flash), and how many updates arrived.
    changed: list[str] = []
    updates: int = 0
    has_counter: bool = False
    rewards_loaded: bool = False
    rewards_error_code: str = ""
    rewards_live: bool = False
    _counter_token: str = ""

    @rx.var(cache=True)
    def can_record_orders(self) -> bool:
        """Frontline staff record their own orders; managers and HR anyone's (SPEC §5)."""
        return self.me.department_kind == "FRONTLINE" or bool({"MANAGER", "HR", "ADMIN"} & set(self.me.roles))

    def _show(self, counter: gateway.Counter | None) -> None:
        views = counter_views(counter, backend=self.me.department_kind == "BACKEND") if counter else []
        self.changed = changed_keys(self.counters, views)
        self.counters = views
        self.trend = trend_rows(counter) if counter else []
        self.rule_version = counter.rule_version if counter else ""
        self.has_counter = counter is not None

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.rewards_loaded = False
        if self._counter_token != self.token:
            self.counters, self.trend, self.has_counter = [], [], False
        if not self.token or await self._load_viewer() is not True:
            return None  # the desk's own load sends the visitor to sign in
        self.period = recent_periods(count=1)[0]
        try:
            counter = await gateway.fetch_counter(self.token, self.me.id, self.period)
        except api.GatewayError as error:
            self.rewards_error_code = error.code
            return None
        self._show(counter)
        self.changed = []
        self._counter_token = self.token
        self.rewards_error_code = ""
        self.rewards_loaded = True
        return RewardsState.watch_counter()

    @rx.event(background=True)
    async def watch_counter(self) -> None:
        """Show every change of my counter as the API pushes it (after each commit that moves it)."""
        async with self:
            client_token, token, employee_id = self.router.session.client_token, self.token, self.me.id
            period = self.period
            watcher = (client_token, token)
            if watcher in _running or not token or not employee_id:
                return
            _running.add(watcher)
            self.rewards_live = True

        async def show(counter: gateway.Counter | None) -> bool:
            async with self:
                if self.token != token:
                    return False  # signed out, or someone else signed in, in this tab
                if counter is not None and counter.period == period:
                    self._show(counter)
                    self.updates += 1
            return True

        try:
            await live.follow(client_token=client_token, max_seconds=LIVE_MAX_SECONDS, deliver=show,
                              open_stream=lambda: gateway.watch_counter(
                                  token, employee_id, heartbeat_seconds=live.LIVE_HEARTBEAT_SECONDS))
        finally:
            _running.discard(watcher)
            async with self:
                self.rewards_live = any(tab == client_token for tab, _ in _running)
