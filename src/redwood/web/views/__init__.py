"""The web pages (server-rendered, work without JavaScript). Each module has its own router."""

from fastapi import APIRouter

from redwood.web.views import (
    auth,
    checkin,
    history,
    imports,
    onboarding,
    plan,
    progress,
    pwa,
    review,
    settings,
    today,
)

router = APIRouter(include_in_schema=False)
for _module in (auth, onboarding, plan, today, progress, history, review, checkin, settings,
                imports, pwa):
    router.include_router(_module.router)
