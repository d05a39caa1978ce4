"""Helpers to build plans from option dicts, as the CLI would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from redwood.catalog import load_catalog
from redwood.domain.plan import Plan
from redwood.domain.vocabulary import Equipment, Goal, Level, Location
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.rules import load_rules

DEFAULTS: dict[str, Any] = dict(
    goal="hypertrophy", level="beginner", days=3, minutes=60, weeks=8, start="2027-01-04",
    location="gym",
)


def build(**options: Any) -> Plan:
    rules, catalog = load_rules(), load_catalog()
    profile, candidates = make_profile(rules, known_ids=catalog.ids, **{**DEFAULTS, **options})
    return generate_plan(profile, rules, catalog, candidates)


def build_json(**options: Any) -> dict[str, Any]:
    return plan_json(build(**options))


# Every valid profile the planner takes, for property tests.
PROFILE_SPACE = st.fixed_dictionaries(
    {
        "goal": st.sampled_from([g.value for g in Goal]),
        "level": st.sampled_from([lv.value for lv in Level]),
        "days": st.integers(2, 6),
        "minutes": st.integers(15, 120),
        "weeks": st.integers(1, 14),
        "start": st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)).map(str),
        "location": st.sampled_from([loc.value for loc in Location]),
        "equipment": st.lists(st.sampled_from([e.value for e in Equipment]), max_size=5),
        "supersets": st.booleans(),
        "seed": st.integers(0, 10_000),
    }
)


# Issue 10: the generator meets every rule of `redwood check` for the ten golden profiles, the
# CLI and the API plans (GENERATOR_GAPS is empty), and for every profile the hypothesis tests
# draw (WHOLE_SPACE_GAPS is empty: they are derandomized, so CI does not depend on luck). Over the
# whole profile space (down to 2 x 15 minutes, any kit, exclusions and protected areas, 6 days
# with supersets) every profile gets a plan (a fill whose steps went round in a circle never
# ended: it now stops at a week it has seen), and bench/plan_space.py (1,500 profiles a seed)
# finds 0 plans breaking a rule in 36,000 (--seed 1-24, at 3ab0209 with seed 22's one break
# fixed in 2f9c186, which seeds 6, 8-12, 14, 17, 22 and 24 were run on again: 0). At 53ebf14 it
# found 1 each with --seed 6 (volume.balance, 2 x 15 min), 8 (volume.muscle-bands, quadriceps
# 11 of 12-20 in week 5), 11 (rotation.by-week-7, 3 x 21 min), 12 (time.budget, 32 of 30 min)
# and 14 (time.use, 29 of 41 min with hamstrings' room), and --seed 22 (first run at 3ab0209;
# main at 5ad0f92 breaks it too) 1 (volume.muscle-bands, calves 11 of 4-10): each is in
# tests/unit/test_planner.py's cases now. That count includes main.sets-first and
# pattern.once-per-session, which 14% and 19% of plans broke before the fill learned them.
# Merged with coachfix (2-min main rests, main at e538bd4), --seed 8 broke 3: seed 6760's
# quadriceps again (no session ended early to start a trade), 5378's upper back behind full back
# days, and 7329's rotation.by-week-7 (quadriceps at 9 of 10-16 behind a full legs day: a squat
# set now takes a rear-delt raise's minutes, and block 2 now rotates its core move). At fix6760's
# 030a5e6, --seed 1, 8 and 22 find 0 again. After the merges of 5 Dec 2026 (plantext, planstruct,
# pullreps, checkrules: the checker's hinge.variation and rest.main-lifts) and 5234e8e, --seed
# 1-8 find 4 in 12,000: --seed 3 main.sets-first (strength advanced 2 x 75 home kettlebell+bench
# protect lower-back, seed 7454: the goblet squat 2 sets on the short day, 3 on the lighter
# one), --seed 4 time.use (hypertrophy intermediate 4 x 83 home band+medicine ball+hill, no
# supersets, exclude hinge, protect shoulders, seed 7112), --seed 5 time.use (hypertrophy advanced
# 5 x 60 outdoor, protect knees, no supersets, seed 9781: lats with room at 42 of 60 min) and
# volume.muscle-bands (hypertrophy intermediate 5 x 30 home kettlebell+pull-up bar, exclude lunge,
# no supersets, seed 169: calves 5 of 6-10, the only loaded calf raise a one-leg one too slow).
# After the merges of the evening of 5 Dec 2026 (outdoor, spread, lead's rotation, timeuse,
# order, rest, calf, knees, fill, breaks2, breaks3; rep waves off), --seed 1-8 find 0 in 12,000
# at 6ab3d9c; each break met on the way (seeds 169, 7454, 7112, 9781, 8066, 2474, 2782, 420,
# 8088, 5392, 9432, 6334, 9717, 9820, 8562 and fill's six) is in test_planner.py's cases.
# breaks2 saw, on its branch, --seed 9 2 (pattern.once-per-session, e.g. 3514), 10 1 (time.use),
# 11 2 (volume.balance, 3261 and 2333: every lift at its two-set floor, each accessory the
# week's only one of its pattern) and 23 2: not investigated.
# On 6 Dec 2026 breaksa, breaksb and breaksc fixed those and seeds 19, 23, 25, 26, 27 and 32's
# (each a case in test_planner.py), rotate2 seeds 2 and 8's rotation.by-week-7 after the rotation
# in place; --seed 1-8 found 0 in 12,000 at 2ddbe82 and d4b73f0, 9-16 0 at ddfa737. After glutes2 (a
# strength or endurance plan counts the glutes at half beside a quadriceps or hamstrings prime
# mover), --seed 6 and 7 find 1 each: volume.muscle-bands, hamstrings 17 of 10-16 in strength
# advanced 6 x 60 outdoor with no kit (seeds 6192 and 2055: two single-leg hip thrusts of 5
# sets). The fill's last round grew a session's pistol squats to its new superset's 3 rounds
# after the cuts (main.most-sets), their half sets taking hamstrings past the top beside the
# hip thrusts above their floor; the fill now cuts once more where that is left, and
# _grow_region's assisting-muscle margin holds only where the muscle's prime movers are at their
# floors, as the checker asks (space, both in test_planner.py's cases): --seed 1-8 find 0 in
# 12,000 (at b917674). --seed 41-48 find 4 in 12,000, each broken on main at 7588e71 too (not
# fixed; 44-48 find 0): --seed 43 volume.balance (endurance advanced 5 x 60 home, no kit, exclude
# squat, seed 6497: block 4's weeks 13-14 at 37 legs to 18 back, a sissy squat in back A) and
# time.use (hypertrophy intermediate 5 x 30 gym barbell+machine, seed 5123: weeks 6-7 at 22 of
# 30 min with lats and upper back below their tops), and time.use in
# --seed 41 endurance intermediate 6 x 37 outdoor, no kit, exclude lunge, protect shoulders,
# seed 3246 (legs B and C 25 of 37 min with glutes 13 of 8-14: the clamshell's next set,
# both sides, does not fit legs A's 3 spare minutes and every squat or hinge set would take
# hamstrings past 14); --seed 42 strength beginner 3 x 67 gym machine+pull-up bar+bench+hill,
# seed 6623 (block 2's full body C 46 of 67 min, quadriceps and glutes 11 of 6-12, its leg
# press at the 4 sets a beginner's main lift may have). space2 fixed all four (each a case in
# test_planner.py): an accessory training a main muscle with room, its session out of minutes
# for its next set, moves to a session ending early and grows there (6623: the split squat
# joins full body C's reverse fly at 4 rounds), else a session's warm-up and cool-down go to
# their least where that lets the set in (3246: the clamshell's third set in legs A); a
# relocation keeps legs:back inside its balance (6497: a calf raise moved and grown to 37:18);
# a rotated block's week runs the time steps after its fill (5123: a dead bug for a slower
# side plank left legs A at 22 min). --seed 1-4 and 41-44 find 0 in 12,000 at 329f024.
# On 7 Dec 2026 (night), --seed 1-32 find 0 in 48,000 at c6cc5b1 (the last three, seeds 19, 28
# and 31, are in test_plan_space_corners.py) and --seed 33-40 find 4 in 12,000, each broken at
# 506f26c too (bench/README.md, lastbreaks). On 8 Dec 2026 --seed 1-56 find 0 in 84,000 at
# 056fc3a (those four and seed 45's, 9953, are in test_plan_space_corners.py).
GENERATOR_GAPS: frozenset[str] = frozenset()
WHOLE_SPACE_GAPS: frozenset[str] = frozenset()


def established(violations: list[Any]) -> list[Any]:
    """The violations a plan anywhere in the profile space must never have: all but
    WHOLE_SPACE_GAPS' rules."""
    return [v for v in violations
            if (v["rule"] if isinstance(v, dict) else v.rule) not in WHOLE_SPACE_GAPS]


def beyond_known_gaps(violations: list[Any]) -> list[Any]:
    """The violations a generated plan must never have: all but GENERATOR_GAPS' rules.
    Takes Violation objects or the JSON rows of `redwood check -f json` and the API."""
    return [v for v in violations
            if (v["rule"] if isinstance(v, dict) else v.rule) not in GENERATOR_GAPS]
