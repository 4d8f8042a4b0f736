"""Performance reads: indicators and schemes (open to every employee), scorecards (own, department, all),
department rankings and distributions, calibration, appeals, measurements, periods and guides."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import strawberry
from graphql import GraphQLError

from backend.domain import performance as rules
from backend.domain.org import DepartmentKind, Role, clean_code
from backend.domain.performance import assessment_period
from backend.domain.performance_calibration import AppealStatus
from backend.graphql.context import Info
from backend.graphql.ids import decode_id, encode_id
from backend.graphql.org.types import DepartmentType, EmployeeType
from backend.graphql.performance.types import (
    AppealStatusEnum,
    AppealType,
    CoefficientBandType,
    DepartmentCalibration,
    DepartmentScorecards,
    DistributionGuide,
    GuideBand,
    IndicatorType,
    MeasurementType,
    PerformanceCalibration,
    PeriodType,
    RankedScorecard,
    SchemeLineType,
    SchemeType,
    ScorecardType,
    ScoreDistribution,
)
from backend.graphql.permissions import IsAuthenticated
from backend.persistence import models as m
from backend.services import calibration, scorecards
from backend.services.appeals import list_appeals
from backend.services.org import employee_rows
from backend.services.performance import ANY, guide_lines, rules_in_force
from backend.services.scorecards import EmployeeScorecard

MAX_MEASUREMENTS = 500


class CanReadRules(IsAuthenticated):
    message = "Indicators and schemes are open to every employee and to partners with read:performance."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:  # type: ignore[override]
        return rules.can_read_rules(info.context.viewer)


class CanReadAllScorecards(IsAuthenticated):
    message = "This is for HR and partners with read:performance."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:  # type: ignore[override]
        return rules.can_read_all_scorecards(info.context.viewer)


async def employees_by_id(ids: list[int]) -> dict[int, EmployeeType]:
    """Current directory rows for a page of scorecards, in one query."""
    return {node.employee_pk: node for node in EmployeeType.from_rows(await employee_rows(ids))} if ids else {}


async def scorecard_types(cards: list[EmployeeScorecard]) -> list[ScorecardType]:
    people = await employees_by_id([card.person.id for card in cards])
    return [ScorecardType.of(card, people.get(card.person.id)) for card in cards]


async def scheme_types(versions: list[m.SchemeVersion]) -> list[SchemeType]:
    """Versions with their scheme, department and lines in three queries."""
    if not versions:
        return []
    schemes = {s.id: s for s in await m.Scheme.filter(id__in=list({v.scheme_id for v in versions}))}
    departments = {d.id: d for d in await m.Department.filter(
        id__in=[s.department_id for s in schemes.values() if s.department_id is not None])}
    lines: dict[int, list[SchemeLineType]] = defaultdict(list)
    for line in await m.SchemeLine.filter(version_id__in=[v.id for v in versions]).order_by("version_id",
                                                                                            "position") \
            .prefetch_related("indicator"):
        lines[line.version_id].append(SchemeLineType(indicator=IndicatorType.from_model(line.indicator),
                                                     weight=_plain(line.weight), target=_plain(line.target)))
    result = []
    for version in versions:
        scheme = schemes[version.scheme_id]
        department = departments.get(scheme.department_id) if scheme.department_id else None
        result.append(SchemeType(
            id=encode_id("PerformanceScheme", version.id), scheme_id=encode_id("PerformanceSchemeScope", scheme.id),
            version=version.version, effective_from=version.effective_from, name=scheme.name,
            department=DepartmentType.from_model(department) if department else None, position=scheme.position,
            kind=DepartmentKind(scheme.kind), rule_version=version.rule_version, note=version.note,
            published_at=version.published_at, published_by=version.published_by, lines=lines[version.id]))
    return result


def _plain(value: Any) -> Decimal:
    number = Decimal(value)
    return number.normalize() if number == number.to_integral_value() else number


async def _department(code: str) -> m.Department:
    department = await m.Department.filter(code=clean_code(code, field="departmentCode")).first()
    if department is None:
        raise GraphQLError(f"no department with code {code!r}")
    return department


@strawberry.type
class PerformanceQuery:
    @strawberry.field(permission_classes=[CanReadRules], description="Every indicator, by code.")
    async def indicators(self, info: Info) -> list[IndicatorType]:
        return [IndicatorType.from_model(row) for row in await m.Indicator.all().order_by("code")]

    @strawberry.field(permission_classes=[CanReadRules],
                      description="Published schemes: each scope's latest version, or every version with history.")
    async def performance_schemes(self, info: Info, department_code: str | None = None,
                                  history: bool = False) -> list[SchemeType]:
        query = m.SchemeVersion.all()
        if department_code:
            query = query.filter(scheme__department_id=(await _department(department_code)).id)
        versions = list(await query.order_by("scheme_id", "-version"))
        if not history:
            latest: dict[int, m.SchemeVersion] = {}
            for version in versions:  # newest first within each scheme
                latest.setdefault(version.scheme_id, version)
            versions = list(latest.values())
        return await scheme_types(versions)

    @strawberry.field(permission_classes=[CanReadRules],
                      description="The scheme version that applies to an employee (default: you) in a period.")
    async def performance_scheme(self, info: Info, period: str,
                                 employee_id: strawberry.ID | None = None) -> SchemeType | None:
        pk = decode_id("Employee", employee_id, field="employeeId") if employee_id else info.context.viewer.employee_id
        if pk is None:
            raise GraphQLError("employeeId is required for a partner token")
        card = await scorecards.scorecard(pk, period, zone=info.context.settings.timezone)
        if card is None or card.scheme is None:
            return None
        version = await m.SchemeVersion.get_or_none(id=card.scheme.version_id)
        return (await scheme_types([version]))[0] if version else None

    @strawberry.field(permission_classes=[IsAuthenticated],
                      description="An employee's scorecard: visible to them, their department's managers, HR and "
                                  "read:performance partners. null when they were not employed in the period.")
    async def scorecard(self, info: Info, employee_id: strawberry.ID, period: str) -> ScorecardType | None:
        pk = decode_id("Employee", employee_id, field="employeeId")
        viewer = info.context.viewer
        refusal = GraphQLError("You may see your own scorecard; managers their department's; HR everyone's.")
        # Refuse before computing anything, so a refusal says nothing about the person's employment.
        if not (viewer.employee_id == pk or rules.can_read_all_scorecards(viewer) or viewer.has_role(Role.MANAGER)):
            raise refusal
        card = await scorecards.scorecard(pk, period, zone=info.context.settings.timezone)
        if card is None:
            return None
        if not rules.can_read_scorecard(viewer, employee_id=pk, department_id=card.person.department_id):
            raise refusal
        return (await scorecard_types([card]))[0]

    @strawberry.field(permission_classes=[IsAuthenticated],
                      description="A department's members in a period, ranked, with the score distribution "
                                  "against its guide (managers of the department, HR, read:performance).")
    async def department_scorecards(self, info: Info, department_code: str, period: str) -> DepartmentScorecards:
        department = await _department(department_code)
        if not rules.can_read_department(info.context.viewer, department.id):
            raise GraphQLError("Department scorecards are for its managers, HR and read:performance partners.")
        view = await calibration.department_scorecards(department_code=department.code, period=period,
                                                       zone=info.context.settings.timezone)
        cards = await scorecard_types([row.card for row in view.rows])
        return DepartmentScorecards(
            department=DepartmentType.from_model(department), period=view.period, frozen=view.frozen,
            members=[RankedScorecard(rank=row.rank, scorecard=card) for row, card in zip(view.rows, cards,
                                                                                          strict=True)],
            distribution=ScoreDistribution.of(view.distribution, view.guide_is_default))

    @strawberry.field(permission_classes=[CanReadAllScorecards],
                      description="Every department's distribution against its guide, for calibration.")
    async def performance_calibration(self, info: Info, period: str) -> PerformanceCalibration:
        views = await calibration.calibration(period=period, zone=info.context.settings.timezone)
        departments = [DepartmentCalibration(
            department=DepartmentType.of(v.department_id, v.department_code, v.department_name, v.kind),
            distribution=ScoreDistribution.of(v.distribution, v.guide_is_default)) for v in views]
        return PerformanceCalibration(period=period, departments=departments,
                                          outside_guide=[d for d in departments if d.distribution.outside_guide])

    @strawberry.field(permission_classes=[IsAuthenticated],
                      description="Appeals: HR sees the whole queue, managers their department's, everyone their own.")
    async def performance_appeals(self, info: Info, period: str | None = None,
                                  status: AppealStatusEnum | None = None,  # type: ignore[valid-type]
                                  first: int = 100) -> list[AppealType]:
        rows = await list_appeals(viewer=info.context.viewer, period=period,
                                  status=AppealStatus(status.value) if status else None, first=first)
        people = await employees_by_id(list({row.employee_id for row in rows}))
        return [AppealType.from_model(row, row.indicator, people.get(row.employee_id)) for row in rows]

    @strawberry.field(permission_classes=[CanReadAllScorecards],
                      description=f"Recorded values of a period, by id (first ≤ {MAX_MEASUREMENTS}).")
    async def performance_measurements(self, info: Info, period: str, indicator_code: str | None = None,
                                       first: int = 100, after: str | None = None) -> list[MeasurementType]:
        if not 1 <= first <= MAX_MEASUREMENTS:
            raise GraphQLError(f"first must be between 1 and {MAX_MEASUREMENTS}")
        query = m.Measurement.filter(period=assessment_period(period))
        if indicator_code:
            query = query.filter(indicator__code=clean_code(indicator_code, field="indicatorCode"))
        if after:
            query = query.filter(id__gt=decode_id("PerformanceMeasurement", after, field="after"))
        rows = await query.order_by("id").limit(first).prefetch_related("indicator")
        return [MeasurementType.from_model(row, row.indicator.code) for row in rows]

    @strawberry.field(permission_classes=[CanReadRules],
                      description="The rule set's coefficient bands in force, highest first, and its score cap.")
    async def performance_score_bands(self, info: Info) -> list[CoefficientBandType]:
        ruleset = await rules_in_force()
        return [CoefficientBandType(min_score=b.min_score, coefficient=b.coefficient)
                for b in ruleset.performance_coefficient_bands]

    @strawberry.field(permission_classes=[CanReadRules], description="Periods opened or locked, newest first.")
    async def performance_periods(self, info: Info) -> list[PeriodType]:
        return [PeriodType.from_model(row) for row in await calibration.periods()]

    @strawberry.field(permission_classes=[CanReadRules],
                      description="Distribution guides: the default (department null) and each department's own.")
    async def distribution_guides(self, info: Info) -> list[DistributionGuide]:
        rows = await m.DistributionGuide.all().order_by("scope_key", "-min_score")
        by_scope: dict[str, list[m.DistributionGuide]] = defaultdict(list)
        for row in rows:
            by_scope[row.scope_key].append(row)
        departments = {str(d.id): d for d in await m.Department.filter(
            id__in=[int(s) for s in by_scope if s != ANY])}
        return [DistributionGuide(
            department=None if scope == ANY else DepartmentType.from_model(departments[scope]),
            bands=[GuideBand(min_score=g.min_score, max_share=g.max_share, min_share=g.min_share)
                   for g in guide_lines(items)]) for scope, items in by_scope.items()]

