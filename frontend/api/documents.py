"""Every GraphQL operation the web app sends, read from the `.graphql` documents in frontend/operations/.

An operation goes out with exactly the fragments it spreads (transitively), printed once. Operation and
fragment names are unique across the documents. tests/frontend/test_operations.py validates every operation
against the committed schema/schema.graphql with graphql-core, so a schema change that breaks the app fails CI.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from graphql import (
    FragmentDefinitionNode,
    FragmentSpreadNode,
    Node,
    OperationDefinitionNode,
    parse,
    print_ast,
    visit,
)
from graphql.language import Visitor

OPERATIONS_DIR = Path(__file__).resolve().parents[1] / "operations"


class _Spreads(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: object) -> None:
        self.names.add(node.name.value)


def _spread_names(node: Node) -> set[str]:
    spreads = _Spreads()
    visit(node, spreads)
    return spreads.names


@dataclasses.dataclass(frozen=True)
class Documents:
    operations: dict[str, OperationDefinitionNode]
    fragments: dict[str, FragmentDefinitionNode]
    # Which file defines each operation and fragment (for error messages).
    files: dict[str, str]

    @classmethod
    def load(cls, folder: Path = OPERATIONS_DIR) -> Documents:
        operations: dict[str, OperationDefinitionNode] = {}
        fragments: dict[str, FragmentDefinitionNode] = {}
        files: dict[str, str] = {}
        for path in sorted(folder.glob("*.graphql")):
            for definition in parse(path.read_text(encoding="utf-8")).definitions:
                if isinstance(definition, OperationDefinitionNode):
                    if definition.name is None:
                        raise ValueError(f"{path.name}: every operation needs a name")
                    target: dict[str, OperationDefinitionNode] | dict[str, FragmentDefinitionNode] = operations
                elif isinstance(definition, FragmentDefinitionNode):
                    target = fragments
                else:
                    raise ValueError(f"{path.name}: only operations and fragments belong in a document")
                name = definition.name.value
                if name in files:
                    raise ValueError(f"{path.name}: {name} is already defined in {files[name]}")
                target[name] = definition  # type: ignore[assignment]
                files[name] = path.name
        return cls(operations=operations, fragments=fragments, files=files)

    def fragments_of(self, name: str) -> list[str]:
        """The fragments operation (or fragment) `name` needs, in the order they are defined."""
        root = self.operations.get(name) or self.fragments[name]
        needed: set[str] = set()
        pending = _spread_names(root)
        while pending:
            fragment = pending.pop()
            if fragment in needed:
                continue
            if fragment not in self.fragments:
                raise KeyError(f"{name} spreads the unknown fragment {fragment}")
            needed.add(fragment)
            pending |= _spread_names(self.fragments[fragment])
        return [f for f in self.fragments if f in needed]

    def text(self, name: str) -> str:
        """Operation `name` with its fragments, ready to send; KeyError for an unknown name."""
        if name not in self.operations:
            raise KeyError(f"no operation named {name} in {OPERATIONS_DIR}")
        parts = [self.operations[name], *(self.fragments[f] for f in self.fragments_of(name))]
        return "\n\n".join(print_ast(part) for part in parts)


@functools.cache
def documents() -> Documents:
    return Documents.load()


def operation(name: str) -> str:
    """The text of one operation the app sends (frontend/operations/*.graphql)."""
    return documents().text(name)
