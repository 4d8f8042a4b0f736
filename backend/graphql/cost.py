"""What a query costs to answer, estimated from its document before anything runs.

cost(field) = size × (1 + Σ cost(sub-fields)), where size is how many values the field yields: its `first`
argument (the literal, the variable's value or the argument's default) when it has one, an estimate for a list
without one (LIST_SIZES, else DEFAULT_LIST_SIZE), and 1 for anything else. The list fields of a `…Connection`
are sized by the connection's `first`, so they count 1. Introspection counts 1 (it is served from memory and
off in production).

The plan (which sizes multiply which fields) depends on the document only: it is built once per document and
operation (LRU, beside the parse and validation caches) and then evaluated against each request's variables,
a walk over a few dozen numbers. Nothing runs per resolved field.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

DEFAULT_MAX_COST = 50_000
DEFAULT_LIST_SIZE = 20
# Typical sizes of lists that have no `first` (what a page shows, not a worst case: the limit has margin).
LIST_SIZES: dict[tuple[str, str], int] = {
    ("Query", "regions"): 50,
    ("Query", "departments"): 50,
    ("Query", "projects"): 200,
    ("Project", "columns"): 6,
    ("BoardColumn", "tasks"): 100,
    ("Task", "comments"): 3,
    ("Task", "ratings"): 3,
    ("Employee", "history"): 10,
    # Explained figures (SPEC §7): a formula has a few inputs, each from a few records, and sums a few parts; a
    # counter's trend has a point per day of the month.
    ("Explanation", "inputs"): 6,
    ("ExplanationInput", "sources"): 5,
    ("Explanation", "parts"): 10,
    ("RewardCounter", "trend"): 31,
    ("CollaborationFund", "regions"): 20,
    ("FundRegion", "members"): 30,
}


@dataclass(frozen=True, slots=True)
class Size:
    """A field's size: fixed, or the value of a variable (with the argument's default when it is absent)."""

    fixed: int
    variable: str | None = None

    def value(self, variables: Mapping[str, Any]) -> int:
        if self.variable is None:
            return self.fixed
        given = variables.get(self.variable)
        return given if isinstance(given, int) and not isinstance(given, bool) and given > 0 else self.fixed


@dataclass(frozen=True, slots=True)
class Plan:
    size: Size
    children: tuple[Plan, ...]

    def cost(self, variables: Mapping[str, Any], memo: dict[int, int]) -> int:
        # Memoised by plan: a fragment spread in many places is one shared plan, evaluated once.
        known = memo.get(id(self))
        if known is None:
            known = memo[id(self)] = self.size.value(variables) * (
                1 + sum(child.cost(variables, memo) for child in self.children))
        return known


ONE = Size(1)


class _Planner:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self._memo: dict[tuple[int, str], tuple[Plan, ...]] = {}

    def selections(self, selection_set: SelectionSetNode | None, parent: Any) -> tuple[Plan, ...]:
        if selection_set is None or parent is None:
            return ()
        key = (id(selection_set), parent.name)
        if key in self._memo:  # a fragment spread in many places is planned once
            return self._memo[key]
        self._memo[key] = ()  # a cycle (refused by validation anyway) costs nothing more
        plans: list[Plan] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                plan = self.field(selection, parent)
                if plan is not None:
                    plans.append(plan)
            elif isinstance(selection, InlineFragmentNode):
                target = self.schema.get_type(selection.type_condition.name.value) \
                    if selection.type_condition else parent
                plans.extend(self.selections(selection.selection_set, target))
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    target = self.schema.get_type(fragment.type_condition.name.value)
                    plans.extend(self.selections(fragment.selection_set, target))
        self._memo[key] = tuple(plans)
        return self._memo[key]

    def field(self, node: FieldNode, parent: Any) -> Plan | None:
        name = node.name.value
        if name.startswith("__"):
            return Plan(ONE, ())
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return None  # a union selects only __typename and fragments
        definition = parent.fields.get(name)
        if definition is None:
            return None
        return_type = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
        named = get_named_type(return_type)
        children = self.selections(node.selection_set, named) if isinstance(
            named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType) else ()
        return Plan(self.size(node, parent, name, definition, return_type), children)

    def size(self, node: FieldNode, parent: Any, name: str, definition: Any, return_type: Any) -> Size:
        first = definition.args.get("first")
        if first is not None:
            default = first.default_value if isinstance(first.default_value, int) else DEFAULT_LIST_SIZE
            argument = next((a for a in node.arguments or () if a.name.value == "first"), None)
            if argument is None:
                return Size(default)
            if isinstance(argument.value, IntValueNode):
                return Size(max(1, int(argument.value.value)))
            if isinstance(argument.value, VariableNode):
                return Size(default, argument.value.name.value)
            return Size(default)
        if isinstance(return_type, GraphQLList) and not parent.name.endswith("Connection"):
            return Size(LIST_SIZES.get((parent.name, name), DEFAULT_LIST_SIZE))
        return ONE


class _ByDocument:
    """An LRU keyed by the document object itself (ParserCache hands out one object per query text): hashing a
    graphql-core document walks the whole tree, which would cost more than the estimate."""

    def __init__(self, maxsize: int = 256) -> None:
        self.maxsize = maxsize
        self._entries: OrderedDict[tuple[int, int, str | None], tuple[Any, ...]] = OrderedDict()

    def get(self, schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> tuple[Any, ...]:
        key = (id(schema), id(document), operation_name)
        entry = self._entries.get(key)
        if entry is None or entry[0] is not document or entry[1] is not schema:
            plans = _plan(schema, document, operation_name)
            entry = self._entries[key] = (document, schema, plans, _sized_by(plans), {})
            if len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        else:
            self._entries.move_to_end(key)
        return entry


_PLANS = _ByDocument()


def _plan(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> tuple[Plan, ...]:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    operation = next((o for o in operations if operation_name is None or
                      (o.name is not None and o.name.value == operation_name)), None)
    if operation is None:
        return ()
    root = schema.get_root_type(operation.operation)
    return _Planner(schema, document).selections(operation.selection_set, root)


def plan_of(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> tuple[Plan, ...]:
    plans: tuple[Plan, ...] = _PLANS.get(schema, document, operation_name)[2]
    return plans


def _sized_by(plans: tuple[Plan, ...]) -> tuple[str, ...]:
    """The variables a plan's sizes read."""
    names: set[str] = set()
    stack = list(plans)
    seen: set[int] = set()
    while stack:
        plan = stack.pop()
        if id(plan) in seen:
            continue
        seen.add(id(plan))
        if plan.size.variable is not None:
            names.add(plan.size.variable)
        stack.extend(plan.children)
    return tuple(sorted(names))


def cost_of(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
            variables: Mapping[str, Any] | None) -> int:
    """Cached per document and the values of the variables that size its lists (usually one `first`)."""
    _, _, plans, names, costs = _PLANS.get(schema, document, operation_name)
    given = variables or {}
    sizes = tuple(value if isinstance(value, int) else None for value in (given.get(name) for name in names))
    known = costs.get(sizes)
    if known is None:
        memo: dict[int, int] = {}
        known = sum(plan.cost(dict(zip(names, sizes, strict=True)), memo) for plan in plans)
        if len(costs) < 64:  # a document is sent with a handful of page sizes, not thousands
            costs[sizes] = known
    return int(known)


def check(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
          variables: Mapping[str, Any] | None, *, max_cost: int) -> list[GraphQLError]:
    estimated = cost_of(schema, document, operation_name, variables)
    if estimated <= max_cost:
        return []
    return [GraphQLError(
        f"This query would cost about {estimated:,} (list sizes × fields selected); the limit is {max_cost:,}. "
        "Ask for fewer rows (a smaller `first`), fewer fields or fewer aliases per request.",
        extensions={"code": "QUERY_TOO_COSTLY", "cost": estimated, "maxCost": max_cost})]
