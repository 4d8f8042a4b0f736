"""Collaboration analytics: bottlenecks(period) — per department and department × region, response and
resolution times against SLA, breach rates, and the flagged bottlenecks with their diagnoses
(frontend/operations/analytics.graphql)."""

from __future__ import annotations

import dataclasses
from typing import Any

from frontend.api import transport
from frontend.api.documents import operation
from frontend.api.transport import selected, text

BOTTLENECKS = operation("Bottlenecks")


@dataclasses.dataclass(frozen=True)
class Stats:
    """Minutes and rates as decimal strings ("" when there is nothing to measure); rates are fractions."""

    volume: int = 0
    resolved: int = 0
    open_backlog: int = 0
    response_median: str = ""
    response_p90: str = ""
    resolution_median: str = ""
    resolution_p90: str = ""
    p90_sla_ratio: str = ""
    breach_rate: str = ""
    mean_satisfaction: str = ""
    late_handoff_rate: str = ""
    start_delay_median: str = ""
    reopen_rate: str = ""
    staff: int = 0
    backlog_per_staff: str = ""


@dataclasses.dataclass(frozen=True)
class Group:
    department_code: str = ""
    department_name: str = ""
    department_kind: str = ""
    region_code: str = ""
    region_name: str = ""
    stats: Stats = Stats()


@dataclasses.dataclass(frozen=True)
class Diagnosis:
    kind: str = ""
    message: str = ""
    suggested_staff: int = 0
    figures: tuple[tuple[str, str], ...] = ()

    def figure(self, name: str) -> str:
        return next((value for key, value in self.figures if key == name), "")


@dataclasses.dataclass(frozen=True)
class Bottleneck:
    group: Group = Group()
    reasons: tuple[str, ...] = ()
    diagnoses: tuple[Diagnosis, ...] = ()


@dataclasses.dataclass(frozen=True)
class Report:
    period: str = ""
    as_of: str = ""
    rule_version: str = ""
    departments: tuple[Group, ...] = ()
    cells: tuple[Group, ...] = ()
    bottlenecks: tuple[Bottleneck, ...] = ()


def parse_stats(node: dict[str, Any]) -> Stats:
    return Stats(
        volume=int(node.get("volume") or 0), resolved=int(node.get("resolved") or 0),
        open_backlog=int(node.get("openBacklog") or 0), response_median=text(node.get("responseMedianMinutes")),
        response_p90=text(node.get("responseP90Minutes")), resolution_median=text(node.get("resolutionMedianMinutes")),
        resolution_p90=text(node.get("resolutionP90Minutes")), p90_sla_ratio=text(node.get("p90SlaRatio")),
        breach_rate=text(node.get("breachRate")), mean_satisfaction=text(node.get("meanSatisfaction")),
        late_handoff_rate=text(node.get("lateHandoffRate")),
        start_delay_median=text(node.get("startDelayMedianMinutes")), reopen_rate=text(node.get("reopenRate")),
        staff=int(node.get("staff") or 0), backlog_per_staff=text(node.get("backlogPerStaff")))


def _group(node: dict[str, Any]) -> Group:
    department = node.get("department") or {}
    region = selected(node, "region") or {}  # per department: no region
    return Group(department_code=department.get("code") or "", department_name=department.get("name") or "",
                 department_kind=selected(department, "kind") or "",
                 region_code=region.get("code") or "",
                 region_name=region.get("name") or "", stats=parse_stats(node.get("stats") or {}))


def parse_report(node: dict[str, Any]) -> Report:
    return Report(
        period=node.get("period") or "", as_of=text(node.get("asOf")), rule_version=node.get("ruleVersion") or "",
        departments=tuple(_group(d) for d in node.get("departments") or ()),
        cells=tuple(_group(c) for c in node.get("cells") or ()),
        bottlenecks=tuple(Bottleneck(
            group=_group(b), reasons=tuple(b.get("reasons") or ()),
            diagnoses=tuple(Diagnosis(kind=d.get("kind") or "", message=d.get("message") or "",
                                      suggested_staff=int(d.get("suggestedStaff") or 0),
                                      figures=tuple((f["name"], text(f.get("value"))) for f in d.get("figures") or ()))
                            for d in b.get("diagnoses") or ()))
            for b in node.get("bottlenecks") or ()),
    )


async def fetch_bottlenecks(token: str, period: str) -> Report:
    data = await transport.execute(BOTTLENECKS, {"period": period}, token=token)
    return parse_report(data["bottlenecks"])
