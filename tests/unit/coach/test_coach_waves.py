"""Rep waves (issue 10 item 8): an intermediate's main lift of 3 sets steps its reps up across a
block (3 x 8, 3 x 9, 3 x 10) at the same load. The coach holds the load while the week's reps
rise, adds load when the wave starts again after every set reached its top, moves it inside the
wave only as the lifter's RPE says it must, and never more than 5% a week.

The simulation follows a generated plan as `redwood today` does (each item's prescription read
from the plan JSON, Prescribed.from_item) with simulated lifters of hidden true strength
(simlifter.py), once with rep waves and once with the same plan's rules without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from coachkit import TODAY, Rx, kg, plain_gym, session, sets
from hypothesis import given, settings
from hypothesis import strategies as st
from test_coach_lifters import steps as program_steps

from redwood.catalog import load_catalog
from redwood.coach.e1rm import best_e1rm
from redwood.coach.loading import (
    Implement,
    LoadingProfile,
    default_profile,
    implement_for,
    loads_kg,
)
from redwood.coach.progression import Decision, next_target
from redwood.coach.start import find_related
from redwood.coach.targets import Prescribed
from redwood.domain.log import LoggedSet
from redwood.domain.vocabulary import Level
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.rules import load_rules
from redwood.services.training import deload_days, light_days
from simlifter import Done, Lifter, jumps_after_calibration, share_in_range

GYM = plain_gym()  # 2.5 kg steps: +5% on 60 kg is one step
WAVE = (8, 10)


def wave_rx(reps: int) -> Rx:
    """A rep wave's week: 3 x `reps`, one step of 8 up to 10."""
    return Rx(3, reps, reps, wave=WAVE)


def coach(catalog, history, rx):
    return next_target(catalog["back-squat"], rx, history, [], TODAY, GYM, catalog=catalog,
                       level=Level.INTERMEDIATE)


def settled(weight, *reps, **kw):
    """A week at `weight` (the once-a-week rule allows a step), then `reps` 3 days ago; the
    first session at RPE 8 ended calibration."""
    return [session(10, sets("back-squat", weight, 8, 8, 8, rpe=8)),
            session(3, sets("back-squat", weight, *reps, **kw))]


# --- the decision at the block boundary and inside the wave ----------------------------------


def test_the_wave_starts_again_with_more_load_after_every_set_reached_its_top(catalog) -> None:
    # Block 1's top week, 3 x 10 at 60 kg at RPE 7 (13 reps possible): block 2's first week is
    # 3 x 8 with +5% at most.
    t = coach(catalog, settled(60, 10, 10, 10, rpe=7), wave_rx(8))
    assert t.decision is Decision.ADD_LOAD
    assert kg(60) < t.weight_kg <= kg(63)
    assert (t.reps_min, t.reps_max) == (8, 8)
    # ...and never so far that the new wave's top week, 10 reps, is past about RPE 9: 11
    # reps possible at the new load, by Epley (60 kg for 13 reads as 86 kg).
    e1rm = kg(60) * (1 + Decimal(13) / 30)
    assert t.weight_kg * (1 + Decimal(11) / 30) <= e1rm


def test_the_restart_rises_only_as_far_as_the_top_week_shows(catalog) -> None:
    # The top week at RPE 9 (11 possible): the load was right for the wave; it stays.
    on_target = coach(catalog, settled(60, 10, 10, 10, rpe=9), wave_rx(8))
    assert (on_target.decision, on_target.weight_kg) == (Decision.HOLD, kg(60))
    # Without an RPE, 3 x 10 says only that 10 were done: read as 1 short of failure, it holds.
    assert coach(catalog, settled(60, 10, 10, 10), wave_rx(8)).weight_kg == kg(60)
    # A rep-out of 13 on the last set (14 possible, 1 in reserve): it rises.
    rose = coach(catalog, settled(60, 10, 10, 13), wave_rx(8))
    assert rose.decision is Decision.ADD_LOAD
    assert kg(60) < rose.weight_kg <= kg(63)


