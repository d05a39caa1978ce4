"""Repositories: domain objects in, domain objects out, every query scoped to one user.

A repository never commits; its unit of work does. Ids of other users' rows are simply not
found (get -> None, delete -> False), exactly as ids that do not exist.

`base` holds what they share (the user scope `Scoped`, grams and dates as the database holds
them); each other module is one aggregate. The names below are re-exported so that
`from redwood.store.repositories import X` keeps working.
"""

from redwood.store.repositories.base import (
    CENT,
    GRAMS_PER_KG,
    TENTH,
    Scoped,
    from_grams,
    read_date,
    read_decimal,
    to_grams,
    utcnow,
)
from redwood.store.repositories.checkins import CheckInRepository
from redwood.store.repositories.equipment import EquipmentRepository
from redwood.store.repositories.exercises import CustomExercise, ExerciseRepository
from redwood.store.repositories.plans import PlanRecord, PlanRepository
from redwood.store.repositories.profiles import ProfileRecord, ProfileRepository
from redwood.store.repositories.users import UserRepository
from redwood.store.repositories.workouts import ClientSet, WorkoutRepository

__all__ = [
    "CENT",
    "GRAMS_PER_KG",
    "TENTH",
    "CheckInRepository",
    "ClientSet",
    "CustomExercise",
    "EquipmentRepository",
    "ExerciseRepository",
    "PlanRecord",
    "PlanRepository",
    "ProfileRecord",
    "ProfileRepository",
    "Scoped",
    "UserRepository",
    "WorkoutRepository",
    "from_grams",
    "read_date",
    "read_decimal",
    "to_grams",
    "utcnow",
]
