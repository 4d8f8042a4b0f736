"""The Rules page (规则公示), readable by everyone: the rule set in force in plain language, grouped by section,
with its formulas and SPEC §11's worked example computed from its own numbers; every version before it with
what it changed; and the acknowledgement (HR also sees who has not acknowledged the version in force)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.api import rules as gateway
from frontend.components.formatting import format_time
from frontend.state.rules_example import ExampleLine, worked_example
from frontend.state.viewer import ViewerState

RULES_ROUTE = "/rules"
# Sections in the order of the SPEC; each has a title and its formulas in frontend/i18n/rules.py.
SECTIONS = ("COMMISSION", "FUND", "SUPPORT", "UTILISATION", "PROJECTS", "PERFORMANCE", "DEDUCTIONS", "ANALYTICS")


@dataclasses.dataclass(frozen=True)
class SectionView:
    section: str = ""
    rules: tuple[gateway.RuleEntry, ...] = ()  # (not "entries": a Var's own method)


@dataclasses.dataclass(frozen=True)
class VersionView:
    version: str = ""
    effective_date: str = ""
    published_at: str = ""  # local time; "" for version 1 (the built-in defaults)
    published_by: str = ""
    note: str = ""
    in_force: bool = False
    previous_version: str = ""
    acknowledged: bool = False
    changes: tuple[gateway.RuleChange, ...] = ()


def sections_of(entries: tuple[gateway.RuleEntry, ...]) -> list[SectionView]:
    """The entries grouped by section, SPEC order first, then any section the page does not know yet."""
    known = [s for s in SECTIONS if any(e.section == s for e in entries)]
    others = sorted({e.section for e in entries} - set(SECTIONS))
    return [SectionView(section=s, rules=tuple(e for e in entries if e.section == s)) for s in known + others]


def version_view(info: gateway.RuleSetInfo) -> VersionView:
    return VersionView(version=info.version, effective_date=info.effective_date,
                       published_at=format_time(info.published_at), published_by=info.published_by, note=info.note,
                       in_force=info.in_force, previous_version=info.previous_version,
                       acknowledged=info.acknowledged, changes=info.changes)


def example_parameters(values: dict[str, str]) -> dict[str, object]:
    """The flat values as worked_example reads them (priority weights as a mapping)."""
    weights = {name.removeprefix("priorityWeights."): value for name, value in values.items()
               if name.startswith("priorityWeights.")}
    return {**{k: v for k, v in values.items() if not k.startswith("priorityWeights.")}, "priorityWeights": weights}


class RulesState(ViewerState):
    in_force: VersionView = VersionView()
    sections: list[SectionView] = []
    example: list[ExampleLine] = []
    history: list[VersionView] = []
    # Every parameter's value in force (flat, "priorityWeights.URGENT"): HR's draft starts from it.
    values: dict[str, str] = {}
    rules_loaded: bool = False
    rules_error_code: str = ""
    is_acknowledging: bool = False
    ack_error_code: str = ""
    ack_error_message: str = ""
    unacknowledged_count: int = -1  # -1: not known (not HR)
    unacknowledged: list[str] = []

    @rx.var(cache=True)
    def has_acknowledged(self) -> bool:
        return self.in_force.acknowledged

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield self._to_sign_in()
            return
        loaded = await self._load_viewer()
        if loaded is False:
            yield self._session_expired()
            return
        try:
            await self._fetch()
        except api.GatewayError as error:
            self.rules_error_code = error.code

    async def _fetch(self) -> None:
        info, values = await gateway.fetch_rule_set(self.token)
        history = await gateway.fetch_history(self.token)
        self.in_force = version_view(info)
        self.sections = sections_of(info.entries)
        self.values = values
        self.example = worked_example(example_parameters(values))
        self.history = [version_view(v) for v in history]
        self.rules_error_code = ""
        self.rules_loaded = True
        if self.is_hr:
            unacknowledged = await gateway.fetch_unacknowledged(self.token, info.version)
            self.unacknowledged_count = unacknowledged.count
            self.unacknowledged = list(unacknowledged.names)

    @rx.event
    async def acknowledge(self) -> AsyncIterator[EventSpec | None]:
        """I have read the rules in force (recorded once; again changes nothing)."""
        if self.is_acknowledging or not self.in_force.version:
            return
        self.is_acknowledging = True
        self.ack_error_code = self.ack_error_message = ""
        yield None
        try:
            refused = await gateway.acknowledge(self.token, self.in_force.version)
            if refused is not None:
                self.ack_error_code, self.ack_error_message = refused.code, refused.message
                return
            await self._fetch()
        except api.GatewayError as error:
            self.ack_error_code, self.ack_error_message = error.code, error.message
        finally:
            self.is_acknowledging = False
