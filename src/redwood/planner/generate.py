"""Build a multi-week plan from a profile, following the rules in rules.toml.

The steps, in order:
1. schedule: pick the weekdays and give each a focus (full body, legs, back) so that no region is
   loaded by compound lifts twice within 48 h;
2. select: fill each session's template slots with exercises the lifter's equipment, level and
   exclusions allow; main lifts stay for the whole plan, accessories rotate every block;
3. dose: sets, reps and rest from the goal, sets balanced to the weekly volume band per region;
4. fit: pair legs with back into supersets and trim, least important first, until the session's
   estimated time fits the minutes the lifter has;
5. stamp the weeks with dates, marking deload weeks.

Every prescription carries `why`: sentences that each name the rule they follow, e.g.
"[reps.goal-range]", so the lifter (and `redwood check`) can trace every choice.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from redwood.catalog.loader import Catalog
from redwood.domain.exercise import Exercise
from redwood.domain.plan import (
    Activity,
    Block,
    BlockKind,
    Plan,
    Prescription,
    Profile,
    Role,
    Session,
    SessionFocus,
    Week,
)
from redwood.domain.vocabulary import (
    TRAINED_REGIONS,
    Equipment,
    Goal,
    Level,
    Measure,
    Mechanic,
    Pattern,
    Region,
    Weekday,
)
from redwood.planner.schedule import WeekShape, plan_week, session_dates
from redwood.planner.templates import Slot, Templates, load_templates
from redwood.planner.timing import session_minutes
from redwood.rules import GoalRules, Rules

# Equipment whose loading moves in big, fixed jumps: prescribed in the heavier (barbell) range.
_HEAVY_EQUIPMENT = frozenset({Equipment.BARBELL, Equipment.TRAP_BAR, Equipment.MACHINE,
                              Equipment.SLED, Equipment.CABLE})


class PlanError(ValueError):
    """A valid profile that no plan can satisfy: says which rule fails and what to change."""


@dataclass
class _Draft:
    """A prescription while the session is still being shaped."""

    slot: Slot
    exercise: Exercise
    sets: int
    low: int
    high: int
    rest_s: int
    why: list[str] = field(default_factory=list)
    rotates: bool = True
    """Whether the slot has another exercise to rotate to in the next block."""

    @property
    def main(self) -> bool:
        return self.slot.main

    @property
    def compound(self) -> bool:
        return self.exercise.mechanic is Mechanic.COMPOUND

    @property
    def region(self) -> Region:
        return self.exercise.region


@dataclass(frozen=True)
class _Context:
    profile: Profile
    rules: Rules
    catalog: Catalog
    goal: GoalRules
    weekly_minutes: int
    candidates: dict[tuple[Slot, bool], list[Exercise]] = field(default_factory=dict)
    """Each slot's candidates, worked out once per plan."""

    @property
    def hypertrophy_floor(self) -> int:
        v = self.rules.volume
        if (self.profile.goal is Goal.HYPERTROPHY
                and self.weekly_minutes >= v.hypertrophy_min_weekly_minutes):
            return v.hypertrophy_min_sets
        return 0

    @property
    def supersets_required(self) -> bool:
        """Supersets on and the session long enough for them (shorter ones go without)."""
        return (self.profile.supersets and
                self.profile.minutes_per_session >= self.rules.supersets.min_session_minutes)


# --------------------------------------------------------------------------------------------
# Selecting exercises


def _tiebreak(seed: int, exercise_id: str) -> int:
    # crc32, not hash(): str hashes change between processes and plans must be reproducible.
    return zlib.crc32(f"{seed}:{exercise_id}".encode())


def _excluded(ex: Exercise, exclude: Sequence[str]) -> bool:
    return ex.id in exclude or ex.pattern.value in exclude


def _fits_slot(ex: Exercise, slot: Slot) -> bool:
    # Main lifts are prescribed in the goal's rep range, so a timed hold can't be one.
    if slot.main and ex.measure is not Measure.REPS:
        return False
    return (ex.pattern in slot.patterns
            and (slot.mechanic is None or ex.mechanic is slot.mechanic)
            and (slot.region is None or ex.region is slot.region)
            and ex.source == "redwood")


