"""The week's tally (_Tally: each draft's sets, each muscle's and region's sets) and the
checks every filling pass shares: caps, floors, room, save and restore, the week being
built (_WeekPlan), and isolation spacing (which work a coach keeps 48 h from the same
pattern's, and how crowded a week is).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import TRAINED_REGIONS, Pattern, Region
from redwood.planner.steps.choose import _loaded_first, _unloaded_stand_in
from redwood.planner.steps.context import (
    _BACK,
    _COMPOUND,
    _CORE,
    _KNEE_FLEXION,
    _LEGS,
    _Context,
    _Draft,
    _is_loaded,
    _SessionDraft,
)
from redwood.planner.steps.session import _draft, _units
from redwood.planner.steps.week_patterns import _extra_slot
from redwood.planner.volume import room_for_a_set


@dataclass
class _Tally:
    """The week's hard sets per tracked muscle and per region, kept up to date while growing."""

    muscles: dict[str, float]
    regions: dict[Region, int]

    @classmethod
    def of(cls, sessions: Sequence[_SessionDraft], ctx: _Context) -> _Tally:
        if ctx.exact_counts:
            return cls._changed(sessions, ctx)
        return cls._whole(sessions, ctx)

    @classmethod
    def _whole(cls, sessions: Sequence[_SessionDraft], ctx: _Context) -> _Tally:
        # add() inlined: the fill and the cuts count the whole week again after every step.
        muscles = dict.fromkeys(ctx.rules.muscle_volume.tracked, 0.0)
        regions = dict.fromkeys(TRAINED_REGIONS, 0)
        for sd in sessions:
            for d in sd.drafts:
                sets = d.sets
                for name, share in d.shares:
                    muscles[name] += share * sets
                if d.region in regions:
                    regions[d.region] += sets
        return cls(muscles, regions)

    @classmethod
    def _changed(cls, sessions: Sequence[_SessionDraft], ctx: _Context) -> _Tally:
        """of(), from the last count with only the drafts that changed since (one set more or
        less, swapped, added, dropped) counted again: the fill and the cuts count the week
        after every one-set step. Exact sums only (ctx.exact_counts), so the totals are those
        of a whole count in the week's order to the last bit. A draft's shares and region never
        change (its exercise does not), so its sets are all there is to compare."""
        counted = ctx.counted
        if not counted:
            counted.append(({}, dict.fromkeys(ctx.rules.muscle_volume.tracked, 0.0),
                            dict.fromkeys(TRAINED_REGIONS, 0)))
        was, muscles, regions = counted[0]  # `was`: each counted draft's sets (by identity)
        seen = 0
        for sd in sessions:
            seen += len(sd.drafts)  # per session, not per draft: the loop below is the hot one
            for d in sd.drafts:
                if was.get(d) == d.sets:  # no names stored on the hot path: most are unchanged
                    continue
                sets, had = d.sets, was.get(d)
                if had is not None:  # its sets changed: out with the old count
                    for name, share in d.shares:
                        muscles[name] -= share * had
                    if d.region in regions:
                        regions[d.region] -= had
                for name, share in d.shares:
                    muscles[name] += share * sets
                if d.region in regions:
                    regions[d.region] += sets
                was[d] = sets
        if seen != len(was):  # some left the week (or a draft is in it twice)
            week = {d for sd in sessions for d in sd.drafts}
            if len(week) != seen:
                counted.clear()  # a draft twice: counted whole, and afresh next time
                return cls._whole(sessions, ctx)
            for d in [d for d in was if d not in week]:
                sets = was.pop(d)
                for name, share in d.shares:
                    muscles[name] -= share * sets
                if d.region in regions:
                    regions[d.region] -= sets
        return cls(dict(muscles), dict(regions))

    def add(self, d: _Draft, sets: int, ctx: _Context) -> None:
        muscles = self.muscles
        for name, share in ctx.share_items(d.exercise):
            muscles[name] += share * sets
        region = d.exercise.region
        if region in self.regions:
            self.regions[region] += sets

    def room_regions(self, unit: tuple[_Draft, ...], ctx: _Context) -> bool:
        """One more set of the unit keeps every region under [volume] max_sets."""
        most = ctx.rules.volume.max_sets
        for region, n in self.regions.items():
            for d in unit:
                if d.region is region:
                    n += 1
            if n > most:
                return False
        return True

    def room(self, unit: tuple[_Draft, ...], ctx: _Context) -> bool:
        """One more set of the unit keeps every muscle and region under its ceiling (a region
        already past it leaves no room for anything)."""
        # room_regions inlined (the fill asks at every step): no region past the ceiling, and
        # the unit's own regions (a unit is one draft or a superset's two) a set more under it.
        most = ctx.rules.volume.max_sets
        regions = self.regions
        if max(regions.values()) > most:
            return False
        muscles, bands = self.muscles, ctx.band_cache  # every tracked muscle's band is in
        if len(unit) == 1:  # a loop, not all(): the fill asks for every unit at every step
            d = unit[0]
            n = regions.get(d.region)
            if n is not None and n + 1 > most:
                return False
            shares = d.shares
            for m, g in shares:
                if g and muscles[m] + g > bands[m][1] and not self.braced(m, g, shares, ctx):
                    return False
            return True
        a, b = unit
        n = regions.get(a.region)
        if n is not None and n + 1 + (b.region is a.region) > most:
            return False
        n = regions.get(b.region)
        if n is not None and b.region is not a.region and n + 1 > most:
            return False
        # A superset's round: both exercises' shares added in order, once per pair of exercises
        # (the fill asks again at every step).
        key = (a.exercise.id, b.exercise.id)
        gain = ctx.pair_gains.get(key)
        if gain is None:
            summed: dict[str, float] = {}
            for d in unit:
                for m, sh in d.shares:
                    summed[m] = summed.get(m, 0.0) + sh
            gain = ctx.pair_gains[key] = tuple((m, g) for m, g in summed.items() if g)
        for m, g in gain:  # noqa: SIM110 (a loop, not all(): the fill asks at every step)
            if muscles[m] + g > bands[m][1]:
                return False
        return True

    def room_for(self, ex: Exercise, ctx: _Context) -> bool:
        """One more set of `ex` keeps every muscle and region under its ceiling."""
        if ex.region in self.regions and self.regions[ex.region] + 1 > ctx.rules.volume.max_sets:
            return False
        muscles, bands = self.muscles, ctx.band_cache  # every tracked muscle's band is in
        items = ctx.share_tuples.get(ex.id)  # share_items without a call: asked the most
        if items is None:
            items = ctx.share_items(ex)
        for m, g in items:  # a loop: the fill asks for every option, every step
            if muscles[m] + g > bands[m][1] and not self.braced(m, g, items, ctx):
                break
        else:
            return True
        return False

    def braced(self, muscle: str, share: float, shares: Sequence[tuple[str, float]],
               ctx: _Context) -> bool:
        """Whether a set that takes `muscle` past its band's top (`share` of a set, `shares` the
        set's every muscle) may still come: `muscle` is the core or the calves (not a main
        muscle) and only assists in it (the bracing of a row, a squat or a lunge), the set's prime
        mover is a main muscle below its floor, and `muscle` stays at or under every leg
        muscle's sets ([muscle_volume] legs: core and calves never more sets than the legs).
        Their band's top caps the time spent on them, which bracing costs nothing of; a main
        muscle's floor comes first."""
        mv = ctx.rules.muscle_volume
        if share >= 1 or muscle in mv.main:
            return False
        muscles, bands = self.muscles, ctx.band_cache
        gain = dict(shares)
        for m, sh in shares:  # a loop, not any() over a generator: the fill asks per option
            if sh >= 1 and m in mv.main and muscles[m] < bands[m][0] - 1e-9:
                break
        else:
            return False
        after = muscles[muscle] + share
        return all(after <= muscles[m] + gain.get(m, 0.0) + 1e-9 for m in mv.legs)

    def need(self, muscle: str, ctx: _Context) -> float:
        """How far below its band's top (weighted double below the floor) a muscle is."""
        low, high = ctx.band_cache[muscle]  # the tally's muscles: every one's band is in
        have = self.muscles[muscle]
        return max(0.0, high - have) / high + (2.0 if have < low else 0.0)


