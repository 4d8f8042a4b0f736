"""Shared fixtures. The API tests run against TANDEM_TEST_DATABASE_URL (SQLite by default; CI also runs
them against a throwaway PostgreSQL database) through the real ASGI app with its lifespan."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Must be set before Reflex builds its app object (frontend state tests).
os.environ.setdefault("__REFLEX_SKIP_COMPILE", "1")

_SCRATCH = Path(tempfile.mkdtemp(prefix="tandem-test-"))
os.environ.setdefault("TANDEM_DATA_DIR", str(_SCRATCH))
TEST_DATABASE_URL = os.environ.get("TANDEM_TEST_DATABASE_URL") or f"sqlite://{_SCRATCH / 'test.sqlite3'}"
_REDIS_SERVER = os.environ.get("TANDEM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Pub/sub channels are global to a Redis server: a prefix per run keeps concurrent runs from hearing each other.
TEST_REDIS_URL = f"{_REDIS_SERVER}{'&' if '?' in _REDIS_SERVER else '?'}channel_prefix=tandem-test-{os.getpid()}:"
SCRATCH_DIR = _SCRATCH


def session_database_url() -> str:
    """The database this test session uses. Under mutmut (scripts/mutation) several mutants are tested at once, each
    in a process forked after this module was imported: each gets its own SQLite file, so one never empties the
    tables another is using."""
    if "MUTANT_UNDER_TEST" in os.environ and TEST_DATABASE_URL.startswith("sqlite://"):
        return f"sqlite://{_SCRATCH / f'test-{os.getpid()}.sqlite3'}"
    return TEST_DATABASE_URL

# schemathesis runs the app's lifespan for the whole process (STACK-NOTES): its tests get their own
# pytest invocation (scripts/test sets TANDEM_FUZZ=1 for it) and stay out of the main one.
collect_ignore_glob = [] if os.environ.get("TANDEM_FUZZ") == "1" else ["fuzz/*"]
