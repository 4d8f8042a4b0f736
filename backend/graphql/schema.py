"""The schema: the domains' Query, Mutation and Subscription merged, with the security limits on."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.tools import merge_types

from backend.domain.errors import DomainError
from backend.graphql.auth.mutations import AuthMutation
from backend.graphql.cost import DEFAULT_MAX_COST
from backend.graphql.deadline import QueryDeadline
from backend.graphql.fund.mutations import FundMutation
from backend.graphql.fund.preview import PreviewQuery
from backend.graphql.fund.queries import FundQuery
from backend.graphql.live import LiveExecutionContext
from backend.graphql.org.mutations import OrgMutation
from backend.graphql.org.queries import OrgQuery
from backend.graphql.org.subscriptions import OrgSubscription
from backend.graphql.performance.mutations import PerformanceMutation
from backend.graphql.performance.queries import PerformanceQuery
from backend.graphql.projects.mutations import ProjectMutation
from backend.graphql.projects.queries import ProjectQuery
from backend.graphql.projects.subscriptions import ProjectSubscription
from backend.graphql.rewards.mutations import RewardsMutation
from backend.graphql.rewards.queries import RewardsQuery
from backend.graphql.rewards.subscriptions import RewardsSubscription
from backend.graphql.rulesets.mutations import RuleSetMutation
from backend.graphql.rulesets.queries import RuleSetQuery
from backend.graphql.scalars import BOUNDED_DATES, ScalarInputError
from backend.graphql.support.mutations import SupportMutation
from backend.graphql.support.queries import SupportQuery
from backend.graphql.support.subscriptions import SupportSubscription
from backend.graphql.unavailable import MaskErrorsSayingUnavailable
from backend.graphql.validation import make_document_checks

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 4000

UNEXPECTED_ERROR_MESSAGE = "Unexpected error."


def should_mask(error: GraphQLError) -> bool:
    """Hide what a client must not see (internal exceptions); keep deliberate refusals readable."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError | ScalarInputError)


Query = merge_types("Query", (OrgQuery, SupportQuery, ProjectQuery, PerformanceQuery, RewardsQuery, RuleSetQuery,
                              FundQuery, PreviewQuery))
Mutation = merge_types("Mutation", (AuthMutation, OrgMutation, SupportMutation, ProjectMutation,
                                    PerformanceMutation, RewardsMutation, RuleSetMutation, FundMutation))
Subscription = merge_types("Subscription", (OrgSubscription, SupportSubscription, ProjectSubscription,
                                            RewardsSubscription))


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


class _QuietExecutionContext(LiveExecutionContext):
    """Without "Did you mean …?" in variable errors (enum values): they reveal the schema."""

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> Any:
        kwargs["hide_suggestions"] = True
        return super().build(*args, **kwargs)


def build_schema(*, introspection: bool = True, max_cost: int = DEFAULT_MAX_COST) -> strawberry.Schema:
    """Without introspection (production) the schema also stops suggesting field and argument names."""
    rules = _limit_rules()
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    document_checks = make_document_checks(extra_rules=rules, hide_suggestions=not introspection,
                                           max_cost=max_cost)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        execution_context_class=LiveExecutionContext if introspection else _QuietExecutionContext,
        scalar_overrides=BOUNDED_DATES,  # type: ignore[arg-type]
        config=StrawberryConfig(name_converter=CachedNameConverter()),
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            document_checks,  # before ParserCache: it bounds nesting before the (recursive) parser runs
            lambda: ParserCache(maxsize=256),
            lambda: MaskErrorsSayingUnavailable(should_mask_error=should_mask, error_message=UNEXPECTED_ERROR_MESSAGE),
            QueryDeadline,
        ],
    )


schema = build_schema()

__all__ = ["GraphQLError", "build_schema", "schema"]
