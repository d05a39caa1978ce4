"""What every page shares: the templates, the logged-in lifter, forms and their errors.

Pages are server-rendered and work without JavaScript: a form POSTs, the server answers with a
redirect (or the same page with the errors next to their fields). Jinja autoescapes everything,
so nothing a lifter types is ever rendered as markup.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from redwood.domain.log import Unit

if TYPE_CHECKING:
    from redwood.domain.user import User
    from redwood.services.base import Store

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

NAV = (
    ("today", "/today", "Today"),
    ("plan", "/plan", "Plan"),
    ("progress", "/progress", "Progress"),
    ("review", "/review", "Review"),
    ("history", "/history", "History"),
    ("checkin", "/checkin", "Check-in"),
)
"""The bottom bar on a phone: six tabs fit 390 px. Settings sits in the header."""


def _weight(kg: Decimal | float | None, unit: Unit | str) -> str:
    """A stored kg weight as the lifter reads it ('102.5 kg', '225 lb', 'bodyweight')."""
    from redwood.coach.loading import display_weight

    if kg is None:
        return "bodyweight"
    return display_weight(Decimal(str(kg)), Unit(unit))


def body_weight_number(kg: Decimal | float | None, unit: Unit | str) -> str:
    """A body weight as the scale read it ('82.4'; '181.6' in lb): not rounded to what a bar
    loads as `_weight` is (82.4 kg read '82.5', and a check-in saved again stored that)."""
    from redwood.domain.log import from_kg

    if kg is None:
        return ""
    value = from_kg(Decimal(str(kg)), Unit(unit))
    if Unit(unit) is not Unit.KG:  # 0.01 kg back in lb: 181.59 for 181.6 typed
        value = value.quantize(Decimal("0.1"))
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def weight_number(kg: Decimal | None, unit: Unit | str) -> str:
    """The number of `_weight` alone, for prefilling an input ('102.5')."""
    if kg is None:
        return ""
    return _weight(kg, unit).split(" ")[0]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["weight"] = _weight
    env.filters["plain_why"] = _plain_why
    env.filters["web"] = for_web
    env.filters["day"] = lambda d: f"{d:%a %d %b}" if d else ""
    env.filters["iso"] = lambda d: d.isoformat() if d else ""
    env.filters["num"] = lambda x, places=1: (
        f"{float(x):.{places}f}".rstrip("0").rstrip(".") if x is not None else "–")
    return env


_CLI = re.compile(r"`redwood ([a-z-]+)[^`]*`")
_ON_THE_WEB = {"checkin": "a check-in", "log": "the Log buttons on Today",
               "plan": "a new plan", "import": "an import (Settings)",
               "review": "the Review page", "today": "Today"}


_FLAG = re.compile(r"(\b[Ff]or )?--(protect|exclude) ([a-z-]+(?:, [a-z-]+)*)")


def _flag_words(m: re.Match[str]) -> str:
    """'--protect knees' as the lifter chose it on the web (Something hurts? Knees)."""
    words = " and ".join(x.replace("-", " ") for x in m[3].split(", "))
    if m[2] == "exclude":
        return f"{m[1] or ''}leaving out {words}"
    return f"{m[1]}your sore {words}" if m[1] else f"protecting your {words}"


def _without_flags(text: str) -> str:
    """The planner's notes name the command line's options ("No single-leg work this week:
    --protect knees removes it."); a lifter who ticked a box on the web reads it in words:
    "protecting your knees removes it"."""
    if "--" not in text:
        return text
    said = _FLAG.sub(_flag_words, text)
    return said[:1].upper() + said[1:] if text.startswith("--") else said


def for_web(text: str) -> str:
    """Coach text with its terminal commands put the web's way: "`redwood checkin` tells the
    coach..." reads "a check-in tells the coach..." on a page."""
    return _without_flags(_CLI.sub(lambda m: _ON_THE_WEB.get(m[1], "Settings"), text))


def _plain_why(text: str) -> str:
    from redwood.render.text import plain_why

    return _without_flags(plain_why(text))


ENV = _environment()
# When the page was made (ms): a copy kept offline says "as of 07:41".
ENV.globals["rendered_at"] = lambda: int(time.time() * 1000)


def store_of(request: Request) -> Store:
    from redwood.web.deps import get_store

    return get_store(request)


def current_user(request: Request) -> User | None:
    from redwood.web.deps import page_user

    return page_user(request)


def to_login(request: Request) -> RedirectResponse:
    """Send a visitor who is not logged in to the login page, and back here afterwards."""
    from urllib.parse import quote

    path = request.url.path
    target = "/login" if path in ("/", "/login") else f"/login?next={quote(path, safe='/')}"
    return RedirectResponse(target, status_code=303)


def redirect(url: str) -> RedirectResponse:
    """After a POST: go back with GET (303), so a reload never posts twice."""
    return RedirectResponse(url, status_code=303)


def csrf_ok(request: Request, form: Any) -> bool:
    from fastapi import HTTPException

    from redwood.web.deps import verify_csrf

    token = form.get("csrf_token")
    try:
        verify_csrf(request, token if isinstance(token, str) else None)
    except HTTPException:
        return False
    return True


def render(request: Request, template: str, *, user: User | None = None,
           active: str = "", status: int = 200, **context: Any) -> HTMLResponse:
    from redwood.web.deps import csrf_token

    html = ENV.get_template(template).render(
        request=request,
        user=user,
        unit=user.unit.value if user is not None else "kg",
        csrf=csrf_token(request),
        nav=NAV,
        active=active,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def forbidden_form(request: Request, user: User | None) -> HTMLResponse:
    """A form posted without its CSRF token (or with a stale one): refuse it, say why."""
    return render(request, "error.html", user=user, status=403, title="Form expired",
                  message="This form expired or did not come from Redwood. Go back, reload "
                          "the page and try again.")


async def signed_in_form(request: Request) -> tuple[User, Any] | Response:
    """The logged-in user and the form they posted, its CSRF token checked; or the response
    that refuses the post (to the login page, or "form expired")."""
    user = current_user(request)
    if user is None:
        return to_login(request)
    form = await request.form()
    if not csrf_ok(request, form):
        return forbidden_form(request, user)
    return user, form


def field_text(form: Any, name: str, limit: int = 200) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def is_number(text: str) -> bool:
    """Whole-number text in ASCII digits ('²'.isdigit() is true, but int('²') fails)."""
    return text.isascii() and text.isdigit()


async def signed_in_post(request: Request,
                         work: Callable[[Request, User, Any], Response]) -> Response:
    """A signed-in, CSRF-checked form post handled off the event loop (the coach and the
    store are synchronous): `work(request, user, form)`, or the response that refuses it."""
    from starlette.concurrency import run_in_threadpool

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    return await run_in_threadpool(work, request, user, form)
