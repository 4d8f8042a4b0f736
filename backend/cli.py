"""`tandem` command line: serve, migrate, demo, create-admin, backup, restore, export-schema, make-migrations."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from backend.settings import load_settings

REPO_ROOT = Path(__file__).resolve().parents[1]


def _migrate(database_url: str) -> None:
    from backend.persistence.migrations import redact, upgrade

    applied = asyncio.run(upgrade(database_url))
    if applied:
        print(f"Migrated {redact(database_url)}: {', '.join(applied)}")
    else:
        print(f"{redact(database_url)} is up to date.")


def cmd_migrate(args: argparse.Namespace) -> int:
    _migrate(load_settings().database_url)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = load_settings()
    _migrate(settings.database_url)
    if args.workers and args.workers > 1 and settings.event_bus_url.startswith("memory://"):
        print("Several workers need a shared event bus: set TANDEM_EVENT_BUS_URL=redis://…", file=sys.stderr)
        return 2
    if args.api_only:
        import uvicorn

        uvicorn.run("backend.app:create_api", factory=True, host=args.host, port=args.port,
                    workers=args.workers or 1, log_level="info", lifespan="on")
        return 0
    from frontend.serve import run_spa

    return run_spa(args.host, args.port, args.workers)


def cmd_demo(args: argparse.Namespace) -> int:
    from backend.demo import load_demo

    settings = load_settings()
    _migrate(settings.database_url)
    return asyncio.run(load_demo(settings.database_url, employees=args.employees, support_days=args.support_days))


def cmd_create_admin(args: argparse.Namespace) -> int:
    from backend.demo import create_admin

    employee_no = args.employee_no or input("Employee number: ").strip()
    password = args.password or getpass.getpass("Password (≥ 8 characters): ")
    settings = load_settings()
    _migrate(settings.database_url)
    return asyncio.run(create_admin(settings.database_url, employee_no=employee_no, password=password,
                                    name=args.name))


def cmd_export_schema(args: argparse.Namespace) -> int:
    from backend.graphql.schema import schema

    target = Path(args.output)
    target.write_text(schema.as_str() + "\n", encoding="utf-8")
    print(f"Wrote {target}")
    return 0


MIGRATION_DIALECT_URLS = {"sqlite": "sqlite://:memory:", "postgres": "postgres://postgres@127.0.0.1:5432/postgres"}


def cmd_make_migrations(args: argparse.Namespace) -> int:
    from backend.persistence.migrations import make_migration

    if args.dialect:
        # Offline: aerich diffs the models against the history's last state; no server is needed.
        created = asyncio.run(make_migration(MIGRATION_DIALECT_URLS[args.dialect], args.name))
        print(f"{args.dialect}: {created or 'no changes'}")
        return 0
    # One process per dialect: aerich keeps class-level state that would leak one dialect's diff into the next.
    for dialect in MIGRATION_DIALECT_URLS:
        subprocess.run([sys.executable, "-m", "backend.cli", "make-migrations", "--name", args.name,
                        "--dialect", dialect], check=True)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from backend.persistence.backup import BackupError, backup

    settings = load_settings()
    try:
        summary = backup(database_url=settings.database_url, data_dir=settings.data_dir, output=Path(args.output))
    except BackupError as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return 1
    print(f"Backed up the {summary.dialect} database ({summary.database_bytes:,} bytes) and "
          f"{summary.attachments} attachment(s) to {summary.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from backend.persistence.backup import BackupError, restore

    settings = load_settings()
    try:
        summary = restore(database_url=settings.database_url, data_dir=settings.data_dir,
                          archive_path=Path(args.archive), force=args.force)
    except BackupError as error:
        print(f"restore failed: {error}", file=sys.stderr)
        return 1
    print(f"Restored the {summary.dialect} database and {summary.attachments} attachment(s) from {summary.path}")
    _migrate(settings.database_url)  # a backup from an older version is brought up to date
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tandem", description="Tandem HR: serve, migrate, load demo data.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="migrate, then serve the API and the SPA on one port")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--api-only", action="store_true", help="serve only the GraphQL API (partner workers)")
    serve.add_argument("--workers", type=int, default=None, help="worker processes (needs a redis:// bus)")
    serve.set_defaults(handler=cmd_serve)

    commands.add_parser("migrate", help="apply pending migrations").set_defaults(handler=cmd_migrate)

    demo = commands.add_parser("demo", help="load a demo organisation (skipped if data exists)")
    demo.add_argument("--employees", type=int, default=300)
    demo.add_argument("--support-days", type=int, default=90, help="days of support-request history (0: none)")
    demo.set_defaults(handler=cmd_demo)

    admin = commands.add_parser("create-admin", help="create an administrator, or make an employee one")
    admin.add_argument("--employee-no")
    admin.add_argument("--password")
    admin.add_argument("--name", default="系统管理员")
    admin.set_defaults(handler=cmd_create_admin)

    export = commands.add_parser("export-schema", help="write the GraphQL SDL")
    export.add_argument("--output", default=str(REPO_ROOT / "schema" / "schema.graphql"))
    export.set_defaults(handler=cmd_export_schema)

    backup = commands.add_parser("backup", help="the database and photo evidence in one tar file")
    backup.add_argument("--output", required=True, help="where to write the archive, e.g. tandem-2026-12-01.tar")
    backup.set_defaults(handler=cmd_backup)
    restore = commands.add_parser("restore", help="replace the database's content with a backup's")
    restore.add_argument("archive")
    restore.add_argument("--force", action="store_true", help="replace a database that already holds employees")
    restore.set_defaults(handler=cmd_restore)

    make = commands.add_parser("make-migrations", help="write the next aerich migration for every dialect")
    make.add_argument("--name", default="update")
    make.add_argument("--dialect", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    make.set_defaults(handler=cmd_make_migrations)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())

