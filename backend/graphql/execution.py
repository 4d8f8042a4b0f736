"""An execution context that completes plain fields without graphql-core's per-field machinery.

A directory page is ~1,300 fields, almost all plain attributes holding a string, date or enum. For those
("basic" Strawberry fields: no resolver, no extension, no arguments, no directives) we read the attribute
and coerce it directly, skipping Path, ResolveInfo and resolver wrapping; a basic field holding an object
or a list of objects has its sub-selection run the same way. Anything else — a resolver, a permission, a
null in a non-null field, a value the scalar refuses, @defer/@stream — takes the stock path, which also
produces the stock errors. Not used when an extension hooks resolution (graphql-core middleware), so such
extensions still see every field. This leans on graphql-core 3.3 internals (pinned); tests compare it with
the stock context on the same documents.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import methodcaller
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLString,
    is_leaf_type,
)
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

STOCK, TEXT, ENUM, LEAF, OBJECT, OBJECT_LIST = range(6)


class Step:
    """How to complete one response key of a selection set."""

    __slots__ = ("all_plain", "attribute", "field_details_list", "items_nullable", "kind", "name", "nullable",
                 "sub_steps", "subfields", "type")

    def __init__(self, name: str, field_details_list: Any, kind: int = STOCK, attribute: str = "",
                 type_: Any = None, nullable: bool = True, items_nullable: bool = False) -> None:
        self.name = name
        self.field_details_list = field_details_list
        self.kind = kind
        self.attribute = attribute
        self.type = type_
        self.nullable = nullable
        self.items_nullable = items_nullable
        self.subfields: GroupedFieldSet | None = None  # filled on first use for OBJECT and OBJECT_LIST
        self.sub_steps: list[Step] | None = None
        self.all_plain: bool | None = None  # the whole subtree completes without the stock path


# kind, attribute, type (or enum names), nullable, items nullable
Template = tuple[int, str, Any, bool, bool]
_TEMPLATES: dict[int, tuple[GraphQLSchema, dict[tuple[str, str, bool], Template]]] = {}


def _templates(schema: GraphQLSchema) -> dict[tuple[str, str, bool], Template]:
    entry = _TEMPLATES.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = _TEMPLATES[id(schema)] = (schema, {})
    return entry[1]


# Plans reused across requests of one document: (parent type, the field nodes) → steps. Only for operations
# without any directive, whose field collection cannot depend on variables (@skip, @include, @defer).
_REUSED_PLANS: dict[Hashable, tuple[GroupedFieldSet, list[Step]]] = {}
_MAX_REUSED_PLANS = 2048
_DIRECTIVE_FREE: dict[int, tuple[Any, bool]] = {}


def _directive_free(operation: Any, fragments: dict[str, Any]) -> bool:
    cached = _DIRECTIVE_FREE.get(id(operation))
    if cached is not None and cached[0] is operation:
        return cached[1]
    free = not any(_has_directive(node) for node in (operation, *fragments.values()))
    if len(_DIRECTIVE_FREE) >= _MAX_REUSED_PLANS:
        _DIRECTIVE_FREE.clear()
    _DIRECTIVE_FREE[id(operation)] = (operation, free)
    return free


def _has_directive(node: Any) -> bool:
    pending = [node]
    while pending:
        current = pending.pop()
        if getattr(current, "directives", None):
            return True
        selection_set = getattr(current, "selection_set", None)
        if selection_set is not None:
            pending.extend(selection_set.selections)
        for definition in getattr(current, "variable_definitions", None) or ():
            if definition.directives:
                return True
    return False


class _NeedsStockPath(Exception):
    """A value the plain builder will not judge (a null in a non-null field, an odd scalar...)."""


class PlainFieldExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Keyed by the grouped field set's id; the set is kept alive beside its steps so the id stays unique.
        self._plans: dict[int, tuple[GroupedFieldSet, list[Step]]] = {}
        middleware = self.middleware_manager
        self._fast = middleware is None or not middleware.middlewares
        self._reusable = self._fast and _directive_free(self.operation, self.fragments)

    def _steps(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> list[Step]:
        cached = self._plans.get(id(grouped_field_set))
        if cached is not None:
            return cached[1]
        key = None
        if self._reusable:
            # Same document (the parser cache hands back the same nodes), no directive: the same plan.
            key = (id(self.schema), parent_type.name,
                   tuple((name, tuple(id(details.node) for details in field_details))
                         for name, field_details in grouped_field_set.items()))
            reused = _REUSED_PLANS.get(key)
            if reused is not None:
                self._plans[id(grouped_field_set)] = (grouped_field_set, reused[1])
                return reused[1]
        steps = [self._step(parent_type, name, details) for name, details in grouped_field_set.items()]
        self._plans[id(grouped_field_set)] = (grouped_field_set, steps)
        if key is not None:
            if len(_REUSED_PLANS) >= _MAX_REUSED_PLANS:
                _REUSED_PLANS.clear()
            # The field set is kept too: it holds the nodes whose ids are in the key, so no id is reused.
            _REUSED_PLANS[key] = (grouped_field_set, steps)
        return steps

    def _step(self, parent_type: GraphQLObjectType, name: str, field_details_list: Any) -> Step:
        simple_nodes = not any(details.node.directives or details.node.arguments for details in field_details_list)
        key = (parent_type.name, field_details_list[0].node.name.value, simple_nodes)
        templates = _templates(self.schema)
        template = templates.get(key)
        if template is None:
            template = templates[key] = self._template(parent_type, key[1], simple_nodes)
        kind, attribute, type_, nullable, items_nullable = template
        return Step(name, field_details_list, kind, attribute, type_, nullable, items_nullable)

    def _template(self, parent_type: GraphQLObjectType, field_name: str, simple_nodes: bool) -> Template:
        """How a field of a type completes; depends on the schema only, so it is cached across requests."""
        stock: Template = (STOCK, "", None, True, False)
        if not simple_nodes:
            return stock  # @stream, @skip variants and arguments keep the stock semantics
        field_def = self.schema.get_field(parent_type, field_name)
        if field_def is None or field_def.args or not getattr(field_def.resolve, "_is_default", False):
            return stock
        definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        if definition is None or definition.base_resolver or definition.extensions:
            return stock
        field_type = field_def.type
        nullable = not isinstance(field_type, GraphQLNonNull)
        inner = field_type if nullable else field_type.of_type
        attribute = definition.python_name
        if inner is GraphQLString or inner is GraphQLID:
            return (TEXT, attribute, inner, nullable, False)
        if isinstance(inner, GraphQLEnumType):
            # Member value -> GraphQL name, once: Strawberry's enum coercion scans every value per call.
            names = {value.value: enum_name for enum_name, value in inner.values.items()}
            return (ENUM, attribute, names, nullable, False)
        if is_leaf_type(inner):
            return (LEAF, attribute, inner, nullable, False)
        if isinstance(inner, GraphQLObjectType) and inner.is_type_of is None:
            return (OBJECT, attribute, inner, nullable, False)
        if isinstance(inner, GraphQLList):
            items_nullable = not isinstance(inner.of_type, GraphQLNonNull)
            item = inner.of_type if items_nullable else inner.of_type.of_type
            if isinstance(item, GraphQLObjectType) and item.is_type_of is None:
                return (OBJECT_LIST, attribute, item, nullable, items_nullable)
        return stock

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Path | None,
                       grouped_field_set: GroupedFieldSet, position_context: Any) -> Any:
        if not self._fast:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        steps = self._steps(parent_type, grouped_field_set)
        if self._all_plain(steps):
            try:
                return compiled_builder(self.schema, steps)(source_value)
            except Exception:  # anything odd: run it again field by field, the stock path reports it
                pass
        results: dict[str, Any] = {}
        pending: list[str] = []
        try:
            self._execute_steps(results, pending, parent_type, source_value, path, steps, position_context)
        except Exception:
            if pending:  # as the stock loop does: let siblings already started settle
                self.settle_in_background([results[name] for name in pending])
            raise
        if not pending:
            return results
        return self._await_fields(results, pending)

    def _execute_steps(self, results: dict[str, Any], pending: list[str], parent_type: GraphQLObjectType,
                       source_value: Any, path: Path | None, steps: list[Step], position_context: Any) -> None:
        is_awaitable = self.is_awaitable
        for step in steps:
            kind = step.kind
            if kind != STOCK:
                value = getattr(source_value, step.attribute, None)
                if value is None:
                    if step.nullable:
                        results[step.name] = None
                        continue
                elif kind == TEXT and value.__class__ is str:
                    results[step.name] = value
                    continue
                elif kind == ENUM:
                    enum_name = step.type.get(getattr(value, "value", value))
                    if enum_name is not None:
                        results[step.name] = enum_name
                        continue
                    # Not a value we know: the stock path below reports it.
                elif kind <= LEAF:
                    try:
                        coerced = step.type.coerce_output_value(value)
                    except Exception:  # the stock path below reports it properly
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        results[step.name] = coerced
                        continue
                else:
                    completed = self._complete_objects(step, value, Path(path, step.name, parent_type.name),
                                                       position_context)
                    if completed is not Undefined:
                        results[step.name] = completed
                        if is_awaitable(completed):
                            pending.append(step.name)
                        continue
            result = self.execute_field(parent_type, source_value, step.field_details_list,
                                        Path(path, step.name, parent_type.name), position_context)
            if result is not Undefined:
                results[step.name] = result
                if is_awaitable(result):
                    pending.append(step.name)

    def _sub_steps(self, step: Step) -> list[Step] | None:
        """Steps of an object field's sub-selection; None when it uses @defer (stock path only)."""
        if step.sub_steps is None:
            subfields, new_defer_usages, *_ = self.collect_subfields(step.type, step.field_details_list)
            if new_defer_usages:
                step.kind = STOCK
                return None
            step.subfields = subfields
            step.sub_steps = self._steps(step.type, subfields)
        return step.sub_steps

    def _all_plain(self, steps: list[Step]) -> bool:
        for step in steps:
            if step.all_plain is None:
                if step.kind == STOCK:
                    step.all_plain = False
                elif step.kind in (OBJECT, OBJECT_LIST):
                    sub_steps = self._sub_steps(step)
                    step.all_plain = sub_steps is not None and self._all_plain(sub_steps)
                else:
                    step.all_plain = True
            if not step.all_plain:
                return False
        return True

    def _build(self, steps: list[Step], source: Any) -> dict[str, Any]:
        """A selection whose whole subtree is plain, built in one pass (no Path, no awaitables): the reference
        the compiled builders (`compiled_builder`) are tested against."""
        out: dict[str, Any] = {}
        for step in steps:
            try:
                value = getattr(source, step.attribute, None)
            except Exception as exc:
                raise _NeedsStockPath from exc
            kind = step.kind
            if value is None:
                if not step.nullable:
                    raise _NeedsStockPath
                out[step.name] = None
            elif kind == TEXT:
                if value.__class__ is not str:
                    raise _NeedsStockPath
                out[step.name] = value
            elif kind == ENUM:
                enum_name = step.type.get(getattr(value, "value", value))
                if enum_name is None:
                    raise _NeedsStockPath
                out[step.name] = enum_name
            elif kind == LEAF:
                try:
                    coerced = step.type.coerce_output_value(value)
                except Exception as exc:
                    raise _NeedsStockPath from exc
                if coerced is None or coerced is Undefined:
                    raise _NeedsStockPath
                out[step.name] = coerced
            elif kind == OBJECT:
                out[step.name] = self._build(step.sub_steps, value)  # type: ignore[arg-type]
            else:
                if not isinstance(value, list | tuple):
                    raise _NeedsStockPath
                sub_steps = step.sub_steps
                if not step.items_nullable and any(item is None for item in value):
                    raise _NeedsStockPath
                out[step.name] = [None if item is None else self._build(sub_steps, item)  # type: ignore[arg-type]
                                  for item in value]
        return out

    def _complete_objects(self, step: Step, value: Any, path: Path, position_context: Any) -> Any:
        """An object (or a list of objects) held in an attribute: its sub-selection, without the wrappers."""
        subfields = step.subfields
        if subfields is None:
            subfields, new_defer_usages, *_ = self.collect_subfields(step.type, step.field_details_list)
            if new_defer_usages:
                step.kind = STOCK  # @defer: the stock path handles incremental delivery
                return Undefined
            step.subfields = subfields
        if step.kind == OBJECT:
            return self.execute_fields(step.type, value, path, subfields, position_context)
        if not isinstance(value, list | tuple) or (not step.items_nullable and any(v is None for v in value)):
            return Undefined  # not a plain list, or a null the stock path must report
        execute = self.execute_fields
        item_type = step.type
        items = [None if item is None else execute(item_type, item, Path(path, index, None), subfields,
                                                   position_context)
                 for index, item in enumerate(value)]
        is_awaitable = self.is_awaitable
        if any(is_awaitable(item) for item in items):
            return self._await_items(items)
        return items

    async def _await_items(self, items: list[Any]) -> list[Any]:
        waiting = [index for index, item in enumerate(items) if self.is_awaitable(item)]
        awaited = await gather_with_cancel(*(items[index] for index in waiting))
        for index, result in zip(waiting, awaited, strict=True):
            items[index] = result
        return items

    async def _await_fields(self, results: dict[str, Any], pending: list[str]) -> dict[str, Any]:
        # Concurrently, as the stock loop does, so sibling dataloader calls still batch.
        awaited = await gather_with_cancel(*(results[name] for name in pending))
        results.update(zip(pending, awaited, strict=True))
        return results


