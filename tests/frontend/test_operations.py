"""Gateway discipline: every operation the web app sends lives in frontend/operations/*.graphql and is valid
against the committed schema (graphql-core), no page talks to the backend but through GraphQL, and the answer
parsers read only what their operations select."""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    Undefined,
    build_schema,
    execute,
    parse,
    type_from_ast,
    validate,
)

from frontend.api.documents import OPERATIONS_DIR, Documents

REPO = Path(__file__).resolve().parents[2]
SCHEMA_FILE = REPO / "schema" / "schema.graphql"
FRONTEND = REPO / "frontend"


def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))


def invalid_operations(documents: Documents, against: GraphQLSchema) -> dict[str, list[str]]:
    """Each operation that the schema refuses, with graphql-core's reasons."""
    refused = {}
    for name in documents.operations:
        errors = validate(against, parse(documents.text(name)))
        if errors:
            refused[name] = [error.message for error in errors]
    return refused


def test_every_operation_the_app_sends_is_valid_against_the_committed_schema() -> None:
    documents = Documents.load()

    assert len(documents.operations) >= 15
    assert invalid_operations(documents, schema()) == {}


def test_an_operation_naming_a_field_the_schema_lacks_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "operations"
    shutil.copytree(OPERATIONS_DIR, folder)
    session = folder / "session.graphql"
    session.write_text(session.read_text().replace("query Me { me { ...ProfileFields } }",
                                                   "query Me { me { ...ProfileFields nickname } }"))

    refused = invalid_operations(Documents.load(folder), schema())

    assert list(refused) == ["Me"]
    assert refused["Me"][0].startswith("Cannot query field 'nickname' on type 'Employee'.")


def test_an_operation_sends_exactly_the_fragments_it_spreads() -> None:
    documents = Documents.load()

    text = documents.text("SupportRequest")

    assert "fragment SupportDetailFields" in text and "fragment SupportSummaryFields" not in text
    assert documents.fragments_of("AcceptSupportRequest") == ["SupportDetailFields", "SupportTransitionAnswer"]
    with pytest.raises(KeyError):
        documents.text("NoSuchOperation")


def _python_files() -> Iterator[Path]:
    yield from (path for path in FRONTEND.rglob("*.py") if ".web" not in path.parts)


def _frontend_sources() -> str:
    sources = [path.read_text(encoding="utf-8") for path in _python_files()]
    sources += [path.read_text(encoding="utf-8") for path in FRONTEND.rglob("*.jsx")]
    return "\n".join(sources)


def test_every_document_is_sent_by_the_app_and_every_fragment_used() -> None:
    documents = Documents.load()
    sources = _frontend_sources()

    unsent = [name for name in documents.operations if f'operation("{name}")' not in sources]
    spread = {fragment for name in documents.operations for fragment in documents.fragments_of(name)}

    assert unsent == []
    assert set(documents.fragments) - spread == set()


OPERATION_TEXT = re.compile(r"^\s*(query|mutation|subscription|fragment)\b[^{]*\{", re.IGNORECASE)


def test_no_operation_is_written_outside_the_documents() -> None:
    inline = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and OPERATION_TEXT.match(node.value):
                inline.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert inline == []


def test_the_web_app_reaches_the_backend_only_through_graphql() -> None:
    forbidden = ("backend.persistence", "backend.services", "backend.domain", "tortoise")
    offenders = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            offenders += [f"{path.relative_to(REPO)}: {name}" for name in names
                          if any(name == f or name.startswith(f + ".") for f in forbidden)]
    assert offenders == []


# --- the parsers read only what their operations select -----------------------------------------------------


class Selected(dict[str, Any]):
    """An answer object that refuses to be read at a key its operation did not select (even with .get)."""

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            raise KeyError(f"{key!r} is read but not selected")
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        if key not in self:
            raise KeyError(f"{key!r} is read but not selected")
        return super().__getitem__(key)


SCALARS = {"String": "文本", "ID": "SWQ6MQ", "Int": 1, "Float": 1.5, "Boolean": True,
           "DateTime": "2026-11-28T02:00:00+00:00", "Date": "2026-11-28", "Decimal": "1.5", "Money": "12.50",
           "JSON": {}, "Upload": None}


def _sample(wanted: Any) -> Any:
    """A plausible value of an output type: one item per list, {} for an object (its fields resolve next)."""
    while isinstance(wanted, GraphQLNonNull):
        wanted = wanted.of_type
    if isinstance(wanted, GraphQLList):
        return [_sample(wanted.of_type)]
    if isinstance(wanted, GraphQLScalarType):
        return SCALARS[wanted.name]
    if isinstance(wanted, GraphQLEnumType):
        return next(iter(wanted.values))
    return {}


def _fake(source: Any, info: Any, **_: Any) -> Any:
    return _sample(info.return_type)


