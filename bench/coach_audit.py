"""Not a timing: the coach audited by simulated lifters, as a lifter would notice it.

Lifters with a hidden true strength (tests/simlifter.py: they do what their body allows by
Epley and log honest RPE) train 12 weeks through the pure coach (`next_target`), over a wider
population than the tests: e1RMs from very weak to very strong, beginners gaining 1.5-2% a
week and advanced lifters 0-0.3%, barbells (with and without 0.5 kg fractional plates),
dumbbells in 2.5 kg and 2 kg pairs, a fixed kettlebell set (8/12/16/20/24/32), machine stacks
of 5 and 10 kg, cables; each goal's rep ranges; missed sessions, a week off, RPE logged one
too high or one too low, a bad day (10% weaker), and a plateau (no gain from week 5).

Counted per lifter and exercise:
- sessions until the target is *close*: within 10% of the load at about RPE 8 at the bottom of
  the range for the lifter's true e1RM that day (Epley), or the loadable load just under or
  over it when the kit has nothing within 10%;
- week-over-week jumps above 5% once calibrated, beyond one loadable step (the rule);
- targets the kit cannot make; loads that go down with no reason (not a deload, a break,
  fatigue, a miss or a failed light step); a planned deload week heavier than the week before;
- a plateau note that never comes for a lifter flat for 6+ weeks, and one that comes for a
  lifter still gaining;
- the first session's load as a share of the true working load (the RPE 8 load above), and
  first loads past the lifter's true RPE 9 load for the bottom of the range (started too heavy),
  for the lifters who gave a body weight and those who did not, apart.

A share of the lifters (`--body-weight-share`, half by default: real sign-ups often leave the
optional field empty) give a body weight, 50-110 kg, drawn apart from their strength (a heavy
lifter can be weak) from a generator of its own, so the other draws are the same as without.

    PYTHONPATH=src:tests:bench python bench/coach_audit.py --lifters 400 --seed 1 [--list]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from redwood.catalog import load_catalog
from redwood.coach.e1rm import best_e1rm
from redwood.coach.loading import (
    LoadingProfile,
    default_profile,
    implement_for,
    loads_kg,
    step_up,
)
from redwood.coach.progression import next_target
from redwood.coach.ramp import next_set
from redwood.coach.start import find_related
from redwood.domain.log import LoggedSet
from redwood.domain.vocabulary import Level
from redwood.rules.coach import load_coach_rules
from simlifter import Lifter, jumps_after_calibration

START = dt.date(2027, 1, 4)  # a Monday
RULES = load_coach_rules()
WEEKS = 12


@dataclass(frozen=True)
class Rx:
    sets: int = 3
    low: int = 8
    high: int = 10
    timed: bool = False
    rest_s: int = 120
    wave: tuple[int, int] | None = None
    rpe: float | None = None


GYM = default_profile("gym")
KITS = {
    "gym": GYM,
    "barbell-2.5": LoadingProfile(bar=20, plates=((20, 4), (10, 2), (5, 2), (2.5, 2), (1.25, 2))),
    "dumbbell-2kg": LoadingProfile(dumbbells=tuple(range(2, 52, 2))),
    "kettlebells": LoadingProfile(kettlebells=(8, 12, 16, 20, 24, 32)),
    "machine-10": LoadingProfile(machine=tuple(range(10, 210, 10))),
}
# exercise, kit, a novice's e1RM (kg; per dumbbell or bell)
LIFTS = [
    ("back-squat", "gym", 60), ("deadlift", "gym", 80), ("romanian-deadlift", "gym", 60),
    ("back-squat", "barbell-2.5", 60), ("barbell-row", "barbell-2.5", 45),
    ("dumbbell-romanian-deadlift", "gym", 22), ("dumbbell-row", "dumbbell-2kg", 20),
    ("goblet-squat", "dumbbell-2kg", 22),
    ("kettlebell-deadlift", "kettlebells", 40), ("kettlebell-goblet-squat", "kettlebells", 25),
    ("leg-press", "gym", 120), ("seated-leg-curl", "machine-10", 45),
    ("leg-press", "machine-10", 120),
    ("lat-pulldown", "gym", 45), ("seated-cable-row", "gym", 45),
]
RANGES = {"strength": [(4, 6), (6, 8)], "hypertrophy": [(8, 10), (10, 12)],
          "endurance": [(12, 15), (15, 20)]}
EXCUSED = {"deload", "return_after_break", "fatigue_swap", "repeat"}


@dataclass
class Case:
    name: str
    exercise: str
    kit: str
    rx: Rx
    lifter: Lifter
    level: Level
    skip: frozenset[dt.date]
    deload_days: frozenset[dt.date]
    flat: bool
    days: tuple[int, ...]
    rows: list = field(default_factory=list)
    body_weight: Decimal | None = None
    novice: float = 0.0
    """A novice's e1RM of the lift (LIFTS): the lifter's strength over it says weak or strong."""


def draw(rnd: random.Random, k: int, catalog) -> Case:
    while True:
        # A lifter the kit can load: the lightest load is not already past their working
        # load, and their working load in week 12 is not past the heaviest (an equipment
        # limit the coach can only name).
        ex, kit, base = rnd.choice(LIFTS)
        goal = rnd.choice(list(RANGES))
        low, high = rnd.choice(RANGES[goal])
        advanced = rnd.random() < 0.4
        strength = base * rnd.choice([0.5, 0.7, 1.0, 1.5, 2.0, 2.5, 3.0]) * (
            1.3 if advanced else 1)
        gain = rnd.choice([0.0, 0.002, 0.003]) if advanced else rnd.choice([0.01, 0.015, 0.02])
        loads = loads_kg(implement_for(catalog.get(ex)), KITS[kit])
        if float(loads[0]) < true_load(strength, low) and true_load(
                strength * (1 + gain) ** WEEKS, low) < float(loads[-1]):
            break
    bias = rnd.choice([0, 0, 0, 1, -1])
    days = rnd.choice([(0, 3), (0, 2, 4), (1,)])
    trained = [START + dt.timedelta(days=d) for d in range(WEEKS * 7)
               if (START + dt.timedelta(days=d)).weekday() in days]
    skip: set[dt.date] = set()
    if rnd.random() < 0.3:
        skip |= set(rnd.sample(trained[4:], k=min(3, len(trained) - 4)))
    if rnd.random() < 0.3:
        wk = rnd.randrange(4, 9)
        skip |= {d for d in trained if (d - START).days // 7 == wk}
    bad = frozenset(rnd.sample(trained[3:], k=2)) if rnd.random() < 0.3 else frozenset()
    flat = rnd.random() < 0.2
    deload = frozenset(d for d in trained if (d - START).days // 7 == 7) if (
        rnd.random() < 0.3) else frozenset()
    lifter = Lifter(f"l{k}", {ex: strength}, START, weekly_gain=gain,
                 logs_rpe=rnd.random() < 0.8, types_first_load=rnd.random() < 0.3,
                 rpe_bias=bias, bad_days=bad,
                 flat_from=START + dt.timedelta(weeks=4) if flat else None)
    name = (f"{ex}@{kit} e1RM {strength:.0f} {low}-{high} gain {gain} bias {bias:+d} "
            f"rpe {lifter.logs_rpe} typed {lifter.types_first_load} skip {len(skip)} "
            f"bad {len(bad)} flat {flat} deload {bool(deload)} days {days}")
    return Case(name, ex, kit, Rx(3, low, high), lifter,
                Level.INTERMEDIATE if advanced else Level.BEGINNER, frozenset(skip), deload,
                flat, days, novice=base)


def run(catalog, case: Case) -> list[tuple]:
    profile = KITS[case.kit]
    exercise = catalog.get(case.exercise)
    loads = loads_kg(implement_for(exercise), profile)
    history: list = []
    rows = []
    for k in range(WEEKS * 7):
        day = START + dt.timedelta(days=k)
        if day.weekday() not in case.days or day in case.skip:
            continue
        deload = day in case.deload_days
        rx = Rx(2 if deload else 3, case.rx.low, case.rx.high)
        mine = bool(history)
        best = best_e1rm(s for _, ss in history for s in ss)
        t = next_target(exercise, rx, history, [], day, profile, level=case.level,
                        body_weight_kg=case.body_weight,
                        related=None if mine else find_related(case.exercise, best,
                                                                 catalog=catalog),
                        catalog=catalog, deload_days=case.deload_days,
                        training_days=None)
        d = case.lifter.train(
            t.to_dict(), day, loads, rx.low, rx.high,
            lambda s, low=t.reps_min or rx.low: next_set(
                exercise, profile, s.weight_kg, s.reps, s.rpe, low=low, rules=RULES,
                completed=s.completed).weight_kg)
        if d is None:
            return []
        history.append((day, tuple(LoggedSet(case.exercise, s.weight_kg, s.reps, rpe=s.rpe)
                                   for s in d.sets)))
        e = case.lifter.e1rm(case.exercise, day)
        rows.append((day, t, d, e, deload))
    return rows


# A lifter's strength over a novice's (draw: 0.5-3 times, an advanced lifter's 1.3 times that)
STRENGTHS = {"weak (0.5-0.9 x a novice)": 0.95, "median (1-1.95 x)": 1.99,
             "strong (2-3.9 x)": float("inf")}


def strength_group(ratio: float) -> str:
    return next(g for g, top in STRENGTHS.items() if ratio < top)


def true_load(e: float, low: int) -> float:
    return e / (1 + (low + 2) / 30)


def rpe9_load(e: float, low: int) -> float:
    return e / (1 + (low + 1) / 30)


def close(target: Decimal, e: float, low: int, loads) -> bool:
    want = true_load(e, low)
    if abs(float(target) - want) <= 0.10 * want:
        return True
    under = [w for w in loads if float(w) <= want]
    over = [w for w in loads if float(w) > want]
    return target in ((max(under),) if under else ()) + ((min(over),) if over else ())


def audit(catalog, cases: list[Case], listing: bool) -> dict:
    to_close: list[int] = []
    never: list[str] = []
    jumps: list[str] = []
    impossible: list[str] = []
    drops: list[str] = []
    heavy_deload: list[str] = []
    no_plateau: list[str] = []
    false_plateau: list[str] = []
    far_after: list[str] = []
    decisions: Counter = Counter()
    false_high = 0
    # by "with"/"without" a body weight: sessions to close, first load / true load, too heavy
    told_close: dict[str, list[int]] = {"with": [], "without": []}
    told_share: dict[str, list[float]] = {"with": [], "without": []}
    told_heavy: Counter = Counter()
    heavy_start: list[str] = []
    # the first session's heaviest set / true load, and lifters with a later set of it past
    # the true RPE 9 load (a ramp's step too far)
    told_top: dict[str, list[float]] = {"with": [], "without": []}
    told_later: Counter = Counter()
    heavy_later: list[str] = []
    # a first session that worked up by feel (a ramp): its last set / true load, and sessions
    # to close, by the lifter's strength over a novice's
    ramp_last: dict[str, list[float]] = {g: [] for g in STRENGTHS}
    ramp_close: dict[str, list[int]] = {g: [] for g in STRENGTHS}
    for case in cases:
        rows = run(catalog, case)
        if not rows:
            continue
        exercise = catalog.get(case.exercise)
        loads = loads_kg(implement_for(exercise), KITS[case.kit])
        first = next((i + 1 for i, (_, t, _, e, dl) in enumerate(rows)
                      if t.weight_kg is not None and not dl
                      and close(t.weight_kg, e, case.rx.low, loads)), None)
        told = "with" if case.body_weight is not None else "without"
        if first is None:
            never.append(case.name)
        else:
            to_close.append(first)
            told_close[told].append(first)
        _, t1, d1, e1, _ = rows[0]
        if d1.used_kg is not None:
            told_top[told].append(float(d1.used_kg) / true_load(e1, case.rx.low))
            later = [s.weight_kg for s in d1.sets[1:]
                     if float(s.weight_kg) > rpe9_load(e1, case.rx.low)]
            if later and not float(d1.sets[0].weight_kg) > rpe9_load(e1, case.rx.low):
                told_later[told] += 1
                heavy_later.append(f"{case.name}: {[str(s.weight_kg) for s in d1.sets]} "
                                   f"rpe {[s.rpe and float(s.rpe) for s in d1.sets]} vs RPE 9 "
                                   f"{rpe9_load(e1, case.rx.low):.1f}")
        if t1.ramp and not case.lifter.types_first_load and d1.sets:
            group = strength_group(case.lifter.strength[case.exercise] / case.novice)
            ramp_last[group].append(float(d1.sets[-1].weight_kg) / true_load(e1, case.rx.low))
            if first is not None:
                ramp_close[group].append(first)
        if t1.weight_kg is not None:
            told_share[told].append(float(t1.weight_kg) / true_load(e1, case.rx.low))
            if float(t1.weight_kg) > rpe9_load(e1, case.rx.low):
                told_heavy[told] += 1
                heavy_start.append(f"{case.name}: {t1.weight_kg} vs RPE 9 "
                                   f"{rpe9_load(e1, case.rx.low):.1f} ({t1.reason[:90]})")
        # once close, how often is it far again (outside 15% and not a bracketing load)?
        if first is not None:
            for day, t, _d, e, dl in rows[first:]:
                if dl or t.decision.value in EXCUSED or t.weight_kg is None:
                    continue
                want = true_load(e, case.rx.low)
                if not close(t.weight_kg, e, case.rx.low, loads) and abs(
                        float(t.weight_kg) - want) > 0.15 * want:
                    far_after.append(f"{case.name}: {day} {t.weight_kg} vs {want:.1f} "
                                     f"({t.decision.value})")
                    break
        done = [d for _, _, d, _, _ in rows]
        step = {case.exercise: (lambda w, ex=exercise, kit=KITS[case.kit]: step_up(w, ex, kit))}
        jumps += [f"{case.name}: {j}" for j in jumps_after_calibration(done, step)]
        for day, t, _d, _e, _dl in rows:
            decisions[t.decision.value] += 1
            if t.weight_kg is not None and t.weight_kg not in loads:
                impossible.append(f"{case.name}: {day} {t.weight_kg}")
        for (_, t0, d0, _, _), (day, t, _d, _, dl) in itertools.pairwise(rows):
            if (t.weight_kg is not None and t0.weight_kg is not None and not dl
                    and t.weight_kg < d0.used_kg and t.decision.value not in EXCUSED
                    and not any(s.reps < d0.low for s in d0.sets)
                    and not (day - d0.date).days >= 8):
                drops.append(f"{case.name}: {day} {d0.used_kg} -> {t.weight_kg} "
                             f"({t.decision.value}: {t.reason})")
            if dl and t.weight_kg is not None:
                week = [r[2].used_kg for r in rows if 0 < (day - r[0]).days <= 7
                        and not r[4]]
                if week and t.weight_kg > max(week):
                    heavy_deload.append(f"{case.name}: {day} {max(week)} -> {t.weight_kg}")
        plateaus = [(day, t) for day, t, _, _, _ in rows if t.plateau is not None]
        if case.flat and not case.lifter.bad_days:
            flat_since = START + dt.timedelta(weeks=4)
            if not any(day >= flat_since + dt.timedelta(weeks=6) for day, _ in plateaus) and \
                    rows[-1][0] >= flat_since + dt.timedelta(weeks=7):
                no_plateau.append(case.name)
        if not case.flat and case.lifter.weekly_gain >= 0.01:
            late = [(day, t) for day, t in plateaus if day >= START + dt.timedelta(weeks=4)]
            if late:
                false_plateau.append(f"{case.name}: {late[0][0]} {late[0][1].plateau.advice}")
                if case.rx.high > 12:
                    false_high += 1
    out = {
        "lifters": len(cases),
        "median sessions to close": round(statistics.median(to_close), 1),
        "p90 sessions to close": sorted(to_close)[int(0.9 * len(to_close))],
        "worst sessions to close": max(to_close),
        "never close": len(never),
        "jumps > 5% a week": len(jumps),
        "impossible loads": len(impossible),
        "unexplained drops": len(drops),
        "deload heavier than the week before": len(heavy_deload),
        "flat 6+ weeks, no plateau note": len(no_plateau),
        "plateau note while gaining 1%+/week": len(false_plateau),
        "  of them in a range past 12 reps": false_high,
        "far (>15%) again once close": len(far_after),
    }
    for told in ("with", "without"):
        got, shares = told_close[told], sorted(told_share[told])
        if not shares:
            continue
        out |= {
            f"{told} body weight: lifters": len(shares),
            f"  {told}: median / p90 sessions to close": (
                f"{statistics.median(got):g} / {sorted(got)[int(0.9 * len(got))]}"
                if got else "-"),
            f"  {told}: first load / true load p10 / median / p90": " / ".join(
                f"{shares[int(q * (len(shares) - 1))]:.2f}" for q in (0.1, 0.5, 0.9)),
            f"  {told}: first load past the true RPE 9 load": told_heavy[told],
            f"  {told}: first session's heaviest set / true load p10 / median / p90": " / ".join(
                f"{tops[int(q * (len(tops) - 1))]:.2f}" for q in (0.1, 0.5, 0.9)
            ) if (tops := sorted(told_top[told])) else "-",
            f"  {told}: a later first-session set past the true RPE 9 load": told_later[told],
        }
    for group, shares in ramp_last.items():
        if not shares:
            continue
        shares.sort()
        got = sorted(ramp_close[group])
        out |= {
            f"ramp, {group}: lifters": len(shares),
            f"  {group}: last ramp set / true load p10 / median / p90": " / ".join(
                f"{shares[int(q * (len(shares) - 1))]:.2f}" for q in (0.1, 0.5, 0.9)),
            f"  {group}: median / p90 sessions to close": (
                f"{statistics.median(got):g} / {got[int(0.9 * (len(got) - 1))]}"
                if got else "-"),
        }
    out |= {
        "decisions": dict(decisions.most_common()),
    }
    if listing:
        for title, items in (("never close", never), ("jumps", jumps),
                             ("impossible", impossible), ("drops", drops),
                             ("heavy deload", heavy_deload), ("no plateau", no_plateau),
                             ("false plateau", false_plateau), ("far again", far_after),
                             ("heavy start", heavy_start), ("heavy later", heavy_later)):
            for item in items[:15 if not title.startswith("heavy") else 60]:
                print(f"[{title}] {item}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lifters", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--body-weight-share", type=float, default=0.5,
                    help="the share of lifters who give a body weight (0-1)")
    ap.add_argument("--little-share", type=float, default=None,
                    help="rate a set 'little to no effort' (RPE 2) under this share of the "
                    "lifter's rep max for its reps (default: tests/simlifter.py's third): how "
                    "far the ramp's big jump relies on the lifters' reading of the scale")
    ap.add_argument("--list", action="store_true", help="print the cases behind each count")
    ap.add_argument("--trace", default="", help="print every session of the cases whose "
                    "description contains this")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    catalog = load_catalog()
    cases = [draw(rnd, k, catalog) for k in range(args.lifters)]
    weigh = random.Random(f"body weight {args.seed}")
    for case in cases:
        bw = Decimal(weigh.randrange(50, 111))  # drawn for every lifter: shares stay nested
        if weigh.random() < args.body_weight_share:
            case.body_weight = bw
            case.name += f" bw {bw}"
    for case in cases:
        if args.little_share is not None:
            case.lifter.little_share = args.little_share
    for case in cases:
        if args.trace and args.trace in case.name:
            print(case.name)
            for day, t, d, e, dl in run(catalog, case):
                print(f"  {day} {t.decision.value:10} {t.weight_kg} x{t.reps_min}-{t.reps_max}"
                      f" sets {t.sets} used {d.used_kg} reps "
                      f"{[s.reps for s in d.sets]} rpe {[s.rpe and float(s.rpe) for s in d.sets]}"
                      f" true {true_load(e, case.rx.low):.1f} e1rm {e:.1f}"
                      f"{' DELOAD' if dl else ''} | {t.reason[:150]}")
        if args.trace:
            continue
    if args.trace:
        return
    for key, value in audit(catalog, cases, args.list).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
