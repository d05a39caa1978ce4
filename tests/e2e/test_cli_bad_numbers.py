"""Bad numbers on the command line: one line naming the option and what it allows, exit 2, and
nothing saved (the audit: `plan --days abc` gave click's words without 2-6, and
`equipment set home --plates 10x` was saved as one pair of 10s)."""

from __future__ import annotations

import pytest

from clirun import run_cli


def refused(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


@pytest.mark.parametrize(("args", "said"), [
    (("plan", "--days", "abc"), "--days: 'abc' is not a whole number: allowed 2..6"),
    (("plan", "--days", "9"), "--days: 9 is out of range: allowed 2..6"),
    (("plan", "--minutes", "ten"), "--minutes: 'ten' is not a whole number: allowed 15..120"),
    (("plan", "--weeks", "1.5"), "--weeks: '1.5' is not a whole number: allowed 1..52"),
    (("profile", "set", "--days", "x"), "--days: 'x' is not a whole number: allowed 2..6"),
    (("init", "--minutes", "200"), "--minutes: 200 is out of range: allowed 15..120"),
    (("review", "--weeks", "w"), "--weeks: 'w' is not a whole number: allowed 1..104"),
    (("checkin", "--energy", "high"), "--energy: 'high' is not a whole number: allowed 1..5"),
    (("log", "--energy", "0", "--exercise", "back-squat", "--set", "60x5"),
     "--energy: 0 is out of range: allowed 1..5"),
    (("measure", "show", "--weeks", "0"), "--weeks: 0 is out of range: allowed 1..1040"),
])
def test_a_number_out_of_its_range_names_the_range(home, args, said) -> None:
    assert refused(*args) == f"error: {said}"


def test_the_help_shows_the_ranges_from_the_rules(home) -> None:
    r = run_cli("plan", "--help")
    assert r.returncode == 0
    assert "[default: 3; 2..6]" in r.stdout


@pytest.mark.parametrize("plates", ["10x", "x2", "10x2x3", "1e1", "nan", "25x4,,20x"])
def test_malformed_plates_are_refused_and_nothing_is_saved(home, plates) -> None:
    said = refused("equipment", "set", "home", "--plates", plates)
    assert said.startswith(f"error: --plates: {plates!r}: use plate sizes with pairs owned")
    shown = run_cli("equipment", "show", "home").stdout
    assert "plates per side: none" in shown


@pytest.mark.parametrize(("args", "field"), [
    (("--bar", "1e1"), "--bar"), (("--bar", "inf"), "--bar"),
    (("--dumbbells", "inf"), "--dumbbells"), (("--kettlebells", "8,1e1"), "--kettlebells"),
])
def test_loads_that_are_not_plain_numbers_are_refused(home, args, field) -> None:
    before = run_cli("equipment", "show", "home").stdout
    assert refused("equipment", "set", "home", *args).startswith(f"error: {field}: ")
    assert run_cli("equipment", "show", "home").stdout == before


def test_well_formed_plates_are_saved_as_written(home) -> None:
    r = run_cli("equipment", "set", "home", "--bar", "15", "--plates", "10 x 2, 5, 1.25x2")
    assert r.returncode == 0, r.stderr
    shown = run_cli("equipment", "show", "home").stdout
    assert "plates per side: 10 x2, 5 x1, 1.25 x2" in shown
