"""HR publishes a rule set (发布规则) from the Rules page: a draft that starts from the version in force, its impact
on a past period previewed first (who gains, who loses — nothing written), then published with an effective date.
A guardrail breach comes back naming the parameter, its value and the bound; the page shows it on that input.
Publishing is offered only for the very draft that was previewed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.api import rules as gateway
from frontend.api import rules_preview as preview_gateway
from frontend.components.formatting import format_money
from frontend.components.performance import organisation_today, recent_periods
from frontend.state.rules_state import RulesState, sections_of

EDITABLE_KINDS = frozenset({"DECIMAL", "INTEGER", "HOURS"})


@dataclasses.dataclass(frozen=True)
class DraftField:
    name: str = ""  # the API's parameter name ("priorityWeights.URGENT" for one priority's weight)
    section: str = ""
    label_zh: str = ""
    label_en: str = ""
    current: str = ""


@dataclasses.dataclass(frozen=True)
class ImpactRow:
    name: str = ""
    commission: str = ""
    pool_share: str = ""
    bonus: str = ""
    total: str = ""
    gains: bool = False


def draft_fields(entries: tuple[gateway.RuleEntry, ...], values: dict[str, str]) -> list[DraftField]:
    """The inputs of HR's draft, section by section: every single-number parameter and each priority's weight."""
    fields = []
    for section in sections_of(entries):
        for entry in section.rules:
            if entry.kind in EDITABLE_KINDS and entry.name in values:
                fields.append(DraftField(entry.name, entry.section, entry.label_zh, entry.label_en,
                                         values[entry.name]))
            elif entry.kind == "WEIGHTS":
                fields += [DraftField(name, entry.section, f"{entry.label_zh} · {name.split('.')[1]}",
                                      f"{entry.label_en} · {name.split('.')[1]}", values[name])
                           for name in values if name.startswith(entry.name + ".")]
    return fields


def changed_values(draft: dict[str, str], current: dict[str, str]) -> dict[str, str]:
    """The parameters the draft changes (a number written differently but equal, "0.120" for "0.12", is not)."""
    changed = {}
    for name, value in draft.items():
        value = value.strip()
        try:
            same = Decimal(value) == Decimal(current.get(name, ""))
        except InvalidOperation:
            same = value == current.get(name)
        if not same:
            changed[name] = value
    return changed


def impact_rows(preview: preview_gateway.Preview) -> list[ImpactRow]:
    """Everyone the draft changes, the biggest gain first and the biggest loss last."""
    people = sorted(preview.people, key=lambda p: (-Decimal(p.total or "0"), p.name))
    return [ImpactRow(name=p.name, commission=signed(p.commission), pool_share=signed(p.pool_share),
                      bonus=signed(p.bonus), total=signed(p.total), gains=Decimal(p.total or "0") > 0)
            for p in people if Decimal(p.total or "0") != 0]


def signed(amount: str) -> str:
    text = format_money(amount)
    return "+" + text if text and not text.startswith("-") and Decimal(amount) > 0 else text


class PublishState(RulesState):
    fields: list[DraftField] = []
    draft: dict[str, str] = {}
    effective_from: str = ""
    note: str = ""
    preview_period: str = ""
    preview_periods: list[str] = []
    impact: list[ImpactRow] = []
    impact_total: ImpactRow = ImpactRow()
    impact_gainers: int = 0
    impact_losers: int = 0
    # The parameters the shown preview is of: publishing is offered for that draft only.
    previewed: str = ""
    is_busy: bool = False
    error_code: str = ""
    error_field: str = ""
    error_message: str = ""
    published_version: str = ""

    def _input(self) -> dict[str, object]:
        changes = changed_values(self.draft, self.values)
        return {"effectiveFrom": self.effective_from, "parameters": gateway.parameters_input(changes),
                "note": self.note.strip() or None}

    @rx.var(cache=True)
    def changed_count(self) -> int:
        return len(changed_values(self.draft, self.values))

    def _previewed_key(self) -> str:
        """What a preview depends on: the parameters (not the effective date or the note)."""
        return json.dumps(self._input()["parameters"], sort_keys=True)

    @rx.var(cache=False)  # reads the draft through methods: recomputed with every change
    def can_publish(self) -> bool:
        return bool(self.previewed) and self.previewed == self._previewed_key() and not self.is_busy

    @rx.event
    async def open_draft(self) -> AsyncIterator[EventSpec | None]:
        """HR starts a draft from the version in force (read again: another HR user may just have published)."""
        if not self.is_hr:
            return
        try:
            info, values = await gateway.fetch_rule_set(self.token)
        except api.GatewayError as error:
            self._refuse(api.FieldError(error.code, error.message))
            return
        self.values = values
        self.fields = draft_fields(info.entries, values)
        self.draft = {f.name: f.current for f in self.fields}
        self.effective_from = (organisation_today() + dt.timedelta(days=1)).isoformat()
        self.preview_periods = recent_periods(count=7)[1:]  # ended months: a replay needs a whole one
        self.preview_period = self.preview_periods[0]
        self._forget_preview()
        self.published_version = ""
        yield None

    def _forget_preview(self) -> None:
        self.impact, self.impact_total, self.previewed = [], ImpactRow(), ""
        self.error_code = self.error_field = self.error_message = ""

    def _refuse(self, error: api.FieldError) -> None:
        # The API names a parameter by its place in the input ("parameters.accrualRatio"); the inputs by name.
        field = error.field.removeprefix("input.").removeprefix("parameters.")
        self.error_code, self.error_field, self.error_message = error.code, field, error.message

    @rx.event
    def set_value(self, name: str, value: str) -> None:
        if name in self.draft:
            self.draft = {**self.draft, name: value}
            if self.error_field == name:
                self.error_code = self.error_field = self.error_message = ""

    @rx.event
    def set_effective_from(self, value: str) -> None:
        self.effective_from = value

    @rx.event
    def set_note(self, value: str) -> None:
        self.note = value

    @rx.event
    def set_preview_period(self, value: str) -> None:
        if value in self.preview_periods:
            self.preview_period = value

    @rx.event
    async def preview(self) -> AsyncIterator[EventSpec | None]:
        """Replay the chosen past period under the draft: each person's change; nothing is written."""
        self._forget_preview()
        self.is_busy = True
        yield None
        draft = self._input()
        try:
            result = await preview_gateway.preview(self.token, draft, self.preview_period)
        except api.GatewayError as error:
            result = api.FieldError(error.code, error.message)
        finally:
            self.is_busy = False
        if isinstance(result, api.FieldError):
            self._refuse(result)
            return
        self.impact = impact_rows(result)
        total = result.total
        self.impact_total = ImpactRow(name="", commission=signed(total.commission),
                                      pool_share=signed(total.pool_share), bonus=signed(total.bonus),
                                      total=signed(total.total), gains=Decimal(total.total or "0") > 0)
        self.impact_gainers, self.impact_losers = result.gainers, result.losers
        self.previewed = self._previewed_key()

    @rx.event
    async def publish(self) -> AsyncIterator[EventSpec | None]:
        if not self.can_publish:
            return
        self.is_busy = True
        yield None
        try:
            result = await gateway.publish(self.token, self._input())
        except api.GatewayError as error:
            result = api.FieldError(error.code, error.message)
        finally:
            self.is_busy = False
        if isinstance(result, api.FieldError):
            self._refuse(result)
            return
        self.published_version = result.version
        self.fields, self.draft, self.previewed = [], {}, ""
        await self._fetch()
