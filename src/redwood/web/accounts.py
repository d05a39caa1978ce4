"""Accounts: sign-up, passwords, log-in with rate limiting, browser sessions, API tokens.

Passwords are hashed with argon2id (argon2-cffi). Session cookies and API tokens are random
(secrets.token_urlsafe) and stored only as their SHA-256 digests, so a copy of the database
signs nobody in. Failed log-ins are counted in the database, so every worker of a server
shares one limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.exc import DBAPIError

from redwood.domain.user import User
from redwood.store.auth import AuthRepository, TokenRecord
from redwood.store.auth import token_owner as lookup_token
from redwood.store.errors import InvalidEntry, StoreError
from redwood.store.uow import translate

if TYPE_CHECKING:
    from starlette.responses import Response

    from redwood.store import Store

USERNAME_RE = re.compile(r"[a-z0-9_.-]{3,40}")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
"""Long enough for any passphrase, short enough that hashing it is no denial of service."""
MAX_TOKEN_NAME = 100

SESSION_COOKIE = "redwood_session"
SESSION_DAYS = 30
TOKEN_PREFIX = "rw_"
TOKEN_TOUCH_SECONDS = 60
"""A token's last use is written at most this often: a script logging sets stays read-only."""

# Log-in rate limit: failures within the window, per username and per client address. The
# address limit is higher: a gym's or a household's phones may share one address.
FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 20

_hasher = PasswordHasher()
_dummy_hash: str | None = None


class AccountError(ValueError):
    """Refused account input; `field` names the form field or JSON key."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class BadCredentials(Exception):
    """Wrong username or password (which one is never said)."""

    def __init__(self) -> None:
        super().__init__("wrong username or password")


class TooManyAttempts(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed log-ins: try again in {retry_after} seconds")
        self.retry_after = retry_after


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def set_hasher(hasher: PasswordHasher) -> None:
    """Use other argon2 parameters (the app setting `argon2_time_cost`, for tests)."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _check_username(username: str) -> str:
    if not isinstance(username, str) or not USERNAME_RE.fullmatch(username):
        raise AccountError("username", "use 3 to 40 characters: lowercase letters a-z, digits "
                           "0-9 and _ . -")
    return username


