"""The training day from the terminal: init, save a plan, today, log, history, undo, PRs."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from clirun import run_cli


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
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


def test_logging_works_right_after_installation(home) -> None:
    out = ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--set", "60kgx10",
             "--set", "60kgx9@8")
    assert "2 set(s) logged" in out
    assert (home / "redwood.db").exists()
    data = json.loads(ok("history", "--format", "json"))
    assert data[0]["date"] == "2026-11-02"
    assert [s["reps"] for s in data[0]["sets"]] == [10, 9]
    assert data[0]["sets"][1]["rpe"] == 8


def test_a_first_record_and_then_a_pr_flagged_when_beaten(home) -> None:
    ok("log", "--date", "2026-11-02", "--exercise", "deadlift", "--set", "100kgx5")
    out = ok("log", "--date", "2026-11-05", "--exercise", "deadlift", "--set", "105kgx5")
    assert "PR!" in out
    prs = json.loads(ok("prs", "--format", "json"))
    assert prs[0]["exercise_id"] == "deadlift"
    assert prs[0]["heaviest"]["weight_kg"] == 105


def test_today_needs_a_plan_and_then_gives_targets(home) -> None:
    assert "redwood plan" in refused("today", code=1)
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    view = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    assert view["date"] == "2026-11-23"
    assert view["title"]
    for item in view["items"]:
        assert {"exercise_id", "name", "sets", "weight_kg", "rest_s", "reason"} <= set(item)
        assert ("reps_min" in item) != ("seconds_min" in item)
    assert any(item.get("superset") for item in view["items"])


PROGRESS = {"sets_done", "sets_total", "complete", "other_sets", "done_today"}
LIFT_PROGRESS = {"done", "extra", "remaining", "next_weight_kg", "next_reason"}


def targets(view: dict[str, Any]) -> dict[str, Any]:
    """`today`'s JSON without what is logged of the session (its sessions and targets)."""
    return {**{k: v for k, v in view.items() if k not in PROGRESS},
            "items": [{k: v for k, v in item.items() if k not in LIFT_PROGRESS}
                      for item in view["items"]]}


def test_today_holds_the_session_being_trained_until_it_is_done(home) -> None:
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    first = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    item = first["items"][0]
    ok("log", "--date", "2026-11-23", "--exercise", item["exercise_id"], "--set", "x5")
    # One set logged: the same session, the same targets (and the set done).
    now = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    assert targets(now) == first and now["sets_done"] == 1
    for other in first["items"]:
        amount = (f"{other['seconds_min']}s" if "seconds_min" in other
                  else f"x{other['reps_min']}")
        left = other["sets"] - (1 if other is item else 0)
        if left:
            ok("log", "--date", "2026-11-23", "--exercise", other["exercise_id"],
               *[a for _ in range(left) for a in ("--set", amount)])
    second = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    assert second["date"] > first["date"]


def test_from_json_round_trip(home, tmp_path) -> None:
    workout = {"date": "2026-11-10", "notes": "felt strong", "sets": [
        {"exercise_id": "back-squat", "weight_kg": 102.5, "reps": 5, "rpe": 8, "kind": "working"},
        {"exercise_id": "plank", "weight_kg": None, "seconds": 45, "kind": "working"},
        {"exercise_id": "back-squat", "weight_kg": 60, "reps": 5, "kind": "warmup"},
    ]}
    path = tmp_path / "w.json"
    path.write_text(json.dumps(workout))
    ok("log", "--from-json", str(path))
    [stored] = json.loads(ok("history", "--format", "json"))
    assert stored["notes"] == "felt strong"
    assert stored["sets"][0]["weight_kg"] == 102.5
    assert stored["sets"][1]["seconds"] == 45
    assert stored["sets"][2]["kind"] == "warmup"


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--exercise", "back-squat", "--set", "60kgx0"], "reps"),
        (["--exercise", "back-squat", "--set", "1600kgx1"], "1500 kg"),
        (["--exercise", "back-squat", "--set", "-5kgx5"], "--set"),
        (["--exercise", "back-squat", "--set", "60kgx5@11"], "RPE"),
        (["--exercise", "back-squat", "--set", "60kgx1001"], "reps"),
        (["--exercise", "bak-squat", "--set", "60kgx5"], "back-squat"),
        (["--set", "60kgx5"], "--exercise"),
        (["--date", "2026-02-30", "--exercise", "back-squat", "--set", "60kgx5"], "--date"),
        (["--date", "2099-01-01", "--exercise", "back-squat", "--set", "60kgx5"], "future"),
        (["--energy", "9", "--exercise", "back-squat", "--set", "60kgx5"], "--energy"),
    ],
)
def test_impossible_sets_are_refused_and_nothing_is_stored(home, args, names) -> None:
    assert names in refused("log", *args)
    assert json.loads(ok("history", "--format", "json")) == []


