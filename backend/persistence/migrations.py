"""aerich migrations, one committed history per dialect (migrations/sqlite, migrations/postgres)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from aerich import Command
from aerich.models import Aerich
from tortoise import Tortoise
from tortoise.exceptions import OperationalError

from backend.persistence.config import dialect_of, migrations_dir, tortoise_config

APP = "models"


class DatabaseNotMigrated(RuntimeError):
    """The database lacks migrations the code needs; `tandem migrate` applies them."""


def version_files(database_url: str) -> list[str]:
    folder = migrations_dir(database_url) / APP
    files = [p.name for p in folder.glob("*.py") if p.stem.split("_", 1)[0].isdigit()]
    return sorted(files, key=lambda name: int(name.split("_", 1)[0]))


async def upgrade(database_url: str) -> list[str]:
    """Apply every migration the database lacks; returns the files applied."""
    command = Command(tortoise_config=tortoise_config(database_url), app=APP,
                      location=str(migrations_dir(database_url)))
    try:
        await command.init()
        return await command.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


async def missing_migrations(database_url: str) -> list[str]:
    """Migrations not yet applied; call with Tortoise initialised on this database."""
    try:
        applied = set(await Aerich.filter(app=APP).values_list("version", flat=True))
    except OperationalError:
        applied = set()
    return [name for name in version_files(database_url) if name not in applied]


async def ensure_migrated(database_url: str) -> None:
    missing = await missing_migrations(database_url)
    if missing:
        raise DatabaseNotMigrated(
            f"The database at {redact(database_url)} is not migrated ({len(missing)} migration(s) pending, "
            f"first {missing[0]}). Run `tandem migrate` (or `tandem serve`, which migrates first)."
        )


async def make_migration(database_url: str, name: str) -> str | None:
    """Write the next migration for this URL's dialect from the models (offline: no server needed)."""
    location = migrations_dir(database_url)
    command = Command(tortoise_config=tortoise_config(database_url), app=APP, location=str(location))
    try:
        if not (location / APP).exists() or not version_files(database_url):
            await command.init_migrations(safe=True)
            return version_files(database_url)[-1]
        await command.init(offline=True)
        return await command.migrate(name=name, no_input=True, offline=True) or None
    finally:
        await Tortoise.close_connections()


async def pending_model_changes(database_url: str) -> str | None:
    """The migration aerich would write now, generated into a scratch copy; None when models match."""
    with tempfile.TemporaryDirectory() as scratch:
        location = Path(scratch) / dialect_of(database_url)
        shutil.copytree(migrations_dir(database_url), location)
        before = {p.name for p in (location / APP).glob("*.py")}
        command = Command(tortoise_config=tortoise_config(database_url), app=APP, location=str(location))
        try:
            await command.init(offline=True)
            await command.migrate(name="drift", no_input=True, offline=True)
        finally:
            await Tortoise.close_connections()
        created = sorted({p.name for p in (location / APP).glob("*.py")} - before)
        if not created:
            return None
        return (location / APP / created[0]).read_text(encoding="utf-8")


def redact(database_url: str) -> str:
    """Hide a password in a URL before it reaches a log or an error message."""
    if "@" not in database_url or "://" not in database_url:
        return database_url
    scheme, rest = database_url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"
