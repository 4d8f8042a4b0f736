"""Where an indicator's actual comes from (SPEC §4): recorded values, support requests, linked regions, projects.

Pure. Support figures come from `domain.support` (satisfaction, resolution SLA, late handoff, utilisation): this
module only chooses which requests count and says which ones did, so the line can list every record behind it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from backend.domain.performance import HUNDRED, ZERO, Actual, RecordKind, SourceRecord, SubjectKind, Text, shown
from backend.domain.rules import RuleSet
from backend.domain.support import Figures, SubmittedRequest, support_utilisation


def _p(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _hours(figures: Figures) -> str:
    return shown(Decimal(int(figures.handoff_delay.total_seconds())) / 3600, 1)


# --- recorded values (MANUAL, and region metrics) ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordedValue:
    measurement_id: int
    value: Decimal


@dataclass(frozen=True, slots=True)
class Candidate:
    """A level a recorded value may come from, most specific first: the employee, their department, region."""

    level: SubjectKind
    label: str  # e.g. "F0001 李娜", "市场部 (MKT)"
    value: RecordedValue | None


LEVEL_WORDS = {SubjectKind.EMPLOYEE: ("本人", "the employee's own"),
               SubjectKind.DEPARTMENT: ("所在部门", "their department's"),
               SubjectKind.REGION: ("所在片区", "their region's")}


def recorded_actual(candidates: Sequence[Candidate], *, period: str) -> Actual:
    """The most specific value recorded for the period: the employee's own, else the department's, else the
    region's (a department- or region-wide figure applies to everyone in it)."""
    for candidate in candidates:
        if candidate.value is None:
            continue
        zh, en = LEVEL_WORDS[candidate.level]
        value = candidate.value.value
        return Actual(value=value, level=candidate.level,
                      records=(SourceRecord(kind=RecordKind.MEASUREMENT, id=candidate.value.measurement_id,
                                            label=candidate.label, value=value),),
                      explanation=Text(zh=f"{period} 录入的{zh}数值（{candidate.label}）：{_p(value)}",
                                       en=f"{en} value recorded for {period} ({candidate.label}): {_p(value)}"))
    looked = [c.label for c in candidates]
    return Actual(value=None, explanation=Text(
        zh=f"{period} 尚未录入数值（查找：{'、'.join(looked)}）",
        en=f"no value recorded for {period} (looked for: {', '.join(looked)})"))


# --- support requests --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HandledRequest:
    """A request the employee resolved in the period (they are its assignee), with its SLA figures."""

    id: int
    title: str
    figures: Figures


def _request(request: HandledRequest | RaisedRequest, note: str, included: bool = True,
             value: Decimal | None = None) -> SourceRecord:
    return SourceRecord(kind=RecordKind.SUPPORT_REQUEST, id=request.id, label=request.title, value=value, note=note,
                        included=included)


def satisfaction_actual(requests: Sequence[HandledRequest], *, period: str) -> Actual:
    """Mean satisfaction (rating × 20) of the requests they resolved in the period that the frontline rated."""
    rated = [r for r in requests if r.figures.satisfaction is not None]
    records = tuple(
        _request(r, f"rated {r.figures.satisfaction // 20} ★ → {r.figures.satisfaction}", value=Decimal(
            r.figures.satisfaction)) if r.figures.satisfaction is not None else
        _request(r, "not rated yet: not counted", included=False) for r in requests)
    if not rated:
        return Actual(value=None, records=records, explanation=Text(
            zh=f"{period} 解决的需求 {len(requests)} 个，均未评价：本期无满意度", en=(
                f"{len(requests)} requests resolved in {period}, none rated: no satisfaction this period"
                if requests else f"no requests resolved in {period}: no satisfaction this period")))
    total = sum((Decimal(r.figures.satisfaction or 0) for r in rated), ZERO)
    value = total / len(rated)
    unrated = len(requests) - len(rated)
    return Actual(value=value, records=records, explanation=Text(
        zh=f"{period} 解决的需求 {len(requests)} 个，已评价 {len(rated)} 个（未评价 {unrated} 个不计）："
           f"满意度 = 评分 × 20 的平均值 = {_p(total)} / {len(rated)} = {shown(value)}",
        en=f"{len(requests)} requests resolved in {period}, {len(rated)} rated ({unrated} unrated, not counted): "
           f"mean of rating × 20 = {_p(total)} / {len(rated)} = {shown(value)}"))


