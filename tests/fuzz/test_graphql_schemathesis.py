"""Schema-driven fuzzing with schemathesis: every query and mutation, random input, as every role.

Each example is sent as one of the roles of tests/fuzz/world.py (drawn per example), so every operation meets
anonymous callers, staff, managers, HR, admins and a partner token with every read scope. The custom scalars have
strategies that produce valid values and the hostile ones an outside tester found (issue 11): malformed and
non-finite decimals, "1e30", dates in year 1 or 9999. Variables carrying the same values are fuzzed in
test_scalar_variables.py.

Mutations must never answer with GraphQL errors once the document is valid (bad input is a typed OperationError
under `data`); queries may refuse bad arguments with a readable error, but never with a masked internal error;
and no response is ever an HTTP 5xx. Schemathesis's own server-error check (ST113) counts every GraphQL `errors`
entry as a server error, a readable refusal of a bad query argument included, so it is replaced by the two checks
below, which say exactly that; its positive-data check is off too, since the scalar strategies mix hostile values
into otherwise valid documents and their refusal is what the checks below judge. No Hypothesis health check is
suppressed. Run on its own: `TANDEM_FUZZ=1 pytest tests/fuzz` (scripts/test does; TANDEM_FUZZ_EXAMPLES sets the
examples per operation, 100 by default).
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from hypothesis import settings
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
# Schemathesis only needs a strategy for every scalar it sees; the operations taking an Upload are excluded
# below (a file travels as multipart, never inline) and have their own API tests.
schemathesis.graphql.scalar("Upload", st.just(nodes.Null))
schemathesis.graphql.scalar("JSON", st.just(nodes.Null))

schema = schemathesis.graphql.from_asgi("/graphql", app).exclude(name="Mutation.addSupportAttachment") \
    .exclude(name="Mutation.importMeasurements")


@schemathesis.check
def no_server_error_status(ctx: Any, response: Any, case: Any) -> bool | None:
    """What schemathesis's own server-error check means for HTTP: never a 5xx, and always a GraphQL body."""
    assert response.status_code < 500, f"HTTP {response.status_code}: {response.text[:500]}"
    payload = response.json()
    assert isinstance(payload, dict) and ("data" in payload or "errors" in payload), response.text[:500]
    return None


@schemathesis.check
def no_unexpected_errors(ctx: Any, response: Any, case: Any) -> bool | None:
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
@settings(max_examples=EXAMPLES, deadline=None)
def test_every_operation_survives_random_input_as_every_role(case: schemathesis.Case, role: str) -> None:
    token = TOKENS[role]
    case.call_and_validate(headers={"authorization": f"Bearer {token}"} if token else {},
                           excluded_checks=[not_a_server_error, positive_data_acceptance],
                           additional_checks=[no_server_error_status, no_unexpected_errors])
