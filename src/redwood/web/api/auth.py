"""Sign-up, API tokens by password, log-out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from redwood.services import accounts
from redwood.services.base import Store
from redwood.web.api.paging import UtcDateTime
from redwood.web.deps import SESSION_COOKIE, ApiUser, StoreDep, is_secure

router = APIRouter(prefix="/auth", tags=["auth"])

Username = Annotated[str, Field(min_length=3, max_length=40, pattern=r"^[a-z0-9_.\-]+$",
                                examples=["lifter"],
                                description="3 to 40 characters: a-z, 0-9, _ . -")]
Password = Annotated[str, Field(min_length=accounts.MIN_PASSWORD,
                                max_length=accounts.MAX_PASSWORD)]


class SignupIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    password: Password


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, Field(min_length=1, max_length=100)]
    password: Annotated[str, Field(min_length=1, max_length=accounts.MAX_PASSWORD)]
    token_name: Annotated[str, Field(min_length=1, max_length=accounts.MAX_TOKEN_NAME)] = "api"
    """The name the new token gets in the token list."""


class UserOut(BaseModel):
    id: int
    username: str
    unit: str
    created_at: UtcDateTime


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    token_id: int


def client_address(request: Request) -> str:
    """Who is trying to log in, for the rate limit (uvicorn's --proxy-headers and
    --forwarded-allow-ips decide whether X-Forwarded-For is believed)."""
    return request.client.host if request.client else "unknown"


THROTTLED: dict[int | str, dict[str, Any]] = {429: {
    "description": "too many attempts, or the server is busy hashing passwords; see "
                   "Retry-After"}}


def device_of(request: Request) -> str | None:
    """The client's known-device cookie, if it sent one (checked by accounts)."""
    return request.cookies.get(accounts.DEVICE_COOKIE)


@router.post("/signup", status_code=201, response_model=UserOut,
             responses={409: {"description": "username taken"}, **THROTTLED})
async def signup(body: SignupIn, request: Request, store: StoreDep) -> UserOut:
    """Create an account. Then POST /auth/token for a bearer token. The password must not be
    easy to guess (a common password, or one built from the username, is refused with 422);
    sign-ups are rate-limited per address."""
    # On the accounts' own threads (auth_lane), never the shared pool: see accounts.AuthLane.
    user = await accounts.auth_lane.run(accounts.signup, store, body.username, body.password,
                                        client_address(request))
    return UserOut(id=user.id, username=user.name, unit=user.unit.value,
                   created_at=user.created_at)


def _token_for(store: Store, body: LoginIn, client: str,
               device: str | None) -> tuple[int, str, str | None]:
    """Log in and make the token: (its id, the token, a new known-device cookie or None)."""
    signed = accounts.sign_in(store, body.username, body.password, client, device)
    token_id, value = accounts.create_token(store, signed.user, body.token_name)
    return token_id, value, signed.device_cookie


@router.post("/token", response_model=TokenOut,
             responses={401: {"description": "wrong username or password"}, **THROTTLED})
async def token(body: LoginIn, request: Request, response: Response,
                store: StoreDep) -> TokenOut:
    """Trade a username and password for a bearer API token (revoke it with
    DELETE /tokens/{id} or POST /auth/logout). Log-ins are rate-limited per username and
    address; a client that keeps the known-device cookie set here is limited on its own."""
    # The log-in and the token's write on the accounts' own threads, as for sign-up.
    token_id, value, device = await accounts.auth_lane.run(
        _token_for, store, body, client_address(request), device_of(request))
    if device is not None:
        accounts.set_device_cookie(response, device, is_secure(request))
    return TokenOut(access_token=value, token_id=token_id)


@router.post("/logout", status_code=204, response_class=Response)
def logout(user: ApiUser, request: Request, store: StoreDep) -> Response:
    """Sign out: revokes the bearer token used, or ends the cookie's session."""
    response = Response(status_code=204)
    token_id = getattr(request.state, "token_id", None)
    if token_id is not None:
        accounts.revoke_token(store, user, token_id)
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            accounts.end_session(store, cookie)
        accounts.clear_session_cookie(response)
    return response


@router.get("/me", response_model=UserOut)
def me(user: ApiUser) -> UserOut:
    """Who the token or session belongs to."""
    return UserOut(id=user.id, username=user.name, unit=user.unit.value,
                   created_at=user.created_at)
