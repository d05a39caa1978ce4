"""Which Redwood exercise an imported exercise name is.

Other apps name exercises their own way ("Squat (Barbell)", "Lat Pulldown (Cable)",
"Pullups"). A name is settled, first rule that applies:

1. the user's mapping file (`--map`): a name -> an exercise id, or "custom";
2. the alias table: `catalog/data/import-aliases.yaml`, then the curated catalogue's names and
   aliases and the open library's names and ids (exact, in any case and punctuation, with the
   equipment in brackets read as a word: "Bench Press (Barbell)" = "Barbell Bench Press");
3. a fuzzy match (rapidfuzz token-sort ratio) against every name of step 2, when it scores at
   least `FUZZY_THRESHOLD` and the two names agree on every contrast word (`CONTRAST_WORDS`:
   "Hip Adduction" must never become "Hip Abduction", "Incline" never "Decline");
4. otherwise the user's own custom exercise, under a slug of the name. Never dropped: a set
   whose exercise Redwood does not know is still the lifter's history.

rapidfuzz and yaml are imported inside the functions that use them (CLI start-up).
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from redwood.catalog import Catalog

FUZZY_THRESHOLD = 90.0
"""Minimum rapidfuzz token-sort ratio (0-100) of two normalized names for a fuzzy match.
Below it the name becomes a custom exercise: a wrong match would put another exercise's
history into the coach's targets, a missed one only asks the user for a `--map` line."""

CONTRAST_WORDS = frozenset({
    "abduction", "adduction", "abductor", "adductor", "incline", "decline", "flat", "front",
    "back", "rear", "side", "reverse", "seated", "standing", "lying", "single", "one", "close",
    "wide", "sumo", "romanian", "stiff", "overhead", "upright", "hammer", "preacher",
    "extension", "curl", "raise", "press", "row", "fly", "pulldown", "pushdown", "squat",
    "deadlift", "lunge", "barbell", "dumbbell", "cable", "machine", "kettlebell", "band",
    "smith", "assisted", "weighted", "bodyweight", "calf", "leg", "hip", "chest", "shoulder",
})
"""Words that tell exercises apart: if either name has one, the other must have it too."""

TYPO_RATIO = 75.0
"""A word this close (rapidfuzz ratio) to a contrast word counts as a misspelling of it."""

CUSTOM = "custom"
MAX_SLUG = 90


class MappingError(ValueError):
    """A `--map` file that cannot be used; the message is one line naming the line."""


@dataclass(frozen=True, slots=True)
class NameMatch:
    name: str
    """The exercise name as the file has it."""
    exercise_id: str
    how: str
    """'map' (the user's mapping file), 'alias', 'fuzzy' or 'custom'."""
    score: float | None = None
    """The fuzzy score, for 'fuzzy'."""
    matched: str | None = None
    """The library name a fuzzy match found."""

    @property
    def custom(self) -> bool:
        return self.how == CUSTOM


# --- text ------------------------------------------------------------------------------------

_BRACKETS = re.compile(r"\(([^)]*)\)")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def name_key(name: str) -> str:
    """A name as compared: lower case, bracketed equipment first, singular words, no
    punctuation. "Bench Press (Barbell)" and "barbell bench presses" give the same key."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("'", "").replace("\u2019", "")
    inside = " ".join(_BRACKETS.findall(text))
    outside = _BRACKETS.sub(" ", text)
    words = re.findall(r"[^\W_]+", f"{inside} {outside}")
    return " ".join(_singular(w) for w in words)


def slug(name: str) -> str:
    """A custom exercise's id: "Katana Triceps Extension" -> "katana-triceps-extension"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:MAX_SLUG].strip("-")
    return text or "exercise"


# --- the alias table -------------------------------------------------------------------------


