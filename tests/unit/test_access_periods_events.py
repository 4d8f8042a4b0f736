"""Who reads the directory and the organisation; periods as months in the organisation's zone; event messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest

from backend.domain.access import (
    ANONYMOUS,
    SYSTEM,
    Scope,
    Viewer,
    ViewerKind,
    can_read_directory,
    can_read_organisation,
)
from backend.domain.events import DomainEvent
from backend.domain.periods import period_bounds, period_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
EMPLOYEE = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=1)


def partner(*scopes: Scope) -> Viewer:
    return Viewer(kind=ViewerKind.PARTNER, token_id=1, scopes=frozenset(scopes))


@pytest.mark.parametrize(("viewer", "directory", "organisation"), [
    (EMPLOYEE, True, True),
    (partner(Scope.READ_EMPLOYEES), True, True),
    (partner(Scope.READ_ORGANISATION), False, True),
    (partner(Scope.READ_PAYROLL, Scope.READ_SUPPORT), False, False),
    (ANONYMOUS, False, False),
    (SYSTEM, False, False),
])
def test_directory_and_organisation_readers(viewer: Viewer, directory: bool, organisation: bool) -> None:
    assert (can_read_directory(viewer), can_read_organisation(viewer)) == (directory, organisation)


def test_a_period_is_the_calendar_month_in_the_organisations_zone() -> None:
    assert period_bounds("2026-11", SHANGHAI) == (datetime(2026, 10, 31, 16, tzinfo=UTC),
                                                  datetime(2026, 11, 30, 16, tzinfo=UTC))
    assert period_bounds("2026-12", SHANGHAI) == (datetime(2026, 11, 30, 16, tzinfo=UTC),
                                                  datetime(2026, 12, 31, 16, tzinfo=UTC))
    assert period_bounds("2027-02", UTC) == (datetime(2027, 2, 1, tzinfo=UTC), datetime(2027, 3, 1, tzinfo=UTC))
    start, end = period_bounds("2026-11", SHANGHAI)
    assert start.tzinfo is UTC and end.tzinfo is UTC


def test_an_instant_belongs_to_the_month_it_falls_in_locally() -> None:
    assert period_of(datetime(2026, 11, 30, 15, 59, tzinfo=UTC), SHANGHAI) == "2026-11"
    assert period_of(datetime(2026, 11, 30, 16, 0, tzinfo=UTC), SHANGHAI) == "2026-12"
    assert period_of(datetime(2026, 11, 30, 16, 0, tzinfo=UTC), UTC) == "2026-11"


@dataclass(frozen=True, slots=True)
class Rung(DomainEvent):
    channel: ClassVar[str] = "test"
    request_id: int


def test_an_event_message_carries_its_fields_type_and_time() -> None:
    at = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert Rung(request_id=7, occurred_at=at).to_message() == {
        "request_id": 7, "occurred_at": "2026-11-02T09:30:00+00:00", "type": "Rung"}


def test_a_session_expires_at_its_end_and_one_without_an_end_never_does() -> None:
    end = datetime(2026, 11, 30, 16, tzinfo=UTC)
    session = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=1, valid_until=end)
    assert (session.expired(end - timedelta(microseconds=1)), session.expired(end)) == (False, True)
    assert not Viewer(kind=ViewerKind.EMPLOYEE, employee_id=1).expired(end)
