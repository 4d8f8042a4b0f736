"""Prints every mutant of a mutmut run as JSON [name, status, mutated line]: run in the target's work folder,
where mutmut's own helpers find its files. The mutated line is given only for mutants whose status is not in
the JSON list passed as the first argument (the caught ones need none)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code


def main(caught: set[str]) -> None:
    rows = []
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        source = meta.relative_to("mutants")
        source = source.with_name(source.name.removesuffix(".meta"))
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            status = status_by_exit_code[code]
            change = ""
            if status not in caught:
                diff = get_diff_for_mutant(name, path=source)
                added = [line[1:].strip() for line in diff.splitlines()
                         if line.startswith("+") and not line.startswith("+++")]
                change = " ⏎ ".join(added)
            rows.append([name, status, change])
    print(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main(set(json.loads(sys.argv[1])))
