"""`redwood plan` and `redwood check` as a lifter runs them."""

from __future__ import annotations

import json

import pytest

from plans import beyond_known_gaps, established

BASE = ["plan", "--start", "2027-01-04"]


def test_text_plan_shows_weeks_sessions_supersets_and_minutes(cli) -> None:
    r = cli(*BASE, "--days", "3", "--minutes", "45", "--weeks", "2")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Week 1" in out and "Week 2" in out
    assert "Superset A" in out
    assert "min)" in out
    assert "Warm-up" in out and "Cool-down" in out
    assert " x " in out


def test_json_plan_round_trips_through_check(cli, tmp_path) -> None:
    path = tmp_path / "plan.json"
    r = cli(*BASE, "--goal", "strength", "--days", "4", "--weeks", "12", "--format", "json",
            "-o", str(path))
    assert r.returncode == 0, r.stderr
    data = json.loads(path.read_text())
    assert data["schema_version"] == 1
    assert data["profile"]["weekdays"] == ["mon", "tue", "thu", "fri"]
    r = cli("check", str(path))
    assert r.returncode in (0, 1), r.stdout + r.stderr
    assert ("no violations" in r.stdout) == (r.returncode == 0)
    found = json.loads(cli("check", str(path), "-f", "json").stdout)["violations"]
    assert beyond_known_gaps(found) == []


def test_output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe(cli, tmp_path) -> None:
    # `-o /dev/stdout`, `-o /dev/null` or a named pipe: written in place. Renaming a temporary
    # file over it (the atomic write for files) would replace the device, as root /dev/null.
    import os
    import stat
    import threading

    fifo = tmp_path / "plan.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    r = cli(*BASE, "--format", "json", "-o", str(fifo))
    reader.join(timeout=60)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["schema_version"] == 1


def test_json_is_byte_identical_for_the_same_seed(cli) -> None:
    args = [*BASE, "--format", "json", "--seed", "42", "--weeks", "6"]
    assert cli(*args).stdout == cli(*args).stdout


def test_markdown_plan_has_tables(cli) -> None:
    r = cli(*BASE, "--format", "markdown", "--weeks", "1")
    assert r.returncode == 0
    assert r.stdout.startswith("# Redwood plan")
    assert "| # | Exercise | Sets x reps | Rest | Why |" in r.stdout


def test_check_reports_each_violation_with_rule_and_place(cli, tmp_path) -> None:
    r = cli(*BASE, "--format", "json", "--weeks", "2")
    data = json.loads(r.stdout)
    session = data["weeks"][1]["sessions"][0]
    session["estimated_minutes"] = 500
    data["weeks"][0]["sessions"][1]["date"] = data["weeks"][0]["sessions"][0]["date"]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data))
    r = cli("check", str(path))
    assert r.returncode == 1
    assert "[time.budget]" in r.stdout
    assert "week 2" in r.stdout
    assert "[schedule.one-a-day]" in r.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "(?i)not found|no such file|does not exist"),
        ("{not json", "JSON"),
        ('{"hello": 1}', "schema_version|profile|weeks"),
    ],
)
def test_check_refuses_a_file_that_is_not_a_plan(cli, tmp_path, content, expected) -> None:
    import re

    path = tmp_path / "x.json"
    if content is not None:
        path.write_text(content)
    r = cli("check", str(path))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert re.search(expected, r.stderr)


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--days", "0"], "--days"),
        (["--days", "9"], "--days"),
        (["--days", "three"], "--days"),
        (["--minutes", "5"], "--minutes"),
        (["--goal", "bulk"], "--goal"),
        (["--level", "pro"], "--level"),
        (["--equipment", "spaceship"], "--equipment"),
        (["--on", "mon,funday"], "--on"),
        (["--days", "3", "--on", "mon,thu"], "--on"),
        (["--start", "2027-02-30"], "--start"),
        (["--start", "tomorrow"], "--start"),
        (["--weeks", "0"], "--weeks"),
        (["--weeks", "1000"], "--weeks"),
        (["--location", "moon"], "--location"),
        (["--exclude", "bench-pressing"], "--exclude"),
        (["--format", "pdfx"], "--format"),
        (["--dayz", "3"], "--dayz"),
    ],
)
def test_bad_input_gets_one_line_naming_the_option(cli, args, names) -> None:
    r = cli(*BASE, *args)
    assert r.returncode == 2, r.stdout
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert names in lines[0]
    assert r.stdout == ""


