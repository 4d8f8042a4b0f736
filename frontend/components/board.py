"""The kanban board component (assets/tandem/board.jsx) for Reflex."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import passthrough_event_spec

BOARD_JS = "$/public/tandem/board.jsx"


class KanbanBoard(rx.NoSSRComponent):
    """Drawn in the browser only: the drag and drop library reads the DOM (and has no ESM entry points the
    prerender could load)."""

    library = BOARD_JS
    tag = "KanbanBoard"
    # Pragmatic drag and drop (Apache-2.0, Atlassian; what Plane uses) with its hitbox and auto-scroll parts.
    lib_dependencies: list[str] = [
        "@atlaskit/pragmatic-drag-and-drop@4.0.0",
        "@atlaskit/pragmatic-drag-and-drop-hitbox@3.0.0",
        "@atlaskit/pragmatic-drag-and-drop-auto-scroll@3.2.1",
    ]

    # frontend/state/board.py board_view(): columns with id, name, wipLimit, count and cards.
    columns: rx.Var[list[dict[str, Any]]]
    labels: rx.Var[dict[str, str]]
    can_edit: rx.Var[bool]
    # Changes whenever the server refused or redrew a move: the browser's own unconfirmed move is dropped.
    revision: rx.Var[int]
    # {"taskId", "columnId", "position", "version"}: the version is the one this browser saw.
    on_move: rx.EventHandler[passthrough_event_spec(dict[str, Any])]
    on_open: rx.EventHandler[passthrough_event_spec(str)]
    on_add: rx.EventHandler[passthrough_event_spec(str)]