def test_bad_json_workouts_are_refused_whole(home, tmp_path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"date": "2026-11-10", "sets": [
        {"exercise_id": "back-squat", "weight_kg": 100, "reps": 5},
        {"exercise_id": "back-squat", "weight_kg": 100, "reps": 0},
    ]}))
    assert "sets.1.reps" in refused("log", "--from-json", str(path))
    path.write_text("{oops")
    assert "not JSON" in refused("log", "--from-json", str(path))
    assert json.loads(ok("history", "--format", "json")) == []


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--sleep", "25"], "--sleep"),
        (["--energy", "0"], "--energy"),
        (["--soreness", "arms=2"], "--soreness"),
        (["--soreness", "legs=9"], "--soreness"),
        (["--weight", "heavy"], "--weight"),
        ([], "checkin"),
    ],
)
def test_bad_checkins_are_refused(home, args, names) -> None:
    assert names in refused("checkin", *args)


def test_checkin_then_undo(home) -> None:
    ok("checkin", "--sleep", "7.5", "--energy", "4", "--soreness", "legs=2", "--weight", "80kg")
    assert "check-in" in ok("undo")
    assert "nothing to undo" in refused("undo", code=1)


def test_undo_removes_the_last_logged_entry(home) -> None:
    ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--set", "60kgx10")
    ok("log", "--date", "2026-11-02", "--exercise", "deadlift", "--set", "80kgx5")
    ok("undo")
    [workout] = json.loads(ok("history", "--format", "json"))
    assert [s["exercise_id"] for s in workout["sets"]] == ["back-squat"]


def test_plates_per_side(home) -> None:
    assert "25 + 15 + 1.25 per side" in ok("plates", "102.5")
    assert "45 + 25" in ok("plates", "185", "--unit", "lb")
    assert "--bar" in refused("plates", "100", "--bar", "heavy")
    assert "lighter than" in refused("plates", "10")


def test_two_people_share_a_database_without_seeing_each_other(home) -> None:
    assert "alex" in refused("--user", "alex", "history", code=1)
    ok("--user", "alex", "init", "--unit", "lb")
    ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--set", "60kgx10")
    assert json.loads(ok("--user", "alex", "history", "--format", "json")) == []
    ok("--user", "alex", "log", "--date", "2026-11-03", "--exercise", "deadlift",
       "--set", "225x5")
    [mine] = json.loads(ok("history", "--format", "json"))
    [theirs] = json.loads(ok("--user", "alex", "history", "--format", "json"))
    assert mine["sets"][0]["exercise_id"] == "back-squat"
    assert theirs["sets"][0]["weight_kg"] == 102.06  # 225 lb, stored in kg


