"""`tandem backup` / `tandem restore` round trips on SQLite and PostgreSQL: the restored database has every
row of the original, and the photo evidence comes back byte for byte (issue 11, what to build 7)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from backend.services.support import attachment_path

PG_SERVER = os.environ.get("TANDEM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def _tandem(args: list[str], database_url: str, data_dir: Path, *, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "TANDEM_DATABASE_URL": database_url, "TANDEM_DATA_DIR": str(data_dir),
           "TANDEM_EVENT_BUS_URL": "memory://"}
    done = subprocess.run([sys.executable, "-m", "backend.cli", *args], env=env, capture_output=True, text=True,
                          check=False)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _seed(database_url: str, data_dir: Path, execute: Any) -> str:
    """A small demo organisation (through the services), plus one photo attachment and its file."""
    _tandem(["demo", "--employees", "80", "--support-days", "2"], database_url, data_dir)
    sha = hashlib.sha256(PHOTO).hexdigest()
    path = attachment_path(data_dir, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PHOTO)
    execute("INSERT INTO support_attachment (request_id, uploader_id, sha256, content_type, size, file_name, at) "
            "SELECT id, submitter_id, '" + sha + "', 'image/png', " + str(len(PHOTO)) + ", 'fault.png', "
            "submitted_at FROM support_request ORDER BY id LIMIT 1")
    return sha


def _round_trip(tmp_path: Path, source_url: str, target_url: str, execute_source: Any,
                rows_of: Any) -> None:
    source_data, target_data = tmp_path / "source-data", tmp_path / "target-data"
    sha = _seed(source_url, source_data, execute_source)
    archive = tmp_path / "backup.tar"

    _tandem(["backup", "--output", str(archive)], source_url, source_data)
    _tandem(["migrate"], target_url, target_data)  # a fresh installation, schema only
    restored = _tandem(["restore", str(archive)], target_url, target_data)
    assert "1 attachment(s)" in restored.stdout

    original, copy = rows_of(source_url), rows_of(target_url)
    assert set(original) == set(copy)
    assert original["employee"] and original["support_request"] and original["project"] and original["audit_entry"]
    for table in original:
        assert copy[table] == original[table], table
    assert attachment_path(target_data, sha).read_bytes() == PHOTO
    # A database that already holds employees is not overwritten by accident.
    refused = _tandem(["restore", str(archive)], target_url, target_data, check=False)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert _tandem(["restore", "--force", str(archive)], target_url, target_data).returncode == 0
    assert rows_of(target_url) == original


def _sqlite_rows(url: str) -> dict[str, list[tuple]]:
    with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        rows = {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    connection.close()
    return rows


def test_sqlite_backup_restores_every_row_and_file(tmp_path: Path) -> None:
    source, target = f"sqlite://{tmp_path / 'source.sqlite3'}", f"sqlite://{tmp_path / 'target.sqlite3'}"

    def execute(sql: str) -> None:
        with sqlite3.connect(source.removeprefix("sqlite://")) as connection:
            connection.execute(sql)
        connection.close()

    _round_trip(tmp_path, source, target, execute, _sqlite_rows)


async def _pg(database: str, sql: str) -> Any:
    connection = await asyncpg.connect(f"{PG_SERVER}/{database}")
    try:
        return await connection.fetch(sql)
    finally:
        await connection.close()


async def _pg_rows(url: str) -> dict[str, list[tuple]]:
    connection = await asyncpg.connect(url)
    try:
        tables = [r["tablename"] for r in await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {t: [tuple(r) for r in await connection.fetch(f'SELECT * FROM "{t}" ORDER BY 1')] for t in tables}
    finally:
        await connection.close()


@pytest.fixture
def pg_databases() -> Iterator[tuple[str, str]]:
    names = [f"tandem_backup_{os.getpid()}_{side}" for side in ("source", "target")]
    for name in names:
        asyncio.run(_pg("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        asyncio.run(_pg("postgres", f'CREATE DATABASE "{name}"'))
    yield f"{PG_SERVER}/{names[0]}", f"{PG_SERVER}/{names[1]}"
    for name in names:
        asyncio.run(_pg("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.mark.postgres
def test_postgres_backup_restores_every_row_and_file(tmp_path: Path, pg_databases: tuple[str, str]) -> None:
    source, target = pg_databases
    _round_trip(tmp_path, source, target, lambda sql: asyncio.run(_pg(source.rsplit("/", 1)[1], sql)),
                lambda url: asyncio.run(_pg_rows(url)))