@cache
def import_aliases() -> dict[str, str]:
    """App name -> exercise id, from import-aliases.yaml (exactly as written)."""
    import yaml

    text = resources.files("redwood.catalog").joinpath("data/import-aliases.yaml").read_text(
        "utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    out: dict[str, str] = {}
    for exercise_id, names in raw.items():
        for name in names:
            out[str(name)] = str(exercise_id)
    return out


def _library_names(catalog: Catalog) -> list[tuple[str, str]]:
    """(name, exercise id) for every name step 2 knows, most trusted first."""
    from redwood.catalog.openlib import open_library_for

    pairs = [(name, exercise_id) for name, exercise_id in import_aliases().items()]
    for exercise in catalog:
        pairs += [(n, exercise.id) for n in (exercise.name, *exercise.aliases, exercise.id)]
    for exercise in open_library_for(catalog):
        pairs += [(exercise.name, exercise.id), (exercise.id, exercise.id)]
    return pairs


_TABLES: dict[int, tuple[dict[str, str], list[str]]] = {}


def _tables(catalog: Catalog) -> tuple[dict[str, str], list[str]]:
    """Key -> exercise id (first claim wins), and the keys in a list for rapidfuzz."""
    found = _TABLES.get(id(catalog))
    if found is None:
        from redwood.catalog import load_catalog

        if catalog is load_catalog():
            # The shipped catalogue's table is kept between runs (redwood._cache): building
            # it (the open library mapped, ~2,500 names keyed) was a third of a small
            # import's start-up. Keyed by the data files and the code that reads them.
            from redwood._cache import cached

            table = cached("import-names", _shipped_sources(), lambda: _build(catalog))
        else:
            table = _build(catalog)
        found = _TABLES[id(catalog)] = (table, list(table))
    return found


def _build(catalog: Catalog) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, exercise_id in _library_names(catalog):
        key = name_key(name)
        if key:
            table.setdefault(key, exercise_id)
    return table


def _shipped_sources() -> str:
    """The texts the shipped name table is built from: the data files, and this module and
    the open library's reader (a change to either builds it afresh)."""
    from redwood.catalog import openlib

    data = resources.files("redwood.catalog").joinpath("data")
    texts = [data.joinpath(f).read_text("utf-8") for f in (
        "import-aliases.yaml", "exercises.yaml", openlib.DATA_FILE.removeprefix("data/"))]
    texts += [Path(module.__file__).read_text("utf-8") for module in (
        sys.modules[__name__], openlib) if module.__file__]
    return "\0".join(texts)


def known_id(exercise_id: str, catalog: Catalog) -> bool:
    """An id of the curated catalogue or the open library."""
    from redwood.catalog.search import find_exercise

    if exercise_id in catalog:
        return True
    found = find_exercise(exercise_id, catalog)
    return found is not None and found.id == exercise_id


# --- matching --------------------------------------------------------------------------------


def _contrasts(words: set[str], other: set[str]) -> bool:
    """Whether `words` has a contrast word that `other` lacks, other than as a typo (a close
    word that is not itself a contrast word: "barbel" for "barbell")."""
    from rapidfuzz import fuzz

    for word in (words - other) & CONTRAST_WORDS:
        if not any(fuzz.ratio(word, o) >= TYPO_RATIO and o not in CONTRAST_WORDS
                   for o in other - words):
            return True
    return False


class NameMapper:
    """Settles each distinct name once (see the module doc)."""

    def __init__(self, catalog: Catalog, *, overrides: dict[str, str] | None = None) -> None:
        self.catalog = catalog
        self._overrides = {name_key(k): v for k, v in (overrides or {}).items()}
        self._table, self._keys = _tables(catalog)
        self._library_ids = set(self._table.values())
        self._seen: dict[str, NameMatch] = {}
        self._slugs: dict[str, str] = {}
        """Custom slug -> the key it was given for: two different names never share one."""

    def match(self, name: str) -> NameMatch:
        found = self._seen.get(name)
        if found is None:
            found = self._seen[name] = self._match(name)
        return found

    def _match(self, name: str) -> NameMatch:
        key = name_key(name)
        override = self._overrides.get(key)
        if override is not None:
            if override == CUSTOM:
                return NameMatch(name, self._custom_id(name, key), CUSTOM)
            return NameMatch(name, override, "map")
        exercise_id = self._table.get(key)
        if exercise_id is not None:
            return NameMatch(name, exercise_id, "alias")
        fuzzy = self._fuzzy(key)
        if fuzzy is not None:
            matched, score = fuzzy
            return NameMatch(name, self._table[matched], "fuzzy", round(score, 1), matched)
        return NameMatch(name, self._custom_id(name, key), CUSTOM)

    def _fuzzy(self, key: str) -> tuple[str, float] | None:
        from rapidfuzz import fuzz, process

        if not key:
            return None
        words = set(key.split())
        for candidate, score, _ in process.extract(
            key, self._keys, scorer=fuzz.token_sort_ratio, limit=10,
            score_cutoff=FUZZY_THRESHOLD,
        ):
            other = set(candidate.split())
            if _contrasts(words, other) or _contrasts(other, words):
                continue
            return candidate, float(score)
        return None

    def _custom_id(self, name: str, key: str) -> str:
        base = slug(name)
        candidate = base
        n = 1
        while True:
            taken_by = self._slugs.get(candidate)
            clashes = (candidate in self.catalog or candidate in self._library_ids
                       or (taken_by is not None and taken_by != key))
            if not clashes:
                self._slugs[candidate] = key
                return candidate
            n += 1
            candidate = f"{base[:MAX_SLUG - 8]}-custom" + ("" if n == 2 else f"-{n - 1}")


# --- the user's mapping file -----------------------------------------------------------------


def load_mapping(path: Path, is_known: Callable[[str], bool]) -> dict[str, str]:
    """A `--map` file: YAML (`"Squat (Barbell)": back-squat`) or CSV (`name,exercise`, an
    optional header). The target is an exercise id or "custom". Raises MappingError naming
    the file's line for an unknown id, an empty name or a name given twice."""
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise MappingError(f"--map: cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise MappingError(f"--map: {path} is not UTF-8 text") from None
    if path.suffix.lower() == ".csv":
        entries = _csv_entries(path, text)
    else:
        entries = _yaml_entries(path, text)
    out: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, name, target in entries:
        name, target = name.strip(), target.strip()
        where = f"--map: {path.name} line {line}"
        if not name:
            raise MappingError(f"{where}: the exercise name is empty")
        if not target:
            raise MappingError(f"{where}: {name!r} maps to nothing: give an exercise id or "
                               f"{CUSTOM!r}")
        if target.casefold() == CUSTOM:
            target = CUSTOM
        elif not is_known(target):
            raise MappingError(f"{where}: {target!r} is not an exercise id (see `redwood "
                               f"exercises search`), nor {CUSTOM!r}")
        key = name_key(name)
        if key in lines:
            raise MappingError(f"{where}: {name!r} is already mapped on line {lines[key]}")
        lines[key] = line
        out[name] = target
    return out


def _csv_entries(path: Path, text: str) -> list[tuple[int, str, str]]:
    reader = csv.reader(text.splitlines())
    out: list[tuple[int, str, str]] = []
    for row in reader:
        line = reader.line_num
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if line == 1 and [c.strip().casefold() for c in row[:2]] in (
            ["name", "exercise"], ["name", "exercise_id"], ["name", "id"]
        ):
            continue
        if len(row) != 2:
            raise MappingError(f"--map: {path.name} line {line}: expected 2 fields "
                               f"(name,exercise), found {len(row)}")
        out.append((line, row[0], row[1]))
    return out


def _yaml_entries(path: Path, text: str) -> list[tuple[int, str, str]]:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark: Any = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise MappingError(f"--map: {path.name}{line}: not valid YAML") from None
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        raise MappingError(f"--map: {path.name} line {node.start_mark.line + 1}: expected "
                           "lines like  \"Squat (Barbell)\": back-squat")
    out: list[tuple[int, str, str]] = []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or not isinstance(
                value_node, yaml.ScalarNode):
            raise MappingError(f"--map: {path.name} line {line}: expected  name: exercise-id")
        out.append((line, str(key_node.value), str(value_node.value)))
    return out
