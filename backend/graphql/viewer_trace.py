"""What a shared execution learned about its viewer, so its result is reused only by viewers it fits.

A live payload is executed once and sent to every subscriber in its scope (graphql/live.py). Fields whose
value depends on the viewer (pay, amounts) decide through `viewer_decision(policy, viewer, *args)`: the
decision is recorded, and another subscriber reuses the result only if the same policy gives them the same
answer. Any other read of the viewer during a shared execution (`TandemContext.viewer`) ties the result to
that exact viewer. Outside a shared execution nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from backend.domain.access import Viewer

Policy = Callable[..., bool]


@dataclass
class ViewerTrace:
    decisions: list[tuple[Policy, tuple[Any, ...], bool]] = field(default_factory=list)
    identity: bool = False  # the viewer itself was read: only the same viewer may reuse the result

    def fits(self, viewer: Viewer, original: Viewer) -> bool:
        if self.identity and viewer != original:
            return False
        return all(policy(viewer, *args) == outcome for policy, args, outcome in self.decisions)


_TRACE: ContextVar[ViewerTrace | None] = ContextVar("tandem_viewer_trace", default=None)


def start_trace() -> tuple[ViewerTrace, Any]:
    trace = ViewerTrace()
    return trace, _TRACE.set(trace)


def resume_trace(trace: ViewerTrace) -> Any:
    """Record into `trace` again (the asynchronous rest of an execution that started it)."""
    return _TRACE.set(trace)


def end_trace(token: Any) -> None:
    _TRACE.reset(token)


def note_viewer_read() -> None:
    trace = _TRACE.get()
    if trace is not None:
        trace.identity = True


def viewer_decision(policy: Policy, viewer: Viewer, *args: Any) -> bool:
    """`policy(viewer, *args)`, recorded when inside a shared execution."""
    outcome = policy(viewer, *args)
    trace = _TRACE.get()
    if trace is not None:
        trace.decisions.append((policy, args, outcome))
    return outcome
