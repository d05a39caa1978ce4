"""Compact the open free-exercise-db into the data file Redwood ships.

Usage:
    python tools/compact_free_exercise_db.py PATH/TO/exercises.json [--out FILE]

Keeps only the structured fields (id, name, level, mechanic, equipment, primaryMuscles,
secondaryMuscles, category, force). The `instructions` text is dropped because its origin is
unclear (see the source's SOURCE.md) and `images` are dropped because the pictures are not
shipped. If a LICENSE file sits next to the input it is copied beside the output as
`free-exercise-db.LICENSE`.

Output: one JSON object per line inside a JSON list, keys sorted, no spaces: small, and
a change upstream shows up as a one-line diff.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

KEPT_FIELDS = (
    "id",
    "name",
    "level",
    "mechanic",
    "equipment",
    "primaryMuscles",
    "secondaryMuscles",
    "category",
    "force",
)

DEFAULT_OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "redwood"
    / "catalog"
    / "data"
    / "free-exercise-db.json"
)


def compact(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The kept fields of every entry, in the source's order; fail loudly on a surprise."""
    out = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        missing = [k for k in KEPT_FIELDS if k not in entry]
        if missing:
            raise SystemExit(f"entry #{i + 1} ({entry.get('id', '?')}): missing {missing}")
        if entry["id"] in seen:
            raise SystemExit(f"duplicate id {entry['id']!r}")
        seen.add(entry["id"])
        out.append({k: entry[k] for k in KEPT_FIELDS})
    return out


def dumps(entries: list[dict[str, Any]]) -> str:
    lines = [
        json.dumps(e, sort_keys=True, separators=(",", ":"), ensure_ascii=False) for e in entries
    ]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the open DB's dist/exercises.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    args = parser.parse_args(argv)

    entries = json.loads(args.source.read_text("utf-8"))
    if not isinstance(entries, list):
        raise SystemExit(f"{args.source}: expected a JSON list")
    kept = compact(entries)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dumps(kept), "utf-8")
    print(f"wrote {len(kept)} exercises to {args.out} ({args.out.stat().st_size:,} bytes)")

    licence = args.source.parent / "LICENSE"
    if licence.is_file():
        target = args.out.with_suffix(".LICENSE")
        shutil.copyfile(licence, target)
        print(f"copied {licence} to {target}")
    else:
        print(f"warning: no LICENSE next to {args.source}; copy it by hand", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
