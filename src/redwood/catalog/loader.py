"""Load and validate the curated exercise catalogue (catalog/data/exercises.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from redwood.domain.exercise import Exercise, Substitution
from redwood.domain.vocabulary import (
    Equipment,
    Level,
    Measure,
    Mechanic,
    Muscle,
    Pattern,
    Region,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=3, strip_whitespace=True)]


class CatalogError(ValueError):
    """The catalogue data is broken: a developer's or a coach's mistake, not the user's."""


class SubstitutionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    note: Text


class ExerciseEntry(BaseModel):
    """One exercise as written in the YAML file."""

    model_config = ConfigDict(extra="forbid")

    id: Slug
    name: Text
    aliases: list[str] = []
    pattern: Pattern
    mechanic: Mechanic
    region: Region
    primary_muscles: list[Muscle] = Field(min_length=1)
    secondary_muscles: list[Muscle] = []
    equipment: list[Equipment] = []
    level: Level
    unilateral: bool = False
    measure: Measure = Measure.REPS
    default_rest_s: int = Field(ge=15, le=300)
    rank: int = Field(default=50, ge=1, le=99)
    core_lift: bool = False
    cues: list[Text] = Field(min_length=1)
    mistakes: list[Text] = Field(min_length=1)
    substitutions: list[SubstitutionEntry] = []
    free_exercise_db: str | None = None
    tags: list[str] = []

    def to_domain(self) -> Exercise:
        return Exercise(
            id=self.id,
            name=self.name,
            aliases=tuple(self.aliases),
            pattern=self.pattern,
            mechanic=self.mechanic,
            region=self.region,
            primary_muscles=tuple(self.primary_muscles),
            secondary_muscles=tuple(self.secondary_muscles),
            equipment=tuple(sorted(set(self.equipment))),
            level=self.level,
            unilateral=self.unilateral,
            measure=self.measure,
            default_rest_s=self.default_rest_s,
            rank=self.rank,
            core_lift=self.core_lift,
            cues=tuple(self.cues),
            mistakes=tuple(self.mistakes),
            substitutions=tuple(Substitution(s.id, s.note) for s in self.substitutions),
            tags=tuple(self.tags),
        )


class Catalog:
    """The curated exercises by id, in file order."""

    def __init__(
        self, exercises: Iterable[Exercise], links: Mapping[str, str] | None = None
    ) -> None:
        self._by_id: dict[str, Exercise] = {}
        for exercise in exercises:
            if exercise.id in self._by_id:
                raise CatalogError(f"duplicate exercise id {exercise.id!r}")
            self._by_id[exercise.id] = exercise
        for exercise in self._by_id.values():
            for sub in exercise.substitutions:
                if sub.exercise_id not in self._by_id:
                    raise CatalogError(
                        f"{exercise.id}: substitution {sub.exercise_id!r} is not in the catalogue"
                    )
                if sub.exercise_id == exercise.id:
                    raise CatalogError(f"{exercise.id}: substitutes for itself")
        self.links: dict[str, str] = dict(links or {})
        """Curated id -> the free-exercise-db id it stands for (its `free_exercise_db` field)."""
        for curated_id in self.links:
            if curated_id not in self._by_id:
                raise CatalogError(f"link from {curated_id!r}, which is not in the catalogue")

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise | None:
        return self._by_id.get(exercise_id)

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self._by_id[exercise_id]

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)


def _read_yaml(text: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise CatalogError(f"exercises.yaml is not valid YAML: {exc}") from exc


def _read_yaml_cached(text: str) -> object:
    """The YAML's data, from a JSON copy in the user's cache when one matches the text.

    Parsing the catalogue's YAML takes longer than everything else `redwood plan` does, so
    the parsed data is kept as JSON keyed by the file's hash. The cache is only a copy: it
    is validated like the YAML, and any problem with it falls back to the YAML.
    """
    import hashlib
    import json
    import os

    digest = hashlib.sha256(text.encode()).hexdigest()[:24]
    try:
        from platformdirs import user_cache_dir

        folder = Path(os.environ.get("REDWOOD_CACHE_DIR") or user_cache_dir("redwood"))
        path = folder / f"catalog-{digest}.json"
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    raw = _read_yaml(text)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(raw), "utf-8")
        tmp.replace(path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError:
        pass
    return raw


def parse_catalog(text: str, *, cached: bool = False) -> Catalog:
    """Parse and validate catalogue YAML; raise CatalogError naming the entry and field."""
    raw = _read_yaml_cached(text) if cached else _read_yaml(text)
    if not isinstance(raw, list):
        raise CatalogError("exercises.yaml must be a list of exercises")
    exercises = []
    links: dict[str, str] = {}
    for i, item in enumerate(raw):
        try:
            entry = ExerciseEntry.model_validate(item)
            exercises.append(entry.to_domain())
            if entry.free_exercise_db:
                links[entry.id] = entry.free_exercise_db
        except ValidationError as exc:
            ident = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise CatalogError(f"exercise {ident}: {where}: {first['msg']}") from exc
    return Catalog(exercises, links)


@cache
def load_catalog() -> Catalog:
    """The curated catalogue shipped with Redwood (parsed once per process)."""
    text = resources.files("redwood.catalog").joinpath("data/exercises.yaml").read_text("utf-8")
    return parse_catalog(text, cached=True)
