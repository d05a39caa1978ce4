"""Exercise search as a user meets it: filters, fuzzy names, curated first, did-you-mean."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from redwood.catalog.loader import Catalog, parse_catalog
from redwood.catalog.search import (
    find_exercise,
    normalize,
    parse_muscle,
    search_exercises,
    suggest_ids,
)
from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Equipment, Muscle, Pattern, Region

CATALOG_YAML = """
- id: back-squat
  name: Back Squat
  aliases: [barbell back squat, high-bar squat]
  pattern: squat
  mechanic: compound
  region: legs
  primary_muscles: [quadriceps]
  secondary_muscles: [glutes]
  equipment: [barbell]
  level: intermediate
  default_rest_s: 180
  rank: 10
  cues: [Brace before you descend]
  mistakes: [Knees caving in]
  free_exercise_db: Barbell_Squat
- id: romanian-deadlift
  name: Romanian Deadlift
  aliases: [RDL]
  pattern: hinge
  mechanic: compound
  region: legs
  primary_muscles: [hamstrings]
  equipment: [barbell]
  level: intermediate
  default_rest_s: 150
  cues: [Push the hips back]
  mistakes: [Rounding the back]
  free_exercise_db: Romanian_Deadlift
- id: bulgarian-split-squat
  name: Bulgarian Split Squat
  pattern: lunge
  mechanic: compound
  region: legs
  unilateral: true
  primary_muscles: [quadriceps]
  equipment: [dumbbell, bench]
  level: intermediate
  default_rest_s: 90
  cues: [Long stance]
  mistakes: [Short stance]
- id: pull-up
  name: Pull-Up
  aliases: [pullup]
  pattern: vertical-pull
  mechanic: compound
  region: back
  primary_muscles: [lats]
  equipment: [pull-up-bar]
  level: intermediate
  default_rest_s: 120
  cues: [Chest to the bar]
  mistakes: [Kipping]
- id: glute-bridge
  name: Glute Bridge
  pattern: hinge
  mechanic: isolation
  region: legs
  primary_muscles: [glutes]
  level: beginner
  default_rest_s: 60
  cues: [Squeeze at the top]
  mistakes: [Arching the lower back]
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(CATALOG_YAML)


EMPTY = Catalog([])


def names(exercises: list[Exercise]) -> list[str]:
    return [e.name for e in exercises]


# --- queries ---------------------------------------------------------------------------------


def test_squat_finds_squats_first(catalog: Catalog) -> None:
    found = search_exercises("squat", catalog=catalog, limit=8)
    assert found[0].id == "back-squat"  # curated, and a squat
    assert all("squat" in e.name.lower() for e in found)
    assert all(e.pattern is Pattern.SQUAT for e in found[:5])


def test_plural_query_finds_the_same_squats(catalog: Catalog) -> None:
    assert search_exercises("squats", catalog=catalog)[0].id == "back-squat"


def test_typo_finds_romanian_deadlift(catalog: Catalog) -> None:
    assert search_exercises("romanain deadlift", catalog=catalog)[0].id == "romanian-deadlift"
    assert search_exercises("romanain deadlift", catalog=EMPTY)[0].name == "Romanian Deadlift"


def test_nonsense_finds_nothing(catalog: Catalog) -> None:
    assert search_exercises("zzzz", catalog=catalog) == []
    assert search_exercises("xyzzy qq", catalog=catalog) == []


def test_every_word_counts(catalog: Catalog) -> None:
    # "hip thrust" must not bring hip stretches; "back extension" not triceps extensions.
    assert names(search_exercises("hip thrust", catalog=catalog)) == ["Barbell Hip Thrust"]
    found = search_exercises("back extension", catalog=catalog)
    assert found and not any("triceps" in e.name.lower() for e in found)


def test_alias_and_joined_words(catalog: Catalog) -> None:
    assert search_exercises("rdl", catalog=catalog)[0].id == "romanian-deadlift"
    assert search_exercises("pull up", catalog=catalog)[0].id == "pull-up"
    assert search_exercises("chinup", catalog=EMPTY)[0].name == "Chin-Up"


