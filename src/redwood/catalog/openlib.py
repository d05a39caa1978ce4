"""The open exercise library: free-exercise-db mapped onto Redwood's vocabulary.

The data file `data/free-exercise-db.json` holds the structured fields of the 873 public-domain
entries of https://github.com/yuhonas/free-exercise-db (see `data/free-exercise-db.SOURCE.md`).
Every entry becomes a `redwood.domain.exercise.Exercise` with `source="free-exercise-db"`; the
curated catalogue always wins over it (same id, or linked through a curated entry's
`free_exercise_db` field, or the same name as a curated name or alias: see
`open_library_for`).

Mapping decisions
-----------------
id
    Kebab slug of the open id: "Barbell_Squat" -> "barbell-squat", "3_4_Sit-Up" -> "3-4-sit-up".
level
    beginner/intermediate as they are; "expert" -> advanced.
mechanic
    As given. Missing (87 entries, mostly stretches) -> compound for plyometrics, olympic
    weightlifting, strongman, powerlifting and cardio (whole-body efforts), isolation otherwise.
equipment
    "Everything needed at once"; an empty tuple means bodyweight only (a wall, a chair, a partner
    or a cone count as nothing). barbell, dumbbell, cable, machine as they are; "e-z curl bar" ->
    barbell; "kettlebells" -> kettlebell; "bands" -> resistance-band; "medicine ball" ->
    medicine-ball; "body only" and missing -> bodyweight. The vague "other" (122 entries) and the
    bodyweight ones are read by name: pull-up/chin/hang -> pull-up-bar, sled/prowler/drag -> sled,
    depth jumps -> box, trap bar -> trap-bar, weight plates and axle -> barbell (plates come with
    a barbell set), farmer's walk -> dumbbell, towel -> towel; a handful by id (`_OVERRIDES`).
    For every entry "bench", "incline" or "decline" in the name adds a bench (except on
    machines), "box" or a step-up adds a box, and "band" adds a resistance band.
    Entries whose equipment cannot be expressed in the vocabulary are LEFT OUT rather than
    mislabelled as bodyweight (72 of 873): stability ("exercise") ball, foam-roller self-massage
    (SMR), chains, strongman implements (atlas stones, kegs, logs, yokes, tyres, ...), suspension
    straps and rings, dip bars, ab wheel, balance board, battle ropes, jump or climbing rope,
    bike, skates, heavy bag, neck harness, wrist roller, dip belt. `skipped_open_entries()` lists
    them with the reason; the tests pin the count.
region
    From the (first) primary muscle: quadriceps, hamstrings, glutes, calves, adductors,
    abductors -> legs; lats, middle back, lower back, traps -> back; abdominals -> core. The
    upper-body muscles that are not back (chest, shoulders, biceps, triceps, forearms, neck) have
    no region of their own; they are kept (so all of them stay searchable), mapped to full-body
    and TAGGED "upper-body": volume counting and the planner must ignore exercises tagged so.
pattern
    Category cardio -> sprint (the vocabulary's conditioning pattern). Otherwise name heuristics
    in a fixed order, first match wins: rear delt/face pull/reverse fly/pull apart -> rear-delt;
    pullover; hyperextension/back extension/superman -> back-extension; leg curl/glute-ham
    raise -> knee-flexion; leg extension -> knee-extension; deadlift/RDL/good morning/swing/hip
    thrust/pull-through/rack pull -> hinge; clean/snatch/jerk/thruster/get-up -> total-body;
    shrug -> shrug; calf/heel raise -> calf-raise; ab- or adduction/monster walk ->
    hip-abduction; lunge/split squat/step-up/split jump -> lunge; squat/leg press/hack ->
    squat; pulldown/pull-up/chin/muscle up -> vertical-pull; row -> horizontal-pull;
    carry/walk/drag/sled push -> carry; sprint and running drills -> sprint; throw/slam/chest
    pass -> throw; jumps, hops, bounds -> squat (the closest knee-and-hip extension);
    plank/crunch/sit-up/leg raise/twist/... -> core. Then a bridge or kickback for glutes or
    hamstrings -> hinge, a hamstring curl -> knee-flexion. Otherwise a default per primary
    muscle: quadriceps -> squat, hamstrings and glutes -> hinge, calves -> calf-raise, adductors
    and abductors -> hip-abduction (the vocabulary's one frontal-plane hip pattern), lats ->
    vertical-pull, middle back and traps -> horizontal-pull, lower back -> back-extension,
    abdominals -> core, and the upper-body muscles -> total-body (there is no pressing or arm
    pattern; the "upper-body" tag marks them). Stretches get the pattern of what they stretch.
measure
    seconds for category stretching and cardio, force "static", and carry and sprint patterns;
    reps otherwise.
default_rest_s
    30 for stretches, 90 for compound, 60 for isolation.
tags
    "upper-body" (see region) and the category when it is not plain "strength"
    ("stretching", "plyometrics", "powerlifting", "olympic-weightlifting", "strongman", "cardio").
everything else
    rank 90 (the planner prefers every curated entry); cues and mistakes empty (the open
    instructions are not shipped); unilateral when the name says single/one arm or leg, lunge,
    split squat or step-up; secondary muscles as given minus the primary ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from redwood.catalog.loader import Catalog

SOURCE = "free-exercise-db"
OPEN_RANK = 90
DATA_FILE = "data/free-exercise-db.json"

E = Equipment


class UnsupportedEntry(ValueError):
    """An open entry that Redwood leaves out, with the reason."""


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """An open-library entry left out of the catalogue, and why."""
    open_id: str
    name: str
    reason: str


def slugify(open_id: str) -> str:
    """The Redwood id of an open entry: "Barbell_Squat" -> "barbell-squat"."""
    return re.sub(r"[^a-z0-9]+", "-", open_id.lower()).strip("-")


# --- equipment -------------------------------------------------------------------------------

_VAGUE = {"other", "body only", None}

_BASE_EQUIPMENT: dict[str | None, tuple[Equipment, ...]] = {
    "barbell": (E.BARBELL,),
    "e-z curl bar": (E.BARBELL,),
    "dumbbell": (E.DUMBBELL,),
    "kettlebells": (E.KETTLEBELL,),
    "cable": (E.CABLE,),
    "machine": (E.MACHINE,),
    "bands": (E.RESISTANCE_BAND,),
    "medicine ball": (E.MEDICINE_BALL,),
    "body only": (),
    "other": (),
    None: (),
}

_UNSUPPORTED_EQUIPMENT = {
    "exercise ball": "needs a stability ball",
    "foam roll": "foam-roller self-massage",
}

# Left out whatever the declared equipment.
_DROP_ANY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bsmr\b"), "foam-roller self-massage"),
    (re.compile(r"exercise ball|stability ball|physioball|swiss ball"), "needs a stability ball"),
    (re.compile(r"\bchains?\b"), "needs chains"),
)

# Left out when the declared equipment is "other", "body only" or missing.
_DROP_VAGUE: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"atlas stone|\bkeg\b|\blog lift|car deadlift|conan|circus bell|rickshaw|tire flip"
            r"|yoke|sandbag|power stairs|sledgehammer"
        ),
        "needs a strongman implement",
    ),
    (re.compile(r"suspended|with straps|\brings?\b"), "needs suspension straps or rings"),
    (re.compile(r"(?<!bench )\bdips?\b|parallel bars?"), "needs dip bars"),
    (re.compile(r"ab roller"), "needs an ab wheel"),
    (re.compile(r"balance board"), "needs a balance board"),
    (re.compile(r"\bropes?\b"), "needs a rope"),
    (re.compile(r"bicycl|skating"), "needs a bike or skates"),
    (re.compile(r"heavy bag"), "needs a heavy bag"),
    (re.compile(r"harness neck"), "needs a neck harness"),
    (re.compile(r"wrist roller"), "needs a wrist roller"),
)

# Added when the declared equipment is "other", "body only" or missing.
_ADD_VAGUE: tuple[tuple[re.Pattern[str], tuple[Equipment, ...]], ...] = (
    (
        re.compile(
            r"pull-?ups?\b|\bchin-?ups?\b|(?<!to )\bchins?\b(?! to)|muscle up|\bhang(ing)?\b"
        ),
        (E.PULL_UP_BAR,),
    ),
    (re.compile(r"\bsled|prowler|\bdrags?\b(?! curl)"), (E.SLED,)),
    (re.compile(r"depth jump"), (E.BOX,)),
    (re.compile(r"trap bar"), (E.TRAP_BAR,)),
    (re.compile(r"\bplates?\b|\baxle\b"), (E.BARBELL,)),
    (re.compile(r"\btowel\b"), (E.TOWEL,)),
    (re.compile(r"farmer"), (E.DUMBBELL,)),
    (re.compile(r"dumbbell"), (E.DUMBBELL,)),
)

# Added whatever the declared equipment.
_BENCH = re.compile(r"\bbench\b|\bincline\b|\bdecline\b")
_BOX = re.compile(r"\bbox\b|step[- ]?ups?\b")
_BAND = re.compile(r"(?<!it )\bbands?\b")

# Entries whose name does not tell; value: the full equipment, or the reason to leave it out.
_OVERRIDES: dict[str, tuple[Equipment, ...] | str] = {
    "Bodyweight_Mid_Row": (E.PULL_UP_BAR,),
    "Inverted_Row": (E.BARBELL,),  # a bar racked at waist height
    "Donkey_Calf_Raises": (E.MACHINE,),
    "Hyperextensions_Back_Extensions": (E.MACHINE,),  # hyperextension bench
    "Hyperextensions_With_No_Hyperextension_Bench": (),
    "Drop_Push": (E.BOX,),
    "Quick_Leap": (E.BOX,),
    "Single_Leg_Push-off": (E.BOX,),
    "Single-Leg_Stride_Jump": (E.BOX,),
    "Stride_Jump_Crossover": (E.BOX,),
    "Incline_Push-Up_Depth_Jump": (E.BOX,),
    "Platform_Hamstring_Slides": (E.TOWEL,),
    "IT_Band_and_Glute_Stretch": (E.TOWEL,),  # a belt, rope or band around the foot
    "Seated_Hamstring_and_Calf_Stretch": (E.TOWEL,),
    "Otis-Up": (E.DUMBBELL,),
    "Svend_Press": (E.BARBELL,),  # two plates
    "Crucifix": (E.DUMBBELL,),  # the upstream note: practise it with dumbbells
    "Weighted_Pull_Ups": (E.PULL_UP_BAR, E.DUMBBELL),  # a dumbbell between the feet
    "Weighted_Bench_Dip": (E.BENCH, E.BARBELL),  # two benches, plates on the lap
    "Weighted_Sit-Ups_-_With_Bands": (E.BENCH, E.RESISTANCE_BAND),
    "Weighted_Squat": "needs a dip belt",
    "London_Bridges": "needs a climbing rope",
    "Knee_Hip_Raise_On_Parallel_Bars": "needs dip bars",
}


def _equipment(open_id: str, name: str, declared: str | None) -> tuple[Equipment, ...]:
    override = _OVERRIDES.get(open_id)
    if isinstance(override, str):
        raise UnsupportedEntry(override)
    if override is not None:
        return tuple(sorted(set(override)))
    if declared in _UNSUPPORTED_EQUIPMENT:
        raise UnsupportedEntry(_UNSUPPORTED_EQUIPMENT[declared])
    if declared not in _BASE_EQUIPMENT:
        raise UnsupportedEntry(f"unknown equipment {declared!r}")
    for pattern, reason in _DROP_ANY:
        if pattern.search(name):
            raise UnsupportedEntry(reason)
    needed = set(_BASE_EQUIPMENT[declared])
    if declared in _VAGUE:
        for pattern, reason in _DROP_VAGUE:
            if pattern.search(name):
                raise UnsupportedEntry(reason)
        for pattern, extra in _ADD_VAGUE:
            if pattern.search(name):
                needed.update(extra)
    if declared != "machine" and _BENCH.search(name):
        needed.add(E.BENCH)
    if _BOX.search(name):
        needed.add(E.BOX)
    if _BAND.search(name):
        needed.add(E.RESISTANCE_BAND)
    return tuple(sorted(needed))


# --- region ----------------------------------------------------------------------------------

_LEG_MUSCLES = {
    Muscle.QUADRICEPS,
    Muscle.HAMSTRINGS,
    Muscle.GLUTES,
    Muscle.CALVES,
    Muscle.ADDUCTORS,
    Muscle.ABDUCTORS,
}
_BACK_MUSCLES = {Muscle.LATS, Muscle.MIDDLE_BACK, Muscle.LOWER_BACK, Muscle.TRAPS}
UPPER_BODY_TAG = "upper-body"


def _region(primary: Muscle) -> Region:
    if primary in _LEG_MUSCLES:
        return Region.LEGS
    if primary in _BACK_MUSCLES:
        return Region.BACK
    if primary is Muscle.ABDOMINALS:
        return Region.CORE
    return Region.FULL_BODY


# --- pattern ---------------------------------------------------------------------------------

_PATTERN_RULES: tuple[tuple[re.Pattern[str], Pattern], ...] = (
    (
        re.compile(
            r"rear[- ]delt|face pull|reverse fl(y|ye|yes)\b|back flyes|pull apart|rear lateral"
        ),
        Pattern.REAR_DELT,
    ),
    (re.compile(r"pullover"), Pattern.PULLOVER),
    (re.compile(r"hyperextension|back extension|\bsuperman\b"), Pattern.BACK_EXTENSION),
    (
        re.compile(r"leg curl|hamstring curl|glute[- ]ham|hamstring slide|manual hamstring"),
        Pattern.KNEE_FLEXION,
    ),
    (re.compile(r"leg extension"), Pattern.KNEE_EXTENSION),
    (
        re.compile(
            r"deadlift|romanian|\brdl\b|good ?morning|stiff[- ]leg|\bswings?\b|hip thrust"
            r"|pull[- ]through|rack pull|hip lift|hip extension"
        ),
        Pattern.HINGE,
    ),
    (
        re.compile(r"\bclean\b(?! grip)|snatch|\bjerk\b|thruster|get-up"),
        Pattern.TOTAL_BODY,
    ),
    (re.compile(r"shrug"), Pattern.SHRUG),
    (re.compile(r"\bcalf\b|\bcalves\b|heel raise"), Pattern.CALF_RAISE),
    (re.compile(r"abduct|adduct|monster walk|\bclam"), Pattern.HIP_ABDUCTION),
    (
        re.compile(r"lunge|split squat|step[- ]?ups?\b|bulgarian|split jump|scissors jump"),
        Pattern.LUNGE,
    ),
    (re.compile(r"squat|leg press|\bhack\b"), Pattern.SQUAT),
    (
        re.compile(
            r"pull-?downs?|pull-?ups?\b|\bchin-?ups?\b|(?<!to )\bchins?\b(?! to)|muscle up"
            r"|one handed hang"
        ),
        Pattern.VERTICAL_PULL,
    ),
    (re.compile(r"\brows?\b"), Pattern.HORIZONTAL_PULL),
    (re.compile(r"carry|\bwalk\b|farmer|\bdrags?\b(?! curl)|sled push"), Pattern.CARRY),
    (
        re.compile(r"sprint|acceleration|start technique|butt kick|skipping|carioca"),
        Pattern.SPRINT,
    ),
    (re.compile(r"throw|\bslam\b|chest pass|chest push|\btoss\b"), Pattern.THROW),
    (re.compile(r"\bjumps?\b|\bhops?\b|\bbound\b|\bleap\b|\bskip\b"), Pattern.SQUAT),
    (
        re.compile(
            r"plank|crunch|sit-?ups?\b|leg raise|leg lift|knee raise|(?<!a )twist|dead bug"
            r"|jackknife|\bv-?up|flutter|side bridge|mountain climber|wood ?chop|pallof"
            r"|side bend|vacuum|\bpike\b|\bab\b|ab roll|rollout|russian"
        ),
        Pattern.CORE,
    ),
)

_HINGE_BRIDGE = re.compile(r"bridge|butt lift|glute kickback")

_DEFAULT_PATTERN: dict[Muscle, Pattern] = {
    Muscle.QUADRICEPS: Pattern.SQUAT,
    Muscle.HAMSTRINGS: Pattern.HINGE,
    Muscle.GLUTES: Pattern.HINGE,
    Muscle.CALVES: Pattern.CALF_RAISE,
    Muscle.ADDUCTORS: Pattern.HIP_ABDUCTION,
    Muscle.ABDUCTORS: Pattern.HIP_ABDUCTION,
    Muscle.LATS: Pattern.VERTICAL_PULL,
    Muscle.MIDDLE_BACK: Pattern.HORIZONTAL_PULL,
    Muscle.TRAPS: Pattern.HORIZONTAL_PULL,
    Muscle.LOWER_BACK: Pattern.BACK_EXTENSION,
    Muscle.ABDOMINALS: Pattern.CORE,
}


def _pattern(name: str, primary: Muscle, category: str) -> Pattern:
    if category == "cardio":
        return Pattern.SPRINT
    for regex, pattern in _PATTERN_RULES:
        if regex.search(name):
            return pattern
    if primary in {Muscle.GLUTES, Muscle.HAMSTRINGS} and _HINGE_BRIDGE.search(name):
        return Pattern.HINGE
    if primary is Muscle.HAMSTRINGS and "curl" in name:
        return Pattern.KNEE_FLEXION
    return _DEFAULT_PATTERN.get(primary, Pattern.TOTAL_BODY)


# --- the rest --------------------------------------------------------------------------------

_LEVELS = {
    "beginner": Level.BEGINNER,
    "intermediate": Level.INTERMEDIATE,
    "expert": Level.ADVANCED,
}
_WHOLE_BODY_CATEGORIES = {
    "plyometrics",
    "olympic weightlifting",
    "strongman",
    "powerlifting",
    "cardio",
}
_UNILATERAL = re.compile(
    r"\b(single|one)[- ](arm|leg|legged|handed)\b|\bunilateral\b|lunge|split squat"
    r"|step[- ]?ups?\b|bulgarian"
)


def _text(entry: Mapping[str, object], key: str) -> str | None:
    value = entry.get(key)
    if value is None or isinstance(value, str):
        return value
    raise UnsupportedEntry(f"{key} is not text: {value!r}")


def _muscles(entry: Mapping[str, object], key: str) -> tuple[Muscle, ...]:
    values = entry.get(key) or []
    if not isinstance(values, list):
        raise UnsupportedEntry(f"{key} is not a list: {values!r}")
    try:
        return tuple(dict.fromkeys(Muscle(v) for v in values))
    except ValueError as exc:
        raise UnsupportedEntry(f"{key}: {exc}") from exc


def map_entry(entry: Mapping[str, object]) -> Exercise:
    """One open entry (the compact JSON object) as a Redwood exercise.

    Raises UnsupportedEntry when Redwood leaves the entry out (see the module docstring).
    """
    open_id = _text(entry, "id")
    name = _text(entry, "name")
    if not open_id or not name:
        raise UnsupportedEntry("no id or name")
    lowered = name.lower()
    category = _text(entry, "category") or "strength"
    force = _text(entry, "force")

    primary = _muscles(entry, "primaryMuscles")
    if not primary:
        raise UnsupportedEntry("no primary muscle")
    secondary = tuple(m for m in _muscles(entry, "secondaryMuscles") if m not in primary)

    level_text = _text(entry, "level")
    if level_text not in _LEVELS:
        raise UnsupportedEntry(f"unknown level {level_text!r}")
    mechanic_text = _text(entry, "mechanic")
    if mechanic_text is None:
        mechanic = Mechanic.COMPOUND if category in _WHOLE_BODY_CATEGORIES else Mechanic.ISOLATION
    else:
        try:
            mechanic = Mechanic(mechanic_text)
        except ValueError as exc:
            raise UnsupportedEntry(f"unknown mechanic {mechanic_text!r}") from exc

    equipment = _equipment(open_id, lowered, _text(entry, "equipment"))
    region = _region(primary[0])
    pattern = _pattern(lowered, primary[0], category)

    timed = (
        category in {"stretching", "cardio"}
        or force == "static"
        or pattern in {Pattern.CARRY, Pattern.SPRINT}
    )
    if category == "stretching":
        rest = 30
    elif mechanic is Mechanic.COMPOUND:
        rest = 90
    else:
        rest = 60

    tags: list[str] = []
    if primary[0] not in _LEG_MUSCLES | _BACK_MUSCLES | {Muscle.ABDOMINALS}:
        tags.append(UPPER_BODY_TAG)
    if category != "strength":
        tags.append(slugify(category))

    return Exercise(
        id=slugify(open_id),
        name=name,
        pattern=pattern,
        mechanic=mechanic,
        region=region,
        primary_muscles=primary,
        secondary_muscles=secondary,
        equipment=equipment,
        level=_LEVELS[level_text],
        default_rest_s=rest,
        unilateral=bool(_UNILATERAL.search(lowered)),
        measure=Measure.SECONDS if timed else Measure.REPS,
        rank=OPEN_RANK,
        source=SOURCE,
        tags=tuple(tags),
    )


# --- loading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Library:
    """The open library as read: its exercises, what was skipped, and the look-ups by id and name.