def sla_rate_actual(requests: Sequence[HandledRequest], *, period: str) -> Actual:
    """Share (0–100) of the requests they resolved in the period that met the resolution SLA."""
    met = [r for r in requests if r.figures.resolution_sla_met]
    records = tuple(_request(r, "resolution SLA met" if r.figures.resolution_sla_met else "resolution SLA breached")
                    for r in requests)
    if not requests:
        return Actual(value=None, explanation=Text(zh=f"{period} 没有解决的需求：本期无及时率",
                                                   en=f"no requests resolved in {period}: no SLA rate this period"))
    value = HUNDRED * len(met) / len(requests)
    return Actual(value=value, records=records, explanation=Text(
        zh=f"{period} 解决的需求 {len(requests)} 个，{len(met)} 个在解决时限内：100 × {len(met)} / {len(requests)} "
           f"= {shown(value)}",
        en=f"{len(requests)} requests resolved in {period}, {len(met)} within their resolution SLA: "
           f"100 × {len(met)} / {len(requests)} = {shown(value)}"))


@dataclass(frozen=True, slots=True)
class RaisedRequest:
    """A non-cancelled request the frontline employee submitted in the period."""

    id: int
    title: str
    figures: Figures
    resolved: bool
    confirmed_and_rated: bool


def utilisation_actual(requests: Sequence[RaisedRequest], rules: RuleSet, *, period: str) -> Actual:
    """SPEC §4 support utilisation, computed by `domain.support.support_utilisation`; every request listed."""
    value = support_utilisation([SubmittedRequest(late_handoff=r.figures.late_handoff, resolved=r.resolved,
                                                  confirmed_and_rated=r.confirmed_and_rated) for r in requests],
                                rules)
    threshold = shown(Decimal(int(rules.handoff_threshold.total_seconds())) / 3600, 1)
    handoff_weight, confirm_weight = rules.utilisation_handoff_weight, rules.utilisation_confirmation_weight
    if not requests:
        return Actual(value=value, explanation=Text(
            zh=f"{period} 未提交协同需求：按规则计 {_p(value)}",
            en=f"no support requests submitted in {period}: {_p(value)} by rule"))
    records = []
    for r in requests:
        handoff = (f"handed off {_hours(r.figures)} h after the customer report (late: over {threshold} h)"
                   if r.figures.late_handoff else f"handed off within {threshold} h")
        if r.resolved:
            handoff += "; resolved, confirmed and rated" if r.confirmed_and_rated else "; resolved, not confirmed"
        records.append(_request(r, handoff))
    on_time = sum(1 for r in requests if not r.figures.late_handoff)
    resolved = [r for r in requests if r.resolved]
    confirmed = sum(1 for r in resolved if r.confirmed_and_rated)
    confirm_zh = f"{confirmed}/{len(resolved)}" if resolved else "无已解决需求，按 1"
    confirm_en = f"{confirmed}/{len(resolved)}" if resolved else "1 (none resolved yet)"
    return Actual(value=value, records=tuple(records), explanation=Text(
        zh=f"{period} 提交需求 {len(requests)} 个（不含取消）：{threshold} 小时内转交 {on_time}/{len(requests)}，"
           f"已解决中确认并评价 {confirm_zh}：{_p(handoff_weight)} × {on_time}/{len(requests)} + "
           f"{_p(confirm_weight)} × {confirm_zh} = {shown(value)}",
        en=f"{len(requests)} requests submitted in {period} (not cancelled): {on_time}/{len(requests)} handed off "
           f"within {threshold} h, {confirm_en} of the resolved ones confirmed and rated: "
           f"{_p(handoff_weight)} × {on_time}/{len(requests)} + {_p(confirm_weight)} × {confirm_en} = {shown(value)}"))