def _cap(d: _Draft, sd: _SessionDraft, ctx: _Context) -> int:
    dosing = ctx.rules.dosing
    if d.main:
        return dosing.main_max_sets[ctx.profile.level]
    if d.partner is not None:
        cap = ctx.rules.supersets.rounds[1]
    else:
        cap = dosing.max_compound_sets if d.compound else dosing.max_accessory_sets
    # Main lifts get at least as many sets as any accessory in the session (a loop, not a
    # list: the fill asks for every unit at every step).
    for m in sd.drafts:
        if m.main and m.sets < cap:
            cap = m.sets
    return cap


def _muscle_options(muscle: str, ctx: _Context) -> list[Exercise]:
    """The usable exercises that train `muscle` as a prime mover, best first (worked out once
    per plan)."""
    key = f"options:{muscle}"
    if key not in ctx.options_cache:
        if not ctx.movers:
            ctx.movers[""] = []  # (none: the index is made, once per plan)
            for ex in ctx.usable:
                for m, sh in ctx.share_items(ex):
                    if sh == 1.0:
                        ctx.movers.setdefault(m, []).append(ex)
        movers = [ex for ex in ctx.movers.get(muscle, ()) if ex.id not in ctx.week_mains]
        regions = (Region.LEGS, Region.BACK, Region.CORE)  # read once (see _COMPOUND)
        options = [ex for ex in movers if ex.region in regions]
        # A full-body lift only where nothing else trains the muscle (no squat or lunge
        # allowed: a sled drag is what is left for the quadriceps).
        options = options or [ex for ex in movers if ex.region is Region.FULL_BODY]
        # (a pull from the floor last: the week's main deadlift is its one, hinge.floor-pulls)
        floor = ctx.floor_pulls
        options.sort(key=lambda ex: (ex.mechanic is _COMPOUND,
                                     _loaded_first(ctx) and not _is_loaded(ex), ex.id in floor,
                                     ex.rank, ex.id))
        # The blocks rotate through these: never to a bodyweight calf raise while a
        # kettlebell one is there. A loaded exercise of the pattern that does not train the
        # muscle as a prime mover is no such option: a side-lying kettlebell raise works the
        # rear delts, a prone Y-T-W raise the upper back.
        loaded = {ex.pattern for ex in options if _is_loaded(ex)}
        options = [ex for ex in options
                   if not (_unloaded_stand_in(ex, ctx) and ex.pattern in loaded)]
        ctx.options_cache[key] = options
    return ctx.options_cache[key]