def _candidates(slot: Slot, ctx: _Context, *, with_equipment: bool) -> list[Exercise]:
    key = (slot, with_equipment)
    if key not in ctx.candidates:
        ctx.candidates[key] = _find_candidates(slot, ctx, with_equipment=with_equipment)
    return ctx.candidates[key]


def _find_candidates(slot: Slot, ctx: _Context, *, with_equipment: bool) -> list[Exercise]:
    p = ctx.profile
    found = [
        ex for ex in ctx.catalog
        if _fits_slot(ex, slot)
        and ex.suits(p.level)
        and not _excluded(ex, p.exclude)
        and (not with_equipment or ex.available_with(p.equipment))
    ]
    found.sort(key=lambda ex: (slot.patterns.index(ex.pattern), ex.rank,
                               _tiebreak(p.seed, ex.id)))
    return found


def _choose(slot: Slot, ctx: _Context, used: set[str], block_index: int,
            variant: int, week_mains: frozenset[str] = frozenset()
            ) -> tuple[Exercise, list[str], bool] | None:
    pool = [ex for ex in _candidates(slot, ctx, with_equipment=True) if ex.id not in used]
    if not slot.main:
        # An accessory that is another session's main lift would load it three times a week.
        pool = [ex for ex in pool if ex.id not in week_mains] or pool
    if not pool:
        return None
    why: list[str] = []
    if slot.main:
        chosen = pool[0]
    else:
        # Accessories rotate each block; the seed and the variant shift where the cycle starts
        # so sessions A and B don't pick the same accessory.
        start = (ctx.profile.seed + variant) % len(pool)
        chosen = pool[(start + block_index - 1) % len(pool)]
    ideal = next((ex for ex in _candidates(slot, ctx, with_equipment=False)
                  if ex.id not in used), None)
    if slot.main and ideal is not None and ideal.id != chosen.id:
        missing = sorted(set(ideal.equipment) - set(ctx.profile.equipment))
        if missing:
            note = next((s.note for s in ideal.substitutions if s.exercise_id == chosen.id), None)
            why.append(
                f"{ideal.name} needs {', '.join(m.value for m in missing)}, which you don't "
                f"have: {chosen.name} does the same job"
                + (f" ({note.rstrip('.')})" if note else "") + " [equipment.available]."
            )
    return chosen, why, len(pool) > 1


# --------------------------------------------------------------------------------------------
# Dosing: sets, reps, rest


def _rep_range(ex: Exercise, ctx: _Context) -> tuple[int, int, str]:
    g, t = ctx.goal, ctx.rules.timed
    goal = ctx.profile.goal.value
    if ex.measure is Measure.SECONDS:
        if ex.pattern is Pattern.CARRY:
            return (*t.carry_seconds, "a carry of this length is loaded walking, not a sprint")
        if ex.pattern is Pattern.SPRINT:
            return (*t.sprint_seconds, "short, hard efforts")
        return (*g.timed_seconds, f"the hold length for {goal}")
    if ex.mechanic is Mechanic.ISOLATION:
        return (*g.accessory_reps, f"isolation work for {goal} sits above the compound range")
    if g.advanced_reps and ctx.profile.level is not Level.BEGINNER:
        return (*g.advanced_reps, f"{goal} range for trained lifters")
    if set(ex.equipment) & _HEAVY_EQUIPMENT:
        return (*g.barbell_reps, f"the {goal} range for barbell and machine lifts")
    return (*g.dumbbell_reps, f"the {goal} range for dumbbell, band and bodyweight lifts")


def _rest(ex: Exercise, ctx: _Context) -> tuple[int, str]:
    g = ctx.goal
    if ex.pattern is Pattern.SPRINT:
        return ctx.rules.timed.sprint_rest_s, "full recovery between hard efforts"
    if ex.mechanic is Mechanic.COMPOUND:
        if g.use_exercise_rest:
            rest = max(ex.default_rest_s, g.compound_rest_min_s)
            return rest, f"the guide's rest for {ex.name.lower()}"
        return g.compound_rest_s, f"rest for {ctx.profile.goal.value} compound lifts"
    return g.accessory_rest_s, "short rest for accessory work"