def test_equipment_owned_at_home_shapes_the_targets(home) -> None:
    ok("equipment", "set", "home", "--dumbbells", "3-24/3")
    assert "3, 6, 9" in ok("equipment", "show", "home")
    ok("plan", "--start", "2026-11-23", "--weeks", "1", "--location", "home", "--equipment",
       "dumbbell,bench", "--save", "-f", "json", "-o", os.devnull)
    ok("checkin", "--date", "2026-11-22", "--weight", "80kg")
    view = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    # Dumbbells are the only load at this home: every target is one of the pairs owned.
    weights = [i["weight_kg"] for i in view["items"] if i["weight_kg"] is not None]
    assert weights and all(w % 3 == 0 for w in weights), weights


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["set", "home", "--plates", "foo"], "--plates"),
        (["set", "home", "--dumbbells", "5-1"], "--dumbbells"),
        (["set", "moon", "--bar", "20"], "LOCATION"),
        (["set", "gym", "--bar", "-20"], "--bar"),
        (["set", "gym"], "equipment set"),
    ],
)
def test_bad_equipment_is_refused(home, args, names) -> None:
    assert names in refused("equipment", *args)


def test_interactive_logging_is_mostly_pressing_enter(home) -> None:
    ok("plan", "--start", "2026-11-23", "--weeks", "1", "--supersets", "--save", "-f", "json",
       "-o", os.devnull)
    view = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    total = sum(i["sets"] for i in view["items"])
    # A calibrating lift also asks each set's RPE (Enter skips it).
    asked = sum(i["sets"] for i in view["items"] if i.get("calibrating"))
    assert asked
    # Accept every target, but change the first set of the first exercise.
    r = run_cli("log", "-i", "--date", "2026-11-23",
                input="x7\n" + "\n" * (total + asked - 1))
    assert r.returncode == 0, r.stderr
    assert f"{total} set(s) logged" in r.stdout
    [workout] = json.loads(ok("history", "--format", "json"))
    assert workout["sets"][0]["reps"] == 7
    first = view["items"][0]
    # The prefill is the coach's target, the number the text says (the bottom of the range
    # or the rep the coach asks to add).
    assert workout["sets"][1]["reps"] == first.get("reps_min", None) or \
        workout["sets"][1]["seconds"] == first.get("seconds_min")
    # The logged session is done: today moves on.
    assert json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))["date"] > \
        "2026-11-23"


def test_interactive_logging_stores_the_day_trained_linked_to_its_session(home) -> None:
    import datetime as dt

    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)
    # Tomorrow is a training day whatever today's weekday (the default days may skip it).
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    on = ",".join(names[d.weekday()] for d in (tomorrow, tomorrow + dt.timedelta(days=3)))
    ok("plan", "--start", tomorrow.isoformat(), "--weeks", "1", "--days", "2", "--on", on,
       "--save", "-f", "json", "-o", os.devnull)
    view = json.loads(ok("today", "--format", "json"))
    assert view["date"] == tomorrow.isoformat()
    # Tomorrow's session trained today, interactively without --date: two sets, then done.
    # Enter accepts each target and skips the RPE a calibrating lift asks for.
    r = run_cli("log", "-i", input="\n\n\n\ndone\n")
    assert r.returncode == 0, r.stderr
    assert f"2 set(s) logged as workout 1 on {today}" in r.stdout
    assert f"planned for {tomorrow}" in r.stdout
    [workout] = json.loads(ok("history", "--format", "json"))
    assert workout["date"] == today.isoformat()
    # Being trained: today still shows it, with the same targets; the next `log -i` goes on
    # from the third set.
    now = json.loads(ok("today", "--format", "json"))
    assert targets(now) == view and now["sets_done"] == 2
    r = run_cli("log", "-i", input="done\n")
    assert "set 3" in r.stdout or view["items"][0]["sets"] == 2


def test_history_names_an_unknown_exercise_and_says_what_the_filters_left_out(home) -> None:
    ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--set", "60kgx10")
    # A typo was answered "nothing logged yet", as if the log were empty.
    message = refused("history", "--exercise", "back-sqat")
    assert message.startswith("error: --exercise: no exercise 'back-sqat'")
    assert "back-squat" in message  # the suggestion
    # A name finds the exercise as its id does.
    assert "Back Squat: 60 kg x 10" in ok("history", "--exercise", "Back Squat")
    assert ok("history", "--exercise", "back-squat", "--since", "2026-12-01").strip() == (
        "no workouts with back-squat since 2026-12-01")