def test_the_top_week_asks_a_rep_out_of_a_lifter_who_logs_no_rpe(catalog) -> None:
    # Week 2's 3 x 9 without RPE: week 3, the top, ends on a rep-out for the restart to read.
    t = coach(catalog, settled(60, 9, 9, 9), wave_rx(10))
    assert (t.weight_kg, t.reps_min, t.reps_max, t.rep_out) == (kg(60), 10, 10, True)
    # A lifter who logs RPE says enough; a week under the top asks nothing more.
    assert not coach(catalog, settled(60, 9, 9, 9, rpe=7), wave_rx(10)).rep_out
    assert not coach(catalog, settled(60, 8, 8, 8), wave_rx(9)).rep_out


def test_a_top_week_at_rpe_6_or_easier_takes_the_usual_step(catalog) -> None:
    # RPE 5 says 5 or more in reserve, not exactly 5: a floor, so the usual +5% (not the
    # smaller step its reading alone would allow).
    t = coach(catalog, settled(60, 10, 10, 10, rpe=5), wave_rx(8))
    assert t.decision is Decision.ADD_LOAD
    assert t.weight_kg == kg(62.5)


def test_a_wave_after_stalled_double_progression_starts_at_its_own_load(catalog) -> None:
    # Block 2's 8-10 stalled at 80 kg (8, 8, 8 two weeks running, no RPE): the wave's 10 are
    # out of reach there, so block 3's wave starts at the load for 10 at about RPE 9 from
    # them (80 x 8 read as to failure: 101 kg by Epley, 74 kg for 11; the nearest load).
    ended = session(20, sets("back-squat", 80, 8, 8, 8, rpe=8))  # calibration ended here
    stalled = [ended, session(13, sets("back-squat", 80, 8, 8, 8)),
               session(6, sets("back-squat", 80, 8, 8, 8))]
    t = coach(catalog, stalled, wave_rx(8))
    assert t.decision is Decision.DELOAD
    assert t.weight_kg == kg(75)
    assert (t.reps_min, t.reps_max) == (8, 8)
    # A rep gained in the last of them says the lifter was still climbing: the load holds.
    climbing = [ended, session(13, sets("back-squat", 80, 8, 8, 8)),
                session(6, sets("back-squat", 80, 9, 9, 9))]
    assert coach(catalog, climbing, wave_rx(8)).weight_kg == kg(80)
    # The wave's own week (3 x 8 on Monday, as the plan asked) says nothing on Wednesday.
    this_week = [ended, session(7, sets("back-squat", 80, 8, 8, 8)),
                 session(0, sets("back-squat", 80, 8, 8, 8))]
    wednesday = next_target(catalog["back-squat"], wave_rx(8), this_week, [],
                            TODAY + dt.timedelta(days=2), GYM, catalog=catalog,
                            level=Level.INTERMEDIATE)
    assert wednesday.weight_kg == kg(80)


def test_a_start_from_a_known_set_inside_a_wave_is_chosen_for_the_top_week(catalog) -> None:
    # 100 kg e1RM in week 1 (3 x 8 of 8-10): the load is for 10 at about RPE 9, lighter than
    # the RPE 8 load for 8 that a plan without the wave would start at.
    waved = next_target(catalog["back-squat"], wave_rx(8), [], [], TODAY, GYM, catalog=catalog,
                        level=Level.INTERMEDIATE, known_e1rm=kg(100))
    flat = next_target(catalog["back-squat"], Rx(3, 8, 8), [], [], TODAY, GYM, catalog=catalog,
                       level=Level.INTERMEDIATE, known_e1rm=kg(100))
    assert waved.weight_kg < flat.weight_kg
    assert (waved.reps_min, waved.reps_max) == (8, 8)
    # 10 reps at the load leave about one in reserve: 11 possible or more by Epley.
    assert waved.weight_kg * (1 + Decimal(11) / 30) <= kg(100) * Decimal("1.02")


