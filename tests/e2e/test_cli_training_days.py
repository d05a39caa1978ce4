"""A lifter who trains from the terminal only, on the days they can: a session trained on
another day than planned, a session finished early with `redwood finish`, two sessions in one
day. Each set goes to the session `redwood today` shows (the services' decision, as the web's
Today logs), a finished session counts as done, and a second session of the day reads the
day's earlier sets. On a real SQLite log, through the `redwood` command."""

from __future__ import annotations

import json
import os

from clirun import run_cli
from clirun import run_ok as ok

MONDAY = "2026-11-23"
"""The plan's first day; the plan trains on Mondays and Thursdays."""
TUESDAY = "2026-11-24"
THURSDAY = "2026-11-26"


def _words(text: str) -> str:
    return " ".join(text.split())


def _lifter(days: int = 2, on: str = "mon,thu") -> None:
    ok("init", "--name", "me", "--unit", "kg", "--goal", "hypertrophy", "--level",
       "intermediate", "--days", str(days), "--minutes", "60", "--location", "gym", "--on",
       on, "--weight", "80kg")
    ok("plan", "--start", MONDAY, "--weeks", "2", "--save", "-f", "json", "-o", os.devnull)


def _today(day: str) -> dict:
    return json.loads(ok("today", "--date", day, "-f", "json"))


def _one(item: dict) -> str:
    """A set at the item's target."""
    if item.get("seconds_min"):
        return f"{item['seconds_min']}s"
    reps = item["reps_min"]
    return f"x{reps}" if item["weight_kg"] is None else f"{item['weight_kg']:g}kgx{reps}@8"


def _log_all(day: str, view: dict) -> int:
    """Every set of the session `view` logged on `day` at its targets; how many."""
    n = 0
    for item in view["items"]:
        ok("log", "--date", day, "--exercise", item["exercise_id"],
           *[f"--set={_one(item)}" for _ in range(item["sets"])])
        n += item["sets"]
    return n


def test_a_session_trained_on_another_day_gets_its_sets_and_counts_as_done(home) -> None:
    """Monday missed: on Tuesday `today` shows Thursday's session; the sets logged on Tuesday
    are that session's (today counts them), and on Thursday it is done, not due again."""
    _lifter()
    shown = _today(TUESDAY)
    assert shown["date"] == THURSDAY, shown["date"]
    first = shown["items"][0]
    ok("log", "--date", TUESDAY, "--exercise", first["exercise_id"], "--set", _one(first))
    now = _today(TUESDAY)
    assert now["title"] == shown["title"] and now["sets_done"] == 1, now
    assert len(now["items"][0]["done"]) == 1 and now["items"][0]["remaining"] == \
        first["sets"] - 1
    # The workout is the session's: history says which one.
    (workout,) = json.loads(ok("history", "-f", "json"))
    assert workout["date"] == TUESDAY

    _log_all(TUESDAY, {"items": [dict(first, sets=first["sets"] - 1),
                                 *shown["items"][1:]]})
    assert "Session done: " + shown["title"] in _words(ok("today", "--date", TUESDAY))
    # Thursday: the session trained on Tuesday is not due again; the next one is.
    thursday = _today(THURSDAY)
    assert thursday["title"] != shown["title"] and thursday["date"] > THURSDAY, thursday


def test_finish_closes_a_session_cut_short_and_today_moves_on(home) -> None:
    """Two lifts of a session logged, then `redwood finish` with notes and a session RPE: it
    says what was done and what the coach wants next time; `today` moves to the next session
    and the session's notes are in the history."""
    _lifter()
    view = _today(MONDAY)
    a, b = view["items"][:2]
    ok("log", "--date", MONDAY, "--exercise", a["exercise_id"],
       *[f"--set={_one(a)}" for _ in range(a["sets"])])
    ok("log", "--date", MONDAY, "--exercise", b["exercise_id"], "--set", _one(b))
    before = _today(MONDAY)
    assert before["title"] == view["title"] and before["complete"] is False
    assert "`redwood finish` ends the session" in _words(ok("today", "--date", MONDAY))

    said = _words(ok("finish", "--date", MONDAY, "--notes", "left knee fine", "--rpe", "8"))
    logged = a["sets"] + 1
    assert f"Session finished: {view['title']} ({logged} sets logged)." in said, said
    assert "Next time:" in said and f"{a['name']}:" in said, said

    after = _today(MONDAY)
    assert after["title"] != view["title"], after
    assert after["done_today"] == [{"title": view["title"], "date": MONDAY, "sets": logged,
                                    "finished": True}]
    text = _words(ok("today", "--date", MONDAY))
    assert f"Session finished: {view['title']} ({logged} sets logged)." in text
    (workout,) = json.loads(ok("history", "-f", "json"))
    assert workout["notes"] == "left knee fine"
    # Thursday the next session is due: the finished one is done, though cut short.
    assert _today(THURSDAY)["title"] == after["title"]

    # Finishing again (sent twice) keeps the notes once.
    ok("finish", "--date", MONDAY, "--notes", "left knee fine")
    (workout,) = json.loads(ok("history", "-f", "json"))
    assert workout["notes"] == "left knee fine"


