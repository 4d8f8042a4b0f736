"""Measurement import (SPEC §4 MANUAL values): header recognition in Chinese or English and row validation.

Pure: the services read the file (XLSX through python-calamine, CSV through the standard library) into rows of
cells, look up the codes the file names, and hand both here. Every problem is reported with its spreadsheet line
(the header is line 1 when it is the first row) and column letter, so HR can fix the file and try again; a file
with any error writes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import Enum

from backend.domain.errors import DomainError
from backend.domain.org import PERIOD_PATTERN, clean_code, clean_text
from backend.domain.performance import (
    FIRST_YEAR,
    LAST_YEAR,
    RECORDED_SOURCES,
    Indicator,
    SubjectKind,
    Text,
    check_subject,
)

MAX_ROWS = 50_000
MAX_VALUE = Decimal("1000000000")
MAX_NOTE = 500

Cell = str | int | float | bool | date | datetime | time | timedelta | None


class Column(str, Enum):
    EMPLOYEE = "EMPLOYEE"
    DEPARTMENT = "DEPARTMENT"
    REGION = "REGION"
    INDICATOR = "INDICATOR"
    PERIOD = "PERIOD"
    VALUE = "VALUE"
    NOTE = "NOTE"
    NAME = "NAME"  # the employee's name: only cross-checked


# Header spellings people use, compared after lower-casing and dropping spaces, '_' and '-'.
ALIASES: dict[Column, tuple[str, ...]] = {
    Column.EMPLOYEE: ("employeeno", "employeenumber", "employee", "staffno", "工号", "员工编号", "员工工号", "员工号"),
    Column.DEPARTMENT: ("departmentcode", "department", "dept", "部门编码", "部门代码", "部门编号", "部门"),
    Column.REGION: ("regioncode", "region", "片区编码", "片区代码", "片区编号", "片区"),
    Column.INDICATOR: ("indicatorcode", "indicator", "kpi", "kpicode", "指标编码", "指标代码", "指标编号", "指标"),
    Column.PERIOD: ("period", "month", "期间", "考核期间", "月份", "考核月份", "考核周期"),
    Column.VALUE: ("value", "actual", "actualvalue", "值", "数值", "实际值", "完成值", "实际完成值"),
    Column.NOTE: ("note", "notes", "comment", "remark", "备注", "说明"),
    Column.NAME: ("name", "employeename", "姓名", "员工姓名"),
}
_BY_ALIAS = {alias: column for column, aliases in ALIASES.items() for alias in aliases}
SUBJECT_COLUMNS = {Column.EMPLOYEE: SubjectKind.EMPLOYEE, Column.DEPARTMENT: SubjectKind.DEPARTMENT,
                   Column.REGION: SubjectKind.REGION}


class ProblemCode(str, Enum):
    MISSING_COLUMN = "MISSING_COLUMN"
    DUPLICATE_COLUMN = "DUPLICATE_COLUMN"
    UNKNOWN_COLUMN = "UNKNOWN_COLUMN"  # a warning: the column is ignored
    UNKNOWN_INDICATOR = "UNKNOWN_INDICATOR"
    NOT_RECORDABLE = "NOT_RECORDABLE"  # computed indicators take no recorded values
    UNKNOWN_EMPLOYEE = "UNKNOWN_EMPLOYEE"
    UNKNOWN_DEPARTMENT = "UNKNOWN_DEPARTMENT"
    UNKNOWN_REGION = "UNKNOWN_REGION"
    WRONG_SUBJECT = "WRONG_SUBJECT"  # none or several of employee/department/region, or the wrong level
    WRONG_PERIOD = "WRONG_PERIOD"
    PERIOD_LOCKED = "PERIOD_LOCKED"
    MISSING_VALUE = "MISSING_VALUE"
    NOT_NUMERIC = "NOT_NUMERIC"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    DUPLICATE = "DUPLICATE"
    NOTE_INVALID = "NOTE_INVALID"
    NAME_MISMATCH = "NAME_MISMATCH"  # a warning
    LOOKS_LIKE_FRACTION = "LOOKS_LIKE_FRACTION"  # a warning: 0.95 where the unit is %
    EMPTY_FILE = "EMPTY_FILE"
    TOO_MANY_ROWS = "TOO_MANY_ROWS"


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    column: str | None  # the spreadsheet letter: "C"
    header: str | None  # that column's header text
    value: str | None  # the cell as read
    code: ProblemCode
    message: Text


@dataclass(frozen=True, slots=True)
class Header:
    line: int
    columns: dict[Column, int]  # which cell index holds each recognised column
    names: list[str]  # every header cell's text
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DataRow:
    line: int
    cells: list[Cell]


@dataclass(frozen=True, slots=True)
class Table:
    header: Header | None
    rows: list[DataRow]

    def column_values(self, column: Column) -> set[str]:
        """Every non-empty text in a column (to look up the codes the file names in a few queries)."""
        if self.header is None or column not in self.header.columns:
            return set()
        index = self.header.columns[column]
        found = set()
        for row in self.rows:
            text = cell_text(row.cells[index] if index < len(row.cells) else None)
            if text:
                found.add(text)
        return found


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _normal(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text).strip().lower())


def recognise(header_text: str) -> Column | None:
    """A header like "工号", "Employee No" or "工号 / employee_no": the whole text, else any of its parts."""
    whole = _normal(header_text)
    if whole in _BY_ALIAS:
        return _BY_ALIAS[whole]
    for part in re.split(r"[/|()（）\[\]【】,，:：\s]+", unicodedata.normalize("NFKC", header_text)):
        column = _BY_ALIAS.get(_normal(part))
        if column is not None:
            return column
    return None


def cell_text(cell: Cell) -> str | None:
    """A cell as text: numbers without a spurious ".0" (Excel stores 123 as 123.0), empty cells as None."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    text = unicodedata.normalize("NFKC", str(cell)).strip()
    return text or None


