"""Harder and easier variations: the bodyweight ladders, less help on an assisted machine,
added load on a pull-up, and which substitution to rotate to (coach.toml [ladders])."""

from __future__ import annotations

from decimal import Decimal

from redwood.coach.context import Context
from redwood.coach.loading import Implement, implement_for, step_up
from redwood.coach.targets import Decision, Target

__all__ = ["bodyweight_substitute", "harder", "less_help", "rotation_variation", "rung"]


def rung(ctx: Context, direction: int) -> str | None:
    """The next harder (+1) or easier (-1) variation on the exercise's ladder that the lifter
    can do here; None at the end of the ladder or off it."""
    found = ctx.rules.ladder_of(ctx.exercise.id)
    if found is None:
        return None
    steps, _, i = found
    j = i + direction
    while 0 <= j < len(steps):
        candidate = steps[j]
        other = ctx.catalog.get(candidate) if ctx.catalog is not None else None
        if ctx.equipment is None or other is None or other.available_with(ctx.equipment):
            return candidate
        j += direction
    return None


def bodyweight_substitute(ctx: Context) -> str | None:
    """A substitution that needs no load (for a tired lifter), if the catalogue is known."""
    if ctx.catalog is None:
        return None
    for sub in ctx.exercise.substitutions:
        other = ctx.catalog.get(sub.exercise_id)
        if other is not None and implement_for(other, ctx.rules) is Implement.BODYWEIGHT and (
            ctx.equipment is None or other.available_with(ctx.equipment)
        ):
            return other.id
    return None


def rotation_variation(ctx: Context) -> str | None:
    """A substitution to rotate to: one the lifter can do here, the most similar lift in the
    exercise's family first (a leg press for a back squat, not a backpack squat)."""
    options = [
        sub.exercise_id for sub in ctx.exercise.substitutions
        if ctx.equipment is None or ctx.catalog is None
        or ((other := ctx.catalog.get(sub.exercise_id)) is not None
            and other.available_with(ctx.equipment))
    ]
    if not options:
        return None
    found = ctx.rules.family_of(ctx.exercise.id)
    if found is not None:
        ratios = found[1].ratios
        mine = ratios[ctx.exercise.id]
        related = [o for o in options if o in ratios]
        if related:
            return min(related, key=lambda o: abs(ratios[o] - mine))
    return options[0]


def less_help(ctx: Context, load: Decimal | None, top: str, back: str) -> Target:
    """An assisted machine at the top of the range: one stack step less help, then the
    unassisted move."""
    if load is not None:
        lower = [x for x in ctx.loads() if x < load]
        if lower:
            wait = ctx.increase_wait()
            if wait:
                return ctx.hold_for_the_week(top, load, wait)
            new = lower[-1]
            return ctx.target(
                Decision.ADD_LOAD,
                f"{top}: take less help, {ctx.w(new)} instead of {ctx.w(load)}, and {back}.",
                new,
            )
    harder_id = rung(ctx, +1)
    if harder_id is None:
        return ctx.target(Decision.HOLD, f"{top} with the least help: keep it up.", load,
                          lo=ctx.high)
    return ctx.target(
        Decision.HARDER_VARIATION,
        f"{top} with the least help: move up to {ctx.name_of(harder_id)} and go {back}.",
        None,
        switch_to=harder_id,
    )


def harder(ctx: Context, added: Decimal | None, top: str, back: str) -> Target:
    """A bodyweight move at the top of the range: the next rung, or added load at the top of
    a weighted ladder (pull-ups), else hold."""
    found = ctx.rules.ladder_of(ctx.exercise.id)
    harder_id = rung(ctx, +1)
    if harder_id is not None:
        return ctx.target(
            Decision.HARDER_VARIATION,
            f"{top}: move up to {ctx.name_of(harder_id)} and go {back} (bodyweight moves "
            "progress by reps, then by a harder variation).",
            None,
            switch_to=harder_id,
        )
    weighted = found is not None and found[1] and found[2] == len(found[0]) - 1
    loads = ctx.loads()
    if not weighted or not loads:
        return ctx.target(
            Decision.HOLD,
            f"{top}: you've topped this one out. Keep the reps and slow the lowering to 3 "
            "seconds, or ask for a harder exercise.",
            added,
            lo=ctx.high,
        )
    cap = ctx.cap
    if added is None:
        new: Decimal | None = loads[0]
        if cap is not None and new is not None and new > cap:
            new = None
    else:
        wait = ctx.increase_wait()
        if wait:
            return ctx.hold_for_the_week(top, added, wait)
        body = ctx.bw or Decimal(0)
        desired = (added + body) * (1 + Decimal(str(ctx.rules.progression.load_step))) - body
        limit = desired if cap is None else min(desired, cap)
        new = ctx.at_most(limit)
        if new is None or new <= added:
            nxt = step_up(added, ctx.implement, ctx.profile)
            new = nxt if nxt is not None and (cap is None or nxt <= cap) else None
    if new is None:
        return ctx.target(
            Decision.HOLD,
            f"{top}, but the smallest load you can add is over the 5%-a-week limit: hold and "
            "keep working on reps instead.",
            added,
            lo=ctx.high,
        )
    if added is None:
        return ctx.target(
            Decision.HARDER_VARIATION,
            f"{top}: time to add weight, {ctx.w(new)} on a belt or a dumbbell between your "
            f"feet, and go {back}.",
            new,
        )
    return ctx.target(
        Decision.ADD_LOAD,
        f"{top} with good form: add {ctx.delta(new, added)} ({ctx.w(new)} in all) and go "
        f"{back}.",
        new,
    )