"""
    exercises: tuple[Exercise, ...]
    skipped: tuple[SkippedEntry, ...]
    by_open_id: dict[str, Exercise]
    names: dict[str, str]
    """Open id -> open name, for every entry (kept or skipped)."""
    upstream: dict[str, str]
    """Redwood-form id (slug) -> open id, for every entry (kept or skipped)."""


def _read_entries() -> list[Mapping[str, object]]:
    text = resources.files("redwood.catalog").joinpath(DATA_FILE).read_text("utf-8")
    raw = json.loads(text)
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise ValueError(f"{DATA_FILE}: expected a JSON list of objects")
    return raw


@cache
def _library() -> _Library:
    exercises: list[Exercise] = []
    skipped: list[SkippedEntry] = []
    by_open_id: dict[str, Exercise] = {}
    names: dict[str, str] = {}
    upstream: dict[str, str] = {}
    seen: set[str] = set()
    for entry in _read_entries():
        open_id = str(entry.get("id", ""))
        name = str(entry.get("name", ""))
        names[open_id] = name
        upstream.setdefault(slugify(open_id), open_id)
        try:
            exercise = map_entry(entry)
        except UnsupportedEntry as exc:
            skipped.append(SkippedEntry(open_id, name, str(exc)))
            continue
        if exercise.id in seen:
            skipped.append(SkippedEntry(open_id, name, f"id {exercise.id!r} already taken"))
            continue
        seen.add(exercise.id)
        exercises.append(exercise)
        by_open_id[open_id] = exercise
    return _Library(tuple(exercises), tuple(skipped), by_open_id, names, upstream)


def load_open_library() -> tuple[Exercise, ...]:
    """Every open entry Redwood can express, in the data file's order (parsed once)."""
    return _library().exercises


