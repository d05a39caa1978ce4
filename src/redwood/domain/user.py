"""A person whose training Redwood keeps. Several can share one database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from redwood.domain.log import Unit


@dataclass(frozen=True, slots=True)
class User:
    """A lifter of the log: their name and the unit they see weights in."""

    id: int
    name: str
    unit: Unit
    """The display unit; weights are always stored in kilograms."""
    created_at: dt.datetime
    """UTC, naive."""
