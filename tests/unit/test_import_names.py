"""Exercise-name mapping and unit inference of the importer (pure: no database)."""

from __future__ import annotations

import copy
import csv
from decimal import Decimal
from pathlib import Path

import pytest

from redwood.domain.log import Unit
from redwood.io.importer import infer_unit
from redwood.io.names import (
    MappingError,
    NameMapper,
    import_aliases,
    known_id,
    load_mapping,
    name_key,
    slug,
)

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "real"


@pytest.fixture(scope="module")
def mapper(catalog):
    return NameMapper(catalog)


def test_every_alias_points_at_a_real_exercise_and_no_name_is_claimed_twice(catalog):
    aliases = import_aliases()
    assert len(aliases) > 150
    for name, exercise_id in aliases.items():
        assert known_id(exercise_id, catalog), (name, exercise_id)
    keys: dict[str, str] = {}
    for name, exercise_id in aliases.items():
        key = name_key(name)
        assert keys.setdefault(key, exercise_id) == exercise_id, name


@pytest.mark.parametrize("name, exercise_id", [
    ("Squat (Barbell)", "back-squat"),
    ("Lat Pulldown (Cable)", "lat-pulldown"),
    ("Pullups", "pull-up"),
    ("Deadlift (Barbell)", "deadlift"),
    ("Romanian Deadlift (Barbell)", "romanian-deadlift"),
    ("Leg Press", "leg-press"),
    ("Bent Over Row (Barbell)", "barbell-row"),
    ("Seated Calf Raise (Plate Loaded)", "seated-calf-raise"),
    # A kettlebell calf raise is done on both feet unless the name says one leg.
    ("Kettlebell Calf Raise", "kettlebell-calf-raise"),
    ("Calf Raise (Kettlebell)", "kettlebell-calf-raise"),
    ("Single Leg Calf Raise (Kettlebell)", "kettlebell-single-leg-calf-raise"),
    ("Bench Press (Barbell)", "barbell-bench-press-medium-grip"),
    ("Overhead Press (Barbell)", "standing-military-press"),
    ("  squat (BARBELL) ", "back-squat"),
])
def test_the_apps_common_names_map_by_alias(mapper, name, exercise_id):
    match = mapper.match(name)
    assert (match.exercise_id, match.how) == (exercise_id, "alias")


def test_every_name_of_the_real_samples_is_settled(mapper):
    names = set()
    for file, column in (("strong_sample.csv", "Exercise Name"),
                         ("hevy_sample.csv", "exercise_title")):
        with (EXPORTS / file).open(encoding="utf-8-sig", newline="") as fh:
            names |= {r[column] for r in csv.DictReader(fh)}
    custom = sorted(n for n in names if mapper.match(n).custom)
    # The rest are the apps' and the lifter's own inventions: kept as custom exercises.
    assert len(custom) <= 8, custom
    assert "Squat (Barbell)" not in custom


def test_misspellings_match_fuzzily_but_never_across_a_contrast_word(mapper):
    typo = mapper.match("Squat (Barbel)")
    assert (typo.exercise_id, typo.how) == ("back-squat", "fuzzy")
    assert typo.score is not None and typo.score >= 90
    assert mapper.match("Dumbell Bench Press").exercise_id == "dumbbell-bench-press"
    # One letter apart, opposite movements: never matched to each other.
    assert mapper.match("Hip Adduction").exercise_id != "hip-abduction-machine"
    assert mapper.match("Decline Bench Press (Cable)").how == "custom"


def test_unknown_names_become_custom_slugs_that_clash_with_nothing(catalog):
    m = NameMapper(catalog)
    match = m.match("Katana Triceps Extension")
    assert (match.exercise_id, match.how) == ("katana-triceps-extension", "custom")
    assert slug("Übung #3 (links)") == "ubung-3-links"
    # A name whose slug is a library id gets another id: custom sets never join a library
    # exercise's history by accident.
    other = NameMapper(catalog, overrides={"Back Squat!!": "custom"}).match("Back Squat!!")
    assert other.exercise_id != "back-squat" and other.exercise_id.startswith("back-squat")


