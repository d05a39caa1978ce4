"""The open library: every free-exercise-db entry is mapped or left out for a stated reason."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from redwood.catalog.loader import Catalog, CatalogError
from redwood.catalog.openlib import (
    OPEN_RANK,
    SOURCE,
    UPPER_BODY_TAG,
    UnsupportedEntry,
    linked_open_ids,
    load_open_library,
    map_entry,
    open_exercise,
    open_library_for,
    open_name,
    resolve_open_id,
    skipped_open_entries,
    slugify,
)
from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import (
    Equipment,
    Level,
    Measure,
    Mechanic,
    Muscle,
    Pattern,
    Region,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = resources.files("redwood.catalog").joinpath("data")
KEPT_FIELDS = {
    "id",
    "name",
    "level",
    "mechanic",
    "equipment",
    "primaryMuscles",
    "secondaryMuscles",
    "category",
    "force",
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Why entries are left out, and how many: the equipment cannot be expressed in the vocabulary.
EXPECTED_SKIPS = {
    "foam-roller self-massage": 14,
    "needs a strongman implement": 14,
    "needs a stability ball": 13,
    "needs chains": 8,
    "needs suspension straps or rings": 7,
    "needs dip bars": 4,
    "needs a rope": 3,
    "needs a bike or skates": 2,
    "needs an ab wheel": 1,
    "needs a balance board": 1,
    "needs a heavy bag": 1,
    "needs a climbing rope": 1,
    "needs a neck harness": 1,
    "needs a dip belt": 1,
    "needs a wrist roller": 1,
}


def raw_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(
        DATA.joinpath("free-exercise-db.json").read_text("utf-8")
    )
    return entries


def by_open_id(open_id: str) -> Exercise:
    exercise = open_exercise(open_id)
    assert exercise is not None, f"{open_id} was left out"
    return exercise


def stub(exercise_id: str, name: str = "Stub Exercise") -> Exercise:
    return Exercise(
        id=exercise_id,
        name=name,
        pattern=Pattern.SQUAT,
        mechanic=Mechanic.COMPOUND,
        region=Region.LEGS,
        primary_muscles=(Muscle.QUADRICEPS,),
        equipment=(Equipment.BARBELL,),
        level=Level.BEGINNER,
        default_rest_s=120,
    )


# --- the shipped data file -------------------------------------------------------------------


def test_data_file_holds_all_873_entries_with_only_the_structured_fields() -> None:
    entries = raw_entries()
    assert len(entries) == 873
    for entry in entries:
        assert set(entry) == KEPT_FIELDS, entry["id"]


def test_data_file_ships_with_its_licence_and_source_note() -> None:
    licence = DATA.joinpath("free-exercise-db.LICENSE").read_text("utf-8")
    assert "public domain" in licence
    note = DATA.joinpath("free-exercise-db.SOURCE.md").read_text("utf-8")
    assert "acd61f751fe15d618862ee3084f27e839222a28f" in note
    assert "instructions" in note


def test_compaction_tool_drops_instructions_and_images() -> None:
    spec = importlib.util.spec_from_file_location(
        "compact_free_exercise_db", ROOT / "tools" / "compact_free_exercise_db.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    entry = {field: None for field in KEPT_FIELDS} | {
        "id": "X",
        "instructions": ["a"],
        "images": ["X/0.jpg"],
    }
    (kept,) = tool.compact([entry])
    assert set(kept) == KEPT_FIELDS
    assert json.loads(tool.dumps([kept])) == [kept]


# --- the mapping as a whole ------------------------------------------------------------------


def test_every_entry_is_mapped_or_skipped_for_a_stated_reason() -> None:
    library = load_open_library()
    skipped = skipped_open_entries()
    assert len(library) + len(skipped) == len(raw_entries())
    assert Counter(s.reason for s in skipped) == EXPECTED_SKIPS
    assert len(library) == 873 - sum(EXPECTED_SKIPS.values())


def test_library_is_cached() -> None:
    assert load_open_library() is load_open_library()


def test_ids_are_unique_slugs() -> None:
    ids = [e.id for e in load_open_library()]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) for i in ids)


def test_every_mapped_field_is_in_the_vocabulary() -> None:
    for e in load_open_library():
        assert e.primary_muscles, e.id
        assert all(isinstance(m, Muscle) for m in e.primary_muscles + e.secondary_muscles)
        assert not set(e.primary_muscles) & set(e.secondary_muscles), e.id
        assert all(isinstance(x, Equipment) for x in e.equipment), e.id
        assert list(e.equipment) == sorted(set(e.equipment)), e.id
        assert isinstance(e.pattern, Pattern)
        assert isinstance(e.region, Region)
        assert isinstance(e.mechanic, Mechanic)
        assert isinstance(e.level, Level)
        assert isinstance(e.measure, Measure)
        assert e.default_rest_s in {30, 60, 90}
        assert e.source == SOURCE
        assert e.rank == OPEN_RANK
        assert e.cues == () and e.mistakes == ()


def test_upper_body_entries_are_full_body_and_tagged() -> None:
    upper = {Muscle.CHEST, Muscle.SHOULDERS, Muscle.BICEPS, Muscle.TRICEPS, Muscle.FOREARMS}
    upper.add(Muscle.NECK)
    for e in load_open_library():
        is_upper = e.primary_muscles[0] in upper
        assert (UPPER_BODY_TAG in e.tags) == is_upper, e.id
        if is_upper:
            assert e.region is Region.FULL_BODY


def test_regions_follow_the_primary_muscle() -> None:
    for e in load_open_library():
        primary = e.primary_muscles[0]
        if primary in {Muscle.LATS, Muscle.MIDDLE_BACK, Muscle.LOWER_BACK, Muscle.TRAPS}:
            assert e.region is Region.BACK, e.id
        elif primary is Muscle.ABDOMINALS:
            assert e.region is Region.CORE, e.id
        elif primary in {Muscle.QUADRICEPS, Muscle.HAMSTRINGS, Muscle.GLUTES, Muscle.CALVES}:
            assert e.region is Region.LEGS, e.id


# --- known mappings --------------------------------------------------------------------------


def test_barbell_squat() -> None:
    e = by_open_id("Barbell_Squat")
    assert e.id == "barbell-squat"
    assert e.pattern is Pattern.SQUAT
    assert e.region is Region.LEGS
    assert e.equipment == (Equipment.BARBELL,)
    assert e.mechanic is Mechanic.COMPOUND
    assert e.measure is Measure.REPS
    assert e.default_rest_s == 90


@pytest.mark.parametrize(
    ("open_id", "pattern", "region", "equipment"),
    [
        ("Romanian_Deadlift", Pattern.HINGE, Region.LEGS, (Equipment.BARBELL,)),
        ("Pullups", Pattern.VERTICAL_PULL, Region.BACK, (Equipment.PULL_UP_BAR,)),
        ("Chin-Up", Pattern.VERTICAL_PULL, Region.BACK, (Equipment.PULL_UP_BAR,)),
        ("Wide-Grip_Lat_Pulldown", Pattern.VERTICAL_PULL, Region.BACK, (Equipment.CABLE,)),
        ("Bent_Over_Barbell_Row", Pattern.HORIZONTAL_PULL, Region.BACK, (Equipment.BARBELL,)),
        ("Seated_Leg_Curl", Pattern.KNEE_FLEXION, Region.LEGS, (Equipment.MACHINE,)),
        ("Leg_Extensions", Pattern.KNEE_EXTENSION, Region.LEGS, (Equipment.MACHINE,)),
        ("Standing_Calf_Raises", Pattern.CALF_RAISE, Region.LEGS, (Equipment.MACHINE,)),
        ("Dumbbell_Lunges", Pattern.LUNGE, Region.LEGS, (Equipment.DUMBBELL,)),
        ("Face_Pull", Pattern.REAR_DELT, Region.FULL_BODY, (Equipment.CABLE,)),
        (
            "Hyperextensions_Back_Extensions",
            Pattern.BACK_EXTENSION,
            Region.BACK,
            (Equipment.MACHINE,),
        ),
        ("Plank", Pattern.CORE, Region.CORE, ()),
        ("Trap_Bar_Deadlift", Pattern.HINGE, Region.LEGS, (Equipment.TRAP_BAR,)),
        ("Sled_Push", Pattern.CARRY, Region.LEGS, (Equipment.SLED,)),
        ("Dumbbell_Step_Ups", Pattern.LUNGE, Region.LEGS, (Equipment.BOX, Equipment.DUMBBELL)),
        ("Box_Jump_Multiple_Response", Pattern.SQUAT, Region.LEGS, (Equipment.BOX,)),
        ("Power_Clean", Pattern.TOTAL_BODY, Region.LEGS, (Equipment.BARBELL,)),
        (
            "Barbell_Bench_Press_-_Medium_Grip",
            Pattern.TOTAL_BODY,
            Region.FULL_BODY,
            (Equipment.BARBELL, Equipment.BENCH),
        ),
        (
            "Band_Assisted_Pull-Up",
            Pattern.VERTICAL_PULL,
            Region.BACK,
            (Equipment.PULL_UP_BAR, Equipment.RESISTANCE_BAND),
        ),
    ],
)
def test_known_mappings(
    open_id: str, pattern: Pattern, region: Region, equipment: tuple[Equipment, ...]
) -> None:
    e = by_open_id(open_id)
    assert (e.pattern, e.region, e.equipment) == (pattern, region, equipment)


def test_upper_body_press_is_tagged() -> None:
    e = by_open_id("Barbell_Bench_Press_-_Medium_Grip")
    assert UPPER_BODY_TAG in e.tags


def test_carries_and_holds_are_timed() -> None:
    walk = by_open_id("Farmers_Walk")
    assert walk.pattern is Pattern.CARRY
    assert walk.equipment == (Equipment.DUMBBELL,)
    assert walk.measure is Measure.SECONDS
    assert by_open_id("Plank").measure is Measure.SECONDS


def test_stretch_without_mechanic_is_a_timed_isolation_with_short_rest() -> None:
    e = by_open_id("90_90_Hamstring")
    assert e.mechanic is Mechanic.ISOLATION
    assert e.measure is Measure.SECONDS
    assert e.default_rest_s == 30
    assert "stretching" in e.tags
    assert e.pattern is Pattern.HINGE  # the pattern of what it stretches


def test_expert_is_advanced() -> None:
    assert by_open_id("Alternating_Renegade_Row").level is Level.ADVANCED


def test_unilateral_from_the_name() -> None:
    assert by_open_id("One-Arm_Dumbbell_Row").unilateral
    assert by_open_id("Dumbbell_Lunges").unilateral
    assert not by_open_id("Barbell_Squat").unilateral


@pytest.mark.parametrize(
    "open_id",
    ["Atlas_Stones", "Exercise_Ball_Crunch", "Calves-SMR", "Suspended_Row", "Parallel_Bar_Dip"],
)
def test_inexpressible_equipment_is_left_out(open_id: str) -> None:
    assert open_exercise(open_id) is None
    assert open_id in {s.open_id for s in skipped_open_entries()}
    assert open_name(open_id) is not None  # still known by name


def test_nothing_that_names_a_bar_box_bench_or_sled_claims_bodyweight() -> None:
    for e in load_open_library():
        if not e.equipment:
            name = e.name.lower().replace("no hyperextension bench", "")
            assert not re.search(r"pull-?up|chin-up|\bbox\b|\bbench\b|sled|barbell", name), e.name


# --- map_entry on its own --------------------------------------------------------------------


def entry(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "Test_Thing",
        "name": "Test Thing",
        "level": "expert",
        "mechanic": None,
        "equipment": "kettlebells",
        "primaryMuscles": ["hamstrings"],
        "secondaryMuscles": ["glutes", "hamstrings"],
        "category": "strongman",
        "force": "pull",
    }
    return base | overrides


def test_map_entry_defaults() -> None:
    e = map_entry(entry())
    assert e.id == "test-thing"
    assert e.level is Level.ADVANCED
    assert e.mechanic is Mechanic.COMPOUND  # missing mechanic, whole-body category
    assert e.equipment == (Equipment.KETTLEBELL,)
    assert e.secondary_muscles == (Muscle.GLUTES,)
    assert e.tags == ("strongman",)
    assert map_entry(entry(category="strength")).mechanic is Mechanic.ISOLATION


@pytest.mark.parametrize(
    "overrides",
    [
        {"equipment": "hovercraft"},
        {"equipment": "exercise ball"},
        {"primaryMuscles": ["wings"]},
        {"primaryMuscles": []},
        {"level": "godlike"},
        {"mechanic": "magic"},
    ],
)
def test_map_entry_refuses_what_it_cannot_express(overrides: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedEntry):
        map_entry(entry(**overrides))


@pytest.mark.parametrize(
    ("open_id", "slug"),
    [
        ("Barbell_Squat", "barbell-squat"),
        ("3_4_Sit-Up", "3-4-sit-up"),
        ("Farmers_Walk", "farmers-walk"),
    ],
)
def test_slugify(open_id: str, slug: str) -> None:
    assert slugify(open_id) == slug


def test_resolve_open_id_accepts_both_forms() -> None:
    assert resolve_open_id("Barbell_Squat") == "Barbell_Squat"
    assert resolve_open_id("barbell-squat") == "Barbell_Squat"
    assert resolve_open_id("no-such-thing") is None


# --- curated entries win ---------------------------------------------------------------------


def test_curated_id_shadows_open_entry() -> None:
    catalog = Catalog([stub("barbell-squat")])
    ids = {e.id for e in open_library_for(catalog)}
    assert "barbell-squat" not in ids
    assert len(ids) == len(load_open_library()) - 1


def test_linked_open_entry_is_hidden() -> None:
    catalog = Catalog(
        [stub("back-squat"), stub("rdl")],
        links={"back-squat": "Barbell_Squat", "rdl": "romanian-deadlift"},
    )
    assert linked_open_ids(catalog) == {"barbell-squat", "romanian-deadlift"}
    ids = {e.id for e in open_library_for(catalog)}
    assert not ids & {"barbell-squat", "romanian-deadlift"}
    assert len(ids) == len(load_open_library()) - 2


def test_open_entry_named_like_a_curated_one_is_hidden() -> None:
    catalog = Catalog([stub("loaded-carry", name="Loaded Carry"), stub("x", name="Farmers Walk")])
    ids = {e.id for e in open_library_for(catalog)}
    assert "farmers-walk" not in ids  # "Farmer's Walk" is the curated "Farmers Walk"
    assert len(ids) == len(load_open_library()) - 1


def test_catalog_without_links_keeps_working() -> None:
    catalog = Catalog([stub("back-squat")])
    assert catalog.links == {}
    assert len(open_library_for(catalog)) == len(load_open_library())


def test_link_from_unknown_curated_id_is_refused() -> None:
    with pytest.raises(CatalogError):
        Catalog([stub("back-squat")], links={"front-squat": "Front_Barbell_Squat"})


# --- against the shipped catalogue -----------------------------------------------------------

SHIPPED = DATA.joinpath("exercises.yaml")


@pytest.mark.skipif(not SHIPPED.is_file(), reason="exercises.yaml is not written yet")
def test_shipped_links_name_real_open_entries() -> None:
    from redwood.catalog.loader import load_catalog

    catalog = load_catalog()
    unknown = {cid: oid for cid, oid in catalog.links.items() if resolve_open_id(oid) is None}
    assert not unknown, f"free_exercise_db links to unknown open ids: {unknown}"
    remaining = {e.id for e in open_library_for(catalog)}
    assert not remaining & set(catalog.ids)
    assert not remaining & linked_open_ids(catalog)
