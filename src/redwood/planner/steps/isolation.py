"""Isolation work of one pattern (leg curls, calf raises): thinned to days 48 h apart,
moved off close days, merged, or gathered onto fewer days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from redwood.domain.vocabulary import Goal, Pattern, Region
from redwood.planner.steps.context import _BACK, _LEGS, _Context, _Draft, _SessionDraft
from redwood.planner.steps.grow import _regrow
from redwood.planner.steps.session import _minutes, _pair
from redwood.planner.steps.tally import (
    _cap,
    _close,
    _crowded,
    _crowding,
    _held,
    _isolation_score,
    _knee_flexion_floor,
    _knee_flexion_sets,
    _legs_back_ok,
    _lifts_could_give,
    _mains_lead,
    _open_muscles,
    _repeats,
    _restore,
    _save,
    _spaced,
    _Tally,
    _WeekPlan,
)
from redwood.planner.steps.week_patterns import _twin
from redwood.planner.volume import room_for_a_set


def _thin_isolation(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """Every template session holds a leg curl, a calf raise and a rear-delt slot: on
    consecutive days (Monday to Wednesday, Friday and Saturday) that is the same isolation
    work less than [schedule] min_hours_between_hard apart, which the steps after the fill can
    only partly move (every session is full by then). Before the fill, each such pattern keeps
    its accessories in the most sessions that are all 48 h apart (where its slots are kept
    longest when time is short, sessions.toml's `keep`: a leg curl as a back day's superset
    partner before a legs day's; then the earliest) and leaves the others: the fill gives the
    muscles their sets back in the kept ones (up to [dosing] max_accessory_sets) or, where it
    must add an exercise, in a session further from that pattern's work first
    (_add_exercise). True when it took any out."""
    hours = ctx.rules.schedule.min_hours_between_hard
    held = _held(sessions)
    thinned = False
    for pattern in dict.fromkeys(p for h in held for p in h):
        holders = [i for i, h in enumerate(held) if h[pattern]]
        if not any(_close(sessions[a], sessions[b], hours)
                   for k, a in enumerate(holders) for b in holders[k + 1:]):
            continue
        best: tuple[tuple[int, int], list[int]] | None = None
        for mask in range(1, 1 << len(holders)):
            kept = [i for k, i in enumerate(holders) if mask >> k & 1]
            if any(_close(sessions[a], sessions[b], hours)
                   for k, a in enumerate(kept) for b in kept[k + 1:]):
                continue
            score = (len(kept), sum(max(d.slot.keep for d in sessions[i].drafts
                                        if _spaced(d) and d.exercise.pattern is pattern)
                                    for i in kept))
            if best is None or score > best[0]:
                best = (score, kept)
        assert best is not None  # one session alone is always spaced
        for i in holders:
            if i not in best[1]:
                sd = sessions[i]
                sd.drafts[:] = [d for d in sd.drafts
                                if not (_spaced(d) and d.exercise.pattern is pattern)]
                thinned = True
    return thinned


def _thinning_cost(week: _WeekPlan, ctx: _Context) -> tuple[bool, float]:
    """What a week's build may have cost the rules _thin_isolation must not: whether it left
    time open (_time_left_open), and how many sets its muscles are short of their bands'
    floors."""
    tally = _Tally.of(week.sessions, ctx)
    short = sum(max(ctx.band(m)[0] - n, 0.0) for m, n in tally.muscles.items())
    return _time_left_open(week.sessions, ctx), round(short, 6)


def _time_left_open(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether a session uses less than [dosing] min_time_use of its minutes while a main
    muscle a whole set below its band's top has a lift that could take a set, as time.use
    (`redwood check`) reads it: one below its most sets (_cap) whose next set (a superset's next
    round) takes no other muscle above its band."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    if all(_minutes(sd, ctx) >= least for sd in sessions):
        return False
    tally = _Tally.of(sessions, ctx)
    roomy = [m for m in ctx.rules.muscle_volume.main
             if room_for_a_set(tally.muscles[m], ctx.band(m)[1])]
    return bool(_lifts_could_give(sessions, ctx, tally, roomy))


_Move = tuple[_SessionDraft, _Draft, _SessionDraft]
"""(from, draft, to): an accessory moved from one session to another."""


def _space_isolation(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Where two sessions less than [schedule] min_hours_between_hard apart hold isolation work
    of one pattern (leg curls on Friday and again on Saturday: the hamstrings hard 24 h apart),
    move one to a session further from the others, or trade places with an isolation accessory
    of that session; where no one move helps, two (Tuesday's calf raise to Monday, then
    Saturday's to Wednesday, from Tuesday, Friday and Saturday). The fill places each exercise
    where the minutes and the bands allow, without looking at the days around it; this only
    changes the day: kept where no exercise changes its sets (so no muscle its weekly sets),
    every session stays inside its minutes and above the time.use floor it had reached, and
    main lifts keep the most sets. A session already under that floor (every main muscle full
    or its lifts at their most sets: the note says so) may give an exercise away, as long as no
    lift gains room it would have to use (_open_muscles)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    for _ in range(2 * len(sessions)):  # each kept step lowers the crowding: a few at most
        now = _crowding(sessions, hours)
        if not now or not _space_once(sessions, ctx, hours, now, two=True):
            return


def _space_once(sessions: list[_SessionDraft], ctx: _Context, hours: int, now: int,
                two: bool) -> bool:
    """_space_isolation's one step: the first move or trade that lowers the crowding below
    `now` within the rules, else (`two`) a move that leaves it as it is followed by one that
    lowers it; True when one was kept. The crowding a move would leave is counted on the
    patterns alone before the week is touched."""
    held = _held(sessions)
    crowded = {p for i, a in enumerate(sessions) for j, b in enumerate(sessions)
               if i < j and _close(a, b, hours) for p in held[i] if held[j][p] > 0}
    level: list[_Move] = []
    for i, sd in enumerate(sessions):
        for d in [d for d in sd.drafts if _spaced(d) and d.exercise.pattern in crowded]:
            pattern = d.exercise.pattern
            for j, taker in enumerate(sessions):
                # `held` counts isolation work: a compound accessory of the pattern (a backward
                # hill walk beside a terminal knee extension) is a twin too.
                if taker is sd or held[j][pattern] or _twin(taker, d.exercise):
                    continue
                # Alone, or in trade for an isolation accessory the giver can hold.
                trades: list[_Draft | None] = [None]
                trades += [x for x in taker.drafts if _spaced(x) and x.exercise.pattern
                           is not pattern and not _twin(sd, x.exercise, d)]
                for x in trades:
                    after = [Counter(h) for h in held]
                    after[i][pattern] -= 1
                    after[j][pattern] += 1
                    if x is not None:
                        after[j][x.exercise.pattern] -= 1
                        after[i][x.exercise.pattern] += 1
                    crowding = _crowding(sessions, hours, after)
                    if crowding < now:
                        if _try_space(sessions, ctx, now - 1, (sd, d, taker),
                                      None if x is None else (taker, x, sd)):
                            return True
                    elif crowding == now and x is None and two:
                        level.append((sd, d, taker))
    for move in level:
        saved = _save(*sessions)
        if _try_space(sessions, ctx, now, move):
            if _space_once(sessions, ctx, hours, now, two=False):
                return True
            _restore(saved)
    return False


def _try_space(sessions: list[_SessionDraft], ctx: _Context, most: int,
               *moves: _Move | None) -> bool:
    """Make the moves, pair the sessions again, and keep them when the crowding is at most
    `most` and the rules of _space_isolation hold; else the week exactly as it was. A moved
    exercise the taker's superset would raise to its rounds (more sets) goes as straight sets
    instead."""
    hours = ctx.rules.schedule.min_hours_between_hard
    was = {id(s): (_minutes(s, ctx), _mains_lead(s)) for s in sessions}
    sets = [(d, d.sets) for s in sessions for d in s.drafts]
    saved = _save(*sessions)
    # A session ending early is excused only while no lift can give a main muscle a set
    # (time.use): a leg curl moved beside three-set main lifts from a session of two-set ones
    # could take a third set.
    open_before = _open_muscles(sessions, ctx)
    made = [move for move in moves if move is not None]
    for straight in (False, True):
        for giver, d, taker in made:
            giver.drafts.remove(d)
            taker.drafts.append(d)
            if straight or d.exercise.id in giver.solo:
                giver.solo.discard(d.exercise.id)
                taker.solo.add(d.exercise.id)
        for s in dict.fromkeys(s for move in made for s in (move[0], move[2])):
            _pair(s, ctx)
        if all(d.sets == n for d, n in sets):
            if (_crowding(sessions, hours) <= most
                    and _minutes_kept(sessions, ctx, was, open_before)):
                return True
            _restore(saved)
            return False  # straight sets take longer: no better
        _restore(saved)
    return False


def _minutes_kept(sessions: Sequence[_SessionDraft], ctx: _Context,
                  was: Mapping[int, tuple[float, bool]], open_before: frozenset[str],
                  full: float | None = None) -> bool:
    """Whether a move between sessions (_try_space, _try_merge) keeps their minutes: each
    within its budget, none newly under [dosing] min_time_use, none losing its main lifts'
    lead, and (`full` given) none that was full newly short of it; a session under
    min_time_use is excused only while no main muscle newly has room (time.use). `was` holds
    each session's minutes and lead before the move, `open_before` _open_muscles' answer."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    minutes = [_minutes(s, ctx) for s in sessions]  # once each, not at every clause
    return (all(n <= budget
                and (n >= least or was[id(s)][0] < least)
                and (_mains_lead(s) or not was[id(s)][1])
                and (full is None or n >= full or was[id(s)][0] < full)
                for s, n in zip(sessions, minutes, strict=True))
            and (all(n >= least for n in minutes)
                 or _open_muscles(sessions, ctx) <= open_before))


def _merge_isolation(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Where the week holds isolation work of one pattern in more sessions than its days can
    space 48 h apart (calf raises in four sessions of a five-day week), or one isolation
    exercise in more than [progression] accessory_most_days sessions (the reverse fly three
    times a week with only a kettlebell and a pull-up bar), _space_isolation has nowhere to move
    it: here an isolation exercise's sets join the same exercise (or one of its pattern that
    loads the same muscles alike) in another session, and the spacing is tried again. Kept only
    where every muscle keeps its weekly sets (the same shares), no other exercise changes its
    sets, the joined one stays within [dosing] max_accessory_sets and the session's fewest
    main-lift sets, and the minutes keep _try_space's rules."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.progression.accessory_most_days
    for _ in range(2 * len(sessions)):  # each kept step takes an exercise away: a few at most
        score = (_crowding(sessions, hours), _repeats(sessions, most))
        if score == (0, 0) or not _merge_once(sessions, ctx, score):
            return
        _space_isolation(sessions, ctx)


def _merge_once(sessions: list[_SessionDraft], ctx: _Context, score: tuple[int, int]) -> bool:
    """_merge_isolation's one step: the first join that lowers the crowding or the repeats and
    raises neither; True when one was kept. An exercise's sets may be shared out over several
    sessions' (two calf-raise sets, one each to Monday's and Wednesday's calf raises); failing
    that, the sets the others cannot take are dropped where every muscle keeps its band's floor
    (calves at 9 of 6-12 instead of 11, the calf raises 48 h apart)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.progression.accessory_most_days

    def better() -> bool:
        return _better((_crowding(sessions, hours), _repeats(sessions, most)), score)

    crowded = _crowded(sessions, hours)
    held = Counter(x for sd in sessions for x in {d.exercise.id for d in sd.drafts if _spaced(d)})
    for dropping in (False, True):
        for giver in sessions:
            for d in [d for d in giver.drafts if _spaced(d) and (
                    d.exercise.pattern in crowded or held[d.exercise.id] > most)]:
                # Each session's own work of d's pattern that loads the muscles alike, with the
                # sets it could still take.
                room = [(taker, y, _join_room(y, taker, ctx)) for taker in sessions
                        if taker is not giver for y in taker.drafts
                        if _spaced(y) and y.exercise.pattern is d.exercise.pattern
                        and (y.exercise.id == d.exercise.id or y.shares == d.shares)]
                room = [r for r in room if r[2] > 0]
                if not dropping and sum(r[2] for r in room) < d.sets:
                    continue
                for gifts in _gift_options(room, d.sets, dropping):
                    if _try_merge(sessions, ctx, giver, d, gifts, better):
                        return True
    return False


_Gift = tuple[_SessionDraft, _Draft, int]
"""(taker, y, n): n more sets of y in session taker."""


def _gift_options(room: Sequence[_Gift], sets: int, dropping: bool) -> list[list[_Gift]]:
    """Ways to share `sets` out over the takers of `room` (each (taker, y, room for sets)), one
    exercise a session: all of them given (each taker first in turn), or (`dropping`) any
    few takers given what they can hold and the rest dropped, most sets given first."""
    options: list[list[_Gift]] = []
    if not dropping:
        for first in range(len(room)):
            gifts: list[_Gift] = []
            left = sets
            for taker, y, n in list(room[first:]) + list(room[:first]):
                if left and all(t is not taker for t, _, _ in gifts):
                    gifts.append((taker, y, min(n, left)))
                    left -= min(n, left)
            if not left:
                options.append(gifts)
        return options
    few = list(room[:_MOST_TAKERS])
    for mask in range(1 << len(few)):
        chosen = [few[k] for k in range(len(few)) if mask >> k & 1]
        if len({id(t) for t, _, _ in chosen}) < len(chosen):
            continue
        gifts, left = [], sets
        for taker, y, n in chosen:
            gifts.append((taker, y, min(n, left)))
            left -= min(n, left)
        if all(n for _, _, n in gifts):
            options.append(gifts)
    return sorted(options, key=lambda g: -sum(n for _, _, n in g))


# Takers a dropped-remainder join looks at (2^4 ways at most: the week has six sessions).
_MOST_TAKERS = 4


def _full_regions(tally: _Tally, ctx: _Context, *, ceiling: bool = True) -> set[Region]:
    """The regions one more set would take past [volume] max_sets (unless not `ceiling`) or out
    of its legs:back balance."""
    low, high = ctx.rules.volume.balance
    legs, back = tally.regions[_LEGS], tally.regions[_BACK]
    full = {r for r, n in tally.regions.items()
            if ceiling and n + 1 > ctx.rules.volume.max_sets}
    if not back or (legs + 1) / back > high:
        full.add(_LEGS)
    if not legs or legs / (back + 1) < low:
        full.add(_BACK)
    return full


def _floors_kept(before: _Tally, after: _Tally, ctx: _Context, *, ceiling: bool = True) -> bool:
    """Whether every muscle with fewer sets than before still has its band's floor and none is
    above its band's top (an item above the top must be at its fewest sets,
    volume.muscle-bands), and each region that lost sets keeps the hypertrophy minimum and the
    legs:back balance it had. No main muscle newly has room for a set and no region newly takes
    one: time.use excuses a session ending early only while none has (two calf-raise sets less
    can leave the legs room under the legs:back balance for the quadriceps' set), and which
    session ends early is the stamped minutes' call, not this step's (50 of 67 min is under
    75%)."""
    main = ctx.rules.muscle_volume.main
    if not (_full_regions(before, ctx, ceiling=ceiling)
            <= _full_regions(after, ctx, ceiling=ceiling)):
        return False
    for m, n in after.muscles.items():
        low, high = ctx.band_cache[m]
        if n > high + 1e-9 or (n < before.muscles[m] - 1e-9 and (
                n < low - 1e-9 or (m in main and room_for_a_set(n, high)
                                   and not room_for_a_set(before.muscles[m], high)))):
            return False
    return _regions_kept(before, after, ctx)


def _regions_kept(before: _Tally, after: _Tally, ctx: _Context) -> bool:
    """Whether each region that lost sets keeps the hypertrophy minimum and the legs:back
    balance it had (_floors_kept, _gather_floors_kept)."""
    if after.regions == before.regions:
        return True
    least = ctx.rules.volume.hypertrophy_min_sets if ctx.profile.goal is Goal.HYPERTROPHY else 0
    return (all(after.regions[r] >= min(least, before.regions[r]) for r in after.regions)
            and (_legs_back_ok(after, ctx) or not _legs_back_ok(before, ctx)))


def _join_room(y: _Draft, sd: _SessionDraft, ctx: _Context) -> int:
    """The sets y could take as straight sets: [dosing] max_accessory_sets, and no more than
    the session's fewest main-lift sets."""
    most = min([ctx.rules.dosing.max_accessory_sets]
               + [m.sets for m in sd.drafts if m.main])
    return most - y.sets


def _better(now: tuple[int, int], was: tuple[int, int]) -> bool:
    return now[0] <= was[0] and now[1] <= was[1] and now != was


def _try_merge(sessions: list[_SessionDraft], ctx: _Context, giver: _SessionDraft, d: _Draft,
               gifts: Sequence[tuple[_SessionDraft, _Draft, int]],
               better: Callable[[], bool]) -> bool:
    """Take d out of `giver`, give each (taker, y, n) of `gifts` n more sets of y, and pair the
    sessions again; keep it when `better()` and the rules of _merge_isolation hold, else the
    week exactly as it was. The joined exercises go as straight sets where their supersets would
    take a partner to more rounds."""
    budget = ctx.profile.minutes_per_session
    full = budget - ctx.rules.coach_checks.full_margin_minutes
    joined = {id(y): y.sets + n for _, y, n in gifts}
    was = {id(s): (_minutes(s, ctx), _mains_lead(s)) for s in sessions}
    sets = [(x, x.sets) for s in sessions for x in s.drafts
            if x is not d and id(x) not in joined]
    saved = _save(*sessions)
    open_before = _open_muscles(sessions, ctx)
    before = _Tally.of(sessions, ctx)
    # With a muscle below its band's floor, the full week is the floor's excuse
    # (volume.muscle-bands): no session that was full may end early.
    short = any(n < ctx.band_cache[m][0] - 1e-9 for m, n in before.muscles.items())
    for straight in (False, True):
        giver.drafts.remove(d)
        for taker, y, _ in gifts:
            y.sets = joined[id(y)]
            if straight:
                taker.solo.add(y.exercise.id)
        for s in dict.fromkeys([giver] + [t for t, _, _ in gifts]):
            _pair(s, ctx)
        if (all(y.sets == joined[id(y)] <= _cap(y, t, ctx) for t, y, _ in gifts)
                and all(x.sets == n for x, n in sets)):
            if (better()
                    and _minutes_kept(sessions, ctx, was, open_before, full if short else None)
                    # Room under [volume] max_sets the join leaves a region is no room while
                    # no lift of the week can take a set there (legs at 40 with two calf-raise
                    # sets less, every quadriceps lift at its most sets): _open_muscles counts
                    # the ceiling, so no main muscle may newly be open (legs:back stays full).
                    and _floors_kept(before, _Tally.of(sessions, ctx), ctx, ceiling=False)
                    and _open_muscles(sessions, ctx) <= open_before):
                return True
            _restore(saved)
            return False  # straight sets take longer: no better
        _restore(saved)
    return False


def _gather_isolation(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Where a pattern's isolation work still sits in two sessions less than [schedule]
    min_hours_between_hard apart after the moves and joins (_space_isolation, _merge_isolation:
    those only move a whole exercise, or join sets to a session that already holds the
    pattern), a coach gathers the pattern's weekly sets into sessions that are 48 h apart: calf
    raises of 3 + 2 + 3 sets on Tuesday, Thursday and Friday become 4 + 3 on Monday and
    Friday, a 6-day week's four leg curls three on Monday, Wednesday and Friday; and the same
    for an isolation exercise the week holds in more than [progression] accessory_most_days
    sessions (a kettlebell lifter's rear-delt raise three times a week). The sets go
    to the same exercises (or ones of the pattern that load the muscles alike), each within
    [dosing] max_accessory_sets and its session's fewest main-lift sets; kept only on
    _try_merge's terms (every muscle its sets, or its band's floor where the spaced sessions
    cannot take them all and no more than [schedule] spacing_drop_sets of the pattern's sets go
    (a coach spaces calf raises at 8 sets instead of 10, not hamstrings at 12 instead of 18),
    knee flexion its [muscle_volume.knee_flexion] floor, and the room
    the dropped sets leave given to the week's other lifts, _regrow; every session its
    minutes, an isolation or core accessory moved to make room where it is over them,
    _gather_trade; no other exercise's sets changed, but for that regrowth)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    spaced_sets = [kept for mask in range(1, 1 << len(sessions))
                   for kept in [[i for i in range(len(sessions)) if mask >> i & 1]]
                   if not any(_close(sessions[a], sessions[b], hours)
                              for k, a in enumerate(kept) for b in kept[k + 1:])]
    for _ in range(len(sessions)):  # each kept step spaces one pattern: a few at most
        score = _isolation_score(sessions, ctx)
        if score == (0, 0) or not _gather_once(sessions, ctx, score, spaced_sets):
            return


_Gather = tuple[int, int, int, list[tuple[int, _Draft | None, int]]]
"""(sets dropped, sets moved, sessions newly holding the pattern, [(session, its draft of the
pattern or None for a new one, sets it ends with)]): one way _gather_once could space a
pattern."""


def _gather_once(sessions: list[_SessionDraft], ctx: _Context, score: tuple[int, int],
                 spaced_sets: Sequence[Sequence[int]]) -> bool:
    """_gather_isolation's one step: for the first crowded pattern (or one whose isolation
    exercise comes in more than [progression] accessory_most_days sessions) that can be
    gathered, the way that moves and drops the fewest sets; True when one was kept."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.progression.accessory_most_days
    held = Counter(x for sd in sessions for x in {d.exercise.id for d in sd.drafts if _spaced(d)})
    repeated = {d.exercise.pattern for sd in sessions for d in sd.drafts
                if _spaced(d) and held[d.exercise.id] > most}
    for pattern in sorted(_crowded(sessions, hours) | repeated, key=lambda p: p.value):
        own = [(i, d) for i, sd in enumerate(sessions) for d in sd.drafts
               if _spaced(d) and d.exercise.pattern is pattern]
        if len({d.shares for _, d in own}) > 1 or len({i for i, _ in own}) < len(own):
            continue  # unlike work (its sets are not the same muscles') or two in a session
        by_session = {i: d for i, d in own}
        total = sum(d.sets for _, d in own)
        ways: list[_Gather] = []
        for kept in spaced_sets:
            rooms = [(i, by_session.get(i),
                      _gather_room(sessions[i], by_session.get(i), pattern, ctx))
                     for i in kept]
            if any(room < 0 or (d is None and not room) for i, d, room in rooms):
                continue
            stay = sum(d.sets for i, d, _ in rooms if d is not None)
            need = total - stay
            new = sum(d is None for _, d, _ in rooms)
            plan: list[tuple[int, _Draft | None, int]] = []
            left = need
            for i, d, room in sorted(rooms, key=lambda r: (r[1] is None, -r[2])):
                give = min(room, left)
                left -= give
                if d is not None or give:
                    plan.append((i, d, (0 if d is None else d.sets) + give))
            ways.append((left, need - left, new, plan))
        for dropped, _, _, plan in sorted(ways, key=lambda w: w[:3]):
            if dropped > ctx.rules.schedule.spacing_drop_sets:
                break  # the rest drop more
            if _try_gather(sessions, ctx, pattern, own, plan, dropped, score, most):
                return True
    return False


def _gather_room(sd: _SessionDraft, d: _Draft | None, pattern: Pattern, ctx: _Context) -> int:
    """The sets session sd could add to its isolation exercise d of `pattern` (or hold in a new
    one, d None) as straight sets: _join_room's limits; -1 where d is None and the session
    holds another accessory of the pattern (pattern.once-per-session)."""
    if d is None and any(x.exercise.pattern is pattern and not x.main for x in sd.drafts):
        return -1
    most = min([ctx.rules.dosing.max_accessory_sets] + [m.sets for m in sd.drafts if m.main])
    return most - (0 if d is None else d.sets)


def _try_gather(sessions: list[_SessionDraft], ctx: _Context, pattern: Pattern,
                own: Sequence[tuple[int, _Draft]], plan: Sequence[tuple[int, _Draft | None, int]],
                dropped: int, score: tuple[int, int], most: int) -> bool:
    """Make `plan` (each session of it ends with that many sets of the pattern, the others
    none), pair the sessions again and keep it on _try_merge's terms, else the week exactly as
    it was. A new session's exercise is one of the removed ones it does not yet hold, the one
    the week repeats least."""
    budget = ctx.profile.minutes_per_session
    full = budget - ctx.rules.coach_checks.full_margin_minutes
    targets = {i for i, _, _ in plan}
    removed = [d for i, d in own if i not in targets]
    touched = dict.fromkeys([sessions[i] for i, _ in own] + [sessions[i] for i in targets])
    sets = [(x, x.sets) for s in sessions for x in s.drafts
            if not (_spaced(x) and x.exercise.pattern is pattern)]
    curls = _knee_flexion_sets(sessions)
    curls_least = min(curls, _knee_flexion_floor(ctx))
    was = {id(s): (_minutes(s, ctx), _mains_lead(s)) for s in sessions}
    saved = _save(*sessions)
    open_before = _open_muscles(sessions, ctx)
    before = _Tally.of(sessions, ctx)
    short = any(n < ctx.band_cache[m][0] - 1e-9 for m, n in before.muscles.items())
    for straight in (False, True):
        for i, d in own:
            if i not in targets:
                sessions[i].drafts.remove(d)
        made: list[tuple[_SessionDraft, _Draft, int]] = []
        for i, mine, n in plan:
            sd = sessions[i]
            if mine is None:
                held = Counter(x.exercise.id for s in sessions for x in s.drafts if _spaced(x))
                donor = min(removed, key=lambda x: (held[x.exercise.id], -x.sets))
                d = replace(donor, why=list(donor.why), partner=None)
                sd.drafts.append(d)
            else:
                d = mine
            d.sets = n
            made.append((sd, d, n))
            if straight and (d.exercise.id not in sd.solo):
                sd.solo.add(d.exercise.id)
        for s in touched:
            _pair(s, ctx)
        budget_over = [s for s in touched if _minutes(s, ctx) > budget]
        if budget_over and not _gather_trade(sessions, ctx, pattern, budget_over):
            _restore(saved)
            continue
        if (all(d.sets == n <= _cap(d, sd, ctx) for sd, d, n in made)
                and all(x.sets == n for x, n in sets)
                and _knee_flexion_sets(sessions) >= curls_least):
            if dropped and not _open_muscles(sessions, ctx) <= open_before:
                _regrow(sessions, ctx)  # the dropped sets' room goes to the other lifts
            after = _Tally.of(sessions, ctx)
            if (_better(_isolation_score(sessions, ctx), score)
                    and _repeats(sessions, most) <= score[1]
                    and _knee_flexion_sets(sessions) >= curls_least
                    and (dropped or all(abs(after.muscles[m] - n) < 1e-9
                                        for m, n in before.muscles.items()))
                    and _gather_minutes_kept(sessions, ctx, was, open_before,
                                             full if short else None)
                    and _gather_floors_kept(before, after, ctx)):
                return True
            _restore(saved)
            return False  # straight sets take longer: no better
        _restore(saved)
    return False


def _gather_trade(sessions: list[_SessionDraft], ctx: _Context, pattern: Pattern,
                  over: Sequence[_SessionDraft]) -> bool:
    """A session _try_gather took over its minutes gives an isolation or core accessory of
    another pattern (what _space_isolation moves; never a compound) to a session with the
    minutes for it and none of its pattern: the leg curls gathered on Thursday, Thursday's
    reverse fly to Monday, which gave its curl. True when every session is within its minutes
    again (else the moves stay, for _restore)."""
    budget = ctx.profile.minutes_per_session
    for sd in over:
        if _minutes(sd, ctx) <= budget:
            continue
        done = False
        for x in [x for x in sd.drafts if x.exercise.pattern is not pattern
                  and (_spaced(x) or (not x.main and x.exercise.pattern is Pattern.CORE))]:
            for taker in sorted(sessions, key=lambda s: _minutes(s, ctx)):
                if taker is sd or _twin(taker, x.exercise):
                    continue
                at = sd.drafts.index(x)
                _hand_over(x, sd, taker, len(taker.drafts), ctx)
                if _minutes(sd, ctx) <= budget and _minutes(taker, ctx) <= budget:
                    done = True
                    break
                _hand_over(x, taker, sd, at, ctx)
            if done:
                break
        if not done:
            return False
    return True


def _hand_over(x: _Draft, giver: _SessionDraft, taker: _SessionDraft, at: int,
               ctx: _Context) -> None:
    """Move x from giver to taker (at position `at`), straight sets with it where it had them,
    and pair both sessions again."""
    giver.drafts.remove(x)
    taker.drafts.insert(at, x)
    if x.exercise.id in giver.solo:
        giver.solo.discard(x.exercise.id)
        taker.solo.add(x.exercise.id)
    _pair(giver, ctx)
    _pair(taker, ctx)


def _gather_minutes_kept(sessions: Sequence[_SessionDraft], ctx: _Context,
                         was: Mapping[int, tuple[float, bool]], open_before: frozenset[str],
                         full: float | None) -> bool:
    """_minutes_kept for _try_gather: the same, except that a session may newly end early
    (under [dosing] min_time_use) where no main muscle is left with room a lift of the week
    could take (_open_muscles empty: time.use's excuse, which the stamped note names): the
    sets a spaced week gives up were the top of a band (calves 10 -> 8 of 4-10), no main muscle
    is below its floor (`full` None) and the session's main lifts have the goal's sets (and at
    least 3)."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    minutes = [_minutes(s, ctx) for s in sessions]
    if not all(n <= budget and (_mains_lead(s) or not was[id(s)][1])
               and (full is None or n >= full or was[id(s)][0] < full)
               for s, n in zip(sessions, minutes, strict=True)):
        return False
    open_after = _open_muscles(sessions, ctx)
    if not open_after <= open_before:
        return False
    newly_short = [s for s, n in zip(sessions, minutes, strict=True) if n < least <= was[id(s)][0]]
    # Nor where a main muscle is below its floor (the week's full sessions are its excuse), or
    # the session's main lifts are short of the goal's sets (main.sets-first: the day with
    # time gets them first).
    want = max(ctx.goal.compound_sets, 3)
    return not newly_short or (not open_after and full is None and all(
        d.sets >= want for s in newly_short for d in s.drafts if d.main))


def _gather_floors_kept(before: _Tally, after: _Tally, ctx: _Context) -> bool:
    """_floors_kept for _try_gather (ceiling off): every muscle that lost sets keeps its
    band's floor, none is above its top, each region that lost sets keeps the hypertrophy
    minimum and the legs:back balance it had; a main muscle or a region may newly have room for
    a set (_gather_minutes_kept asks _open_muscles whether a lift could take it)."""
    for m, n in after.muscles.items():
        low, high = ctx.band_cache[m]
        if n > high + 1e-9 or (n < before.muscles[m] - 1e-9 and n < low - 1e-9):
            return False
    return _regions_kept(before, after, ctx)
