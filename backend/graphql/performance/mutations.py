"""Performance mutations: indicators, schemes, measurements and their import, appeals, guides, period locks.
Each runs one use case in one unit of work; a broken rule is an OperationError naming the input at fault."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from backend.domain import performance as rules
from backend.domain.errors import ErrorCode
from backend.domain.org import DepartmentKind, clean_code
from backend.domain.performance_calibration import GuideLine
from backend.domain.performance_import import Problem
from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.ids import decode_id, encode_id
from backend.graphql.org.types import DepartmentKindEnum, DepartmentType
from backend.graphql.performance.queries import employees_by_id, scheme_types
from backend.graphql.performance.types import (
    AppealType,
    DirectionEnum,
    DistributionGuide,
    GuideBand,
    IndicatorType,
    MeasurementType,
    PerformanceText,
    PeriodType,
    SchemeType,
    SourceEnum,
)
from backend.graphql.permissions import IsEmployee, IsHR, MutationGuard
from backend.graphql.run import checked, run_use_case
from backend.graphql.scalars import DecimalNumber
from backend.persistence import models as m
from backend.services import appeals, calibration, measurements, performance
from backend.services.measurements import ImportReport


@strawberry.input
class DefineIndicatorInput:
    code: str
    name_zh: str
    name_en: str
    unit: str = strawberry.field(description='e.g. "%", "天", "次"; values are recorded in this unit')
    direction: DirectionEnum  # type: ignore[valid-type]
    source: SourceEnum  # type: ignore[valid-type]


@strawberry.input
class SchemeLineInput:
    indicator_code: str
    weight: DecimalNumber = strawberry.field(description="percentage points, at most 2 decimals; lines sum to 100")  # type: ignore[valid-type]
    target: DecimalNumber  # type: ignore[valid-type]


@strawberry.input
class PublishSchemeInput:
    effective_from: str = strawberry.field(description='"YYYY-MM": in force from this period, after any locked one')
    lines: list[SchemeLineInput]
    department_code: str | None = None
    position: str | None = strawberry.field(default=None, description="a position (within the department)")
    kind: DepartmentKindEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="needed for a position-only scheme (no department)")
    name: str | None = None
    note: str | None = None


@strawberry.input
class RecordMeasurementInput:
    indicator_code: str
    period: str
    value: DecimalNumber  # type: ignore[valid-type]
    employee_id: strawberry.ID | None = None
    department_code: str | None = None
    region_code: str | None = None
    note: str | None = None


@strawberry.input
class AppealScorecardLineInput:
    period: str
    indicator_code: str
    reason: str


@strawberry.input
class DecideAppealInput:
    appeal_id: strawberry.ID
    accept: bool
    response: str = strawberry.field(description="the reason for the decision, shown on the line")
    adjusted_actual: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="accepting: the corrected actual (the score follows from the formula)")
    adjusted_score: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="accepting: the score itself, when no actual can be corrected")


@strawberry.input
class GuideBandInput:
    min_score: DecimalNumber = strawberry.field(description="the band's lower score, e.g. 90 for the top band")  # type: ignore[valid-type]
    max_share: DecimalNumber | None = strawberry.field(default=None, description="e.g. 0.2 for at most 20 %")  # type: ignore[valid-type]
    min_share: DecimalNumber | None = None  # type: ignore[valid-type]


@strawberry.input
class SetDistributionGuideInput:
    department_code: str | None = strawberry.field(default=None, description="null: the organisation's default")
    bands: list[GuideBandInput]


@strawberry.type
class IndicatorSuccess:
    indicator: IndicatorType
    created: bool


@strawberry.type
class PublishSchemeSuccess:
    scheme: SchemeType
    created: bool = strawberry.field(description="false: this exact version was already the latest (a retry)")


@strawberry.type
class MeasurementSuccess:
    measurement: MeasurementType
    changed: bool = strawberry.field(description="false: the same value was already recorded; nothing written")


@strawberry.type
class ImportProblem:
    line: int = strawberry.field(description="the spreadsheet line (the header is line 1 when it is the first row)")
    column: str | None = strawberry.field(description='the column letter, e.g. "C"')
    header: str | None
    value: str | None
    code: str
    message: PerformanceText

    @classmethod
    def of(cls, problem: Problem) -> ImportProblem:
        return cls(line=problem.line, column=problem.column, header=problem.header, value=problem.value,
                   code=problem.code.value, message=PerformanceText.required(problem.message))


@strawberry.type(description="What an import found and did. Any problem means nothing was written.")
class MeasurementImportReport:
    file_name: str
    sha256: str
    format: str
    period: str | None
    dry_run: bool
    rows: int
    valid: bool
    problems: list[ImportProblem]
    warnings: list[ImportProblem]
    created: int
    updated: int
    unchanged: int
    written: bool
    import_id: strawberry.ID | None

    @classmethod
    def of(cls, report: ImportReport) -> MeasurementImportReport:
        return cls(file_name=report.file_name, sha256=report.sha256, format=report.file_format,
                   period=report.period, dry_run=report.dry_run, rows=report.data_rows, valid=report.valid,
                   problems=[ImportProblem.of(p) for p in report.problems],
                   warnings=[ImportProblem.of(p) for p in report.warnings], created=report.created,
                   updated=report.updated, unchanged=report.unchanged, written=report.written,
                   import_id=encode_id("PerformanceImport", report.import_id) if report.import_id else None)


@strawberry.type
class AppealSuccess:
    appeal: AppealType
    created: bool


@strawberry.type
class DistributionGuideSuccess:
    guide: DistributionGuide


@strawberry.type
class PerformancePeriodSuccess:
    period: PeriodType


IndicatorPayload = Annotated[IndicatorSuccess | OperationError, strawberry.union("IndicatorPayload")]
PublishSchemePayload = Annotated[PublishSchemeSuccess | OperationError, strawberry.union("PublishSchemePayload")]
MeasurementPayload = Annotated[MeasurementSuccess | OperationError, strawberry.union("MeasurementPayload")]
ImportMeasurementsPayload = Annotated[MeasurementImportReport | OperationError,
                                      strawberry.union("ImportMeasurementsPayload")]
AppealPayload = Annotated[AppealSuccess | OperationError, strawberry.union("AppealPayload")]
DistributionGuidePayload = Annotated[DistributionGuideSuccess | OperationError,
                                     strawberry.union("DistributionGuidePayload")]
PerformancePeriodPayload = Annotated[PerformancePeriodSuccess | OperationError,
                                     strawberry.union("PerformancePeriodPayload")]

HR = [MutationGuard(IsHR)]
EMPLOYEE = [MutationGuard(IsEmployee)]


async def _appeal(row: m.Appeal, created: bool) -> AppealSuccess:
    indicator = await m.Indicator.get(id=row.indicator_id)
    people = await employees_by_id([row.employee_id])
    return AppealSuccess(appeal=AppealType.from_model(row, indicator, people.get(row.employee_id)), created=created)


@strawberry.type
class PerformanceMutation:
    @strawberry.mutation(extensions=HR, description="Create an indicator, or rename one (HR).")
    async def define_indicator(self, info: Info, input: DefineIndicatorInput) -> IndicatorPayload:
        result = await run_use_case(info.context, performance.define_indicator, data=performance.IndicatorData(
            code=input.code, name_zh=input.name_zh, name_en=input.name_en, unit=input.unit,
            direction=rules.Direction(input.direction.value), source=rules.Source(input.source.value)))
        if isinstance(result, OperationError):
            return result
        row, created = result
        return IndicatorSuccess(indicator=IndicatorType.from_model(row), created=created)

    @strawberry.mutation(extensions=HR, description="Publish a new version of a scheme (HR): weights sum to 100, "
                                                    "guardrails from the rule set, never into a locked period.")
    async def publish_scheme(self, info: Info, input: PublishSchemeInput) -> PublishSchemePayload:
        data = performance.SchemeData(
            effective_from=input.effective_from, department_code=input.department_code, position=input.position,
            kind=None if input.kind is None else DepartmentKind(input.kind.value), name=input.name,
            note=input.note, lines=[performance.LineData(indicator_code=line.indicator_code, weight=line.weight,
                                                         target=line.target) for line in input.lines])
        result = await run_use_case(info.context, performance.publish_scheme, data=data)
        if isinstance(result, OperationError):
            return result
        return PublishSchemeSuccess(scheme=(await scheme_types([result.version]))[0], created=result.created)

    @strawberry.mutation(extensions=EMPLOYEE, description="Record one value (HR; a manager for their department).")
    async def record_measurement(self, info: Info, input: RecordMeasurementInput) -> MeasurementPayload:
        employee = None
        if input.employee_id:
            decoded = checked(lambda: decode_id("Employee", str(input.employee_id), field="employeeId"))
            if isinstance(decoded, OperationError):
                return decoded
            employee = decoded
        result = await run_use_case(info.context, measurements.record_measurement, zone=info.context.settings.timezone,
                                    data=measurements.MeasurementData(
                                        indicator_code=input.indicator_code, period=input.period, value=input.value,
                                        employee_id=employee, department_code=input.department_code,
                                        region_code=input.region_code, note=input.note))
        if isinstance(result, OperationError):
            return result
        indicator = await m.Indicator.get(id=result.measurement.indicator_id)
        return MeasurementSuccess(measurement=MeasurementType.from_model(result.measurement, indicator.code),
                                  changed=result.changed)

    @strawberry.mutation(extensions=HR, description="Import values from an XLSX or CSV file (HR). Every row is "
                                                    "checked first; with dryRun (the default) nothing is written.")
    async def import_measurements(self, info: Info, file: Upload, period: str | None = None,
                                  dry_run: bool = True) -> ImportMeasurementsPayload:
        settings = info.context.settings
        content = await file.read(settings.upload_max_bytes + 1)  # type: ignore[attr-defined]
        if len(content) > settings.upload_max_bytes:
            return OperationError(code=ErrorCode.VALIDATION, field="file",
                                  message=f"a file may be at most {settings.upload_max_bytes // (1024 * 1024)} MB")
        result = await run_use_case(info.context, measurements.import_measurements, content=content,
                                    file_name=getattr(file, "filename", None) or "import", period=period,
                                    dry_run=dry_run, zone=settings.timezone)
        return result if isinstance(result, OperationError) else MeasurementImportReport.of(result)

    @strawberry.mutation(extensions=EMPLOYEE, description="Appeal one line of your own scorecard, with a reason.")
    async def appeal_scorecard_line(self, info: Info, input: AppealScorecardLineInput) -> AppealPayload:
        result = await run_use_case(info.context, appeals.submit_appeal, period=input.period,
                                    indicator_code=input.indicator_code, reason=input.reason,
                                    zone=info.context.settings.timezone)
        if isinstance(result, OperationError):
            return result
        return await _appeal(result.appeal, result.created)

    @strawberry.mutation(extensions=HR, description="Decide an appeal (HR): accept with an adjustment, or reject.")
    async def decide_appeal(self, info: Info, input: DecideAppealInput) -> AppealPayload:
        pk = checked(lambda: decode_id("PerformanceAppeal", str(input.appeal_id), field="appealId"))
        if isinstance(pk, OperationError):
            return pk
        result = await run_use_case(info.context, appeals.decide_appeal, zone=info.context.settings.timezone,
                                    data=appeals.DecisionData(appeal_id=pk, accept=input.accept,
                                                              response=input.response,
                                                              adjusted_actual=input.adjusted_actual,
                                                              adjusted_score=input.adjusted_score))
        if isinstance(result, OperationError):
            return result
        return await _appeal(result, False)

    @strawberry.mutation(extensions=HR, description="Set a department's distribution guide, or the default (HR).")
    async def set_distribution_guide(self, info: Info, input: SetDistributionGuideInput) -> DistributionGuidePayload:
        bands = [GuideLine(min_score=b.min_score, max_share=b.max_share, min_share=b.min_share) for b in input.bands]
        result = await run_use_case(info.context, performance.set_distribution_guide,
                                    department_code=input.department_code, bands=bands)
        if isinstance(result, OperationError):
            return result
        department = None
        if input.department_code:
            found = await m.Department.filter(code=clean_code(input.department_code, field="departmentCode")).first()
            department = DepartmentType.from_model(found) if found else None
        return DistributionGuideSuccess(guide=DistributionGuide(department=department, bands=[
            GuideBand(min_score=Decimal(r.min_score), max_share=r.max_share, min_share=r.min_share) for r in result]))

    @strawberry.mutation(extensions=HR, description="Lock an ended period (HR): every scorecard is frozen as it "
                                                    "stands. Refused while appeals about it are pending.")
    async def lock_performance_period(self, info: Info, period: str) -> PerformancePeriodPayload:
        result = await run_use_case(info.context, calibration.lock_period, period=period,
                                    zone=info.context.settings.timezone)
        return result if isinstance(result, OperationError) else PerformancePeriodSuccess(
            period=PeriodType.from_model(result))