def read_table(rows: Sequence[Sequence[Cell]]) -> Table:
    """The first non-empty row is the header; fully empty rows are skipped (their line numbers still count)."""
    header: Header | None = None
    data: list[DataRow] = []
    for line, cells in enumerate(rows, start=1):
        if all(cell_text(c) is None for c in cells):
            continue
        if header is None:
            header = _header(line, list(cells))
        else:
            data.append(DataRow(line=line, cells=list(cells)))
    return Table(header=header, rows=data)


def _header(line: int, cells: list[Cell]) -> Header:
    names = [cell_text(c) or "" for c in cells]
    columns: dict[Column, int] = {}
    problems, warnings = [], []
    for index, name in enumerate(names):
        if not name:
            continue
        column = recognise(name)
        letter = column_letter(index)
        if column is None:
            warnings.append(Problem(line=line, column=letter, header=name, value=name, code=ProblemCode.UNKNOWN_COLUMN,
                                    message=Text(zh=f"无法识别的列“{name}”，已忽略",
                                                 en=f"column “{name}” is not recognised and is ignored")))
        elif column in columns:
            problems.append(Problem(line=line, column=letter, header=name, value=name,
                                    code=ProblemCode.DUPLICATE_COLUMN, message=Text(
                                        zh=f"“{name}”与第 {column_letter(columns[column])} 列重复",
                                        en=f"“{name}” repeats column {column_letter(columns[column])}")))
        else:
            columns[column] = index
    return Header(line=line, columns=columns, names=names, problems=problems, warnings=warnings)


# --- validation --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lookups:
    """What the codes in the file refer to (only the codes the file names need be present)."""

    indicators: Mapping[str, Indicator]
    employees: Mapping[str, tuple[int, str]]  # employee no → (id, name)
    departments: Mapping[str, int]
    regions: Mapping[str, int]
    locked_periods: frozenset[str]
    latest_period: str  # the organisation's current month: values for later months are refused


@dataclass(frozen=True, slots=True)
class CleanRow:
    line: int
    indicator: Indicator
    period: str
    subject: SubjectKind
    subject_id: int
    subject_code: str
    value: Decimal
    note: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    rows: list[CleanRow]
    problems: list[Problem]
    warnings: list[Problem]
    data_rows: int
    notes_given: bool = False  # the file has a note column (without one, stored notes are left alone)

    @property
    def valid(self) -> bool:
        return not self.problems


