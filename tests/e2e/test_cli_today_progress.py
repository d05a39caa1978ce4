"""`redwood today` between sets: a lifter who logs from the terminal and runs `today` sees the
sets of the day's session done, how many are left and the next set's load (a first session's
ramp steps from the set before, as the web's Today and `redwood log -i` step); once every set
is logged, that the session is done and the next one. Before a set of the session is logged
that day, `today` says what it said. On a real SQLite log, through the `redwood` command."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal

from clirun import run_ok as ok

DAY = "2026-11-23"
"""The plan's first session (a Monday)."""


def _words(text: str) -> str:
    return " ".join(text.split())


def _new_heavy_lifter() -> None:
    """A 110 kg new lifter: the first squat is a ramp (set 1 light, then by feel)."""
    ok("init", "--name", "me", "--unit", "kg", "--goal", "hypertrophy", "--level",
       "intermediate", "--days", "2", "--minutes", "60", "--location", "gym", "--on",
       "mon,thu", "--weight", "110kg")
    ok("plan", "--start", DAY, "--weeks", "2", "--save", "-f", "json", "-o", os.devnull)


def test_between_sets_today_shows_the_sets_done_and_the_ramp_s_next_load(home) -> None:
    from redwood.catalog import load_catalog
    from redwood.coach.loading import default_profile, display_weight
    from redwood.coach.ramp import next_set
    from redwood.domain.log import Unit
    from redwood.rules.coach import load_coach_rules

    _new_heavy_lifter()
    text, data = ok("today", "--date", DAY), ok("today", "--date", DAY, "-f", "json")
    view = json.loads(data)
    first, second = view["items"][:2]
    assert first.get("ramp") is True, first
    assert "done" not in first and "sets_done" not in view
    # A set logged on another day (no session that day) is not one of this session's.
    ok("log", "--date", "2026-11-24", "--exercise", first["exercise_id"], "--set", "20kgx5")
    assert (ok("today", "--date", DAY), ok("today", "--date", DAY, "-f", "json")) == (
        text, data)

    load, reps = Decimal(str(first["weight_kg"])), first["reps_max"]
    ok("log", "--date", DAY, "--exercise", first["exercise_id"], "--set",
       f"{load:f}kgx{reps}@5")
    # The coach's ramp (coach/ramp.py) from the set just logged: an easy set steps up.
    ramp = next_set(load_catalog().get(first["exercise_id"]), default_profile("gym", Unit.KG),
                    load, reps, Decimal(5), low=first["reps_min"], rules=load_coach_rules())
    step = ramp.weight_kg
    assert step > load and ramp.why
    shown = _words(ok("today", "--date", DAY))
    assert (f"{first['name']}: 1 of {first['sets']} sets done: "
            f"{display_weight(load, Unit.KG)} x {reps} @ RPE 5.") in shown, shown
    assert f"Next: set 2 @ {display_weight(step, Unit.KG)} (by feel" in shown, shown
    # ... and why the coach steps that far (coach.ramp's reason, as the web and the API say).
    assert _words(ramp.why) in shown, shown
    assert f"{first['sets'] - 1} sets left" in shown
    assert f"{second['name']}: 0 of {second['sets']} sets done." in shown
    assert f"Logged so far: 1 of {sum(i['sets'] for i in view['items'])} sets." in shown

    now = json.loads(ok("today", "--date", DAY, "-f", "json"))
    lift, other = now["items"][:2]
    assert [(s["weight_kg"], s["reps"], s["rpe"]) for s in lift["done"]] == [
        (float(load), reps, 5)]
    assert lift["remaining"] == first["sets"] - 1
    assert lift["next_weight_kg"] == float(step) and lift["next_reason"] == ramp.why
    assert other["done"] == [] and other["next_weight_kg"] == second["weight_kg"]
    assert now["sets_done"] == 1 and now["complete"] is False
    # The targets themselves hold still while the session is trained.
    assert [i["weight_kg"] for i in now["items"]] == [i["weight_kg"] for i in view["items"]]

    # The next set logged at the step: the one after steps from it.
    ok("log", "--date", DAY, "--exercise", first["exercise_id"], "--set", f"{step:f}kgx{reps}@9")
    after = json.loads(ok("today", "--date", DAY, "-f", "json"))["items"][0]
    assert len(after["done"]) == 2 and after["remaining"] == first["sets"] - 2
    assert after["next_weight_kg"] == float(next_set(
        load_catalog().get(first["exercise_id"]), default_profile("gym", Unit.KG), step, reps,
        Decimal(9), low=first["reps_min"], rules=load_coach_rules()).weight_kg)