def _draft(slot: Slot, ex: Exercise, ctx: _Context, extra_why: list[str],
           block_index: int) -> _Draft:
    low, high, range_why = _rep_range(ex, ctx)
    rest, rest_why = _rest(ex, ctx)
    if slot.main:
        sets = ctx.goal.compound_sets
    elif ex.is_compound:
        sets = max(ctx.rules.dosing.min_sets, ctx.goal.compound_sets - 1)
    else:
        sets = ctx.goal.accessory_sets
    unit = "s" if ex.measure is Measure.SECONDS else " reps"
    why: list[str] = []
    if slot.main:
        pattern = ex.pattern.value.replace("-", " ")
        why.append(f"Main {pattern} lift, kept all plan so progress can be tracked "
                   "[rotation.core-lifts-stay].")
        why.append(f"{low}-{high}{unit}: {range_why} [reps.goal-range].")
    else:
        kind = "Compound" if ex.is_compound else "Isolation"
        why.append(f"{kind} {slot.name} work after the main lifts [session.compound-first]; "
                   f"{low}-{high}{unit}: {range_why} [reps.bounds].")
        why.append(f"Accessory: rotates with each new block (block {block_index}) "
                   "[rotation.by-week-7].")
    if ex.is_compound:
        why.append(f"Rest {rest} s: {rest_why} [rest.compound-min].")
    else:
        why.append(f"Rest {rest} s: {rest_why} [rest.compound-min].")
    why.extend(extra_why)
    return _Draft(slot=slot, exercise=ex, sets=sets, low=low, high=high, rest_s=rest, why=why)


# --------------------------------------------------------------------------------------------
# Blocks and supersets


def _order(drafts: list[_Draft]) -> list[_Draft]:
    """Compound lifts first (the guide), otherwise the template's order."""
    return sorted(drafts, key=lambda d: not d.compound)


def _pairable(a: _Draft, b: _Draft) -> bool:
    return {a.region, b.region} == {Region.LEGS, Region.BACK}


@dataclass(frozen=True)
class _Group:
    """One block-to-be: a single draft, or a superset of two with its rounds."""

    drafts: tuple[_Draft, ...]
    rounds: int | None = None

    def sets_of(self, d: _Draft, ctx: _Context, deload: bool) -> int:
        if self.rounds is not None:
            return self.rounds
        if deload:
            return max(1, math.ceil(d.sets * ctx.rules.volume.deload_set_factor))
        return d.sets


def _group(drafts: list[_Draft], ctx: _Context, deload: bool) -> list[_Group]:
    """Order the drafts and pair neighbours into supersets (legs with back)."""
    ordered = _order(drafts)
    s = ctx.rules.supersets
    # Strength work keeps both main lifts as straight sets with full rest.
    first_pair = 2 if ctx.profile.goal is Goal.STRENGTH else 1
    groups: list[_Group] = []
    i = 0
    while i < len(ordered):
        d = ordered[i]
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if ctx.supersets_required and i >= first_pair and nxt is not None and _pairable(d, nxt):
            rounds = s.rounds[0] if deload else min(max(d.sets, nxt.sets, s.rounds[0]),
                                                    s.rounds[1])
            groups.append(_Group((d, nxt), rounds))
            i += 2
        else:
            groups.append(_Group((d,)))
            i += 1
    return groups


def _blocks(drafts: list[_Draft], ctx: _Context, deload: bool) -> list[Block]:
    s = ctx.rules.supersets
    blocks: list[Block] = []
    for g in _group(drafts, ctx, deload):
        if g.rounds is None:
            (d,) = g.drafts
            prescription = _prescription(d, g.sets_of(d, ctx, deload), d.rest_s, deload)
            blocks.append(Block(BlockKind.SINGLE, (prescription,)))
            continue
        d, nxt = g.drafts
        lower, upper = (d, nxt) if d.region is Region.LEGS else (nxt, d)
        why = (f"Superset: {lower.exercise.name} (lower body) with {upper.exercise.name} "
               f"(upper body) so one region rests while the other works "
               f"[superset.pairing]; {s.rest_between_s} s between them "
               f"[superset.rest], {g.rounds} rounds [superset.rounds].")
        first = _prescription(d, g.rounds, s.rest_between_s, deload=False)
        second = _prescription(nxt, g.rounds, ctx.goal.superset_round_rest_s, deload=False)
        blocks.append(Block(BlockKind.SUPERSET, (first, second), rounds=g.rounds,
                            rest_between_s=s.rest_between_s, why=why))
    return blocks


