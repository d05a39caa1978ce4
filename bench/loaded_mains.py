"""Main lifts that leave load unused over random profiles (issue 10, item 6).

Counts, over the normal weeks of strength and hypertrophy plans for plan_space's random
profiles, sessions where:
- a main lift carries no load while another main lift of the session is a loaded one of its
  pattern and the kit allows a loaded compound lift of that pattern the session does not hold
  ("bodyweight main beside a loaded one, a loaded option unused": an air squat beside a goblet
  squat while the kettlebell front squat waits);
- a main lift carries no load while the kit allows a loaded compound lift of its pattern the
  session does not hold (any such session);
- a main lift carrying no load comes before a loaded main lift of its pattern.

    PYTHONPATH=src:bench .venv/bin/python bench/loaded_mains.py --profiles 1500 --seed 1 [--show 5]
"""

from __future__ import annotations

import argparse
import collections
import random

from plan_space import profile as random_profile
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Measure, Mechanic
from redwood.planner import generate
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.steps.context import _Context, _is_loaded
from redwood.rules import load_rules


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profiles", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print this many examples of each kind")
    args = ap.parse_args()
    rules, catalog = load_rules(), load_catalog()
    rng = random.Random(args.seed)

    def loaded(exercise_id: str) -> bool:
        """Load carried, as the planner reads it: an inverted row (tagged bodyweight) holds its
        barbell only as a handle."""
        ex = catalog.get(exercise_id)
        return ex is not None and _is_loaded(ex)
    count: collections.Counter[str] = collections.Counter()
    plans_with: dict[str, set[int]] = collections.defaultdict(set)
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for n in range(args.profiles):
        opts = random_profile(rng)
        if opts["goal"] == Goal.ENDURANCE.value:
            continue
        try:
            p, days = make_profile(rules, known_ids=catalog.ids, **opts)
            data = plan_json(generate.generate_plan(p, rules, catalog, days))
        except Exception:  # plan_space counts errors
            count["plan errors"] += 1
            continue
        count["plans"] += 1
        # What the lifter's kit, level, exclusions and complaints allow, as the planner sees it.
        ctx = _Context(p, rules, catalog, rules.goal(p.goal), 0)
        options: dict[str, set[str]] = collections.defaultdict(set)
        for ex in ctx.usable:
            if (ex.measure is Measure.REPS and ex.mechanic is Mechanic.COMPOUND
                    and loaded(ex.id)):
                options[ex.pattern.value].add(ex.id)
        tag = (f"{opts['goal'][:3]} {opts['level'][:3]} {opts['days']}x{opts['minutes']} "
               f"{opts['location']} {','.join(opts['equipment'])} ex={opts['exclude']} "
               f"pr={opts['protect']} seed={opts['seed']}")

        def hit(kind: str, what: str, plan_no: int = n, label: str = tag) -> None:
            count[kind] += 1
            plans_with[kind].add(plan_no)
            if len(examples[kind]) < args.show:
                examples[kind].append(f"{label}: {what}")

        for week in data["weeks"]:
            if week["deload"]:
                continue
            for s in week["sessions"]:
                mains = [i for b in s["blocks"] for i in b["items"] if i.get("role") == "main"]
                ids = {i["exercise_id"] for i in mains}
                names = " / ".join(i["name"] for i in mains)
                for at, m in enumerate(mains):
                    if loaded(m["exercise_id"]):
                        continue
                    unused = options[m["pattern"]] - ids
                    beside = [x for x in mains if x["pattern"] == m["pattern"]
                              and loaded(x["exercise_id"])]
                    where = f"wk{week['index']} {s['title']}: {names}"
                    if unused:
                        hit("bodyweight main, a loaded option of its pattern unused", where)
                        if beside:
                            hit("bodyweight main beside a loaded one, a loaded option unused",
                                where)
                    if any(mains.index(x) > at for x in beside):
                        hit("bodyweight main before a loaded one of its pattern", where)
    print(f"{args.profiles} profiles (seed {args.seed}): {count['plans']} strength or "
          f"hypertrophy plans, {count['plan errors']} errors")
    for kind in sorted(k for k in count if k not in ("plans", "plan errors")):
        print(f"  {kind}: {count[kind]} sessions in {len(plans_with[kind])} plans")
        for line in examples.get(kind, []):
            print(f"      {line}")


if __name__ == "__main__":
    main()
