"""`redwood plan` and `redwood check` as a lifter runs them."""

from __future__ import annotations

import json

import pytest

from plans import beyond_known_gaps, established

BASE = ["plan", "--start", "2027-01-04"]


@pytest.fixture(autouse=True)
def _fresh_home(home):
    """Every test plans in a new, empty data folder: `redwood plan` takes the options it is not
    given from the saved profile it finds there, never from the developer's own."""
    return home


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
    # Hinges that load the spine go; a hip thrust or glute bridge (neutral, supported spine)
    # may stay: what a coach writes for a sore back.
    hinges = {i["exercise_id"] for i in items if i["pattern"] == "hinge"}
    assert all("hip-thrust" in h or "bridge" in h for h in hinges), hinges
    assert not {"barbell-row", "back-squat", "good-morning", "deadlift", "romanian-deadlift"} & {
        i["exercise_id"] for i in items}
    # The plan stays complete: the hamstrings get leg curls instead of hinges.
    assert any(i["pattern"] == "knee-flexion" for i in items)
    assert any("--protect lower-back: no hinges that load the spine" in n for n in data["notes"])


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


def modules_of_a_json_plan(out, env: dict[str, str]) -> set[str]:
    """The modules `redwood plan --format json -o OUT` has loaded when it ends, run in a
    process of its own."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from redwood.cli import main\n"
        "try:\n"
        "    main(['plan', '--start', '2027-01-04', '--format', 'json', '-o', sys.argv[1]])\n"
        "finally:\n"
        "    print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", script, str(out)], env=env,
                       capture_output=True, text=True, timeout=120)
    return set(r.stderr.split())


def test_a_json_plan_loads_only_what_it_needs(tmp_path) -> None:
    """`redwood plan -f json` reads its rules, catalogue and templates from the cache without
    the modules that only parsing, other commands or the terminal need (what its start-up
    costs is measured in bench/bench_plan.py; this keeps them out)."""
    import os

    env = {**os.environ, "REDWOOD_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "plan.json"
    modules_of_a_json_plan(out, env)  # the first run parses the files and fills the cache
    assert out.exists()
    loaded = modules_of_a_json_plan(out, env)
    assert "redwood.planner.generate" in loaded
    for heavy in ("tomllib", "yaml", "pydantic", "hashlib", "platformdirs", "json.decoder",
                  "importlib.resources", "redwood.render.terminal", "rich", "sqlalchemy"):
        assert heavy not in loaded, heavy
    assert json.loads(out.read_text())["schema_version"] == 1


# --------------------------------------------------------------------------------------------
# The saved profile


def _pg_url() -> str:
    import os

    return os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not _pg_url(), reason="REDWOOD_TEST_POSTGRES_URL is not set"))])
def log_url(request, home, monkeypatch):
    """The log the commands use: the SQLite file in the fresh home (the default), or a new
    PostgreSQL database named by REDWOOD_DATABASE_URL."""
    if request.param == "sqlite":
        yield None
        return
    from redwood.store.admin import temporary_database

    with temporary_database(_pg_url()) as url:
        monkeypatch.setenv("REDWOOD_DATABASE_URL", url)
        yield url


def _json_plan(cli, *args: str) -> dict:
    r = cli(*BASE, "--weeks", "1", "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_plan_without_options_follows_the_saved_profile_and_says_so(cli, log_url) -> None:
    r = cli("profile", "set", "--goal", "strength", "--days", "4", "--minutes", "45",
            "--location", "home", "--equipment", "dumbbell,bench", "--on", "mon,tue,thu,fri")
    assert r.returncode == 0, r.stderr
    data = _json_plan(cli)
    p = data["profile"]
    assert (p["goal"], p["level"], p["days_per_week"], p["minutes_per_session"],
            p["location"]) == ("strength", "beginner", 4, 45, "home")
    assert p["weekdays"] == ["mon", "tue", "thu", "fri"]
    assert set(p["equipment"]) == {"dumbbell", "bench"}
    assert data["notes"][0] == ("From your saved profile: goal, days, minutes, location, "
                                "equipment, on.")


def test_options_given_override_the_profile_field_by_field(cli, log_url) -> None:
    assert cli("profile", "set", "--goal", "strength", "--days", "4", "--minutes",
               "45").returncode == 0
    data = _json_plan(cli, "--days", "2", "--on", "mon,thu")
    p = data["profile"]
    assert (p["goal"], p["days_per_week"], p["minutes_per_session"]) == ("strength", 2, 45)
    assert p["weekdays"] == ["mon", "thu"]
    assert data["notes"][0] == "From your saved profile: goal, minutes; --days overridden."
    # The text header says it too, first under the title.
    r = cli(*BASE, "--weeks", "1", "--days", "2", "--on", "mon,thu")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].startswith("Redwood plan: strength, beginner, 2 days x 45")
    assert "From your saved profile: goal, minutes; --days overridden." in " ".join(
        r.stdout.split())
    # Every saved field given: the plan is the command line's, and says the profile lost.
    data = _json_plan(cli, "--goal", "endurance", "--days", "3", "--minutes", "30")
    p = data["profile"]
    assert (p["goal"], p["days_per_week"], p["minutes_per_session"]) == ("endurance", 3, 30)
    assert data["notes"][0] == ("Your saved profile's options are all overridden: --goal, "
                                "--days, --minutes.")


def test_with_no_saved_profile_the_defaults_stay_and_nothing_is_created(cli, home) -> None:
    from redwood.services.planning import DEFAULT_PROFILE

    data = _json_plan(cli)
    p = data["profile"]
    assert (p["goal"], p["level"], p["days_per_week"], p["minutes_per_session"],
            p["location"]) == tuple(DEFAULT_PROFILE[k] for k in (
                "goal", "level", "days", "minutes", "location"))
    assert not any("saved profile" in n for n in data["notes"])
    assert list(home.iterdir()) == []  # planning is no reason to make a log
    # A log with a user and no profile: the defaults too.
    assert cli("init", "--name", "sam").returncode == 0
    again = _json_plan(cli)
    assert again["profile"] == data["profile"] and again["notes"] == data["notes"]


def test_each_lifter_plans_from_their_own_profile(cli, home) -> None:
    assert cli("profile", "set", "--days", "5").returncode == 0  # the first user's
    assert cli("--user", "ana", "init", "--days", "2").returncode == 0
    assert _json_plan(cli)["profile"]["days_per_week"] == 5
    assert _json_plan(cli, "--days", "3")["profile"]["days_per_week"] == 3
    r = cli("--user", "ana", *BASE, "--weeks", "1", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["profile"]["days_per_week"] == 2


def test_an_unknown_user_is_one_line_naming_the_option(cli) -> None:
    r = cli("--user", "nobody", *BASE, "--weeks", "1")
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and "Traceback" not in r.stderr
    assert r.stderr.startswith("error: --user: no user named 'nobody'")


def test_a_plan_from_the_profile_loads_no_sqlalchemy(cli, tmp_path) -> None:
    """The saved profile is read over the stdlib driver (store.lite): the ORM stays out of
    `redwood plan` on an SQLite log too."""
    import os

    assert cli("profile", "set", "--days", "4").returncode == 0
    out = tmp_path / "plan.json"
    loaded = modules_of_a_json_plan(out, dict(os.environ))
    assert "redwood.store.lite" in loaded
    assert not any(m.startswith(("sqlalchemy", "alembic")) for m in loaded)
    assert json.loads(out.read_text())["profile"]["days_per_week"] == 4


@pytest.mark.parametrize("format_", ["json", "markdown", "text"])
def test_a_plain_plan_line_writes_what_the_click_command_writes(cli, log_url, format_) -> None:
    """`redwood plan --format json` and other plain lines run without click (cli/fastplan.py);
    `-fjson` (a form it leaves to click) runs the click command: the same bytes and the same
    errors, with no log, with a saved profile, and for another lifter."""
    args = [*BASE, "--weeks", "2", "--days", "3", "--on", "mon,wed,fri", "--seed", "3"]
    for setup in ((), ("profile", "set", "--goal", "strength", "--minutes", "45"),
                  ("--user", "ana", "init", "--days", "2")):
        if setup:
            assert cli(*setup).returncode == 0
        fast, slow = cli(*args, "--format", format_), cli(*args, "-f" + format_)
        assert (fast.returncode, fast.stdout, fast.stderr) == (0, slow.stdout, slow.stderr)
    fast, slow = cli(*BASE, "--days", "9", "-f", format_), cli(*BASE, "--days", "9",
                                                                "-f" + format_)
    assert (fast.returncode, fast.stdout, fast.stderr) == (2, "", slow.stderr)
    assert "--days" in fast.stderr


@pytest.mark.parametrize("saved", [False, True], ids=["no log", "a saved profile"])
def test_a_plain_json_plan_loads_no_click(home, saved) -> None:
    import os
    import subprocess
    import sys

    from clirun import run_cli

    if saved:  # the plan reads the log for it (and defines its users and workouts)
        assert run_cli("profile", "set", "--days", "4").returncode == 0
    script = (
        "import sys\n"
        "from redwood.cli import main\n"
        "main(['plan', '--start', '2027-01-04', '--weeks', '1', '--format', 'json'])\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    # The second run: the first fills a cache folder of its own (the rules, the catalogue and
    # the dataclasses' code), as an installed program's first run does.
    env = {**os.environ, "REDWOOD_CACHE_DIR": str(home / "cache")}
    for _ in range(2):
        r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["schema_version"] == 1
    loaded = set(r.stderr.split())
    assert "redwood.planner.generate" in loaded
    assert not any(m.split(".")[0] in ("click", "platformdirs", "sqlalchemy") for m in loaded)
    # Nor what only the inspect module needs (the dataclasses module imports it to word the
    # docstring of a class without one: redwood.cli runs it on first use) or compiling an
    # annotation's text does (a NamedTuple's fields: `_ast` is the parser's, made then).
    assert not {"ast", "_ast", "dis", "tokenize"} & loaded
    # (copy's, for asdict and astuple only, likewise)
    assert "weakref" not in loaded
    # Nor typing (about 15 M instructions of the call): its names only annotate here.
    assert "typing" not in loaded


@pytest.mark.parametrize("width", [[], ["--width", "80"]])
def test_a_text_plan_loads_no_typing(home, width) -> None:
    """The text plan, piped or at a terminal's width, names typing's names only in annotations
    (under `if TYPE_CHECKING:`): the module is never imported."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from redwood.cli import main\n"
        f"main([*{width!r}, 'plan', '--start', '2027-01-04', '--weeks', '1'])\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    # The second run: the first parses the rules and catalogue (pydantic imports typing) and
    # fills the cache, as an installed program's first run does.
    env = {**os.environ, "REDWOOD_CACHE_DIR": str(home / "cache")}
    for _ in range(2):
        r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert "Week 1" in r.stdout
    loaded = set(r.stderr.split())
    assert {"redwood.planner.generate", "redwood.render.text"} <= loaded
    assert "click" not in loaded and "typing" not in loaded


@pytest.mark.parametrize("format_", [["-f", "json"], ["-fjson"], ["-f", "text"]])
def test_a_reader_that_goes_away_ends_the_plan_quietly(format_) -> None:
    """`redwood plan | head`: exit 0 and nothing on stderr, on either path (fastplan's, or the
    click command's for `-fjson`), never a traceback: the reader took what it wanted."""
    import subprocess

    from clirun import REDWOOD

    proc = subprocess.Popen([str(REDWOOD), *BASE, "--weeks", "12", *format_],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the plan is written: the write meets a closed pipe
    err = proc.stderr.read()
    assert (proc.wait(timeout=120), err) == (0, b"")