def test_mapping_files_in_yaml_and_csv(catalog, tmp_path):
    known = lambda i: known_id(i, catalog)  # noqa: E731
    yaml_file = tmp_path / "map.yaml"
    yaml_file.write_text('# my corrections\n"Leg Press": hack-squat\nMy Finisher: custom\n')
    assert load_mapping(yaml_file, known) == {"Leg Press": "hack-squat",
                                              "My Finisher": "custom"}
    csv_file = tmp_path / "map.csv"
    csv_file.write_text("name,exercise\nLeg Press,hack-squat\n\"Curl, heavy\",Custom\n")
    assert load_mapping(csv_file, known) == {"Leg Press": "hack-squat",
                                             "Curl, heavy": "custom"}


@pytest.mark.parametrize("text, line, words", [
    ('"Leg Press": hack-squat\n"Squat": bak-squat\n', 2, ["bak-squat"]),
    ('"Leg Press": hack-squat\n"leg press": leg-press\n', 2, ["already mapped", "line 1"]),
    ('"Leg Press": [a, b]\n', 1, ["expected"]),
    ('"Leg Press": ""\n', 1, ["maps to nothing"]),
    ("- a\n- b\n", 1, ["expected"]),
    ('"Leg Press: hack\n', 2, ["not valid YAML"]),
])
def test_bad_mapping_files_are_refused_naming_the_line(catalog, tmp_path, text, line, words):
    path = tmp_path / "map.yaml"
    path.write_text(text)
    with pytest.raises(MappingError) as err:
        load_mapping(path, lambda i: known_id(i, catalog))
    message = str(err.value)
    assert "\n" not in message and f"line {line}" in message
    for word in words:
        assert word in message


def _d(values: list[float]) -> list[Decimal]:
    return [Decimal(str(v)) for v in values]


def test_unit_inference_reads_the_equipment_steps():
    kg_gym = _d([20, 40, 60, 62.5, 12, 14, 16, 22.5, 32, 18, 100, 102.5])
    assert infer_unit(kg_gym)[0] is Unit.KG
    kg_barbell = _d([60, 62.5, 65, 67.5, 70, 72.5, 100, 102.5, 140, 142.5, 60, 80])
    assert infer_unit(kg_barbell)[0] is Unit.KG
    lb_gym = _d([135, 185, 225, 45, 95, 25, 30, 50, 150, 149.99999999999997, 315, 225])
    unit, reason = infer_unit(lb_gym)
    assert unit is Unit.LB and "135" in reason
    assert infer_unit(_d([100, 60, 80, 100, 40, 60, 100, 120, 80, 60]))[0] is None
    assert infer_unit(_d([135, 225]))[0] is None  # too few to tell


def test_real_samples_are_read_as_kg():
    for file, column in (("strong_sample.csv", "Weight"), ("hevy_sample.csv", "weight_kg")):
        with (EXPORTS / file).open(encoding="utf-8-sig", newline="") as fh:
            weights = [Decimal(r[column]) for r in csv.DictReader(fh) if r[column]]
        assert infer_unit(weights)[0] is Unit.KG, file


def test_the_shipped_name_table_kept_between_runs_is_the_one_built_afresh(monkeypatch, tmp_path):
    from redwood.catalog import load_catalog
    from redwood.io import names

    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    catalog = load_catalog()
    fresh = names._build(catalog)
    monkeypatch.setattr(names, "_TABLES", {})
    assert names._tables(catalog)[0] == fresh  # built, and kept in the cache folder
    assert len(list(tmp_path.glob("import-names-*.pickle"))) == 1
    monkeypatch.setattr(names, "_TABLES", {})
    monkeypatch.setattr(names, "_build", lambda catalog: pytest.fail("built, not read"))
    again = names._tables(catalog)[0]  # read back from the cache
    assert again == fresh and len(again) > 1000
    # Another catalogue (a test's, a future user catalogue) is never read from the cache.
    other = copy.copy(catalog)
    with pytest.raises(pytest.fail.Exception, match="built, not read"):
        names._tables(other)
