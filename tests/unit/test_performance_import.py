"""Measurement import validation: Chinese and English headers, every bad row with its line and column."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from backend.domain.performance import Direction, Indicator, Source, SubjectKind
from backend.domain.performance_import import (
    Cell,
    Column,
    Lookups,
    ProblemCode,
    clean_period_text,
    column_letter,
    parse_value,
    plan_import,
    read_table,
    recognise,
)

RETENTION = Indicator("RETENTION", "客户留存率", "Customer retention", "%", Direction.HIGHER, Source.LINKED_REGION)
VISITS = Indicator("VISITS", "客户拜访量", "Customer visits", "次", Direction.HIGHER, Source.MANUAL)
RATE = Indicator("ONTIME", "按时率", "On-time rate", "%", Direction.HIGHER, Source.MANUAL)
SAT = Indicator("SAT", "满意度", "Satisfaction", "分", Direction.HIGHER, Source.SUPPORT_SATISFACTION)
LOOKUPS = Lookups(indicators={i.code: i for i in (RETENTION, VISITS, RATE, SAT)},
                  employees={"F0001": (1, "李娜"), "F0002": (2, "张伟")}, departments={"MKT": 10},
                  regions={"R1": 20, "R2": 21}, locked_periods=frozenset({"2026-09"}), latest_period="2026-11")


@pytest.mark.parametrize(("header", "column"), [
    ("工号", Column.EMPLOYEE), ("Employee No", Column.EMPLOYEE), ("employee_no", Column.EMPLOYEE),
    ("工号 / employee_no", Column.EMPLOYEE), ("指标编码(indicator)", Column.INDICATOR), ("实际值", Column.VALUE),
    ("期间", Column.PERIOD), ("PERIOD", Column.PERIOD), ("片区", Column.REGION), ("备注", Column.NOTE),
    ("部门编码", Column.DEPARTMENT), ("姓名", Column.NAME), ("colour", None),
])
def test_headers_in_chinese_or_english(header: str, column: Column | None) -> None:
    assert recognise(header) is column


@pytest.mark.parametrize(("text", "period"), [
    ("2026-11", "2026-11"), ("2026/11", "2026-11"), ("2026年11月", "2026-11"), ("202611", "2026-11"),
    ("2026.1", "2026-01"), ("2026-13", None), ("11/2026", None), ("0000-01", None),
])
def test_periods_written_the_ways_people_write_them(text: str, period: str | None) -> None:
    assert clean_period_text(text) == period


@pytest.mark.parametrize(("cell", "value"), [
    (92.5, Decimal("92.5")), (0.1, Decimal("0.1")), (88, Decimal(88)), ("1,234.5", Decimal("1234.5")),
    ("95%", Decimal(95)), ("９５", Decimal(95)), ("abc", None), (True, None), ("NaN", None), ("", None),
])
def test_values(cell: Cell, value: Decimal | None) -> None:
    assert parse_value(cell) == value


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701)] == ["A", "Z", "AA", "AB", "ZZ"]


def test_a_good_file_gives_clean_rows() -> None:
    table = read_table([
        ["工号", "姓名", "部门", "片区", "指标编码", "期间", "实际值", "备注"],
        ["F0001", "李娜", None, None, "VISITS", "2026-11", 42.0, "月度拜访"],
        [None, None, None, None, None, None, None, None],
        [None, None, "MKT", None, "VISITS", datetime(2026, 11, 1), "38", None],
        [None, None, None, "R1", "RETENTION", date(2026, 11, 1), 91.2, None],
    ])
    plan = plan_import(table, LOOKUPS, expected_period=None)
    assert plan.valid and plan.data_rows == 3 and not plan.warnings
    assert [(r.line, r.subject, r.subject_id, r.value) for r in plan.rows] == [
        (2, SubjectKind.EMPLOYEE, 1, Decimal(42)), (4, SubjectKind.DEPARTMENT, 10, Decimal(38)),
        (5, SubjectKind.REGION, 20, Decimal("91.2"))]
    assert plan.rows[0].note == "月度拜访"


def test_every_bad_row_is_reported_with_its_line_and_column() -> None:
    table = read_table([
        ["employee_no", "indicator_code", "period", "value"],
        ["F0001", "VISITS", "2026-11", "40"],
        ["F0009", "VISITS", "2026-11", "40"],  # unknown employee
        ["F0002", "NOPE", "2026-11", "40"],  # unknown indicator
        ["F0002", "VISITS", "2026-10", "forty"],  # not numeric (and the period differs from the import's)
        ["F0001", "VISITS", "2026-11", "41"],  # duplicate of line 2
        ["F0002", "SAT", "2026-11", "90"],  # computed indicator
        ["F0002", "RETENTION", "2026-11", "90"],  # region metric given for an employee
        ["F0002", "VISITS", "2026-11", None],  # missing value
    ])
    plan = plan_import(table, LOOKUPS, expected_period="2026-11")
    assert not plan.valid and plan.rows == []
    found = sorted((p.line, p.column, p.code) for p in plan.problems)
    assert found == [
        (3, "A", ProblemCode.UNKNOWN_EMPLOYEE), (4, "B", ProblemCode.UNKNOWN_INDICATOR),
        (5, "C", ProblemCode.WRONG_PERIOD), (5, "D", ProblemCode.NOT_NUMERIC), (6, "B", ProblemCode.DUPLICATE),
        (7, "B", ProblemCode.NOT_RECORDABLE), (8, "B", ProblemCode.WRONG_SUBJECT), (9, "D", ProblemCode.MISSING_VALUE)]
    by_line = {p.line: p for p in plan.problems}
    assert by_line[3].header == "employee_no" and by_line[3].value == "F0009"
    assert by_line[6].message.en == "line 6: repeats line 2 (same indicator, subject and period)"
    assert "第 3 行" in by_line[3].message.zh


def test_locked_and_future_periods_are_refused() -> None:
    table = read_table([["工号", "指标", "期间", "值"], ["F0001", "VISITS", "2026-09", 1],
                        ["F0001", "VISITS", "2026-12", 1], ["F0001", "VISITS", "2026-13", 1]])
    codes = [p.code for p in plan_import(table, LOOKUPS, expected_period=None).problems]
    assert codes == [ProblemCode.PERIOD_LOCKED, ProblemCode.WRONG_PERIOD, ProblemCode.WRONG_PERIOD]


def test_missing_columns_are_reported_on_the_header_line() -> None:
    table = read_table([[None], ["姓名", "值"], ["李娜", 1]])
    problems = plan_import(table, LOOKUPS, expected_period=None).problems
    assert {p.line for p in problems} == {2}
    assert {p.code for p in problems} == {ProblemCode.MISSING_COLUMN}
    assert len(problems) == 3  # indicator, period, subject


def test_subjects_must_be_exactly_one() -> None:
    table = read_table([["工号", "部门", "指标", "期间", "值"], ["F0001", "MKT", "VISITS", "2026-11", 1],
                        [None, None, "VISITS", "2026-11", 1]])
    problems = plan_import(table, LOOKUPS, expected_period=None).problems
    assert [(p.line, p.column, p.code) for p in problems] == [(2, "B", ProblemCode.WRONG_SUBJECT),
                                                               (3, "A", ProblemCode.WRONG_SUBJECT)]


def test_warnings_do_not_block() -> None:
    table = read_table([["工号", "姓名", "指标", "期间", "值", "颜色"], ["F0001", "张三", "ONTIME", "2026-11", 0.95, "红"]])
    plan = plan_import(table, LOOKUPS, expected_period=None)
    assert plan.valid and len(plan.rows) == 1
    assert {w.code for w in plan.warnings} == {ProblemCode.UNKNOWN_COLUMN, ProblemCode.NAME_MISMATCH,
                                               ProblemCode.LOOKS_LIKE_FRACTION}


def test_an_empty_file_is_one_problem() -> None:
    assert [p.code for p in plan_import(read_table([]), LOOKUPS, expected_period=None).problems] == [
        ProblemCode.EMPTY_FILE]