def _check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise AccountError("password", f"use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError("password", f"use at most {MAX_PASSWORD} characters")
    return password


def signup(store: Store, username: str, password: str) -> User:
    """A new user with a password. AccountError names the field that is wrong."""
    _check_username(username)
    _check_password(password)
    password_hash = hash_password(password)  # before the transaction: it takes a while
    try:
        with store.unit_of_work() as uow:
            if uow.users.by_name(username) is not None:
                raise AccountError("username", "taken")
            user = uow.users.add(username)
            AuthRepository(uow.session).set_password_hash(user.id, password_hash, utcnow())
            uow.commit()
    except InvalidEntry:
        # Two sign-ups for one name at once: the unique index let one through.
        raise AccountError("username", "taken") from None
    return user


def set_password(store: Store, user: User, password: str) -> None:
    """Give the user a (new) password; every browser they were signed in on is signed out."""
    _check_password(password)
    password_hash = hash_password(password)
    with store.unit_of_work() as uow:
        auth = AuthRepository(uow.session)
        auth.set_password_hash(user.id, password_hash, utcnow())
        auth.delete_sessions_of(user.id)
        uow.commit()


def _limit_keys(username: str, client: str) -> tuple[str, str]:
    return f"user:{username.strip().lower()}", f"client:{client}"


def authenticate(store: Store, username: str, password: str, client: str) -> User:
    """The user if the password is right. Raises TooManyAttempts when the username or the
    client address failed too often lately, BadCredentials otherwise."""
    global _dummy_hash
    user_key, client_key = _limit_keys(username if isinstance(username, str) else "", client)
    now = utcnow()
    since = now - FAILURE_WINDOW
    with store.reader() as uow:
        auth = AuthRepository(uow.session)
        for key, limit in ((user_key, MAX_FAILURES_PER_USER),
                           (client_key, MAX_FAILURES_PER_CLIENT)):
            count, oldest = auth.failures(key, since)
            if count >= limit and oldest is not None:
                wait = (oldest + FAILURE_WINDOW - now).total_seconds()
                raise TooManyAttempts(max(1, int(wait) + 1))
        found = (auth.user_with_password(username)
                 if isinstance(username, str) and len(username) <= 100 else None)
    ok = False
    if isinstance(password, str) and len(password) <= MAX_PASSWORD:
        if found is None:
            # Spend the time a real check takes, so timing does not tell who has an account.
            if _dummy_hash is None:
                _dummy_hash = hash_password(secrets.token_urlsafe(16))
            _verify(_dummy_hash, password)
        else:
            ok = _verify(found[1], password)
    with store.unit_of_work() as uow:
        auth = AuthRepository(uow.session)
        if ok and found is not None:
            auth.clear_failures(user_key)
            if _hasher.check_needs_rehash(found[1]):
                auth.set_password_hash(found[0].id, hash_password(password), now)
        else:
            auth.add_failure([user_key, client_key], now, since)
        uow.commit()
    if not ok or found is None:
        raise BadCredentials()
    return found[0]


# --- browser sessions ------------------------------------------------------------------------


def start_session(store: Store, user: User) -> tuple[str, str]:
    """Sign a browser in: (the cookie's value, the session's CSRF token)."""
    value = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    with store.unit_of_work() as uow:
        AuthRepository(uow.session).add_session(digest(value), user.id, csrf, now,
                                                now + dt.timedelta(days=SESSION_DAYS))
        uow.commit()
    return value, csrf


def end_session(store: Store, cookie_value: str) -> None:
    with store.unit_of_work() as uow:
        AuthRepository(uow.session).delete_session(digest(cookie_value))
        uow.commit()


def session_for_cookie(store: Store, cookie_value: str) -> tuple[User, str] | None:
    """The signed-in user and the session's CSRF token; None if the session is unknown or
    has expired."""
    if not cookie_value or len(cookie_value) > 200:
        return None
    with store.reader() as uow:
        owner = AuthRepository(uow.session).session_owner(digest(cookie_value), utcnow())
    return None if owner is None else (owner.user, owner.csrf)


def user_for_session(store: Store, cookie_value: str) -> User | None:
    found = session_for_cookie(store, cookie_value)
    return None if found is None else found[0]


def set_session_cookie(response: Response, value: str, secure: bool) -> None:
    response.set_cookie(SESSION_COOKIE, value, max_age=SESSION_DAYS * 24 * 3600, path="/",
                        httponly=True, samesite="lax", secure=secure)


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


# --- API tokens ------------------------------------------------------------------------------


def create_token(store: Store, user: User, name: str) -> tuple[int, str]:
    """A new bearer token for scripts: (its id, the token, shown this once only)."""
    name = name.strip() if isinstance(name, str) else ""
    if not name or len(name) > MAX_TOKEN_NAME:
        raise AccountError("name", f"use 1 to {MAX_TOKEN_NAME} characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.unit_of_work() as uow:
        token_id = AuthRepository(uow.session).add_token(user.id, name, digest(token),
                                                         token[:10], utcnow())
        uow.commit()
    return token_id, token


def list_tokens(store: Store, user: User) -> list[TokenRecord]:
    with store.reader() as uow:
        return AuthRepository(uow.session).tokens(user.id)


def revoke_token(store: Store, user: User, token_id: int) -> bool:
    """Revoke one of the user's tokens; False if they have no live token with that id."""
    with store.unit_of_work() as uow:
        done = AuthRepository(uow.session).revoke_token(user.id, token_id, utcnow())
        uow.commit()
    return done


def user_for_token(store: Store, token: str) -> User | None:
    owner = token_owner(store, token)
    return None if owner is None else owner[1]


def token_owner(store: Store, token: str) -> tuple[int, User] | None:
    """The token's id and user; None for an unknown or revoked token."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    try:
        owner = lookup_token(store.engine, digest(token))
    except DBAPIError as exc:
        raise translate(exc) from exc
    if owner is None:
        return None
    now = utcnow()
    last = owner.last_used_at
    if last is None or (now - last).total_seconds() >= TOKEN_TOUCH_SECONDS:
        try:
            with store.unit_of_work() as uow:
                AuthRepository(uow.session).touch_token(owner.token_id, now)
                uow.commit()
        except StoreError:
            pass  # the last use is a hint for the token list: never worth failing a request
    return owner.token_id, owner.user
