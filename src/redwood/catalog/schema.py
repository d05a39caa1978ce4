"""The catalogue's YAML entries as pydantic models: used only when the YAML is parsed."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
Tag = Literal["guide", "hold", "stand-in", "shoulder-blade", "indoors", "park", "bodyweight"]
"""guide: the training guide names it; hold: an isometric hold, timed; stand-in: makes do with
household or outdoor objects (stairs, a backpack, water bottles, a towel, a door frame, a table)
in place of gym equipment, so it is chosen only where the equipment is the reason;
shoulder-blade: a scapular drill filed under its pattern's slot (a scapular pull-up), named for
what it trains; indoors: needs a table or a door frame, which no park has; park: needs what a
park has and a home does not (a low bar), so it is chosen outdoors only; bodyweight: its kit
holds the body, not a load (an inverted row's barbell set in a rack is only the handle; an
assisted pull-up's band or machine takes load off), so it
counts as unloaded: progressed by reps or a harder variation, and a loaded row goes first where
the goal wants load."""


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
    tags: list[Tag] = []

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
