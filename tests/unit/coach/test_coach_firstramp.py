"""A new lifter's first session never starts too heavy: it works up by feel ([start.ramp]).

A start from body weight is a guess, and a heavy lifter can be weak: a 96 kg intermediate
with a 39 kg back squat e1RM started at 42 kg for 12 reps, past the 27 kg they can do for 13
(bench/README.md, bwstart). Now the first session says so from the start ("set 1 light, then
by feel"): set 1 is light, and each next set's load comes from the set just logged, so the
lifter works up to their level within the session and never does a set far past RPE 9.

Simulated lifters (tests/simlifter.py: they do what their body allows by Epley and log RPE)
train that first session as Today fills it in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.catalog import load_catalog
from redwood.coach.loading import LoadingProfile, default_profile, implement_for, loads_kg
from redwood.coach.progression import Decision, next_target
from redwood.coach.ramp import next_set
from redwood.coach.start import starting_load
from redwood.domain.vocabulary import Level
from redwood.rules.coach import load_coach_rules
from simlifter import Lifter, SetDone, reps_possible

RULES = load_coach_rules()
CATALOG = load_catalog()
DAY = dt.date(2027, 1, 4)
GYM = default_profile("gym")
DUMBBELLS = LoadingProfile(dumbbells=tuple(range(2, 52, 2)))
KETTLEBELLS = LoadingProfile(kettlebells=(8, 12, 16, 20, 24, 32))
STACK = LoadingProfile(machine=tuple(range(10, 210, 10)))
# A lift of each family and kit, with a novice's e1RM (kg; per dumbbell or bell), as the audit
# (bench/coach_audit.py) draws them.
LIFTS = [("back-squat", GYM, 60), ("deadlift", GYM, 80), ("romanian-deadlift", GYM, 60),
         ("barbell-row", GYM, 45), ("dumbbell-romanian-deadlift", GYM, 22),
         ("dumbbell-row", DUMBBELLS, 20), ("goblet-squat", DUMBBELLS, 22),
         ("kettlebell-deadlift", KETTLEBELLS, 40), ("kettlebell-goblet-squat", KETTLEBELLS, 25),
         ("leg-press", GYM, 120), ("seated-leg-curl", STACK, 45), ("lat-pulldown", GYM, 45),
         ("seated-cable-row", GYM, 45)]
RANGES = [(4, 6), (6, 8), (8, 10), (10, 12), (12, 15), (15, 20)]
# An intermediate's strength over a beginner's at the same draw, as the audit draws them
# (bench/coach_audit.py: its advanced lifters, 1.3 times as strong, start as intermediates).
TRAINED = {Level.BEGINNER: 1.0, Level.INTERMEDIATE: 1.3}


@dataclasses.dataclass(frozen=True)
class Rx:
    sets: int = 3
    low: int = 8
    high: int = 10
    timed: bool = False
    rest_s: int = 120
    wave: tuple[int, int] | None = None
    rpe: float | None = None


def first_session(exercise_id: str, profile: LoadingProfile, e1rm: float, level: Level,
                  body_weight: Decimal | None, rx: Rx, *, logs_rpe: bool = True,
                  bias: int = 0, rules=RULES) -> tuple[object, tuple[SetDone, ...]]:
    """The coach's first target, and the sets a simulated lifter does from it."""
    exercise = CATALOG[exercise_id]
    t = next_target(exercise, rx, [], [], DAY, profile, level=level, body_weight_kg=body_weight,
                    catalog=CATALOG, rules=rules)
    lifter = Lifter("new", {exercise_id: e1rm}, DAY, logs_rpe=logs_rpe, rpe_bias=bias)
    loads = loads_kg(implement_for(exercise, rules), profile)
    done = lifter.train(t.to_dict(), DAY, loads, rx.low, rx.high,
                        lambda s: next_set(exercise, profile, s.weight_kg, s.reps, s.rpe,
                                           low=rx.low, rules=rules,
                                           completed=s.completed).weight_kg)
    assert done is not None
    return t, done.sets


def rpe9_load(e1rm: float, low: int) -> float:
    """The heaviest load the lifter can do `low` + 1 reps with (Epley): RPE 9 at the bottom."""
    return e1rm / (1 + (low + 1) / 30)


