"""Cross-department projects (SPEC §3): board rules, goal attainment and the project bonus allocation.

Pure: no ORM, no GraphQL. Every parameter comes from a `RuleSet`; an allocation names the version it used and
carries every input, weight and intermediate figure, so a member can recompute their own amount by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import Enum
from typing import Any

from backend.domain.access import Scope, Viewer, ViewerKind
from backend.domain.errors import Conflict, DomainError, ErrorCode, PermissionDenied, ValidationError
from backend.domain.money import CENT, ZERO, allocate, to_money
from backend.domain.org import DepartmentKind, Role, clean_amount, clean_text
from backend.domain.rules import RuleSet

DEFAULT_COLUMNS: tuple[str, ...] = ("To do", "Doing", "Review", "Done")
MAX_COLUMNS = 12
MAX_WIP_LIMIT = 10_000
MAX_STORY_POINTS = 100
MAX_TITLE_LENGTH = 200
MAX_TEXT_LENGTH = 4000
MAX_SATISFACTION = Decimal(100)
ONE = Decimal(1)


class ProjectStatus(str, Enum):
    ACTIVE = "ACTIVE"
    DELIVERED = "DELIVERED"
    CLOSED = "CLOSED"


class GoalKind(str, Enum):
    DELIVERY = "DELIVERY"  # target: a due date; actual: the delivery date
    SATISFACTION = "SATISFACTION"  # target and actual: a customer satisfaction score, 0–100
    REVENUE = "REVENUE"  # target and actual: yuan


class BoardEventKind(str, Enum):
    TASK_CREATED = "TASK_CREATED"
    TASK_UPDATED = "TASK_UPDATED"
    TASK_ASSIGNED = "TASK_ASSIGNED"
    TASK_MOVED = "TASK_MOVED"
    TASK_COMMENTED = "TASK_COMMENTED"
    TASK_RATED = "TASK_RATED"
    MEMBER_ADDED = "MEMBER_ADDED"
    BOARD_CONFIGURED = "BOARD_CONFIGURED"
    PROJECT_CLOSED = "PROJECT_CLOSED"


# The board events that count as a member's participation (SPEC §3: moves, comments, ratings). Moves and
# comments count each; a rating counts once per rater and card: a re-rating replaces it and adds nothing.
PARTICIPATION_KINDS = frozenset({BoardEventKind.TASK_MOVED, BoardEventKind.TASK_COMMENTED, BoardEventKind.TASK_RATED})

# The order in which the sides receive the cents left over after flooring: a tie between the two sides'
# remainders goes to the frontline (SPEC §3). Ties between members go by employee number, ascending.
SIDE_TIE_ORDER: tuple[DepartmentKind, ...] = (DepartmentKind.FRONTLINE, DepartmentKind.BACKEND)
ROUNDING_RULE = ("Whole cents by largest remainder: every part gets its amount floored to the cent, then the cents "
                 "left over go one each to the largest remainders; a tie between the two sides goes to the "
                 "frontline, a tie between members to the lower employee number.")
PARTICIPATION_RULE = ("board events the member authored: each move and each comment counts; a rating counts once "
                      "per rater and card (rating a card again replaces the rating and adds nothing)")


class InvalidTransition(DomainError):
    code = ErrorCode.INVALID_TRANSITION


# --- who may do what ------------------------------------------------------------------------


def can_read_projects(viewer: Viewer) -> bool:
    """Boards and their bonus figures are open to every colleague (transparency), and to partners with
    read:projects."""
    return viewer.is_employee or viewer.kind is ViewerKind.SYSTEM or viewer.has_scope(Scope.READ_PROJECTS)


def visible_member_amounts(viewer: Viewer, *, member_departments: Mapping[int, int]) -> frozenset[int]:
    """Whose individual bonus amounts a viewer may read (SPEC §7): everyone's for HR/admins, the system,
    read:payroll partners and the project's own members; a manager, those of members in the manager's
    department; nobody's for anyone else. The rules, attainment, pool, side amounts and each member's
    contribution inputs stay readable by every colleague: anyone can check the calculation, but the API
    names an individual's figure only to those SPEC §7 allows."""
    members = frozenset(member_departments)
    if viewer.is_hr or viewer.has_scope(Scope.READ_PAYROLL) or viewer.employee_id in members:
        return members
    if viewer.has_role(Role.MANAGER) and viewer.department_id is not None:
        return frozenset(m for m, department in member_departments.items() if department == viewer.department_id)
    return frozenset()


