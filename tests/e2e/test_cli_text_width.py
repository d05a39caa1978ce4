"""Text output never loses a word: at 60, 80 and 120 columns and when piped, every word that a
wide terminal shows is still there, whole (compared as words, not as layout)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from clirun import run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures" / "exports"
WIDTHS = ("60", "80", "120")
WORD = re.compile(r"[A-Za-z0-9]+(?:['.-][A-Za-z0-9]+)*")
PLAN = ("plan", "--goal", "strength", "--days", "3", "--weeks", "2", "--minutes", "60",
        "--start", "2026-11-02")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lifter with a saved plan, two logged sessions and a check-in."""
    import os

    path = tmp_path_factory.mktemp("width")
    before = os.environ["REDWOOD_HOME"]  # the suite's empty one (conftest.py)
    os.environ["REDWOOD_HOME"] = str(path)
    os.environ.pop("REDWOOD_DATABASE_URL", None)
    ok(*PLAN, "--save")
    ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--set", "60kgx6",
       "--set", "60kgx6@8", "--set", "62.5kgx5")
    ok("log", "--date", "2026-11-04", "--exercise", "romanian-deadlift", "--set", "70kgx8",
       "--set", "70kgx8")
    yield path
    os.environ["REDWOOD_HOME"] = before


def ok(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r.stdout


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def missing(reference: str, shown: str) -> Counter[str]:
    """Words (with their counts) in `reference` that `shown` lacks: cropped or cut words.
    A table's header row is layout, not content: a stacked layout names fields its own way."""
    lines = reference.splitlines()
    content = [line for line, below in zip(lines, [*lines[1:], ""], strict=True)
               if not below.startswith("━")]
    return words("\n".join(content)) - words(shown)


COMMANDS = {
    "plan": PLAN,
    "today": ("today", "--date", "2026-11-06"),
    # Between sets: the session of 11-02 has three squat sets logged, the one of 11-04 only
    # a lift it does not have.
    "today (between sets)": ("today", "--date", "2026-11-02"),
    "today (another lift logged)": ("today", "--date", "2026-11-04"),
    "history": ("history",),
    "prs": ("prs",),
    "review": ("review", "--end", "2026-11-08"),
    "import": ("import", str(FIXTURES / "strong_legacy.csv"), "--dry-run"),
    # Ids are long words a lifter copies: narrowing the id column first cut them in two.
    "exercises": ("exercises", "squat", "--equipment", "dumbbell"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_word_survives_every_width(home: Path, command: str) -> None:
    args = COMMANDS[command]
    wide = ok("--width", "400", *args)
    assert len(WORD.findall(wide)) > 5, wide
    for width in WIDTHS:
        shown = ok("--width", width, *args)
        assert not missing(wide, shown), (width, missing(wide, shown), shown)
        too_long = [line for line in shown.splitlines() if len(line) > int(width)]
        assert not too_long, (width, too_long)
    piped = ok(*args)  # not a terminal: plain text at a readable width, nothing cut
    assert not missing(wide, piped), missing(wide, piped)
    assert "\x1b[" not in piped


def test_the_plan_text_holds_every_name_and_reason_of_the_plan(home: Path) -> None:
    from redwood.render.text import plain_why

    plan = json.loads(ok(*PLAN, "--format", "json"))
    expected = list(plan["notes"])
    for week in plan["weeks"][:1]:  # week 2 is "same sessions as last week"
        for session in week["sessions"]:
            expected += [d["name"] for d in session["warmup"] + session["cooldown"]]
            for block in session["blocks"]:
                for item in block["items"]:
                    expected += [item["name"], item["why"]]
    reference = "\n".join(plain_why(t) for t in expected)
    for width in WIDTHS:
        shown = ok("--width", width, *PLAN)
        assert not missing(reference, shown), (width, missing(reference, shown))


def test_between_sets_every_width_shows_the_sets_done_and_the_next(home: Path) -> None:
    for width in WIDTHS:
        shown = " ".join(ok("--width", width, *COMMANDS["today (between sets)"]).split())
        assert "Back Squat: 3 of 4 sets done: 60 kg x 6, 60 kg x 6 @ RPE 8, 62.5 kg x 5." \
            in shown, (width, shown)
        assert "Next: set 4 @ " in shown and "1 set left" in shown, (width, shown)
    other = " ".join(ok(*COMMANDS["today (another lift logged)"]).split())
    assert "Also logged: Romanian Deadlift 70 kg x 8, 70 kg x 8." in other, other


def test_the_reviews_bullets_hang_under_their_first_word(home: Path) -> None:
    """At 60 columns a finding or a recommendation wraps under its own first word, so each
    reads as one item, not as text restarting at column 0."""
    shown = ok("--width", "60", *COMMANDS["review"]).splitlines()
    start = next(i for i, line in enumerate(shown) if line == "What happened")
    items = shown[start + 1:]
    assert any(line.startswith("  - ") for line in items)
    wrapped = [line for line in items if line and not line.startswith(("  - ", "  * ", "  next"))
               and not line.startswith("    ") and line not in ("Next block", "Milestones")]
    assert wrapped == [], shown


def test_narrow_terminals_get_stacked_rows_not_a_table(home: Path) -> None:
    shown = ok("--width", "60", *COMMANDS["today"])
    assert "Why:" in shown and "┃" not in shown


@pytest.mark.parametrize("value", ["39", "abc", "0"])
def test_a_bad_width_is_refused_in_one_line(home: Path, value: str) -> None:
    r = run_cli("--width", value, "today")
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "--width" in r.stderr
    assert "Traceback" not in r.stderr


def test_slow_work_shows_signs_of_life_only_on_a_terminal(home: Path, tmp_path: Path) -> None:
    import os
    import pty
    import subprocess

    from clirun import REDWOOD

    leader, follower = pty.openpty()
    try:
        done = subprocess.run([str(REDWOOD), "export", "json", "-o", str(tmp_path / "b.json")],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=follower, timeout=120, check=False)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: everything has been read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"writing the backup" in seen
    piped = run_cli("export", "json", "-o", str(tmp_path / "c.json"))
    assert piped.returncode == 0 and "writing the backup" not in piped.stderr