def _draft_region_sets(drafts: list[_Draft], ctx: _Context) -> dict[Region, int]:
    """Weekly-volume sets per region, as the built blocks will hold them."""
    out = dict.fromkeys(TRAINED_REGIONS, 0)
    for g in _group(drafts, ctx, deload=False):
        for d in g.drafts:
            if d.region in out:
                out[d.region] += g.sets_of(d, ctx, deload=False)
    return out


def _prescription(d: _Draft, sets: int, rest_s: int, deload: bool) -> Prescription:
    ex = d.exercise
    why = list(d.why)
    if deload:
        why.append("Deload week: same reps with fewer sets, to recover before the next block.")
    if ex.unilateral:
        why.append("Done one side at a time: the reps are per side.")
    return Prescription(
        exercise_id=ex.id,
        name=ex.name,
        mechanic=ex.mechanic,
        region=ex.region,
        pattern=ex.pattern,
        primary_muscles=ex.primary_muscles,
        equipment=ex.equipment,
        sets=sets,
        low=d.low,
        high=d.high,
        timed=ex.measure is Measure.SECONDS,
        per_side=ex.unilateral,
        rest_s=rest_s,
        why=tuple(why),
        cues=ex.cues,
        secondary_muscles=ex.secondary_muscles,
        role=Role.MAIN if d.main else Role.ACCESSORY,
    )


def _region_sets(blocks: Sequence[Block]) -> dict[Region, int]:
    out = dict.fromkeys(TRAINED_REGIONS, 0)
    for b in blocks:
        for item in b.items:
            if item.region in out:
                out[item.region] += item.sets
    return out


# --------------------------------------------------------------------------------------------
# Warm-up and cool-down


def _even_split(drills: Sequence[str], minutes: float) -> tuple[Activity, ...]:
    """Up to one drill a minute, the minutes shared out in whole minutes, the first get more."""
    count = max(1, min(len(drills), int(minutes)))
    base, extra = divmod(minutes, count)
    shares = [base + (1 if i < extra else 0) for i in range(count)]
    shares[-1] += minutes - sum(shares)  # keeps any fraction of a minute
    return tuple(Activity(d, m) for d, m in zip(drills, shares, strict=False))


def _warmup(ctx: _Context) -> tuple[Activity, ...]:
    w = ctx.rules.warmup
    return _even_split(w.drills, w.minutes_for(ctx.profile.minutes_per_session))


def _cooldown(ctx: _Context) -> tuple[Activity, ...]:
    c = ctx.rules.cooldown
    return _even_split(c.drills, c.minutes_for(ctx.profile.minutes_per_session))


# --------------------------------------------------------------------------------------------
# One session: select, dose, fit


@dataclass
class _SessionDraft:
    focus: SessionFocus
    variant: int
    drafts: list[_Draft]
    warmup: tuple[Activity, ...]
    cooldown: tuple[Activity, ...]


def _main_ids(focus: SessionFocus, variant: int, ctx: _Context,
              templates: Templates) -> set[str]:
    used: set[str] = set()
    for slot in templates[focus][variant]:
        if slot.main and (picked := _choose(slot, ctx, used, 1, variant)) is not None:
            used.add(picked[0].id)
    return used


def _select(focus: SessionFocus, variant: int, ctx: _Context, templates: Templates,
            block_index: int, week_mains: frozenset[str]) -> _SessionDraft:
    used: set[str] = set()
    drafts: list[_Draft] = []
    for slot in templates[focus][variant]:
        picked = _choose(slot, ctx, used, block_index, variant, week_mains)
        if picked is None:
            if slot.main:
                raise _no_exercise(slot, ctx)
            continue
        ex, extra, rotates = picked
        used.add(ex.id)
        draft = _draft(slot, ex, ctx, extra, block_index)
        draft.rotates = rotates
        drafts.append(draft)
    return _SessionDraft(focus, variant, drafts, _warmup(ctx), _cooldown(ctx))