def test_a_failed_top_week_does_not_add_load(catalog) -> None:
    # One set short of 10 in the top week: the next block's 3 x 8 keeps 60 kg.
    t = coach(catalog, settled(60, 10, 10, 9), wave_rx(8))
    assert t.weight_kg == kg(60)
    assert t.decision is not Decision.ADD_LOAD
    assert (t.reps_min, t.reps_max) == (8, 8)


def test_inside_the_wave_the_load_holds_while_the_reps_step_up(catalog) -> None:
    # Week 1's 3 x 8 done: week 2 asks 3 x 9 at the same 60 kg.
    t = coach(catalog, settled(60, 8, 8, 8), wave_rx(9))
    assert (t.decision, t.weight_kg, t.reps_min, t.reps_max) == (
        Decision.ADD_REPS, kg(60), 9, 9)
    assert "rep wave" in t.reason
    # Read without its wave, the week's one target (8-8) is the top of a range: the load rose
    # every session (27% of simulated sessions in range before the coach knew waves).
    assert coach(catalog, settled(60, 8, 8, 8), Rx(3, 8, 8)).decision is Decision.ADD_LOAD


def test_rpe_that_says_the_load_is_too_light_moves_it_inside_the_wave(catalog) -> None:
    # 3 x 9 at RPE 5 (5 reps in reserve): 10 reps at +5% would still leave 1 or more in
    # reserve, so the load rises, by 5% at most, and the week's reps stay.
    t = coach(catalog, settled(60, 9, 9, 9, rpe=5), wave_rx(9))
    assert t.decision is Decision.ADD_LOAD
    assert kg(60) < t.weight_kg <= kg(63)
    assert (t.reps_min, t.reps_max) == (9, 9)
    # At RPE 8 the wave has room to climb at this load: it holds.
    held = coach(catalog, settled(60, 9, 9, 9, rpe=8), wave_rx(9))
    assert held.weight_kg == kg(60)


def test_reps_out_of_reach_bring_the_load_down_to_what_allows_them(catalog) -> None:
    # 3 x 8 at RPE 10 and a two-week wave that steps to 10: 10 reps at 60 kg cannot be done.
    t = coach(catalog, settled(60, 8, 8, 8, rpe=10), wave_rx(10))
    assert t.decision is Decision.DELOAD
    assert t.weight_kg < kg(60)
    # ...the load the wave is chosen for: the heaviest at which 8 reps to failure allow 11
    # (10, the wave's top, at about RPE 9; Epley across loads).
    assert t.weight_kg * (1 + Decimal(11) / 30) <= kg(60) * (1 + Decimal(8) / 30)
    assert (t.weight_kg + Decimal("2.5")) * (1 + Decimal(11) / 30) > kg(60) * (
        1 + Decimal(8) / 30)
    # Without an RPE nothing says so: the load holds and the week's reps are asked for.
    assert coach(catalog, settled(60, 8, 8, 8), wave_rx(10)).weight_kg == kg(60)


def test_a_missed_wave_week_repeats_the_load(catalog) -> None:
    # Under the wave's bottom (7 of 8-10): a miss, as in any double progression.
    t = coach(catalog, settled(60, 9, 8, 7), wave_rx(9))
    assert (t.decision, t.weight_kg, t.reps_min, t.reps_max) == (Decision.REPEAT, kg(60), 9, 9)


def test_a_plan_item_names_its_wave() -> None:
    item = {"exercise_id": "back-squat", "sets": 3, "reps_min": 9, "reps_max": 9, "rest_s": 120,
            "wave_reps_min": 8, "wave_reps_max": 10}
    assert Prescribed.from_item(item).wave == (8, 10)
    plain = {k: v for k, v in item.items() if not k.startswith("wave")}
    assert Prescribed.from_item(plain).wave is None


# --- simulated intermediates on a waving plan ---------------------------------------------

