"""Project input rules and permissions: what each cleaner accepts at its edges, and every refusal's message and
field (what a client shows next to the input at fault)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from backend.domain.access import SYSTEM, Scope, Viewer, ViewerKind
from backend.domain.errors import DomainError, ErrorCode
from backend.domain.org import Role
from backend.domain.projects import (
    MAX_COLUMNS,
    MAX_STORY_POINTS,
    MAX_TEXT_LENGTH,
    MAX_TITLE_LENGTH,
    MAX_WIP_LIMIT,
    Actuals,
    ColumnSpec,
    Goal,
    GoalKind,
    ProjectStatus,
    can_configure,
    can_create_project,
    can_read_projects,
    check_actuals,
    check_board_edit,
    check_close,
    check_configure,
    check_rating,
    check_room,
    check_writable,
    clean_body,
    clean_columns,
    clean_goals,
    clean_pool,
    clean_rating,
    clean_side_split,
    clean_story_points,
    clean_title,
    clean_wip_limit,
    default_columns,
    plan_move,
)

STARTED = date(2026, 9, 1)


def staff(employee_id: int, *roles: Role) -> Viewer:
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee_id, roles=frozenset(roles or (Role.STAFF,)))


def refusal(call: Callable[[], Any]) -> tuple[ErrorCode, str, str | None]:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value.code, refused.value.message, refused.value.field


V, P, T = ErrorCode.VALIDATION, ErrorCode.PERMISSION_DENIED, ErrorCode.INVALID_TRANSITION
MOVE: dict[str, Any] = {"task_version": 3, "expected_version": 3, "from_column_id": 1, "to_column_id": 2,
                        "wanted_position": 0, "others_in_target": 2, "wip_limit": None}


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: clean_wip_limit(0), (V, f"a WIP limit must be between 1 and {MAX_WIP_LIMIT}", "wipLimit")),
    (lambda: clean_wip_limit(MAX_WIP_LIMIT + 1), (V, f"a WIP limit must be between 1 and {MAX_WIP_LIMIT}",
                                                  "wipLimit")),
    (lambda: clean_columns([ColumnSpec("A")]), (V, f"a board needs between 2 and {MAX_COLUMNS} columns", "columns")),
    (lambda: clean_columns([ColumnSpec(str(i)) for i in range(MAX_COLUMNS + 1)]),
     (V, f"a board needs between 2 and {MAX_COLUMNS} columns", "columns")),
    (lambda: clean_columns([ColumnSpec("A" * 51), ColumnSpec("B")]),
     (V, "columns.name must be at most 50 characters", "columns.name")),
    (lambda: clean_columns([ColumnSpec("A", 0), ColumnSpec("B")]),
     (V, f"a WIP limit must be between 1 and {MAX_WIP_LIMIT}", "columns.wipLimit")),
    (lambda: clean_columns([ColumnSpec("Done"), ColumnSpec("done")]),
     (V, "column names must be distinct", "columns.name")),
    (lambda: clean_columns([ColumnSpec("A", id=4), ColumnSpec("B", id=4)]), (V, "a column may appear once",
                                                                            "columns.id")),
    (lambda: clean_story_points(-1), (V, f"story points must be between 0 and {MAX_STORY_POINTS}", "storyPoints")),
    (lambda: clean_story_points(MAX_STORY_POINTS + 1),
     (V, f"story points must be between 0 and {MAX_STORY_POINTS}", "storyPoints")),
    (lambda: clean_title(" "), (V, "title must not be empty", "title")),
    (lambda: clean_title("x" * (MAX_TITLE_LENGTH + 1)), (V, f"title must be at most {MAX_TITLE_LENGTH} characters",
                                                         "title")),
    (lambda: clean_body(" \n "), (V, "body must not be empty", "body")),
    (lambda: clean_body("x" * (MAX_TEXT_LENGTH + 1), field="description"),
     (V, f"description must be at most {MAX_TEXT_LENGTH} characters", "description")),
    (lambda: clean_body("a\x00b"), (V, "body must not contain control characters", "body")),
    (lambda: clean_rating(0), (V, "a rating is 1 to 5 stars", "rating")),
    (lambda: clean_rating(6), (V, "a rating is 1 to 5 stars", "rating")),
    (lambda: clean_side_split(Decimal("1.0001")),
     (V, "the frontline side split must be between 0 and 1 (4 decimal places)", "sideSplitFrontline")),
    (lambda: clean_side_split(Decimal("-0.0001")),
     (V, "the frontline side split must be between 0 and 1 (4 decimal places)", "sideSplitFrontline")),
    (lambda: clean_side_split(Decimal("0.12345")),
     (V, "the frontline side split must be between 0 and 1 (4 decimal places)", "sideSplitFrontline")),
    (lambda: clean_side_split(Decimal("NaN")),
     (V, "the frontline side split must be between 0 and 1 (4 decimal places)", "sideSplitFrontline")),
    (lambda: clean_pool(Decimal("-1")), (V, "bonusPool must not be negative", "bonusPool")),
    (lambda: clean_goals([]), (V, "a project needs at least one goal", "goals")),
    (lambda: clean_goals([Goal(GoalKind.REVENUE, Decimal(1), target_value=Decimal(1)),
                          Goal(GoalKind.REVENUE, Decimal(1), target_value=Decimal(2))]),
     (V, "each kind of goal may appear once", "goals.kind")),
    (lambda: clean_goals([Goal(GoalKind.DELIVERY, Decimal("1000.0001"), target_date=STARTED)]),
     (V, "a goal weight must be positive (up to 1000, 4 decimal places)", "goals.weight")),
    (lambda: clean_goals([Goal(GoalKind.DELIVERY, Decimal(1))]), (V, "a delivery goal needs a due date",
                                                                  "goals.targetDate")),
    (lambda: clean_goals([Goal(GoalKind.REVENUE, Decimal(1))]), (V, "a revenue goal needs a positive target",
                                                                 "goals.targetValue")),
    (lambda: clean_goals([Goal(GoalKind.SATISFACTION, Decimal(1), target_value=Decimal(0))]),
     (V, "a satisfaction goal needs a positive target", "goals.targetValue")),
    (lambda: clean_goals([Goal(GoalKind.SATISFACTION, Decimal(1), target_value=Decimal("Infinity"))]),
     (V, "a satisfaction goal needs a positive target", "goals.targetValue")),
    (lambda: clean_goals([Goal(GoalKind.SATISFACTION, Decimal(1), target_value=Decimal("100.01"))]),
     (V, "a satisfaction target is a score up to 100", "goals.targetValue")),
    (lambda: clean_goals([Goal(GoalKind.REVENUE, Decimal(1), target_value=Decimal("0.001"))]),
     (V, "goals.targetValue must be an amount in yuan with at most 2 decimal places", "goals.targetValue")),
    (lambda: plan_move(**{**MOVE, "expected_version": 2}),
     (ErrorCode.CONFLICT, "the card changed since you saw it (version 2, now 3); reload it and move again",
      "expectedVersion")),
    (lambda: plan_move(**{**MOVE, "wanted_position": -1}), (V, "a position cannot be negative", "position")),
    (lambda: plan_move(**{**MOVE, "wip_limit": 2}),
     (V, "the column's WIP limit is 2 and it already holds 2", "columnId")),
    (lambda: check_room(cards_in_column=3, wip_limit=3), (V, "the column's WIP limit is 3 and it is full",
                                                          "columnId")),
    (lambda: check_rating(rater_id=1, assignee_id=1, in_last_column=True), (P, "nobody rates their own task",
                                                                            "taskId")),
    (lambda: check_rating(rater_id=2, assignee_id=1, in_last_column=False),
     (V, "only done tasks (in the last column) can be rated", "taskId")),
    (lambda: check_board_edit(staff(7), member_ids={5}), (P, "only members of the project may change its board",
                                                          None)),
    (lambda: check_board_edit(Viewer(kind=ViewerKind.PARTNER, token_id=1), member_ids={5}),
     (P, "only members of the project may change its board", None)),
    (lambda: check_writable(ProjectStatus.CLOSED), (T, "the project is closed: its board and settings are read-only",
                                                    None)),
    (lambda: check_close(ProjectStatus.CLOSED), (T, "the project is already closed; its allocation is frozen", None)),
    (lambda: check_configure(staff(6), owner_id=5),
     (P, "only the project owner or a manager may configure or close this project", None)),
    (lambda: check_actuals(Actuals(delivered_on=date(2026, 8, 31)), started_on=STARTED),
     (V, "the project cannot be delivered before it started", "deliveredOn")),
    (lambda: check_actuals(Actuals(satisfaction=Decimal("100.1")), started_on=STARTED),
     (V, "satisfaction is a score between 0 and 100", "satisfaction")),
    (lambda: check_actuals(Actuals(satisfaction=Decimal(-1)), started_on=STARTED),
     (V, "satisfaction is a score between 0 and 100", "satisfaction")),
    (lambda: check_actuals(Actuals(satisfaction=Decimal("NaN")), started_on=STARTED),
     (V, "satisfaction is a score between 0 and 100", "satisfaction")),
    (lambda: check_actuals(Actuals(revenue=Decimal("-1")), started_on=STARTED),
     (V, "revenue must not be negative", "revenue")),
])
def test_refusals_name_the_rule_and_the_field(call: Callable[[], Any], expected: tuple[Any, ...]) -> None:
    assert refusal(call) == expected


def test_what_the_cleaners_accept_at_their_edges() -> None:
    assert [clean_wip_limit(v) for v in (None, 1, MAX_WIP_LIMIT)] == [None, 1, MAX_WIP_LIMIT]
    twelve = clean_columns([ColumnSpec(f"C{i}", id=i) for i in range(MAX_COLUMNS)])
    assert [(c.name, c.id) for c in twelve[:2]] == [("C0", 0), ("C1", 1)] and len(twelve) == MAX_COLUMNS
    assert clean_columns([ColumnSpec("A" * 50, 1, id=9), ColumnSpec(" B ")]) == [ColumnSpec("A" * 50, 1, id=9),
                                                                                 ColumnSpec("B")]
    assert [c.name for c in default_columns()] == ["To do", "Doing", "Review", "Done"]
    assert [clean_story_points(v) for v in (0, MAX_STORY_POINTS)] == [0, MAX_STORY_POINTS]
    assert [clean_rating(v) for v in (1, 5)] == [1, 5]
    assert clean_title(" 勘察 ") == "勘察" and len(clean_title("x" * MAX_TITLE_LENGTH)) == MAX_TITLE_LENGTH
    assert [clean_side_split(Decimal(v)) for v in ("0", "1", "0.1234")] == [0, 1, Decimal("0.1234")]
    assert clean_pool(Decimal("0")) == Decimal("0.00") and str(clean_pool(Decimal("12.5"))) == "12.50"


def test_bodies_keep_their_line_breaks_but_no_other_control_characters() -> None:
    assert clean_body(" 第一行\r\n第二行\n\t缩进 ") == "第一行\n第二行\n\t缩进"
    assert clean_body("", required=False) == ""
    assert clean_body("  \n ", required=False) == ""
    assert len(clean_body("x" * MAX_TEXT_LENGTH)) == MAX_TEXT_LENGTH
    # A line break or a tab counts as one character towards the limit.
    full = "a\nb\tc" + "x" * (MAX_TEXT_LENGTH - 5)
    assert clean_body(full) == full


def test_goals_are_kept_as_given_with_targets_cleaned() -> None:
    goals = clean_goals([Goal(GoalKind.DELIVERY, Decimal("0.0001"), target_date=STARTED, target_value=Decimal(5)),
                         Goal(GoalKind.SATISFACTION, Decimal(1000), target_value=Decimal(100)),
                         Goal(GoalKind.REVENUE, Decimal(2), target_value=Decimal("0.01"), target_date=STARTED)])
    assert goals == [Goal(GoalKind.DELIVERY, Decimal("0.0001"), target_date=STARTED),
                     Goal(GoalKind.SATISFACTION, Decimal(1000), target_value=Decimal(100)),
                     Goal(GoalKind.REVENUE, Decimal(2), target_value=Decimal("0.01"))]
    assert str(clean_goals([Goal(GoalKind.REVENUE, Decimal(1), target_value=Decimal("300000"))])[0].target_value) \
        == "300000.00"
    assert clean_goals([Goal(GoalKind.SATISFACTION, Decimal(1), target_value=Decimal("0.5"))])[0].target_value == \
        Decimal("0.5")


def test_actuals_are_checked_and_kept() -> None:
    kept = check_actuals(Actuals(delivered_on=STARTED, satisfaction=Decimal(0), revenue=Decimal("12.5")),
                         started_on=STARTED)
    assert kept == Actuals(delivered_on=STARTED, satisfaction=Decimal(0), revenue=Decimal("12.50"))
    assert check_actuals(Actuals(satisfaction=Decimal(100)), started_on=STARTED).satisfaction == 100
    assert check_actuals(Actuals(), started_on=STARTED) == Actuals()


def test_who_reads_creates_and_configures_projects() -> None:
    admin, manager, hr = staff(9, Role.ADMIN), staff(8, Role.MANAGER), staff(7, Role.HR)
    projects_partner = Viewer(kind=ViewerKind.PARTNER, token_id=1, scopes=frozenset({Scope.READ_PROJECTS}))
    other_partner = Viewer(kind=ViewerKind.PARTNER, token_id=2, scopes=frozenset({Scope.READ_EMPLOYEES}))
    anonymous = Viewer(kind=ViewerKind.ANONYMOUS)

    assert [can_read_projects(v) for v in (staff(1), SYSTEM, projects_partner, other_partner, anonymous)] == [
        True, True, True, False, False]
    assert [can_create_project(v) for v in (manager, hr, admin, SYSTEM, staff(1), projects_partner)] == [
        True, True, True, True, False, False]
    assert [can_configure(v, owner_id=5) for v in (staff(5), manager, hr, admin, SYSTEM, staff(6))] == [
        True, True, True, True, True, False]
    check_configure(staff(5), owner_id=5)
    check_close(ProjectStatus.DELIVERED)
    check_writable(ProjectStatus.DELIVERED)