def _no_exercise(slot: Slot, ctx: _Context) -> PlanError:
    patterns = ", ".join(p.value for p in slot.patterns)
    region = slot.region.value if slot.region else "any"
    return PlanError(
        f"session.min-compounds: no {region} compound exercise ({patterns}) fits this profile: "
        f"level {ctx.profile.level.value}, equipment "
        f"{', '.join(e.value for e in ctx.profile.equipment) or 'none (bodyweight)'}"
        + (f", excluding {', '.join(ctx.profile.exclude)}" if ctx.profile.exclude else "")
        + "; remove an exclusion or add equipment with --equipment"
    )


def _build(sd: _SessionDraft, ctx: _Context, deload: bool = False) -> tuple[list[Block], int]:
    blocks = _blocks(sd.drafts, ctx, deload)
    return blocks, session_minutes(blocks, sd.warmup, sd.cooldown, ctx.rules.timing)


def _dose(sd: _SessionDraft, targets: dict[Region, int], ctx: _Context) -> None:
    """Move each region's sets in this session towards its share of the weekly target."""
    # Only the regions the session focuses on: a light partner exercise from the other
    # region (a face pull on legs day) keeps its own dose.
    for region in sorted(sd.focus.hard_regions):
        mine = [d for d in sd.drafts if d.region is region]
        if not mine:
            continue
        total = sum(d.sets for d in mine)
        target = targets[region]
        by_keep = sorted(mine, key=lambda d: d.slot.keep)
        # Too much: first drop the least important accessories, then trim sets, mains last.
        for d in by_keep:
            if (not d.main and total - d.sets >= target
                    and _still_pairs(sd, d, ctx)):
                sd.drafts.remove(d)
                total -= d.sets
        for d in by_keep:
            while (total > target and d.sets > ctx.rules.dosing.min_sets
                   and d in sd.drafts and not d.main):
                d.sets -= 1
                total -= 1
        # Main lifts keep the goal's sets unless the accessories are already at their minimum.
        mains = [d for d in mine if d.main]
        while total > target and any(d.sets > ctx.rules.dosing.min_sets for d in mains):
            biggest = max(mains, key=lambda d: d.sets)
            biggest.sets -= 1
            total -= 1
        # Too little: add sets round-robin, main lifts first.
        growable = [d for d in sorted(mine, key=lambda d: -d.slot.keep) if d in sd.drafts]
        grown = True
        while total < target and grown:
            grown = False
            for d in growable:
                dosing = ctx.rules.dosing
                cap = dosing.max_compound_sets if d.compound else dosing.max_accessory_sets
                if total < target and d.sets < cap:
                    d.sets += 1
                    total += 1
                    grown = True


def _still_pairs(sd: _SessionDraft, removing: _Draft, ctx: _Context) -> bool:
    """Whether the session keeps a superset (when one is required) without `removing`."""
    if not ctx.supersets_required:
        return True
    rest = [d for d in sd.drafts if d is not removing]
    return any(g.rounds is not None for g in _group(rest, ctx, deload=False))


def _session_floor(sd: _SessionDraft, floors: dict[Region, int]) -> dict[Region, int]:
    return {r: floors[r] if any(d.region is r for d in sd.drafts) else 0
            for r in TRAINED_REGIONS}


def _fit(sd: _SessionDraft, ctx: _Context, floors: dict[Region, int]) -> None:
    """Trim the session until its estimate fits the minutes, least important first."""
    budget = ctx.profile.minutes_per_session
    need_pair = ctx.supersets_required
    floor = _session_floor(sd, floors)
    for respect_floor in (True, False):
        while True:
            _, minutes = _build(sd, ctx)
            if minutes <= budget:
                return
            if not (_trim_once(sd, ctx, need_pair, floor if respect_floor else None)
                    or _swap_for_time(sd, ctx) or _shorten_bookends(sd, ctx)):
                break
    _, minutes = _build(sd, ctx)
    raise PlanError(
        f"time.budget: the shortest {sd.focus.value} session that keeps two compound lifts "
        f"takes {minutes} minutes, more than --minutes {budget}; raise --minutes"
        + (" or turn off --supersets" if need_pair else "")
    )