def clean_period_text(text: str) -> str | None:
    """2026-11, 2026/11, 2026.11, 202611, 2026年11月 → "2026-11"; anything else None."""
    match = re.fullmatch(r"(\d{4})\s*(?:[-/.年]\s*)?(\d{1,2})\s*月?", text)
    if not match:
        return None
    period = f"{match.group(1)}-{int(match.group(2)):02d}"
    return period if PERIOD_PATTERN.match(period) and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR else None


def _period_of(cell: Cell) -> str | None:
    # Excel turns "2026-11" typed into a cell into the date 2026-11-01.
    if isinstance(cell, datetime | date):
        return f"{cell.year:04d}-{cell.month:02d}"
    text = cell_text(cell)
    return clean_period_text(text) if text else None


def parse_value(cell: Cell) -> Decimal | None:
    """A number: 92.5, "92.5", "1,234", "95%" (read as 95, in the indicator's own unit). None if not a number."""
    if isinstance(cell, bool | datetime | date):
        return None
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell)) if cell == cell and cell not in (float("inf"), float("-inf")) else None
    text = cell_text(cell)
    if text is None:
        return None
    text = text.replace(",", "").removesuffix("%").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class _Row:
    """Collects one row's problems, every one of them (not only the first)."""

    def __init__(self, header: Header, row: DataRow) -> None:
        self.header = header
        self.row = row
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def cell(self, column: Column) -> Cell:
        index = self.header.columns.get(column)
        if index is None or index >= len(self.row.cells):
            return None
        return self.row.cells[index]

    def text(self, column: Column) -> str | None:
        return cell_text(self.cell(column))

    def report(self, column: Column | None, code: ProblemCode, zh: str, en: str, *, warning: bool = False) -> None:
        index = self.header.columns.get(column) if column is not None else None
        problem = Problem(line=self.row.line, column=column_letter(index) if index is not None else None,
                          header=self.header.names[index] if index is not None else None,
                          value=self.text(column) if column is not None else None, code=code,
                          message=Text(zh=f"第 {self.row.line} 行：{zh}", en=f"line {self.row.line}: {en}"))
        (self.warnings if warning else self.problems).append(problem)


def plan_import(table: Table, lookups: Lookups, *, expected_period: str | None) -> Plan:
    """Validate every row; return the clean rows and every problem found. Nothing is decided about writing here:
    the caller writes only when `plan.valid`."""
    header = table.header
    if header is None:
        problem = Problem(line=1, column=None, header=None, value=None, code=ProblemCode.EMPTY_FILE,
                          message=Text(zh="文件没有内容", en="the file has no rows"))
        return Plan(rows=[], problems=[problem], warnings=[], data_rows=0)
    problems = list(header.problems)
    warnings = list(header.warnings)
    problems += _missing_columns(header, expected_period)
    if len(table.rows) > MAX_ROWS:
        problems.append(Problem(line=header.line, column=None, header=None, value=str(len(table.rows)),
                                code=ProblemCode.TOO_MANY_ROWS, message=Text(
                                    zh=f"一次最多导入 {MAX_ROWS} 行，文件有 {len(table.rows)} 行",
                                    en=f"at most {MAX_ROWS} rows per import; the file has {len(table.rows)}")))
    if problems:
        return Plan(rows=[], problems=problems, warnings=warnings, data_rows=len(table.rows))
    rows: list[CleanRow] = []
    first_line: dict[tuple[str, str, SubjectKind, int], int] = {}
    for data_row in table.rows:
        checker = _Row(header, data_row)
        clean, key = _check_row(checker, lookups, expected_period)
        if key is not None:
            # A repeat is reported even when the row has other problems: the same target is named twice.
            if key in first_line:
                checker.report(Column.INDICATOR, ProblemCode.DUPLICATE,
                               f"与第 {first_line[key]} 行重复（同一指标、对象和期间）",
                               f"repeats line {first_line[key]} (same indicator, subject and period)")
                clean = None
            else:
                first_line[key] = data_row.line
        if clean is not None and not checker.problems:
            rows.append(clean)
        problems += checker.problems
        warnings += checker.warnings
    return Plan(rows=rows if not problems else [], problems=problems, warnings=warnings,
                data_rows=len(table.rows), notes_given=Column.NOTE in header.columns)


