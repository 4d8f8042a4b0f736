"""The cost estimate (backend/graphql/cost.py): what the app itself sends stays far under the limit; the
alias bomb of issue 11 is far over; sizes follow `first`, defaults and variables."""

from __future__ import annotations

import importlib

import pytest
from graphql import parse

from backend.graphql.cost import DEFAULT_MAX_COST, cost_of
from backend.graphql.schema import schema

CORE = schema._schema


def cost(query: str, variables: dict | None = None) -> int:
    return cost_of(CORE, parse(query), None, variables)


def test_a_field_costs_its_size_times_one_plus_its_selection() -> None:
    assert cost("{ me { id } }") == 1 * (1 + 1)
    assert cost("{ employees(first: 10) { nodes { id name } } }") == 10 * (1 + 1 * (1 + 2))
    # Without `first` the argument's default (50); a variable's value when given.
    assert cost("{ employees { nodes { id } } }") == 50 * (1 + 2)
    assert cost("query($n: Int) { employees(first: $n) { nodes { id } } }", {"n": 7}) == 7 * 3
    assert cost("query($n: Int) { employees(first: $n) { nodes { id } } }", {}) == 50 * 3
    # A list without `first` counts its typical size.
    assert cost("{ departments { code } }") == 50 * 2


def test_fragments_count_where_they_are_spread() -> None:
    inline = cost("{ me { id name } }")
    spread = cost("query { me { ...F } } fragment F on Employee { id name }")
    assert inline == spread


def test_the_issue_11_alias_bomb_is_far_over_the_limit() -> None:
    page = "employees(first: 500) { nodes { id name history { position department { name } } } }"
    bomb = "{ " + " ".join(f"a{n}: {page}" for n in range(29)) + " }"
    assert cost(bomb) > 10 * DEFAULT_MAX_COST
    assert cost("{ " + page + " }") < DEFAULT_MAX_COST  # one such page is a legitimate export


def _documents(module_name: str) -> list[tuple[str, str]]:
    module = importlib.import_module(module_name)
    return [(f"{module_name}.{name}", value) for name, value in vars(module).items()
            if name.isupper() and isinstance(value, str) and value.lstrip().startswith(("query", "mutation",
                                                                                         "subscription", "{"))]


def _web_app_documents() -> list[tuple[str, str]]:
    from frontend.api.documents import documents

    return [(f"frontend/operations:{name}", documents().text(name)) for name in documents().operations]


DOCUMENTS = [*_web_app_documents(), *_documents("bench.employees_page"), *_documents("bench.project_board"),
             *_documents("bench.support_requests")]


@pytest.mark.parametrize(("name", "document"), DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_every_document_the_app_and_the_benches_send_is_under_the_limit(name: str, document: str) -> None:
    assert cost(document) < DEFAULT_MAX_COST, name


def test_documents_were_found() -> None:
    assert len(DOCUMENTS) >= 8
