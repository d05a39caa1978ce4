"""Find exercises: filter the curated catalogue and the open library, rank by a fuzzy match.

Rules a user notices:

* Filters come first and are exact. `muscle` matches PRIMARY muscles only. `equipment` keeps
  exercises that NEED that item (it is among their equipment); to ask "what can I do with what I
  have" pass `available_with` instead (everything needed is in the set; an empty set means
  bodyweight only).
* A query is split into words; each query word gets the score of its best match among the
  words of the exercise's name, aliases and id (and, for a curated entry, the name of the open
  entry it stands for): 100 for the same word or its singular ("squats" -> squat), a little
  less for a word it begins ("dead" -> deadlift), otherwise rapidfuzz `fuzz.ratio`, so typos
  still match ("romanain" -> romanian). A few shorthands count as their long form ("db" ->
  dumbbell, "single" <-> one, "quads" -> quadriceps), and two neighbouring query words also
  count joined ("pull up" -> pullup).
  The words of the exercise's pattern, equipment and primary muscles also match, at
  `TAG_WEIGHT` of the score ("barbell deadlift" finds a Deadlift that needs a barbell, "lats"
  finds lat work). A word scoring below `WORD_FLOOR` counts 0. The exercise's score is the mean
  over the query words, and below `CUTOFF` it is not a match: nonsense finds nothing, and with
  two words both must match, with three at least two.
* Order: score, blended with how close the whole query is to the whole name (`CLOSENESS_WEIGHT`,
  in steps of 10 so that only clear differences count),
  plus `CURATED_BONUS` for curated entries (at equal-ish scores they come first, as they are the
  planner's first choice), `PATTERN_BONUS` when the query names the exercise's pattern
  ("squat" puts squats before split squats and squat jumps) and up to `RANK_BONUS` for the
  planner's preference (`Exercise.rank`). Then curated first, file order.
* Without a query: curated entries in file order, then open ones alphabetically.

rapidfuzz is imported inside the functions that use it, to keep CLI start-up fast.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from redwood.catalog.loader import Catalog, load_catalog
from redwood.catalog.openlib import open_library_for, open_name, slugify
from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Equipment, Muscle, Pattern, Region, allowed

CUTOFF = 65.0
"""Minimum mean word score (0-100) for a query to find an exercise."""
WORD_FLOOR = 75.0
"""A query word matching worse than this counts 0."""
SUGGEST_CUTOFF = 55.0
SUGGEST_WORD_FLOOR = 60.0
"""Looser limits for "did you mean" suggestions."""
TAG_WEIGHT = 0.85
CLOSENESS_WEIGHT = 0.2
CURATED_BONUS = 5.0
PATTERN_BONUS = 3.0
RANK_BONUS = 2.0
"""At most this for the planner's preference (Exercise.rank 1 gets all of it, 99 none)."""


# --- text ------------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lower case words separated by single spaces: "Farmer's Walk" -> "farmers walk"."""
    text = text.casefold().replace("'", "").replace("\u2019", "")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _singular(word: str) -> str | None:
    """The singular of a plural-looking word ("squats" -> squat), else None."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


def _words(text: str) -> list[str]:
    words = normalize(text).split()
    # Also the joined neighbours, so "pull up" and "pullup" meet ("Pull-Up" -> pull, up, pullup),
    # and singulars, so "Squats" is a squat.
    joined = [a + b for a, b in pairwise(words)]
    singulars = [s for s in map(_singular, words + joined) if s]
    return words + joined + singulars


# --- candidates ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An exercise as a search weighs it: its names and words, and whether it is curated."""
    exercise: Exercise
    curated: bool
    order: int
    names: tuple[str, ...]
    """Normalized names (name, aliases, id, linked open name), for closeness."""
    words: frozenset[str]
    """The words of all the names."""
    tag_words: frozenset[str]
    """Pattern, equipment and primary-muscle words, matched at TAG_WEIGHT."""


def _candidate(
    exercise: Exercise, curated: bool, order: int, extra: Iterable[str] = ()
) -> _Candidate:
    raw = [exercise.name, *exercise.aliases, exercise.id, *extra]
    names = tuple(dict.fromkeys(n for n in (normalize(x) for x in raw) if n))
    words = frozenset(w for n in names for w in _words(n))
    tags = [exercise.pattern.value, *exercise.equipment, *exercise.primary_muscles]
    tag_words = frozenset(w for t in tags for w in _words(t)) - words
    return _Candidate(exercise, curated, order, names, words, tag_words)


@lru_cache(maxsize=16)
def _candidates(catalog: Catalog, include_open: bool) -> tuple[_Candidate, ...]:
    out: list[_Candidate] = []
    for i, exercise in enumerate(catalog):
        linked = catalog.links.get(exercise.id)
        linked_name = open_name(linked) if linked else None
        out.append(_candidate(exercise, True, i, [linked_name] if linked_name else []))
    if include_open:
        for i, exercise in enumerate(open_library_for(catalog)):
            out.append(_candidate(exercise, False, i))
    return tuple(out)


