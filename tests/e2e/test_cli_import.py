"""`redwood import` as a lifter runs it: the summary, the mapping, re-imports, bad files,
--dry-run, --map, --unit, and the coach using the history at once."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from clirun import run_cli

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "real"
STRONG = EXPORTS / "strong_sample.csv"
HEVY = EXPORTS / "hevy_sample.csv"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    return tmp_path


def ok(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r.stdout


def summary(*args: str) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads(ok("import", *args, "--format", "json"))  # type: ignore[type-arg]
    return data


def _strong_rows() -> tuple[list[str], list[list[str]]]:
    with STRONG.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def test_import_reports_what_it_stored_and_the_coach_uses_it(home):
    _header, rows = _strong_rows()
    data = summary(str(STRONG))
    keys = {"format", "variant", "workouts", "sets", "sets_added", "duplicates", "skipped",
            "exercises_mapped", "exercises_custom", "volume_kg", "mapping"}
    assert keys <= data.keys()
    assert data["format"] == "strong" and data["unit"] == "kg" and data["unit_how"] == "inferred"
    assert data["sets_added"] == len(rows) and data["skipped"] == []
    # Every set's load x reps; an assisted exercise's weight is help, not load.
    volume = sum(Decimal(r[5]) * int(Decimal(r[6])) for r in rows if "Assisted" not in r[3])
    assert Decimal(data["volume_kg"]) == volume
    assert data["assisted_sets"] == sum(1 for r in rows if "Assisted" in r[3]) > 0
    squat = next(m for m in data["mapping"] if m["name"] == "Squat (Barbell)")
    assert (squat["exercise_id"], squat["how"]) == ("back-squat", "alias")

    heaviest = max(Decimal(r[5]) for r in rows if r[3] == "Squat (Barbell)")
    prs = json.loads(ok("prs", "--format", "json"))
    squat_prs = next(p for p in prs if p["exercise_id"] == "back-squat")
    assert Decimal(str(squat_prs["heaviest"]["value"])) == heaviest
    assert "Back Squat" in ok("prs")

    again = summary(str(STRONG))
    assert (again["sets_added"], again["duplicates"]) == (0, len(rows))


def test_the_text_summary_shows_the_mapping_and_the_assumed_unit(home):
    out = ok("import", str(HEVY), "--dry-run")
    assert "Dry run" in out and "nothing stored" in out
    assert "Katana Triceps Extension" in out and "custom" in out
    assert "lat-pulldown" in out
    assert "would add 335 workouts" in out
    assert json.loads(ok("history", "--format", "json")) == []

    out = ok("import", str(STRONG))
    assert "weights read as kg" in out and "--unit lb" in out


def test_a_bad_file_imports_nothing_and_lists_every_bad_line(home, tmp_path):
    header, rows = _strong_rows()
    rows[2][5] = "heavy"
    rows[6][6] = "-2"
    bad = tmp_path / "bad.csv"
    with bad.open("w", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    r = run_cli("import", str(bad))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "import refused: 2 bad rows" in r.stderr and "nothing was stored" in r.stderr
    assert "line 4:" in r.stdout and "line 8:" in r.stdout and "'heavy'" in r.stdout
    assert json.loads(ok("history", "--format", "json")) == []

    r = run_cli("import", str(bad), "--format", "json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["refused"] is True
    assert [s["line"] for s in data["skipped"]] == [4, 8]

    data = summary(str(bad), "--skip-bad-rows")
    assert data["sets_added"] == len(rows) - 2
    assert [s["line"] for s in data["skipped"]] == [4, 8]


def test_a_mapping_file_corrects_names_and_bad_ones_are_refused_by_line(home, tmp_path):
    good = tmp_path / "map.yaml"
    good.write_text('"Leg Press": hack-squat\n"Kettlebell Carry": custom\n')
    data = summary(str(STRONG), "--map", str(good), "--dry-run")
    mapping = {m["name"]: (m["exercise_id"], m["how"]) for m in data["mapping"]}
    assert mapping["Leg Press"] == ("hack-squat", "map")
    assert mapping["Kettlebell Carry"] == ("kettlebell-carry", "custom")

    as_csv = tmp_path / "map.csv"
    as_csv.write_text("name,exercise\nLeg Press,hack-squat\n")
    assert summary(str(STRONG), "--map", str(as_csv), "--dry-run")["exercises_mapped"] == 19

    bad = tmp_path / "bad.yaml"
    bad.write_text('"Leg Press": hack-squat\n"Squat (Barbell)": bak-squat\n')
    r = run_cli("import", str(STRONG), "--map", str(bad))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "line 2" in r.stderr and "bak-squat" in r.stderr
    assert json.loads(ok("history", "--format", "json")) == []


def test_unit_option_and_bad_options_get_one_line(home, tmp_path):
    lb = tmp_path / "lb.csv"
    header, rows = _strong_rows()
    with lb.open("w", newline="") as fh:
        csv.writer(fh).writerows([header, *rows[:10]])
    data = summary(str(lb), "--unit", "lb", "--dry-run")
    assert (data["unit"], data["unit_how"]) == ("lb", "option")
    for args, word in ((["--unit", "stone"], "--unit"), (["--from", "myapp"], "--from"),
                       (["--format", "xml"], "--format")):
        r = run_cli("import", str(lb), *args)
        assert r.returncode == 2 and word in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    r = run_cli("import", str(tmp_path / "missing.csv"))
    assert r.returncode == 2 and "does not exist" in r.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    r = run_cli("import", str(empty))
    assert r.returncode == 1 and "empty" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def _fail(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    return r.stderr


@pytest.mark.slow
def test_imports_are_listed_and_taken_back_by_undo_or_by_id(home):
    first = summary(str(STRONG))
    text = ok("import", str(HEVY))
    assert "hard sets (working, failure, drop)" in " ".join(text.split())
    assert "redwood imports undo 2" in text
    listed = json.loads(ok("imports", "--format", "json"))
    assert [(i["id"], i["file_name"], i["format"]) for i in listed] == [
        (2, HEVY.name, "hevy"), (1, STRONG.name, "strong")]
    assert listed[1]["sets"] == first["sets_added"] and first["import_id"] == 1
    assert HEVY.name in ok("imports")
    # `redwood undo` right after an import takes back that import, whole.
    undone = ok("undo")
    assert undone.startswith(f"undone: removed the import of {HEVY.name}: ")
    assert f"{listed[0]['sets']:,} sets" in undone
    # An older one by its id.
    assert ok("imports", "undo", "1").startswith(
        f"undone: removed the import of {STRONG.name}: {first['workouts_added']} workouts")
    assert json.loads(ok("imports", "--format", "json")) == []
    assert json.loads(ok("history", "--format", "json")) == []


def test_imports_undo_of_an_unknown_id_is_one_line_and_exit_2(home):
    assert "no import with id 7" in _fail("imports", "undo", "7")
    assert "ID" in _fail("imports", "undo", "seven")
    assert "--format" in _fail("imports", "--format", "xml")


def test_a_second_fitnotes_file_of_the_same_day_says_it_extends_that_workout(home, tmp_path):
    header = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n"
    squats = tmp_path / "squats.csv"
    squats.write_text(header + "2025-01-02,Barbell Squat,Legs,100.0,5,,,\n" * 3)
    deadlifts = tmp_path / "deadlifts.csv"
    deadlifts.write_text(header + "2025-01-02,Deadlift,Back,140.0,3,,,\n")
    ok("import", str(squats))
    dry = ok("import", str(deadlifts), "--dry-run")
    assert "would add 0 workouts and 1 set" in dry
    assert "1 set of them extends 1 workout imported before" in " ".join(dry.split())
    out = " ".join(ok("import", str(deadlifts)).split())
    assert "added 0 workouts and 1 set" in out
    assert "1 set of them extends 1 workout imported before" in out
    assert "added 0 workouts and 0 sets" in " ".join(ok("import", str(deadlifts)).split())
    assert ok("undo").count("1 set") == 1
