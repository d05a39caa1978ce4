"""How fast `redwood import` stores a big Strong export, in bounded memory.

    .venv/bin/python bench/bench_import.py --sets 100000 --runs 5

Generates the export with gen_strong_export.py (into a temporary folder, not committed), then
imports it RUNS times, each into a new SQLite database (PostgreSQL too when
REDWOOD_TEST_POSTGRES_URL is set), in-process through the same function the command uses.
Prints the median seconds (wall clock, and this process's CPU time, which a busy machine
disturbs less) and sets per second, the parse-only time (the parsers alone, for
comparison), and the peak memory: Python allocations during the import (tracemalloc, in a
separate run, as tracing slows everything down) and the process's peak RSS.

Then, side by side (issue 15), each as a whole process started RUNS times, median wall and
CPU (user + system of the child):
- the whole `redwood import FILE` command (start-up, imports, the catalogue, the journal),
  into a log that exists (created and migrated before the clock starts);
- the same command into no log at all, as a new user's first import: it creates the log;
- the stdlib floor: `python bench_import.py --floor FILE DB`, the csv module and sqlite3
  `executemany` into two indexed tables (workouts, sets), with no mapping, checks or
  conversions: what any import of this file into SQLite costs at least.

Goals: issue 4, 100,000 sets in under 1.5 s (in process); issue 15, the whole command in at
most 1.2 s on an idle machine.

    .venv/bin/python bench/bench_import.py --sets 5000 --callgrind

Instead: the instructions of the whole `redwood import` command into a migrated log
(valgrind's callgrind, PYTHONHASHSEED=0, after one uncounted run that writes the bytecode),
which a busy machine does not change: the measure of issue 17's record triggers (5,000 sets).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

if TYPE_CHECKING:
    from redwood.domain.log import Unit

# Redwood's modules are imported in main(), not here: the floor (`--floor`, a process of its
# own) must load nothing but the stdlib, or it would pay SQLAlchemy's import (~0.3 s of CPU)
# that a plain csv + sqlite3 program does not.


def _median(runs: int, fn: Callable[[], object]) -> tuple[float, float]:
    """Median wall and CPU seconds of `fn`."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu)


def floor(export: Path, database: Path) -> int:
    """The stdlib floor: the export's rows into two indexed SQLite tables, one transaction,
    no mapping, checks or unit conversion. Returns the sets stored."""
    import csv
    import sqlite3

    conn = sqlite3.connect(database)
    conn.executescript("""
        CREATE TABLE workouts (id INTEGER PRIMARY KEY, started TEXT, title TEXT);
        CREATE UNIQUE INDEX ix_workouts ON workouts (started, title);
        CREATE TABLE sets (id INTEGER PRIMARY KEY, workout_id INTEGER, position INTEGER,
                           exercise TEXT, kind TEXT, weight REAL, reps INTEGER, rpe REAL);
        CREATE INDEX ix_sets ON sets (exercise, workout_id, position);
    """)
    ids: dict[tuple[str, str], int] = {}
    sets = []
    with export.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        next(rows)
        for position, r in enumerate(rows):
            key = (r[0], r[1])
            workout = ids.get(key)
            if workout is None:
                workout = ids[key] = len(ids) + 1
            sets.append((workout, position, r[3], r[4], r[5], r[6], r[11]))
    with conn:
        conn.executemany("INSERT INTO workouts VALUES (?, ?, ?)",
                         [(i, k[0], k[1]) for k, i in ids.items()])
        conn.executemany("INSERT INTO sets (workout_id, position, exercise, kind, weight, reps, "
                         "rpe) VALUES (?, ?, ?, ?, ?, ?, ?)", sets)
    conn.close()
    return len(sets)


