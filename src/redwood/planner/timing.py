"""How long a session takes: the documented time model.

    rep      = eccentric (3 s, the guide's slow lowering; a negative's own lowering, the top
               of [limits] lowering_s) + concentric + a breath
    set      = reps_max x rep, or the hold's seconds; unilateral sets are done once per side,
               plus a moment to switch
    single   = setup + sets x set + rest between the sets
    superset = setup for both + rounds x (first + rest between the pair + second)
               + rest between rounds
    session  = warm-up + blocks + cool-down, rounded up to the minute

The top of each rep range is used, so a lifter who hits every target still finishes on time.
All the numbers come from rules.toml ([timing]).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from redwood.domain.plan import Activity, Block, BlockKind, Prescription
from redwood.rules import TimingRules

# Read once: in Python 3.11 a member read through its enum class costs some ten times a global
# (the planner's hot loops: see planner/steps/context.py).
_SINGLE = BlockKind.SINGLE


def set_seconds(item: Prescription, timing: TimingRules) -> float:
    lowering = item.lowering_s[1] if item.lowering_s is not None else None
    one_side = item.high if item.timed else item.high * timing.rep_seconds(lowering)
    if item.per_side:
        return 2 * one_side + timing.switch_side_s
    return one_side


def block_seconds(block: Block, timing: TimingRules) -> float:
    if block.kind is _SINGLE:
        (item,) = block.items
        work = item.sets * set_seconds(item, timing)
        return timing.setup_s + work + (item.sets - 1) * item.rest_s
    rounds = block.rounds or 1
    between = block.rest_between_s or 0
    work = sum(set_seconds(item, timing) for item in block.items)
    after_round = block.items[-1].rest_s
    return (
        timing.setup_s * len(block.items)
        + rounds * (work + between * (len(block.items) - 1))
        + (rounds - 1) * after_round
    )


def session_minutes(
    blocks: Iterable[Block],
    warmup: Iterable[Activity],
    cooldown: Iterable[Activity],
    timing: TimingRules,
    seconds_of: Callable[[Block], float] | None = None,
) -> int:
    """The session's minutes; `seconds_of`: block_seconds kept by the caller (the planner
    stamps the same blocks into every week of a block)."""
    if seconds_of is None:
        seconds = sum(block_seconds(b, timing) for b in blocks)
    else:
        seconds = sum(map(seconds_of, blocks))  # the same sum, without a generator's frames
    extra = sum([a.minutes for a in warmup]) + sum([a.minutes for a in cooldown])
    # A hair of tolerance so float noise never rounds 30.0000001 up to 31.
    return math.ceil(seconds / 60 + extra - 1e-9)
