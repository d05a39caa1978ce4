"""The program generator: every valid profile gets a plan that follows every rule."""

from __future__ import annotations

import json
import signal
from importlib import resources

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import PROFILE_SPACE as profiles
from plans import build, build_json, established
from redwood.domain.plan import BlockKind
from redwood.domain.vocabulary import Goal, Level, Region, Weekday
from redwood.planner.check import check_plan
from redwood.planner.generate import PlanError
from redwood.planner.profile import InputError
from redwood.planner.serialize import dumps
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

SCHEMA = json.loads(
    resources.files("redwood.schemas").joinpath("plan-v1.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def assert_follows_every_rule(data: dict) -> None:
    VALIDATOR.validate(data)
    violations = established(check_plan(data))
    assert not violations, "\n".join(v.line() for v in violations)


# Deload weeks keep legs:back inside the rule (issue 10); the rules a few random profiles
# still break are named in plans.WHOLE_SPACE_GAPS. Derandomized so CI does not depend on the
# draw while those gaps are open (see test_plan_properties.py).
@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_every_profile_gets_a_plan_that_validates_and_passes_the_checker(options) -> None:
    try:
        data = build_json(**options)
    except PlanError as exc:
        # Allowed only with an explanation naming the rule and what to change.
        assert "[" not in str(exc) and ":" in str(exc)
        pytest.fail(f"valid profile refused: {options}: {exc}")
    assert_follows_every_rule(data)


@settings(max_examples=40, deadline=None)
@given(
    st.sets(st.sampled_from(list(Weekday)), min_size=2, max_size=7),
    st.integers(2, 6),
    st.sampled_from([g.value for g in Goal]),
)
def test_any_weekday_choice_keeps_48_hours(on, days, goal) -> None:
    if len(on) < days:
        return
    data = build_json(on=[d.value for d in on], days=days, goal=goal, weeks=3)
    assert_follows_every_rule(data)


def test_same_options_and_seed_give_byte_identical_json() -> None:
    options = dict(goal="strength", level="intermediate", days=4, weeks=12, seed=7)
    assert dumps(build(**options)) == dumps(build(**options))


def test_another_seed_can_vary_accessories_but_not_the_rules() -> None:
    a = build_json(seed=1, weeks=3)
    b = build_json(seed=2, weeks=3)
    assert_follows_every_rule(a)
    assert_follows_every_rule(b)


def test_plan_follows_the_guide_defaults_for_hypertrophy() -> None:
    plan = build(goal="hypertrophy", level="intermediate", days=2, minutes=75, weeks=1)
    first = plan.weeks[0].sessions[0]
    opening = [i for i in first.items if i.is_compound][:2]
    assert all((i.low, i.high) == (8, 10) for i in opening)
    assert first.items[0].is_compound


def test_strength_compounds_rest_at_least_90_seconds() -> None:
    plan = build(goal="strength", level="advanced", days=3, minutes=90, weeks=1)
    for session in plan.weeks[0].sessions:
        for block in session.blocks:
            if block.kind is BlockKind.SINGLE and block.items[0].is_compound:
                assert block.items[0].rest_s >= 90


def test_home_without_equipment_uses_bodyweight_and_says_why() -> None:
    plan = build(location="home", weeks=1)
    items = [i for s in plan.weeks[0].sessions for i in s.items]
    assert all(not i.equipment for i in items)
    assert any("[equipment.available]" in w for i in items for w in i.why)


def test_exclude_removes_a_pattern() -> None:
    plan = build(exclude=["hinge"], weeks=2)
    assert all(i.pattern.value != "hinge" for w in plan.weeks for s in w.sessions for i in s.items)


def test_excluding_every_legs_compound_is_explained() -> None:
    with pytest.raises(PlanError, match=r"--equipment|exclusion"):
        build(exclude=["squat", "lunge", "hinge"])


@pytest.mark.parametrize("options", [
    dict(goal="strength", level="intermediate", days=3, minutes=120, location="outdoor",
         equipment=["kettlebell", "medicine-ball", "dumbbell", "trap-bar"], seed=3541),
    dict(goal="hypertrophy", days=4, minutes=60),
    dict(goal="endurance", days=3, minutes=45, location="home", equipment=["dumbbell", "bench"]),
], ids=["strength-3-days-trap-bar", "hypertrophy-gym", "endurance-home"])
def test_no_squat_and_sore_knees_get_hip_dominant_legs_lifts_and_say_why(options) -> None:
    # A coach still writes the program: the legs compound is a hinge, at most two days of it
    # heavy, and the notes name what was left out and why.
    data = build_json(**options, exclude=["squat"], protect=["knees"], weeks=5)
    assert_follows_every_rule(data)
    for week in data["weeks"]:
        for session in week["sessions"]:
            items = [i for b in session["blocks"] for i in b["items"]]
            assert sum(i["mechanic"] == "compound" for i in items) >= 2, session["title"]
            assert all(i["pattern"] not in ("squat", "lunge") for i in items)
            legs = [i for i in items if i["role"] == "main" and i["region"] == "legs"]
            assert all(i["pattern"] == "hinge" for i in legs), session["title"]
    notes = " ".join(data["notes"])
    assert "No squats (--exclude squat)" in notes and "(--protect knees)" in notes
    assert "hip-dominant" in notes


def test_unknown_exclusion_is_refused_with_allowed_values() -> None:
    with pytest.raises(InputError, match="--exclude"):
        build(exclude=["bench-press-ish"])


def test_supersets_off_means_none() -> None:
    plan = build(supersets=False, weeks=2)
    assert all(b.kind is BlockKind.SINGLE for w in plan.weeks for s in w.sessions for b in s.blocks)


def test_supersets_pair_lower_with_upper_body() -> None:
    plan = build(minutes=45, weeks=1)
    for session in plan.weeks[0].sessions:
        supersets = [b for b in session.blocks if b.kind is BlockKind.SUPERSET]
        assert supersets
        for block in supersets:
            assert {i.region for i in block.items} == {Region.LEGS, Region.BACK}
            assert block.rest_between_s is not None and block.rest_between_s <= 45
            assert block.rounds in (3, 4)


def test_accessories_rotate_by_week_7_while_main_lifts_stay() -> None:
    plan = build(level="beginner", weeks=8)
    week1, week7 = plan.weeks[0], plan.weeks[6]
    for a, b in zip(week1.sessions, week7.sessions, strict=True):
        assert [i.exercise_id for i in a.items if i.is_compound][:2] == \
               [i.exercise_id for i in b.items if i.is_compound][:2]
    assert [i.exercise_id for s in week1.sessions for i in s.items] != \
           [i.exercise_id for s in week7.sessions for i in s.items]


def test_intermediate_plans_mark_deload_weeks_with_fewer_sets() -> None:
    plan = build(level="intermediate", weeks=10)
    deloads = [w.index for w in plan.weeks if w.deload]
    assert deloads == [5, 10]
    normal = sum(i.sets for s in plan.weeks[3].sessions for i in s.items)
    light = sum(i.sets for s in plan.weeks[4].sessions for i in s.items)
    assert light < normal


@pytest.mark.parametrize(("weeks", "deloads"),
                         [(4, []), (6, []), (8, []), (9, [6]), (12, [6, 12]), (14, [6, 12])])
def test_beginners_deload_the_last_week_of_each_block_only_in_plans_past_eight_weeks(
        weeks: int, deloads: list[int]) -> None:
    plan = build(level="beginner", weeks=weeks)
    assert [w.index for w in plan.weeks if w.deload] == deloads


def test_a_beginners_deload_halves_the_sets_at_an_easy_effort_and_progression_resumes() -> None:
    rules = load_rules()
    plan = build(level="beginner", weeks=12)
    before, deload, after = plan.weeks[4], plan.weeks[5], plan.weeks[6]

    def sets(week):
        return {(k, i.exercise_id): i.sets for k, s in enumerate(week.sessions) for i in s.items}

    normal, light = sets(before), sets(deload)
    assert sum(light.values()) <= rules.volume.deload_max_share * sum(normal.values())
    for key, n in light.items():  # the same lifts, none with more sets; halved where it can be
        assert n <= max(1, round(normal[key] * rules.volume.deload_set_factor + 0.01))
    mains = [i for s in deload.sessions for i in s.items if i.role == "main"]
    assert mains and {i.rpe for i in mains} == {rules.progression.deload_rpe}
    assert "Deload" in deload.note and "take about 10% off" in deload.note
    # Week 7 is a normal week of the next block: full sets, no RPE cap, the beginner's linear
    # progression in every main lift's reason.
    assert not after.deload and not after.note
    assert sum(i.sets for s in after.sessions for i in s.items) > sum(light.values())
    for i in (i for s in after.sessions for i in s.items if i.role == "main"):
        assert i.rpe is None and any("linear progression" in line for line in i.why)
    assert any("Every 6th week is a deload" in n and "progression picks up again" in n
               for n in plan.notes)


def test_a_beginner_plan_with_its_deload_weeks_made_normal_is_flagged(catalog) -> None:
    data = build_json(level="beginner", weeks=12)
    assert check_plan(data, catalog=catalog) == []
    for w in (6, 12):  # the week before, on the deload week's dates
        week = json.loads(json.dumps(data["weeks"][w - 2]))
        for s, was in zip(week["sessions"], data["weeks"][w - 1]["sessions"], strict=True):
            s["date"], s["weekday"] = was["date"], was["weekday"]
        data["weeks"][w - 1] = {**week, "index": w}
    found = check_plan(data, catalog=catalog)
    assert [(v.rule, v.week) for v in found] == [("deload.regular", 8)], [v.line() for v in found]


def test_beginner_plans_use_beginner_exercises(catalog) -> None:
    plan = build(level="beginner", weeks=8, days=4)
    for week in plan.weeks:
        for item in (i for s in week.sessions for i in s.items):
            assert catalog[item.exercise_id].level is Level.BEGINNER


def test_every_session_has_warmup_and_cooldown_and_fits_the_minutes() -> None:
    plan = build(minutes=20, days=5, weeks=2)
    for session in (s for w in plan.weeks for s in w.sessions):
        assert sum(a.minutes for a in session.warmup) >= 3
        assert session.cooldown
        assert session.estimated_minutes <= 20


def test_shortest_busiest_profile_still_gets_a_valid_plan() -> None:
    data = build_json(minutes=15, days=6, location="home", supersets=True, weeks=2)
    assert_follows_every_rule(data)


def test_hypertrophy_with_enough_time_reaches_ten_sets_per_region() -> None:
    plan = build(goal="hypertrophy", level="beginner", days=3, minutes=45, weeks=1)
    sets = {Region.LEGS: 0, Region.BACK: 0}
    for item in (i for s in plan.weeks[0].sessions for i in s.items):
        if item.region in sets:
            sets[item.region] += item.sets
    assert min(sets.values()) >= 10


def test_every_prescription_explains_itself_with_a_rule_id() -> None:
    data = build_json(weeks=1)
    for session in data["weeks"][0]["sessions"]:
        for block in session["blocks"]:
            for item in block["items"]:
                assert "[" in item["why"] and "]" in item["why"]


# Counterexamples a random search over the whole profile space found (issue 10), each now
# meeting every rule of `redwood check`: core every week where minutes were left unused, a
# 30-minute supersetted session with main lifts at least a superset's rounds (its second main
# lift in the superset as a secondary compound), a session too short for a one-sided second
# lift, a superset partner overdosing a muscle, legs:back after a demotion (each broke a rule
# before; `redwood check` is clean on all of them now).
WHOLE_SPACE_CASES = [
    dict(goal="strength", level="intermediate", days=3, minutes=45, seed=4),
    dict(goal="strength", level="intermediate", days=3, minutes=45, seed=100),
    dict(goal="strength", level="intermediate", days=6, minutes=30, equipment=["resistance-band"],
         exclude=["hinge"], seed=484),
    dict(goal="endurance", level="intermediate", days=3, minutes=30, location="home",
         equipment=["kettlebell", "pull-up-bar"], exclude=["vertical-pull"], protect=["knees"],
         seed=7694, weeks=14),
    dict(goal="strength", level="advanced", days=3, minutes=120,
         equipment=["resistance-band", "bench"], exclude=["hinge"], protect=["lower-back"],
         seed=4046, weeks=3),
    dict(goal="endurance", level="beginner", days=2, minutes=30,
         equipment=["resistance-band", "bench"], seed=6858, weeks=4),
    # One set of each lift in 15 minutes: no deload could cut a quarter (deload.real); the
    # block's last week stays normal and a note says why.
    dict(goal="endurance", level="advanced", days=3, minutes=15, location="outdoor",
         equipment=["kettlebell"], supersets=False, exclude=["squat"], seed=8315, weeks=8),
    # Block 2's core option loaded glutes above their band; another core option fits.
    dict(goal="strength", level="beginner", days=3, minutes=45, location="home",
         equipment=["kettlebell", "stairs"], exclude=["hinge"], seed=1072, weeks=10),
    # No squat, sore knees and a sled: the sled drag is the quadriceps' only lift (full-body
    # days take it; a legs/back split cannot, and the note says so).
    dict(goal="endurance", level="intermediate", days=3, minutes=75, location="home",
         equipment=["pull-up-bar", "sled", "towel"], exclude=["squat"], protect=["knees"],
         seed=5737, weeks=1),
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=120,
         equipment=["sled", "hill"], exclude=["squat"], protect=["knees"], seed=8558, weeks=3),
    # A demoted lift's tidy-up freed minutes that core and the short muscles now get.
    dict(goal="endurance", level="intermediate", days=2, minutes=39, location="outdoor",
         equipment=["barbell", "cable", "hill", "medicine-ball"], exclude=["squat"],
         protect=["shoulders"], seed=2854, weeks=4),
    # Sessions half empty while a muscle had room (time.use): a leg curl in a back session's
    # superset with no minutes for its next round moves to the legs session with minutes left.
    dict(goal="strength", level="advanced", days=4, minutes=56, location="outdoor",
         equipment=["kettlebell", "bench"], seed=5093, weeks=1),
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=30, location="home",
         equipment=["kettlebell", "pull-up-bar"], protect=["knees"], seed=3048, weeks=3),
    # The fill grew the leg curls past legs:back balance and _balance cut them again: they grow
    # back where the balance holds (time.use; calves' band in the second block).
    dict(goal="endurance", level="advanced", days=6, minutes=86, location="home",
         equipment=["barbell", "machine", "hill", "backpack", "dumbbell"], supersets=False,
         protect=["shoulders"], seed=239, weeks=14),
    dict(goal="hypertrophy", level="intermediate", days=4, minutes=103,
         equipment=["trap-bar"], exclude=["squat"], protect=["knees"], seed=2917, weeks=6),
    # Hamstrings short (9 of 10-16) with a back session's minutes to spare, but a seated leg
    # curl would take calves over their top and every other curl or hinge glutes: a calf-raise
    # or hip-abduction set is traded for a curl set (volume.muscle-bands).
    dict(goal="strength", level="advanced", days=4, minutes=60, protect=["shoulders"],
         seed=9999, weeks=3),
    # Block 2's calves at 3 of 6-10 with Legs A at 27 of 34 min: a new calf raise paired with
    # the reverse fly took both to the superset's 3 rounds (36 min), so it was dropped; it goes
    # in as its own straight sets instead (volume.muscle-bands).
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=34, location="home",
         equipment=["kettlebell", "pull-up-bar"], exclude=["lunge"], seed=5783, weeks=14),
    # Block 3's 4-set calf raise moved from a full back session to a legs session with minutes
    # left (_relocate) whose goblet squats had 3 sets (main.most-sets). A mover now keeps at
    # most the taker's main-lift sets; this one would pair there at 2 rounds, so it stays.
    dict(goal="strength", level="advanced", days=5, minutes=45, location="outdoor",
         equipment=["kettlebell", "pull-up-bar"], exclude=["lunge"], protect=["knees"],
         seed=7685, weeks=11),
    # Block 3's quadriceps at 9 of 10-18 with a back session 7 min short of its 40: the dumbbell
    # squat's legs session had no minutes for its next set. A calf raise moves to the back
    # session and the squat takes the freed set (volume.muscle-bands; plan_space --seed 6).
    dict(goal="hypertrophy", level="intermediate", days=4, minutes=40, location="home",
         equipment=["dumbbell"], exclude=["lunge"], protect=["shoulders"], seed=7065,
         weeks=12),
    # Back A at 42 of 58 min while the sissy squats' full legs session could not take their
    # next set: the calf raise that moves there would pair with the 4-set rear-delt raise and
    # take calves to 12 of 4-10, so it goes as straight sets (time.use; --seed 7).
    dict(goal="strength", level="advanced", days=4, minutes=58, location="outdoor",
         equipment=["dumbbell"], exclude=["lunge"], protect=["knees"], seed=1708, weeks=6),
    # Sessions at 57-62 of 112 min with glutes at 18.5 of 12-20 and legs at their 40-set
    # ceiling: a calf raise (calves are not a main muscle) makes way for a back-squat set
    # (time.use; --seed 7).
    dict(goal="hypertrophy", level="advanced", days=4, minutes=112, exclude=["vertical-pull"],
         seed=553, weeks=11),
    # Legs B at 22 of 30 min, lats and upper back at 19 of 12-20: the calf raise that moves in
    # from a back session left it at 22 min until the freed minutes went to a row set
    # (time.use; --seed 12).
    dict(goal="hypertrophy", level="advanced", days=6, minutes=30,
         equipment=["kettlebell", "pull-up-bar"], exclude=["vertical-pull"],
         protect=["lower-back"], seed=7036, weeks=2),
    # Block 3's core came back nowhere: each session's squat gave the set for a plank, which
    # took hamstrings (at 8 of 8-14) below their floor; the row gives it (pattern.weekly;
    # --seed 13).
    dict(goal="strength", level="intermediate", days=3, minutes=34, location="home",
         exclude=["hinge"], seed=4406, weeks=14),
    # A back session at 33 of 45 min while the upper back had room (time.use; --seed 14).
    dict(goal="strength", level="intermediate", days=4, minutes=45, location="outdoor",
         exclude=["squat"], seed=3109, weeks=11),
    # Calves at 3 of 4-8 with sessions at 33-43 of 93 min: a calf set would take legs:back past
    # 2:1 (16 legs sets, mostly deadlifts, against 8 back sets held by the upper back at its
    # top), so a deadlift set makes way for it (volume.muscle-bands; --seed 14).
    dict(goal="strength", level="intermediate", days=3, minutes=93,
         equipment=["backpack", "machine", "hill", "barbell", "box"], exclude=["squat"],
         protect=["knees"], seed=6345, weeks=13),
    # Hamstrings at 9.5 of 10-16 while sessions ended at 25-46 of 58 min (volume.muscle-bands;
    # --seed 15).
    dict(goal="endurance", level="advanced", days=5, minutes=58,
         equipment=["bench", "machine", "water-bottle", "hill", "barbell"], exclude=["lunge"],
         protect=["shoulders"], seed=6368, weeks=3),
    # Block 2's lighter legs day at 33 of 45 min, hamstrings at 13.5 of 10-16 and every leg
    # curl's half set of calves over their top (9.5 of 4-10): a calf raise's sets make way for
    # a curl (time.use; plan_space --seed 3 on m2).
    dict(goal="strength", level="advanced", days=5, minutes=45, supersets=False,
         exclude=["lunge"], seed=1781, weeks=12),
    # Block 3's inverted row at 2 sets on its heavy day (31 of 45 min), 3 on a lighter day whose
    # superset's leg curls would take hamstrings below their floor if it gave its set: it gives
    # it and the hamstrings get a set where a legs day has minutes (main.sets-first; --seed 5).
    dict(goal="hypertrophy", level="advanced", days=6, minutes=45,
         equipment=["kettlebell", "bench"], exclude=["hinge"], seed=4907, weeks=11),
    # Block 2 came out as block 1 and its rotated core accessory (a plank) overdosed a muscle,
    # so the cuts swapped the old one back: weeks 2-7 repeated week 1 (rotation.by-week-7;
    # --seed 7).
    dict(goal="strength", level="advanced", days=3, minutes=35, location="home",
         equipment=["medicine-ball", "barbell", "backpack"], exclude=["squat"], seed=1337,
         weeks=7),
    # A core move that did not fit was taken out again and the session re-paired, which paired
    # the straight split squat and towel row at 3 rounds: 32 of 30 min (time.budget; --seed 12).
    dict(goal="hypertrophy", level="advanced", days=3, minutes=30, location="home",
         equipment=["kettlebell", "towel", "stairs", "barbell"], exclude=["vertical-pull"],
         protect=["lower-back"], seed=5908, weeks=12),
    # 2 x 15 min with one-arm rows: a walkout and a split squat held legs:back at 6:2, kept as
    # if every pattern were weekly (from 3 days only); now one goes and the row gets its second
    # set (volume.balance; --seed 6).
    dict(goal="strength", level="intermediate", days=2, minutes=15, location="home",
         equipment=["medicine-ball", "kettlebell", "box", "water-bottle"], supersets=False,
         protect=["shoulders"], seed=4334, weeks=7),
    # Block 2's quadriceps at 11 of 12-20 with legs at their 40-set ceiling (nine of them hip
    # abductions, every quadriceps lift in legs, sessions at 67 of 88 min once main lifts rest
    # 2 min): a set of the week's third hip-abduction slot makes way for a leg-press set
    # (volume.muscle-bands; --seed 8).
    dict(goal="hypertrophy", level="advanced", days=3, minutes=88, location="home",
         equipment=["dumbbell", "stairs", "towel", "kettlebell", "machine"], exclude=["lunge"],
         protect=["knees"], seed=6760, weeks=7),
    # 3 x 21 min, every lift at its fewest sets and every other row, curl or calf raise a
    # minute or two longer: block 2 repeated block 1; now one rotates at a set (the last resort
    # for very short sessions) rather than not at all (rotation.by-week-7; --seed 11).
    dict(goal="hypertrophy", level="advanced", days=3, minutes=21,
         equipment=["pull-up-bar", "bench"], exclude=["vertical-pull"], seed=609, weeks=7),
    # The lighter legs day at 29 of 41 min, hamstrings at 15 of 10-16: its leg curl was held
    # to its two-set main lifts, and the back day's curl had no minutes. The curl moves to the
    # other legs day, whose core move goes to the short day (time.use; --seed 14).
    dict(goal="strength", level="advanced", days=5, minutes=41, location="home",
         equipment=["resistance-band", "bench"], supersets=False, exclude=["vertical-pull"],
         protect=["lower-back"], seed=4533, weeks=2),
    # A re-pairing ran a session over; the trim paired a three-set calf raise at four rounds
    # and nothing cut it back: calves at 11 of 4-10 (volume.muscle-bands; --seed 22).
    dict(goal="strength", level="advanced", days=3, minutes=80,
         equipment=["dumbbell", "kettlebell", "trap-bar", "bench"], protect=["knees"],
         seed=5909, weeks=12),
    # 5 x 41 min, the back days full once main lifts rest 2 min (41 of 41 min) and every
    # upper-back lift a back compound: upper back at 11.5 of 12-20. The back day's calf raise
    # (two more in the week) gives its minutes to two row sets (volume.muscle-bands; --seed 8).
    dict(goal="hypertrophy", level="advanced", days=5, minutes=41, location="outdoor",
         equipment=["kettlebell", "pull-up-bar"], seed=5378, weeks=12),
    # 4 x 30 min: quadriceps at 9 of 10-16 with the squat's legs day full; its rear-delt raise
    # (the other legs day has one too) gives way to a squat set, and block 2 then has the
    # minutes to rotate its core move (volume.muscle-bands, rotation.by-week-7; --seed 8).
    dict(goal="strength", level="advanced", days=4, minutes=30, location="home",
         equipment=["pull-up-bar", "box", "water-bottle", "backpack", "towel"], seed=7329,
         weeks=8),
    # Squats excluded and knees protected: both legs days hinge, and the week's second one
    # repeated the heavy day's lift because its only variation was an accessory there; the
    # accessory now moves up to the main slot (hinge.variation; plan_space --seed 4).
    dict(goal="strength", level="intermediate", days=4, minutes=52, weeks=4, location="home",
         equipment=["dumbbell", "bench"], exclude=["squat"], protect=["knees"], seed=6018),
    dict(goal="hypertrophy", level="advanced", days=4, minutes=20, weeks=3, location="home",
         equipment=["pull-up-bar", "dumbbell", "cable"], exclude=["squat"], protect=["knees"],
         seed=9632),
    # Outdoors with nothing to load, the intermediate's main lifts are a box pistol squat and a
    # single-leg hip thrust; counted as core work too, the hip thrust filled the core band,
    # the rows (core at half) could not grow, legs outgrew back and the calf raise was cut
    # below its band (volume.muscle-bands; plan_space --seed 3 on the outdoor branch).
    dict(goal="strength", level="intermediate", days=2, minutes=56, weeks=6, location="outdoor",
         equipment=["pull-up-bar", "bench"], exclude=["vertical-pull"], seed=2474),
    # A kettlebell and a sore back: the side-lying kettlebell raise (rear delts) made the prone
    # Y-T-W raise a bodyweight stand-in, and the fill had nothing left for the upper back
    # (volume.balance, legs:back 2.33; plan_space --seed 6 and 7 before the fix).
    dict(goal="strength", level="beginner", days=5, minutes=20, weeks=8, location="home",
         equipment=["kettlebell"], exclude=["lunge"], protect=["lower-back"], seed=2782),
    dict(goal="strength", level="beginner", days=3, minutes=45, weeks=3, location="outdoor",
         equipment=["kettlebell", "pull-up-bar"], exclude=["vertical-pull"],
         protect=["lower-back"], seed=420),
    # Block 2 at 50-55 of 83 min, hamstrings 16 and glutes 17 of 10-18: spreading the week's
    # accessories (a band hamstring curl for the third day of assisted Nordics, whose two sets
    # counted a glutes set) ran after the time steps and freed room nothing filled (time.use;
    # --seed 4).
    dict(goal="hypertrophy", level="intermediate", days=4, minutes=83, weeks=7,
         location="home", equipment=["resistance-band", "medicine-ball", "hill"],
         supersets=False, exclude=["hinge"], protect=["shoulders"], seed=7112),
    # Block 2's Legs B at 42 of 60 min with lats at 19 of 12-20: the spread put a dead bug in
    # for the third day of hanging knee raises (two sets: a lats set) and no pull-up grew
    # (time.use; --seed 5).
    dict(goal="hypertrophy", level="advanced", days=5, minutes=60, weeks=6, location="outdoor",
         equipment=["stairs", "machine", "box", "kettlebell", "medicine-ball"], supersets=False,
         protect=["knees"], seed=9781),
    # Block 2's calves at 5 of 6-10 with sessions at 24 of 30 min: a kettlebell's only calf
    # raise was the one-leg one, twice the minutes a set; the two-leg kettlebell calf raise
    # fits (volume.muscle-bands; plan_space --seed 5).
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=30, weeks=8, location="home",
         equipment=["kettlebell", "pull-up-bar"], supersets=False, exclude=["lunge"], seed=169),
    # Core over its band from the main lifts' half sets: the cuts took the goblet squat and the
    # inverted row to 2 sets on Monday, their heavy day, beside 3 on Thursday, whose supersets
    # would have lost more muscles their floors; a cut that leaves the heavy day fewer sets
    # than a lighter one now comes last (main.sets-first; plan_space --seed 3).
    dict(goal="strength", level="advanced", days=2, minutes=75, weeks=10, location="home",
         equipment=["kettlebell", "bench"], protect=["lower-back"], seed=7454),
    # legs:back at 2:1 with the back at its bands' tops: _balance took the week's only calf
    # raise whole (calves 2 of 3-6, Monday at 42 of 69 min) while a fourth front-squat set
    # held the quadriceps at their top; a cut that leaves a muscle below its floor now comes
    # last (volume.muscle-bands; plan_space --seed 22).
    dict(goal="strength", level="beginner", days=2, minutes=69, weeks=6,
         equipment=["water-bottle", "machine", "dumbbell", "trap-bar", "kettlebell"],
         exclude=["lunge"], protect=["shoulders"], seed=8066),
    # The floor trade (a set the floors can spare given for a muscle below its floor) at first
    # broke these; each is why it now trades only in weeks whose sessions all use their
    # minutes with no muscle past its top, and never takes a muscle below its floor: lats given
    # below theirs for quadriceps (volume.muscle-bands; plan_space --seed 1 2773, --seed 3 327),
    # lats left with room beside sessions ending early (time.use; --seed 2 1592, --seed 1 6425),
    # a second core item beside a plank whose glute half sets were past their top, no longer
    # required (volume.muscle-bands; --seed 3 7840 and 756).
    dict(goal="endurance", level="advanced", days=2, minutes=45, weeks=13, location="home",
         equipment=["pull-up-bar"], supersets=False, exclude=["vertical-pull"],
         protect=["knees"], seed=2773),
    dict(goal="endurance", level="advanced", days=2, minutes=53, weeks=3, location="outdoor",
         equipment=[], supersets=True, protect=["shoulders"], seed=327),
    dict(goal="hypertrophy", level="advanced", days=4, minutes=91, weeks=10, location="home",
         equipment=["pull-up-bar", "bench"], supersets=True, exclude=["lunge"], seed=1592),
    dict(goal="hypertrophy", level="beginner", days=2, minutes=120, weeks=7, location="home",
         equipment=["backpack", "trap-bar", "bench", "towel"], supersets=False,
         exclude=["hinge"], seed=6425),
    dict(goal="endurance", level="beginner", days=5, minutes=20, weeks=13, location="gym",
         equipment=["stairs", "towel", "hill", "medicine-ball", "bench"], supersets=True,
         protect=["lower-back"], seed=7840),
    dict(goal="strength", level="beginner", days=6, minutes=20, weeks=14, location="gym",
         equipment=["resistance-band"], supersets=True, protect=["lower-back"], seed=756),
    # 5 x 15 min: two-set leg press and trap-bar deadlift (main lifts, never paired), the
    # week's only leg curl and calf raise, and back days too full for another pull held legs
    # at 13 to 6 back; a main lift of the heavier region now gives a set down to one, the last
    # resort of very short sessions (volume.balance; plan_space --seed 3).
    dict(goal="hypertrophy", level="beginner", days=5, minutes=15, weeks=13, location="outdoor",
         equipment=["machine", "towel", "sled", "hill", "trap-bar"], supersets=True, seed=8088),
    # Block 2's fresh accessories dosed worse than block 1's, and the plainer rebuild's fill
    # left no minutes for a leg curl: weeks 6-8 had no knee flexion. The plainer week is now
    # taken only where it keeps the weekly patterns the fresh one holds (pattern.knee-flexion;
    # plan_space --seed 7).
    dict(goal="strength", level="intermediate", days=5, minutes=31, weeks=8, location="home",
         equipment=["dumbbell", "bench"], supersets=True, seed=6334),
    # Every session within 5 min of its 43 with core at 4 of 6-10: the spread then swapped
    # Legs B's third reverse fly and leg curl for a face pull and a quicker curl, 35 of 43 min,
    # and the full week no longer excused the core's shortfall; such a swap is now refused
    # while a muscle is below its floor (volume.muscle-bands; plan_space --seed 3).
    dict(goal="hypertrophy", level="advanced", days=5, minutes=43, weeks=6,
         supersets=False, exclude=["hinge"], seed=5392),
    # 2 x 15 min for 13 weeks: the goblet squat's second set took the week's only accessory,
    # a kettlebell pullover with no other option of its pattern, and every block held the same
    # two main lifts; the week's last accessory now stays for the next block to swap
    # (rotation.by-week-7; plan_space --seed 7).
    dict(goal="endurance", level="advanced", days=2, minutes=15, weeks=13, location="home",
         equipment=["bench", "hill", "kettlebell", "towel", "backpack"], supersets=True,
         protect=["lower-back"], seed=9432),
    # time.use's moves took a row from a day and left it 7 minutes early with the calves at 3.5
    # of 4-8: a calf raise joins that day (volume.muscle-bands).
    dict(goal="endurance", level="intermediate", days=2, minutes=49, weeks=14, location="gym",
         equipment=["hill", "medicine-ball"], supersets=True, exclude=["hinge"], seed=9717),
    dict(goal="endurance", level="intermediate", days=2, minutes=57, weeks=6, location="home",
         equipment=["kettlebell", "bench"], supersets=True, exclude=["hinge"],
         protect=["shoulders"], seed=9820),
    # Sore knees: the squat days full and a back day 6 minutes early with the quadriceps at 11 of
    # 12-20: a raise moves to the back day and the squats take the freed minutes.
    dict(goal="hypertrophy", level="advanced", days=4, minutes=45, weeks=12, location="gym",
         equipment=["towel", "box", "backpack", "hill"], supersets=True,
         exclude=["vertical-pull"], protect=["knees"], seed=8562),
    # Block 2 held only block 1's exercises, so the rotation swapped the legs day's leg curl
    # (the week had another) for the first new option of its slot: a second calf raise beside
    # the day's first (pattern.once-per-session; plan_space --seeds 9, 13). Another accessory
    # rotates instead, inside its pattern (a reverse nordic for a sissy squat).
    dict(goal="hypertrophy", level="advanced", days=5, minutes=90, weeks=5, location="gym",
         equipment=["dumbbell", "bench"], supersets=True, exclude=["lunge"],
         protect=["lower-back"], seed=3514),
    dict(goal="hypertrophy", level="advanced", days=5, minutes=64, weeks=6, location="outdoor",
         equipment=["medicine-ball", "machine"], supersets=True, protect=["shoulders"],
         seed=9676),
    dict(goal="hypertrophy", level="advanced", days=5, minutes=90, weeks=14, location="outdoor",
         equipment=["dumbbell"], supersets=True, exclude=["lunge"], protect=["lower-back"],
         seed=1272),
    # The spread swapped Legs C's third rear-delt raise for a quicker face pull: 36 of 52 min
    # with hamstrings at 15 of 10-16, and as no muscle's sets changed the time steps did not
    # run again; a swap that takes a session under 75% now brings them back (time.use;
    # plan_space --seed 10).
    dict(goal="endurance", level="advanced", days=5, minutes=52, weeks=12, location="gym",
         equipment=[], supersets=True, protect=["lower-back"], seed=5955),
    # 3 x 15 min, every lift at one set: a goblet squat a day and the week's only curl, lunge,
    # calf raise and glute bridge (the sore back's hinge) made 7 legs to 3 back sets, and no
    # pull had the minutes for a second set. The calf raise goes (a note says so) and a pull-up
    # takes its minutes (volume.balance; --seed 11).
    dict(goal="endurance", level="intermediate", days=3, minutes=15, weeks=12, location="home",
         equipment=["kettlebell", "pull-up-bar"], supersets=True, protect=["lower-back"],
         seed=3261),
    # 3 x 20 min with a cable: bodyweight squats at two sets a day, and the calf raise restored
    # for the week took a row set: 13 legs to 6 back. The lateral lunge goes to one set and a
    # pulldown takes its minutes, 12 to 7 (volume.balance; --seed 11).
    dict(goal="strength", level="beginner", days=3, minutes=20, weeks=3, location="home",
         equipment=["cable"], supersets=False, protect=["lower-back"], seed=2333),
    # Outdoors with a trap bar and sore shoulders, the core full from pistol squats, rows and a
    # dead bug: _balance dropped a calf raise from its superset with a rear-delt raise, counted
    # the raise at its three rounds, and the main lifts' two sets then took one: 21 legs to 10
    # back sets. An inverted row takes a third set instead (volume.balance; --seed 19).
    dict(goal="strength", level="advanced", days=5, minutes=45, weeks=14, location="outdoor",
         equipment=["trap-bar"], supersets=True, protect=["shoulders"], seed=729),
    # 5 x 30 min outdoors with dumbbells and no squats: four calf raises held the calves at 10
    # of 6-10, the time trim took every hamstring curl, and the curl's half set for the calves
    # kept it out of every session. The back day's calf raise gives way for it (the week has
    # three more): pattern.knee-flexion; --seed 32.
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=30, weeks=11,
         location="outdoor", equipment=["dumbbell", "bench"], supersets=True,
         exclude=["squat"], protect=["shoulders"], seed=9112),
    # Block 2 rotated nothing: every core swap (a plank or bird dog for a dead bug) took the
    # glutes past the top of their band, a band Pallof press or side plank the session past its
    # 30 min, and the kit's only loaded calf raise, leg curl or rear-delt move had nothing
    # loaded to rotate to. A loaded accessory now gives way to a bodyweight one of its pattern
    # (a calf raise) rather than weeks 1-7 hold only week 1's (rotation.by-week-7;
    # plan_space --seeds 2 and 8).
    dict(goal="hypertrophy", level="intermediate", days=6, minutes=30, weeks=14,
         location="home", equipment=["resistance-band"], supersets=False, exclude=["hinge"],
         protect=["shoulders"], seed=6864),
    dict(goal="strength", level="advanced", days=5, minutes=75, weeks=14, location="outdoor",
         equipment=["stairs", "dumbbell", "barbell"], supersets=False, protect=["knees"],
         seed=9913),
    dict(goal="hypertrophy", level="beginner", days=5, minutes=58, weeks=10, location="outdoor",
         equipment=["resistance-band", "bench"], supersets=True, exclude=["squat"], seed=3082),
    # Six 60-min days outdoors with no kit: the fill's fourth and last round paired a calf raise
    # with a Y-T-W raise at 3 rounds and grew the session's pistol squats to them after the
    # cuts (main.most-sets); their half sets took hamstrings to 17 of 10-16 beside two
    # single-leg hip thrusts of 5 sets, and the note said every exercise was at its fewest.
    # The fill now cuts after its last round where a muscle ends above its top beside a prime
    # mover above its floor (volume.muscle-bands; plan_space --seed 6, block 2 with --seed 7).
    dict(goal="strength", level="advanced", days=6, minutes=60, weeks=7, location="outdoor",
         equipment=[], supersets=True, exclude=["lunge"], protect=["shoulders"], seed=6192),
    dict(goal="strength", level="advanced", days=6, minutes=60, weeks=10, location="outdoor",
         equipment=[], supersets=True, exclude=["vertical-pull"], seed=2055),
    # Legs B and C at 25 of 37 min with glutes at 13 of 8-14: the clamshell's next set (both
    # sides, 4 min) missed Legs A's 3 spare minutes and every squat or hinge set would take
    # hamstrings past 14. Legs A's warm-up and cool-down go to their least and the set goes in
    # (time.use; plan_space --seed 41).
    dict(goal="endurance", level="intermediate", days=6, minutes=37, weeks=3,
         location="outdoor", equipment=[], supersets=True, exclude=["lunge"],
         protect=["shoulders"], seed=3246),
    # Block 2's full body C at 46 of 67 min, quadriceps and glutes at 11 of 6-12, its leg
    # press at a beginner's 4 sets: full body B's split squat (its superset with a reverse fly
    # had no minutes for a fourth round) moves to C and pairs with its 4-set reverse fly
    # (time.use; --seed 42).
    dict(goal="strength", level="beginner", days=3, minutes=67, weeks=12, location="gym",
         equipment=["machine", "pull-up-bar", "bench", "hill"], supersets=True, seed=6623),
    # Block 4's calf raise moved to a legs day with minutes and grew there: 37 legs to 18 back
    # sets, the back held by the upper back at its top (volume.balance; --seed 43). A move now
    # keeps legs:back inside its balance.
    dict(goal="endurance", level="advanced", days=5, minutes=60, weeks=14, location="home",
         equipment=[], supersets=True, exclude=["squat"], seed=6497),
    # Block 2's rotation swapped a side plank for a quicker dead bug and refilled the week
    # without the time steps: Legs A at 22 of 30 min with lats and upper back below their
    # tops (time.use; --seed 43). The rotated week now runs them.
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=30, weeks=13,
         location="gym", equipment=["barbell", "machine"], supersets=True, seed=5123),
    # A 9-week intermediate plan with no deload: block 1's fifth week ran its rep wave past the
    # top, 22 reps of endurance's 12-20 in 16 of 15 min (reps.goal-range, time.budget;
    # --seed 42 after wavefix). A wave now holds its range's top.
    dict(goal="endurance", level="intermediate", days=6, minutes=15, weeks=9, location="home",
         equipment=["kettlebell", "bench"], supersets=True, exclude=["squat"], seed=7695),
    # Block 1's deadlift waved its reps from 4 x 8 in week 1, then lost a set to the set wave
    # in week 2 (3 x 9: sets x reps 32, 30, 40, 40; wave.intermediate, plan_space --seed 2 after
    # rot's catalogue additions). A lift whose reps wave keeps its sets.
    dict(goal="hypertrophy", level="intermediate", days=4, minutes=75, weeks=8,
         supersets=True, seed=4612),
    # Block 2's in-place rotation swapped in a quicker accessory that left a session at 66 of
    # 90 min with lats and upper back below their tops (time.use, plan_space --seed 2 on rot).
    # A quicker swap keeps the session above [dosing] min_time_use where it was.
    dict(goal="endurance", level="intermediate", days=3, minutes=90, weeks=7,
         equipment=["cable", "trap-bar", "bench"], supersets=False, seed=2049),
    # Block 3's in-place rotation gave a straight leg accessory's replacement a set less (its
    # muscles above their floor) and left 31 legs to 15 back sets (volume.balance, plan_space
    # --seed 2 on rot). A set more or less keeps legs:back inside its balance.
    dict(goal="strength", level="advanced", days=4, minutes=120, weeks=10, location="outdoor",
         equipment=["pull-up-bar"], supersets=True, exclude=["vertical-pull"],
         protect=["lower-back"], seed=9633),
]


