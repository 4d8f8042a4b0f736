"""Mutation testing of the rules (mutmut 3): run each target of mutation/targets.toml and print the score per module.

    scripts/mutation                      every target, one after another
    scripts/mutation domain support       these targets
    scripts/mutation domain --only 'backend.domain.money*'   only these mutants (fnmatch on mutant names)
    scripts/mutation --report domain      score the last run again (after editing equivalent.toml)

A target runs in its own scratch folder (.mutation/<target>/, a fresh `mutants/` each time): links to the
repository, and a pyproject.toml that is the project's plus a [tool.mutmut] section for that target. Score =
caught / (mutants − listed equivalents); caught = killed by a test, caught by mypy --strict (which
scripts/test runs on the same code) or timed out. mutation/equivalent.toml lists mutants that no test can
kill, each with the mutated line (so an entry that no longer matches its mutant is reported, not applied)
and the reason.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutation"
TARGETS = ROOT / "mutation" / "targets.toml"
EQUIVALENTS = ROOT / "mutation" / "equivalent.toml"
LINKED = ("backend", "tests", "migrations", "bench")  # bench: tests/unit/test_query_cost.py imports its documents
CAUGHT = {"killed", "caught by type check", "timeout", "segfault", "killed on PostgreSQL"}


@dataclass
class Target:
    name: str
    files: list[str]
    tests: list[str]
    functions: list[str] = field(default_factory=list)
    pytest_args: list[str] = field(default_factory=list)
    children: int = 1
    threshold: float = 0.0
    # The tests that need PostgreSQL (the races): the mutants left on SQLite are tried again with them on a
    # throwaway PostgreSQL database, as scripts/test runs tests/api on both.
    postgres_tests: list[str] = field(default_factory=list)

    def on_postgres(self) -> Target:
        return Target(name=f"{self.name}-postgres", files=self.files, tests=self.postgres_tests,
                      functions=self.functions, children=1, threshold=self.threshold)

    @property
    def work(self) -> Path:
        return WORK / self.name


@dataclass
class Equivalent:
    mutant: str
    change: str
    reason: str


def load_targets() -> dict[str, Target]:
    data = tomllib.loads(TARGETS.read_text(encoding="utf-8"))
    return {name: Target(name=name, **spec) for name, spec in data["targets"].items()}


def load_equivalents() -> dict[str, Equivalent]:
    if not EQUIVALENTS.exists():
        return {}
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    return {e["mutant"]: Equivalent(**e) for e in data.get("equivalent", [])}


def mutant_glob(function: str) -> str:
    """'backend.x.f' -> 'backend.x.x_f__mutmut_*'; 'backend.x.C.m' -> 'backend.x.xǁCǁm__mutmut_*'."""
    module, _, name = function.rpartition(".")
    if module.rpartition(".")[2][:1].isupper():  # a method: module.Class.method
        module, _, cls = module.rpartition(".")
        return f"{module}.xǁ{cls}ǁ{name}__mutmut_*"
    return f"{module}.x_{name}__mutmut_*"


def mypy_checks(files: list[str]) -> bool:
    """Only code that scripts/test type-checks (pyproject [tool.mypy] files) earns 'caught by type check'."""
    checked = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]["files"]
    return all(any(f.startswith(c.rstrip("/") + "/") for c in checked) for f in files)


def prepare(target: Target, *, fresh: bool, type_check: bool = True) -> None:
    work = target.work
    if fresh and (work / "mutants").exists():
        shutil.rmtree(work / "mutants")
    work.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = work / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    config: dict[str, Any] = {
        "source_paths": ["backend/"],
        "only_mutate": target.files,
        "also_copy": ["migrations/", "bench/"],
        "pytest_add_cli_args_test_selection": target.tests,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", *target.pytest_args],
    }
    if type_check and mypy_checks(target.files):
        files = sorted(str(p.relative_to(ROOT)) for pattern in target.files for p in ROOT.glob(pattern))
        config["type_check_command"] = [sys.executable, "-m", "mypy", "-O", "json", "--no-warn-unused-ignores",
                                        *files]
    section = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in config.items())
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(f"{project}\n[tool.mutmut]\n{section}", encoding="utf-8")


def run(target: Target, only: list[str], env: dict[str, str] | None = None) -> float:
    names = only or [mutant_glob(f) for f in target.functions]
    command = ["nice", "-n", "19", sys.executable, "-m", "mutmut", "run", "--max-children", str(target.children),
               *names]
    log = target.work / "run.log"
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(command, cwd=target.work, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})})
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        print(log.read_text(encoding="utf-8")[-3000:])
        raise SystemExit(f"mutmut failed for {target.name} (exit {result.returncode}); see {log}")
    return elapsed


@dataclass
class Outcome:
    name: str
    module: str
    status: str
    change: str = ""


def outcomes(target: Target, only: list[str]) -> list[Outcome]:
    """Every mutant of the target's last run, with the mutated line of those not caught (read in the work folder,
    where mutmut's own helpers find its files)."""
    result = subprocess.run([sys.executable, str(ROOT / "mutation" / "outcomes.py"), json.dumps(sorted(CAUGHT))],
                            cwd=target.work, capture_output=True, text=True, check=True)
    patterns = only or [mutant_glob(f) for f in target.functions] or ["*"]
    found = []
    for name, status, change in json.loads(result.stdout):
        if status == "not checked" or not any(fnmatch.fnmatchcase(name, p) for p in patterns):
            continue
        module = name.split(".x")[0] if ".xǁ" in name or ".x_" in name else name
        found.append(Outcome(name=name, module=module, status=status, change=change))
    return found


