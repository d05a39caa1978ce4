"""Recovery and nutrition: the guide's numbers, worked out independently, and readiness read
exactly as the progression coach reads it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from coachkit import TODAY, Rx, ago, checkin, kg, session, sets
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.loading import default_profile
from redwood.coach.progression import Decision, next_target
from redwood.coach.recovery import (
    fluid_replacement,
    protein_target_g,
    readiness,
    recovery_report,
    report_json,
    rest_days,
    sleep_check,
)
from redwood.domain.log import CheckIn, LoggedSet, Workout
from redwood.domain.vocabulary import Region
from redwood.rules.recovery import load_recovery_rules, parse_recovery_rules, recovery_rules_text

RULES = load_recovery_rules()
MONDAY = TODAY  # coachkit's TODAY is a Monday


def day(offset: int) -> dt.date:
    """A day of TODAY's week: 0 Monday .. 6 Sunday."""
    return MONDAY + dt.timedelta(days=offset)


# --- the rules -------------------------------------------------------------------------------


def test_the_numbers_are_the_guides_with_their_source() -> None:
    assert RULES.protein_g_per_kg == Decimal("1.6")
    assert RULES.fluid_l_per_kg == Decimal("1.5")
    assert RULES.sleep_hours == (Decimal(7), Decimal(9))
    assert RULES.rest_days == (1, 2)
    for source in (RULES.protein_source, RULES.fluid_source, RULES.sleep_source,
                   RULES.rest_source, RULES.active_rest_source):
        assert source == "guide"
        assert "guide" in RULES.sources[source]
    text = " ".join(RULES.active_rest).lower()
    assert "yoga" in text and "walk" in text and "foam rolling" in text and "5 minutes" in text


def test_the_fluid_rate_is_the_guides_three_cups_a_pound_rounded() -> None:
    cups_per_lb = 3 * Fraction("0.2365882365") / Fraction("0.45359237")  # L per kg
    assert abs(float(cups_per_lb) - float(RULES.fluid_l_per_kg)) < 0.1


def test_a_source_missing_from_the_list_is_refused() -> None:
    bad = recovery_rules_text().replace('[protein]\nsource = "guide"', '[protein]\nsource = "x"')
    with pytest.raises(ValueError, match="protein"):
        parse_recovery_rules(bad)


# --- protein, fluid, sleep -------------------------------------------------------------------


@pytest.mark.parametrize(("body", "grams"), [("80", 128), ("79.6", 127), ("100", 160),
                                              ("62.5", 100), ("50.31", 80)])
def test_protein_is_1_6_g_per_kg_a_day(body: str, grams: int) -> None:
    assert protein_target_g(Decimal(body)) == grams


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2000, max_value=40000))
def test_protein_matches_exact_arithmetic(centikg: int) -> None:
    exact = Fraction(centikg, 100) * Fraction(16, 10)
    expected = int(exact + Fraction(1, 2))  # half up, non-negative
    assert protein_target_g(Decimal(centikg) / 100) == expected


@pytest.mark.parametrize(("before", "after", "lost", "litres"), [
    ("80", "79.2", "0.8", "1.2"),
    ("80", "80", "0", "0"),
    ("80", "80.3", "0", "0"),  # drank more than was lost: nothing to replace
    ("92.5", "90.5", "2.0", "3.0"),
    ("70", "69.66", "0.34", "0.5"),  # 0.51 L rounds to 0.5
])
def test_fluid_is_about_1_5_l_per_kg_lost(before: str, after: str, lost: str,
                                          litres: str) -> None:
    got = fluid_replacement(Decimal(before), Decimal(after))
    assert got.lost_kg == Decimal(lost)
    assert got.litres == Decimal(litres)


def test_a_loss_no_session_causes_is_refused_naming_the_field() -> None:
    with pytest.raises(ValueError, match="--after"):
        fluid_replacement(Decimal(80), Decimal(70))


@pytest.mark.parametrize(("hours", "verdict"), [("6", "short"), ("6.99", "short"),
                                                 ("7", "enough"), ("9", "enough"),
                                                 ("10", "long")])
def test_sleep_against_7_to_9_hours(hours: str, verdict: str) -> None:
    got = sleep_check([CheckIn(ago(1), sleep_hours=Decimal(hours))], TODAY)
    assert got is not None and got.verdict == verdict and got.hours == Decimal(hours)


def test_old_sleep_says_nothing_about_today() -> None:
    assert sleep_check([CheckIn(ago(5), sleep_hours=Decimal(5))], TODAY) is None


# --- rest days -------------------------------------------------------------------------------


def test_six_days_trained_means_rest_on_sunday() -> None:
    got = rest_days([day(i) for i in range(6)], day(6))
    assert (got.trained, got.rested, got.days_left) == (6, 0, 1)
    assert got.advice.startswith("rest today")


def test_early_in_the_week_a_rest_day_is_planned() -> None:
    got = rest_days([day(0), day(1)], day(2))
    assert (got.trained, got.rested, got.days_left) == (2, 0, 5)
    assert got.advice == "plan 1 rest day before Sunday"


