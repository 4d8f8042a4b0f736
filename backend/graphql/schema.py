"""The schema: the domains' Query, Mutation and Subscription merged, with the security limits on."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.tools import merge_types

from backend.domain.errors import DomainError
from backend.graphql.auth.mutations import AuthMutation
from backend.graphql.live import LiveExecutionContext
from backend.graphql.org.mutations import OrgMutation
from backend.graphql.org.queries import OrgQuery
from backend.graphql.org.subscriptions import OrgSubscription
from backend.graphql.performance.mutations import PerformanceMutation
from backend.graphql.performance.queries import PerformanceQuery
from backend.graphql.projects.mutations import ProjectMutation
from backend.graphql.projects.queries import ProjectQuery
from backend.graphql.projects.subscriptions import ProjectSubscription
from backend.graphql.support.mutations import SupportMutation
from backend.graphql.support.queries import SupportQuery
from backend.graphql.support.subscriptions import SupportSubscription
from backend.graphql.unavailable import MaskErrorsSayingUnavailable

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 4000

UNEXPECTED_ERROR_MESSAGE = "Unexpected error."


def should_mask(error: GraphQLError) -> bool:
    """Hide what a client must not see (internal exceptions); keep deliberate refusals readable."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


Query = merge_types("Query", (OrgQuery, SupportQuery, ProjectQuery, PerformanceQuery))
Mutation = merge_types("Mutation", (AuthMutation, OrgMutation, SupportMutation, ProjectMutation,
                                    PerformanceMutation))
Subscription = merge_types("Subscription", (OrgSubscription, SupportSubscription, ProjectSubscription))


class CachedNameConverter(NameConverter):
    """Strawberry converts every argument name to camelCase on every resolver call (a regex per name); the
    answer never changes, so remember it."""

    def __init__(self, auto_camel_case: bool = True) -> None:
        super().__init__(auto_camel_case)
        self._names: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self._names.get(name)
        if converted is None:
            converted = self._names[name] = super().apply_naming_config(name)
        return converted


def _limit_rules() -> list[type]:
    # Built once, so graphql-core's validation cache can hit (new rule classes per request never would).
    depth = QueryDepthLimiter(max_depth=MAX_DEPTH)
    aliases = MaxAliasesLimiter(max_alias_count=MAX_ALIASES)
    return [*depth.validation_rules, *aliases.validation_rules]


def build_schema(*, introspection: bool = True) -> strawberry.Schema:
    rules = _limit_rules()
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        execution_context_class=LiveExecutionContext,
        config=StrawberryConfig(name_converter=CachedNameConverter()),
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: AddValidationRules(rules),
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            lambda: MaskErrorsSayingUnavailable(should_mask_error=should_mask, error_message=UNEXPECTED_ERROR_MESSAGE),
        ],
    )


schema = build_schema()

__all__ = ["GraphQLError", "build_schema", "schema"]