def can_configure(viewer: Viewer, *, owner_id: int) -> bool:
    """The owner, a manager, HR/admins and the system configure and close a project."""
    return (viewer.kind is ViewerKind.SYSTEM or viewer.employee_id == owner_id
            or viewer.has_role(Role.MANAGER, Role.HR, Role.ADMIN))


def can_create_project(viewer: Viewer) -> bool:
    return viewer.kind is ViewerKind.SYSTEM or viewer.has_role(Role.MANAGER, Role.HR, Role.ADMIN)


def check_configure(viewer: Viewer, *, owner_id: int) -> None:
    if not can_configure(viewer, owner_id=owner_id):
        raise PermissionDenied("only the project owner or a manager may configure or close this project")


def check_board_edit(viewer: Viewer, *, member_ids: frozenset[int] | set[int]) -> None:
    """Only members edit the board (the system, loading demo data, acts for them)."""
    if viewer.kind is ViewerKind.SYSTEM:
        return
    if viewer.employee_id is None or viewer.employee_id not in member_ids:
        raise PermissionDenied("only members of the project may change its board")


def check_writable(status: ProjectStatus) -> None:
    if status is ProjectStatus.CLOSED:
        raise InvalidTransition("the project is closed: its board and settings are read-only")


# --- input cleaning --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    wip_limit: int | None = None
    id: int | None = None  # an existing column being kept (renamed, re-limited, reordered)


def clean_wip_limit(value: int | None, *, field: str = "wipLimit") -> int | None:
    if value is None:
        return None
    if not 1 <= value <= MAX_WIP_LIMIT:
        raise ValidationError(f"a WIP limit must be between 1 and {MAX_WIP_LIMIT}", field=field)
    return value


def clean_columns(columns: Sequence[ColumnSpec]) -> list[ColumnSpec]:
    if not 2 <= len(columns) <= MAX_COLUMNS:
        raise ValidationError(f"a board needs between 2 and {MAX_COLUMNS} columns", field="columns")
    cleaned = [ColumnSpec(name=clean_text(c.name, field="columns.name", max_length=50),
                          wip_limit=clean_wip_limit(c.wip_limit, field="columns.wipLimit"), id=c.id)
               for c in columns]
    names = [c.name.casefold() for c in cleaned]
    if len(set(names)) != len(names):
        raise ValidationError("column names must be distinct", field="columns.name")
    ids = [c.id for c in cleaned if c.id is not None]
    if len(set(ids)) != len(ids):
        raise ValidationError("a column may appear once", field="columns.id")
    return cleaned


def default_columns() -> list[ColumnSpec]:
    return [ColumnSpec(name=name) for name in DEFAULT_COLUMNS]


def clean_story_points(value: int) -> int:
    if not 0 <= value <= MAX_STORY_POINTS:
        raise ValidationError(f"story points must be between 0 and {MAX_STORY_POINTS}", field="storyPoints")
    return value


def clean_title(value: str) -> str:
    return clean_text(value, field="title", max_length=MAX_TITLE_LENGTH)


def clean_body(value: str, *, field: str = "body", required: bool = True) -> str:
    # Line breaks are welcome in descriptions and comments; other control characters are not.
    text = value.replace("\r\n", "\n").strip()
    cleaned = clean_text(text.replace("\n", " ").replace("\t", " "), field=field, max_length=MAX_TEXT_LENGTH,
                         required=required)
    return text if cleaned else ""


