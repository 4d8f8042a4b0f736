"""Document checks that run once per document text (cached beside the parse and validation caches).

- Nesting: brackets in the text and fragment-spread chains are bounded before graphql-core (recursive)
  parses or validates the document, so neither can exhaust the stack.
- Named literal errors: a custom-scalar literal a scalar refuses names the argument and input field.
- Suggestions ("Did you mean 'baseSalary'?") are left out in production.
- Cost: see backend/graphql/cost.py; its plan is built once per document and evaluated per request.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    Node,
    ValidationRule,
    ValuesOfCorrectTypeRule,
    Visitor,
    validate,
    visit,
)
from graphql.language.visitor import SKIP, VisitorAction
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from backend.graphql import cost

MAX_TEXT_NESTING = 64
MAX_FRAGMENT_CHAIN = 32
_CACHE_SIZE = 256

_SKIPPED = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*')
_BRACKETS = re.compile(r"[{}\[\]()]")
_SUGGESTION = re.compile(r" Did you mean [^?]*\?")


@functools.lru_cache(maxsize=_CACHE_SIZE)
def text_nesting_error(query: str) -> str | None:
    """Brackets nested deeper than the parser can safely recurse; strings and comments do not count."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(_SKIPPED.sub("", query)):
        depth += 1 if match.group() in "{[(" else -1
        deepest = max(deepest, depth)
        if deepest > MAX_TEXT_NESTING:
            return f"the document nests brackets deeper than {MAX_TEXT_NESTING} levels"
    return None


def fragment_chain_error(document: DocumentNode) -> str | None:
    """Fragment spreads chained deeper than MAX_FRAGMENT_CHAIN (cycles are left to NoFragmentCyclesRule)."""
    spreads: dict[str, set[str]] = {}
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            names: set[str] = set()
            visit(definition.selection_set, _SpreadCollector(names))
            spreads[definition.name.value] = names
    longest: dict[str, int] = {}
    for start in spreads:
        # Iterative post-order walk; a fragment being visited again (a cycle) counts as depth 0 here.
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(spreads.get(start, ())))]
        on_path = {start}
        while stack:
            name, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                on_path.discard(name)
                longest[name] = 1 + max((longest.get(c, 0) for c in spreads.get(name, ()) if c not in on_path),
                                        default=0)
                if longest[name] > MAX_FRAGMENT_CHAIN:
                    return f"fragments spread each other more than {MAX_FRAGMENT_CHAIN} levels deep"
            elif child not in longest and child not in on_path and child in spreads:
                on_path.add(child)
                stack.append((child, iter(spreads[child])))
    return None


class _SpreadCollector(Visitor):
    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
        self.names.add(node.name.value)


class NamedValuesOfCorrectTypeRule(ValuesOfCorrectTypeRule):
    """As the stock rule, with the argument and input field named: `weight: Expected value of type …`."""

    _argument: str | None = None

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self._argument = node.name.value

    def leave_argument(self, node: ArgumentNode, *_: Any) -> None:
        self._argument = None

    def is_valid_value_node(self, node: Any, input_type: Any) -> VisitorAction:
        if self._argument is None or input_type is None:
            return super().is_valid_value_node(node, input_type)
        from graphql.utilities.validate_input_value import validate_input_literal

        def on_error(error: GraphQLError, path: list[str | int]) -> None:
            where = ".".join(str(p) for p in [self._argument, *path])
            self.report_error(GraphQLError(f"{where}: {error.message}", error.nodes or node,
                                           original_error=error.original_error))

        validate_input_literal(node, input_type, on_error, None, None, self.context.hide_suggestions)
        return SKIP


def _rules(rules: Collection[type[ValidationRule]]) -> tuple[type[ValidationRule], ...]:
    named = tuple(NamedValuesOfCorrectTypeRule if rule is ValuesOfCorrectTypeRule else rule for rule in rules)
    return (*named, MaybeNullValidationRule, OneOfInputValidationRule)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _validate(schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ValidationRule], ...],
              hide_suggestions: bool) -> list[GraphQLError]:
    chain = fragment_chain_error(document)
    if chain is not None:
        return [GraphQLError(chain)]
    errors = validate(schema, document, _rules(rules), hide_suggestions=hide_suggestions)
    if hide_suggestions:
        # Rules that build their own messages (strawberry's, the limiters) do not know the flag.
        for error in errors:
            error.message = _SUGGESTION.sub("", error.message)
    return errors


def strip_suggestions(message: str) -> str:
    return _SUGGESTION.sub("", message)


def make_document_checks(*, extra_rules: list[type[ValidationRule]], hide_suggestions: bool,
                         max_cost: int) -> type[SchemaExtension]:
    """One extension class (its rule tuple built once, so the caches hit) for a schema's settings."""
    extra = tuple(extra_rules)

    class DocumentChecks(SchemaExtension):
        def on_parse(self) -> Iterator[None]:
            query = self.execution_context.query
            problem = text_nesting_error(query) if query else None
            if problem is not None:
                # An empty document fails to parse with a syntax error; ours is the clearer message.
                raise GraphQLError(problem)
            yield

        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            assert context.graphql_document is not None
            errors = _validate(context.schema._schema, context.graphql_document,
                               (*context.validation_rules, *extra), hide_suggestions)
            if not errors:
                errors = cost.check(context.schema._schema, context.graphql_document, context.operation_name,
                                    context.variables, max_cost=max_cost)
            context.pre_execution_errors = errors
            yield

    return DocumentChecks


__all__ = ["MAX_FRAGMENT_CHAIN", "MAX_TEXT_NESTING", "Node", "make_document_checks", "strip_suggestions"]
