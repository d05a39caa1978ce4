"""Plain text (not a terminal) is written without rich, in exactly the characters a colourless
rich console writes (issue 17: the text plan cost 2.1 G instructions in rich's layout; item 4:
at every width every word stays whole, as rich's layout keeps it). rich itself is the oracle."""

from __future__ import annotations

import io
from typing import Any

import pytest

from plans import build
from redwood.render import plain, terminal
from redwood.render.terminal import RichOut, console, set_width
from redwood.render.text import _write_plan, print_plan

WIDTHS = (40, 55, 60, 69, 70, 71, 80, 100, 120, 200)
PLANS = [
    dict(goal="strength", level="intermediate", days=4, minutes=60, weeks=6, start="2027-01-04"),
    dict(goal="hypertrophy", level="advanced", days=6, minutes=90, weeks=2, start="2027-01-04"),
    dict(goal="endurance", level="beginner", days=2, minutes=30, weeks=2, start="2027-01-04",
         location="home", equipment=["kettlebell", "pull-up-bar"]),
]


@pytest.fixture(autouse=True)
def _width() -> Any:
    yield
    set_width(None)


def _rich(plan: Any) -> str:
    out = io.StringIO()
    _write_plan(plan, RichOut(console(file=out)))
    return out.getvalue()


@pytest.mark.parametrize("options", PLANS)
def test_the_plain_plan_is_rich_s_text_at_every_width(options: dict[str, Any]) -> None:
    plan = build(**options)
    for width in WIDTHS:
        set_width(width)
        out = io.StringIO()
        writer = terminal.plain_out(out)
        assert writer is not None
        _write_plan(plan, writer)  # raises plain.NotPlain if it fell back
        writer.flush()
        assert out.getvalue() == _rich(plan), width


def test_tables_of_long_words_and_right_columns_match_rich() -> None:
    columns = (terminal.Column("", lead=True), terminal.Column("Name", lead=True),
               terminal.Column("Amount", justify="right"), terminal.Column("Note"))
    rows = [("1", "a-very-long-unbreakable-name-of-an-exercise-indeed", "12 s",
             "word " * 30 + "x" * 70),
            ("", terminal.Styled("Warm-up", "italic"), "", "   spaced    words   "),
            ("22", "short", "1", "")]
    for width in range(40, 130, 3):
        set_width(width)
        mine, theirs = io.StringIO(), io.StringIO()
        writer = terminal.plain_out(mine)
        terminal.print_table(writer, columns, rows, title="A title")
        writer.flush()
        terminal.print_table(console(file=theirs), columns, rows, title="A title")
        assert mine.getvalue() == theirs.getvalue(), width


def test_ids_stay_whole_at_every_width_and_plain_matches_rich() -> None:
    """rich narrows the widest column first and cut "goblet-box-squat" into "goblet-box-squ"
    and "at" in `redwood exercises` at 80 and 100 columns: an id is copied, never cut."""
    columns = (terminal.Column("id", lead=True), terminal.Column("name"),
               terminal.Column("equipment"), terminal.Column("level"))
    rows = [("dumbbell-bulgarian-split-squat", "Dumbbell Bulgarian Split Squat",
             "bench, dumbbell", "intermediate"),
            ("goblet-box-squat", "Goblet Box Squat", "bench, dumbbell", "beginner"),
            ("plie-dumbbell-squat", "Plie Dumbbell Squat *", "dumbbell", "beginner")]
    words = {w for row in rows for cell in row for w in cell.replace(",", "").split()}
    for width in range(40, 130, 3):
        set_width(width)
        mine, theirs = io.StringIO(), io.StringIO()
        writer = terminal.plain_out(mine)
        terminal.print_table(writer, columns, rows)
        writer.flush()
        terminal.print_table(console(file=theirs), columns, rows)
        assert mine.getvalue() == theirs.getvalue(), width
        shown = {w.strip("│┃,") for w in mine.getvalue().split()}
        assert words <= shown, (width, words - shown)
        assert max(map(len, mine.getvalue().splitlines())) <= width


@pytest.mark.parametrize("text", ["[bold]loud[/bold]", "a :fire: b", "caf\u00e9", "tab\there"])
def test_text_rich_would_read_otherwise_falls_back_to_rich(text: str) -> None:
    columns = (terminal.Column("A", lead=True), terminal.Column("B"))
    set_width(80)
    writer = terminal.plain_out(io.StringIO())
    with pytest.raises(plain.NotPlain):
        terminal.print_table(writer, columns, [("x", text)])
    assert writer.parts == []  # nothing half-written


