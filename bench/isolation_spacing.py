"""Isolation spacing over random plans (issue 10): how many 4-6-day plans put isolation work of
one pattern (a leg curl, a calf raise, a reverse fly, a hip abduction; not core) in two sessions
less than [schedule] min_hours_between_hard (48 h) apart, and how many kettlebell + pull-up-bar
plans do one isolation exercise in 3+ sessions of a week.

    PYTHONPATH=src .venv/bin/python bench/isolation_spacing.py --profiles 300 --seed 1

Profiles come from bench/plan_space.py's sampler, with 4-6 days a week (first count) or with
only a kettlebell and a pull-up bar and 3-6 days (second count). "Close" is read from the
plan's dates, in date order, over its normal weeks (deload weeks too: their isolation is lighter
but still hard sets); a pair across a week's end (Sunday then Monday) counts, as it would for
the lifter. Pairs across a block's end (where accessories rotate) are counted apart: the week
template cannot see them. `--list` prints the profiles that still do either.

A third count (issue 10 item 5, spinal loading): over random 4-6-day gym profiles, how many
plans put a bent-over row (a horizontal pull that [protect.lower-back] removes: barbell, Pendlay,
T-bar, bent-over dumbbell and kettlebell rows) in a session less than 48 h after a heavy hinge
(a compound hinge of at most [coach_checks] heavy_hinge_reps reps that [protect.lower-back]
removes: a deadlift, an RDL, not a hip thrust), both loading the lower back.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import random
from typing import Any

# bench/ is on the path when this script runs: plan_space's profile sampler.
from plan_space import profile
from redwood.catalog import load_catalog
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.rules import load_rules

Json = dict[str, Any]


def spaced(item: Json) -> bool:
    """Isolation work a coach spaces like a region's hard sessions: accessories, not core."""
    return (item.get("role") == "accessory" and item.get("mechanic") == "isolation"
            and item.get("pattern") != "core")


def _items(session: Json) -> list[Json]:
    return [i for b in session["blocks"] for i in b["items"]]


def close_pairs(plan: Json, hours: int) -> tuple[list[str], list[str]]:
    """(within a block, across a block's end): 'date pattern date' for each pair of sessions
    less than `hours` apart that both hold isolation work of one pattern."""
    dated = sorted(((dt.date.fromisoformat(s["date"]), w["block"], s)
                    for w in plan["weeks"] for s in w["sessions"]), key=lambda x: x[0])
    inside: list[str] = []
    across: list[str] = []
    for n, (day, block, s) in enumerate(dated):
        mine = {i["pattern"] for i in _items(s) if spaced(i)}
        for later, block2, s2 in dated[n + 1:]:
            if (later - day).days * 24 >= hours:
                break
            for p in sorted(mine & {i["pattern"] for i in _items(s2) if spaced(i)}):
                (inside if block2 == block else across).append(f"{day} {p} {later}")
    return inside, across


def thrice(plan: Json) -> list[str]:
    """'week exercise xN' for an isolation exercise (not core) in 3+ sessions of a normal
    week."""
    out = []
    for w in plan["weeks"]:
        if w["deload"]:
            continue
        held = collections.Counter(i["exercise_id"] for s in w["sessions"]
                                   for i in {i["exercise_id"]: i for i in _items(s)}.values()
                                   if spaced(i))
        out += [f"wk{w['index']} {ex} x{n}" for ex, n in held.items() if n >= 3]
    return out


# The rows of [protect.lower-back]'s list done bent over with the torso unsupported, holding
# the spine against the load (not an inverted row, a backpack row or a one-arm row braced on a
# bench or knee).
BENT_OVER = frozenset({"barbell-row", "pendlay-row", "t-bar-row", "dumbbell-row",
                       "kettlebell-bent-over-row", "kettlebell-gorilla-row"})