def clean_rating(value: int) -> int:
    if not 1 <= value <= 5:
        raise ValidationError("a rating is 1 to 5 stars", field="rating")
    return value


def _at_most_4_places(value: Decimal) -> bool:
    return value.is_finite() and value == value.quantize(Decimal("0.0001"))


def clean_side_split(value: Decimal) -> Decimal:
    """The frontline share of the bonus, in [0, 1]; the backend gets the rest."""
    if not _at_most_4_places(value) or not ZERO <= value <= ONE:
        raise ValidationError("the frontline side split must be between 0 and 1 (4 decimal places)",
                              field="sideSplitFrontline")
    return value


def clean_pool(value: Decimal) -> Decimal:
    return clean_amount(value, field="bonusPool")


@dataclass(frozen=True, slots=True)
class Goal:
    kind: GoalKind
    weight: Decimal
    target_date: date | None = None  # DELIVERY
    target_value: Decimal | None = None  # SATISFACTION (0–100) and REVENUE (yuan)


def clean_goals(goals: Sequence[Goal]) -> list[Goal]:
    if not goals:
        raise ValidationError("a project needs at least one goal", field="goals")
    kinds = [g.kind for g in goals]
    if len(set(kinds)) != len(kinds):
        raise ValidationError("each kind of goal may appear once", field="goals.kind")
    cleaned = []
    for goal in goals:
        if not _at_most_4_places(goal.weight) or not ZERO < goal.weight <= Decimal(1000):
            raise ValidationError("a goal weight must be positive (up to 1000, 4 decimal places)",
                                  field="goals.weight")
        if goal.kind is GoalKind.DELIVERY:
            if goal.target_date is None:
                raise ValidationError("a delivery goal needs a due date", field="goals.targetDate")
            cleaned.append(Goal(kind=goal.kind, weight=goal.weight, target_date=goal.target_date))
            continue
        target = goal.target_value
        if target is None or not target.is_finite() or target <= 0:
            raise ValidationError(f"a {goal.kind.value.lower()} goal needs a positive target",
                                  field="goals.targetValue")
        if goal.kind is GoalKind.SATISFACTION and target > MAX_SATISFACTION:
            raise ValidationError("a satisfaction target is a score up to 100", field="goals.targetValue")
        if goal.kind is GoalKind.REVENUE:
            target = clean_amount(target, field="goals.targetValue", allow_zero=False)
        cleaned.append(Goal(kind=goal.kind, weight=goal.weight, target_value=target))
    return cleaned


# --- board: positions, WIP limits, versions -------------------------------------------------


@dataclass(frozen=True, slots=True)
class MovePlan:
    """Where a card lands: its column and position (0-based, dense within the column)."""

    column_id: int
    position: int
    same_column: bool
    others_in_target: int  # the target's other cards: a position equal to it appends at the end


def plan_move(*, task_version: int, expected_version: int, from_column_id: int, to_column_id: int,
              wanted_position: int, others_in_target: int, wip_limit: int | None) -> MovePlan:
    """Decide a move: refuse a stale version or a move over the target's WIP limit; clamp the position.

    `others_in_target` counts the target column's cards other than the one moving.
    """
    if expected_version != task_version:
        raise Conflict(f"the card changed since you saw it (version {expected_version}, now {task_version}); "
                       "reload it and move again", field="expectedVersion")
    if wanted_position < 0:
        raise ValidationError("a position cannot be negative", field="position")
    same = from_column_id == to_column_id
    if not same and wip_limit is not None and others_in_target + 1 > wip_limit:
        raise ValidationError(f"the column's WIP limit is {wip_limit} and it already holds {others_in_target}",
                              field="columnId")
    return MovePlan(column_id=to_column_id, position=min(wanted_position, others_in_target), same_column=same,
                    others_in_target=others_in_target)