def _missing_columns(header: Header, expected_period: str | None) -> list[Problem]:
    needed = [(Column.INDICATOR, "指标编码", "indicator code"), (Column.VALUE, "数值", "value")]
    if expected_period is None:
        needed.append((Column.PERIOD, "期间", "period"))
    missing = [(zh, en) for column, zh, en in needed if column not in header.columns]
    if not any(column in header.columns for column in SUBJECT_COLUMNS):
        missing.append(("工号、部门或片区", "employee no, department or region"))
    return [Problem(line=header.line, column=None, header=None, value=None, code=ProblemCode.MISSING_COLUMN,
                    message=Text(zh=f"第 {header.line} 行（表头）缺少“{zh}”列",
                                 en=f"line {header.line} (header) has no “{en}” column")) for zh, en in missing]


Key = tuple[str, str, SubjectKind, int]


def _check_row(row: _Row, lookups: Lookups, expected_period: str | None) -> tuple[CleanRow | None, Key | None]:
    """The clean row (None if anything is wrong) and what it writes to (when that much is known)."""
    indicator = _indicator(row, lookups)
    subject = _subject(row, lookups)
    period = _period(row, lookups, expected_period)
    value = _value(row, indicator)
    note = _note(row)
    if indicator is not None and indicator.source not in RECORDED_SOURCES:
        row.report(Column.INDICATOR, ProblemCode.NOT_RECORDABLE,
                   f"{indicator.code} 由系统根据协同需求或项目自动计算，不能导入",
                   f"{indicator.code} is computed from support requests or projects; it cannot be imported")
        return None, None
    if indicator is not None and subject is not None:
        try:
            check_subject(indicator, subject[0])
        except DomainError:
            row.report(Column.REGION if Column.REGION in row.header.columns else Column.INDICATOR,
                       ProblemCode.WRONG_SUBJECT, f"{indicator.code} 是片区指标，须按片区录入",
                       f"{indicator.code} is a region metric: give a region, not an employee or department")
            return None, None
    if indicator is None or subject is None or period is None:
        return None, None
    kind, subject_id, code = subject
    key = (indicator.code, period, kind, subject_id)
    if value is None or row.problems:
        return None, key
    return CleanRow(line=row.row.line, indicator=indicator, period=period, subject=kind, subject_id=subject_id,
                    subject_code=code, value=value, note=note), key


def _code(text: str) -> str | None:
    try:
        return clean_code(text)
    except DomainError:
        return None


def _indicator(row: _Row, lookups: Lookups) -> Indicator | None:
    text = row.text(Column.INDICATOR)
    if text is None:
        row.report(Column.INDICATOR, ProblemCode.UNKNOWN_INDICATOR, "缺少指标编码", "the indicator code is missing")
        return None
    code = _code(text)
    indicator = lookups.indicators.get(code) if code else None
    if indicator is None:
        row.report(Column.INDICATOR, ProblemCode.UNKNOWN_INDICATOR, f"没有编码为“{text}”的指标",
                   f"no indicator has the code “{text}”")
    return indicator


