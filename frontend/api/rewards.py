"""Reward counters with their explanations, and recording an order (frontend/operations/rewards.graphql).

Every figure of a counter arrives with its explanation (backend/graphql/explain_types.py): the formula in zh and
en, each input with its source records, the rounding and the rule-set version, and the parts it sums or splits.
Amounts stay decimal strings, as the API sends them.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncGenerator
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import Event, FieldError, refusal, text

REWARD_COUNTER = operation("RewardCounter")
REWARD_COUNTER_UPDATED = operation("RewardCounterUpdated")
RECORD_ORDER = operation("RecordOrder")
ORDER_FORM_OPTIONS = operation("OrderFormOptions")
REGION_STAFF = operation("RegionStaff")

# The counter's explained figures, in the order My desk shows them (GraphQL field names).
FIGURES = ("commissionNet", "commissionGross", "commissionAccrued", "pendingCommission", "poolContribution",
           "performanceBonus", "linkage", "projectBonus", "fundEstimate")


@dataclasses.dataclass(frozen=True)
class Source:
    kind: str = ""
    id: str = ""
    label: str = ""


@dataclasses.dataclass(frozen=True)
class ExplainInput:
    code: str = ""
    name_zh: str = ""
    name_en: str = ""
    value: str = ""
    sources: tuple[Source, ...] = ()


@dataclasses.dataclass(frozen=True)
class Formula:
    """An explanation without its parts: how one part of a figure was computed."""

    formula_zh: str = ""
    formula_en: str = ""
    inputs: tuple[ExplainInput, ...] = ()
    rounding_zh: str = ""
    rounding_en: str = ""
    rule_version: str = ""


@dataclasses.dataclass(frozen=True)
class Part:
    amount: str = ""
    label_zh: str = ""
    label_en: str = ""
    explanation: Formula = Formula()


@dataclasses.dataclass(frozen=True)
class Figure:
    """One explained figure: `key` is its GraphQL field, `value` the amount (money) or quantity (linkage)."""

    key: str = ""
    value: str = ""
    is_money: bool = True
    label_zh: str = ""
    label_en: str = ""
    explanation: Formula = Formula()
    parts: tuple[Part, ...] = ()


@dataclasses.dataclass(frozen=True)
class TrendPoint:
    date: str = ""
    commission_net: str = "0"
    pool_contribution: str = "0"


@dataclasses.dataclass(frozen=True)
class Counter:
    employee_id: str = ""
    period: str = ""
    rule_version: str = ""
    # The figures the API gave (a null field — not applicable, or not computed yet — is left out).
    figures: tuple[Figure, ...] = ()
    trend: tuple[TrendPoint, ...] = ()

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


def parse_formula(node: dict[str, Any]) -> Formula:
    return Formula(
        formula_zh=node["formulaZh"], formula_en=node["formulaEn"],
        inputs=tuple(ExplainInput(code=i["code"], name_zh=i["nameZh"], name_en=i["nameEn"], value=text(i["value"]),
                                  sources=tuple(Source(kind=s["kind"], id=text(s["id"]), label=s["label"] or "")
                                                for s in i["sources"]))
                     for i in node["inputs"]),
        rounding_zh=node["roundingZh"] or "", rounding_en=node["roundingEn"] or "",
        rule_version=text(node["ruleVersion"]))


def parse_figure(key: str, node: dict[str, Any]) -> Figure:
    explanation = node["explanation"]
    is_money = "amount" in node
    return Figure(
        key=key, value=text(node["amount"] if is_money else node["value"]), is_money=is_money,
        label_zh=node["labelZh"], label_en=node["labelEn"], explanation=parse_formula(explanation),
        parts=tuple(Part(amount=text(p["amount"]), label_zh=p["labelZh"], label_en=p["labelEn"],
                         explanation=parse_formula(p["explanation"])) for p in explanation["parts"]))


def parse_counter(node: dict[str, Any]) -> Counter:
    return Counter(
        employee_id=text(node["employeeId"]), period=node["period"], rule_version=text(node["ruleVersion"]),
        figures=tuple(parse_figure(key, node[key]) for key in FIGURES if node[key] is not None),
        trend=tuple(TrendPoint(date=str(p["date"]), commission_net=text(p["commissionNet"]),
                               pool_contribution=text(p["poolContribution"])) for p in node["trend"] or ()))


async def fetch_counter(token: str, employee_id: str, period: str) -> Counter | None:
    """One person's counter of a period; None when the API shows none (not allowed, not employed)."""
    data = await transport.execute(REWARD_COUNTER, {"employeeId": employee_id, "period": period}, token=token)
    node = data.get("rewardCounter")
    return parse_counter(node) if node else None


async def watch_counter(token: str, employee_id: str, *, heartbeat_seconds: float
                        ) -> AsyncGenerator[Counter | None, None]:
    """Yield the counter as it is now, then after every change (an order, a resolved request, a moved pool
    share); None after every `heartbeat_seconds` without news. Closing the generator closes the socket."""
    events = transport.subscribe(token, [(REWARD_COUNTER_UPDATED, {"employeeId": employee_id})],
                                 heartbeat_seconds=heartbeat_seconds)
    async with contextlib.aclosing(events):
        async for item in events:
            if item is None:
                yield None
            elif isinstance(item, Event):
                yield parse_counter(item.data["rewardCounterUpdated"])


# --- recording an order -----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Option:
    code: str
    name: str


@dataclasses.dataclass(frozen=True)
class RecordedOrder:
    order_id: str
    client_order_id: str
    status: str  # PENDING while a blocking request is open, else CREDITED
    commission: str
    # False when the server already had this clientOrderId (a resend): nothing new was recorded.
    created: bool


RecordResult = RecordedOrder | FieldError


async def record_order(token: str, order: dict[str, Any]) -> RecordResult:
    """Record `order` (RecordOrderInput's fields, camelCase). Resending the same clientOrderId is safe: the
    server answers with the original order and `created` False."""
    data = await transport.execute(RECORD_ORDER, {"input": order}, token=token)
    return parse_recorded(data["recordOrder"])


def parse_recorded(payload: dict[str, Any]) -> RecordResult:
    refused = refusal(payload, "order")
    if refused is not None:
        return refused
    node = payload["order"]
    return RecordedOrder(order_id=text(node["id"]), client_order_id=node["clientOrderId"], status=node["status"],
                         commission=text((node["commission"] or {}).get("amount")), created=bool(payload["created"]))


async def fetch_regions(token: str) -> tuple[Option, ...]:
    data = await transport.execute(ORDER_FORM_OPTIONS, token=token)
    return parse_regions(data)


def parse_regions(data: dict[str, Any]) -> tuple[Option, ...]:
    return tuple(Option(code=r["code"], name=r["name"]) for r in data["regions"])


async def fetch_region_staff(token: str, region_code: str, search: str = "") -> tuple[Option, ...]:
    """The active frontline employees of a region (id, "F0001 李娜") whose number or name contains `search`, for
    managers and HR recording for someone (the first 100: a large region is searched, not scrolled)."""
    data = await transport.execute(REGION_STAFF, {"regionCode": region_code, "search": search.strip() or None},
                                   token=token)
    return parse_staff(data)


def parse_staff(data: dict[str, Any]) -> tuple[Option, ...]:
    return tuple(Option(code=str(e["id"]), name=f"{e['employeeNo']} {e['name']}") for e in data["employees"]["nodes"]
                 if e["department"]["kind"] == "FRONTLINE" and e["status"] == "ACTIVE")