@settings(max_examples=400, deadline=None)
@given(lift=st.sampled_from(LIFTS), level=st.sampled_from(list(TRAINED)),
       strength=st.floats(0.5, 3.0), body_weight=st.none() | st.integers(40, 150),
       rng=st.sampled_from(RANGES), logs_rpe=st.booleans(), bias=st.sampled_from([-1, 0, 1]))
def test_no_first_set_past_rpe_9_for_any_drawn_lifter(
        lift: tuple[str, LoadingProfile, float], level: Level, strength: float,
        body_weight: int | None, rng: tuple[int, int], logs_rpe: bool, bias: int) -> None:
    """Any lifter from half a novice's strength to three times it (an intermediate 1.3 times
    that), at any body weight from 40 to 150 kg or none (drawn apart from strength: a heavy
    lifter can be weak): the first set leaves a rep in reserve at the bottom of the range, no
    set of the session misses the bottom of the range, and a lifter who rates RPE honestly
    (or harder than it was) never does a set past RPE 9 at all.

    Left out: lifters whose kit's lightest load is already past their RPE 9 load (nothing
    lighter can be given), and those whom the start without a body weight already overshoots
    (bench/README.md firstloads: set 1 is never under it, as halving it made the median
    lifter close a session later; one of 400 in the audit's seed 2, an intermediate with a
    14 kg goblet squat e1RM given 12 kg for 6)."""
    exercise_id, profile, novice = lift
    e1rm = novice * strength * TRAINED[level]
    low, high = rng
    exercise = CATALOG[exercise_id]
    loads = loads_kg(implement_for(exercise, RULES), profile)
    unknown = starting_load(exercise, low, profile, level=level, rules=RULES).weight_kg
    assert unknown is not None
    if max(float(loads[0]), float(unknown)) > rpe9_load(e1rm, low):
        return
    bw = None if body_weight is None else Decimal(body_weight)
    t, sets = first_session(exercise_id, profile, e1rm, level, bw, Rx(3, low, high),
                            logs_rpe=logs_rpe, bias=bias)
    # With a body weight or without (the start a light adult's), the session ramps.
    assert t.decision is Decision.START and t.ramp, t.reason
    assert reps_possible(e1rm, float(sets[0].weight_kg)) >= low + 1, (t.reason, sets)
    for s in sets:
        assert reps_possible(e1rm, float(s.weight_kg)) + 1e-9 >= low, (t.reason, sets)
        if bias >= 0:
            assert reps_possible(e1rm, float(s.weight_kg)) + 1e-9 >= low + 1, (t.reason, sets)


def test_the_heavy_weak_lifter_is_never_started_past_their_level() -> None:
    """bwstart's case: a 96 kg intermediate with a 39 kg back squat e1RM, 12-15 reps. Set 1 is
    light; no set of the session passes their RPE 9 load (27.2 kg for 13), and the session
    ends within a fifth of their RPE 8 load (26.6 kg for 14). Without the ramp (the rule before
    it) the same lifter starts at 42 kg: 8 reps at most, four short of the range."""
    e1rm, rx = 39.0, Rx(3, 12, 15)
    t, sets = first_session("back-squat", GYM, e1rm, Level.INTERMEDIATE, Decimal(96), rx)
    assert t.ramp and "set 1 at" in t.reason and "light on purpose" in t.reason
    assert any(n.startswith("First session: set 1 light, then by feel") for n in t.notes)
    loads = [float(s.weight_kg) for s in sets]
    assert max(loads) <= rpe9_load(e1rm, 12), loads
    assert loads[-1] >= 0.8 * e1rm / (1 + 14 / 30), loads
    flat = dataclasses.replace(RULES, start=dataclasses.replace(RULES.start, ramp=None))
    t, sets = first_session("back-squat", GYM, e1rm, Level.INTERMEDIATE, Decimal(96), rx,
                            rules=flat)
    assert not t.ramp and t.weight_kg == Decimal(42)
    assert reps_possible(e1rm, float(sets[0].weight_kg)) < 12


