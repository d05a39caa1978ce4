"""Rule breaks over the whole profile space: generates random profiles (goal, level, days,
minutes, kit, location, supersets, exclusions, protected areas, seed), checks each plan with
`redwood check`'s rules and prints how many break each rule (issue 10: plans.WHOLE_SPACE_GAPS
quotes these rates). Also counts week-1 plans with a muscle 4+ sets above its band, and per
muscle how many week-1 plans have it above its band (by 2+ sets: the checker's above_band_sets;
by 4+ sets).

    .venv/bin/python bench/plan_space.py --profiles 1500 --seed 1 [--out fails.json] [--wide]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import time
from typing import Any

from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Equipment, Goal, Level, Pattern
from redwood.planner.check import check_plan
from redwood.planner.generate import PlanError, generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

KITS = [[], ["dumbbell"], ["dumbbell", "bench"], ["kettlebell"], ["kettlebell", "pull-up-bar"],
        ["resistance-band"], ["pull-up-bar"], ["resistance-band", "bench"],
        ["kettlebell", "bench"], ["pull-up-bar", "bench"]]


def profile(rng: random.Random) -> dict[str, Any]:
    kit = (rng.choice(KITS) if rng.random() < 0.5
           else rng.sample([e.value for e in Equipment], rng.randint(0, 5)))
    minutes = rng.choice([rng.randint(15, 120), rng.choice([15, 20, 30, 45, 60, 75, 90, 120])])
    return dict(goal=rng.choice([g.value for g in Goal]),
                level=rng.choice([v.value for v in Level]), days=rng.randint(2, 6),
                minutes=minutes, weeks=rng.randint(1, 14),
                start="2027-01-04", location=rng.choice(["gym", "home", "outdoor"]),
                equipment=kit, supersets=rng.random() < 0.7, seed=rng.randint(0, 10_000),
                exclude=rng.choice([[], [], [], ["hinge"], ["squat"], ["vertical-pull"],
                                    ["lunge"]]),
                protect=rng.choice([[], [], [], ["lower-back"], ["knees"], ["shoulders"]]))


def wide_profile(rng: random.Random, ids: list[str]) -> dict[str, Any]:
    """A profile from a wider space than `profile`'s (`--wide`): several excluded patterns and
    catalogue exercises, several protected areas, the weekdays given with --on, up to 52 weeks,
    any start day, any kit. A profile that leaves a session no two compounds is refused with
    session.min-compounds' one line, counted as an error of that kind."""
    days = rng.randint(2, 6)
    weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    on = rng.sample(weekdays, rng.randint(days, 7)) if rng.random() < 0.3 else []
    patterns = [p.value for p in Pattern]
    exclude = rng.sample(patterns, rng.choice([0, 0, 1, 2, 3]))
    if rng.random() < 0.3:
        exclude += rng.sample(ids, rng.randint(1, 4))
    return dict(goal=rng.choice([g.value for g in Goal]),
                level=rng.choice([v.value for v in Level]), days=days,
                minutes=rng.randint(15, 120),
                weeks=rng.choice([rng.randint(1, 16), rng.randint(1, 52)]),
                start=f"2027-0{rng.randint(1, 9)}-{rng.randint(10, 28)}",
                location=rng.choice(["gym", "home", "outdoor"]),
                equipment=rng.sample([e.value for e in Equipment], rng.randint(0, 6)), on=on,
                supersets=rng.random() < 0.6, seed=rng.randint(0, 10_000), exclude=exclude,
                protect=rng.sample(["lower-back", "knees", "shoulders"],
                                   rng.choice([0, 0, 1, 2, 3])))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="write the failing profiles and their first violations here")
    ap.add_argument("--wide", action="store_true",
                    help="draw from the wider space of wide_profile (several exclusions and "
                         "protected areas, --on weekdays, up to 52 weeks)")
    args = ap.parse_args()
    rules, catalog = load_rules(), load_catalog()
    rng = random.Random(args.seed)
    ids = sorted(catalog.ids)
    counts: collections.Counter[str] = collections.Counter()
    fails: list[dict[str, Any]] = []
    errors: collections.Counter[str] = collections.Counter()
    above = 0
    over2: collections.Counter[str] = collections.Counter()
    over4: collections.Counter[str] = collections.Counter()
    started = time.process_time()
    for _ in range(args.profiles):
        opts = wide_profile(rng, ids) if args.wide else profile(rng)
        try:
            p, days = make_profile(rules, known_ids=catalog.ids, **opts)
            data = plan_json(generate_plan(p, rules, catalog, days))
        except Exception as exc:  # every kind counted on its own, so none hides behind another
            kind = (f"{type(exc).__name__}: {str(exc).split(':')[0]}"
                    if isinstance(exc, PlanError) else type(exc).__name__)
            errors[kind] += 1
            fails.append({"opts": opts, "error": kind, "lines": [str(exc)[:300]]})
            continue
        violations = check_plan(data)
        broken = sorted({v.rule for v in violations})
        counts.update(broken)
        if broken:
            fails.append({"opts": opts, "rules": broken,
                          "lines": [v.line() for v in violations][:6]})
        goal, level = Goal(opts["goal"]), Level(opts["level"])
        sets = json_week_muscle_sets(data["weeks"][0], rules.muscle_volume, goal)
        excess = {m: sets[m] - rules.muscle_volume.band(goal, level, m)[1]
                  for m in rules.muscle_volume.tracked}
        over2.update(m for m, n in excess.items() if n >= 2)
        over4.update(m for m, n in excess.items() if n >= 4)
        if any(n >= 4 for n in excess.values()):
            above += 1
    cpu = time.process_time() - started
    n = args.profiles
    broke = sum("rules" in f for f in fails)
    print(f"{n} profiles (seed {args.seed}): {sum(errors.values())} plan errors, {broke} plans "
          f"break a rule; {cpu:.1f} s CPU ({cpu / n * 1000:.0f} ms a plan and its check)")
    for kind, count in errors.most_common():
        print(f"  error {kind}: {count}")
    for rule, count in counts.most_common():
        print(f"  {rule}: {count} ({100 * count / n:.1f}%)")
    print(f"  week 1 with a muscle 4+ sets above its band: {above} ({100 * above / n:.1f}%)")
    print("  week 1 above the band, per muscle (2+ sets / 4+ sets): " + ", ".join(
        f"{m} {over2[m]}/{over4[m]}" for m in rules.muscle_volume.tracked))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(fails, f, indent=1)


if __name__ == "__main__":
    main()
