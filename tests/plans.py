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
# CLI and the API plans (GENERATOR_GAPS is empty). Over the whole profile space (down to 2 x 15
# minutes, any kit, exclusions and protected areas, 6 days with supersets) every profile gets a
# plan, and bench/plan_space.py (1,500 profiles each with --seed 1 to 16) finds no plan breaking
# a rule (planfix; --seed 15 with the fill's stop on a repeated week, f0e1171, without which one
# of its profiles never gets a plan; main at 5a84ddf before: 1, 2, 1, 1, 2 and 1 with --seed 6,
# 7, 12, 13, 14 and 15, none with the others; plan10b before that with --seed 1 to 5: 0, 0, 0,
# 0 and 1; plan10: 0, 3, 1, 2 and 2), so WHOLE_SPACE_GAPS is empty. volume.muscle-bands left it
# last: a muscle below its floor whose every lift would take another muscle over its top
# (hamstrings at 9 of 10-16; a seated leg curl would overdose calves, every other curl and hinge
# glutes that hip abductions filled) now gets a calf-raise or abduction set, or a spare such
# accessory, traded for its own lift (planner _trade). time.use left with plan10b (_use_time),
# main.most-sets and volume.balance with the time-saving supersets (plan10). On m2 (planfix3,
# with main.sets-first and pattern.once-per-session) --seed 1, 2, 3, 5 and 7 find none (before:
# 0, 0, 1, 1 and 1: time.use, main.sets-first, rotation.by-week-7); the other seeds not rerun.
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
