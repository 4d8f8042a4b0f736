"""Support requests: every transition, SLA boundaries, handoff delay, points (SPEC §2, §4, §11)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import product

import pytest

from backend.domain.errors import ErrorCode, ValidationError
from backend.domain.rules import DEFAULT_RULES, RuleSet
from backend.domain.support import (
    TRANSITIONS,
    Action,
    InvalidTransition,
    Priority,
    Status,
    SubmittedRequest,
    Timing,
    chain_hash,
    check_customer_report,
    check_rating,
    figures,
    next_status,
    support_points,
    support_utilisation,
)

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

ALLOWED = {
    (Status.SUBMITTED, Action.ACCEPT): Status.ACCEPTED,
    (Status.ACCEPTED, Action.START): Status.IN_PROGRESS,
    (Status.REOPENED, Action.START): Status.IN_PROGRESS,
    (Status.IN_PROGRESS, Action.RESOLVE): Status.RESOLVED,
    (Status.RESOLVED, Action.CONFIRM): Status.CONFIRMED,
    (Status.RESOLVED, Action.REOPEN): Status.REOPENED,
    (Status.SUBMITTED, Action.CANCEL): Status.CANCELLED,
    (Status.ACCEPTED, Action.CANCEL): Status.CANCELLED,
}


@pytest.mark.parametrize(("status", "action"), sorted(ALLOWED, key=str))
def test_allowed_transitions(status: Status, action: Action) -> None:
    assert next_status(status, action) is ALLOWED[(status, action)]


REFUSED = [pair for pair in product(Status, Action) if pair not in ALLOWED]


@pytest.mark.parametrize(("status", "action"), REFUSED, ids=[f"{s.value}-{a.value}" for s, a in REFUSED])
def test_every_other_transition_is_refused_naming_the_state(status: Status, action: Action) -> None:
    with pytest.raises(InvalidTransition) as refused:
        next_status(status, action)
    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    assert status.value in refused.value.message


def test_the_table_and_the_test_agree() -> None:
    assert {(s, a) for a, (froms, _) in TRANSITIONS.items() for s in froms} == set(ALLOWED)


def timing(priority: Priority = Priority.URGENT, **overrides: object) -> Timing:
    values: dict = {"priority": priority, "status": Status.RESOLVED, "customer_reported_at": T0,
                    "submitted_at": T0, "accepted_at": T0 + timedelta(minutes=10),
                    "started_at": T0 + timedelta(minutes=20), "resolved_at": T0 + timedelta(hours=1), "rating": 5}
    values.update(overrides)
    return Timing(**values)


@pytest.mark.parametrize(("priority", "response", "resolution"), [
    (Priority.URGENT, timedelta(minutes=30), timedelta(hours=4)),
    (Priority.HIGH, timedelta(hours=2), timedelta(hours=24)),
    (Priority.NORMAL, timedelta(hours=8), timedelta(hours=72)),
    (Priority.LOW, timedelta(hours=24), timedelta(hours=168)),
])
def test_sla_exactly_on_the_limit_is_met_one_second_later_breached(priority: Priority, response: timedelta,
                                                                   resolution: timedelta) -> None:
    on_limit = figures(timing(priority, accepted_at=T0 + response, resolved_at=T0 + resolution), DEFAULT_RULES,
                       now=T0 + resolution)
    late = figures(timing(priority, accepted_at=T0 + response + timedelta(seconds=1),
                          resolved_at=T0 + resolution + timedelta(seconds=1)), DEFAULT_RULES, now=T0 + resolution)

    assert (on_limit.response_sla_met, on_limit.resolution_sla_met, on_limit.sla_breached) == (True, True, False)
    assert (late.response_sla_met, late.resolution_sla_met, late.sla_breached) == (False, False, True)
    assert (on_limit.response_time, on_limit.resolution_time) == (response, resolution)


def test_open_request_breaches_once_its_clock_passes_the_limit() -> None:
    open_request = timing(Priority.URGENT, status=Status.IN_PROGRESS, resolved_at=None, rating=None)
    within = figures(open_request, DEFAULT_RULES, now=T0 + timedelta(hours=4))
    over = figures(open_request, DEFAULT_RULES, now=T0 + timedelta(hours=4, seconds=1))

    assert (within.resolution_sla_met, within.sla_breached, within.support_points) == (None, False, None)
    assert (over.resolution_sla_met, over.sla_breached) == (False, True)


def test_an_open_requests_clocks_run_from_submission_not_from_the_customer_report() -> None:
    # Reported 30 h before it reached support (a late handoff): the backend's clocks start at submission.
    waiting = timing(Priority.URGENT, status=Status.SUBMITTED, customer_reported_at=T0 - timedelta(hours=30),
                     accepted_at=None, started_at=None, resolved_at=None, rating=None)
    fresh = figures(waiting, DEFAULT_RULES, now=T0 + timedelta(minutes=30))
    late = figures(waiting, DEFAULT_RULES, now=T0 + timedelta(minutes=30, seconds=1))
    accepted = figures(timing(Priority.URGENT, status=Status.IN_PROGRESS, customer_reported_at=T0 - timedelta(hours=30),
                              resolved_at=None, rating=None), DEFAULT_RULES, now=T0 + timedelta(hours=4))

    assert (fresh.response_sla_met, fresh.resolution_sla_met, fresh.sla_breached, fresh.late_handoff) == (
        None, None, False, True)
    assert (late.response_sla_met, late.resolution_sla_met, late.sla_breached) == (False, None, True)
    assert (accepted.response_sla_met, accepted.resolution_sla_met, accepted.sla_breached) == (True, None, False)


def test_handoff_delay_and_late_handoff_threshold() -> None:
    exactly = figures(timing(customer_reported_at=T0 - timedelta(hours=24)), DEFAULT_RULES, now=T0)
    later = figures(timing(customer_reported_at=T0 - timedelta(hours=24, seconds=1)), DEFAULT_RULES, now=T0)

    assert (exactly.handoff_delay, exactly.late_handoff) == (timedelta(hours=24), False)
    assert later.late_handoff is True
    # The resolution clock runs from submission, not from the customer's report.
    assert later.resolution_sla_met is True


def test_satisfaction_is_rating_times_twenty() -> None:
    assert figures(timing(rating=5), DEFAULT_RULES, now=T0).satisfaction == 100
    assert figures(timing(rating=3), DEFAULT_RULES, now=T0).satisfaction == 60
    assert figures(timing(rating=None), DEFAULT_RULES, now=T0).satisfaction is None


def test_spec_worked_example_points() -> None:
    # SPEC §11: B1 resolved an URGENT request (rated 5, SLA met) → 3; B2 a NORMAL one (rated 4, breached) → 0.4.
    b1 = figures(timing(Priority.URGENT, rating=5), DEFAULT_RULES, now=T0 + timedelta(days=1))
    b2 = figures(timing(Priority.NORMAL, rating=4, resolved_at=T0 + timedelta(hours=73)), DEFAULT_RULES,
                 now=T0 + timedelta(days=4))
    assert b1.support_points == Decimal(3)
    assert b2.support_points == Decimal("0.4")


def test_points_factors() -> None:
    assert support_points(Priority.HIGH, None, True, DEFAULT_RULES) == Decimal("1.6")  # unrated: 0.8
    assert support_points(Priority.LOW, 5, False, DEFAULT_RULES) == Decimal("0.25")
    custom = RuleSet(version="v2", unrated_satisfaction_factor=Decimal("0.6"))
    assert support_points(Priority.NORMAL, None, True, custom) == Decimal("0.6")


def test_reopened_request_earns_no_points_until_resolved_again() -> None:
    reopened = figures(timing(status=Status.REOPENED, reopen_count=1), DEFAULT_RULES, now=T0 + timedelta(hours=2))
    assert reopened.support_points is None and reopened.resolution_time is None


def test_cancelled_request_is_not_judged() -> None:
    cancelled = figures(timing(status=Status.CANCELLED, accepted_at=None, resolved_at=None), DEFAULT_RULES,
                        now=T0 + timedelta(days=30))
    assert (cancelled.response_sla_met, cancelled.resolution_sla_met, cancelled.sla_breached) == (None, None, False)


def test_inputs_are_checked() -> None:
    with pytest.raises(ValidationError):
        check_rating(0)
    with pytest.raises(ValidationError):
        check_rating(6)
    with pytest.raises(ValidationError, match="after it was submitted"):
        check_customer_report(T0 + timedelta(minutes=1), T0)


def test_support_utilisation() -> None:
    assert support_utilisation([], DEFAULT_RULES) == 100
    requests = [SubmittedRequest(late_handoff=False, resolved=True, confirmed_and_rated=True),
                SubmittedRequest(late_handoff=True, resolved=True, confirmed_and_rated=False),
                SubmittedRequest(late_handoff=False, resolved=False, confirmed_and_rated=False),
                SubmittedRequest(late_handoff=False, resolved=True, confirmed_and_rated=True)]
    # 70 × 3/4 + 30 × 2/3 = 52.5 + 20 = 72.5
    assert support_utilisation(requests, DEFAULT_RULES) == Decimal("72.5")
    unresolved = [SubmittedRequest(late_handoff=True, resolved=False, confirmed_and_rated=False)]
    assert support_utilisation(unresolved, DEFAULT_RULES) == Decimal(30)


def test_a_refused_transition_says_what_was_tried_from_where_and_what_is_allowed() -> None:
    with pytest.raises(InvalidTransition) as refused:
        next_status(Status.SUBMITTED, Action.START)
    assert refused.value.message == "cannot start a request that is SUBMITTED; only from ACCEPTED, REOPENED"
    assert refused.value.field == "status"


def test_ratings_from_one_to_five_stars_and_the_refusal_names_the_field() -> None:
    assert [check_rating(stars) for stars in (1, 5)] == [1, 5]
    for stars in (0, 6):
        with pytest.raises(ValidationError) as refused:
            check_rating(stars)
        assert (refused.value.message, refused.value.field) == ("a rating is 1 to 5 stars", "rating")


def test_a_report_at_the_moment_of_submission_is_fine_one_after_is_refused() -> None:
    assert check_customer_report(T0, T0) == T0
    with pytest.raises(ValidationError) as refused:
        check_customer_report(T0 + timedelta(microseconds=1), T0)
    assert (refused.value.message, refused.value.field) == (
        "the customer cannot have reported the problem after it was submitted", "customerReportedAt")


def test_each_timeline_entry_hashes_the_previous_one_and_every_field() -> None:
    # The layout is fixed: stored timelines must keep verifying (unit separator between the fields, "" for none).
    first = chain_hash("", sequence=1, action="SUBMIT", from_status=None, to_status="SUBMITTED",
                       actor="employee:F0001", at=T0, note=None)
    layout = "\x1f".join(["", "1", "SUBMIT", "", "SUBMITTED", "employee:F0001", "2026-11-02T09:00:00+00:00", ""])
    assert first == hashlib.sha256(layout.encode()).hexdigest()
    second = chain_hash(first, sequence=2, action="CANCEL", from_status="SUBMITTED", to_status="CANCELLED",
                        actor="employee:F0001", at=T0, note="重复提交")
    layout = "\x1f".join([first, "2", "CANCEL", "SUBMITTED", "CANCELLED", "employee:F0001",
                          "2026-11-02T09:00:00+00:00", "重复提交"])
    assert second == hashlib.sha256(layout.encode()).hexdigest()
