"""Board rules: versions, WIP limits, positions, who may edit, ratings."""

from __future__ import annotations

import pytest

from backend.domain.access import SYSTEM, Viewer, ViewerKind
from backend.domain.errors import Conflict, ErrorCode, PermissionDenied, ValidationError
from backend.domain.org import Role
from backend.domain.projects import (
    ColumnSpec,
    ProjectStatus,
    apply_move,
    can_configure,
    check_board_edit,
    check_rating,
    check_room,
    check_writable,
    clean_columns,
    plan_move,
)


def staff(employee_id: int, *roles: Role) -> Viewer:
    return Viewer(kind=ViewerKind.EMPLOYEE, employee_id=employee_id, employee_no=f"E{employee_id}",
                  roles=frozenset(roles or (Role.STAFF,)))


def move(**overrides: int | None) -> object:
    values: dict = {"task_version": 3, "expected_version": 3, "from_column_id": 1, "to_column_id": 2,
                    "wanted_position": 0, "others_in_target": 2, "wip_limit": None}
    values.update(overrides)
    return plan_move(**values)


def test_a_stale_version_is_a_conflict() -> None:
    with pytest.raises(Conflict) as error:
        move(expected_version=2)
    assert error.value.code is ErrorCode.CONFLICT and error.value.field == "expectedVersion"


def test_a_move_over_the_wip_limit_is_refused_but_reordering_within_a_full_column_is_not() -> None:
    with pytest.raises(ValidationError):
        move(wip_limit=2)
    assert move(wip_limit=3).position == 0  # type: ignore[attr-defined]
    assert move(from_column_id=2, wip_limit=2, others_in_target=1).same_column  # type: ignore[attr-defined]


def test_positions_are_clamped_to_the_end_and_never_negative() -> None:
    assert move(wanted_position=99).position == 2  # type: ignore[attr-defined]
    # Within its own column of 4 cards (3 others), the end is position 3.
    own = move(from_column_id=2, wanted_position=99, others_in_target=3)
    assert (own.position, own.same_column) == (3, True)  # type: ignore[attr-defined]
    assert move(wanted_position=0).position == 0  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        move(wanted_position=-1)


def test_apply_move_is_what_a_client_does_to_patch_its_board() -> None:
    board = {1: [10, 11, 12], 2: [20]}
    assert apply_move(board, task_id=11, to_column_id=2, position=0) == {1: [10, 12], 2: [11, 20]}
    assert apply_move(board, task_id=10, to_column_id=1, position=2) == {1: [11, 12, 10], 2: [20]}
    assert board == {1: [10, 11, 12], 2: [20]}  # not mutated


def test_wip_limit_on_new_cards() -> None:
    check_room(cards_in_column=1, wip_limit=2)
    with pytest.raises(ValidationError):
        check_room(cards_in_column=2, wip_limit=2)


def test_only_members_edit_the_board() -> None:
    check_board_edit(staff(5), member_ids={5, 6})
    check_board_edit(SYSTEM, member_ids=set())
    with pytest.raises(PermissionDenied):
        check_board_edit(staff(7, Role.MANAGER), member_ids={5, 6})


def test_owner_and_managers_configure() -> None:
    assert can_configure(staff(5), owner_id=5)
    assert can_configure(staff(9, Role.MANAGER), owner_id=5)
    assert can_configure(staff(9, Role.HR), owner_id=5)
    assert not can_configure(staff(6), owner_id=5)


def test_ratings_refuse_the_assignee_and_unfinished_tasks() -> None:
    check_rating(rater_id=2, assignee_id=1, in_last_column=True)
    with pytest.raises(PermissionDenied):
        check_rating(rater_id=1, assignee_id=1, in_last_column=True)
    with pytest.raises(ValidationError):
        check_rating(rater_id=2, assignee_id=1, in_last_column=False)


def test_a_closed_project_is_read_only() -> None:
    check_writable(ProjectStatus.ACTIVE)
    with pytest.raises(Exception) as error:
        check_writable(ProjectStatus.CLOSED)
    assert getattr(error.value, "code", None) is ErrorCode.INVALID_TRANSITION


def test_columns_are_validated() -> None:
    assert [c.name for c in clean_columns([ColumnSpec(" A "), ColumnSpec("B", 3)])] == ["A", "B"]
    for bad in ([ColumnSpec("A")], [ColumnSpec("A"), ColumnSpec("a")], [ColumnSpec("A"), ColumnSpec("B", 0)]):
        with pytest.raises(ValidationError):
            clean_columns(bad)
