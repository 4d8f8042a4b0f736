"""Measurement import: every problem as HR sees it — its line, column letter, header, cell and the message in
both languages — so the file can be fixed without guessing; the limits (rows, value range, % fractions, notes)
at their edges; and what the file itself says (its codes, whether it has notes)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backend.domain.performance_import import (
    MAX_NOTE,
    Cell,
    Column,
    Plan,
    ProblemCode,
    cell_text,
    clean_period_text,
    parse_value,
    plan_import,
    read_table,
)
from tests.unit.test_performance_import import LOOKUPS

P = ProblemCode


def plan(rows: list[list[Cell]], expected: str | None = None) -> Plan:
    return plan_import(read_table(rows), LOOKUPS, expected_period=expected)


def seen(problems: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [(p.line, p.column, p.header, p.value, p.code, p.message.en, p.message.zh) for p in problems]


def test_header_problems_name_their_column() -> None:
    # A blank header cell is skipped (the columns after it still count); a repeated one is refused.
    result = plan([["工号", None, "指标", "值", "颜色", "工号"]])
    assert seen(result.problems) == [
        (1, "F", "工号", "工号", P.DUPLICATE_COLUMN, "“工号” repeats column A", "“工号”与第 A 列重复"),
        (1, None, None, None, P.MISSING_COLUMN, "line 1 (header) has no “period” column", "第 1 行（表头）缺少“期间”列")]
    assert seen(result.warnings) == [
        (1, "E", "颜色", "颜色", P.UNKNOWN_COLUMN, "column “颜色” is not recognised and is ignored", "无法识别的列“颜色”，已忽略")]


def test_missing_columns_are_named_in_both_languages() -> None:
    assert [(p.message.en, p.message.zh) for p in plan([[None], ["备注"]]).problems] == [
        ("line 2 (header) has no “indicator code” column", "第 2 行（表头）缺少“指标编码”列"),
        ("line 2 (header) has no “value” column", "第 2 行（表头）缺少“数值”列"),
        ("line 2 (header) has no “period” column", "第 2 行（表头）缺少“期间”列"),
        ("line 2 (header) has no “employee no, department or region” column", "第 2 行（表头）缺少“工号、部门或片区”列")]


def test_an_import_for_one_period_needs_no_period_column() -> None:
    result = plan([["工号", "指标", "值"], ["F0001", "VISITS", 3]], expected="2026-11")
    assert result.valid and [(r.period, r.value) for r in result.rows] == [("2026-11", Decimal(3))]


def test_every_bad_cell_is_reported_where_it_is() -> None:
    result = plan([["工号", "指标", "期间", "值", "备注", "片区"],
                   ["F0001", None, "2026-11", 1, None, None],
                   ["F0001", "VISITS", "11/2026", "1e9", None],
                   ["F0001", "VISITS", "2026-11", "0.00001"],
                   ["F0001", "VISITS", "2026-11", "abc"],
                   ["F0001", "VISITS", "2026-10", "5", "x" * (MAX_NOTE + 1)],
                   ["F0001", "RETENTION", "2026-11", "5"],
                   [None, "VISITS", "2026-11", "5", None, "R9"]])
    assert not result.valid and result.rows == [] and result.notes_given
    assert seen(result.problems) == [
        (2, "B", "指标", None, P.UNKNOWN_INDICATOR, "line 2: the indicator code is missing", "第 2 行：缺少指标编码"),
        (3, "C", "期间", "11/2026", P.WRONG_PERIOD, "line 3: a period is written YYYY-MM, e.g. 2026-11",
         "第 3 行：期间应写作 YYYY-MM，例如 2026-11"),
        (3, "D", "值", "1e9", P.OUT_OF_RANGE, "line 3: the value is out of range or has more than 4 decimal places",
         "第 3 行：数值超出范围或小数超过 4 位"),
        (4, "D", "值", "0.00001", P.OUT_OF_RANGE,
         "line 4: the value is out of range or has more than 4 decimal places", "第 4 行：数值超出范围或小数超过 4 位"),
        (5, "D", "值", "abc", P.NOT_NUMERIC, "line 5: “abc” is not a number", "第 5 行：“abc”不是数字"),
        (5, "B", "指标", "VISITS", P.DUPLICATE, "line 5: repeats line 4 (same indicator, subject and period)",
         "第 5 行：与第 4 行重复（同一指标、对象和期间）"),
        (6, "E", "备注", "x" * (MAX_NOTE + 1), P.NOTE_INVALID, "line 6: note must be at most 500 characters",
         "第 6 行：备注无效（过长或含控制字符）"),
        (7, "F", "片区", None, P.WRONG_SUBJECT,
         "line 7: RETENTION is a region metric: give a region, not an employee or department",
         "第 7 行：RETENTION 是片区指标，须按片区录入"),
        (8, "F", "片区", "R9", P.UNKNOWN_REGION, "line 8: no region has the code “R9”", "第 8 行：没有编码为“R9”的片区")]


def test_subject_and_period_problems_are_reported_where_they_are() -> None:
    result = plan([["部门", "指标", "期间", "值"], ["NOPE", "VISITS", "2026-11", 3], ["MKT", "VISITS", None, 3],
                   ["MKT", "VISITS", "2026-09", 3], ["MKT", "VISITS", "2026-12", 3]])
    assert seen(result.problems) == [
        (2, "A", "部门", "NOPE", P.UNKNOWN_DEPARTMENT, "line 2: no department has the code “NOPE”",
         "第 2 行：没有编码为“NOPE”的部门"),
        (3, "C", "期间", None, P.WRONG_PERIOD, "line 3: the period is missing", "第 3 行：缺少期间"),
        (4, "C", "期间", "2026-09", P.PERIOD_LOCKED, "line 4: 2026-09 is locked: its scores are final",
         "第 4 行：2026-09 的考核已锁定，不能再录入"),
        (5, "C", "期间", "2026-12", P.WRONG_PERIOD, "line 5: 2026-12 has not started yet", "第 5 行：2026-12 尚未开始")]


def test_an_empty_period_cell_takes_the_period_of_the_import() -> None:
    result = plan([["部门", "指标", "期间", "值"], ["MKT", "VISITS", None, 3]], expected="2026-11")
    assert result.valid and result.rows[0].period == "2026-11"


def test_two_subjects_on_a_row_are_refused_at_the_second() -> None:
    result = plan([["工号", "指标", "期间", "值", "片区"], ["F0001", "VISITS", "2026-11", 3, "R1"]])
    assert seen(result.problems) == [
        (2, "E", "片区", "R1", P.WRONG_SUBJECT, "line 2: give exactly one of employee no, department and region",
         "第 2 行：工号、部门、片区须且只须填写一项")]


def test_warnings_name_their_column_and_the_percent_meant() -> None:
    result = plan([["工号", "姓名", "指标", "期间", "值"], ["F0001", "张三", "ONTIME", "2026-11", 0.95]])
    assert seen(result.warnings) == [
        (2, "B", "姓名", "张三", P.NAME_MISMATCH, "line 2: employee F0001 is “李娜”, not “张三”",
         "第 2 行：工号 F0001 的员工是“李娜”，不是“张三”"),
        (2, "E", "值", "0.95", P.LOOKS_LIKE_FRACTION,
         "line 2: ONTIME is in % (0–100) and 0.95 looks like a fraction; for 95 % write 95",
         "第 2 行：ONTIME 以 % 计（0–100），0.95 像是小数比例；如指 95%，请填写 95")]


@pytest.mark.parametrize(("value", "warned"), [(0, False), ("0.0001", True), (1, True), ("1.5", False), (95, False)])
def test_only_a_value_in_0_to_1_looks_like_a_fraction_of_a_percent(value: Cell, warned: bool) -> None:
    result = plan([["工号", "指标", "期间", "值"], ["F0001", "ONTIME", "2026-11", value]])
    assert result.valid and [w.code for w in result.warnings] == ([P.LOOKS_LIKE_FRACTION] if warned else [])


@pytest.mark.parametrize(("value", "accepted"), [
    ("999999999.9999", True), ("-999999999.9999", True), ("1000000000", False), ("-1000000000", False),
    ("0.0001", True), ("0.00001", False)])
def test_values_are_below_a_billion_with_at_most_4_places(value: str, accepted: bool) -> None:
    result = plan([["工号", "指标", "期间", "值"], ["F0001", "VISITS", "2026-11", value]])
    assert [p.code for p in result.problems] == ([] if accepted else [P.OUT_OF_RANGE])


def test_a_row_shorter_than_the_header_misses_its_last_cells() -> None:
    result = plan([["工号", "指标", "期间", "值"], ["F0001", "VISITS", "2026-11"]])
    assert [(p.column, p.code) for p in result.problems] == [("D", P.MISSING_VALUE)]
    assert result.problems[0].message.en == "line 2: the value is missing"
    assert result.problems[0].message.zh == "第 2 行：缺少数值"


def test_a_long_note_is_kept_and_a_file_with_notes_says_so() -> None:
    result = plan([["工号", "指标", "期间", "值", "备注"], ["F0001", "VISITS", "2026-11", 3, "说" * MAX_NOTE]])
    assert result.valid and result.notes_given and result.rows[0].note == "说" * MAX_NOTE
    assert not plan([["工号", "指标", "期间", "值"], ["F0001", "VISITS", "2026-11", 3]]).notes_given


def test_too_many_rows_are_refused_before_any_row_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("backend.domain.performance_import.MAX_ROWS", 2)
    header: list[Cell] = ["工号", "指标", "期间", "值"]
    assert plan([header, ["F0001", "VISITS", "2026-11", 1], ["F0002", "VISITS", "2026-11", 1]]).valid
    result = plan([header] + [["F0001", "NOPE", "2026-11", 1]] * 3)
    assert seen(result.problems) == [(1, None, None, "3", P.TOO_MANY_ROWS, "at most 2 rows per import; the file has 3",
                                      "一次最多导入 2 行，文件有 3 行")]
    assert result.data_rows == 3


def test_an_empty_file_is_reported_on_line_1() -> None:
    result = plan([])
    assert seen(result.problems) == [(1, None, None, None, P.EMPTY_FILE, "the file has no rows", "文件没有内容")]
    assert result.data_rows == 0


def test_the_codes_a_file_names_are_read_per_column() -> None:
    table = read_table([["工号", "指标", "值"], ["F0001", " VISITS ", 1], [None, "ONTIME"], ["F0002"], [42.0, "VISITS"]])
    assert table.column_values(Column.EMPLOYEE) == {"F0001", "F0002", "42"}
    assert table.column_values(Column.INDICATOR) == {"VISITS", "ONTIME"}
    assert table.column_values(Column.REGION) == set()
    assert read_table([]).column_values(Column.EMPLOYEE) == set()


@pytest.mark.parametrize(("cell", "text"), [
    (True, "TRUE"), (False, "FALSE"), (42.0, "42"), (0.1, "0.1"), (-3.0, "-3"), (date(2026, 11, 1), "2026-11-01"),
    ("  ", None), (None, None)])
def test_cells_read_as_text(cell: Cell, text: str | None) -> None:
    assert cell_text(cell) == text


@pytest.mark.parametrize("cell", [float("nan"), float("inf"), float("-inf")])
def test_a_float_that_is_not_a_number_is_not_a_value(cell: float) -> None:
    assert parse_value(cell) is None


@pytest.mark.parametrize(("text", "period"), [("2000-01", "2000-01"), ("2099-12", "2099-12"), ("1999-12", None),
                                              ("2100-01", None)])
def test_periods_within_the_plausible_years(text: str, period: str | None) -> None:
    assert clean_period_text(text) == period
