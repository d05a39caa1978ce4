"""The REST API, version 1 (mounted at /api/v1). Each module has its own router."""

from fastapi import APIRouter

from redwood.web.api import (
    analytics,
    auth,
    checkins,
    exercises,
    plans,
    profiles,
    records,
    review,
    sync,
    today,
    tokens,
    transfer,
    workouts,
)

router = APIRouter()
router.include_router(auth.router)
router.include_router(tokens.router)
router.include_router(today.router)
router.include_router(sync.router)
router.include_router(workouts.router)
router.include_router(profiles.router)
router.include_router(plans.router)
router.include_router(checkins.router)
router.include_router(records.router)
router.include_router(exercises.router)
router.include_router(analytics.router)
router.include_router(review.router)
router.include_router(transfer.router)