def test_a_stronger_lifter_climbs_set_by_set_from_what_they_logged() -> None:
    """The same body weight and a 60 kg e1RM, 8-10 reps: every set light (RPE 4 at 10, the
    scale's "light effort"), so each next one is heavier, by what 6 in reserve shows they can
    do (at most about a sixth: no bigger jump on a set that is not effortless), and the last
    set's rep-out tells the coach their level for next time."""
    e1rm, rx = 60.0, Rx(3, 8, 10)
    _, sets = first_session("back-squat", GYM, e1rm, Level.INTERMEDIATE, Decimal(96), rx)
    loads = [s.weight_kg for s in sets]
    assert loads == sorted(set(loads)), loads
    assert all(b <= a * Decimal("1.16") for a, b in itertools.pairwise(loads))
    assert [s.rpe for s in sets[:2]] == [Decimal(4), Decimal(4)]


@pytest.mark.parametrize(
    ("weight", "reps", "rpe", "low", "want"),
    [
        # 10 reps at RPE 5: 5 or more in reserve, an e1RM of at least 150 kg (Epley on 15);
        # 8 reps at RPE 8 (the chart, 0.739; Epley's 112.5 says more): 110.9 -> 110 kg
        ("100", 10, "5", 8, "110"),
        # RPE 4, "light effort": read as 6 in reserve, never more: Epley on 16, 153.3 kg; 8
        # at RPE 8 from it (the chart's 0.739 says less than Epley): 113.3 -> 112.5 kg
        ("100", 10, "4", 8, "112.5"),
        # RPE 3, the same band: the same step
        ("100", 10, "3", 8, "112.5"),
        # rated RPE 2, "little to no effort": no reserve read, twice the load
        ("100", 10, "2", 8, "200"),
        # ...as at RPE 1
        ("20", 5, "1", 4, "40"),
        # RPE 8 at 8 of 8-10: the working load found, held
        ("100", 8, "8", 8, "100"),
        # RPE 9 at 8: a point over the aim, still held
        ("100", 8, "9", 8, "100"),
        # RPE 10 at 8: past the aim, a step back
        ("100", 8, "10", 8, "93.5"),
        # short of the range at RPE 10: back to the load the set says
        ("100", 5, "10", 8, "85"),
        # no RPE at the top of the range: read as taken to failure, so held
        ("100", 10, None, 8, "100"),
    ],
)
def test_the_next_set_comes_from_the_set_just_logged(
        weight: str, reps: int, rpe: str | None, low: int, want: str) -> None:
    got = next_set(CATALOG["back-squat"], GYM, Decimal(weight), reps,
                   None if rpe is None else Decimal(rpe), low=low, rules=RULES).weight_kg
    assert got == Decimal(want)


def test_a_failed_set_steps_back() -> None:
    got = next_set(CATALOG["back-squat"], GYM, Decimal(100), 8, Decimal(8), low=8, rules=RULES,
                   completed=False).weight_kg
    assert got < Decimal(100)


def test_a_start_from_a_related_lift_is_no_ramp() -> None:
    """A rotation's new variation starts from the lifter's own e1RM on its sibling: that is
    no new lifter's guess, and its first session is done at one load as before."""
    from redwood.coach.start import RelatedLift

    t = next_target(CATALOG["front-squat"], Rx(), [], [], DAY, GYM,
                    related=RelatedLift("back-squat", Decimal(100)), catalog=CATALOG)
    assert t.decision is Decision.START and not t.ramp


@pytest.mark.parametrize(("field", "value"), [("first_share", 0.0), ("first_share", 1.5),
                                              ("floor_share", 0.0), ("target_rpe", 10.0),
                                              ("lightest_rpe", 9.0), ("little_rpe", 4.0),
                                              ("little_rpe", 0.5), ("little_jump", 1.0),
                                              ("little_jump", 3.0)])
def test_a_ramp_rule_out_of_range_is_refused_by_name(field: str, value: float) -> None:
    assert RULES.start.ramp is not None
    with pytest.raises(ValueError, match=f"start.ramp.{field}"):
        dataclasses.replace(RULES.start.ramp, **{field: value})