def test_history_of_one_exercise_shows_its_sets_only(home) -> None:
    ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--set", "60kgx10")
    ok("log", "--date", "2026-11-02", "--exercise", "barbell-row", "--set", "50kgx8")
    shown = ok("history", "--exercise", "back-squat")
    assert "Back Squat: 60 kg x 10" in shown
    assert "Row" not in shown  # it listed every exercise of the workout
    assert "Barbell Row: 50 kg x 8" in ok("history")


def test_a_reader_that_goes_away_ends_today_quietly(home) -> None:
    """`redwood today | head -1` (the audit: exit 1): exit 0 and nothing on stderr, as
    `redwood plan | head` does, never a traceback."""
    import subprocess

    from clirun import REDWOOD

    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    proc = subprocess.Popen([str(REDWOOD), "today", "--date", "2026-11-23"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the session is written: the write meets a closed pipe
    err = proc.stderr.read()
    assert (proc.wait(timeout=120), err) == (0, b"")


def test_warm_ups_are_loaded_with_the_usual_plates(home) -> None:
    """The audit: `redwood today` ramped a 95 kg squat through 57 and 76 kg (the gym's 0.5 kg
    change plates on the bar for a warm-up). The ramp is bar, 37.5, 57.5, 75 kg."""
    ok("plan", "--start", "2026-11-23", "--weeks", "4", "--goal", "strength", "--save", "-f",
       "json", "-o", os.devnull)
    ok("log", "--date", "2026-11-16", "--exercise", "back-squat", "--set", "95kgx5")
    view = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    squat = next(i for i in view["items"] if i["exercise_id"] == "back-squat")
    assert squat["weight_kg"] == 95
    assert [w["weight_kg"] for w in squat["warmup"]] == [20, 37.5, 57.5, 75]
    assert min(p for w in squat["warmup"] for p in w["plates_per_side"]) == 1.25
    assert "57.5 kg x 3" in ok("--width", "300", "today", "--date", "2026-11-23")


def _sigint_as_in_a_terminal() -> None:
    """In the child before it runs Redwood: Ctrl-C's default disposition, as a terminal's
    foreground job has it. A test run started in the background of a non-interactive shell
    (`.ci/run &`) inherits SIGINT ignored, and a program keeps an ignored SIGINT ignored (as
    it should: `nohup`), so the SIGINTs below would otherwise never arrive."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _prompted(home, answers: str, wait_for: str):  # type: ignore[no-untyped-def]
    """`redwood log -i` as a lifter runs it: `answers` typed, then Ctrl-C (a real SIGINT)
    once `wait_for` is on the screen. Returns the process's exit code, stdout and stderr."""
    import select
    import signal
    import subprocess
    import time

    from clirun import REDWOOD

    proc = subprocess.Popen([str(REDWOOD), "log", "-i", "--date", "2026-11-23"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_sigint_as_in_a_terminal)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(answers.encode())
    proc.stdin.flush()
    seen = b""
    deadline = time.monotonic() + 60
    while wait_for.encode() not in seen:
        assert time.monotonic() < deadline, seen
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            assert chunk, seen  # the prompt never came
            seen += chunk
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, (seen + out).decode(), err.decode()


def test_ctrl_c_at_the_prompts_saves_nothing_and_says_so(home) -> None:
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    code, out, err = _prompted(home, "", "set 1 [")
    assert code == 130, (out, err)
    assert "Traceback" not in err
    assert err.strip() == "cancelled, nothing saved"
    # Two sets typed (Enter accepts the target; the calibrating set asks its RPE), then Ctrl-C
    # at the third: they are named as not logged, and the log is empty.
    code, out, err = _prompted(home, "\n8\n\n8\n", "set 3 [")
    assert code == 130 and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert err.strip().startswith("cancelled, nothing saved: the 2 sets you typed were not "
                                  "logged"), err
    assert json.loads(ok("history", "--format", "json")) == []


def test_the_answers_running_out_saves_nothing_and_says_so(home) -> None:
    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    r = run_cli("log", "-i", "--date", "2026-11-23", input="\n8\n")  # then the input ends
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.strip() == ("cancelled, nothing saved: the 1 set you typed was not logged "
                                "('done' saves the sets so far)")


def test_a_first_session_works_up_by_feel_at_the_prompts(home) -> None:
    """A heavy new lifter's first squat: `today` says set 1 is light and the rest by feel;
    at the prompts, set 1 typed with its RPE fills in set 2 from it (Enter accepts it)."""
    ok("init", "--name", "me", "--unit", "kg", "--goal", "hypertrophy", "--level",
       "intermediate", "--days", "2", "--minutes", "60", "--location", "gym", "--on",
       "mon,thu", "--weight", "110kg")
    ok("plan", "--start", "2026-11-23", "--weeks", "1", "--save", "-f", "json",
       "-o", os.devnull)
    view = json.loads(ok("today", "--date", "2026-11-23", "--format", "json"))
    first = view["items"][0]
    assert first.get("ramp") is True and "light on purpose" in first["reason"]
    assert any(n.startswith("First session: set 1 light, then by feel") for n in first["notes"])
    text = ok("today", "--date", "2026-11-23")
    assert "then by feel" in text
    set1 = f"{first['weight_kg']:g}kgx{first['reps_max']}@5"
    r = run_cli("log", "-i", "--date", "2026-11-23", input=f"{set1}\n\n\ndone\n")
    assert r.returncode == 0, r.stderr
    assert "by feel: set 2 at" in r.stdout
    # ...saying why the step is that size: RPE 5 is read as 5 in reserve, no more
    assert "at RPE 5: about 5 in reserve, so" in r.stdout, r.stdout
    [workout] = json.loads(ok("history", "--format", "json"))
    loads = [s["weight_kg"] for s in workout["sets"]]
    assert loads[0] == first["weight_kg"] and loads[1] > loads[0], loads


def test_ctrl_c_while_redwood_log_starts_is_aborted_never_a_traceback(home) -> None:
    """Ctrl-C in the first moments of `redwood log` (the CLI still loading, before its
    commands take Ctrl-C over) printed a traceback of whichever module was being imported.
    A real SIGINT at delays across the start: each run ends with "aborted" and exit 130,
    or (before Python has set its handler) is ended by the signal itself, which a shell
    reports as 130 too; no traceback comes from Redwood's code. (The interpreter's own
    start and the launcher pip writes, `import re` and finding the package, run before any
    of Redwood's code: a Ctrl-C there is Python's to report.)"""
    import signal
    import subprocess
    import time
    from pathlib import Path

    import redwood
    from clirun import REDWOOD

    ok("plan", "--start", "2026-11-23", "--weeks", "2", "--save", "-f", "json", "-o",
       os.devnull)
    ours = str(Path(redwood.__file__).parent)
    seen = []
    for delay_ms in range(0, 160, 5):
        proc = subprocess.Popen([str(REDWOOD), "log", "-i", "--date", "2026-11-23"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, preexec_fn=_sigint_as_in_a_terminal)
        time.sleep(delay_ms / 1000)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        text = err.decode()
        seen.append((delay_ms, proc.returncode, text[-200:]))
        assert ours not in text, (delay_ms, text)
        # A SIGINT while the interpreter still imports `site` (before any code of ours or the
        # launcher's) ends it with its own "Fatal Python error: init_import_site" and exit 1:
        # Python's to report, as the docstring says (seen at 5 ms on a busy CI machine); so is
        # a bare "KeyboardInterrupt" and exit 1, the interpreter's report of a Ctrl-C in its
        # start where no traceback can be printed yet (seen at 15 ms on a slow 2-core machine;
        # one raised in Redwood's code would print a traceback naming it, asserted above).
        python_s = "init_import_site" in text or text.strip() == "KeyboardInterrupt"
        if "Traceback" not in text and not python_s:
            assert proc.returncode in (130, -signal.SIGINT), (delay_ms, proc.returncode, text)
            assert text in ("", "\naborted\n") or "cancelled" in text, (delay_ms, text)
    assert any(code == 130 for _, code, _ in seen), seen