def skipped_open_entries() -> tuple[SkippedEntry, ...]:
    """The open entries left out of the library, each with the reason."""
    return _library().skipped


def resolve_open_id(text: str) -> str | None:
    """The upstream id for an open id in either form ("Barbell_Squat" or "barbell-squat")."""
    library = _library()
    if text in library.names:
        return text
    return library.upstream.get(slugify(text))


def open_exercise(open_id: str) -> Exercise | None:
    """The mapped exercise of an open id (either form), or None if unknown or left out."""
    resolved = resolve_open_id(open_id)
    return _library().by_open_id.get(resolved) if resolved else None


def open_name(open_id: str) -> str | None:
    """The upstream name of an open id (either form), kept or left out; None if unknown."""
    resolved = resolve_open_id(open_id)
    return _library().names.get(resolved) if resolved else None


def name_key(text: str) -> str:
    """A name compared loosely: "Farmer's Walk", "farmers walk" and "Farmers-Walk" are one."""
    return slugify(text.replace("'", "").replace("\u2019", ""))


def linked_open_ids(catalog: Catalog) -> set[str]:
    """The Redwood ids of the open entries that curated entries stand for."""
    return {slugify(open_id) for open_id in catalog.links.values()}


@lru_cache(maxsize=8)
def open_library_for(catalog: Catalog) -> tuple[Exercise, ...]:
    """The open library minus what the curated catalogue already covers.

    An open entry is dropped when its id is a curated id (the curated entry wins), when a
    curated entry links to it through its `free_exercise_db` field, or when its name is a
    curated name or alias (compared by `name_key`).
    """
    shadowed = set(catalog.ids) | linked_open_ids(catalog)
    curated_names = {name_key(n) for e in catalog for n in (e.name, *e.aliases)}
    return tuple(
        e
        for e in load_open_library()
        if e.id not in shadowed and name_key(e.name) not in curated_names
    )