def _resolve(catalog: Catalog | None) -> Catalog:
    return load_catalog() if catalog is None else catalog


# --- scoring ---------------------------------------------------------------------------------


_QueryWord = tuple[str, bool]
"""A query word, and whether it may match fuzzily (not for two words joined by us)."""

_SYNONYMS = {
    "single": ("one",),
    "one": ("single",),
    "db": ("dumbbell",),
    "bb": ("barbell",),
    "kb": ("kettlebell",),
    "quads": ("quadriceps",),
    "quad": ("quadriceps",),
    "hams": ("hamstrings",),
    "abs": ("abdominals",),
    "delts": ("shoulders",),
}


def _score_table(query_word: _QueryWord, vocabulary: Collection[str]) -> dict[str, float]:
    """How well one query word matches each word of the vocabulary (words missing: 0)."""
    from rapidfuzz import fuzz, process

    text, fuzzy = query_word
    texts = (text, *_SYNONYMS.get(text, ()))
    table: dict[str, float] = {}
    if fuzzy:
        for t in texts:
            for word, score, _ in process.extract(
                t, vocabulary, scorer=fuzz.ratio, limit=None, score_cutoff=1
            ):
                table[word] = max(table.get(word, 0.0), float(score))
    for word in vocabulary:
        for t in texts:
            if len(t) >= 3 and word.startswith(t):
                table[word] = max(table.get(word, 0.0), 80.0 + 20.0 * len(t) / len(word))
    for exact in (*texts, _singular(text)):
        if exact:
            table[exact] = 100.0
    return table


def _coverage(tables: tuple[dict[str, float], ...], candidate: _Candidate, floor: float) -> float:
    total = 0.0
    for table in tables:
        score = max((table.get(w, 0.0) for w in candidate.words), default=0.0)
        if score < 100.0 and candidate.tag_words:
            tag_score = max(table.get(w, 0.0) for w in candidate.tag_words)
            score = max(score, TAG_WEIGHT * tag_score)
        total += score if score >= floor else 0.0
    return total / len(tables)


def _query_variants(query: str) -> list[tuple[_QueryWord, ...]]:
    """The query's words; and, for each pair of neighbours, the words with that pair joined
    ("pull up" -> pullup), the joined word matching only exactly or as a prefix."""
    words = [w for w in normalize(query).split() if len(w) > 1 or w.isdigit()]
    if not words:
        return []
    variants = [tuple((w, True) for w in words)]
    for i in range(len(words) - 1):
        joined = (words[i] + words[i + 1], False)
        before = tuple((w, True) for w in words[:i])
        after = tuple((w, True) for w in words[i + 2 :])
        variants.append((*before, joined, *after))
    return variants


def _ranked(
    query: str, candidates: Iterable[_Candidate], cutoff: float, floor: float
) -> list[_Candidate]:
    """The candidates matching the query, best first."""
    from rapidfuzz import fuzz

    variants = _query_variants(query)
    if not variants:
        return []
    candidates = list(candidates)
    vocabulary = {w for c in candidates for w in c.words | c.tag_words}
    tables: dict[_QueryWord, dict[str, float]] = {}
    for variant in variants:
        for word in variant:
            if word not in tables:
                tables[word] = _score_table(word, vocabulary)
    variant_tables = [tuple(tables[w] for w in v) for v in variants]
    query_words = {text for text, _ in variants[0]}
    whole = normalize(query)
    scored = []
    for candidate in candidates:
        score = max(_coverage(t, candidate, floor) for t in variant_tables)
        if score < cutoff:
            continue
        closeness = max(float(fuzz.ratio(whole, name)) for name in candidate.names)
        closeness = round(closeness / 10.0) * 10.0  # coarse: only clear differences count
        rank = (1.0 - CLOSENESS_WEIGHT) * score + CLOSENESS_WEIGHT * closeness
        if candidate.curated:
            rank += CURATED_BONUS
        if set(candidate.exercise.pattern.value.split("-")) <= query_words:
            rank += PATTERN_BONUS
        rank += RANK_BONUS * max(0, 99 - candidate.exercise.rank) / 98
        scored.append(((-rank, not candidate.curated, candidate.order), candidate))
    scored.sort(key=lambda item: item[0])
    return [candidate for _, candidate in scored]


# --- public API ------------------------------------------------------------------------------