def _process(runs: int, make: Callable[[int], list[str]]) -> tuple[float, float]:
    """Median wall and CPU (user + system of the child) seconds of a command, each run given
    its own number (for a new database), after one untimed run (number -1). Python may write
    bytecode (PYTHONDONTWRITEBYTECODE unset), as an installed program has it: otherwise every
    run compiles Redwood's sources again (about 0.4 s of CPU)."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(make(-1), check=True, stdout=subprocess.DEVNULL, env=env)
    times, cpu = [], []
    for i in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(make(i), check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu)


def side_by_side(export: Path, tmp: Path, runs: int, unit: Unit | None, sets: int) -> None:
    """The whole `redwood import` command beside the stdlib floor, each a new process."""
    from redwood.store import open_store
    from redwood.store.location import sqlite_url

    redwood = Path(sys.executable).parent / "redwood"
    unit_args = [] if unit is None else ["--unit", unit.value]
    for i in range(-1, runs):  # the databases exist, migrated, before the clock starts
        open_store(sqlite_url(tmp / f"cmd-{i}.db")).close()
    command, command_cpu = _process(runs, lambda i: [
        str(redwood), "--database-url", sqlite_url(tmp / f"cmd-{i}.db"), "import",
        str(export), *unit_args])
    first, first_cpu = _process(runs, lambda i: [
        str(redwood), "--database-url", sqlite_url(tmp / f"first-{i}.db"), "import",
        str(export), *unit_args])
    floor_wall, floor_cpu = _process(runs, lambda i: [
        sys.executable, __file__, "--floor", str(export), str(tmp / f"floor-{i}.db")])
    print(f"  whole command:   {command:6.3f} s  (CPU {command_cpu:.3f} s; "
          f"{sets / command:,.0f} sets/s)  `redwood import`, new process, SQLite")
    print(f"  first command:   {first:6.3f} s  (CPU {first_cpu:.3f} s)  the same into no log "
          "yet (a new user's first `redwood import` creates it)")
    print(f"  stdlib floor:    {floor_wall:6.3f} s  (CPU {floor_cpu:.3f} s)  csv + sqlite3 "
          "executemany, two indexed tables, new process")
    print(f"  command / floor: {command / floor_wall:6.2f} x wall, "
          f"{command_cpu / floor_cpu:.2f} x CPU")


def callgrind(export: Path, tmp: Path, unit: Unit | None) -> None:
    """The whole command's instructions (callgrind), into a log created and migrated first."""
    import re
    import subprocess

    from redwood.store import open_store
    from redwood.store.location import sqlite_url

    redwood = Path(sys.executable).parent / "redwood"
    unit_args = [] if unit is None else ["--unit", unit.value]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = "0"  # set and dict layouts move the count by millions otherwise

    def command(name: str) -> list[str]:
        open_store(sqlite_url(tmp / name)).close()
        return [str(redwood), "--database-url", sqlite_url(tmp / name), "import", str(export),
                *unit_args]

    subprocess.run(command("warm.db"), check=True, stdout=subprocess.DEVNULL, env=env)
    out = subprocess.run(["valgrind", "--tool=callgrind",
                          f"--callgrind-out-file={tmp}/callgrind.out", *command("counted.db")],
                         check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, env=env).stderr
    counted = int(re.findall(r"Collected : (\d+)", out)[-1])
    print(f"  whole command:   {counted / 1e6:,.1f} M instructions (callgrind)")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--floor":
        floor(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only-command", action="store_true",
                        help="only the whole command beside the stdlib floor")
    parser.add_argument("--unit", choices=("kg", "lb", "infer"), default="infer",
                        help="pass --unit, or let the importer infer it (the default)")
    parser.add_argument("--writer-thread", action="store_true",
                        help="write SQLite batches on a second thread (imports.BatchWriter)")
    parser.add_argument("--callgrind", action="store_true",
                        help="only the whole command's instructions (valgrind's callgrind)")
    args = parser.parse_args()

    import gen_strong_export
    from redwood.catalog import load_catalog
    from redwood.domain.log import Unit
    from redwood.io.formats import open_export
    from redwood.io.names import NameMapper
    from redwood.services.importing import import_file
    from redwood.store import open_store
    from redwood.store.imports import BatchWriter
    from redwood.store.location import sqlite_url

    BatchWriter.THREADED = args.writer_thread
    if args.writer_thread:  # the whole command's processes too
        os.environ["REDWOOD_IMPORT_WRITER_THREAD"] = "1"

    catalog = load_catalog()
    NameMapper(catalog)  # the alias tables are built once per process, like the CLI's start
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        export = gen_strong_export.write(tmp / "strong.csv", args.sets)
        unit = None if args.unit == "infer" else Unit(args.unit)
        size = export.stat().st_size / 1e6
        print(f"{args.sets} sets, {size:.1f} MB Strong export; median of {args.runs} runs"
              f"{'; SQLite writes on a second thread' if args.writer_thread else ''}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if args.callgrind:
            callgrind(export, tmp, unit)
            return
        side_by_side(export, tmp, args.runs, unit, args.sets)
        if args.only_command:
            return

        parse, parse_cpu = _median(
            args.runs, lambda: sum(1 for _ in open_export(export, unit=unit).rows))
        print(f"  parse only:      {parse:6.3f} s  (CPU {parse_cpu:.3f} s)")

        urls = [("sqlite", lambda i: sqlite_url(tmp / f"bench-{i}.db"))]
        pg = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
        for backend, make_url in urls + ([("postgresql", None)] if pg else []):  # type: ignore[list-item]
            times: list[float] = []
            cpu: list[float] = []
            for i in range(args.runs):
                if backend == "sqlite":
                    store = open_store(make_url(i))
                    _import(store, export, unit, times, cpu, args.sets)
                    store.close()
                else:
                    from redwood.store.admin import temporary_database

                    with temporary_database(pg) as url:
                        store = open_store(url)
                        _import(store, export, unit, times, cpu, args.sets)
                        store.close()
            best = statistics.median(times)
            print(f"  import {backend + ':':12s} {best:6.3f} s  "
                  f"({args.sets / best:,.0f} sets/s; min {min(times):.3f} s; this process's "
                  f"CPU {statistics.median(cpu):.3f} s)")

        store = open_store(sqlite_url(tmp / "bench-mem.db"))
        tracemalloc.start()
        import_file(store, store.default_user(), export, unit=unit, catalog=catalog)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        store.close()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory:     {peak / 1e6:6.1f} MB allocated during one import "
              f"(tracemalloc); process peak RSS {rss:.0f} MB")


def _import(store, export: Path, unit: Unit | None, times: list[float],  # type: ignore[no-untyped-def]
            cpu: list[float], sets: int) -> None:
    from redwood.services.importing import import_file

    user = store.default_user()
    start, start_cpu = time.perf_counter(), time.process_time()
    report = import_file(store, user, export, unit=unit)
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
    assert report.stored and report.sets_added == sets, report.as_json()["skipped"][:3]


if __name__ == "__main__":
    main()