@pytest.mark.parametrize("options", WHOLE_SPACE_CASES, ids=lambda o: f"seed{o['seed']}")
def test_whole_space_counterexamples_meet_every_rule(options) -> None:
    data = build_json(**{"location": "gym", **options})
    violations = check_plan(data)
    assert not violations, "\n".join(v.line() for v in violations)
    for session in data["weeks"][0]["sessions"]:
        mains = [i["sets"] for b in session["blocks"] for i in b["items"] if i["role"] == "main"]
        rounds = [b["rounds"] for b in session["blocks"] if b["kind"] == "superset"]
        assert mains and min(mains) >= max(rounds, default=0), session["title"]


def test_fill_steps_that_undo_each_other_still_end() -> None:
    """Two days, no squat, outdoor with a kettlebell, stairs and a pull-up bar: the fill added an
    accessory, cut it again to make room and traded it back, round and round, and `redwood plan`
    never answered (bench/plan_space.py --seed 15). A week seen before now ends the fill. The
    alarm turns an endless fill into a failure instead of a suite that hangs."""

    def endless(*_: object) -> None:
        raise TimeoutError("the planner's fill went round in a circle")

    before = signal.signal(signal.SIGALRM, endless)
    signal.alarm(60)
    try:
        data = build_json(goal="hypertrophy", level="beginner", days=2, minutes=65, weeks=13,
                          location="outdoor", equipment=["kettlebell", "stairs", "pull-up-bar"],
                          supersets=False, seed=2035, exclude=["squat"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    violations = check_plan(data)
    assert not violations, "\n".join(v.line() for v in violations)


def test_a_failed_relocation_leaves_the_giver_session_as_it_was() -> None:
    """Block 2's Legs B (58 of 58 min): _relocate tried moving its superset's leg curl to a
    session with minutes left, failed, and put the curl back at the end of the session; the
    re-pairing then paired the reverse fly with the calf raise, whose sets went to the
    superset's 3 rounds: 60 min (time.budget) and calves at 11 of 4-10 (volume.muscle-bands).
    bench/plan_space.py --seed 7. Its time.use break (a 42-minute session while quadriceps
    have room) is closed too (WHOLE_SPACE_CASES, seed 1708)."""
    data = build_json(goal="strength", level="advanced", days=4, minutes=58, weeks=6,
                      location="outdoor", equipment=["dumbbell"], supersets=True, seed=1708,
                      exclude=["lunge"], protect=["knees"])
    broken = [v.line() for v in check_plan(data)
              if v.rule in ("time.budget", "volume.muscle-bands")]
    assert not broken, "\n".join(broken)


def _over(data: dict) -> dict[str, float]:
    """Week 1's muscles above the top of their band, with by how many sets."""
    mv = load_rules().muscle_volume
    goal, level = Goal(data["profile"]["goal"]), Level(data["profile"]["level"])
    sets = json_week_muscle_sets(data["weeks"][0], mv, goal)
    return {m: sets[m] - mv.band(goal, level, m)[1] for m in mv.tracked
            if sets[m] > mv.band(goal, level, m)[1]}


@pytest.mark.parametrize("options", [
    dict(goal="strength", level="intermediate", days=6, minutes=120, location="gym"),
    dict(goal="endurance", level="intermediate", days=6, minutes=71, location="home",
         equipment=["trap-bar"], exclude=["squat"]),
])
def test_a_frequent_plan_stays_in_its_bands_with_supersets_on(options) -> None:
    """Six sessions a week of two compounds each: supersets once forced a legs-and-back
    accessory pair of three rounds into every one of them, 4+ sets above some bands. A
    superset saves time; it is no reason to add accessories (superset.required): with
    supersets on the plan is as close to its bands as with them off, and sessions whose bands
    are full end early, saying so. A muscle above its top is there only for a floor (the curls'
    half glute or whole hamstring sets, _floors_before_tops), never for the supersets."""
    data = build_json(**options, weeks=4)
    assert check_plan(data) == []
    assert max(_over(data).values(), default=0) < 2
    assert all("to or nearer their floors" in n for n in data["notes"]
               if n.startswith("Above the band"))
    early = [s for s in data["weeks"][0]["sessions"]
             if s["estimated_minutes"] < 0.75 * options["minutes"]]
    assert early  # the bands are full long before the minutes are
    for session in early:
        # "more would not add muscle" where every main muscle is full, else the muscles with
        # room and why the week's lifts cannot give them more (test_plan_text).
        said = f"{session['estimated_minutes']} of {options['minutes']} min: "
        assert said in session["why"] and "band" in session["why"].split(said)[1]
    plain = build_json(**options, weeks=4, supersets=False)
    assert check_plan(plain) == []
    assert max(_over(plain).values(), default=0) < 2



def _week1_sets(data: dict) -> dict[str, float]:
    return json_week_muscle_sets(data["weeks"][0], load_rules().muscle_volume,
                                 Goal(data["profile"]["goal"]))


def test_short_quadriceps_note_names_what_holds_them_not_the_minutes() -> None:
    """Issue 10, items 1 and 9: a coach's review of 3 x 40-min home full-body days (dumbbell,
    bench) found quadriceps at 8 of 10-14 with the note "more minutes or days would close the
    gap". Every squat and lunge also works the glutes, at 13.5 of 10-14: a set more of any of
    them takes the glutes past their top, and the hamstrings (at their floor) and core (the
    plank, with no minutes for a lighter core move) cannot give their glute half-sets. The note
    says that, and what it says is true of the week."""
    data = build_json(goal="hypertrophy", level="beginner", days=3, minutes=40, weeks=12,
                      start="2027-01-04", location="home", equipment=["dumbbell", "bench"])
    assert not check_plan(data)
    rules = load_rules().muscle_volume
    sets = _week1_sets(data)
    low, _ = rules.band(Goal.HYPERTROPHY, Level.BEGINNER, "quadriceps")
    if sets["quadriceps"] >= low:
        return  # the plan closed the gap: nothing to explain
    notes = [n for n in data["notes"] if "quadriceps by" in n]
    assert notes and "more minutes or days" not in notes[0], data["notes"]
    assert "glutes" in notes[0]
    top = rules.band(Goal.HYPERTROPHY, Level.BEGINNER, "glutes")[1]
    assert sets["glutes"] + 1 > top  # at its top: a squat or lunge set would pass it
    quad_items = [i for s in data["weeks"][0]["sessions"] for b in s["blocks"] for i in b["items"]
                  if "quadriceps" in i["primary_muscles"]]
    assert quad_items and all("glutes" in i["primary_muscles"] + i["secondary_muscles"]
                              for i in quad_items)


# Profiles from bench/floor_trades.py (seeds 1 and 2) where week 1 left a muscle below its floor
# while a set of work the floors could spare (a fourth row set, a calf raise for calves inside
# their band) would have made the minutes or the room for it: each now reaches its floor.
FLOOR_TRADE_CASES = [
    (dict(goal="strength", level="advanced", days=3, minutes=60, weeks=4, location="home",
          equipment=["kettlebell"], supersets=True, seed=1226, exclude=["vertical-pull"],
          protect=["knees"]), "core"),
    (dict(goal="endurance", level="advanced", days=4, minutes=30, weeks=1, location="outdoor",
          equipment=["kettlebell"], supersets=False, seed=5034, exclude=["hinge"],
          protect=["lower-back"]), "hamstrings"),
    (dict(goal="strength", level="advanced", days=6, minutes=20, weeks=13, location="home",
          equipment=["kettlebell", "bench"], supersets=False, seed=401, exclude=["squat"],
          protect=["shoulders"]), "quadriceps"),
    (dict(goal="endurance", level="beginner", days=3, minutes=45, weeks=4, location="home",
          equipment=["machine", "barbell", "cable"], supersets=False, seed=6000), "core"),
    (dict(goal="endurance", level="advanced", days=3, minutes=60, weeks=2, location="outdoor",
          equipment=["pull-up-bar"], supersets=True, seed=7909, exclude=["vertical-pull"]),
     "quadriceps"),
]


@pytest.mark.parametrize(("options", "muscle"), FLOOR_TRADE_CASES,
                         ids=lambda o: f"seed{o['seed']}" if isinstance(o, dict) else o)
def test_a_muscle_below_its_floor_takes_sets_the_floors_can_spare(options, muscle) -> None:
    data = build_json(start="2027-01-04", **options)
    assert not check_plan(data), [v.line() for v in check_plan(data)]
    low, _ = load_rules().muscle_volume.band(Goal(options["goal"]), Level(options["level"]),
                                             muscle)
    assert _week1_sets(data)[muscle] >= low - 1e-9
    assert not any(muscle + " by" in n for n in data["notes"])


# A short note that blames another muscle is true of the week: that muscle sits within a set
# of its top (so a set more of the short muscle's lifts would pass it).
@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_a_short_muscle_held_by_another_names_one_at_its_top(options) -> None:
    data = build_json(**options)
    rules = load_rules().muscle_volume
    sets = _week1_sets(data)
    goal, level = Goal(options["goal"]), Level(options["level"])
    for note in data["notes"]:
        if not note.startswith("Short of the band: ") or "also works" not in note:
            continue
        held = note.split("also works ", 1)[1]
        named = [m for m in rules.tracked if f"{m} (" in held]
        assert named, note
        assert any(sets[m] + 1 > rules.band(goal, level, m)[1] + 1e-9 for m in named), note


def test_rows_at_the_top_of_the_lats_band_leave_a_pullover_where_no_vertical_pull_fits() -> None:
    # bench/plan_space.py --seed 1, profile 220: six days, a kettlebell, no vertical pull; the
    # three back days' rows (main lifts at 2 sets) fill the lats' band of 6-12 on their own. A
    # coach keeps a kettlebell pullover in the week before leaving the lats to rows
    # (substitution.vertical-pull, issue 10 item 6).
    data = build_json(goal="endurance", level="beginner", days=6, minutes=90, weeks=5,
                      location="gym", equipment=["kettlebell"], supersets=True, seed=8742)
    for week in data["weeks"]:
        if week["deload"]:
            continue
        patterns = [i["pattern"] for s in week["sessions"] for b in s["blocks"]
                    for i in b["items"]]
        assert "vertical-pull" not in patterns
        assert patterns.count("pullover") == 1, patterns
    assert [v.line() for v in check_plan(data, strict=True)] == []