def check_room(*, cards_in_column: int, wip_limit: int | None) -> None:
    """A new card goes into a column only below its WIP limit."""
    if wip_limit is not None and cards_in_column + 1 > wip_limit:
        raise ValidationError(f"the column's WIP limit is {wip_limit} and it is full", field="columnId")


def apply_move(columns: Mapping[int, list[int]], *, task_id: int, to_column_id: int,
               position: int) -> dict[int, list[int]]:
    """The board after a move (column id -> card ids in order): what a client does to patch its copy."""
    board = {column: [t for t in cards if t != task_id] for column, cards in columns.items()}
    target = board[to_column_id]
    target.insert(min(max(position, 0), len(target)), task_id)
    return board


def check_rating(*, rater_id: int | None, assignee_id: int | None, in_last_column: bool) -> None:
    if assignee_id is not None and rater_id == assignee_id:
        raise PermissionDenied("nobody rates their own task", field="taskId")
    if not in_last_column:
        raise ValidationError("only done tasks (in the last column) can be rated", field="taskId")


# --- goal attainment ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actuals:
    delivered_on: date | None = None
    satisfaction: Decimal | None = None
    revenue: Decimal | None = None


@dataclass(frozen=True, slots=True)
class GoalAttainment:
    kind: GoalKind
    weight: Decimal
    target: str  # a date or a number, as text
    actual: str | None  # None: not known yet (an estimate assumes the goal met)
    attainment: Decimal
    formula: str
    assumed: bool = False


def goal_attainment(goal: Goal, actuals: Actuals, rules: RuleSet, *, as_of: date | None = None) -> GoalAttainment:
    """One goal's attainment in [0, 1]. Unknown actuals (an open project's estimate) are assumed met, except
    that a delivery already late on `as_of` counts as late by that many days."""
    if goal.kind is GoalKind.DELIVERY:
        assert goal.target_date is not None
        grace = rules.project_delivery_grace_days
        delivered = actuals.delivered_on
        assumed = delivered is None
        if delivered is None:
            delivered = max(as_of, goal.target_date) if as_of is not None else goal.target_date
        days_late = max(0, (delivered - goal.target_date).days)
        value = ONE if days_late == 0 else max(ZERO, ONE - Decimal(days_late) / Decimal(grace))
        return GoalAttainment(kind=goal.kind, weight=goal.weight, target=goal.target_date.isoformat(),
                              actual=None if assumed else delivered.isoformat(), attainment=value, assumed=assumed,
                              formula=f"1 if delivered by the due date, else max(0, 1 − days late / {grace}); "
                                      f"days late = {days_late}")
    assert goal.target_value is not None
    actual = actuals.satisfaction if goal.kind is GoalKind.SATISFACTION else actuals.revenue
    if actual is None:
        return GoalAttainment(kind=goal.kind, weight=goal.weight, target=_number(goal.target_value), actual=None,
                              attainment=ONE, assumed=True, formula="assumed met until the project closes")
    return GoalAttainment(kind=goal.kind, weight=goal.weight, target=_number(goal.target_value),
                          actual=_number(actual), attainment=min(ONE, actual / goal.target_value),
                          formula="min(1, actual / target)")


def attainment(goals: Sequence[Goal], actuals: Actuals, rules: RuleSet, *,
               as_of: date | None = None) -> tuple[Decimal, list[GoalAttainment]]:
    """A = Σ weight × attainment / Σ weight, in [0, 1] (full precision)."""
    if not goals:
        raise ValidationError("a project needs at least one goal", field="goals")
    lines = [goal_attainment(goal, actuals, rules, as_of=as_of) for goal in goals]
    total_weight = sum((line.weight for line in lines), ZERO)
    value = sum((line.weight * line.attainment for line in lines), ZERO) / total_weight
    return value, lines


