"""coach.toml: every coaching number is there, sourced, checked, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from redwood.rules.coach import (
    CoachRulesError,
    coach_rules_text,
    load_coach_rules,
    parse_coach_rules,
)


def test_the_shipped_rules_load_and_every_table_names_a_known_source() -> None:
    rules = load_coach_rules()
    assert rules.version == 1
    for table in (rules.e1rm, rules.rpe, rules.progression, rules.calibration,
                  rules.readiness, rules.missed,
                  rules.plateau, rules.fatigue, rules.layoff, rules.start, rules.warmup,
                  rules.loading, rules.ladders, rules.implements, *rules.families.values()):
        assert table.source in rules.sources
        assert all(key in rules.sources for key in table.see)


def test_the_guide_numbers_are_the_guides() -> None:
    rules = load_coach_rules()
    assert rules.progression.max_weekly_increase == 0.05  # "no more than 5% weekly"
    assert rules.progression.load_step == 0.05             # "Boost weights by 5%"
    assert rules.progression.fixed_weight_min_days == 21   # dumbbells "every 3 weeks"
    assert rules.progression.light_load_max_days == 21     # light loads "every 3 weeks"
    assert rules.calibration.target_rpe == 8.0             # the RPE chart's working load
    assert rules.calibration.far_rpe == 6.0 and rules.calibration.end_rpe == 8.0
    assert rules.missed.misses_to_deload == 3 and rules.missed.deload == 0.10
    assert rules.e1rm.reps == (1, 12)


def test_the_rpe_chart_reads_as_evidence_md_says() -> None:
    rules = load_coach_rules()
    assert rules.rpe_percent(5, 8) == 0.811
    assert rules.rpe_percent(3, 9) == 0.892
    assert rules.rpe_percent(1, 10) == 1.0
    assert rules.rpe_percent(12, 6) == 0.572
    assert rules.rpe_percent(13, 8) is None
    assert rules.rpe_percent(5, 5.5) is None


def test_the_guides_unsourced_percentages_never_appear() -> None:
    text = coach_rules_text()
    for claim in ("72%", "2.3x", "27%", "19%", "34%", "42%", "37%"):
        assert claim not in text


def _with(old: str, new: str) -> str:
    text = coach_rules_text()
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("misses_to_deload = 3", "misses_to_deload = 3\nsurprise = 1", "surprise"),
        ("max_weekly_increase = 0.05", "max_weekly_increase = 0.5", "max_weekly_increase"),
        ('source = "redwood"         # issue 3: "a user', 'source = "nobody"  # "a user', "nobody"),
        ("reps = [1, 12]            # most", "reps = [1, 15]            # most", "1-12"),
        ('anchor = "back-squat"', 'anchor = "front-squat"', "anchor"),
        # A reference body weight for a lifter who gave none: every level, plausible, growing.
        ("reference_kg = { beginner = 38.0, ", "reference_kg = { ", "reference_kg"),
        ("reference_kg = { beginner = 38.0,", "reference_kg = { beginner = 5.0,", "reference_kg"),
        ("intermediate = 38.0, advanced = 38.0 }", "intermediate = 38.0, advanced = 30.0 }",
         "reference_kg"),
    ],
)
def test_nonsense_in_coach_toml_is_refused_by_name(old: str, new: str, complaint: str) -> None:
    with pytest.raises(CoachRulesError, match=complaint):
        parse_coach_rules(_with(old, new))


def test_importing_the_coach_pulls_in_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import redwood.coach.progression, redwood.coach.records, redwood.coach.warmup\n"
        "heavy = [m for m in ('pydantic', 'sqlalchemy', 'rich', 'click') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_exercise_coach_toml_names_is_in_the_catalogue(catalog) -> None:
    from redwood.coach.loading import Implement, implement_for

    rules = load_coach_rules()
    named = set(rules.implements.overrides)
    for family in rules.families.values():
        named |= set(family.ratios)
    for ladder in rules.ladders.chains.values():
        named |= set(ladder.steps)
        measures = {catalog[step].measure for step in ladder.steps}
        assert len(measures) == 1, ladder  # a ladder never mixes reps and seconds
        for step in ladder.steps:
            assert implement_for(catalog[step]) in (
                Implement.BODYWEIGHT, Implement.ASSISTED_MACHINE), step
    missing = sorted(n for n in named if n not in catalog)
    assert missing == []
    for family in rules.families.values():
        for exercise_id in family.ratios:
            assert implement_for(catalog[exercise_id]).loaded, exercise_id
