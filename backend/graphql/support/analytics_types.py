"""bottlenecks(period): statistics per department, department × region and region, with flags and diagnoses."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import strawberry
from strawberry import Private

from backend.domain.analytics import Bottleneck, Diagnosis, DiagnosisKind, GroupStats
from backend.graphql.context import Info
from backend.graphql.org.types import DepartmentType, RegionType
from backend.graphql.scalars import DecimalNumber

DiagnosisKindEnum = strawberry.enum(DiagnosisKind, name="DiagnosisKind")


def _r(value: Decimal | None, places: str = "0.01") -> Decimal | None:
    return None if value is None else value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@strawberry.type(description="Support figures of a group of requests. Rates are fractions (0.25 = 25 %).")
class SupportStats:
    volume: int
    resolved: int
    open_backlog: int
    response_median_minutes: DecimalNumber | None  # type: ignore[valid-type]
    response_p90_minutes: DecimalNumber | None  # type: ignore[valid-type]
    resolution_median_minutes: DecimalNumber | None  # type: ignore[valid-type]
    resolution_p90_minutes: DecimalNumber | None  # type: ignore[valid-type]
    p90_sla_ratio: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="p90 of resolution time (or time open so far) ÷ its SLA limit; above 1 means late")
    breach_rate: DecimalNumber | None  # type: ignore[valid-type]
    mean_satisfaction: DecimalNumber | None  # type: ignore[valid-type]
    late_handoff_rate: DecimalNumber | None  # type: ignore[valid-type]
    start_delay_median_minutes: DecimalNumber | None  # type: ignore[valid-type]
    reopen_rate: DecimalNumber | None  # type: ignore[valid-type]
    staff: int | None
    backlog_per_staff: DecimalNumber | None  # type: ignore[valid-type]

    @classmethod
    def of(cls, s: GroupStats) -> SupportStats:
        return cls(volume=s.volume, resolved=s.resolved, open_backlog=s.open_backlog,
                   response_median_minutes=_r(s.response_median_minutes, "0.1"),
                   response_p90_minutes=_r(s.response_p90_minutes, "0.1"),
                   resolution_median_minutes=_r(s.resolution_median_minutes, "0.1"),
                   resolution_p90_minutes=_r(s.resolution_p90_minutes, "0.1"),
                   p90_sla_ratio=_r(s.p90_sla_ratio, "0.001"), breach_rate=_r(s.breach_rate, "0.0001"),
                   mean_satisfaction=_r(s.mean_satisfaction), late_handoff_rate=_r(s.late_handoff_rate, "0.0001"),
                   start_delay_median_minutes=_r(s.start_delay_median_minutes, "0.1"),
                   reopen_rate=_r(s.reopen_rate, "0.0001"), staff=s.staff, backlog_per_staff=_r(s.backlog_per_staff))


@strawberry.type
class Figure:
    name: str
    value: DecimalNumber  # type: ignore[valid-type]


@strawberry.type(name="Diagnosis")
class DiagnosisType:
    kind: DiagnosisKindEnum  # type: ignore[valid-type]
    message: str
    suggested_staff: int | None
    figures: list[Figure] = strawberry.field(description="The numbers behind the diagnosis.")

    @classmethod
    def of(cls, d: Diagnosis) -> DiagnosisType:
        return cls(kind=d.kind, message=d.message, suggested_staff=d.suggested_staff,
                   figures=[Figure(name=k, value=v) for k, v in d.figures.items()])


async def _department(info: Info, pk: int) -> DepartmentType:
    return DepartmentType.from_model(await info.context.loaders.department_by_id.load(pk))


async def _region(info: Info, pk: int) -> RegionType:
    return RegionType.from_model(await info.context.loaders.region_by_id.load(pk))


@strawberry.type
class DepartmentLoad:
    department_pk: Private[int]
    stats: SupportStats

    @strawberry.field
    async def department(self, info: Info) -> DepartmentType:
        return await _department(info, self.department_pk)


@strawberry.type
class DepartmentRegionLoad:
    department_pk: Private[int]
    region_pk: Private[int]
    stats: SupportStats

    @strawberry.field
    async def department(self, info: Info) -> DepartmentType:
        return await _department(info, self.department_pk)

    @strawberry.field
    async def region(self, info: Info) -> RegionType:
        return await _region(info, self.region_pk)


@strawberry.type(description="A region's requests, whatever department they went to (frontline handoff).")
class RegionLoad:
    region_pk: Private[int]
    stats: SupportStats

    @strawberry.field
    async def region(self, info: Info) -> RegionType:
        return await _region(info, self.region_pk)


@strawberry.type(name="Bottleneck")
class BottleneckType:
    department_pk: Private[int]
    region_pk: Private[int | None]
    reasons: list[str] = strawberry.field(description="Why it is flagged, with the thresholds crossed.")
    diagnoses: list[DiagnosisType]
    stats: SupportStats

    @strawberry.field
    async def department(self, info: Info) -> DepartmentType:
        return await _department(info, self.department_pk)

    @strawberry.field(description="null: the department as a whole")
    async def region(self, info: Info) -> RegionType | None:
        return None if self.region_pk is None else await _region(info, self.region_pk)

    @classmethod
    def of(cls, b: Bottleneck) -> BottleneckType:
        return cls(department_pk=b.department_id, region_pk=b.region_id, reasons=b.reasons,
                   diagnoses=[DiagnosisType.of(d) for d in b.diagnoses], stats=SupportStats.of(b.stats))


@strawberry.type
class BottleneckReport:
    period: str
    as_of: dt.datetime = strawberry.field(description="Requests are judged as of this moment (period end or now).")
    rule_version: str
    departments: list[DepartmentLoad]
    cells: list[DepartmentRegionLoad]
    regions: list[RegionLoad]
    bottlenecks: list[BottleneckType]
