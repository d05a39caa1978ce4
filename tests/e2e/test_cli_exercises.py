"""Browsing the exercise library from the terminal."""

from __future__ import annotations

import json


def test_search_with_a_typo_finds_the_exercise(cli) -> None:
    r = cli("exercises", "romanain deadlift", "--format", "json")
    assert r.returncode == 0, r.stderr
    ids = [row["id"] for row in json.loads(r.stdout)]
    assert ids[0] == "romanian-deadlift"


def test_a_search_of_several_words_needs_no_quotes(cli) -> None:
    # `redwood exercises romanian deadlift` was refused: "Got unexpected extra argument".
    r = cli("exercises", "romanian", "deadlift", "--format", "json")
    assert r.returncode == 0, r.stderr
    quoted = cli("exercises", "romanian deadlift", "--format", "json")
    assert json.loads(r.stdout) == json.loads(quoted.stdout)
    assert json.loads(r.stdout)[0]["id"] == "romanian-deadlift"


def test_filters_combine(cli) -> None:
    r = cli("exercises", "--muscle", "hamstrings", "--equipment", "dumbbell", "--format", "json")
    rows = json.loads(r.stdout)
    assert rows
    assert all("hamstrings" in row["primary_muscles"] for row in rows)
    assert all("dumbbell" in row["equipment"] for row in rows)


def test_text_listing(cli) -> None:
    r = cli("exercises", "--pattern", "hinge")
    assert r.returncode == 0
    assert "deadlift" in r.stdout


def test_bad_filter_names_allowed_values(cli) -> None:
    r = cli("exercises", "--region", "arms")
    assert r.returncode == 2
    assert "--region" in r.stderr and "legs" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_exercise_detail_has_cues_mistakes_and_substitutions(cli) -> None:
    r = cli("exercise", "back-squat")
    assert r.returncode == 0
    for heading in ("Form cues", "Common mistakes", "Substitutions"):
        assert heading in r.stdout
    assert "backpack" in r.stdout.lower()


def test_unknown_exercise_suggests_close_ids(cli) -> None:
    r = cli("exercise", "bak-squat")
    assert r.returncode == 2
    assert "back-squat" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
