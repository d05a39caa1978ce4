"""`redwood today` and `redwood review -f json` answered without click (redwood.cli.fastread)
say exactly what click's commands say: the same stdout, stderr and exit code, byte for byte, on
every line it takes and on every line it leaves to click (errors, help, other formats, bad
dates and numbers, a user that does not exist). A real `redwood` process beside click's group
run on the same line, on a real SQLite log."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click

from clirun import run_cli
from clirun import run_ok as ok
from redwood.cli import fastread
from redwood.cli.review import review
from redwood.cli.training import today

CLICK = "import sys; from redwood.cli.group import main; main(sys.argv[1:])"


def _click(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLICK, *args], capture_output=True, text=True,
                          timeout=120, env=env or os.environ)


def _same(*args: str) -> str:
    mine, theirs = run_cli(*args), _click(*args)
    assert (mine.stdout, mine.stderr, mine.returncode) == (
        theirs.stdout, theirs.stderr, theirs.returncode), args
    return mine.stdout


LINES = [
    ["today", "--date", "2026-11-24"], ["today", "--date=2026-11-24", "-f", "json"],
    ["today", "--date", "2026-11-23"],  # between sets: a set of that day's session logged
    ["today", "--format", "json", "--date", "2026-11-23"], ["today", "-f", "text"],
    ["today", "--date", "2026-11-24", "--date", "2026-11-30"], ["today", "--date", "24/11/2026"],
    ["today", "--date", "2026-02-30"], ["today", "--date="], ["today", "-f", "xml"],
    ["today", "-fjson"], ["today", "--help"], ["today", "--nope"], ["today", "extra"],
    ["today", "--date", "2099-01-01"],
    ["review", "-f", "json", "--end", "2026-11-30"],
    ["review", "--format=json", "--weeks", "2", "--end", "2026-11-30"],
    ["review", "-f", "json", "--weeks", "0"], ["review", "-f", "json", "--weeks", "9999"],
    ["review", "-f", "json", "--weeks", "+2"], ["review", "-f", "json", "--weeks", "02",
                                                "--end", "2026-11-30"],
    ["review", "-f", "json", "--end", "soon"], ["review", "--end", "2026-11-30"],
    ["review", "-f", "markdown", "--end", "2026-11-30"], ["review", "-f", "json", "-o", "-"],
]


def test_every_line_says_what_click_says(home) -> None:
    _same("today")  # a new log: made, then "no active plan", as click says it
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    ok("log", "--date", "2026-11-23", "--exercise", "back-squat", "--set", "60kgx10")
    ok("checkin", "--date", "2026-11-23", "--sleep", "7.5", "--weight", "80kg")
    answered = [line for line in LINES if _same(*line)]
    assert len(answered) >= 8  # the lines with an answer, not only errors
    assert "Logged so far: 1 of" in _same("today", "--date", "2026-11-23")
    assert json.loads(_same("today", "--date", "2026-11-23", "-f", "json"))["sets_done"] == 1
    env = {**os.environ, "REDWOOD_USER": "nobody"}
    mine = subprocess.run([str(sys.executable), "-m", "redwood", "today"], capture_output=True,
                          text=True, timeout=120, env=env)
    theirs = _click("today", env=env)
    assert (mine.stdout, mine.stderr, mine.returncode) == (
        theirs.stdout, theirs.stderr, theirs.returncode)
    assert mine.returncode != 0


def test_a_session_done_says_what_click_says(home) -> None:
    """Every set of the day's session logged: both say it is done, then the next session."""
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    view = json.loads(ok("today", "--date", "2026-11-23", "-f", "json"))
    for item in view["items"]:
        one = "30s" if item.get("seconds_min") else "x8" if item["weight_kg"] is None else (
            f"{item['weight_kg']:g}kgx8")
        ok("log", "--date", "2026-11-23", "--exercise", item["exercise_id"],
           *[f"--set={one}" for _ in range(item["sets"])])
    text = _same("today", "--date", "2026-11-23")
    assert f"Session done: {view['title']}" in " ".join(text.split())
    done = json.loads(_same("today", "--date", "2026-11-23", "-f", "json"))
    assert done["done_today"][0]["title"] == view["title"] and done["date"] > view["date"]


def test_the_options_read_are_the_commands_own() -> None:
    """Each option fastread reads is the click command's, by the same names and kind."""
    for command, (names, _) in fastread.COMMANDS.items():
        params = {p.name: p for p in {"today": today, "review": review}[command].params
                  if isinstance(p, click.Option)}
        opts = {o for p in params.values() for o in p.opts}
        for name in names:
            assert "--" + name in opts, (command, name)
        assert "-f" in opts


def test_lines_it_does_not_read_exactly_are_left_to_click() -> None:
    for argv in (["today", "-fjson"], ["today", "--date"], ["today", "--date", "-1"],
                 ["today", "x"], ["today", "--width", "80"], ["review", "-f", "text"],
                 ["review"], ["review", "-o", "x"], ["review", "-f", "json", "--weeks", "-2"],
                 ["review", "-f", "json", "--weeks", "٣"], ["review", "-f", "json", "--end="]):
        assert fastread.options(argv[0], argv[1:]) is None, argv
    assert not fastread.run(["plan"]) and not fastread.run([])
