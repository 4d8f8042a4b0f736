"""The committed SDL matches the code; each dialect's aerich history matches the models; the app refuses
to start on a database that lacks migrations. Run in subprocesses: Tortoise keeps one global context."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from backend.graphql.schema import schema

REPO = Path(__file__).resolve().parents[2]


def test_committed_schema_matches_the_code() -> None:
    committed = (REPO / "schema" / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", (
        "schema/schema.graphql is stale: run `tandem export-schema` and commit the file")


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **env})


def test_no_model_changes_are_missing_from_either_migration_history() -> None:
    # The PostgreSQL URL the rest of the suite uses (scripts/test); aerich generates offline, so the URL picks
    # the dialect and no server is contacted.
    postgres = os.environ.get("TANDEM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    result = _python(f"""
        import asyncio
        from backend.persistence.migrations import pending_model_changes
        for url in ("sqlite://:memory:", "{postgres}/postgres"):
            drift = asyncio.run(pending_model_changes(url))
            print(url.split(":")[0], "DRIFT" if drift else "clean")
            if drift:
                print(drift)
    """)
    assert result.returncode == 0, result.stderr
    assert "sqlite clean" in result.stdout and "postgres clean" in result.stdout, (
        f"models changed without a migration: run `tandem make-migrations --name …`\n{result.stdout}")


def test_app_refuses_to_start_on_an_unmigrated_database(tmp_path: Path) -> None:
    result = _python(f"""
        import asyncio
        from dataclasses import replace
        from backend.app import create_api
        from backend.settings import load_settings
        settings = replace(load_settings(), database_url="sqlite://{tmp_path / 'empty.sqlite3'}")
        app = create_api(settings)
        async def start():
            async with app.router.lifespan_context(app):
                pass
        asyncio.run(start())
    """, TANDEM_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "is not migrated" in result.stderr and "tandem migrate" in result.stderr
