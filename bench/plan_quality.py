"""Plan quality for the ten review profiles of issue 10: what a coach reads first.

    .venv/bin/python bench/plan_quality.py                   # generate and print the table
    .venv/bin/python bench/plan_quality.py --dump DIR        # only write the ten plans' JSON
    .venv/bin/python bench/plan_quality.py --from DIR        # print the table for dumped plans

    .venv/bin/python bench/plan_quality.py --time [--runs 9]  # median ms per 12-week plan

`--time` times generation of the ten plans in-process (the median over runs of each profile, and
their sum); run it with PYTHONPATH pointing at an older checkout's src for the before figure,
side by side on the same machine. `--dump` needs only the planner, so an older checkout can
write its plans (PYTHONPATH=/tmp/wt-base/src .venv/bin/python bench/plan_quality.py --dump
/tmp/before) and this checkout can read them (`--from /tmp/before`): a before/after table with
one way of counting.

Columns: minutes used per session in week 1 (min-max, and the share of the budget), weekly hard
sets per tracked muscle in week 1 (redwood.planner.volume: primary 1, secondary half), how many
of the eight weekly patterns the poorest normal week has, the first deload week's hard sets
against the week before it, and what the plan says about muscles outside their band (the notes
`redwood check` needs to accept a shortfall the time cannot close or an excess the rules' fewest
sets already cause) and the violations `redwood check` still finds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REVIEW = json.loads((HERE.parent / "tests" / "fixtures" / "review-profiles.json").read_text())
PROFILES: list[tuple[str, dict[str, Any]]] = [(p["name"], p["options"]) for p in REVIEW["profiles"]]

PATTERNS = ("squat", "hinge", "lunge", "knee-flexion", "horizontal-pull", "vertical-pull",
            "calf-raise", "core")


def generate(options: dict[str, Any]) -> dict[str, Any] | str:
    from redwood.catalog import load_catalog
    from redwood.planner.generate import generate_plan
    from redwood.planner.profile import make_profile
    from redwood.planner.serialize import plan_json
    from redwood.rules import load_rules

    rules, catalog = load_rules(), load_catalog()
    kwargs = dict(weeks=12, start="2027-01-04", location="gym", known_ids=catalog.ids)
    kwargs.update(options)
    try:
        profile, days = make_profile(rules, **kwargs)
    except TypeError as exc:  # an older planner without an option
        return f"n/a ({exc})"
    try:
        return plan_json(generate_plan(profile, rules, catalog, days))
    except ValueError as exc:
        return f"error: {exc}"


def _sets(week: dict[str, Any]) -> int:
    total = 0
    for s in week["sessions"]:
        for b in s["blocks"]:
            for item in b["items"]:
                total += b["rounds"] if b["kind"] == "superset" else item["sets"]
    return total


def row(name: str, plan: dict[str, Any] | str) -> str:
    from redwood.catalog import load_catalog
    from redwood.domain.vocabulary import Goal
    from redwood.planner.volume import json_week_muscle_sets
    from redwood.rules import load_rules

    if isinstance(plan, str):
        return f"| {name} | {plan} | | | | | |"
    mv = load_rules().muscle_volume
    catalog = load_catalog()

    def secondary(exercise_id: str) -> list[str]:
        ex = catalog.get(exercise_id)
        return [m.value for m in ex.secondary_muscles] if ex else []

    budget = plan["profile"]["minutes_per_session"]
    first = plan["weeks"][0]
    minutes = [s["estimated_minutes"] for s in first["sessions"]]
    used = f"{min(minutes)}-{max(minutes)} of {budget} ({100 * min(minutes) // budget}-" \
           f"{100 * max(minutes) // budget}%)"
    sets = json_week_muscle_sets(first, mv, Goal(plan["profile"]["goal"]), secondary)
    short = {"quadriceps": "Q", "hamstrings": "H", "glutes": "G", "lats": "L",
             "upper-back": "UB", "calves": "C", "core": "Co"}
    muscles = " ".join(f"{short.get(m, m)}{sets[m]:g}" for m in mv.tracked)
    normal = [w for w in plan["weeks"] if not w["deload"]]
    covered = []
    for w in normal:
        seen = {item.get("pattern") for s in w["sessions"] for b in s["blocks"]
                for item in b["items"]}
        covered.append(sum(p in seen for p in PATTERNS))
    patterns = f"{min(covered)}/{len(PATTERNS)}"
    missing = sorted(set(PATTERNS) - {item.get("pattern") for s in first["sessions"]
                                      for b in s["blocks"] for item in b["items"]})
    if missing:
        patterns += f" (wk1 lacks {', '.join(missing)})"
    deload = "none"
    for i, w in enumerate(plan["weeks"]):
        if w["deload"] and i > 0:
            before, after = _sets(plan["weeks"][i - 1]), _sets(w)
            deload = f"wk{w['index']}: {before} -> {after} ({100 * after // before}%)"
            break
    said = "; ".join(
        n.split(" [")[0].split(", with every")[0].split("; more minutes")[0]
        for n in plan["notes"] if n.startswith(("Short of the band", "Above the band")))
    return f"| {name} | {used} | {muscles} | {patterns} | {deload} | {said or '-'} | " \
           f"{_violations(plan)} |"


def _violations(plan: dict[str, Any]) -> str:
    try:
        from redwood.planner.check import check_plan
    except ImportError:  # an older checkout
        return "n/a"
    try:
        found = check_plan(plan)
    except (KeyError, TypeError, ValueError) as exc:  # plan JSON an older checker cannot read
        return f"n/a ({type(exc).__name__})"
    rules: dict[str, int] = {}
    for v in found:
        rules[v.rule] = rules.get(v.rule, 0) + 1
    return ", ".join(f"{r} x{n}" for r, n in sorted(rules.items())) or "none"


def timings(runs: int) -> None:
    import statistics
    import time

    for _ in range(2):  # warm the catalogue and rules caches
        generate(PROFILES[0][1])
    total = 0.0
    for name, options in PROFILES:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            generate(options)
            times.append((time.perf_counter() - t0) * 1000)
        median = statistics.median(times)
        total += median
        print(f"{name:32} {median:8.1f} ms")
    print(f"{'ten profiles':32} {total:8.1f} ms ({total / len(PROFILES):.1f} ms a plan)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--from", dest="from_", type=Path)
    parser.add_argument("--time", action="store_true")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if args.time:
        timings(args.runs)
        return
    plans: list[tuple[str, dict[str, Any] | str]] = []
    for i, (name, options) in enumerate(PROFILES):
        if args.from_:
            path = args.from_ / f"{i}.json"
            plans.append((name, json.loads(path.read_text()) if path.exists()
                          else (args.from_ / f"{i}.txt").read_text()))
        else:
            plans.append((name, generate(options)))
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for i, (_, plan) in enumerate(plans):
            if isinstance(plan, str):
                (args.dump / f"{i}.txt").write_text(plan)
            else:
                (args.dump / f"{i}.json").write_text(json.dumps(plan))
        return
    print("| profile (12 weeks, seed 0) | minutes used, week 1 | weekly hard sets, week 1 "
          "| patterns per normal week (worst) | deload cut | band notes | check |")
    print("|---|---|---|---|---|---|---|")
    for name, plan in plans:
        print(row(name, plan))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