def spinal_after_hinge(plan: Json, rows: frozenset[str], heavy: int, hours: int,
                       spine: frozenset[str]) -> list[str]:
    """'date hinge -> date row' for a bent-over row (`rows`) less than `hours` after a heavy
    spinal hinge (compound, reps_max at most `heavy`, one of `spine`: [protect.lower-back]'s
    list, not a hip thrust), within a block."""
    dated = sorted(((dt.date.fromisoformat(s["date"]), w["block"], s)
                    for w in plan["weeks"] for s in w["sessions"]), key=lambda x: x[0])
    out = []
    for n, (day, block, s) in enumerate(dated):
        hinges = [i["exercise_id"] for i in _items(s) if i.get("pattern") == "hinge"
                  and i.get("mechanic") == "compound" and i.get("reps_max") is not None
                  and i["reps_max"] <= heavy and i["exercise_id"] in spine]
        if not hinges:
            continue
        for later, block2, s2 in dated[n + 1:]:
            if (later - day).days * 24 >= hours:
                break
            out += [f"{day} {hinges[0]} -> {later} {i['exercise_id']}" for i in _items(s2)
                    if i["exercise_id"] in rows and block2 == block]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--list", action="store_true", help="print the profiles that still do it")
    args = ap.parse_args()
    rules, catalog = load_rules(), load_catalog()
    hours = rules.schedule.min_hours_between_hard

    def plan_of(opts: dict[str, Any]) -> Json | None:
        try:
            p, days = make_profile(rules, known_ids=catalog.ids, **opts)
            return plan_json(generate_plan(p, rules, catalog, days))
        except ValueError:
            return None

    rng = random.Random(args.seed)
    n = errors = close = close_across = 0
    by_pattern: collections.Counter[str] = collections.Counter()
    for _ in range(args.profiles):
        opts = profile(rng)
        opts["days"] = rng.randint(4, 6)
        plan = plan_of(opts)
        if plan is None:
            errors += 1
            continue
        n += 1
        inside, across = close_pairs(plan, hours)
        close += bool(inside)
        close_across += bool(across) and not inside
        by_pattern.update({x.split()[1] for x in inside})
        if inside and args.list:
            print("  close:", opts, inside[:3])
    print(f"{n} plans of 4-6 days (seed {args.seed}, {errors} errors): {close} put isolation of "
          f"one pattern in sessions < {hours} h apart within a block"
          + (f" ({', '.join(f'{p} {c}' for p, c in by_pattern.most_common())})"
             if by_pattern else "")
          + f"; {close_across} more only across a block's end")
    rng = random.Random(args.seed + 1000)
    n = errors = three = 0
    for _ in range(args.profiles):
        opts = profile(rng)
        opts.update(equipment=["kettlebell", "pull-up-bar"], days=rng.randint(3, 6))
        plan = plan_of(opts)
        if plan is None:
            errors += 1
            continue
        n += 1
        found = thrice(plan)
        three += bool(found)
        if found and args.list:
            print("  3x:", opts, found[:3])
    print(f"{n} kettlebell + pull-up-bar plans of 3-6 days ({errors} errors): {three} do one "
          "isolation exercise in 3+ sessions of a normal week")
    lower_back = rules.protect["lower-back"].exercises
    rows = frozenset(x for x in lower_back if x in BENT_OVER)
    heavy = rules.coach_checks.heavy_hinge_reps
    rng = random.Random(args.seed + 2000)
    n = errors = spinal = 0
    for _ in range(args.profiles):
        opts = profile(rng)
        opts.update(location="gym", equipment=[], days=rng.randint(4, 6), protect=[])
        plan = plan_of(opts)
        if plan is None:
            errors += 1
            continue
        n += 1
        found = spinal_after_hinge(plan, rows, heavy, hours, frozenset(lower_back))
        spinal += bool(found)
        if found and args.list:
            print("  spine:", opts, found[:2])
    print(f"{n} gym plans of 4-6 days ({errors} errors): {spinal} put a bent-over row "
          f"({', '.join(sorted(rows))}) less than {hours} h after a heavy hinge")


if __name__ == "__main__":
    main()