def test_finish_refuses_bad_input_and_an_empty_day(home) -> None:
    _lifter()
    for args, field, allowed in ((["--rpe", "11"], "--rpe", "1"),
                                 (["--rpe", "hard"], "--rpe", "1"),
                                 (["--date", "23/11/2026"], "--date", "YYYY-MM-DD")):
        r = run_cli("finish", *args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and field in lines[0] and allowed in lines[0], r.stderr
    r = run_cli("finish", "--date", MONDAY)
    assert r.returncode == 1 and "nothing logged" in r.stderr, r.stderr
    assert r.stderr.strip().count("\n") == 0


def test_a_second_session_the_same_day_reads_the_day_s_earlier_sets(home) -> None:
    """Four days a week: Monday's and Tuesday's sessions share a lift. Both trained on Monday,
    the second's target for that lift follows the sets done that morning, not a first
    session's light start."""
    _lifter(days=4, on="mon,tue,thu,fri")
    first = _today(MONDAY)
    _log_all(MONDAY, first)
    second = _today(MONDAY)
    assert second["title"] != first["title"] and second["date"] == TUESDAY
    shared = [i for i in second["items"]
              if i["exercise_id"] in {j["exercise_id"] for j in first["items"]}]
    assert shared, "the plan's first two sessions share no lift"
    for item in shared:
        assert item["decision"] != "start" and not item.get("ramp"), item
        assert "First " not in item["reason"], item["reason"]
    # Its targets hold still while it is trained.
    lift = second["items"][0]
    ok("log", "--date", MONDAY, "--exercise", lift["exercise_id"], "--set", _one(lift))
    during = _today(MONDAY)
    assert during["title"] == second["title"]
    assert [(i["weight_kg"], i["sets"], i["reason"]) for i in during["items"]] == [
        (i["weight_kg"], i["sets"], i["reason"]) for i in second["items"]]


def test_an_extra_set_after_the_session_is_done_stays_with_it(home) -> None:
    """Every set of Monday's session logged (`today` says it is done, next Thursday's), then
    one more set of one of its lifts: it joins Monday's session, and Thursday's session is
    still due on Thursday with nothing logged."""
    _lifter()
    view = _today(MONDAY)
    n = _log_all(MONDAY, view)
    first = view["items"][0]
    ok("log", "--date", MONDAY, "--exercise", first["exercise_id"], "--set", _one(first))
    now = _today(MONDAY)
    assert now["done_today"][0]["sets"] == n + 1 and "sets_done" not in now, now
    assert _today(THURSDAY)["title"] == now["title"]


def test_log_prompts_prefill_the_load_the_lifter_changed_to(home) -> None:
    """`redwood log -i`: set 1 typed lighter than the target, Enter on set 2 logs that load
    again, as the web's Today prefills it (not the target's); prompts begun again later start
    from the lift's last set of the day."""
    ok("log", "--date", "2026-11-16", "--exercise", "back-squat", "--set", "95kgx5")
    ok("plan", "--start", MONDAY, "--weeks", "1", "--goal", "strength", "--save", "-f",
       "json", "-o", os.devnull)
    squat = _today(MONDAY)["items"][0]
    assert squat["exercise_id"] == "back-squat" and squat["weight_kg"] == 95, squat
    assert not squat.get("ramp") and squat["sets"] >= 3
    # (A calibrating lift asks each set's RPE when none is typed: Enter skips it.)
    rpe = "\n" if squat.get("calibrating") else ""
    r = run_cli("log", "-i", "--date", MONDAY, input=f"90kgx5@8\n\n{rpe}done\n")
    assert r.returncode == 0, r.stderr
    aim = squat["reps_min"]  # the prompt's reps stay the target's
    assert f"set 2 [90kgx{aim}]" in r.stdout, r.stdout
    r = run_cli("log", "-i", "--date", MONDAY, input=f"\n{rpe}done\n")
    assert r.returncode == 0, r.stderr
    assert f"set 3 [90kgx{aim}]" in r.stdout, r.stdout
    sets = [s for w in json.loads(ok("history", "-f", "json")) for s in w["sets"]
            if w["date"] == MONDAY]
    assert [(s["weight_kg"], s["reps"]) for s in sets] == [(90, 5), (90, aim), (90, aim)]
