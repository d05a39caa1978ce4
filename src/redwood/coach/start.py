"""Starting loads: the first target for an exercise the lifter has no history on.

In order of preference (coach.toml [start], [families], [start.body_weight]):
1. the lifter's own e1RM for it (an imported log, a rep range that changed): the load for the
   bottom of the range at RPE 8 from the RPE chart;
2. a related lift's e1RM (a substitution, a rotation's new variation keeps progress): scaled by
   the family ratios (or a same-pattern sibling's [start.related] pattern_ratio), never up by
   more than max_scale, kept a little under (transfer), then the load for the bottom of the
   range at RPE 7;
3. body weight and level: a conservative e1RM for the family's anchor lift, scaled the same way;
   without a body weight, the same from a light adult's ([start.body_weight] reference_kg);
   past that reference, from body weight to the 2/3 power (scale_from_kg, scale_exponent: a
   heavier body is not a proportionally stronger lifter);
4. else (a lift in no family) the lightest load the equipment offers.
2-4 are estimates, flagged "calibrate": the first session tells the real number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from redwood.coach.e1rm import load_for_reps
from redwood.coach.loading import (
    Implement,
    LoadingProfile,
    display_weight,
    implement_for,
    loads_kg,
    round_to_loadable,
)
from redwood.coach.targets import ExerciseLookup
from redwood.domain.exercise import Exercise
from redwood.domain.log import CENT
from redwood.domain.vocabulary import Level
from redwood.rules.coach import CoachRules, load_coach_rules

__all__ = ["RelatedLift", "StartLoad", "find_related", "related_e1rm", "starting_load"]


@dataclass(frozen=True, slots=True)
class RelatedLift:
    """Another exercise's e1RM, to start this one from (a substitution, a rotation)."""

    exercise_id: str
    e1rm_kg: Decimal
    name: str | None = None
    ratio: float | None = None
    """This lift's e1RM over the related one's when they share no family (a sibling of the
    same pattern: [start.related] pattern_ratio); None: the family ratios."""


@dataclass(frozen=True, slots=True)
class StartLoad:
    """A first load for a lift never done, with where it came from and whether it needs
    calibrating."""
    weight_kg: Decimal | None
    basis: str
    """How it was chosen, as a clause for the reason: 'from your Back Squat e1RM of 100 kg'."""
    calibrate: bool
    ramps: bool = False
    """From a body weight (the lifter's, or a light adult's without one): the first session
    works up by feel ([start.ramp], ramp.py). Without a body weight set 1 is the start itself
    (floor_share), and the sets after it step up from what it showed, as with one: a strong
    lifter no longer spends the whole first session at a light adult's load (coach_audit
    seed 1, without a body weight: the session's heaviest set 0.43 -> 0.57 of the true load,
    p90 sessions to close 4 -> 3, none past RPE 9)."""


def _ratio(exercise_id: str, related: RelatedLift, rules: CoachRules) -> Decimal | None:
    """This lift's e1RM over the related one's, as the tables have it."""
    found = rules.family_of(exercise_id)
    if found is not None:
        other = found[1].ratios.get(related.exercise_id)
        if other is not None:
            return Decimal(str(found[1].ratios[exercise_id])) / Decimal(str(other))
    return None if related.ratio is None else Decimal(str(related.ratio))


def related_e1rm(
    exercise_id: str, related: RelatedLift, rules: CoachRules | None = None
) -> Decimal | None:
    """This exercise's e1RM estimated from a related lift, kept a little under the tables'
    ratio ([start.related]: `transfer` of it, never scaled up past `max_scale`); None if they
    share no family and no pattern (a squat says nothing about a row)."""
    r = rules or load_coach_rules()
    ratio = _ratio(exercise_id, related, r)
    if ratio is None:
        return None
    rel = r.start.related
    scale = min(ratio, Decimal(str(rel.max_scale))) * Decimal(str(rel.transfer))
    return (related.e1rm_kg * scale).quantize(CENT, rounding=ROUND_HALF_EVEN)


def _implement_of(exercise_id: str, catalog: ExerciseLookup | None,
                  rules: CoachRules) -> Implement | None:
    exercise = catalog.get(exercise_id) if catalog is not None else None
    return None if exercise is None else implement_for(exercise, rules)


def find_related(
    exercise_id: str, best_e1rms: Mapping[str, Decimal], rules: CoachRules | None = None,
    catalog: ExerciseLookup | None = None,
) -> RelatedLift | None:
    """The lift with an e1RM in the lifter's records to start this one from: a family member
    loaded the same way (with `catalog`), the one whose ratio is closest to this exercise's
    (the most similar lift); else the family member that gives the lowest estimate (without
    `catalog` every member counts as loaded the same way); for a lift in no family, the
    weakest sibling of the same pattern, mechanic and implement (no ratio says how they
    compare: the lowest guess). None when no relative has an e1RM."""
    r = rules or load_coach_rules()
    mine = _implement_of(exercise_id, catalog, r)
    found = r.family_of(exercise_id)
    if found is not None:
        ratios = found[1].ratios
        mine_ratio = ratios[exercise_id]
        candidates = []
        for other, e1rm in best_e1rms.items():
            if other == exercise_id or other not in ratios or e1rm <= 0:
                continue
            if _implement_of(other, catalog, r) == mine:
                candidates.append((False, Decimal(str(abs(ratios[other] - mine_ratio))), other))
            else:  # loaded another way the ratio is less sure: the lowest estimate
                estimate = related_e1rm(exercise_id, RelatedLift(other, e1rm), r)
                candidates.append((True, estimate or Decimal(0), other))
        if not candidates:
            return None
        best = min(candidates)[2]
        return RelatedLift(best, best_e1rms[best])
    this = catalog.get(exercise_id) if catalog is not None else None
    if this is None or mine is None or not mine.loaded:
        return None
    siblings = sorted(
        (e1rm, other) for other, e1rm in best_e1rms.items()
        if other != exercise_id and e1rm > 0
        and (sib := catalog.get(other) if catalog is not None else None) is not None
        and (sib.pattern, sib.mechanic) == (this.pattern, this.mechanic)
        and implement_for(sib, r) is mine
    )
    if not siblings:
        return None
    e1rm, other = siblings[0]
    return RelatedLift(other, e1rm, ratio=r.start.related.pattern_ratio)


