"""`tandem backup` / `tandem restore`: the database and the photo evidence in one tar file.

- SQLite: SQLite's online backup API copies a consistent snapshot while the server keeps writing.
- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot too) and `pg_restore` (Debian's
  postgresql-client; `scripts/setup --test` installs it when missing).
- Attachments are stored once per SHA-256 and never changed; they are copied after the database snapshot,
  so every attachment the snapshot names is in the archive (a file added meanwhile is harmless extra).
  Restore checks every file against its checksum before it changes anything.

The archive holds `manifest.json`, the database (`database.sqlite3` or `database.pgdump`) and
`attachments/<aa>/<sha256>`. It does not hold the secret key: sessions signed before a restore on another
installation end, and partner tokens (stored hashed) keep working. A backup restores into the same dialect.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from backend.persistence.config import dialect_of

FORMAT = 1
ATTACHMENTS = "attachments"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    dialect: str
    attachments: int
    database_bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_path(database_url: str) -> Path:
    path = database_url.removeprefix("sqlite://")
    if path in ("", ":memory:"):
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(path)


def _pg_environment(database_url: str) -> dict[str, str]:
    """libpq settings from the URL, so no password appears on a command line."""
    parts = urlsplit(database_url)
    env = dict(os.environ)
    env.update({"PGHOST": parts.hostname or "127.0.0.1", "PGPORT": str(parts.port or 5432),
                "PGDATABASE": unquote(parts.path.lstrip("/"))})
    if parts.username:
        env["PGUSER"] = unquote(parts.username)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client tools "
                          "(Debian: apt-get install postgresql-client)")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def backup(*, database_url: str, data_dir: Path, output: Path) -> BackupSummary:
    dialect = dialect_of(database_url)
    with tempfile.TemporaryDirectory(prefix="tandem-backup-") as scratch:
        scratch_dir = Path(scratch)
        if dialect == "sqlite":
            source = _sqlite_path(database_url)
            if not source.exists():
                raise BackupError(f"no database at {source}")
            database_file = scratch_dir / "database.sqlite3"
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as live, sqlite3.connect(database_file) as copy:
                live.backup(copy)
            copy.close()
            live.close()
        else:
            database_file = scratch_dir / "database.pgdump"
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={database_file}"],
                 _pg_environment(database_url))
        attachments = sorted(p for p in (data_dir / ATTACHMENTS).glob("*/*") if p.is_file()) \
            if (data_dir / ATTACHMENTS).is_dir() else []
        manifest = {
            "format": FORMAT, "dialect": dialect, "created_at": datetime.now(UTC).isoformat(),
            "database": {"file": database_file.name, "sha256": _sha256(database_file)},
            "attachments": {p.name: p.stat().st_size for p in attachments},
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(database_file, arcname=database_file.name)
            for path in attachments:
                archive.add(path, arcname=f"{ATTACHMENTS}/{path.parent.name}/{path.name}")
        partial.replace(output)  # a backup that was cut short never looks complete
        return BackupSummary(path=output, dialect=dialect, attachments=len(attachments),
                             database_bytes=database_file.stat().st_size)


def _read_manifest(archive: tarfile.TarFile) -> dict[str, object]:
    member = archive.extractfile("manifest.json")
    if member is None:
        raise BackupError("not a Tandem backup: manifest.json is missing")
    manifest: dict[str, object] = json.loads(member.read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not supported (expected {FORMAT})")
    return manifest


def _sqlite_has_data(path: Path) -> bool:
    if not path.exists():
        return False
    with sqlite3.connect(path) as connection:
        found = connection.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='employee'").fetchone()
        has = bool(found) and connection.execute("SELECT 1 FROM employee LIMIT 1").fetchone() is not None
    connection.close()
    return has


def _pg_has_data(database_url: str) -> bool:
    env = _pg_environment(database_url)
    if shutil.which("psql") is None:
        raise BackupError("psql is not installed: install PostgreSQL's client tools")
    done = subprocess.run(["psql", "-tAc", "SELECT to_regclass('public.employee') IS NOT NULL"],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"cannot reach the target database: {done.stderr.strip()}")
    if done.stdout.strip() != "t":
        return False
    rows = subprocess.run(["psql", "-tAc", "SELECT EXISTS (SELECT 1 FROM employee)"], env=env,
                          capture_output=True, text=True, check=False)
    return rows.stdout.strip() == "t"


def restore(*, database_url: str, data_dir: Path, archive_path: Path, force: bool = False) -> BackupSummary:
    """Replace the database's content (and add the attachments) with the backup's; refuses a database that
    already holds employees unless `force`."""
    dialect = dialect_of(database_url)
    with tarfile.open(archive_path, "r") as archive, tempfile.TemporaryDirectory(prefix="tandem-restore-") as scratch:
        manifest = _read_manifest(archive)
        if manifest.get("dialect") != dialect:
            raise BackupError(f"this is a {manifest.get('dialect')} backup; restore it into a database of that kind "
                              f"(the target is {dialect})")
        archive.extractall(scratch, filter="data")
        scratch_dir = Path(scratch)
        database = manifest["database"]
        assert isinstance(database, dict)
        database_file = scratch_dir / str(database["file"])
        if _sha256(database_file) != database["sha256"]:
            raise BackupError("the backup's database file is damaged (checksum mismatch)")
        attachments = manifest["attachments"]
        assert isinstance(attachments, dict)
        extracted = {p.name: p for p in (scratch_dir / ATTACHMENTS).glob("*/*")} \
            if (scratch_dir / ATTACHMENTS).is_dir() else {}
        for sha, size in attachments.items():
            path = extracted.get(sha)
            if path is None or path.stat().st_size != size or _sha256(path) != sha:
                raise BackupError(f"the backup's attachment {sha} is missing or damaged")
        if dialect == "sqlite":
            target = _sqlite_path(database_url)
            if not force and _sqlite_has_data(target):
                raise BackupError(f"{target} already holds employees; pass --force to replace its content")
            target.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(database_file) as source, sqlite3.connect(target) as destination:
                source.backup(destination)
            source.close()
            destination.close()
        else:
            if not force and _pg_has_data(database_url):
                raise BackupError("the target database already holds employees; pass --force to replace its content")
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  "--exit-on-error", f"--dbname={_pg_environment(database_url)['PGDATABASE']}", str(database_file)],
                 _pg_environment(database_url))
        for sha, path in extracted.items():
            destination_path = data_dir / ATTACHMENTS / sha[:2] / sha
            if not destination_path.exists():
                destination_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination_path)
        return BackupSummary(path=archive_path, dialect=dialect, attachments=len(extracted),
                             database_bytes=database_file.stat().st_size)
