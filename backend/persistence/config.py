"""TORTOISE_ORM for the app and for aerich; safe to import (reads only the environment)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

MODEL_MODULES = ["backend.persistence.models", "aerich.models"]
MIGRATIONS_ROOT = Path(__file__).resolve().parents[2] / "migrations"


def default_database_url() -> str:
    url = os.environ.get("TANDEM_DATABASE_URL", "").strip()
    if url:
        return url
    data_dir = Path(os.environ.get("TANDEM_DATA_DIR", "data")).resolve()
    return f"sqlite://{data_dir / 'tandem.sqlite3'}"


def dialect_of(database_url: str) -> str:
    return "postgres" if database_url.startswith(("postgres://", "postgresql://", "asyncpg://")) else "sqlite"


def migrations_dir(database_url: str) -> Path:
    """aerich writes dialect-specific SQL, so each dialect keeps its own history."""
    return MIGRATIONS_ROOT / dialect_of(database_url)


def tortoise_config(database_url: str) -> dict[str, Any]:
    if database_url.startswith("postgresql://"):
        database_url = "postgres://" + database_url.removeprefix("postgresql://")
    return {
        "connections": {"default": database_url},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


TORTOISE_ORM = tortoise_config(default_database_url())
