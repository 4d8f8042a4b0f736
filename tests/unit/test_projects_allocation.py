"""The project bonus (SPEC §3): pool × A → sides → members by contribution, to the cent."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.domain.org import DepartmentKind
from backend.domain.projects import Actuals, Allocation, Contribution, Goal, GoalKind, allocate_bonus
from backend.domain.rules import DEFAULT_RULES

F, B = DepartmentKind.FRONTLINE, DepartmentKind.BACKEND
DUE = date(2026, 10, 31)
ON_TIME = ([Goal(kind=GoalKind.DELIVERY, weight=Decimal(1), target_date=DUE)], Actuals(delivered_on=DUE))


def member(no: str, side: DepartmentKind, points: int = 0, ratings: tuple[int, ...] = (),
           participation: int = 0) -> Contribution:
    return Contribution(employee_id=int(no[1:]), employee_no=no, name=no, side=side, points_done=Decimal(points),
                        ratings=ratings, participation=participation)


def run(pool: str, members: list[Contribution], split: Decimal = DEFAULT_RULES.project_side_split_frontline,
        goals: tuple = ON_TIME) -> Allocation:
    return allocate_bonus(pool=Decimal(pool), goals=goals[0], actuals=goals[1], side_split_frontline=split,
                          members=members, rules=DEFAULT_RULES)


def amounts(allocation: Allocation) -> dict[str, Decimal]:
    return {m.employee_no: m.amount for m in allocation.members}


def test_default_split_and_contribution_weights() -> None:
    members = [member("F1", F, points=8, ratings=(5,), participation=6),
               member("F2", F, points=2, ratings=(3,), participation=4),
               member("B1", B, points=5, ratings=(4,), participation=10)]
    allocation = run("10000.00", members)

    sides = {s.side: s.amount for s in allocation.sides}
    assert sides == {F: Decimal("6000.00"), B: Decimal("4000.00")}
    # F1: 0.5 × 8/10 + 0.3 × 5/8 + 0.2 × 6/10 = 0.4 + 0.1875 + 0.12 = 0.7075
    assert allocation.member(1).share == Decimal("0.7075")  # type: ignore[union-attr]
    assert amounts(allocation) == {"F1": Decimal("4245.00"), "F2": Decimal("1755.00"), "B1": Decimal("4000.00")}
    assert allocation.rule_version == "1" and allocation.undistributed == 0


def test_attainment_scales_the_pool_half_up() -> None:
    goals = ([Goal(kind=GoalKind.SATISFACTION, weight=Decimal(1), target_value=Decimal(90))],
             Actuals(satisfaction=Decimal(67)))  # A = 67/90
    allocation = run("1000.00", [member("F1", F, points=1)], goals=goals)
    assert allocation.bonus == Decimal("744.44")  # 744.444… half-up
    assert allocation.members[0].amount == Decimal("744.44")


def test_a_side_with_no_members_passes_its_share_to_the_other() -> None:
    allocation = run("1000.00", [member("B1", B, points=3), member("B2", B, points=1)])

    sides = {s.side: (s.effective_split, s.amount) for s in allocation.sides}
    assert sides == {F: (Decimal(0), Decimal("0.00")), B: (Decimal(1), Decimal("1000.00"))}
    assert amounts(allocation) == {"B1": Decimal("750.00"), "B2": Decimal("250.00")}


def test_no_members_at_all_leaves_the_bonus_undistributed() -> None:
    allocation = run("1000.00", [])
    assert allocation.members == () and allocation.undistributed == Decimal("1000.00")


def test_a_component_with_zero_sum_is_dropped_and_its_weight_respread() -> None:
    # Nobody on the frontline got a rating: feedback (0.3) is dropped; points 0.5/0.7, participation 0.2/0.7.
    members = [member("F1", F, points=3, participation=1), member("F2", F, points=1, participation=3),
               member("B1", B, points=1)]
    allocation = run("700.00", members, split=Decimal("1"))

    f1 = allocation.member(1)
    assert f1 is not None
    lines = {line.component: line for line in f1.components}
    assert lines["feedback"].side_total == 0 and lines["feedback"].effective_weight == 0
    assert lines["points"].effective_weight == Decimal("0.5") / Decimal("0.7")
    # 0.5/0.7 × 3/4 + 0.2/0.7 × 1/4 = (1.5 + 0.2) / 2.8
    assert abs(f1.share - Decimal("1.7") / Decimal("2.8")) < Decimal("1e-25")
    assert amounts(allocation) == {"F1": Decimal("425.00"), "F2": Decimal("275.00"), "B1": Decimal("0.00")}


def test_a_side_where_nothing_was_recorded_splits_equally() -> None:
    allocation = run("100.00", [member("F1", F), member("F2", F), member("F3", F)], split=Decimal(1))
    assert all(m.equal_share for m in allocation.members)
    # 33.33 each, the leftover cent to the lowest employee number
    assert amounts(allocation) == {"F1": Decimal("33.34"), "F2": Decimal("33.33"), "F3": Decimal("33.33")}


def test_ties_go_by_employee_number_not_by_input_order() -> None:
    members = [member("B3", B, points=1), member("B1", B, points=1), member("B2", B, points=1)]
    allocation = run("0.02", members)
    assert amounts(allocation) == {"B1": Decimal("0.01"), "B2": Decimal("0.01"), "B3": Decimal("0.00")}


def test_leftover_cents_go_by_employee_number_not_by_internal_id() -> None:
    # Internal ids run against the employee numbers (B1 was entered last), so the two orders differ.
    members = [Contribution(employee_id=30, employee_no="B1", name="B1", side=B, points_done=Decimal(1)),
               Contribution(employee_id=10, employee_no="B3", name="B3", side=B, points_done=Decimal(1)),
               Contribution(employee_id=20, employee_no="B2", name="B2", side=B, points_done=Decimal(1))]
    allocation = run("0.02", members)
    assert amounts(allocation) == {"B1": Decimal("0.01"), "B2": Decimal("0.01"), "B3": Decimal("0.00")}
    assert [m.employee_no for m in allocation.members] == ["B1", "B2", "B3"]


def test_a_tie_between_the_sides_remainders_goes_to_the_frontline() -> None:
    allocation = run("0.01", [member("B1", B, points=1), member("F1", F, points=1)], split=Decimal("0.5"))
    sides = {s.side: (s.amount, s.leftover_cent) for s in allocation.sides}
    assert sides == {F: (Decimal("0.01"), True), B: (Decimal("0.00"), False)}


def test_the_frozen_form_round_trips() -> None:
    allocation = run("1234.56", [member("F1", F, points=2, ratings=(4, 5), participation=3),
                                 member("B1", B, participation=1)])
    assert Allocation.from_json(allocation.to_json()) == allocation


contributions = st.lists(
    st.builds(lambda no, side, points, ratings, participation: (no, side, points, tuple(ratings), participation),
              st.integers(1, 9999), st.sampled_from([F, B]), st.integers(0, 40),
              st.lists(st.integers(1, 5), max_size=4), st.integers(0, 50)),
    max_size=12, unique_by=lambda c: c[0])


@settings(max_examples=300, deadline=None)
@given(pool_cents=st.integers(0, 10**10), split=st.decimals(0, 1, places=2), members=contributions,
       late_days=st.integers(0, 45))
def test_parts_sum_exactly_to_the_bonus(pool_cents: int, split: Decimal, members: list[tuple],
                                        late_days: int) -> None:
    goals = ([Goal(kind=GoalKind.DELIVERY, weight=Decimal(1), target_date=DUE)],
             Actuals(delivered_on=date.fromordinal(DUE.toordinal() + late_days)))
    people = [Contribution(employee_id=no, employee_no=f"E{no:05d}", name="x", side=side,
                           points_done=Decimal(points), ratings=ratings, participation=participation)
              for no, side, points, ratings, participation in members]
    allocation = run(str(Decimal(pool_cents) / 100), people, split=split, goals=goals)

    assert sum((m.amount for m in allocation.members), Decimal(0)) + allocation.undistributed == allocation.bonus
    assert sum((s.amount for s in allocation.sides), Decimal(0)) == (allocation.bonus if people else 0)
    for share in allocation.members:
        assert share.amount >= 0
        floor = share.exact_amount.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        assert share.amount == floor + (Decimal("0.01") if share.leftover_cent else 0)
    if people:
        assert allocation.undistributed == 0


def test_a_tie_between_the_sides_goes_to_the_frontline_and_the_explanation_says_so() -> None:
    # 0.01 split 50/50: both sides' remainders are half a cent; the frontline gets the cent, whatever the
    # order the members come in.
    for members in ([member("B1", B, points=1), member("F1", F, points=1)],
                    [member("F1", F, points=1), member("B1", B, points=1)]):
        allocation = run("0.01", members, split=Decimal("0.5"))
        sides = {s.side: s for s in allocation.sides}
        assert (sides[F].amount, sides[B].amount) == (Decimal("0.01"), Decimal("0.00"))
        assert sides[F].leftover_cent and not sides[B].leftover_cent
    assert "a tie between the two sides goes to the frontline" in allocation.rounding
    assert "lower employee number" in allocation.rounding


def test_an_allocation_frozen_before_the_explanations_still_reads() -> None:
    frozen = run("100.00", [member("F1", F, points=2, participation=3)]).to_json()
    del frozen["rounding"]
    for line in frozen["members"][0]["components"]:
        del line["basis"]
    for key in ("moves", "comments", "cards_rated"):
        del frozen["members"][0][key]

    allocation = Allocation.from_json(frozen)

    assert "frontline" in allocation.rounding
    assert allocation.members[0].amount == Decimal("100.00")


def test_an_estimate_counts_lateness_so_far_and_names_its_inputs() -> None:
    # Not delivered yet, 6 days past the due date: delivery counts 1 − 6/30 = 0.8 so far, and is marked assumed.
    allocation = allocate_bonus(pool=Decimal("1000.00"), goals=ON_TIME[0], actuals=Actuals(),
                                side_split_frontline=Decimal("0.6"), members=[member("F1", F, points=1)],
                                rules=DEFAULT_RULES, as_of=date(2026, 11, 6))
    assert (allocation.attainment, allocation.bonus) == (Decimal("0.8"), Decimal("800.00"))
    assert allocation.goals[0].assumed and allocation.goals[0].actual is None
    assert allocation.weights == {"points": Decimal("0.5"), "feedback": Decimal("0.3"),
                                  "participation": Decimal("0.2")}
    assert Allocation.from_json(allocation.to_json()) == allocation  # an assumed goal survives freezing
    assert allocation.member(1) is not None and allocation.member(999) is None


def test_shares_are_reported_as_fractions_of_the_side() -> None:
    equal = run("90.00", [member("F1", F), member("F2", F), member("F3", F)], split=Decimal(1))
    assert [(m.share, m.equal_share) for m in equal.members] == [(Decimal(1) / 3, True)] * 3
    weighted = run("90.00", [member("F1", F, points=2), member("F2", F, points=1)], split=Decimal(1))
    assert [(m.share, m.equal_share) for m in weighted.members] == [(Decimal(2) / 3, False), (Decimal(1) / 3, False)]


def test_each_component_names_its_basis_and_participation_its_breakdown() -> None:
    mover = Contribution(employee_id=1, employee_no="F1", name="F1", side=F, points_done=Decimal(2), ratings=(4, 5),
                         participation=6, moves=3, comments=2, cards_rated=1)
    allocation = run("100.00", [mover])
    share = allocation.members[0]
    assert (share.moves, share.comments, share.cards_rated) == (3, 2, 1)
    basis = {line.component: line.basis for line in share.components}
    assert basis["points"] == "story points of their cards in the last column"
    assert basis["feedback"] == "mean of the 2 rating(s) received on those cards (0 if none)"
    assert basis["participation"].startswith("3 move(s) + 2 comment(s) + 1 card(s) rated: ")
    # The breakdown survives freezing; an allocation frozen before it existed reads as zeros and no basis.
    assert Allocation.from_json(allocation.to_json()) == allocation
    old = allocation.to_json()
    for key in ("moves", "comments", "cards_rated"):
        del old["members"][0][key]
    for line in old["members"][0]["components"]:
        del line["basis"]
    del old["rounding"]
    read = Allocation.from_json(old).members[0]
    assert (read.moves, read.comments, read.cards_rated) == (0, 0, 0)
    assert {line.basis for line in read.components} == {""}
    assert Allocation.from_json(old).rounding == allocation.rounding


def test_a_frozen_allocation_keeps_the_rounding_text_it_was_frozen_with() -> None:
    frozen = run("10.00", [member("F1", F, points=1)]).to_json()
    frozen["rounding"] = "the rule as it was written then"
    assert Allocation.from_json(frozen).rounding == "the rule as it was written then"