def _postgres_database(action: str, name: str) -> None:
    """Create or drop a throwaway database on TANDEM_TEST_POSTGRES, as scripts/test does."""
    server = os.environ.get("TANDEM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    script = ("import asyncio, sys, asyncpg\n"
              "async def main(server, name, action):\n"
              "    c = await asyncpg.connect(server + '/postgres')\n"
              "    try:\n"
              "        await c.execute(f'CREATE DATABASE \"{name}\"' if action == 'create' else "
              "f'DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)')\n"
              "    finally:\n"
              "        await c.close()\n"
              "asyncio.run(main(*sys.argv[1:]))\n")
    subprocess.run([sys.executable, "-c", script, server, name, action], check=True)


def run_on_postgres(target: Target, left: list[str]) -> tuple[float, dict[str, str]]:
    """Try the mutants SQLite left on a fresh PostgreSQL database (one mutant at a time: they share it)."""
    again = target.on_postgres()
    prepare(again, fresh=True, type_check=False)  # what mypy catches was caught in the first pass
    database = f"tandem_mutation_{target.name}_{os.getpid()}"
    server = os.environ.get("TANDEM_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    _postgres_database("create", database)
    try:
        elapsed = run(again, left, env={"TANDEM_TEST_DATABASE_URL": f"{server}/{database}"})
    finally:
        _postgres_database("drop", database)
    return elapsed, {o.name: o.status for o in outcomes(again, left)}


def merge_postgres(target: Target, found: list[Outcome]) -> int:
    """A mutant left on SQLite but caught on PostgreSQL counts as caught. Returns how many."""
    again = target.on_postgres()
    if not (again.work / "mutants").exists():
        return 0
    left = [o.name for o in found if o.status not in CAUGHT]
    statuses = {o.name: o.status for o in outcomes(again, left)} if left else {}
    caught = 0
    for outcome in found:
        if outcome.status not in CAUGHT and statuses.get(outcome.name) in CAUGHT:
            outcome.status, outcome.change = "killed on PostgreSQL", ""
            caught += 1
    return caught


def report(target: Target, found: list[Outcome], equivalents: dict[str, Equivalent]) -> float:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    uncaught: list[Outcome] = []
    stale: list[str] = []
    for outcome in found:
        counts = by_module[outcome.module]
        counts["mutants"] += 1
        if outcome.status in CAUGHT:
            counts["caught"] += 1
            if outcome.name in equivalents:
                stale.append(f"{outcome.name}: listed as equivalent but a test catches it; remove the entry")
            continue
        listed = equivalents.get(outcome.name)
        if listed is not None and listed.change == outcome.change:
            counts["equivalent"] += 1
            continue
        if listed is not None:
            stale.append(f"{outcome.name}: listed as equivalent for {listed.change!r}, but the mutant now is "
                         f"{outcome.change!r}")
        counts[outcome.status] += 1
        uncaught.append(outcome)
    total: Counter[str] = Counter()
    print(f"\n{target.name}: tests {' '.join(target.tests)}")
    print(f"  {'module':36} {'mutants':>7} {'caught':>6} {'equiv':>5} {'left':>5} {'score':>7}")
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        print(_line(module, counts))
    if len(by_module) > 1:
        print(_line("all", total))
    (target.work / "survivors.txt").write_text(
        "".join(f"{o.name} [{o.status}]\n    {o.change}\n" for o in uncaught), encoding="utf-8")
    for note in stale:
        print(f"  ! {note}")
    if uncaught:
        print(f"  {len(uncaught)} mutants left, listed in {target.work.relative_to(ROOT) / 'survivors.txt'} "
              f"(`cd {target.work.relative_to(ROOT)} && mutmut show NAME` shows one)")
    return _score(total)


def _score(counts: Counter[str]) -> float:
    scored = counts["mutants"] - counts["equivalent"]
    return 100.0 * counts["caught"] / scored if scored else 100.0


def _line(module: str, counts: Counter[str]) -> str:
    left = counts["mutants"] - counts["caught"] - counts["equivalent"]
    return (f"  {module:36} {counts['mutants']:7} {counts['caught']:6} {counts['equivalent']:5} {left:5} "
            f"{_score(counts):6.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="targets of mutation/targets.toml (default: all)")
    parser.add_argument("--only", action="append", default=[], help="mutant-name patterns to run (fnmatch)")
    parser.add_argument("--report", action="store_true", help="score the last run again, run nothing")
    parser.add_argument("--keep", action="store_true", help="reuse the last mutants/ (mutmut re-tests what changed)")
    parser.add_argument("--postgres-only", action="store_true",
                        help="only try the last run's survivors on PostgreSQL (targets with postgres_tests)")
    args = parser.parse_args()
    targets = load_targets()
    unknown = [name for name in args.targets if name not in targets]
    if unknown:
        parser.error(f"unknown targets {unknown}; known: {sorted(targets)}")
    chosen = [targets[name] for name in args.targets] if args.targets else list(targets.values())
    equivalents = load_equivalents()
    below = []
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain", "backend"], cwd=ROOT, capture_output=True, text=True).stdout
    print(f"mutmut over commit {commit.strip()}{' (backend/ has uncommitted changes)' if dirty.strip() else ''}")
    for target in chosen:
        if not args.report and not args.postgres_only:
            prepare(target, fresh=not args.keep)
            elapsed = run(target, args.only)
            print(f"\n{target.name}: mutmut ran in {elapsed:.0f} s")
        found = outcomes(target, args.only)
        if target.postgres_tests and not args.report:
            left = [o.name for o in found if o.status not in CAUGHT]
            if left:
                elapsed, _ = run_on_postgres(target, left)
                print(f"{target.name}: {len(left)} mutants left on SQLite tried on PostgreSQL in {elapsed:.0f} s")
        if target.postgres_tests:
            print(f"{target.name}: {merge_postgres(target, found)} more caught on PostgreSQL")
        score = report(target, found, equivalents)
        if not args.only and score < target.threshold:
            below.append(f"{target.name} {score:.1f}% < {target.threshold:g}%")
    if below:
        print("\nbelow threshold: " + "; ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