def check_actuals(actuals: Actuals, *, started_on: date) -> Actuals:
    if actuals.delivered_on is not None and actuals.delivered_on < started_on:
        raise ValidationError("the project cannot be delivered before it started", field="deliveredOn")
    satisfaction = actuals.satisfaction
    if satisfaction is not None and (not satisfaction.is_finite() or not ZERO <= satisfaction <= MAX_SATISFACTION):
        raise ValidationError("satisfaction is a score between 0 and 100", field="satisfaction")
    revenue = actuals.revenue
    if revenue is not None:
        revenue = clean_amount(revenue, field="revenue")
    return Actuals(delivered_on=actuals.delivered_on, satisfaction=satisfaction, revenue=revenue)


# --- the bonus allocation -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one member brought to the board (inputs of the split within their side)."""

    employee_id: int
    employee_no: str
    name: str
    side: DepartmentKind
    points_done: Decimal = ZERO  # story points of their tasks in the last column
    ratings: tuple[int, ...] = ()  # every rating received on those tasks
    participation: int = 0  # moves + comments + cards rated (see PARTICIPATION_RULE)
    moves: int = 0  # the breakdown of `participation`, for the explanation
    comments: int = 0
    cards_rated: int = 0

    @property
    def feedback(self) -> Decimal:
        """Mean rating received on done tasks, 0 if none."""
        if not self.ratings:
            return ZERO
        return Decimal(sum(self.ratings)) / Decimal(len(self.ratings))


COMPONENTS = ("points", "feedback", "participation")


@dataclass(frozen=True, slots=True)
class ComponentLine:
    component: str
    value: Decimal  # the member's value
    side_total: Decimal  # Σ over the side
    weight: Decimal  # the rule's weight
    effective_weight: Decimal  # after dropping components whose side total is 0 and re-spreading
    part: Decimal  # effective_weight × value / side_total (0 when dropped)
    basis: str = ""  # what the value counts, in words


@dataclass(frozen=True, slots=True)
class MemberShare:
    employee_id: int
    employee_no: str
    name: str
    side: DepartmentKind
    components: tuple[ComponentLine, ...]
    share: Decimal  # of the side's amount: Σ parts (or 1/n when every component is 0)
    equal_share: bool  # every component summed to 0 on the side: an equal split
    exact_amount: Decimal  # side amount × share, unrounded
    amount: Decimal  # whole cents: floor(exact) + the leftover cent when received
    leftover_cent: bool  # received one of the cents left after flooring (largest remainder)
    moves: int = 0  # what their participation counted
    comments: int = 0
    cards_rated: int = 0


@dataclass(frozen=True, slots=True)
class SideShare:
    side: DepartmentKind
    split: Decimal  # the configured split for this side
    effective_split: Decimal  # 1 when the other side has no members, 0 when this one has none
    exact_amount: Decimal
    amount: Decimal
    leftover_cent: bool
    members: int


