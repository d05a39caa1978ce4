"""Sign up, log in, log out: the account pages, on top of redwood.services.accounts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from redwood.services import accounts
from redwood.services.accounts import Throttled
from redwood.services.base import Store
from redwood.web.api.auth import client_address, device_of
from redwood.web.views._common import (
    csrf_ok,
    current_user,
    field_text,
    forbidden_form,
    redirect,
    render,
    store_of,
)

router = APIRouter()


def _said(exc: Throttled) -> str:
    """The API's 429 message as a sentence for the page."""
    text = str(exc)
    return text[:1].upper() + text[1:] + "."


def _throttled(exc: Throttled, page: Response) -> Response:
    page.headers["Retry-After"] = str(exc.retry_after)
    return page


def _safe_next(target: str) -> str:
    """Only a path on this site: never an open redirect to someone else's."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/today"


def _landing(request: Request) -> str:
    """Where a lifter goes after signing in: onboarding until they have a plan."""
    user = current_user(request)
    if user is None:
        return "/login"
    from redwood.services.accounts import has_plan

    return "/today" if has_plan(store_of(request), user) else "/onboarding"


@router.get("/", include_in_schema=False)
def home(request: Request) -> Response:
    return redirect(_landing(request))


@router.get("/signup", include_in_schema=False)
def signup_page(request: Request) -> Response:
    if current_user(request) is not None:
        return redirect("/today")
    return render(request, "signup.html", title="Sign up", errors={}, username="")


def suggest_username(text: str) -> str | None:
    """A username like the one typed that the rules allow: 'Lifter Jo' -> 'lifter.jo'."""
    import re

    name = re.sub(r"\s+", ".", text.strip().lower())
    name = re.sub(r"[^a-z0-9_.-]", "", name)
    name = re.sub(r"\.{2,}", ".", name).strip(".-_")[:40]
    return name if len(name) >= 3 else None


@router.post("/signup", include_in_schema=False)
async def signup(request: Request) -> Response:
    from redwood.services.accounts import AccountError

    form = await request.form()
    if not csrf_ok(request, form):
        return forbidden_form(request, None)
    # "Use lifter.jo": the name offered for one the rules refused, taken with one tap.
    username = field_text(form, "use_name", 100) or field_text(form, "username", 100)
    password = form.get("password")
    password = password if isinstance(password, str) else ""
    confirm = form.get("confirm")
    if isinstance(confirm, str) and confirm != password:
        return render(request, "signup.html", title="Sign up", status=422, username=username,
                      errors={"confirm": "The two passwords differ: type the same one twice."})
    store = store_of(request)
    try:
        # Sign-up and the new session on the accounts' own threads (accounts.AuthLane): a
        # flood of them never takes the threads the other pages need.
        value, device = await accounts.auth_lane.run(_sign_up, store, username, password,
                                            client_address(request), device_of(request))
    except Throttled as exc:
        return _throttled(exc, render(request, "signup.html", title="Sign up", status=429,
                                      username=username, errors={"username": _said(exc)}))
    except AccountError as exc:
        message = ("That username is taken: pick another." if exc.message == "taken"
                   else exc.message[:1].upper() + exc.message[1:] + ".")
        offer = suggest_username(username) if exc.field == "username" else None
        if offer is not None and offer != username:
            message = f"{message} How about {offer}?"  # "Lifter Jo": how about lifter.jo?
        else:
            offer = None
        return render(request, "signup.html", title="Sign up", status=422, username=username,
                      errors={exc.field: message}, offer=offer)
    response = RedirectResponse("/onboarding", status_code=303)
    _signed_in(request, response, value, device)
    return response


def _sign_up(store: Store, username: str, password: str, client: str,
             device: str | None) -> tuple[str, str | None]:
    """A new account, signed in: (the session cookie's value, a known-device cookie)."""
    user = accounts.signup(store, username, password, client)
    value, _ = accounts.start_session(store, user)
    return value, accounts.device_cookie_for(store, user, device)


def _log_in(store: Store, username: str, password: str, client: str, device: str | None,
            target: str) -> tuple[str, str | None, str]:
    """Sign a browser in: (the session cookie's value, a known-device cookie, where to go)."""
    signed = accounts.sign_in(store, username, password, client, device)
    value, _ = accounts.start_session(store, signed.user)
    landing = target if accounts.has_plan(store, signed.user) else "/onboarding"
    return value, signed.device_cookie, landing


def _signed_in(request: Request, response: Response, session: str,
               device: str | None) -> None:
    from redwood.web.deps import is_secure

    accounts.set_session_cookie(response, session, is_secure(request))
    if device is not None:
        accounts.set_device_cookie(response, device, is_secure(request))


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/today") -> Response:
    if current_user(request) is not None:
        return redirect(_safe_next(next))
    return render(request, "login.html", title="Log in", errors={}, username="",
                  next=_safe_next(next))


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    from redwood.services.accounts import BadCredentials

    form = await request.form()
    target = _safe_next(field_text(form, "next", 300) or "/today")
    if not csrf_ok(request, form):
        return forbidden_form(request, None)
    username = field_text(form, "username", 100)
    password = form.get("password")
    try:
        value, device, landing = await accounts.auth_lane.run(
            _log_in, store_of(request), username, password if isinstance(password, str) else "",
            client_address(request), device_of(request), target)
    except Throttled as exc:
        return _throttled(exc, render(request, "login.html", title="Log in", status=429,
                                      username=username, next=target,
                                      errors={"password": _said(exc)}))
    except BadCredentials:
        return render(request, "login.html", title="Log in", status=401, username=username,
                      next=target, errors={"password": "Wrong username or password."})
    response = RedirectResponse(landing, status_code=303)
    _signed_in(request, response, value, device)
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    from redwood.services.accounts import SESSION_COOKIE, clear_session_cookie, end_session

    form = await request.form()
    # The session's look-up and end are database calls: on a thread, not the event loop.
    user = await run_in_threadpool(current_user, request)
    if user is not None and not csrf_ok(request, form):
        return forbidden_form(request, user)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        await run_in_threadpool(end_session, store_of(request), cookie)
    response: HTMLResponse | RedirectResponse = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response)
    return response
