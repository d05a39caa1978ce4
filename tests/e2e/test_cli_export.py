"""`redwood export csv|json|ics`, `redwood restore` and `redwood plan --format ics|html|pdf`
as a lifter runs them: real files, real databases, the installed command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from clirun import REDWOOD, run_cli


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    monkeypatch.delenv("REDWOOD_USER", raising=False)
    return tmp_path


def ok(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def refused(*args: str, code: int = 2) -> str:
    r = run_cli(*args)
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    return r.stderr


def _log_some() -> None:
    ok("plan", "--start", "2026-11-02", "--weeks", "2", "--save", "--format", "json")
    ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--warmup", "40kgx5",
       "--set", "60kgx10", "--set", "62.5kgx8@8", "--notes", 'felt "good", strong')
    ok("log", "--date", "2026-11-04", "--exercise", "plank", "--set", "45s")
    ok("checkin", "--date", "2026-11-03", "--sleep", "7.25", "--energy", "4", "--soreness",
       "legs=2", "--weight", "81.3kg")


@pytest.mark.slow
def test_backup_restore_backup_is_byte_identical(home: Path) -> None:
    _log_some()
    first = home / "backup.json"
    ok("export", "json", "-o", str(first))
    other = f"sqlite:///{home / 'other.db'}"
    r = run_cli("--database-url", other, "restore", str(first))
    assert r.returncode == 0, r.stderr
    assert "restored 2 workouts (4 sets), 1 check-ins and 1 plans as user 'me'" in r.stderr
    second = home / "again.json"
    ok("--database-url", other, "export", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    # The restored log is the lifter's log: history and the saved plan are there.
    history = json.loads(ok("--database-url", other, "history", "--format", "json"))
    assert [w["date"] for w in history] == ["2026-11-04", "2026-11-02"]
    # Restoring again over the same user is refused, and changes nothing.
    message = refused("--database-url", other, "restore", str(first), code=1)
    assert "already has data" in message and "nothing was written" in message
    ok("--database-url", other, "restore", str(first), "--as", "twin")
    twin = json.loads(ok("--database-url", other, "--user", "twin", "export", "json"))
    assert twin["user"]["name"] == "twin" and len(twin["workouts"]) == 2


def test_a_bad_backup_is_refused_naming_the_field(home: Path) -> None:
    bad = home / "bad.json"
    bad.write_text(json.dumps({"format": "redwood-backup", "version": 1,
                               "user": {"name": "me", "unit": "kg"},
                               "workouts": [{"date": "2026-01-01", "sets": [
                                   {"exercise_id": "back-squat", "reps": -1}]}]}))
    message = refused("restore", str(bad))
    assert "workouts[0].sets[0].reps" in message
    assert json.loads(ok("history", "--format", "json")) == []
    assert "cannot read" in refused("restore", str(home / "missing.json"))
    (home / "garbage.json").write_bytes(b"\xff\xfe not json")
    refused("restore", str(home / "garbage.json"))


def test_csv_export_in_strongs_format(home: Path) -> None:
    _log_some()
    out = ok("export", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order",
                             "Weight", "Reps", "Distance", "Seconds", "RPE"]
    assert [(r["Exercise Name"], r["Set Order"], r["Weight"], r["Reps"]) for r in rows[:3]] \
        == [("Squat (Barbell)", "W", "40.0", "5"), ("Squat (Barbell)", "1", "60.0", "10"),
            ("Squat (Barbell)", "2", "62.5", "8")]
    lb = list(csv.DictReader(io.StringIO(ok("export", "csv", "--unit", "lb"))))
    assert lb[1]["Weight"] == "132.28"
    target = home / "out.csv"
    ok("export", "csv", "--since", "2026-11-03", "-o", str(target))
    only = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert [r["Exercise Name"] for r in only] == ["Plank"]


@pytest.mark.parametrize(("args", "needle"), [
    (["export", "csv", "--since", "yesterday"], "--since"),
    (["export", "csv", "--until", "2026-13-01"], "--until"),
    (["export", "csv", "--unit", "stone"], "--unit"),
    (["export", "csv", "--since", "2026-02-01", "--until", "2026-01-01"], "--since"),
    (["export", "json", "-o", "/nonexistent-folder/x.json"], "-o"),
    (["export", "ics", "--time", "6pm"], "--time"),
    (["export", "ics", "--tz", "Nowhere/City"], "--tz"),
    (["plan", "--format", "docx"], "--format"),
    (["plan", "--format", "ics", "--time", "99:99"], "--time"),
    (["plan", "--format", "pdf", "-o", "/nonexistent-folder/plan.pdf"], "-o"),
])
def test_bad_input_is_one_line_and_exit_2(home: Path, args: list[str], needle: str) -> None:
    assert needle in refused(*args)


def test_export_to_a_folder_is_refused(home: Path) -> None:
    assert "folder" in refused("export", "csv", "-o", str(home))


def test_ics_needs_an_active_plan(home: Path) -> None:
    assert "no active plan" in refused("export", "ics", code=1)


def test_ics_of_the_saved_plan_matches_the_plan_command(home: Path) -> None:
    ok("plan", "--start", "2026-11-02", "--weeks", "2", "--save", "--format", "json")
    saved = Calendar.from_ical(ok("export", "ics", "--time", "07:15").encode())
    fresh = Calendar.from_ical(ok("plan", "--start", "2026-11-02", "--weeks", "2",
                                  "--format", "ics", "--time", "07:15").encode())
    uids = [str(e["UID"]) for e in saved.walk("VEVENT")]
    assert len(uids) == 6 == len(set(uids))
    assert uids == [str(e["UID"]) for e in fresh.walk("VEVENT")]
    assert saved.walk("VEVENT")[0].decoded("DTSTART").strftime("%H:%M") == "07:15"
    path = home / "plan.ics"
    ok("export", "ics", "-o", str(path), "--tz", "Europe/Paris")
    assert b"TZID=Europe/Paris" in path.read_bytes()


@pytest.mark.slow
def test_printable_plan_as_html_and_pdf(home: Path) -> None:
    page = home / "plan.html"
    ok("plan", "--start", "2027-01-04", "--weeks", "2", "--format", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Week 1" in html and "Week 2" in html and "Back Squat" in html
    assert "Feet shoulder-width apart" in html  # the catalogue's form cues
    pdf = home / "plan.pdf"
    ok("plan", "--start", "2027-01-04", "--weeks", "2", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF-")
    # Not a terminal: the bytes may go to stdout (a pipe).
    r = subprocess.run([str(REDWOOD), "plan", "--start", "2027-01-04", "--weeks", "1",
                        "--format", "pdf"], capture_output=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith(b"%PDF-")