DEFAULT_GYM = default_profile("gym")
START = "2027-01-04"  # a Monday
# A true e1RM by how the lift is loaded (kg; per dumbbell or bell), as tests/e2e's lifters.
BY_IMPLEMENT = {
    Implement.BARBELL: 70, Implement.TRAP_BAR: 85, Implement.DUMBBELL: 22,
    Implement.KETTLEBELL: 24, Implement.CABLE: 35, Implement.MACHINE: 60,
}


@dataclass(frozen=True)
class Trained:
    done: Done
    item: dict[str, Any]
    block: int


def plan_for(days: int, minutes: int, seed: int, *, rep_waves: bool = True) -> dict[str, Any]:
    rules = load_rules()
    rules = replace(rules, progression=replace(rules.progression, rep_waves=rep_waves))
    catalog = load_catalog()
    profile, on = make_profile(rules, known_ids=catalog.ids, goal="hypertrophy",
                               level="intermediate", days=days, minutes=minutes, weeks=12,
                               start=START, seed=seed, location="gym")
    return plan_json(generate_plan(profile, rules, catalog, on))


def strengths(plan: dict[str, Any], scale: float) -> dict[str, float]:
    catalog = load_catalog()
    out = {}
    for i in items(plan):
        implement = implement_for(catalog[i["exercise_id"]])
        if "reps_min" in i and implement in BY_IMPLEMENT:
            out[i["exercise_id"]] = BY_IMPLEMENT[implement] * scale
    return out


def items(plan: dict[str, Any]):
    for w in plan["weeks"]:
        for s in w["sessions"]:
            for b in s["blocks"]:
                yield from b["items"]


def follow(plan: dict[str, Any], lifter: Lifter, level: Level = Level.INTERMEDIATE,
           gym: LoadingProfile = DEFAULT_GYM) -> list[Trained]:
    """Every session of the plan: Today's targets from the history before it (prescriptions
    read from the plan's items, as `redwood today` reads them), done by the lifter, logged."""
    catalog = load_catalog()
    history: list[tuple[dt.date, tuple[LoggedSet, ...]]] = []
    out: list[Trained] = []
    # As the service passes them: the deload weeks' days and each lift's lighter days.
    deloads = deload_days(plan)
    lighter = light_days(plan)
    for week in plan["weeks"]:
        for s in week["sessions"]:
            day = dt.date.fromisoformat(s["date"])
            logged: list[LoggedSet] = []
            for b in s["blocks"]:
                for item in b["items"]:
                    ex = item["exercise_id"]
                    if ex not in lifter.strength:
                        continue
                    mine = any(x.exercise_id == ex for _, ss in history for x in ss)
                    best = best_e1rm(x for _, ss in history for x in ss)
                    t = next_target(catalog[ex], Prescribed.from_item(item), history, [], day,
                                    gym, level=level, catalog=catalog,
                                    related=None if mine else find_related(ex, best),
                                    deload_days=deloads, light_days=lighter.get(ex, ()))
                    d = lifter.train(t.to_dict(), day, loads_kg(implement_for(catalog[ex]), gym),
                                     item["reps_min"], item["reps_max"])
                    if d is None:
                        continue
                    out.append(Trained(d, item, week["block"]))
                    logged += [LoggedSet(ex, x.weight_kg, x.reps, rpe=x.rpe) for x in d.sets]
            history.append((day, tuple(logged)))
    return out


def steps(plan: dict[str, Any]):
    """Each lift's next loadable step (the light-load rule's), at the default gym."""
    return program_steps(load_catalog(), [(i["exercise_id"], None, ()) for i in items(plan)])


def reps_in_reach(d: Done) -> float | None:
    """What a session says the lifter could do at its load: a last set past the others, its
    reps and reserve (10 - RPE, else 1); else with an RPE on every set the hardest set's."""
    last = d.sets[-1]
    if len(d.sets) >= 2 and last.reps > max(s.reps for s in d.sets[:-1]):
        return last.reps + (1 if last.rpe is None else 10 - float(last.rpe))
    if any(s.rpe is None for s in d.sets):
        return None
    return min(s.reps + 10 - float(s.rpe) for s in d.sets if s.rpe is not None)