def _at_weekly_cap(ex: Exercise, week: Sequence[_SessionDraft], ctx: _Context,
                   instead: _Draft | None = None) -> bool:
    """Whether the week (without `instead`) already holds as many exercises of `ex`'s pattern
    as [dosing] weekly_slots allows."""
    cap = ctx.rules.dosing.weekly_slots.get(ex.pattern)
    if cap is None:
        return False
    # Plain loops that stop at the cap: the swaps and the fill ask for every option.
    pattern, held = ex.pattern, 0
    for sd in week:
        for d in sd.drafts:
            if d.exercise.pattern is pattern and d is not instead:
                held += 1
                if held >= cap:
                    return True
    return held >= cap


_Saved = list[tuple[_SessionDraft, list[_Draft], list[tuple[_Draft, int, _Draft | None]],
                   set[str]]]


def _save(*sessions: _SessionDraft) -> _Saved:
    """The sessions' drafts in order, each draft's sets and partner, and the straight-set ids:
    what a tried change puts back with _restore."""
    return [(s, list(s.drafts), [(x, x.sets, x.partner) for x in s.drafts], set(s.solo))
            for s in sessions]


def _restore(saved: _Saved) -> None:
    """Put the sessions back exactly as _save found them: pairing again could pair differently
    (it reads sets), so sets and partners are restored, not recomputed."""
    for s, drafts, sets, solo in saved:
        s.drafts[:] = drafts
        s.solo.clear()
        s.solo.update(solo)
        for x, n, partner in sets:
            x.sets, x.partner = n, partner


def _trains(unit: tuple[_Draft, ...], muscles: frozenset[str], ctx: _Context) -> bool:
    """Whether the unit trains one of `muscles` as a prime mover."""
    for d in unit:  # loops, not any() over a generator: the growth asks per unit
        share = ctx.share(d.exercise)
        for m in muscles:
            if share.get(m, 0.0) >= 1.0:
                return True
    return False