# --- region metrics through support links ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkedRegion:
    region_id: int
    code: str
    name: str
    weight: Decimal  # the support link's weight (1 for a frontline employee's own region)


def linked_region_actual(regions: Sequence[LinkedRegion], values: Mapping[int, RecordedValue], *, period: str,
                         own_region: bool) -> Actual:
    """Σ link weight × region value / Σ link weight, over the linked regions with a value for the period.

    Each region is named with its weight; a region without a value is listed and left out of both sums."""
    records = []
    numerator = weights = ZERO
    for region in regions:
        found = values.get(region.region_id)
        label = f"{region.name} ({region.code})"
        if found is None:
            records.append(SourceRecord(kind=RecordKind.REGION, id=region.region_id, label=label,
                                        weight=region.weight, note="no value recorded: left out", included=False))
            continue
        numerator += region.weight * found.value
        weights += region.weight
        records.append(SourceRecord(kind=RecordKind.REGION, id=region.region_id, label=label, value=found.value,
                                    weight=region.weight, note=f"measurement #{found.measurement_id}"))
    if not regions:
        return Actual(value=None, explanation=Text(
            zh="没有关联片区：本期无数据" if not own_region else "员工不属于任何片区：本期无数据",
            en="no linked regions: no data this period" if not own_region else
               "the employee belongs to no region: no data this period"))
    if not weights:
        return Actual(value=None, records=tuple(records), explanation=Text(
            zh=f"关联片区 {period} 均未录入数值：本期无数据", en=f"no linked region has a value for {period}"))
    value = numerator / weights
    counted = [r for r in records if r.included]
    terms = " + ".join(f"{_p(r.weight or ZERO)} × {_p(r.value or ZERO)}" for r in counted)
    names = "、".join(f"{r.label} 权重 {_p(r.weight or ZERO)}" for r in counted)
    names_en = ", ".join(f"{r.label} weight {_p(r.weight or ZERO)}" for r in counted)
    if own_region:
        own = counted[0].label
        return Actual(value=value, records=tuple(records), explanation=Text(
            zh=f"所在片区 {own} {period} 的数值：{_p(value)}",
            en=f"their region {own}, value for {period}: {_p(value)}"))
    return Actual(value=value, records=tuple(records), explanation=Text(
        zh=f"按支撑关联权重加权（{names}）：({terms}) / {_p(weights)} = {shown(value)}",
        en=f"weighted by support link ({names_en}): ({terms}) / {_p(weights)} = {shown(value)}"))


# --- projects ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClosedProject:
    id: int
    name: str
    attainment: Decimal  # A in [0, 1], frozen at close (SPEC §3)


def project_actual(projects: Sequence[ClosedProject], *, period: str) -> Actual:
    """Mean goal attainment (× 100) of the projects they were a member of that closed in the period."""
    if not projects:
        return Actual(value=None, explanation=Text(zh=f"{period} 没有结项的参与项目：本期无数据",
                                                   en=f"no project they worked on closed in {period}"))
    records = tuple(SourceRecord(kind=RecordKind.PROJECT, id=p.id, label=p.name, value=p.attainment * HUNDRED,
                                 note=f"attainment A = {shown(p.attainment, 4)}") for p in projects)
    total = sum((p.attainment * HUNDRED for p in projects), ZERO)
    value = total / len(projects)
    return Actual(value=value, records=records, explanation=Text(
        zh=f"{period} 结项的参与项目 {len(projects)} 个，目标达成率 × 100 的平均值 = {shown(value)}",
        en=f"{len(projects)} projects they worked on closed in {period}: mean attainment × 100 = {shown(value)}"))