@dataclass(frozen=True, slots=True)
class Allocation:
    rule_version: str
    pool: Decimal
    attainment: Decimal
    goals: tuple[GoalAttainment, ...]
    bonus: Decimal  # pool × A, to the cent half-up
    sides: tuple[SideShare, ...]
    members: tuple[MemberShare, ...]
    undistributed: Decimal  # nobody to pay (a project without members)
    weights: Mapping[str, Decimal] = field(default_factory=dict)
    rounding: str = ROUNDING_RULE

    def member(self, employee_id: int) -> MemberShare | None:
        return next((m for m in self.members if m.employee_id == employee_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_version": self.rule_version, "pool": str(self.pool), "attainment": str(self.attainment),
            "bonus": str(self.bonus), "undistributed": str(self.undistributed),
            "weights": {k: str(v) for k, v in self.weights.items()}, "rounding": self.rounding,
            "goals": [{"kind": g.kind.value, "weight": str(g.weight), "target": g.target, "actual": g.actual,
                       "attainment": str(g.attainment), "formula": g.formula, "assumed": g.assumed}
                      for g in self.goals],
            "sides": [{"side": s.side.value, "split": str(s.split), "effective_split": str(s.effective_split),
                       "exact_amount": str(s.exact_amount), "amount": str(s.amount),
                       "leftover_cent": s.leftover_cent, "members": s.members} for s in self.sides],
            "members": [{"employee_id": m.employee_id, "employee_no": m.employee_no, "name": m.name,
                         "side": m.side.value, "share": str(m.share), "equal_share": m.equal_share,
                         "exact_amount": str(m.exact_amount), "amount": str(m.amount),
                         "leftover_cent": m.leftover_cent, "moves": m.moves, "comments": m.comments,
                         "cards_rated": m.cards_rated,
                         "components": [{"component": c.component, "value": str(c.value),
                                         "side_total": str(c.side_total), "weight": str(c.weight),
                                         "effective_weight": str(c.effective_weight), "part": str(c.part),
                                         "basis": c.basis}
                                        for c in m.components]} for m in self.members],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Allocation:
        return cls(
            rule_version=data["rule_version"], pool=Decimal(data["pool"]), attainment=Decimal(data["attainment"]),
            bonus=Decimal(data["bonus"]), undistributed=Decimal(data["undistributed"]),
            weights={k: Decimal(v) for k, v in data["weights"].items()},
            # Allocations frozen before these were explained keep the rule that applied (the same words).
            rounding=data.get("rounding", ROUNDING_RULE),
            goals=tuple(GoalAttainment(kind=GoalKind(g["kind"]), weight=Decimal(g["weight"]), target=g["target"],
                                       actual=g["actual"], attainment=Decimal(g["attainment"]),
                                       formula=g["formula"], assumed=g["assumed"]) for g in data["goals"]),
            sides=tuple(SideShare(side=DepartmentKind(s["side"]), split=Decimal(s["split"]),
                                  effective_split=Decimal(s["effective_split"]),
                                  exact_amount=Decimal(s["exact_amount"]), amount=Decimal(s["amount"]),
                                  leftover_cent=s["leftover_cent"], members=s["members"]) for s in data["sides"]),
            members=tuple(MemberShare(
                employee_id=m["employee_id"], employee_no=m["employee_no"], name=m["name"],
                side=DepartmentKind(m["side"]), share=Decimal(m["share"]), equal_share=m["equal_share"],
                exact_amount=Decimal(m["exact_amount"]), amount=Decimal(m["amount"]),
                leftover_cent=m["leftover_cent"], moves=m.get("moves", 0), comments=m.get("comments", 0),
                cards_rated=m.get("cards_rated", 0),
                components=tuple(ComponentLine(component=c["component"], value=Decimal(c["value"]),
                                               side_total=Decimal(c["side_total"]), weight=Decimal(c["weight"]),
                                               effective_weight=Decimal(c["effective_weight"]),
                                               part=Decimal(c["part"]), basis=c.get("basis", ""))
                                 for c in m["components"]))
                for m in data["members"]),
        )


def _floor_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_DOWN)


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _component_values(member: Contribution) -> dict[str, Decimal]:
    return {"points": member.points_done, "feedback": member.feedback,
            "participation": Decimal(member.participation)}


def _basis(member: Contribution, component: str) -> str:
    if component == "points":
        return "story points of their cards in the last column"
    if component == "feedback":
        return f"mean of the {len(member.ratings)} rating(s) received on those cards (0 if none)"
    return (f"{member.moves} move(s) + {member.comments} comment(s) + {member.cards_rated} card(s) rated: "
            f"{PARTICIPATION_RULE}")


def side_shares(members: Sequence[Contribution], rules: RuleSet) -> list[tuple[Decimal, bool, list[ComponentLine]]]:
    """Each member's share of their side (the members all of one side), with its component lines."""
    weights = component_weights(rules)
    values = [_component_values(m) for m in members]
    totals = {c: sum((v[c] for v in values), ZERO) for c in COMPONENTS}
    kept = sum((weights[c] for c in COMPONENTS if totals[c] > 0), ZERO)
    result = []
    for member, member_values in zip(members, values, strict=True):
        lines = []
        for c in COMPONENTS:
            effective = weights[c] / kept if totals[c] > 0 else ZERO
            part = effective * member_values[c] / totals[c] if totals[c] > 0 else ZERO
            lines.append(ComponentLine(component=c, value=member_values[c], side_total=totals[c],
                                       weight=weights[c], effective_weight=effective, part=part,
                                       basis=_basis(member, c)))
        if kept == 0:  # nothing recorded on the side at all: an equal split
            result.append((ONE / Decimal(len(members)), True, lines))
        else:
            result.append((sum((line.part for line in lines), ZERO), False, lines))
    return result


def component_weights(rules: RuleSet) -> dict[str, Decimal]:
    return {"points": rules.project_weight_points, "feedback": rules.project_weight_feedback,
            "participation": rules.project_weight_participation}


def allocate_bonus(*, pool: Decimal, goals: Sequence[Goal], actuals: Actuals, side_split_frontline: Decimal,
                   members: Sequence[Contribution], rules: RuleSet, as_of: date | None = None) -> Allocation:
    """pool × A → sides by the split (an empty side passes its share on) → members by contribution.

    Every split is in whole cents by largest remainder (ROUNDING_RULE: a tie between the sides goes to the
    frontline, between members to the lower employee number), so the parts always sum exactly to the bonus.
    """
    a, goal_lines = attainment(goals, actuals, rules, as_of=as_of)
    bonus = to_money(pool * a)
    by_side = {side: sorted((m for m in members if m.side is side), key=lambda m: m.employee_no)
               for side in SIDE_TIE_ORDER}
    split = {DepartmentKind.FRONTLINE: side_split_frontline, DepartmentKind.BACKEND: ONE - side_split_frontline}
    populated = [side for side, side_members in by_side.items() if side_members]
    if len(populated) == 1:
        effective = {side: ONE if side in populated else ZERO for side in by_side}
    elif populated and split[DepartmentKind.FRONTLINE] + split[DepartmentKind.BACKEND] > 0:
        effective = split
    else:
        effective = {side: ZERO for side in by_side}
    side_amounts: dict[DepartmentKind, Decimal] = {side: ZERO for side in by_side}
    if any(w > 0 for w in effective.values()):
        side_amounts = allocate(bonus, effective, order=list(SIDE_TIE_ORDER))  # a tie goes to the frontline
    sides = []
    shares: list[MemberShare] = []
    for side, side_members in by_side.items():
        amount = side_amounts[side]
        exact = bonus * effective[side]
        sides.append(SideShare(side=side, split=split[side], effective_split=effective[side], exact_amount=exact,
                               amount=amount, leftover_cent=amount > _floor_cents(exact),
                               members=len(side_members)))
        if not side_members:
            continue
        computed = side_shares(side_members, rules)
        member_amounts = allocate(amount, {m.employee_id: share for m, (share, _, _) in zip(side_members, computed,
                                                                                             strict=True)},
                                  order=[m.employee_id for m in side_members])
        for member, (share, equal, lines) in zip(side_members, computed, strict=True):
            member_exact = amount * share
            paid = member_amounts[member.employee_id]
            shares.append(MemberShare(
                employee_id=member.employee_id, employee_no=member.employee_no, name=member.name, side=side,
                components=tuple(lines), share=share, equal_share=equal, exact_amount=member_exact, amount=paid,
                leftover_cent=paid > _floor_cents(member_exact), moves=member.moves, comments=member.comments,
                cards_rated=member.cards_rated))
    distributed = sum((s.amount for s in shares), ZERO)
    return Allocation(rule_version=rules.version, pool=pool, attainment=a, goals=tuple(goal_lines), bonus=bonus,
                      sides=tuple(sides), members=tuple(shares), undistributed=bonus - distributed,
                      weights=component_weights(rules))


def check_close(status: ProjectStatus) -> None:
    if status is ProjectStatus.CLOSED:
        raise InvalidTransition("the project is already closed; its allocation is frozen")
