"""Performance assessment policy: who reads rules and scorecards, assessment periods, indicators, what may be
recorded, and every refusal's message and field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.access import SYSTEM, Scope, Viewer, ViewerKind
from backend.domain.errors import ValidationError
from backend.domain.org import DepartmentKind, Role
from backend.domain.performance import (
    MAX_LINES,
    Direction,
    Indicator,
    SchemeLine,
    Source,
    SubjectKind,
    assessment_period,
    can_read_all_scorecards,
    can_read_department,
    can_read_rules,
    can_read_scorecard,
    check_scheme,
    check_subject,
    clean_indicator,
    indicator_score,
)
from backend.domain.rules import DEFAULT_RULES


def employee(employee_id: int, department_id: int, *roles: Role) -> Viewer:
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee_id, department_id=department_id,
                  roles=frozenset(roles or (Role.STAFF,)))


PERFORMANCE_PARTNER = Viewer(kind=ViewerKind.PARTNER, token_id=1, scopes=frozenset({Scope.READ_PERFORMANCE}))
OTHER_PARTNER = Viewer(kind=ViewerKind.PARTNER, token_id=2, scopes=frozenset({Scope.READ_PAYROLL}))
ANONYMOUS = Viewer(kind=ViewerKind.ANONYMOUS)


def test_who_reads_rules_departments_and_scorecards() -> None:
    staff, manager, other_manager, hr = (employee(1, 10), employee(2, 10, Role.MANAGER),
                                         employee(3, 20, Role.MANAGER), employee(4, 30, Role.HR))
    assert [can_read_rules(v) for v in (staff, SYSTEM, PERFORMANCE_PARTNER, OTHER_PARTNER, ANONYMOUS)] == [
        True, True, True, False, False]
    assert [can_read_all_scorecards(v) for v in (hr, SYSTEM, PERFORMANCE_PARTNER, manager, OTHER_PARTNER)] == [
        True, True, True, False, False]
    assert [can_read_department(v, 10) for v in (manager, other_manager, staff, hr, PERFORMANCE_PARTNER)] == [
        True, False, False, True, True]
    assert [can_read_scorecard(v, employee_id=1, department_id=10) for v in (
        staff, employee(5, 10), manager, other_manager, hr, OTHER_PARTNER)] == [True, False, True, False, True, False]


def test_assessment_periods_are_plausible_months() -> None:
    assert [assessment_period(p) for p in ("2000-01", "2099-12")] == ["2000-01", "2099-12"]
    for period, field in (("1999-12", "period"), ("2100-01", "from")):
        with pytest.raises(ValidationError) as refused:
            assessment_period(period, field=field)
        assert (refused.value.message, refused.value.field) == (
            f"{field} must be a month between 2000-01 and 2099-12", field)
    with pytest.raises(ValidationError) as refused:
        assessment_period("2026-13")
    assert refused.value.field == "period"


def test_an_indicator_is_cleaned_field_by_field() -> None:
    indicator = clean_indicator(code=" kpi-1 ", name_zh=" 客户留存率 ", name_en=" Retention ", unit=" % ",
                                direction=Direction.LOWER, source=Source.LINKED_REGION)
    assert indicator == Indicator(code="KPI-1", name_zh="客户留存率", name_en="Retention", unit="%",
                                  direction=Direction.LOWER, source=Source.LINKED_REGION)
    assert clean_indicator(code="k", name_zh="指标", name_en="KPI", unit=" ", direction=Direction.HIGHER,
                           source=Source.MANUAL).unit == ""
    assert len(clean_indicator(code="k", name_zh="x", name_en="x", unit="u" * 16, direction=Direction.HIGHER,
                               source=Source.MANUAL).unit) == 16
    for changes, expected in (
            ({"code": "a b"}, ("code must be 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit",
                               "code")),
            ({"name_zh": " "}, ("nameZh must not be empty", "nameZh")),
            ({"name_en": " "}, ("nameEn must not be empty", "nameEn")),
            ({"unit": "u" * 17}, ("unit must be at most 16 characters", "unit"))):
        values: dict[str, Any] = {"code": "k", "name_zh": "x", "name_en": "x", "unit": "", "direction": Direction.HIGHER,
                                  "source": Source.MANUAL, **changes}
        with pytest.raises(ValidationError) as refused:
            clean_indicator(**values)
        assert (refused.value.message, refused.value.field) == expected


def _indicator(code: str, source: Source) -> Indicator:
    return Indicator(code=code, name_zh=code, name_en=code, unit="", direction=Direction.HIGHER, source=source)


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: check_subject(_indicator("SAT", Source.SUPPORT_SATISFACTION), SubjectKind.EMPLOYEE),
     ("SAT is computed from support requests; its values cannot be recorded", "indicatorCode")),
    (lambda: check_subject(_indicator("PRJ", Source.PROJECT_ATTAINMENT), SubjectKind.EMPLOYEE),
     ("PRJ is computed from projects; its values cannot be recorded", "indicatorCode")),
    (lambda: check_subject(_indicator("RET", Source.LINKED_REGION), SubjectKind.DEPARTMENT),
     ("RET is a region metric: record it for a region", "regionCode")),
    (lambda: check_scheme([], kind=DepartmentKind.BACKEND, rules=DEFAULT_RULES),
     ("a scheme needs at least one indicator", "lines")),
    (lambda: check_scheme([SchemeLine(_indicator(f"K{i}", Source.MANUAL), Decimal(5), Decimal(1))
                           for i in range(MAX_LINES + 1)], kind=DepartmentKind.BACKEND, rules=DEFAULT_RULES),
     (f"a scheme has at most {MAX_LINES} indicators", "lines")),
    (lambda: check_scheme([SchemeLine(_indicator("K", Source.MANUAL), Decimal(50), Decimal(1)),
                           SchemeLine(_indicator("SAT", Source.SUPPORT_SATISFACTION), Decimal(25), Decimal(1))],
                          kind=DepartmentKind.BACKEND, rules=DEFAULT_RULES),
     ("the weights sum to 75; they must sum to 100", "lines")),
    (lambda: indicator_score(Decimal(1), Decimal(0), Direction.HIGHER, DEFAULT_RULES),
     ("a target must be positive", "target")),
])
def test_refusals_name_the_rule_and_the_field(call: Callable[[], Any], expected: tuple[str, str]) -> None:
    with pytest.raises(ValidationError) as refused:
        call()
    assert (refused.value.message, refused.value.field) == expected


def test_schemes_at_their_edges_and_the_guardrail_named_in_full() -> None:
    twenty = [SchemeLine(_indicator("SAT", Source.SUPPORT_SATISFACTION), Decimal(20), Decimal(90))] + [
        SchemeLine(_indicator(f"K{i}", Source.MANUAL), Decimal(80) / 19, Decimal(1)) for i in range(19)]
    twenty[-1] = SchemeLine(twenty[-1].indicator, Decimal(100) - sum(line.weight for line in twenty[:-1]),
                            Decimal(1))
    with pytest.raises(ValidationError):  # 80/19 has more than 2 decimal places
        check_scheme(twenty, kind=DepartmentKind.BACKEND, rules=DEFAULT_RULES)
    exact = [SchemeLine(_indicator("SAT", Source.SUPPORT_SATISFACTION), Decimal(24), Decimal(90))] + [
        SchemeLine(_indicator(f"K{i}", Source.MANUAL), Decimal(4), Decimal(1)) for i in range(MAX_LINES - 1)]
    assert len(check_scheme(exact, kind=DepartmentKind.BACKEND, rules=DEFAULT_RULES)) == MAX_LINES
    for kind, lines, message, field in (
            (DepartmentKind.BACKEND, [SchemeLine(_indicator("K", Source.MANUAL), Decimal(100), Decimal(1))],
             "guardrail: backend schemes give frontline satisfaction (SUPPORT_SATISFACTION) a weight in [20, 30] "
             "(rule set 1); this scheme has no such indicator", "lines"),
            (DepartmentKind.FRONTLINE, [SchemeLine(_indicator("K", Source.MANUAL), Decimal(90), Decimal(1)),
                                        SchemeLine(_indicator("U", Source.SUPPORT_UTILISATION), Decimal(10),
                                                   Decimal(1))],
             "guardrail: frontline schemes give support utilisation (SUPPORT_UTILISATION) a weight in [15, 20] "
             "(rule set 1); this scheme gives 10", "lines.1.weight")):
        with pytest.raises(ValidationError) as refused:
            check_scheme(lines, kind=kind, rules=DEFAULT_RULES)
        assert (refused.value.message, refused.value.field) == (message, field)


def test_scores_at_their_edges() -> None:
    assert indicator_score(Decimal(0), Decimal(1), Direction.HIGHER, DEFAULT_RULES).value == 0
    negative = indicator_score(Decimal(-1), Decimal(1), Direction.HIGHER, DEFAULT_RULES)
    assert (negative.value, negative.capped, negative.formula) == (Decimal(0), False, "max(0, min(120, 100 × -1 / 1))")
    assert negative.note is not None and negative.note.en == "a negative actual scores 0"
    assert negative.note.zh == "实际值为负，得分按 0 计"
    assert indicator_score(Decimal("0.5"), Decimal("0.5"), Direction.LOWER, DEFAULT_RULES).value == 100
    assert indicator_score(Decimal(1), Decimal("0.01"), Direction.HIGHER, DEFAULT_RULES).value == 120
