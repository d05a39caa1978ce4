"""Load and validate the curated exercise catalogue (catalog/data/exercises.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from redwood.domain.exercise import Exercise


class CatalogError(ValueError):
    """The catalogue data is broken: a developer's or a coach's mistake, not the user's."""


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


def parse_catalog(text: str) -> Catalog:
    """Parse and validate catalogue YAML; raise CatalogError naming the entry and field."""
    from pydantic import ValidationError

    from redwood.catalog.schema import ExerciseEntry

    raw = _read_yaml(text)
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
    from redwood._cache import cached, package_text, shape_key
    from redwood.domain.exercise import Substitution

    text = package_text(__file__, "data/exercises.yaml")
    key = f"{shape_key((Exercise, Substitution))}\0{text}"
    return cached("catalog", key, lambda: parse_catalog(text))