def _shorten_bookends(sd: _SessionDraft, ctx: _Context) -> bool:
    """Cut warm-up and cool-down to their minimum lengths, once, as a last resort."""
    t = ctx.rules.timing
    warm = _even_split(ctx.rules.warmup.drills, t.warmup_min_minutes)
    cool = _even_split(ctx.rules.cooldown.drills, t.cooldown_min_minutes)
    if (warm, cool) == (sd.warmup, sd.cooldown):
        return False
    sd.warmup, sd.cooldown = warm, cool
    return True


def _set_cost(ex: Exercise, ctx: _Context) -> float:
    """Seconds one set of `ex` takes at the top of its range (both sides if unilateral)."""
    _, high, _ = _rep_range(ex, ctx)
    one = high if ex.measure is Measure.SECONDS else high * ctx.rules.timing.seconds_per_rep
    return 2 * one if ex.unilateral else one


def _swap_for_time(sd: _SessionDraft, ctx: _Context) -> bool:
    """Swap an accessory for a quicker one of its slot (a one-leg move done per side takes
    twice as long as its two-leg cousin). False when no accessory has a quicker stand-in."""
    used = {d.exercise.id for d in sd.drafts}
    for d in sorted((d for d in sd.drafts if not d.main),
                    key=lambda d: -_set_cost(d.exercise, ctx)):
        quicker = [ex for ex in _candidates(d.slot, ctx, with_equipment=True)
                   if ex.id not in used and _set_cost(ex, ctx) < _set_cost(d.exercise, ctx)]
        if quicker:
            ex = min(quicker, key=lambda ex: _set_cost(ex, ctx))
            new = _draft(d.slot, ex, ctx, [], 1)
            new.sets, new.rotates = d.sets, d.rotates
            new.why.append("Chosen over slower options to fit your session length "
                           "[time.budget].")
            sd.drafts[sd.drafts.index(d)] = new
            return True
    return False


def _region_total(sd: _SessionDraft, region: Region) -> int:
    if region not in TRAINED_REGIONS:
        return -1
    return sum(d.sets for d in sd.drafts if d.region is region)


def _trim_once(sd: _SessionDraft, ctx: _Context, need_pair: bool,
               floor: dict[Region, int] | None) -> bool:
    """Make the session a little shorter; False when nothing more can go.

    Least important first: accessory sets, then whole accessories (but one stays, since
    accessories are what rotates from block to block), then the main lifts' long rests and
    sets, and only in the shortest sessions the last accessory.
    """
    def above_floor(d: _Draft, by: int) -> bool:
        if floor is None or d.region not in floor:
            return True
        return _region_total(sd, d.region) - by >= floor[d.region]

    def can_drop(d: _Draft) -> bool:
        return above_floor(d, d.sets) and _still_pairs(sd, d, ctx)

    # The accessory kept longest is the most important one that can rotate.
    accessories = sorted((d for d in sd.drafts if not d.main),
                         key=lambda d: (d.rotates, d.slot.keep))
    mains = sorted((d for d in sd.drafts if d.main), key=lambda d: -d.sets)
    for d in accessories:
        if d.sets > ctx.rules.dosing.min_sets and above_floor(d, 1):
            d.sets -= 1
            return True
    for d in accessories[:-1]:
        if can_drop(d):
            sd.drafts.remove(d)
            return True
    for d in mains:
        if d.compound and d.rest_s > ctx.goal.compound_rest_min_s:
            d.rest_s = ctx.goal.compound_rest_min_s
            d.why.append("Rest cut to the minimum to fit your session length "
                         "[rest.compound-min].")
            return True
    for floor_sets in (ctx.rules.dosing.min_sets, 1):
        pool = [d for d in [*mains, *accessories[-1:]] if d.sets > floor_sets and above_floor(d, 1)]
        if pool:
            # Trim the region with the most sets here, so legs and back stay in balance.
            d = max(pool, key=lambda d: (_region_total(sd, d.region), d.sets, not d.main))
            d.sets -= 1
            if d.sets == 1:
                d.why.append("One set only: that is what fits your session length "
                             "[time.budget].")
            return True
    for d in accessories[-1:]:
        if can_drop(d):
            sd.drafts.remove(d)
            return True
    return False