def test_allowed_values_are_named(cli) -> None:
    r = cli(*BASE, "--goal", "bulk")
    assert "strength, hypertrophy, endurance" in r.stderr
    r = cli(*BASE, "--days", "9")
    assert "2..6" in r.stderr


def test_unsatisfiable_profile_is_explained(cli) -> None:
    r = cli(*BASE, "--exclude", "squat,lunge,hinge")
    assert r.returncode == 2
    assert "cannot build this plan" in r.stderr
    assert "Traceback" not in r.stderr


def test_tightest_profile_gets_a_plan(cli, tmp_path) -> None:
    path = tmp_path / "p.json"
    r = cli(*BASE, "--minutes", "15", "--days", "6", "--location", "home", "--supersets",
            "--format", "json", "-o", str(path))
    assert r.returncode == 0, r.stderr
    found = json.loads(cli("check", str(path), "-f", "json").stdout)["violations"]
    assert established(found) == []


def test_protect_lower_back_removes_hinges_and_bent_over_work_and_says_so(cli) -> None:
    r = cli(*BASE, "--goal", "strength", "--level", "intermediate", "--days", "3",
            "--minutes", "90", "--weeks", "6", "--protect", "lower-back", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["profile"]["protect"] == ["lower-back"]
    items = [i for w in data["weeks"] for s in w["sessions"] for b in s["blocks"]
             for i in b["items"]]
    assert not [i["exercise_id"] for i in items if i["pattern"] == "hinge"]
    assert not {"barbell-row", "back-squat", "good-morning"} & {i["exercise_id"] for i in items}
    # The plan stays complete: the hamstrings get leg curls instead of hinges.
    assert any(i["pattern"] == "knee-flexion" for i in items)
    assert any("--protect lower-back: no hinges" in n for n in data["notes"])


def test_unknown_protect_area_is_one_line_listing_the_allowed_ones(cli) -> None:
    r = cli(*BASE, "--protect", "elbow")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "--protect" in r.stderr and "lower-back, knees, shoulders" in r.stderr
    assert "Traceback" not in r.stderr


def test_exclude_hinge_points_to_protect_lower_back(cli) -> None:
    r = cli(*BASE, "--exclude", "hinge", "--format", "json", "--weeks", "1")
    assert r.returncode == 0, r.stderr
    assert any("--protect lower-back" in n for n in json.loads(r.stdout)["notes"])


def test_a_json_plan_loads_only_what_it_needs(tmp_path) -> None:
    """`redwood plan -f json` reads its rules, catalogue and templates from the cache without
    the modules that only parsing, other commands or the terminal need (what its start-up
    costs is measured in bench/bench_plan.py; this keeps them out)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from redwood.cli import main\n"
        "try:\n"
        "    main(['plan', '--start', '2027-01-04', '--format', 'json', '-o', sys.argv[1]])\n"
        "finally:\n"
        "    print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    env = {**os.environ, "REDWOOD_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "plan.json"
    first = subprocess.run([sys.executable, "-c", script, str(out)], env=env,
                           capture_output=True, text=True, timeout=120)
    assert out.exists(), first.stderr  # the first run parses the files and fills the cache
    again = subprocess.run([sys.executable, "-c", script, str(out)], env=env,
                           capture_output=True, text=True, timeout=120)
    loaded = set(again.stderr.split())
    assert "redwood.planner.generate" in loaded
    for heavy in ("tomllib", "yaml", "pydantic", "hashlib", "platformdirs", "json.decoder",
                  "importlib.resources", "redwood.render.terminal", "rich", "sqlalchemy"):
        assert heavy not in loaded, heavy
    assert json.loads(out.read_text())["schema_version"] == 1
