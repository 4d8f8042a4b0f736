"""Custom-scalar values sent as variables (issue 11, finding 4): for every argument or input field of type Money,
Decimal, Date, DateTime or ID, in every operation, valid and hostile values travel in `variables` (the
schemathesis run writes them inline as literals). Whatever the value and the role, the answer is a typed payload
or a readable refusal: never a 500, never "Unexpected error.", never an error from inside a mutation."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_named_type,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from schemathesis.python.asgi import ASGIClient, get_client

from backend.graphql.schema import UNEXPECTED_ERROR_MESSAGE, schema
from tests.fuzz.world import TOKENS, app, hostile_dates, hostile_decimals, valid_dates, valid_decimals

CORE = schema._schema
FUZZED = ("Money", "Decimal", "Date", "DateTime", "ID")


def _ids() -> st.SearchStrategy[str]:
    def encoded(kind: str, number: int) -> str:
        return base64.urlsafe_b64encode(f"{kind}:{number}".encode()).decode().rstrip("=")

    kinds = st.sampled_from(["Employee", "Project", "Task", "SupportRequest", "BoardColumn", "ApiToken", "Nope"])
    numbers = st.one_of(st.integers(1, 5), st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**63, 10**30]))
    return st.one_of(st.builds(encoded, kinds, numbers), st.text(max_size=12), st.just("\u0000"))


STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "Money": st.one_of(valid_decimals(places=2), hostile_decimals(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
    "Decimal": st.one_of(valid_decimals(places=4), hostile_decimals(), st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
    "Date": st.one_of(valid_dates(), hostile_dates(), st.integers()),
    "DateTime": st.one_of(valid_dates(with_time=True), hostile_dates(with_time=True), st.integers()),
    "ID": _ids(),
}
MINIMAL = {"String": "x", "Int": 1, "Boolean": False, "Float": 1.0, "ID": "eA", "Money": "1.00", "Decimal": "1",
           "Date": "2026-01-01", "DateTime": "2026-01-01T08:00:00+08:00", "Upload": None, "JSON": None}


def _minimal(type_: GraphQLInputType, depth: int = 0) -> Any:
    """A value of the type with every required field filled."""
    if isinstance(type_, GraphQLNonNull):
        return _minimal(type_.of_type, depth)
    if isinstance(type_, GraphQLList):
        return [_minimal(type_.of_type, depth + 1)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {name: _minimal(field.type, depth + 1) for name, field in type_.fields.items()
                if isinstance(field.type, GraphQLNonNull) and field.default_value is None} if depth < 6 else {}
    assert isinstance(type_, GraphQLScalarType)
    return MINIMAL[type_.name]


def _slots(type_: GraphQLInputType, path: tuple[str | int, ...], depth: int = 0) -> Iterator[tuple[tuple, str]]:
    """(path, scalar name) of every fuzzed scalar reachable inside an argument."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        yield from _slots(inner.of_type, (*path, 0), depth + 1)
    elif isinstance(inner, GraphQLInputObjectType) and depth < 4:
        for name, field in inner.fields.items():
            yield from _slots(field.type, (*path, name), depth + 1)
    elif isinstance(inner, GraphQLScalarType) and inner.name in FUZZED:
        yield path, inner.name


def _cases() -> list[tuple[str, str, tuple, str]]:
    cases = []
    for root, kind in ((CORE.query_type, "query"), (CORE.mutation_type, "mutation")):
        for name, field in root.fields.items():
            if name == "addSupportAttachment":
                continue
            for argument, definition in field.args.items():
                for path, scalar in _slots(definition.type, (argument,)):
                    cases.append((kind, name, path, scalar))
    return cases


CASES = _cases()


def _document(kind: str, name: str) -> str:
    field = (CORE.query_type if kind == "query" else CORE.mutation_type).fields[name]
    signature = ", ".join(f"${a}: {d.type}" for a, d in field.args.items())
    arguments = ", ".join(f"{a}: ${a}" for a in field.args)
    selection = "" if isinstance(get_named_type(field.type), GraphQLScalarType) else "{ __typename }"
    return f"{kind}{f'({signature})' if signature else ''} {{ {name}{f'({arguments})' if arguments else ''} " \
           f"{selection} }}"


def _place(variables: dict[str, Any], path: tuple, value: Any) -> None:
    target: Any = variables
    for step in path[:-1]:
        if isinstance(step, int):
            if not isinstance(target, list) or not target:
                return
            target = target[0]
        else:
            target = target.setdefault(step, {}) if isinstance(target, dict) else target
    if isinstance(target, dict):
        target[path[-1]] = value
    elif isinstance(target, list):
        target[:] = [value]


@pytest.fixture(scope="module")
def client() -> Iterator[ASGIClient]:
    with get_client(app) as running:  # runs the app's lifespan (schemathesis's transport, as the other fuzz tests)
        yield running


@pytest.mark.parametrize(("kind", "name", "path", "scalar"), CASES,
                         ids=[f"{n}:{'.'.join(map(str, p))}" for _, n, p, _ in CASES])
@given(data=st.data())
@settings(max_examples=25, deadline=None)
def test_custom_scalar_variables_are_typed_or_refused(client: ASGIClient, kind: str, name: str, path: tuple,
                                                      scalar: str, data: st.DataObject) -> None:
    field = (CORE.query_type if kind == "query" else CORE.mutation_type).fields[name]
    variables = {argument: _minimal(definition.type) for argument, definition in field.args.items()}
    _place(variables, path, data.draw(STRATEGIES[scalar], label=scalar))
    role = data.draw(st.sampled_from(sorted(TOKENS)), label="role")
    token = TOKENS[role]
    response = client.post("/graphql", json={"query": _document(kind, name), "variables": variables},
                                    headers={"authorization": f"Bearer {token}"} if token else {})
    assert response.status_code < 500, response.text
    body = response.json()
    errors = body.get("errors") or []
    assert UNEXPECTED_ERROR_MESSAGE not in [e.get("message") for e in errors], body
    if kind == "mutation" and errors:
        # Refused before execution (variable coercion, validation, a bad request): no data, no path.
        assert body.get("data") is None and all("path" not in e for e in errors), body


def test_there_are_cases_for_every_custom_scalar() -> None:
    assert {scalar for *_, scalar in CASES} == set(FUZZED)