# --------------------------------------------------------------------------------------------
# The week and the plan


def _weekly_targets(ctx: _Context) -> dict[Region, int]:
    # The top of the level's band: time fitting trims it when sessions are short.
    _, hi = ctx.rules.volume.band(ctx.profile.level)
    target = max(hi, ctx.hypertrophy_floor)
    return dict.fromkeys(TRAINED_REGIONS, min(target, ctx.rules.volume.max_sets))


def _shares(shape: WeekShape, weekly: dict[Region, int]) -> dict[Region, int]:
    """Each trained region's weekly sets spread over the sessions that load it."""
    out = {}
    for region in TRAINED_REGIONS:
        n = sum(region in f.hard_regions for f in shape.focuses)
        out[region] = math.ceil(weekly[region] / max(n, 1))
    return out


def _week_totals(sessions: list[_SessionDraft], ctx: _Context) -> dict[Region, int]:
    totals = dict.fromkeys(TRAINED_REGIONS, 0)
    for sd in sessions:
        for r, n in _draft_region_sets(sd.drafts, ctx).items():
            totals[r] += n
    return totals


def _too_heavy(totals: dict[Region, int], ctx: _Context) -> Region | None:
    """The region to trim: over the level's band (or the hard ceiling), or out of balance."""
    v = ctx.rules.volume
    legs, back = totals[Region.LEGS], totals[Region.BACK]
    ceiling = min(v.max_sets, max(v.band(ctx.profile.level)[1], ctx.hypertrophy_floor))
    over = [r for r in TRAINED_REGIONS if totals[r] > ceiling]
    if over:
        return max(over, key=lambda r: totals[r])
    if back == 0 or legs / back > v.balance[1]:
        return Region.LEGS
    if legs / back < v.balance[0]:
        return Region.BACK
    return None


