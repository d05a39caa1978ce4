"""Issue 17: the commands a lifter runs between sets start fast.

`today`, `history`, `prs`, `review -f json`, `recovery` and `log` on an SQLite log do not
import the ORM (`sqlalchemy.orm`), Alembic or the web stack: checked in `sys.modules` of a real
process at the end of the command. A database an older Redwood made is still migrated on first
use by those commands; one a newer Redwood made is refused in one line, exit 2, and left as it
was.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import run_cli
from clirun import run_ok as ok
from redwood.store import HEAD_REVISION

HEAVY = ("sqlalchemy.orm", "alembic", "fastapi", "starlette", "uvicorn")

# Runs the CLI's main in this interpreter, then writes which of the named modules were loaded
# (inspect: run, not only deferred). The group's main by default; the `redwood` entry's
# (redwood.cli.main, which defers inspect) when asked.
PROBE = """
import json, sys
from {entry} import main
code = 0
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code or 0
heavy = [m for m in json.loads(sys.argv[1]) if m in sys.modules
         and (m != "inspect" or type(sys.modules[m]).__name__ == "module")]
sys.stderr.write("LOADED " + json.dumps({{"code": code, "heavy": heavy}}) + "\\n")
"""


def loaded(*args: str, names: tuple[str, ...] = HEAVY, entry: str = "redwood.cli.group",
           ) -> list[str]:
    r = subprocess.run([sys.executable, "-c", PROBE.format(entry=entry), json.dumps(names),
                        *args], capture_output=True, text=True, timeout=120, env=os.environ)
    line = [x for x in r.stderr.splitlines() if x.startswith("LOADED ")]
    assert line, r.stderr
    result = json.loads(line[-1][len("LOADED "):])
    assert result["code"] == 0, r.stderr
    return list(result["heavy"])


def test_the_log_s_common_commands_load_no_orm_alembic_or_web_stack(home) -> None:
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    ok("log", "--date", "2026-11-23", "--exercise", "back-squat", "--set", "60kgx10")
    ok("checkin", "--date", "2026-11-23", "--sleep", "7.5", "--weight", "80kg")
    for args in (["today", "--date", "2026-11-24"],
                 ["today", "--date", "2026-11-24", "-f", "json"],
                 # Between sets: the session of 2026-11-23 has a set logged.
                 ["today", "--date", "2026-11-23"],
                 ["today", "--date", "2026-11-23", "-f", "json"],
                 ["history"], ["history", "-f", "json", "--exercise", "back-squat"],
                 ["prs"], ["prs", "-f", "json"],
                 ["review", "-f", "json", "--end", "2026-11-30"],
                 ["recovery", "--date", "2026-11-24"],
                 ["log", "--date", "2026-11-24", "--exercise", "back-squat", "--set",
                  "62.5kgx10", "--set", "62.5kgx9@8"]):
        assert loaded(*args) == [], args
    # What the fast `log` wrote is whole, flagged and undoable like any other.
    data = json.loads(ok("history", "-f", "json"))
    assert [len(w["sets"]) for w in data] == [2, 1]
    assert "removed the workout of 2026-11-24 (2 sets)" in ok("undo")
    assert [w["date"] for w in json.loads(ok("history", "-f", "json"))] == ["2026-11-23"]


def test_a_command_that_saves_a_plan_still_loads_the_store_it_needs(home) -> None:
    # The probe can tell: a write the fast path does not serve loads the ORM.
    assert "sqlalchemy.orm" in loaded("plan", "--start", "2026-11-23", "--weeks", "1",
                                      "--save", "-f", "json", "-o", os.devnull)


def _make_database_at(path: Path, revision: str) -> None:
    """A database as a Redwood at `revision` left it, with a lifter and a logged set."""
    code = f"""
from redwood.store.engine import make_engine
from redwood.store.migrate import upgrade
engine = make_engine("sqlite:///{path}")
upgrade(engine, {revision!r})
with engine.begin() as conn:
    conn.exec_driver_sql("INSERT INTO users (id, name, unit, created_at) VALUES "
                         "(1, 'me', 'kg', '2026-11-01 08:00:00.000000')")
    conn.exec_driver_sql("INSERT INTO workouts (id, user_id, date, created_at) VALUES "
                         "(1, 1, '2026-11-02', '2026-11-02 18:00:00.000000')")
    conn.exec_driver_sql("INSERT INTO sets (workout_id, user_id, date, position, exercise_id, "
                         "kind, weight_g, reps, completed) VALUES "
                         "(1, 1, '2026-11-02', 0, 'deadlift', 'working', 100000, 5, 1)")
engine.dispose()
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("command", [["history", "-f", "json"], ["today"],
                                     ["log", "--date", "2026-11-03", "--exercise", "deadlift",
                                      "--set", "105kgx5"]])
def test_an_older_database_is_migrated_on_first_use_by_a_fast_command(home, command) -> None:
    db = home / "redwood.db"
    _make_database_at(db, "0005c")
    assert _revision(db) == "0005c"
    r = run_cli(*command)
    assert "Traceback" not in r.stderr
    assert _revision(db) == HEAD_REVISION
    if command[0] == "log":
        assert r.returncode == 0, r.stderr
        assert "PR!" in r.stdout  # read the set the old Redwood stored
    data = json.loads(ok("history", "-f", "json"))
    assert data[-1]["sets"][0]["exercise_id"] == "deadlift"
    assert data[-1]["sets"][0]["weight_kg"] == 100
    assert loaded("history") == []  # migrated: the next command takes the fast path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [
    ["today"], ["history"], ["prs"], ["review", "-f", "json"], ["recovery"],
    ["log", "--exercise", "deadlift", "--set", "100kgx5"],
    ["plan", "--weeks", "1", "--save", "-f", "json", "-o", os.devnull],
    ["checkin", "--sleep", "8"], ["init", "--name", "sam"],
])
def test_a_database_newer_than_this_redwood_is_refused_and_left_as_it_was(home,
                                                                            command) -> None:
    ok("log", "--date", "2026-11-02", "--exercise", "deadlift", "--set", "100kgx5")
    db = home / "redwood.db"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = _digest(db)
    r = run_cli(*command)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "9999" in lines[0] and HEAD_REVISION in lines[0] and "upgrade redwood" in lines[0]
    assert _digest(db) == before
    assert _revision(db) == "9999"


# What else `today` and `review -f json` keep out, run by the `redwood` entry: click (their
# plain lines are read without it: cli/fastread.py), rich (plain text without a terminal is
# written without it), pathlib (an -o or --from-json name becomes a Path
# only when given) and inspect's code (click's one-line helps are their own cleandoc; every
# dataclass on these paths has a docstring, so none asks inspect for its signature). Each
# cost some 20-200 M instructions of a whole command (callgrind, bench/README.md, branch
# startup).
LIGHT = ("click", "rich", "pathlib", "ast", "tokenize", "inspect")


def test_today_and_the_review_load_no_click_rich_pathlib_or_inspect(home) -> None:
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    ok("log", "--date", "2026-11-23", "--exercise", "back-squat", "--set", "60kgx10")
    for args in (["today", "--date", "2026-11-24"],
                 ["today", "--date", "2026-11-24", "-f", "json"],
                 ["today", "--date", "2026-11-23"],  # between sets
                 ["today", "--date", "2026-11-23", "-f", "json"],
                 ["review", "-f", "json", "--end", "2026-11-30"]):
        ok(*args)  # a first run parses the rule files and fills the cache, as once installed
        assert loaded(*args, names=LIGHT, entry="redwood.cli") == [], args