def _mains_lead(sd: _SessionDraft) -> bool:
    """Whether no accessory of the session has more sets than its fewest main-lift sets
    (main.most-sets)."""
    mains = [d.sets for d in sd.drafts if d.main]
    if not mains:
        return True
    least = min(mains)  # once, not per accessory
    for d in sd.drafts:  # noqa: SIM110 (a loop, not all() over a generator: asked per session)
        if not d.main and d.sets > least:
            return False
    return True


def _roomy(tally: _Tally, ctx: _Context) -> set[str]:
    """The muscles a whole set below their tops: a main one keeps a session from ending early
    (time.use), and another at its top may be what blocks a main one's lifts."""
    return {m for m, n in tally.muscles.items() if room_for_a_set(n, ctx.band_cache[m][1])}


def _room_gap(tally: _Tally, ctx: _Context) -> float:
    """How far below their bands' tops, together, the main muscles sit that have a whole set of
    room (what keeps a session from ending early: time.use)."""
    gap: float = 0  # added up in the main muscles' order, as sum() did (a loop: no generators)
    for m in ctx.rules.muscle_volume.main:
        top, n = ctx.band_cache[m][1], tally.muscles[m]
        if room_for_a_set(n, top):
            gap += top - n
    return gap


def _floor_gap(tally: _Tally, ctx: _Context) -> float:
    """How many sets the week's muscles lack, together, to reach their bands' floors."""
    gap: float = 0  # added up in the muscles' order, as sum() did (a loop: trades ask often)
    for m, n in tally.muscles.items():
        gap += max(0.0, ctx.band_cache[m][0] - n)
    return gap


def _legs_back_ok(tally: _Tally, ctx: _Context) -> bool:
    """Whether the week's legs:back ratio is inside [volume] balance (what _balance would
    otherwise cut back, undoing a trade)."""
    low, high = ctx.rules.volume.balance
    legs, back = tally.regions[_LEGS], tally.regions[_BACK]
    return bool(back) and low <= legs / back <= high