def _input(wanted: Any) -> Any:
    """A value for a variable of an input type: required fields only."""
    nullable = not isinstance(wanted, GraphQLNonNull)
    if nullable:
        return None
    wanted = wanted.of_type
    if isinstance(wanted, GraphQLList):
        return []
    if isinstance(wanted, GraphQLInputObjectType):
        return {name: _input(field.type) for name, field in wanted.fields.items()
                if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined}
    return _sample(wanted)


def _success_type(value: Any, info: Any, abstract: Any) -> str:
    possible = info.schema.get_possible_types(abstract)
    return next(t.name for t in possible if t.name != "OperationError")


def _select(value: Any) -> Any:
    if isinstance(value, dict):
        return Selected({key: _select(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_select(item) for item in value]
    return value


def answer(name: str) -> Any:
    """What the API would answer to operation `name`: exactly the selected fields, filled with sample values."""
    the_schema = schema()
    for type_name in ("DateTime", "Date", "Decimal", "Money", "JSON"):
        scalar = the_schema.get_type(type_name)
        assert isinstance(scalar, GraphQLScalarType)
        scalar.serialize = lambda value: value  # type: ignore[method-assign]
    root = the_schema.subscription_type if name.endswith(("Changed", "Updated")) else None
    document = parse(Documents.load().text(name))
    if root is not None:  # execute a subscription's selection as if it were a query over one event
        query_type = GraphQLObjectType("EventQuery", fields=root.fields)
        others = [t for n, t in the_schema.type_map.items() if n not in ("Query", "Mutation", "Subscription")]
        the_schema = GraphQLSchema(query=query_type, types=others)
        document = parse(Documents.load().text(name).replace("subscription ", "query ", 1))
    operation_node = document.definitions[0]
    assert isinstance(operation_node, OperationDefinitionNode)
    variables = {definition.variable.name.value: _input(type_from_ast(the_schema, definition.type))
                 for definition in operation_node.variable_definitions or ()}
    result = execute(the_schema, document, root_value={}, field_resolver=_fake, type_resolver=_success_type,
                     variable_values=variables)
    assert result.errors is None, result.errors
    return _select(result.data)


def parser_cases() -> dict[str, Callable[[Any], Any]]:
    from frontend.api import analytics, people, projects, rewards, rules, rules_preview, session, support

    return {
        "Me": lambda data: session.parse_profile(data["me"]),
        "Login": lambda data: session.parse_login(data["login"]),
        "EmployeeChanged": lambda data: session.parse_profile(data["employeeChanged"]["employee"]),
        "SupportRequests": lambda data: [support.parse_support_summary(n) for n in data["supportRequests"]["nodes"]],
        "SupportRequest": lambda data: support.parse_support_detail(data["supportRequest"]),
        "SupportRequestChanged": lambda data: support.parse_support_detail(data["supportRequestChanged"]["request"]),
        "SupportQueueChanged": lambda data: support.parse_support_summary(data["supportRequestChanged"]["request"]),
        "AcceptSupportRequest": lambda data: support.parse_support_detail(data["acceptSupportRequest"]["request"]),
        "Board": lambda data: projects.parse_board(data["project"]),
        "ProjectOverview": lambda data: projects.parse_project(data["project"]),
        "ProjectAllocation": lambda data: projects.parse_allocation(data["project"]["allocation"]),
        "BoardChanged": lambda data: projects.parse_change(data["boardChanged"]),
        "MoveTask": lambda data: projects.parse_card(data["moveTask"]["task"]),
        "CommentTask": lambda data: projects.parse_comment(data["commentTask"]["comment"]),
        "RateTask": lambda data: projects.parse_rating(data["rateTask"]["rating"]),
        "Directory": lambda data: [people.parse_row(n) for n in data["employees"]["nodes"]],
        "HireEmployee": lambda data: people.parse_row(data["hireEmployee"]["employee"]),
        "Bottlenecks": lambda data: analytics.parse_report(data["bottlenecks"]),
        "RewardCounter": lambda data: rewards.parse_counter(data["rewardCounter"]),
        "RecordOrder": lambda data: rewards.parse_recorded(data["recordOrder"]),
        "OrderFormOptions": rewards.parse_regions,
        "RegionStaff": lambda data: rewards.parse_staff(data) or [None],
        "RuleSetInForce": lambda data: rules.parse_rule_set(data["ruleSet"]),
        "RuleSetHistory": lambda data: [rules.parse_history_entry(n) for n in data["ruleSets"]],
        "RuleSetAcknowledgements": lambda data: rules.parse_unacknowledged(data["ruleSetAcknowledgements"]),
        "AcknowledgeRuleSet": lambda data: rules.refusal(data["acknowledgeRuleSet"], "acknowledgedAt") or [None],
        "PublishRuleSet": lambda data: rules.parse_published(data["publishRuleSet"]),
        "PreviewRuleSet": lambda data: rules_preview.parse_result(data["previewRuleSet"]),
    }


@pytest.mark.parametrize("name", sorted(parser_cases()))
def test_each_parser_reads_only_what_its_operation_selects(name: str) -> None:
    parsed = parser_cases()[name](answer(name))

    assert parsed