def test_every_set_logged_today_says_the_session_is_done_and_what_is_next(home) -> None:
    _new_heavy_lifter()
    view = json.loads(ok("today", "--date", DAY, "-f", "json"))
    logged = 0
    for item in view["items"]:
        one = "30s" if item.get("seconds_min") else "x8" if item["weight_kg"] is None else (
            f"{item['weight_kg']:g}kgx8")
        extra = 1 if item is view["items"][0] else 0  # a set past the target counts too
        ok("log", "--date", DAY, "--exercise", item["exercise_id"],
           *[f"--set={one}" for _ in range(item["sets"] + extra)])
        logged += item["sets"] + extra
    shown = _words(ok("today", "--date", DAY))
    assert f"Session done: {view['title']} ({logged} sets logged). Well lifted!" in shown
    after = json.loads(ok("today", "--date", DAY, "-f", "json"))
    assert after["title"] != view["title"] and after["date"] > DAY
    assert f"Next session: {after['date']}: {after['title']}" in shown, shown
    assert after["done_today"] == [{"title": view["title"], "date": DAY, "sets": logged,
                                    "finished": False}]
    # The next session has nothing logged: its own targets only.
    assert "sets_done" not in after and "Logged so far" not in shown
    # The next day, the session done is history: `today` shows the next session alone.
    tomorrow = ok("today", "--date", "2026-11-24")
    assert "Session done" not in tomorrow and after["title"] in _words(tomorrow)


def test_the_plans_last_session_done_today_says_so(home) -> None:
    """A one-week plan of one day: its only session logged in full, `today` has nothing next
    (the existing refusal, exit 1) and first says the session is done, as any other day's."""
    from clirun import run_cli

    ok("init", "--name", "me", "--unit", "kg", "--goal", "strength", "--level", "beginner",
       "--days", "2", "--minutes", "30", "--location", "gym", "--on", "mon,thu",
       "--weight", "80kg")
    ok("plan", "--start", DAY, "--weeks", "1", "--save", "-f", "json", "-o", os.devnull)
    logged = 0
    for day in (DAY, "2026-11-26"):
        view = json.loads(ok("today", "--date", day, "-f", "json"))
        assert view["date"] == day
        for item in view["items"]:
            one = "30s" if item.get("seconds_min") else "x5" if item["weight_kg"] is None else (
                f"{item['weight_kg']:g}kgx5")
            ok("log", "--date", day, "--exercise", item["exercise_id"],
               *[f"--set={one}" for _ in range(item["sets"])])
        logged = sum(item["sets"] for item in view["items"])
    r = run_cli("today", "--date", "2026-11-26")
    assert r.returncode == 1, r
    said = _words(r.stderr + r.stdout)
    assert (f"Session done: {view['title']} ({logged} sets logged), the last of the plan. "
            "Well lifted!") in said, said
    assert "every session of the active plan is done or past" in said


def _advanced_squatter(tmp_path) -> tuple[dict, dt.date]:
    """An advanced strength lifter who told a back squat of 100 kg x 5, with a 4-week plan
    saved: the plan and the squat's first lighter day."""
    from redwood.services.training import light_days

    ok("init", "--name", "me", "--unit", "kg", "--goal", "strength", "--level", "advanced",
       "--days", "4", "--minutes", "60", "--location", "gym", "--on", "mon,tue,thu,fri",
       "--known", "back-squat=100x5")
    saved = tmp_path / "plan.json"
    ok("plan", "--start", DAY, "--weeks", "4", "--save", "-f", "json", "-o", str(saved))
    plan = json.loads(saved.read_text())
    return plan, min(light_days(plan)["back-squat"])


def test_an_advanced_plans_lighter_day_shows_its_rpe_and_a_lighter_load(home, tmp_path) -> None:
    """Issue 10 item 8: the back squat's heavy day (RPE 8) is done; on its lighter day of the
    week Today asks its RPE target at a lighter load, in the text and the JSON."""
    plan, light = _advanced_squatter(tmp_path)
    heavy = next(dt.date.fromisoformat(s["date"]) for s in plan["weeks"][0]["sessions"]
                 if any(i["exercise_id"] == "back-squat" for b in s["blocks"]
                        for i in b["items"]))
    assert heavy < light
    ok("log", "--date", heavy.isoformat(), "--exercise", "back-squat",
       *[a for _ in range(4) for a in ("--set", "100kgx5@8")])
    item = next(i for i in json.loads(ok("today", "--date", light.isoformat(), "-f",
                                         "json"))["items"] if i["exercise_id"] == "back-squat")
    assert item["rpe"] < 8 and item["weight_kg"] < 100 and item["decision"] == "lighter", item
    shown = _words(ok("today", "--date", light.isoformat()))
    assert f"@ RPE {item['rpe']:g}, " in shown and "A lighter day" in shown, shown


def test_log_i_asks_the_rpe_of_a_lift_with_the_plans_effort_target(home, tmp_path) -> None:
    """As the web's Today: on the squat's lighter day `redwood log -i` names the plan's effort
    and asks each set's RPE (a known lift, not calibrating), and the set keeps it."""
    from clirun import run_cli
    plan, light = _advanced_squatter(tmp_path)
    session = next(s for w in plan["weeks"] for s in w["sessions"]
                   if dt.date.fromisoformat(s["date"]) == light)
    order = [i["exercise_id"] for b in session["blocks"] for i in b["items"]]
    # Every item before the squat skipped; the squat's first set at the offered load, its RPE,
    # then done.
    answers = "skip\n" * order.index("back-squat") + "\n6.5\ndone\n"
    r = run_cli("log", "-i", "--date", light.isoformat(), input=answers)
    assert r.returncode == 0, r.stderr
    assert "the plan's effort: RPE " in r.stdout and "set 1 RPE" in r.stdout, r.stdout
    logged = [s for w in json.loads(ok("history", "--format", "json")) for s in w["sets"]
              if s["exercise_id"] == "back-squat"]
    assert [s["rpe"] for s in logged] == [6.5], logged
