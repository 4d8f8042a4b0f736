"""In production (introspection off) the API does not suggest names it would not otherwise reveal
(issue 11, finding 6): "Did you mean 'baseSalary'?" leaks the schema field by field."""

from __future__ import annotations

import pytest

from backend.graphql.schema import build_schema

pytestmark = pytest.mark.asyncio(loop_scope="session")

TYPO_FIELD = "{ me { baseSalry } }"
TYPO_ENUM = "query($s: SupportStatus) { supportRequests(status: $s) { edges { cursor } } }"


async def _messages(introspection: bool, query: str, variables: dict | None = None) -> list[str]:
    result = await build_schema(introspection=introspection).execute(query, variable_values=variables)
    return [error.message for error in result.errors or []]


async def test_production_suggests_no_field_names() -> None:
    assert any("Did you mean 'baseSalary'?" in m for m in await _messages(True, TYPO_FIELD))
    [message] = await _messages(False, TYPO_FIELD)
    assert message == "Cannot query field 'baseSalry' on type 'Employee'."


async def test_production_suggests_no_enum_values() -> None:
    assert any("Did you mean" in m for m in await _messages(True, TYPO_ENUM, {"s": "SUBMITED"}))
    messages = await _messages(False, TYPO_ENUM, {"s": "SUBMITED"})
    assert messages and not any("Did you mean" in m for m in messages), messages