def _balance(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Keep weekly sets under the ceiling and legs:back within bounds, trimming the heavier."""
    def last_accessory(sd: _SessionDraft, d: _Draft) -> bool:
        return not d.main and sum(not x.main for x in sd.drafts) == 1

    while (heavy := _too_heavy(_week_totals(sessions, ctx), ctx)) is not None:
        candidates = sorted(
            ((sd, d) for sd in sessions for d in sd.drafts if d.region is heavy),
            key=lambda p: (p[1].main, p[1].slot.keep, -p[1].sets))
        # Keep one accessory per session where possible: accessories are what rotates.
        for spare_last in (True, False):
            if _trim_for_balance(candidates, ctx, spare_last, last_accessory):
                break
        else:
            return


def _trim_for_balance(candidates: list[tuple[_SessionDraft, _Draft]], ctx: _Context,
                      spare_last: bool, last_accessory: Callable[[_SessionDraft, _Draft], bool]
                      ) -> bool:
    for sd, d in candidates:
        if spare_last and last_accessory(sd, d):
            continue
        if d.sets > ctx.rules.dosing.min_sets:
            d.sets -= 1
            return True
        if not d.main and _still_pairs(sd, d, ctx):
            sd.drafts.remove(d)
            return True
    return False


def _focus_title(focus: SessionFocus, variant: int, drafts: Sequence[_Draft]) -> str:
    label = {SessionFocus.FULL: "Full body", SessionFocus.LEGS: "Legs",
             SessionFocus.BACK: "Back"}[focus]
    mains = " + ".join(d.exercise.name for d in drafts if d.main)
    return f"{label} {'AB'[variant]}: {mains}"


def _session_why(focus: SessionFocus, ctx: _Context) -> tuple[str, ...]:
    hours = ctx.rules.schedule.min_hours_between_hard
    if focus is SessionFocus.FULL:
        text = (f"Full body: legs and back each get {hours} h or more before their next "
                "hard session [schedule.recovery].")
    else:
        other = "back" if focus is SessionFocus.LEGS else "legs"
        text = (f"{focus.value.capitalize()} focus: with these days, legs and back take turns so "
                f"each gets {hours} h between hard sessions; {other} work today is light "
                "isolation only [schedule.recovery].")
    return (text, "Dynamic warm-up first, static stretches and foam rolling last "
                  "[session.warmup] [session.cooldown].")


def _week_template(shape: WeekShape, ctx: _Context, templates: Templates,
                   block_index: int) -> list[_SessionDraft]:
    weekly = _weekly_targets(ctx)
    shares = _shares(shape, weekly)
    floors = _shares(shape, dict.fromkeys(TRAINED_REGIONS, ctx.hypertrophy_floor))
    sessions = list(zip(shape.focuses, shape.variants, strict=True))
    week_mains = frozenset(
        i for f, v in set(sessions) for i in _main_ids(f, v, ctx, templates))
    drafts = []
    for focus, variant in sessions:
        sd = _select(focus, variant, ctx, templates, block_index, week_mains)
        _dose(sd, shares, ctx)
        _fit(sd, ctx, floors)
        drafts.append(sd)
    _balance(drafts, ctx)
    return drafts


def _stamp(sd: _SessionDraft, date_: dt.date, ctx: _Context, deload: bool) -> Session:
    blocks, minutes = _build(sd, ctx, deload)
    return Session(
        date=date_,
        title=_focus_title(sd.focus, sd.variant, sd.drafts),
        focus=sd.focus,
        estimated_minutes=minutes,
        warmup=sd.warmup,
        cooldown=sd.cooldown,
        blocks=tuple(blocks),
        why=_session_why(sd.focus, ctx),
    )


def generate_plan(
    profile: Profile,
    rules: Rules,
    catalog: Catalog,
    candidates: Sequence[Weekday] | None = None,
    templates: Templates | None = None,
) -> Plan:
    """The plan for `profile`. `candidates` are the weekdays the lifter can train on."""
    templates = templates or load_templates()
    shape = plan_week(profile.start_date, candidates or profile.weekdays,
                      profile.days_per_week, rules.schedule.min_days_between_hard)
    profile = replace(profile, weekdays=shape.weekdays)
    ctx = _Context(profile, rules, catalog, rules.goal(profile.goal),
                   profile.days_per_week * profile.minutes_per_session)
    block_len = rules.rotation.block_weeks[profile.level]
    deloads = profile.level in rules.rotation.deload_levels
    cache: dict[int, list[_SessionDraft]] = {}
    weeks = []
    for index in range(1, profile.weeks + 1):
        block_index = (index - 1) // block_len + 1
        if block_index not in cache:
            cache[block_index] = _week_template(shape, ctx, templates, block_index)
        deload = deloads and index % block_len == 0
        dates = session_dates(profile.start_date, shape, index)
        sessions = tuple(_stamp(sd, d, ctx, deload)
                         for sd, d in zip(cache[block_index], dates, strict=True))
        note = (f"Deload: every exercise keeps its reps with about "
                f"{round(100 * rules.volume.deload_set_factor)}% of its sets, to recover before "
                "the next block." if deload else "")
        weeks.append(Week(index=index, deload=deload, sessions=sessions, block_index=block_index,
                          note=note))
    return Plan(profile=profile, weeks=tuple(weeks),
                notes=_plan_notes(ctx, shape, block_len, weeks[0]))


def _plan_notes(ctx: _Context, shape: WeekShape, block_len: int,
                first: Week) -> tuple[str, ...]:
    p, r = ctx.profile, ctx.rules
    done = _region_sets([b for s in first.sessions for b in s.blocks])
    lo, hi = r.volume.band(p.level)
    notes = [
        f"{p.days_per_week} sessions a week on {', '.join(w.value for w in shape.weekdays)}, "
        f"at least {r.schedule.min_hours_between_hard} h between hard sessions for the same "
        "region [schedule.recovery].",
        f"Week 1 has {done[Region.LEGS]} hard sets for legs and {done[Region.BACK]} for back "
        f"(the {p.level.value} band is {lo}-{hi} a week; at most {r.volume.max_sets}) "
        "[volume.balance].",
        f"Weeks 1-{min(r.rotation.stable_weeks, p.weeks)} keep the same exercises; accessories "
        f"rotate every {block_len} weeks while the main lifts stay [rotation.by-week-7].",
    ]
    if p.level in r.rotation.deload_levels and p.weeks >= block_len:
        notes.append(f"Every {block_len}th week is a deload: same lifts, fewer sets.")
    return tuple(notes)