def _body_weight_e1rm(
    exercise_id: str, body_weight_kg: Decimal, level: Level, rules: CoachRules
) -> Decimal | None:
    found = rules.family_of(exercise_id)
    if found is None:
        return None
    name, family = found
    fraction = rules.start.body_weight.fraction(name, level)
    if fraction is None:
        return None
    ratio = Decimal(str(family.ratios[exercise_id]))
    return rules.start.body_weight.scaled(body_weight_kg) * Decimal(str(fraction)) * ratio


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _fit_down(weight: Decimal, implement: Implement, profile: LoadingProfile) -> Decimal | None:
    """Round down to a load; the lightest one when the estimate is below it."""
    down = round_to_loadable(weight, implement, profile, "down")
    if down is not None:
        return down
    loads = loads_kg(implement, profile)
    return loads[0] if loads else None


def starting_load(
    exercise: Exercise,
    reps: int,
    profile: LoadingProfile,
    *,
    e1rm_kg: Decimal | None = None,
    related: RelatedLift | None = None,
    body_weight_kg: Decimal | None = None,
    level: Level = Level.BEGINNER,
    rules: CoachRules | None = None,
    rpe: float | None = None,
) -> StartLoad:
    """The first working load for `reps` reps (the bottom of the prescribed range, or a rep
    wave's top week); from an e1RM at `rpe` ([start] history_rpe by default), from an
    estimate at [start] estimate_rpe (an estimate errs light and calibrates)."""
    r = rules or load_coach_rules()
    implement = implement_for(exercise, r)
    unit = profile.unit
    if implement is Implement.ASSISTED_MACHINE:
        loads = loads_kg(implement, profile)
        if not loads:
            return StartLoad(None, "this location has no assisted machine", False)
        if body_weight_kg is not None:
            want = body_weight_kg * Decimal(str(r.start.assisted_fraction))
            helped = round_to_loadable(want, implement, profile, "up") or loads[-1]
            return StartLoad(helped, "with the machine taking about half your body weight", True)
        return StartLoad(loads[len(loads) // 2], "with the middle of the stack as help", True)
    if not implement.loaded:
        return StartLoad(None, "with your body weight", False)
    weight: Decimal | None
    if e1rm_kg is not None and e1rm_kg > 0:
        at = r.start.history_rpe if rpe is None else rpe
        raw = load_for_reps(e1rm_kg, reps, at, r)
        weight = _fit_down(raw, implement, profile)
        if rpe is not None:
            # A rep wave's load (`rpe` given) already leaves its top week a rep in reserve,
            # and its bottom week three: the nearest load, short of failure at the top reps
            # (a dumbbell pair rounded down would leave the whole wave easy for 3 weeks).
            near = round_to_loadable(raw, implement, profile, "nearest")
            if near is not None and near <= load_for_reps(e1rm_kg, reps, 10.0, r):
                weight = near
        basis = f"from your e1RM of {display_weight(e1rm_kg, unit)} (about RPE {at:g})"
        return StartLoad(weight, basis, False)
    if related is not None:
        estimate = related_e1rm(exercise.id, related, r)
        if estimate is not None:
            raw = load_for_reps(estimate, reps, r.start.estimate_rpe, r)
            weight = _fit_down(raw, implement, profile)
            what = related.name or related.exercise_id
            basis = (
                f"from your {what} e1RM of {display_weight(related.e1rm_kg, unit)}: about "
                f"{display_weight(estimate, unit)} for this lift, a Redwood estimate kept a "
                "little under what the two lifts' ratio says"
            )
            return StartLoad(weight, basis, True)
    told = body_weight_kg is not None and body_weight_kg > 0
    # Without a body weight, a light adult's: nearer most lifters' working load than the
    # lightest load (5 kg on a leg press), and never over what their own body weight would give.
    weigh = body_weight_kg if told else r.start.body_weight.reference(level)
    if weigh is not None:
        estimate = _body_weight_e1rm(exercise.id, weigh, level, r)
        if estimate is not None:
            raw = load_for_reps(estimate, reps, r.start.estimate_rpe, r)
            weight = _fit_down(raw, implement, profile)
            basis = (
                f"a conservative start for {_a(level.value)} at "
                f"{display_weight(weigh, unit)} body weight" if told else
                f"a conservative start for {_a(level.value)} without a body weight "
                "(enter yours for a closer one)"
            )
            return StartLoad(weight, basis, True, ramps=True)
    loads = loads_kg(implement, profile)
    if not loads:
        return StartLoad(None, "this location can't load it", False)
    return StartLoad(loads[0], "the lightest load you have", True)
