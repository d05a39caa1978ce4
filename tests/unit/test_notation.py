"""The set notation typed at the gym."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.log import Unit
from redwood.domain.notation import SetNotationError, parse_set


@pytest.mark.parametrize(
    ("text", "weight", "reps", "seconds", "rpe"),
    [
        ("60kgx10", "60.00", 10, None, None),
        ("60kg x 9 @8", "60.00", 9, None, "8"),
        ("102.5kgx5@8.5", "102.50", 5, None, "8.5"),
        ("225lbx5", "102.06", 5, None, None),
        ("60x10", "60.00", 10, None, None),
        ("x12", None, 12, None, None),
        ("45s", None, None, 45, None),
        ("20kgx40s", "20.00", None, 40, None),
        ("  80,5kg×8 ", "80.50", 8, None, None),
    ],
)
def test_accepted_forms(text, weight, reps, seconds, rpe) -> None:
    spec = parse_set(text)
    assert spec.weight_kg == (Decimal(weight) if weight else None)
    assert (spec.reps, spec.seconds) == (reps, seconds)
    assert spec.rpe == (Decimal(rpe) if rpe else None)


def test_a_weight_without_unit_is_in_the_lifters_unit() -> None:
    assert parse_set("135x5", Unit.LB).weight_kg == Decimal("61.23")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "not a set"),
        ("sixty x ten", "not a set"),
        ("60kg", "not a set"),
        ("60kgx0", "reps"),
        ("60kgx1001", "reps"),
        ("1600kgx1", "1500 kg"),
        ("-5kgx5", "not a set"),
        ("60kgx5@11", "RPE"),
        ("0kgx5", "above 0"),
    ],
)
def test_impossible_sets_are_refused_with_the_reason(text, problem) -> None:
    with pytest.raises(SetNotationError, match=problem):
        parse_set(text)


@given(st.text(max_size=20))
def test_any_text_parses_or_raises_a_clear_error(text) -> None:
    try:
        parse_set(text)
    except SetNotationError as exc:
        assert "\n" not in str(exc)
