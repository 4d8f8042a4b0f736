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
    name: str = ""  # "F0001 李娜"; "" for the total
    commission: str = "0"
    pool_share: str = "0"
    bonus: str = "0"
    total: str = "0"


@dataclasses.dataclass(frozen=True)
class Preview:
    period: str = ""
    total: Impact = Impact()
    people: tuple[Impact, ...] = ()


def parse_impact(node: dict[str, Any], name: str = "") -> Impact:
    return Impact(name=name, commission=text(node["commissionChange"]), pool_share=text(node["poolShareChange"]),
                  bonus=text(node["bonusChange"]), total=text(node["totalChange"]))


def parse_preview(node: dict[str, Any]) -> Preview:
    return Preview(period=node["period"], total=parse_impact(node["total"]),
                   people=tuple(parse_impact(p, f"{p['employeeNo']} {p['name']}") for p in node["people"]))


async def preview(token: str, draft: dict[str, Any], period: str) -> Preview | FieldError:
    """`draft` is a PublishRuleSetInput; a refusal names the parameter at fault, as publishing would."""
    data = await transport.execute(PREVIEW_RULE_SET, {"input": draft, "period": period}, token=token)
    payload = data["previewRuleSet"]
    refused = refusal(payload, "people")
    return refused if refused is not None else parse_preview(payload)
