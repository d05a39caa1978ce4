"""The time model: honest about the guide's 3 s lowering, rest and setup."""

from redwood.domain.plan import Activity, Block, BlockKind, Prescription
from redwood.domain.vocabulary import Mechanic, Muscle, Pattern, Region
from redwood.planner.timing import block_seconds, session_minutes, set_seconds
from redwood.rules import load_rules

TIMING = load_rules().timing


def item(sets=3, low=8, high=10, rest=60, timed=False, per_side=False, region=Region.LEGS):
    return Prescription(
        exercise_id="x", name="X", mechanic=Mechanic.COMPOUND, region=region,
        pattern=Pattern.SQUAT, primary_muscles=(Muscle.QUADRICEPS,), equipment=(),
        sets=sets, low=low, high=high, timed=timed, per_side=per_side, rest_s=rest, why=("w",),
    )


def test_every_rep_is_lowered_over_three_seconds() -> None:
    assert TIMING.eccentric_s == 3
    assert set_seconds(item(high=10), TIMING) >= 10 * 4


def test_unilateral_sets_take_both_sides() -> None:
    assert set_seconds(item(per_side=True), TIMING) > 2 * set_seconds(item(), TIMING)


def test_timed_sets_count_their_seconds() -> None:
    assert set_seconds(item(low=30, high=45, timed=True), TIMING) == 45


def test_single_block_counts_rest_between_sets_not_after_the_last() -> None:
    one = item(sets=3, rest=90)
    expected = TIMING.setup_s + 3 * set_seconds(one, TIMING) + 2 * 90
    assert block_seconds(Block(BlockKind.SINGLE, (one,)), TIMING) == expected


def test_superset_saves_time_over_the_same_work_done_straight() -> None:
    a, b = item(rest=30), item(rest=90, region=Region.BACK)
    straight = sum(block_seconds(Block(BlockKind.SINGLE, (x,)), TIMING) for x in
                   (item(rest=90), item(rest=90, region=Region.BACK)))
    paired = block_seconds(Block(BlockKind.SUPERSET, (a, b), rounds=3, rest_between_s=30), TIMING)
    assert paired < straight


def test_session_includes_warmup_and_cooldown_rounded_up() -> None:
    blocks = [Block(BlockKind.SINGLE, (item(sets=1, high=1),))]
    minutes = session_minutes(blocks, [Activity("w", 3)], [Activity("c", 2)], TIMING)
    assert minutes == 5 + 2  # 60 s setup + 5 s rep rounds up to a second minute