def test_prefix_finds_as_you_type(catalog: Catalog) -> None:
    found = search_exercises("dead", catalog=catalog, limit=10)
    assert any(e.id == "romanian-deadlift" for e in found)


def test_equipment_words_match_needed_equipment(catalog: Catalog) -> None:
    found = search_exercises("barbell deadlift", catalog=catalog, limit=5)
    assert "romanian-deadlift" in [e.id for e in found]


def test_shorthands(catalog: Catalog) -> None:
    assert search_exercises("single leg deadlift", catalog=EMPTY)[0].name == (
        "Kettlebell One-Legged Deadlift"
    )
    assert all("Dumbbell" in e.name for e in search_exercises("db row", catalog=EMPTY, limit=3))


def test_curated_before_open_at_equal_scores(catalog: Catalog) -> None:
    found = search_exercises("squat", catalog=catalog)
    curated = [i for i, e in enumerate(found) if e.source == "redwood"]
    assert curated[0] == 0


def test_linked_open_entry_is_not_listed_twice(catalog: Catalog) -> None:
    ids = [e.id for e in search_exercises("barbell squat", catalog=catalog)]
    assert ids[0] == "back-squat"
    assert "barbell-squat" not in ids  # the open entry the curated one stands for


def test_blank_query_is_no_query(catalog: Catalog) -> None:
    assert search_exercises("  ", catalog=catalog) == search_exercises(catalog=catalog)


# --- without a query -------------------------------------------------------------------------


def test_no_query_lists_curated_in_file_order_then_open_alphabetically(catalog: Catalog) -> None:
    found = search_exercises(catalog=catalog)
    head, tail = found[: len(catalog)], found[len(catalog) :]
    assert [e.id for e in head] == catalog.ids
    assert all(e.source == "free-exercise-db" for e in tail)
    keys = [e.name.casefold() for e in tail]
    assert keys == sorted(keys)


def test_include_open_false_lists_curated_only(catalog: Catalog) -> None:
    assert [e.id for e in search_exercises(catalog=catalog, include_open=False)] == catalog.ids
    assert search_exercises("farmers walk", catalog=catalog, include_open=False) == []


def test_limit(catalog: Catalog) -> None:
    assert len(search_exercises("squat", catalog=catalog, limit=3)) == 3
    assert search_exercises(catalog=catalog, limit=0) == []


# --- filters ---------------------------------------------------------------------------------


def test_muscle_filter_is_primary_muscles_only(catalog: Catalog) -> None:
    found = search_exercises(muscle=Muscle.LATS, catalog=catalog)
    assert len(found) > 10
    assert all(Muscle.LATS in e.primary_muscles for e in found)
    assert found[0].id == "pull-up"


def test_equipment_filter_means_needs_it(catalog: Catalog) -> None:
    found = search_exercises(equipment=Equipment.PULL_UP_BAR, catalog=catalog)
    assert found and all(Equipment.PULL_UP_BAR in e.equipment for e in found)
    assert found[0].id == "pull-up"


def test_available_with_means_can_be_done_with(catalog: Catalog) -> None:
    bodyweight = search_exercises(available_with=(), catalog=catalog)
    assert bodyweight and all(e.equipment == () for e in bodyweight)
    assert bodyweight[0].id == "glute-bridge"
    home = {Equipment.DUMBBELL, Equipment.BENCH}
    found = search_exercises(available_with=home, catalog=catalog)
    assert all(set(e.equipment) <= home for e in found)
    assert "bulgarian-split-squat" in [e.id for e in found]


def test_pattern_and_region_filters(catalog: Catalog) -> None:
    hinges = search_exercises(pattern=Pattern.HINGE, catalog=catalog)
    assert hinges and all(e.pattern is Pattern.HINGE for e in hinges)
    back = search_exercises("row", region=Region.BACK, catalog=catalog)
    assert back and all(e.region is Region.BACK for e in back)


def test_filters_and_query_combine(catalog: Catalog) -> None:
    found = search_exercises("squat", equipment=Equipment.DUMBBELL, catalog=catalog)
    assert all(Equipment.DUMBBELL in e.equipment for e in found)
    assert found[0].id == "bulgarian-split-squat"  # curated first at equal-ish scores
    assert found[1].id == "dumbbell-squat"
    found = search_exercises("split squat", equipment=Equipment.DUMBBELL, catalog=catalog)
    assert found[0].id == "bulgarian-split-squat"