def _whole_pairs(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether every superset's members have the same sets, at least the guide's rounds (a try
    that re-paired a session can leave a new pair uneven, and the plan would show its fewer
    rounds: superset.rounds)."""
    least = ctx.rules.supersets.rounds[0]
    return all(d.partner is None or (d.sets == d.partner.sets and d.sets >= least)
               for sd in sessions for d in sd.drafts)


def _extra_draft(ex: Exercise, ctx: _Context) -> _Draft:
    """`ex` drafted as an added accessory, for reading its dose and time (made once per plan;
    never placed in a session, which gets a fresh draft of its own)."""
    found = ctx.extra_drafts.get(ex.id)
    if found is None:
        found = ctx.extra_drafts[ex.id] = _draft(_extra_slot(ex.pattern, ex.region), ex, ctx, [])
    return found


def _room_but_secondary(ex: Exercise, tally: _Tally, ctx: _Context) -> bool:
    """Whether one set of `ex` keeps its prime movers and its region under their ceilings (its
    secondary muscles may pass theirs)."""
    if ex.region in tally.regions and tally.regions[ex.region] + 1 > ctx.rules.volume.max_sets:
        return False
    return all(tally.muscles[m] + sh <= ctx.band_cache[m][1] for m, sh in ctx.share_items(ex)
               if sh >= 1.0)


def _overdosed(after: _Tally, before: _Tally, ctx: _Context,
               spared: frozenset[str] = frozenset()) -> bool:
    """Whether a change pushed a muscle (but those `spared`) above its band or a region above
    the ceiling."""
    most, bands, was = ctx.rules.volume.max_sets, ctx.band_cache, before.muscles
    for m, n in after.muscles.items():
        if n > max(bands[m][1], was[m]) and m not in spared:
            return True
    return any(n > max(most, before.regions[r]) for r, n in after.regions.items())


def _knee_flexion_options(ctx: _Context) -> list[Exercise]:
    """The knee-flexion exercises the lifter can do, loaded first where the plan loads
    (_loaded_first), then by the catalogue's rank (worked out once per plan)."""
    key = "options:knee-flexion"
    if key not in ctx.options_cache:
        ctx.options_cache[key] = sorted(
            (ex for ex in ctx.usable if ex.pattern is _KNEE_FLEXION),
            key=lambda ex: (_loaded_first(ctx) and not _is_loaded(ex), ex.rank, ex.id))
    return ctx.options_cache[key]


def _knee_flexion_sets(sessions: Sequence[_SessionDraft]) -> int:
    """The week's sets of knee-flexion exercises (a superset's its rounds)."""
    n = 0
    for sd in sessions:  # loops, not sum() over a generator: the trades ask after every try
        for d in sd.drafts:
            if d.exercise.pattern is _KNEE_FLEXION:
                n += d.sets
    return n


def _knee_flexion_floor(ctx: _Context) -> int:
    """[muscle_volume.knee_flexion] for the goal and level: the weekly knee-flexion sets a plan
    of pattern_min_days or more keeps where time allows; 0 below those days."""
    if ctx.profile.days_per_week < ctx.rules.coach_checks.pattern_min_days:
        return 0
    return ctx.rules.muscle_volume.knee_flexion_floor(ctx.profile.goal, ctx.profile.level)


def _floor(d: _Draft, sd: _SessionDraft, ctx: _Context) -> int:
    """The fewest sets the rules leave `d`: a superset's guide minimum of rounds, an accessory's
    [dosing] min_sets, a main lift as many as the session's largest accessory (main.most-sets).
    `redwood check` reads the same floors when a muscle ends above its band."""
    if d.partner is not None:
        return ctx.rules.supersets.rounds[0]
    least = ctx.rules.dosing.min_sets
    if not d.main:
        return least
    for x in sd.drafts:  # a loop, not max() of a generator: the cuts ask for every lift
        if not x.main and x.sets > least:
            least = x.sets
    return least


@dataclass
class _WeekPlan:
    """A block's week: its sessions, their tally and its notes."""

    sessions: list[_SessionDraft]
    tally: _Tally
    notes: list[str]
    minutes: list[int] = field(default_factory=list)
    """Each session's minutes, worked out when the block's weeks are stamped."""
    seconds: list[float] = field(default_factory=list)
    """Each session's blocks' seconds (the same moment)."""
    units: list[list[tuple[_Draft, ...]]] = field(default_factory=list)
    """Each session's blocks-to-be (the same moment)."""
    titles: list[str] = field(default_factory=list)
    """Each session's title (the same moment)."""
    spent: bool | None = None
    """Whether no main muscle has room for another set (_spent_muscles; the same moment)."""
    thinned: bool = False
    """Whether _thin_isolation took isolation out of the templates' sessions."""


def _spaced(d: _Draft) -> bool:
    """Isolation work a coach spaces like a region's hard sessions (a leg curl, a calf raise, a
    reverse fly); not core, the bracing every session's lifts load anyway."""
    return not d.main and not d.compound and d.exercise.pattern is not _CORE


def _close(a: _SessionDraft, b: _SessionDraft, hours: int) -> bool:
    """Whether sessions a and b are less than `hours` apart (across the week's end too)."""
    gap = abs(a.day - b.day) % 7
    return min(gap, 7 - gap) * 24 < hours


def _held(sessions: Sequence[_SessionDraft]) -> list[Counter[Pattern]]:
    """Each session's isolation work by pattern (_spaced)."""
    return [Counter([d.exercise.pattern for d in sd.drafts if _spaced(d)]) for sd in sessions]


def _crowding(sessions: Sequence[_SessionDraft], hours: int,
              held: Sequence[Counter[Pattern]] | None = None) -> int:
    """How often the week holds isolation work of one pattern (_spaced) in two sessions less
    than `hours` apart: a seated leg curl on Friday and a lying one on Saturday count once.
    `held`: the sessions' patterns as _held gives them (or as a move would leave them)."""
    # Plain loops and sets (the spacing and the knee-flexion trades ask for every try): the
    # patterns two close sessions share, counted once per pair.
    if held is None:
        kinds = [{d.exercise.pattern for d in sd.drafts
                  if not d.main and not d.compound and d.exercise.pattern is not _CORE}
                 for sd in sessions]  # _spaced inlined
        count = 0
        for i, a in enumerate(sessions):
            for j in range(i + 1, len(sessions)):
                if _close(a, sessions[j], hours):
                    count += len(kinds[i] & kinds[j])
        return count
    count = 0
    for i, a in enumerate(sessions):
        for j in range(i + 1, len(sessions)):
            if _close(a, sessions[j], hours):
                other = held[j]
                for p, n in held[i].items():
                    if n > 0 and other.get(p, 0) > 0:
                        count += 1
    return count


def _near_spaced(sd: _SessionDraft, week: Sequence[_SessionDraft], hours: int) -> set[Pattern]:
    """The isolation patterns (_spaced) of the sessions less than `hours` from `sd`."""
    return {d.exercise.pattern for other in week if other is not sd and _close(sd, other, hours)
            for d in other.drafts if _spaced(d)}


def _repeats(sessions: Sequence[_SessionDraft], most: int, isolation: bool = True) -> int:
    """How many sessions past `most` the week's isolation exercises (_spaced) come in: the same
    reverse fly in three sessions counts one. `isolation=False`: every accessory, core and
    compound ones too."""
    held: dict[str, int] = {}
    for sd in sessions:
        for x in {d.exercise.id for d in sd.drafts
                  if not d.main and (not isolation or (not d.compound
                                                       and d.exercise.pattern is not _CORE))}:
            held[x] = held.get(x, 0) + 1  # _spaced inlined, a dict for a Counter: asked per try
    extra = 0
    for n in held.values():  # a loop, not sum() over a generator: asked per try
        if n > most:
            extra += n - most
    return extra


def _crowded(sessions: Sequence[_SessionDraft], hours: int) -> set[Pattern]:
    """The isolation patterns (_spaced) two sessions less than `hours` apart both hold."""
    held = _held(sessions)
    return {p for i, a in enumerate(sessions) for j, b in enumerate(sessions)
            if i < j and _close(a, b, hours) for p in held[i] if held[j][p] > 0}


def _open_muscles(sessions: Sequence[_SessionDraft], ctx: _Context) -> frozenset[str]:
    """The main muscles a whole set below their tops that a lift of the week could still give a
    set to (one below its most sets, _cap, whose next set or round keeps every muscle inside
    its band): what time.use asks a session that ends early to spend its minutes on."""
    tally = _Tally.of(sessions, ctx)
    roomy = [m for m in ctx.rules.muscle_volume.main
             if room_for_a_set(tally.muscles[m], ctx.band_cache[m][1])]
    found: set[str] = set()
    if roomy:
        for sd in sessions:
            for unit in _units(sd):
                if unit[0].sets < _cap(unit[0], sd, ctx) and tally.room(unit, ctx):
                    found.update(m for m in roomy if _trains(unit, frozenset((m,)), ctx))
    return frozenset(found)


def _lifts_could_give(sessions: Sequence[_SessionDraft], ctx: _Context, tally: _Tally,
                      muscles: Iterable[str]) -> frozenset[str]:
    """Of `muscles`, those a lift of the week could give another set, as `redwood check`
    reads it (time.use, volume.muscle-bands): a unit below its most sets (_cap) with an
    exercise that trains the muscle as a prime mover, whose next set (a superset's next round)
    takes no other muscle past its top. No regard to a region's ceiling (_open_muscles')."""
    wanted = list(muscles)
    found: set[str] = set()
    if not wanted:
        return frozenset()
    bands = ctx.band_cache
    for sd in sessions:
        for unit in _units(sd):
            if unit[0].sets >= _cap(unit[0], sd, ctx):
                continue
            adds: dict[str, float] = {}
            for d in unit:
                for m, sh in d.shares:
                    adds[m] = adds.get(m, 0.0) + sh
            for m in wanted:
                if any(sh >= 1.0 for d in unit for x, sh in d.shares if x == m) and all(
                        tally.muscles[x] + n <= bands[x][1] + 1e-9
                        for x, n in adds.items() if x != m):
                    found.add(m)
    return frozenset(found)


def _isolation_score(sessions: Sequence[_SessionDraft], ctx: _Context) -> tuple[int, int]:
    """(close pairs, repeats): _crowding and _repeats of the week."""
    return (_crowding(sessions, ctx.rules.schedule.min_hours_between_hard),
            _repeats(sessions, ctx.rules.progression.accessory_most_days))
