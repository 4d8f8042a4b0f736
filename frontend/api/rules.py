"""Rule sets (frontend/operations/rules.graphql): the version in force in plain language, the history with each
version's changes, acknowledging a version, HR's list of who has not, and publishing.

Parameter values stay strings as the API sends them; per-priority weights are flattened to
"priorityWeights.URGENT" so a page keeps one flat {name: value} map.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import FieldError, refusal, text

RULE_SET_IN_FORCE = operation("RuleSetInForce")
RULE_SET_HISTORY = operation("RuleSetHistory")
ACKNOWLEDGE_RULE_SET = operation("AcknowledgeRuleSet")
RULE_SET_ACKNOWLEDGEMENTS = operation("RuleSetAcknowledgements")
PUBLISH_RULE_SET = operation("PublishRuleSet")

PRIORITIES = ("URGENT", "HIGH", "NORMAL", "LOW")
# Parameters a draft edits as one number each (the others — SLA, bands, bounds — are inherited).
INTEGER_PARAMETERS = frozenset({"projectDeliveryGraceDays"})


@dataclasses.dataclass(frozen=True)
class RuleEntry:
    name: str = ""
    section: str = ""
    kind: str = ""
    label_zh: str = ""
    label_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    value: str = ""


@dataclasses.dataclass(frozen=True)
class RuleChange:
    name: str = ""
    label_zh: str = ""
    label_en: str = ""
    before: str = ""  # "" when the version before did not have it
    after: str = ""


@dataclasses.dataclass(frozen=True)
class RuleSetInfo:
    version: str = ""
    effective_from: str = ""
    effective_date: str = ""
    published_at: str = ""  # "" for version 1, the built-in defaults
    published_by: str = ""
    note: str = ""
    in_force: bool = False
    previous_version: str = ""
    acknowledged: bool = False
    changes: tuple[RuleChange, ...] = ()
    entries: tuple[RuleEntry, ...] = ()


def parse_header(node: dict[str, Any], **rest: Any) -> RuleSetInfo:
    return RuleSetInfo(
        version=node["version"], effective_from=text(node["effectiveFrom"]), effective_date=text(node["effectiveDate"]),
        published_at=text(node["publishedAt"]), published_by=node["publishedBy"] or "", note=node["note"] or "",
        in_force=bool(node["inForce"]), previous_version=text(node["previousVersion"]),
        acknowledged=bool(node["acknowledgedByMe"]), **rest)


def parse_values(parameters: dict[str, Any]) -> dict[str, str]:
    """{name: value} of every scalar parameter, per-priority weights as "priorityWeights.<PRIORITY>"."""
    values = {name: text(value) for name, value in parameters.items() if not isinstance(value, list | dict)}
    for weight in parameters["priorityWeights"]:
        values[f"priorityWeights.{weight['priority']}"] = text(weight["weight"])
    return values


def parse_rule_set(node: dict[str, Any]) -> tuple[RuleSetInfo, dict[str, str]]:
    entries = tuple(RuleEntry(name=e["name"], section=e["section"], kind=e["kind"], label_zh=e["labelZh"],
                              label_en=e["labelEn"], description_zh=e["descriptionZh"],
                              description_en=e["descriptionEn"], value=e["value"]) for e in node["entries"])
    return parse_header(node, entries=entries), parse_values(node["parameters"])


def parse_history_entry(node: dict[str, Any]) -> RuleSetInfo:
    changes = tuple(RuleChange(name=c["name"], label_zh=c["labelZh"], label_en=c["labelEn"],
                               before=text(c["before"]), after=text(c["after"])) for c in node["changes"])
    return parse_header(node, changes=changes)


async def fetch_rule_set(token: str, at: str | None = None) -> tuple[RuleSetInfo, dict[str, str]]:
    """The version in force at `at` (ISO-8601; None: now) with its entries, and its values."""
    data = await transport.execute(RULE_SET_IN_FORCE, {"at": at}, token=token)
    return parse_rule_set(data["ruleSet"])


async def fetch_history(token: str) -> list[RuleSetInfo]:
    data = await transport.execute(RULE_SET_HISTORY, token=token)
    return [parse_history_entry(node) for node in data["ruleSets"]]


async def acknowledge(token: str, version: str) -> FieldError | None:
    data = await transport.execute(ACKNOWLEDGE_RULE_SET, {"version": version}, token=token)
    return refusal(data["acknowledgeRuleSet"], "acknowledgedAt")


@dataclasses.dataclass(frozen=True)
class Unacknowledged:
    version: str = ""
    count: int = 0
    names: tuple[str, ...] = ()  # the first page: "F0001 李娜 · 市场部"


async def fetch_unacknowledged(token: str, version: str | None = None) -> Unacknowledged:
    data = await transport.execute(RULE_SET_ACKNOWLEDGEMENTS, {"version": version}, token=token)
    return parse_unacknowledged(data["ruleSetAcknowledgements"])


def parse_unacknowledged(node: dict[str, Any]) -> Unacknowledged:
    return Unacknowledged(version=node["version"], count=int(node["unacknowledgedCount"]),
                          names=tuple(f"{e['employeeNo']} {e['name']} · {e['department']['name']}"
                                      for e in node["unacknowledged"]))


def parameters_input(changed: dict[str, str]) -> dict[str, Any]:
    """RuleSetParametersInput from {name: value} of the changed parameters (weights as "priorityWeights.X")."""
    parameters: dict[str, Any] = {}
    weights = [{"priority": p, "weight": changed[f"priorityWeights.{p}"]} for p in PRIORITIES
               if f"priorityWeights.{p}" in changed]
    if weights:
        parameters["priorityWeights"] = weights
    for name, value in changed.items():
        if name.startswith("priorityWeights."):
            continue
        parameters[name] = int(value) if name in INTEGER_PARAMETERS and value.lstrip("-").isdigit() else value
    return parameters


async def publish(token: str, draft: dict[str, Any]) -> RuleSetInfo | FieldError:
    """Publish `draft` (PublishRuleSetInput: effectiveFrom, parameters, note): the new version, or the refusal
    naming the parameter at fault (a guardrail: value and bound in the message) — then nothing was written."""
    data = await transport.execute(PUBLISH_RULE_SET, {"input": draft}, token=token)
    return parse_published(data["publishRuleSet"])


def parse_published(payload: dict[str, Any]) -> RuleSetInfo | FieldError:
    refused = refusal(payload, "ruleSet")
    return refused if refused is not None else parse_header(payload["ruleSet"])