@pytest.mark.parametrize("text", ["[bold]loud[/bold]", "a :fire: b", "caf\u00e9", "tab\there"])
def test_a_reason_joined_from_sentences_is_checked_as_its_sentences(text: str) -> None:
    # A plan's reason is its sentences joined (PlainOut.joined keeps each sentence's check):
    # one rich would read otherwise still sends the table to rich, after the others passed.
    columns = (terminal.Column("A", lead=True), terminal.Column("B"))
    set_width(80)
    writer = terminal.plain_out(io.StringIO())
    fine = writer.joined(("Keep the back flat.", "Rest 2 min."))
    terminal.print_table(writer, columns, [("x", fine)])
    assert "Keep the back flat. Rest 2 min." in "".join(writer.parts)
    mark = len(writer.parts)
    with pytest.raises(plain.NotPlain):
        terminal.print_table(writer, columns, [("x", writer.joined(("Rest 2 min.", text)))])
    assert len(writer.parts) == mark  # nothing half-written


def test_the_text_plan_piped_never_imports_rich() -> None:
    import os
    import subprocess
    import sys

    code = ("import io, sys; from plans import build; from redwood.render.text import "
            "print_plan; print_plan(build(goal='strength', level='beginner', days=3, "
            "minutes=45, weeks=2, start='2027-01-04'), io.StringIO()); "
            "print(any(m.startswith('rich') for m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env).stdout
    assert shown.strip() == "False"


def test_a_terminal_still_gets_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(out, "isatty", lambda: True)
    assert terminal.plain_out(out) is None
    set_width(80)
    print_plan(build(goal="strength", level="beginner", days=3, minutes=45, weeks=1,
                     start="2027-01-04"), out)
    assert "\x1b[" in out.getvalue()  # styled


def test_wrapped_lines_match_rich_for_any_spacing_and_word_length() -> None:
    from rich.text import Text

    rng = __import__("random").Random(17)
    for _ in range(400):
        words = [" " * rng.choice([0, 0, 1, 2]) + "x" * rng.choice([1, 3, 5, 8, 13, 30, 50])
                 for _ in range(rng.randint(0, 15))]
        text = " " * rng.choice([0, 0, 2, 4]) + " ".join(words) + " " * rng.choice([0, 1, 3])
        width = rng.randint(5, 90)
        theirs = io.StringIO()
        out = console(file=theirs)
        out.width = width
        out.print(Text(text))
        assert "".join(line + "\n" for line in plain.wrap(text, width)) == theirs.getvalue()


def test_a_reason_loses_its_rule_tags_and_the_spaces_before_them_only() -> None:
    import random
    import re

    from redwood.render.text import plain_why

    old = re.compile(r"\s*\[[a-z0-9.-]+\]")  # the pattern plain_why read with until issue 17
    rng = random.Random(5)
    pieces = ["Rest", " ", "  ", "\t", "[rule.id]", "[a-1]", "[Bad]", "[]", "[", "]", "x.",
              " [volume.band]", "end"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        assert plain_why(text) == old.sub("", text).strip(), text


@pytest.mark.parametrize("options", PLANS)
def test_a_plan_note_wraps_under_its_own_text_at_every_width(options: dict[str, Any]) -> None:
    """Piped, a note of several lines went on at column 0, under the bullet, where it reads as
    the start of something else: its lines hang under its first word, and no word is lost."""
    from redwood.render.text import plain_why

    plan = build(**options)
    notes = [plain_why(n) for n in plan.notes]
    assert any(len(n) > 60 for n in notes)  # some note wraps at the widths below
    for width in (40, 41, 47, 55, 60, 69, 80, 100, 133):
        set_width(width)
        out = io.StringIO()
        print_plan(plan, out)
        lines = out.getvalue().splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("  - "))
        end = next(i for i, line in enumerate(lines) if line.startswith("─"))
        bullets: list[list[str]] = []
        for line in lines[first:end]:
            assert len(line) <= width, (width, line)
            if line.startswith("  - "):
                bullets.append([line[4:]])
            else:
                assert line.startswith("    ") and line[4] != " ", (width, line)
                bullets[-1].append(line[4:])
        assert [" ".join(b).split() for b in bullets] == [n.split() for n in notes], width