def test_a_rest_day_taken_is_enough() -> None:
    got = rest_days([day(0), day(2), ago(3)], day(3))  # last week's training does not count
    assert (got.trained, got.rested) == (2, 1)  # Tuesday
    assert got.advice.endswith("enough")


def test_a_full_week_of_training_is_short_of_rest() -> None:
    got = rest_days([day(i) for i in range(7)], day(6))
    assert got.trained == 7 and "short of 1 rest day" in got.advice


# --- readiness: the coach's own --------------------------------------------------------------


def squat_coach(checkins, energies=()):
    from redwood.catalog import load_catalog

    catalog = load_catalog()
    history = [session(3, sets("back-squat", 100, 9, 9, 9))]
    return next_target(catalog["back-squat"], Rx(), history, list(checkins), TODAY,
                       default_profile("gym"), catalog=catalog,
                       session_energy=list(energies))


@pytest.mark.parametrize(("checkins", "energies"), [
    ([checkin(3, energy=2), checkin(2, energy=1), checkin(1, energy=2)], []),
    ([checkin(3, legs=5), checkin(2, legs=4), checkin(1, legs=4)], []),
    ([checkin(2, energy=2)], [(3, 1), (1, 2)]),
    ([checkin(3, energy=2), checkin(2, energy=2), checkin(1, energy=4)], []),
    ([checkin(3, energy=2), checkin(2, energy=2)], []),
    ([checkin(20, energy=1), checkin(15, energy=1), checkin(1, energy=1)], []),
])
def test_recovery_and_the_coach_agree_on_fatigue(checkins, energies) -> None:
    dated = [(ago(d), e) for d, e in energies]
    coach_says = squat_coach(checkins, dated).decision is Decision.FATIGUE_SWAP
    got = readiness(checkins, TODAY, session_energy=dated, last_session=ago(3))
    assert (got.status == "fatigued") == coach_says


def test_sore_legs_hold_the_load_in_both() -> None:
    sore = [checkin(1, legs=4)]
    assert squat_coach(sore).decision is Decision.HOLD
    got = readiness(sore, TODAY, last_session=ago(3))
    assert got.status == "caution" and got.sore_regions == (Region.LEGS,)
    assert "legs soreness 4/5" in got.reasons[0]


def test_minimal_soreness_and_good_sleep_is_ready() -> None:
    fine = [CheckIn(ago(1), sleep_hours=Decimal(8), energy=4)]
    assert readiness(fine, TODAY).status == "ready"
    assert readiness(fine, TODAY).reasons == ()


def test_short_sleep_is_a_caution_with_its_number() -> None:
    got = readiness([CheckIn(ago(1), sleep_hours=Decimal("5.5"), energy=4)], TODAY)
    assert got.status == "caution"
    assert got.reasons == (f"5.5 h of sleep on {ago(1).isoformat()}, under 7 h",)


def test_without_a_recent_check_in_readiness_is_unknown() -> None:
    assert readiness([], TODAY).status == "unknown"
    assert readiness([CheckIn(ago(10), energy=5)], TODAY).status == "unknown"


# --- the whole report ------------------------------------------------------------------------


def workout(d: dt.date, energy: int | None = None) -> Workout:
    return Workout(date=d, sets=(LoggedSet("back-squat", kg(100), 8),), energy=energy)


def test_the_report_of_a_tired_lifter() -> None:
    workouts = [workout(ago(6), 2), workout(ago(4), 1), workout(ago(2), 2)]
    checkins = [CheckIn(ago(30), body_weight_kg=kg("81.25")),
                CheckIn(ago(1), sleep_hours=Decimal("6.5"))]
    report = recovery_report(workouts, checkins, TODAY, before_kg=kg(81),
                             after_kg=kg("80.2"))
    assert report.readiness.status == "fatigued"
    assert report.protein_g == 130  # 81.25 x 1.6 = 130.0
    assert report.fluid is not None and report.fluid.litres == Decimal("1.2")
    assert report.sleep is not None and report.sleep.verdict == "short"
    assert report.active_rest == RULES.active_rest
    data = report_json(report)
    assert data["protein"] == {"grams_per_day": 130, "g_per_kg": 1.6, "body_weight_kg": 81.25,
                               "source": "guide"}
    assert data["fluid"]["litres"] == 1.2 and data["fluid"]["source"] == "guide"
    assert data["sources"]["guide"]


def test_a_rested_lifter_gets_no_active_rest_and_no_fluid_without_weights() -> None:
    report = recovery_report([workout(ago(3), 4)], [CheckIn(ago(1), energy=4,
                                                            sleep_hours=Decimal(8))], TODAY)
    assert report.readiness.status == "ready"
    assert report.active_rest == ()
    assert report.fluid is None and report.protein_g is None
    assert report.rest.trained == 0  # TODAY is a Monday: last week's workouts do not count