def rises_inside_a_wave(trained: list[Trained]) -> list[str]:
    """Loads that rose from one session of a main lift to the next inside a block's rep wave
    (the later week above the wave's bottom, so not its restart) when the earlier session did
    not say that the wave's top reps had a rep or more in reserve at the earlier load.
    Calibrating sessions move freely (their load is still a guess)."""
    bad: list[str] = []
    by: dict[str, list[Trained]] = {}
    for t in trained:
        by.setdefault(t.done.exercise_id, []).append(t)
    for ex, runs in by.items():
        for before, now in pairwise(runs):
            wave = now.item.get("wave_reps_min"), now.item.get("wave_reps_max")
            if wave[0] is None or now.block != before.block or now.item["reps_min"] <= wave[0]:
                continue
            if now.done.calibrating or now.done.decision in ("calibrate", "start"):
                continue
            was, new = before.done.used_kg, now.done.target_kg
            if was is None or new is None or new <= was:
                continue
            room = reps_in_reach(before.done)
            if room is None or room < wave[1] + 1:
                bad.append(f"{ex} {now.done.date}: {was} -> {new} ({now.done.decision}, "
                           f"reps {now.item['reps_min']}, room {room})")
    return bad


def test_a_waving_plan_for_an_intermediate_waves_main_lifts() -> None:
    plan = plan_for(3, 45, 0)
    waved = [i for i in items(plan) if "wave_reps_min" in i]
    assert waved and all(i["role"] == "main" for i in waved)
    assert {i["reps_min"] for i in waved} > {8}  # the reps step up from the bottom


# In-range share of the waving plan against the same plan without waves, for a lifter who logs
# RPE: the coach reads it each week (too light for the wave, or the week's reps out of reach)
# and stays within about a point of the plan without waves (0.2 under on average over 40
# drawn, 3 at worst). Without RPE the wave's load, chosen for its top week, and the top week's
# rep-out keep lifters 0.7 points under on average (8 at worst, a lifter who never gains);
# rules.toml's comment has the figures. Those lifters are held here to the safety rules (5% a
# week, no rise inside a wave without a reading).
RPE_TOLERANCE = 0.02


@pytest.mark.slow
# 10 lifters drawn by hypothesis; the draw is fixed for CI (derandomize).
@settings(max_examples=10, deadline=None, derandomize=True, database=None)
@given(
    days_minutes=st.sampled_from([(3, 45), (4, 60), (3, 60)]),
    seed=st.integers(0, 3),
    scale=st.floats(1.2, 2.5),
    gain=st.sampled_from([0.0, 0.005, 0.01, 0.015]),
    logs_rpe=st.booleans(),
)
def test_simulated_intermediates_on_a_waving_plan(days_minutes, seed, scale, gain,
                                                   logs_rpe) -> None:
    days, minutes = days_minutes
    plan = plan_for(days, minutes, seed)
    start = dt.date.fromisoformat(START)

    def lifter(p: dict[str, Any]) -> Lifter:
        return Lifter("intermediate", strengths(p, scale), start, weekly_gain=gain,
                      logs_rpe=logs_rpe)

    trained = follow(plan, lifter(plan))
    done = [t.done for t in trained]
    assert jumps_after_calibration(done, steps(plan)) == []  # never more than 5% a week
    assert rises_inside_a_wave(trained) == []
    if not logs_rpe:
        return
    flat = plan_for(days, minutes, seed, rep_waves=False)
    flat_done = [t.done for t in follow(flat, lifter(flat))]
    good, counted = share_in_range(done, 4)
    flat_good, flat_counted = share_in_range(flat_done, 4)
    assert good / counted >= flat_good / flat_counted - RPE_TOLERANCE, (
        good, counted, flat_good, flat_counted)