def search_exercises(
    query: str | None = None,
    *,
    muscle: Muscle | None = None,
    equipment: Equipment | None = None,
    pattern: Pattern | None = None,
    region: Region | None = None,
    available_with: Collection[Equipment] | None = None,
    include_open: bool = True,
    limit: int | None = None,
    catalog: Catalog | None = None,
) -> list[Exercise]:
    """Exercises that pass every filter and match the query, best first (see module doc).

    muscle: a primary muscle. equipment: an item the exercise needs. available_with: the
    equipment at hand (everything the exercise needs must be in it; empty = bodyweight only).
    catalog: the curated catalogue (default: the shipped one); the open library is added behind
    it unless include_open is False.
    """
    candidates = [
        c
        for c in _candidates(_resolve(catalog), include_open)
        if (muscle is None or muscle in c.exercise.primary_muscles)
        and (equipment is None or equipment in c.exercise.equipment)
        and (pattern is None or c.exercise.pattern is pattern)
        and (region is None or c.exercise.region is region)
        and (available_with is None or c.exercise.available_with(available_with))
    ]
    if query is not None and query.strip():
        found = [c.exercise for c in _ranked(query, candidates, CUTOFF, WORD_FLOOR)]
    else:
        curated = [c.exercise for c in candidates if c.curated]
        opened = sorted(
            (c.exercise for c in candidates if not c.curated),
            key=lambda e: (e.name.casefold(), e.id),
        )
        found = curated + opened
    return found if limit is None else found[: max(limit, 0)]


@lru_cache(maxsize=16)
def _lookup(catalog: Catalog, include_open: bool) -> dict[str, Exercise]:
    """Normalized id, name or alias -> exercise; the first claim wins, curated before open."""
    table: dict[str, Exercise] = {}
    curated = list(catalog)
    for exercise in curated:
        table.setdefault(normalize(exercise.id), exercise)
    for exercise in curated:
        for name in (exercise.name, *exercise.aliases):
            table.setdefault(normalize(name), exercise)
    for curated_id, open_id in catalog.links.items():
        for key in (open_id, slugify(open_id), open_name(open_id) or ""):
            if normalize(key):
                table.setdefault(normalize(key), catalog[curated_id])
    if include_open:
        opened = open_library_for(catalog)
        for exercise in opened:
            table.setdefault(normalize(exercise.id), exercise)
        for exercise in opened:
            table.setdefault(normalize(exercise.name), exercise)
    return table


def find_exercise(
    id_or_name: str, catalog: Catalog | None = None, *, include_open: bool = True
) -> Exercise | None:
    """The exercise with this id, or else this name or alias (any case, any punctuation).

    Curated entries win; an open id or name that a curated entry stands for finds the curated
    entry. Open ids are accepted in Redwood form ("barbell-squat") and upstream form
    ("Barbell_Squat"). No fuzzy guessing: use suggest_ids for "did you mean".
    """
    resolved = _resolve(catalog)
    exact = resolved.get(id_or_name.strip())
    if exact is not None:
        return exact
    key = normalize(id_or_name)
    if not key:
        return None
    return _lookup(resolved, include_open).get(key)


def suggest_ids(
    text: str,
    n: int = 3,
    *,
    catalog: Catalog | None = None,
    include_open: bool = True,
) -> list[str]:
    """Up to n ids close to text (a mistyped id or name), best first, for "did you mean"."""
    if n <= 0:
        return []
    candidates = _candidates(_resolve(catalog), include_open)
    ranked = _ranked(text, candidates, SUGGEST_CUTOFF, SUGGEST_WORD_FLOOR)
    return [candidate.exercise.id for candidate in ranked[:n]]


# --- vocabulary parsing ----------------------------------------------------------------------

_MUSCLE_SYNONYMS = {
    "abs": Muscle.ABDOMINALS,
    "quads": Muscle.QUADRICEPS,
    "quad": Muscle.QUADRICEPS,
    "hams": Muscle.HAMSTRINGS,
    "calf": Muscle.CALVES,
    "low back": Muscle.LOWER_BACK,
    "mid back": Muscle.MIDDLE_BACK,
    "delts": Muscle.SHOULDERS,
    "deltoids": Muscle.SHOULDERS,
    "pecs": Muscle.CHEST,
}

_E = TypeVar("_E", bound=StrEnum)


def parse_term(enum: type[_E], text: str, synonyms: dict[str, _E] | None = None) -> _E:
    """A vocabulary term from user text: any case, "-", "_" or spaces between words, and a
    missing plural "s" ("lat" -> lats). Raises ValueError naming the allowed values."""
    key = " ".join(text.casefold().replace("-", " ").replace("_", " ").split())
    by_words = {" ".join(m.value.replace("-", " ").split()): m for m in enum}
    for candidate in (key, key + "s"):
        if candidate in by_words:
            return by_words[candidate]
    if synonyms and key in synonyms:
        return synonyms[key]
    kind = enum.__name__.lower()
    raise ValueError(f"unknown {kind} {text!r}; allowed: {allowed(enum)}")


def parse_muscle(text: str) -> Muscle:
    """A muscle from user text: "lower back", "lower-back", "Lower Back", "lat", "quads"."""
    return parse_term(Muscle, text, _MUSCLE_SYNONYMS)