def _subject(row: _Row, lookups: Lookups) -> tuple[SubjectKind, int, str] | None:
    given = [(column, row.text(column)) for column in SUBJECT_COLUMNS if row.text(column)]
    if len(given) != 1:
        column = given[1][0] if len(given) > 1 else next(c for c in SUBJECT_COLUMNS if c in row.header.columns)
        row.report(column, ProblemCode.WRONG_SUBJECT, "工号、部门、片区须且只须填写一项",
                   "give exactly one of employee no, department and region")
        return None
    column, text = given[0]
    assert text is not None
    code = _code(text)
    if column is Column.EMPLOYEE:
        employee = lookups.employees.get(code) if code else None
        if employee is None:
            row.report(column, ProblemCode.UNKNOWN_EMPLOYEE, f"没有工号为“{text}”的员工",
                       f"no employee has the number “{text}”")
            return None
        name = row.text(Column.NAME)
        if name is not None and name != employee[1]:
            row.report(Column.NAME, ProblemCode.NAME_MISMATCH, f"工号 {code} 的员工是“{employee[1]}”，不是“{name}”",
                       f"employee {code} is “{employee[1]}”, not “{name}”", warning=True)
        return SubjectKind.EMPLOYEE, employee[0], code or text
    known = lookups.departments if column is Column.DEPARTMENT else lookups.regions
    found = known.get(code) if code else None
    if found is None:
        if column is Column.DEPARTMENT:
            row.report(column, ProblemCode.UNKNOWN_DEPARTMENT, f"没有编码为“{text}”的部门",
                       f"no department has the code “{text}”")
        else:
            row.report(column, ProblemCode.UNKNOWN_REGION, f"没有编码为“{text}”的片区",
                       f"no region has the code “{text}”")
        return None
    return SUBJECT_COLUMNS[column], found, code or text


def _period(row: _Row, lookups: Lookups, expected: str | None) -> str | None:
    cell = row.cell(Column.PERIOD)
    if Column.PERIOD not in row.header.columns or cell_text(cell) is None:
        if expected is None:
            row.report(Column.PERIOD, ProblemCode.WRONG_PERIOD, "缺少期间", "the period is missing")
        return expected
    period = _period_of(cell)
    if period is None:
        row.report(Column.PERIOD, ProblemCode.WRONG_PERIOD, "期间应写作 YYYY-MM，例如 2026-11",
                   "a period is written YYYY-MM, e.g. 2026-11")
        return None
    if expected is not None and period != expected:
        row.report(Column.PERIOD, ProblemCode.WRONG_PERIOD, f"期间 {period} 与本次导入的期间 {expected} 不符",
                   f"period {period} is not the period of this import, {expected}")
        return None
    if period in lookups.locked_periods:
        row.report(Column.PERIOD, ProblemCode.PERIOD_LOCKED, f"{period} 的考核已锁定，不能再录入",
                   f"{period} is locked: its scores are final")
        return None
    if period > lookups.latest_period:
        row.report(Column.PERIOD, ProblemCode.WRONG_PERIOD, f"{period} 尚未开始", f"{period} has not started yet")
        return None
    return period


def _value(row: _Row, indicator: Indicator | None) -> Decimal | None:
    cell = row.cell(Column.VALUE)
    if cell_text(cell) is None:
        row.report(Column.VALUE, ProblemCode.MISSING_VALUE, "缺少数值", "the value is missing")
        return None
    value = parse_value(cell)
    if value is None:
        row.report(Column.VALUE, ProblemCode.NOT_NUMERIC, f"“{cell_text(cell)}”不是数字",
                   f"“{cell_text(cell)}” is not a number")
        return None
    if abs(value) >= MAX_VALUE or value != value.quantize(Decimal("0.0001")):
        row.report(Column.VALUE, ProblemCode.OUT_OF_RANGE, "数值超出范围或小数超过 4 位",
                   "the value is out of range or has more than 4 decimal places")
        return None
    if indicator is not None and indicator.unit == "%" and Decimal(0) < value <= Decimal(1):
        percent = f"{(value * 100).normalize():f}"
        row.report(Column.VALUE, ProblemCode.LOOKS_LIKE_FRACTION,
                   f"{indicator.code} 以 % 计（0–100），{value} 像是小数比例；如指 {percent}%，请填写 {percent}",
                   f"{indicator.code} is in % (0–100) and {value} looks like a fraction; for {percent} % write "
                   f"{percent}", warning=True)
    return value


def _note(row: _Row) -> str | None:
    text = row.text(Column.NOTE)
    if text is None:
        return None
    try:
        return clean_text(text, field="note", max_length=MAX_NOTE, required=False) or None
    except DomainError as error:
        row.report(Column.NOTE, ProblemCode.NOTE_INVALID, "备注无效（过长或含控制字符）", error.message)
        return None
