"""Schema-driven fuzzing with schemathesis: every query and mutation, random input, as every role.

Each example is sent as one of the roles below (drawn per example), so every operation meets anonymous callers,
staff, managers, HR, admins and a partner token with every read scope. The custom scalars have strategies that
produce valid values and the hostile ones an outside tester found (issue 11): malformed and non-finite decimals,
"1e30", dates in year 1 or 9999. Mutations must never answer with GraphQL errors once the document is valid (bad
input is a typed OperationError under `data`); queries may refuse bad arguments with a readable error, but never
with a masked internal error. Variables carrying the same values are fuzzed in test_scalar_variables.py.
Run on its own: `TANDEM_FUZZ=1 pytest tests/fuzz` (scripts/test does; TANDEM_FUZZ_EXAMPLES sets the examples
per operation, 100 by default).
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error, positive_data_acceptance
from schemathesis.graphql import nodes
from schemathesis.specs.graphql.validation import is_client_error

from backend.graphql.schema import UNEXPECTED_ERROR_MESSAGE
from tests.fuzz.world import TOKENS, app, hostile_dates, hostile_decimals, valid_dates, valid_decimals

EXAMPLES = int(os.environ.get("TANDEM_FUZZ_EXAMPLES", "100"))


def _string(values: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return values.map(nodes.String)


schemathesis.graphql.scalar("Money", _string(st.one_of(valid_decimals(places=2), hostile_decimals())))
schemathesis.graphql.scalar("Decimal", _string(st.one_of(valid_decimals(places=4), hostile_decimals())))
schemathesis.graphql.scalar("Date", _string(st.one_of(valid_dates(), hostile_dates())))
schemathesis.graphql.scalar("DateTime", _string(st.one_of(valid_dates(with_time=True), hostile_dates(with_time=True))))
# A file travels as multipart, never inline: the one operation taking an Upload is excluded below and has its own
# API tests; schemathesis still needs a strategy for every scalar it sees.
schemathesis.graphql.scalar("Upload", st.just(nodes.Null))
schemathesis.graphql.scalar("JSON", st.just(nodes.Null))

schema = schemathesis.graphql.from_asgi("/graphql", app).exclude(name="Mutation.addSupportAttachment")


@schemathesis.check
def no_unexpected_errors(ctx: Any, response: Any, case: Any) -> bool | None:
    assert response.status_code < 500, response.text
    payload = response.json() or {}
    errors = payload.get("errors") or []
    if errors and is_client_error(payload):
        return None  # the generated document itself was invalid (negative testing): refused before execution
    if str(case.operation.label).startswith("Mutation."):
        assert not errors, f"a mutation answered with GraphQL errors instead of a typed payload: {errors}"
    masked = [e for e in errors if e.get("message") == UNEXPECTED_ERROR_MESSAGE]
    assert not masked, f"an internal error escaped a resolver: {masked}"
    return None


@schema.parametrize()
@schema.given(role=st.sampled_from(sorted(TOKENS)))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_survives_random_input_as_every_role(case: schemathesis.Case, role: str) -> None:
    token = TOKENS[role]
    # positive_data_acceptance is off: the scalar strategies mix hostile values into "valid" documents, and their
    # refusal is what no_unexpected_errors checks (readable, never masked, never a 500).
    case.call_and_validate(headers={"authorization": f"Bearer {token}"} if token else {},
                           excluded_checks=[not_a_server_error, positive_data_acceptance],
                           additional_checks=[no_unexpected_errors])