# --- find_exercise ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("back-squat", "back-squat"),
        ("Back Squat", "back-squat"),
        ("HIGH-BAR SQUAT", "back-squat"),
        ("rdl", "romanian-deadlift"),
        ("Barbell_Squat", "back-squat"),  # the open entry the curated one stands for
        ("barbell squat", "back-squat"),
        ("farmers walk", "farmers-walk"),
        ("Farmer's Walk", "farmers-walk"),
        ("Farmers_Walk", "farmers-walk"),
        ("seated-leg-curl", "seated-leg-curl"),
    ],
)
def test_find_exercise(catalog: Catalog, text: str, expected: str) -> None:
    found = find_exercise(text, catalog)
    assert found is not None and found.id == expected


def test_find_exercise_does_not_guess(catalog: Catalog) -> None:
    assert find_exercise("romanain deadlift", catalog) is None
    assert find_exercise("", catalog) is None
    assert find_exercise("farmers walk", catalog, include_open=False) is None


# --- suggest_ids -----------------------------------------------------------------------------


def test_suggest_ids_for_a_mistyped_id(catalog: Catalog) -> None:
    assert suggest_ids("romainan-deadlift", catalog=catalog)[0] == "romanian-deadlift"
    assert suggest_ids("bulgarain split squat", catalog=catalog)[0] == "bulgarian-split-squat"
    assert suggest_ids("bak sqat", catalog=catalog)[0] == "back-squat"
    assert len(suggest_ids("squat", n=2, catalog=catalog)) == 2


def test_suggest_ids_for_nonsense_is_empty(catalog: Catalog) -> None:
    assert suggest_ids("qqqq", catalog=catalog) == []
    assert suggest_ids("squat", n=0, catalog=catalog) == []


# --- parse_muscle ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "muscle"),
    [
        ("lower back", Muscle.LOWER_BACK),
        ("lower-back", Muscle.LOWER_BACK),
        ("Lower Back", Muscle.LOWER_BACK),
        ("LOWER_BACK", Muscle.LOWER_BACK),
        ("  lower   back ", Muscle.LOWER_BACK),
        ("lats", Muscle.LATS),
        ("lat", Muscle.LATS),
        ("Glute", Muscle.GLUTES),
        ("quads", Muscle.QUADRICEPS),
        ("calf", Muscle.CALVES),
    ],
)
def test_parse_muscle(text: str, muscle: Muscle) -> None:
    assert parse_muscle(text) is muscle


def test_parse_muscle_names_the_allowed_values() -> None:
    with pytest.raises(ValueError, match="lower back") as info:
        parse_muscle("wings")
    assert "'wings'" in str(info.value)
    assert "quadriceps" in str(info.value)


def test_normalize() -> None:
    assert normalize("  Farmer's   Walk!") == "farmers walk"
    assert normalize("Pull-Up") == "pull up"


# --- start-up cost ---------------------------------------------------------------------------


def test_importing_search_does_not_import_rapidfuzz() -> None:
    code = "import sys, redwood.catalog.search; print('rapidfuzz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the shipped catalogue -------------------------------------------------------------------

SHIPPED = resources.files("redwood.catalog").joinpath("data/exercises.yaml")


@pytest.mark.skipif(not SHIPPED.is_file(), reason="exercises.yaml is not written yet")
def test_shipped_catalogue_comes_first() -> None:
    from redwood.catalog.loader import load_catalog

    shipped = load_catalog()
    squats = [e for e in shipped if e.pattern is Pattern.SQUAT]
    if not squats:
        pytest.skip("the shipped catalogue has no squat yet")
    found = search_exercises("squat")
    assert found[0].source == "redwood"
    assert found[0].pattern is Pattern.SQUAT
    assert search_exercises("zzzz") == []
    for exercise in shipped:
        assert find_exercise(exercise.id) is exercise
        assert find_exercise(exercise.name) is exercise
    for exercise in list(shipped)[::10]:
        assert suggest_ids(exercise.name)[0] == exercise.id
