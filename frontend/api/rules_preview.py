"""HR's impact preview of a draft rule set (frontend/operations/rules_preview.graphql): a past period replayed
under the draft — per person and in total the change in commission, pool share and linked bonus; nothing written."""

from __future__ import annotations

import dataclasses
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import FieldError, refusal, text

PREVIEW_RULE_SET = operation("PreviewRuleSet")


@dataclasses.dataclass(frozen=True)
class Impact:
    """Changes in yuan (decimal strings) from the rules in force to the draft; `name` "" for the total."""

    name: str = ""  # "F0001 李娜"
    commission: str = "0"  # commission net of accrual: what the frontline keeps
    pool_share: str = "0"
    bonus: str = "0"  # performance bonus × linkage (backend staff)
    total: str = "0"


@dataclasses.dataclass(frozen=True)
class Preview:
    period: str = ""
    base_version: str = ""
    gainers: int = 0
    losers: int = 0
    total: Impact = Impact()
    # Largest gain first, largest loss last (the API's order).
    people: tuple[Impact, ...] = ()


def parse_impact(node: dict[str, Any], name: str = "") -> Impact:
    return Impact(name=name, commission=text(node["commission"]["change"]),
                  pool_share=text(node["poolShare"]["change"]), bonus=text(node["linkedBonus"]["change"]),
                  total=text(node["totalChange"]))


def parse_preview(node: dict[str, Any]) -> Preview:
    return Preview(period=node["period"], base_version=node["baseVersion"], gainers=int(node["gainers"]),
                   losers=int(node["losers"]), total=parse_impact(node),
                   people=tuple(parse_impact(p, f"{p['employeeNo']} {p['name']}") for p in node["people"]))


def parse_result(payload: dict[str, Any]) -> Preview | FieldError:
    refused = refusal(payload, "people")
    return refused if refused is not None else parse_preview(payload)


async def preview(token: str, draft: dict[str, Any], period: str) -> Preview | FieldError:
    """`draft` is a PublishRuleSetInput; a refusal names the parameter at fault, as publishing would."""
    data = await transport.execute(PREVIEW_RULE_SET, {"input": draft, "period": period}, token=token)
    return parse_result(data["previewRuleSet"])
