"""coach/typo.py: when a typed load looks like a typo ([typo] of coach.toml)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from redwood.coach.typo import Basis, typo_doubt
from redwood.rules.coach import load_coach_rules

RULES = load_coach_rules().typo
D = Decimal

# Loads in 0.25 kg steps from 0.25 kg to 400 kg.
loads = st.integers(min_value=1, max_value=1600).map(lambda q: D(q) / 4)


def _ramp_steps(max_ratio: float) -> st.SearchStrategy[list[Decimal]]:
    """Step ratios of a ramp (each set at most `max_ratio` times the one before, and at least
    half of it: a back-off)."""
    return st.lists(
        st.integers(min_value=50, max_value=int(max_ratio * 100)).map(lambda p: D(p) / 100),
        min_size=1,
        max_size=8,
    )


@given(
    estimate=loads,
    first=st.integers(min_value=10, max_value=int(RULES.over_estimate * 10)),
    steps=_ramp_steps(RULES.ramp_step),
)
def test_a_first_session_ramp_within_the_steps_is_never_doubted(
    estimate: Decimal, first: int, steps: list[Decimal]
) -> None:
    """A calibrating lift's session: set 1 up to over_estimate x the estimate, then each set up
    to ramp_step x the set before (or a back-off): no set is doubted, whatever the estimate."""
    sets = [estimate * first / 10]
    for ratio in steps:
        sets.append(sets[-1] * ratio)
    for i, weight in enumerate(sets):
        assert (
            typo_doubt(
                weight,
                target_kg=estimate,
                estimate=True,
                today=sets[:i],
                best_before=None,
                rules=RULES,
            )
            is None
        ), (i, sets)


@given(target=loads, typed=loads)
def test_a_digit_slip_on_an_established_target_is_always_doubted(
    target: Decimal, typed: Decimal
) -> None:
    """Any load the lifter meant up to the target, typed ten times over (a dropped decimal
    point, a doubled 0): doubted against the target."""
    meant = min(typed, target)
    if meant * 10 <= target * D(str(RULES.over_target)):
        return  # under 15% of the target: a slip of it lands near the target itself
    doubt = typo_doubt(
        meant * 10, target_kg=target, estimate=False, today=(), best_before=target * 2, rules=RULES
    )
    assert doubt is not None and doubt.basis is Basis.TARGET and doubt.reference_kg == target


@given(steps=_ramp_steps(RULES.ramp_step), slip=st.integers(min_value=0, max_value=7))
def test_a_digit_slip_in_a_ramp_is_always_doubted(steps: list[Decimal], slip: int) -> None:
    """A ramp from 20 kg; the set after set `slip` typed ten times over: doubted when the set
    meant is at least 0.6 of the heaviest before it (every step up, and back-offs to 60%)."""
    sets = [D(20)]
    for ratio in steps:
        sets.append(sets[-1] * ratio)
    at = min(slip + 1, len(sets) - 1)
    meant, before = sets[at], sets[:at]
    if meant * 10 <= max(before) * D(str(RULES.ramp_step)):
        return
    doubt = typo_doubt(
        meant * 10, target_kg=D(20), estimate=True, today=before, best_before=None, rules=RULES
    )
    assert doubt is not None and doubt.basis is Basis.TODAY


def test_the_rule_reverted_on_7_december_is_not_back() -> None:
    """62.5 kg against a 20 kg first estimate (3.1 x) and a strong lifter's 20 -> 60 -> 100
    -> 140 kg deadlift ramp: real loads, not doubted; 600 kg after 60 kg is."""
    assert (
        typo_doubt(
            D("62.5"), target_kg=D(20), estimate=True, today=(), best_before=None, rules=RULES
        )
        is None
    )
    ramp = [D(20), D(60), D(100), D(140)]
    assert all(
        typo_doubt(w, target_kg=D(20), estimate=True, today=ramp[:i], best_before=None, rules=RULES)
        is None
        for i, w in enumerate(ramp)
    )
    doubt = typo_doubt(
        D(600), target_kg=D(20), estimate=True, today=ramp[:2], best_before=None, rules=RULES
    )
    assert doubt is not None and (doubt.basis, doubt.reference_kg) == (Basis.TODAY, D(60))


def test_the_references_in_turn() -> None:
    """Established target 1.5 x; an estimate's first set 8 x; its later sets 6 x the heaviest
    so far (before or today); no target: 2 x the best, or a first session's ramp step."""

    def doubt(weight: int, **kw):  # type: ignore[no-untyped-def]
        args = {"target_kg": None, "estimate": False, "today": (), "best_before": None, **kw}
        return typo_doubt(D(weight), rules=RULES, **args)

    assert doubt(150, target_kg=D(100)) is None
    assert doubt(151, target_kg=D(100)).basis is Basis.TARGET
    # A heavier set earlier today does not move an established target's bound (as before).
    assert doubt(151, target_kg=D(100), today=[D(150)]) is not None
    assert doubt(160, target_kg=D(20), estimate=True) is None
    assert doubt(161, target_kg=D(20), estimate=True).basis is Basis.ESTIMATE
    assert doubt(600, target_kg=D(20), estimate=True, today=[D(100)]) is None
    assert doubt(601, target_kg=D(20), estimate=True, today=[D(100)]).basis is Basis.TODAY
    found = doubt(601, target_kg=D(20), estimate=True, today=[D(60)], best_before=D(100))
    assert found.basis is Basis.BEST and found.reference_kg == D(100)
    assert doubt(240, best_before=D(120)) is None
    assert doubt(241, best_before=D(120)).ratio == D(2)
    assert doubt(300, best_before=D(120), today=[D(150)]) is None
    assert doubt(121, today=[D(20)]).basis is Basis.TODAY
    assert doubt(1000) is None  # a first set ever, no target: nothing to compare with
