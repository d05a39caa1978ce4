"""Session templates (rules/sessions.toml) as typed data: the slots the planner fills."""

from __future__ import annotations

from dataclasses import dataclass

from redwood.domain.plan import SessionFocus
from redwood.domain.vocabulary import Mechanic, Pattern, Region
from redwood.rules.files import RuleFile


@dataclass(frozen=True, slots=True)
class Slot:
    """One place in a session template that the planner fills with an exercise."""

    name: str
    patterns: tuple[Pattern, ...]
    mechanic: Mechanic | None
    """None: compound or isolation."""
    region: Region | None
    """None: any region."""
    main: bool
    keep: int
    avoid: tuple[str, ...] = ()
    """Exercise ids this slot never takes."""


Templates = dict[SessionFocus, tuple[tuple[Slot, ...], ...]]
"""For each focus, its variants (A, B, ...) in order."""


def _slot(raw: dict[str, object]) -> Slot:
    mechanic = str(raw["mechanic"])
    region = str(raw["region"])
    patterns = raw["patterns"]
    assert isinstance(patterns, list)
    keep = raw["keep"]
    assert isinstance(keep, int)
    return Slot(
        name=str(raw["name"]),
        patterns=tuple(Pattern(p) for p in patterns),
        mechanic=None if mechanic == "any" else Mechanic(mechanic),
        region=None if region == "any" else Region(region),
        main=bool(raw.get("main", False)),
        keep=keep,
        avoid=tuple(str(a) for a in raw.get("avoid", ()) or ()),  # type: ignore[attr-defined]
    )


def parse_templates(text: str) -> Templates:
    import tomllib  # only when the file is parsed: the parsed templates are cached

    data = tomllib.loads(text)
    templates: Templates = {}
    for focus in SessionFocus:
        variants = data[focus.value]
        templates[focus] = tuple(
            tuple(_slot(raw) for raw in variants[name]) for name in sorted(variants)
        )
        for variant in templates[focus]:
            mains = [s for s in variant if s.main]
            if len(mains) != 2 or variant[0] is not mains[0] or variant[1] is not mains[1]:
                raise ValueError(f"{focus.value}: each variant opens with exactly two main slots")
    return templates


SESSIONS_FILE = RuleFile("sessions.toml", parse_templates, cache_name="sessions", shape=(Slot,))


def load_templates() -> Templates:
    """The session templates shipped with Redwood (parsed once per process)."""
    return SESSIONS_FILE.load()
