"""The fast execution context returns exactly what graphql-core's stock context returns: data, errors, paths."""

from __future__ import annotations

import asyncio
import datetime
from enum import Enum
from typing import Any

import pytest
import strawberry
from strawberry.extensions import ParserCache

from backend.graphql.execution import PlainFieldExecutionContext


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Leaf:
    text: str
    number: int
    maybe: str | None
    colour: Colour
    strict: str  # set to None on purpose in some rows: a non-null violation


@strawberry.type
class Node:
    name: str
    leaf: Leaf
    optional_leaf: Leaf | None
    leaves: list[Leaf]
    maybe_leaves: list[Leaf | None]

    @strawberry.field
    def computed(self, suffix: str = "!") -> str:
        return self.name + suffix

    @strawberry.field
    async def slow(self) -> str:
        await asyncio.sleep(0)
        return self.name.upper()

    @strawberry.field
    def broken(self) -> str:
        raise ValueError("resolver failed")


def leaf(i: int, *, strict: Any = "ok", colour: Any = Colour.RED) -> Leaf:
    return Leaf(text=f"t{i}", number=i, maybe=None if i % 2 else f"m{i}", colour=colour, strict=strict)


def node(i: int, **leaf_overrides: Any) -> Node:
    return Node(name=f"n{i}", leaf=leaf(i, **leaf_overrides), optional_leaf=None if i % 2 else leaf(i + 100),
                leaves=[leaf(i * 10 + k) for k in range(3)], maybe_leaves=[leaf(i), None])


NODES: list[Node] = [node(1), node(2), node(3, strict=None), node(4, colour="blue"), node(5, colour="nope")]


@strawberry.type
class Scalars:
    count: int
    flag: bool
    day: datetime.date
    shared: Leaf


SHARED = leaf(7)
# Ints the fast path passes as they are, one the stock path turns into 1, one out of range (an error); dates
# and a datetime in a Date field; one Leaf object reached from every row.
SCALARS = [Scalars(count=count, flag=flag, day=day, shared=SHARED) for count, flag, day in (
    (5, True, datetime.date(2026, 1, 2)), (-3, False, datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)),
    (True, True, datetime.date(2026, 12, 31)), (2**40, False, datetime.date(2026, 1, 1)))]


@strawberry.type
class Query:
    @strawberry.field
    def nodes(self) -> list[Node]:
        return NODES

    @strawberry.field
    def good(self) -> list[Node]:
        return NODES[:2]

    @strawberry.field
    def scalars(self) -> list[Scalars]:
        return SCALARS

    @strawberry.field
    def fine_scalars(self) -> list[Scalars]:
        return SCALARS[:2]


stock = strawberry.Schema(query=Query)
fast = strawberry.Schema(query=Query, execution_context_class=PlainFieldExecutionContext)

DOCUMENTS = [
    "{ good { name leaf { text number maybe colour strict } optionalLeaf { text } leaves { text colour } } }",
    "{ nodes { name leaf { text strict } } }",  # non-null violation in row 3
    "{ nodes { name leaf { colour } } }",  # a raw value that matches an enum value, and one that does not
    "{ good { a: name b: name leaf { ... on Leaf { x: text } } ...F } } fragment F on Node { leaves { number } }",
    "query($no: Boolean!) { good { name @include(if: $no) leaf @skip(if: $no) { text } } }",
    "{ good { computed c2: computed(suffix: \"?\") slow leaves { text } } }",
    "{ good { name broken leaf { text } } }",
    "{ good { __typename leaf { __typename text } maybeLeaves { text } } }",
    "{ fineScalars { count flag day shared { text number } again: shared { number colour } } }",
    "{ scalars { count flag day shared { text } } }",  # True in an Int field, and an Int out of range
]


def _normalised(result: Any) -> tuple[Any, list[tuple[str, list[Any]]]]:
    errors = sorted((error.message, error.path) for error in result.errors or [])
    return result.data, errors


@pytest.mark.parametrize("document", DOCUMENTS)
def test_fast_context_matches_the_stock_one(document: str) -> None:
    variables = {"no": False}
    expected = asyncio.run(stock.execute(document, variable_values=variables))
    actual = asyncio.run(fast.execute(document, variable_values=variables))

    assert _normalised(actual) == _normalised(expected)
    assert actual.data is not None or expected.data is None


# The parser cache hands back the same document for the same text, so plans are reused across requests: the
# second and third runs (other variables) must still match the stock context.
cached = strawberry.Schema(query=Query, execution_context_class=PlainFieldExecutionContext,
                           extensions=[lambda: ParserCache(maxsize=64)])
REPEATED = [*DOCUMENTS, 'query($s: String!) { good { computed(suffix: $s) leaf { text } } }',
            # a directive below a plain object field: its sub-selection differs with the variables
            "query($no: Boolean!) { good { leaf { text @include(if: $no) number } leaves { ...L } } } "
            "fragment L on Leaf { maybe @skip(if: $no) colour }"]


@pytest.mark.parametrize("document", REPEATED)
def test_reused_plans_match_the_stock_context(document: str) -> None:
    for variables in ({"no": False, "s": "!"}, {"no": True, "s": "?"}, {"no": False, "s": "."}):
        used = {name: value for name, value in variables.items() if f"${name}" in document}
        expected = asyncio.run(stock.execute(document, variable_values=used))
        actual = asyncio.run(cached.execute(document, variable_values=used))
        assert _normalised(actual) == _normalised(expected), variables
