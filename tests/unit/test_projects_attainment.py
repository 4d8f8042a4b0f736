"""Goal attainment A (SPEC §3): delivery with the grace period, capped ratios, weighted mean."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from backend.domain.errors import ValidationError
from backend.domain.projects import Actuals, Goal, GoalKind, attainment, clean_goals, goal_attainment
from backend.domain.rules import DEFAULT_RULES, RuleSet

DUE = date(2026, 10, 31)
DELIVERY = Goal(kind=GoalKind.DELIVERY, weight=Decimal(1), target_date=DUE)
SATISFACTION = Goal(kind=GoalKind.SATISFACTION, weight=Decimal(1), target_value=Decimal(90))
REVENUE = Goal(kind=GoalKind.REVENUE, weight=Decimal(2), target_value=Decimal("500000.00"))


@pytest.mark.parametrize(("delivered", "expected"), [
    (DUE - timedelta(days=3), Decimal(1)),  # early
    (DUE, Decimal(1)),  # on time
    (DUE + timedelta(days=1), 1 - Decimal(1) / 30),  # one day late is late
    (DUE + timedelta(days=29), 1 - Decimal(29) / 30),  # the last day that still earns something
    (DUE + timedelta(days=15), Decimal("0.5")),  # 15 days late: 1 − 15/30
    (DUE + timedelta(days=30), Decimal(0)),  # exactly the grace limit: nothing left
    (DUE + timedelta(days=40), Decimal(0)),  # 40 days late: floored at 0
])
def test_delivery_attainment(delivered: date, expected: Decimal) -> None:
    line = goal_attainment(DELIVERY, Actuals(delivered_on=delivered), DEFAULT_RULES)
    assert line.attainment == expected
    assert line.actual == delivered.isoformat() and not line.assumed


def test_each_line_shows_its_actual_and_formula() -> None:
    late = goal_attainment(DELIVERY, Actuals(delivered_on=DUE + timedelta(days=3)), DEFAULT_RULES)
    assert (late.target, late.actual, late.formula, late.assumed) == (
        "2026-10-31", "2026-11-03", "1 if delivered by the due date, else max(0, 1 − days late / 30); days late = 3",
        False)
    known = goal_attainment(SATISFACTION, Actuals(satisfaction=Decimal("81.0")), DEFAULT_RULES)
    assert (known.target, known.actual, known.attainment, known.formula) == ("90", "81", Decimal("0.9"),
                                                                           "min(1, actual / target)")
    unknown = goal_attainment(REVENUE, Actuals(), DEFAULT_RULES)
    assert (unknown.target, unknown.actual, unknown.attainment, unknown.assumed, unknown.formula) == (
        "500000", None, Decimal(1), True, "assumed met until the project closes")
    not_yet_due = goal_attainment(DELIVERY, Actuals(), DEFAULT_RULES, as_of=DUE)
    assert (not_yet_due.actual, not_yet_due.assumed, not_yet_due.attainment) == (None, True, Decimal(1))


def test_a_needs_at_least_one_goal() -> None:
    with pytest.raises(ValidationError) as refused:
        attainment([], Actuals(), DEFAULT_RULES)
    assert (refused.value.message, refused.value.field) == ("a project needs at least one goal", "goals")


def test_the_grace_period_is_a_rule_parameter() -> None:
    rules = RuleSet(version="test", project_delivery_grace_days=60)
    line = goal_attainment(DELIVERY, Actuals(delivered_on=DUE + timedelta(days=15)), rules)
    assert line.attainment == Decimal("0.75")


@pytest.mark.parametrize(("actual", "expected"), [
    (Decimal(45), Decimal("0.5")), (Decimal(90), Decimal(1)), (Decimal(100), Decimal(1)), (Decimal(0), Decimal(0)),
])
def test_satisfaction_is_a_ratio_capped_at_one(actual: Decimal, expected: Decimal) -> None:
    assert goal_attainment(SATISFACTION, Actuals(satisfaction=actual), DEFAULT_RULES).attainment == expected


def test_revenue_above_target_is_capped() -> None:
    over = goal_attainment(REVENUE, Actuals(revenue=Decimal("800000.00")), DEFAULT_RULES)
    under = goal_attainment(REVENUE, Actuals(revenue=Decimal("400000.00")), DEFAULT_RULES)
    assert (over.attainment, under.attainment) == (Decimal(1), Decimal("0.8"))


def test_a_is_the_weighted_mean() -> None:
    actuals = Actuals(delivered_on=DUE + timedelta(days=15), satisfaction=Decimal(72),
                      revenue=Decimal("600000.00"))
    value, lines = attainment([DELIVERY, SATISFACTION, REVENUE], actuals, DEFAULT_RULES)
    # (1 × 0.5 + 1 × 0.8 + 2 × 1) / 4
    assert value == Decimal("0.825")
    assert [line.kind for line in lines] == [GoalKind.DELIVERY, GoalKind.SATISFACTION, GoalKind.REVENUE]


def test_an_estimate_assumes_unknown_goals_met_but_counts_lateness_so_far() -> None:
    value, lines = attainment([DELIVERY, SATISFACTION], Actuals(), DEFAULT_RULES, as_of=DUE + timedelta(days=6))
    assert lines[0].attainment == Decimal("0.8") and lines[0].assumed
    assert lines[1].attainment == 1 and lines[1].assumed
    assert value == Decimal("0.9")
    on_time, _ = attainment([DELIVERY], Actuals(), DEFAULT_RULES, as_of=DUE - timedelta(days=10))
    assert on_time == 1


@pytest.mark.parametrize(("goals", "field"), [
    ([], "goals"),
    ([DELIVERY, DELIVERY], "goals.kind"),
    ([Goal(kind=GoalKind.DELIVERY, weight=Decimal(1))], "goals.targetDate"),
    ([Goal(kind=GoalKind.REVENUE, weight=Decimal(1), target_value=Decimal(0))], "goals.targetValue"),
    ([Goal(kind=GoalKind.SATISFACTION, weight=Decimal(1), target_value=Decimal(120))], "goals.targetValue"),
    ([Goal(kind=GoalKind.SATISFACTION, weight=Decimal(0), target_value=Decimal(90))], "goals.weight"),
    ([Goal(kind=GoalKind.SATISFACTION, weight=Decimal("1e-9"), target_value=Decimal(90))], "goals.weight"),
])
def test_bad_goals_are_refused(goals: list[Goal], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        clean_goals(goals)
    assert error.value.field == field
