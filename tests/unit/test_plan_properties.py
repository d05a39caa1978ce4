"""Properties of generated plans over the whole profile space (hypothesis).

Every plan passes the checker; time use, deloads, structure and reasons hold for every profile;
with a gym, three or more days and 45+ minutes, every main muscle reaches the bottom of its band
and every normal week has every pattern, unless its sessions fill their minutes and a note names
the pattern the time left out.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import planquality as q
from plans import PROFILE_SPACE, build_json, established
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.rules import load_rules

# The planner tests' profile space, plus an area to protect.
profiles = st.tuples(
    PROFILE_SPACE,
    st.lists(st.sampled_from(["lower-back", "knees", "shoulders"]), max_size=1),
).map(lambda t: {**t[0], "protect": t[1]})
# A fixed draw (derandomize, no example database) so CI does not depend on luck: the rates over
# the whole space are measured in bench/plan_space.py (plans.WHOLE_SPACE_GAPS quotes them; the
# cases a random search found and the planner now meets are test_planner.WHOLE_SPACE_CASES); run
# with --hypothesis-seed=random while working on the planner.
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles)
def test_every_plan_passes_check_and_the_coach_reading(options) -> None:
    data = build_json(**options)
    assert [v.line() for v in established(check_plan(data))] == [], f"{options}"
    assert q.all_problems(data) == [], f"{options}: {q.all_problems(data)}"


@SETTINGS
@given(st.sampled_from([g.value for g in Goal]), st.sampled_from([lv.value for lv in Level]),
       st.integers(3, 6), st.integers(45, 120), st.integers(0, 1000))
def test_with_a_gym_and_the_time_every_pattern_and_muscle_floor_holds(
        goal, level, days, minutes, seed) -> None:
    data = build_json(goal=goal, level=level, days=days, minutes=minutes, seed=seed, weeks=6,
                      location="gym")
    main = load_rules().muscle_volume.main
    margin = load_rules().coach_checks.full_margin_minutes
    for week in q.normal_weeks(data):
        missing = set(q.WEEKLY_PATTERNS) - q.patterns(week)
        if missing:  # only where the budget is spent, and a note names what the time left out
            notes = " ".join([*data["notes"], *week.get("notes", [])]).lower()
            spent = all(s["estimated_minutes"] >= minutes - margin for s in week["sessions"])
            assert all(p.replace("-", " ") in notes for p in missing), (week["index"], missing)
            assert spent, (week["index"], missing)
        sets = q.muscles(data, week)
        short = {m: sets[m] for m in main if sets[m] < q.band(data, m)[0]}
        assert not short, (week["index"], short)