# --- compiled builders ---------------------------------------------------------------------------------------
# A plain subtree's shape repeats on every request of a page: it is turned once into a Python function of
# straight-line attribute reads and one dict display per object (about 3× faster than walking the steps).
# Anything the builder will not judge raises, and the caller runs the selection again field by field.

_BUILDERS: dict[tuple[int, Hashable], Callable[[Any], dict[str, Any]]] = {}
_MAX_BUILDERS = 512


def _signature(steps: list[Step]) -> Hashable:
    return tuple((step.name, step.kind, step.attribute, step.nullable, step.items_nullable, id(step.type),
                  None if step.sub_steps is None or step.kind not in (OBJECT, OBJECT_LIST)
                  else _signature(step.sub_steps)) for step in steps)


def compiled_builder(schema: GraphQLSchema, steps: list[Step]) -> Callable[[Any], dict[str, Any]]:
    key = (id(schema), _signature(steps))
    builder = _BUILDERS.get(key)
    if builder is None:
        if len(_BUILDERS) >= _MAX_BUILDERS:  # documents are few; a client sending endless shapes gets no cache
            _BUILDERS.clear()
        builder = _BUILDERS[key] = _compile(steps)
        # The key holds ids of schema-owned objects (scalar types, enum maps): keep them alive with it.
        builder.__dict__["keep"] = (schema, [step.type for step in _walk(steps)])
    return builder


