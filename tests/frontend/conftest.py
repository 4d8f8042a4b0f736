"""Frontend state tests run without a browser or a compiled app: Reflex states are plain objects here."""

from __future__ import annotations

import os

# Before any Reflex app object is built (tests/conftest.py sets it too; this keeps the folder runnable alone).
os.environ.setdefault("__REFLEX_SKIP_COMPILE", "1")
