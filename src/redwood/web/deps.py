"""What endpoints and pages depend on: the store, the signed-in user, CSRF tokens.

    from redwood.web.deps import ApiUser, StoreDep

    @router.get("/things")
    def things(user: ApiUser, store: StoreDep) -> ...

API requests sign in with `Authorization: Bearer rw_...` or with the web UI's session cookie;
a cookie-signed unsafe request (POST, PUT, PATCH, DELETE) must also carry the session's CSRF
token in the X-CSRF-Token header (the page's JavaScript reads it from
<meta name="csrf-token">). Pages use the cookie only (page_user), and every form carries
csrf_token(request) in a hidden field `csrf_token`, checked with verify_csrf.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from redwood.catalog import Catalog
from redwood.domain.user import User
from redwood.services import accounts
from redwood.services.accounts import SESSION_COOKIE
from redwood.services.base import Store

__all__ = [
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "ApiUser",
    "CatalogDep",
    "StoreDep",
    "api_user",
    "csrf_token",
    "get_catalog",
    "get_store",
    "is_secure",
    "page_user",
    "verify_csrf",
]

CSRF_COOKIE = "redwood_csrf"
"""Anonymous forms (log-in, sign-up): a double-submit cookie, its token signed by the app."""
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

bearer_scheme = HTTPBearer(auto_error=False, description="An API token: `redwood token "
                           "create NAME`, POST /api/v1/tokens or POST /api/v1/auth/token.")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def _store(request: Request) -> Store:
    # async: a plain attribute read, not worth a trip through the thread pool (FastAPI runs
    # every sync dependency there, a good part of a small request's cost).
    return get_store(request)


StoreDep = Annotated[Store, Depends(_store)]


def get_catalog() -> Catalog:
    """The exercise catalogue (parsed once per process)."""
    from redwood.catalog import load_catalog

    return load_catalog()


async def _catalog() -> Catalog:
    return get_catalog()  # parsed once per process: after the first call, a cache hit


CatalogDep = Annotated[Catalog, Depends(_catalog)]


def is_secure(request: Request) -> bool:
    """Whether cookies get the Secure flag: served over https, or configured so (behind a
    proxy that ends TLS)."""
    return request.url.scheme == "https" or bool(getattr(request.app.state, "secure_cookies",
                                                         False))


def _session(request: Request) -> tuple[User, str] | None:
    """The cookie's session (user, csrf), looked up once per request."""
    if hasattr(request.state, "redwood_session"):
        cached: tuple[User, str] | None = request.state.redwood_session
        return cached
    value = request.cookies.get(SESSION_COOKIE)
    found = accounts.session_for_cookie(get_store(request), value) if value else None
    request.state.redwood_session = found
    return found


def page_user(request: Request) -> User | None:
    """The user signed in by the session cookie, or None."""
    found = _session(request)
    return None if found is None else found[0]


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def api_user(request: Request,
             credentials: Annotated[HTTPAuthorizationCredentials | None,
                                    Depends(bearer_scheme)]) -> User:
    """The user of an API request: bearer token, else session cookie (plus X-CSRF-Token on
    unsafe methods). 401 otherwise."""
    store = get_store(request)
    if request.headers.get("authorization"):
        if credentials is None:
            raise _unauthorized("Authorization: use `Bearer <token>`")
        owner = accounts.token_owner(store, credentials.credentials)
        if owner is None:
            raise _unauthorized("Authorization: unknown or revoked token")
        request.state.token_id = owner[0]
        return owner[1]
    found = _session(request)
    if found is None:
        raise _unauthorized("sign in: send `Authorization: Bearer <token>` (POST "
                            "/api/v1/auth/token gives one)")
    user, csrf = found
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent or not hmac.compare_digest(sent.encode(), csrf.encode()):
            raise HTTPException(403, f"{CSRF_HEADER}: missing or wrong; a request signed in "
                                "by cookie must carry the page's CSRF token")
    return user


ApiUser = Annotated[User, Depends(api_user)]


def _secret(request: Request) -> bytes:
    secret: bytes = request.app.state.secret_key
    return secret


def _sign(request: Request, nonce: str) -> str:
    return hmac.new(_secret(request), nonce.encode(), hashlib.sha256).hexdigest()[:32]


def csrf_token(request: Request) -> str:
    """The token a form must send back (hidden field `csrf_token`): the session's, or for a
    visitor not signed in, one tied to a cookie set with this response."""
    found = _session(request)
    if found is not None:
        return found[1]
    nonce = request.cookies.get(CSRF_COOKIE, "")
    if not (16 <= len(nonce) <= 64 and nonce.replace("-", "").replace("_", "").isalnum()):
        nonce = getattr(request.state, "new_csrf_cookie", None) or secrets.token_urlsafe(24)
        # The security middleware sets the cookie on the response.
        request.state.new_csrf_cookie = nonce
    return f"{nonce}.{_sign(request, nonce)}"


def verify_csrf(request: Request, token: str | None) -> None:
    """Refuse (403) a form whose CSRF token is not this browser's."""
    token = token or ""
    found = _session(request)
    if found is not None:
        if not hmac.compare_digest(token.encode(), found[1].encode()):
            raise HTTPException(403, "csrf_token: this form has expired; reload the page "
                                "and send it again")
        return
    nonce, _, signature = token.partition(".")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (nonce and cookie and hmac.compare_digest(nonce.encode(), cookie.encode())
            and hmac.compare_digest(signature.encode(), _sign(request, nonce).encode())):
        raise HTTPException(403, "csrf_token: this form has expired; reload the page and "
                            "send it again (cookies must be allowed)")