def _walk(steps: list[Step]) -> list[Step]:
    found = []
    for step in steps:
        found.append(step)
        if step.kind in (OBJECT, OBJECT_LIST) and step.sub_steps:
            found.extend(_walk(step.sub_steps))
    return found


def _is_isoformat(scalar: Any) -> bool:
    """Strawberry's Date, DateTime and Time serialise by calling the value's isoformat()."""
    serialize = getattr(scalar, "serialize", None)
    return isinstance(serialize, methodcaller) and repr(serialize) == "operator.methodcaller('isoformat')"


def _compile(steps: list[Step]) -> Callable[[Any], dict[str, Any]]:
    """Builders take (source, memo): an object field's result is built once per source object and reused where
    the same object appears again under the same selection (a page's departments, a board's people)."""
    source: list[str] = []
    constants: dict[str, Any] = {"N": _NeedsStockPath, "UNDEFINED": Undefined, "SEQUENCE": (list, tuple)}
    counter = iter(range(1_000_000))
    memo_sites = iter(range(1_000_000))
    sites: list[int] = []

    def builder(steps: list[Step]) -> str:
        name = f"build_{next(counter)}"
        body: list[str] = []
        for index, step in enumerate(steps):
            value = f"v{index}"
            body.append(f"{value} = source.{step.attribute}")
            kind = step.kind
            if kind == TEXT:
                body.append(f"if {value} is not None and {value}.__class__ is not str: raise N" if step.nullable
                            else f"if {value}.__class__ is not str: raise N")
                continue
            if not step.nullable:
                body.append(f"if {value} is None: raise N")
            body.append(f"if {value} is not None:")
            if kind == ENUM:
                names = f"E{len(constants)}"
                constants[names] = step.type
                body += [f"    {value} = {names}.get(getattr({value}, 'value', {value}))",
                         f"    if {value} is None: raise N"]
            elif kind == LEAF and step.type is GraphQLInt:
                body.append(f"    if {value}.__class__ is not int or not -2147483648 <= {value} <= 2147483647: raise N")
            elif kind == LEAF and step.type is GraphQLBoolean:
                body.append(f"    if {value}.__class__ is not bool: raise N")
            elif kind == LEAF and _is_isoformat(step.type):
                body.append(f"    {value} = {value}.isoformat()")
            elif kind == LEAF:
                coerce = f"C{len(constants)}"
                constants[coerce] = step.type.coerce_output_value
                body += [f"    {value} = {coerce}({value})",
                         f"    if {value} is None or {value} is UNDEFINED: raise N"]
            elif kind == OBJECT:
                site = next(memo_sites)
                sites.append(site)
                sub = builder(step.sub_steps or [])
                body += [f"    built = memo[{site}].get(id({value}))",
                         "    if built is None:",
                         f"        built = memo[{site}][id({value})] = {sub}({value}, memo)",
                         f"    {value} = built"]
            else:
                item = builder(step.sub_steps or [])
                body.append(f"    if not isinstance({value}, SEQUENCE): raise N")
                body.append(f"    {value} = [None if item is None else {item}(item, memo) for item in {value}]"
                            if step.items_nullable else f"    {value} = [{item}(item, memo) for item in {value}]")
        fields = ", ".join(f"{step.name!r}: v{index}" for index, step in enumerate(steps))
        source.append(f"def {name}(source, memo):\n" + "".join(f"    {line}\n" for line in body)
                      + f"    return {{{fields}}}\n")
        return name

    root = builder(steps)
    source.append(f"def run(source):\n    return {root}(source, [{{}} for _ in range({len(sites)})])\n")
    namespace = dict(constants)
    exec("\n".join(source), namespace)  # generated from the schema's own names, never from a document's text
    compiled: Callable[[Any], dict[str, Any]] = namespace["run"]
    return compiled
