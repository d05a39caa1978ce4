"""Accounts: sign-up, passwords, log-in with rate limiting, browser sessions, API tokens.

Passwords are NFKC-normalised, checked for strength (zxcvbn) and hashed with argon2id
(argon2-cffi) at the parameters below. Session cookies and API tokens are random
(secrets.token_urlsafe) and stored only as their SHA-256 digests, so a copy of the database
signs nobody in.

Nobody can knock the server over or lock another lifter out:
- Hashing runs in a bounded pool (HASHING_SLOTS at a time per process, a few more wait
  briefly, the rest get 429 with Retry-After), so a flood of log-ins or sign-ups holds at most
  one argon2 buffer per process; its thread runs at a lower CPU priority than the rest of the
  server.
- In the web server, a whole sign-up or log-in runs on threads of its own (`auth_lane`), not
  on the server's shared thread pool, and the requests waiting for one hold no thread: a
  flood of them keeps at most AUTH_THREADS per process at the database's writer turn and in
  the hashing pool, and every other request still finds a thread (a signed-in lifter's pages
  stay quick; see bench/bench_auth_flood.py). When the lane has no room, the web server
  refuses an API sign-up or log-in before it reads its body (redwood.web.app.AuthGate).
- Every log-in and sign-up is counted in the database (shared by all workers) *before* the
  password is hashed or checked, by one atomic upsert per limit; over a limit, the answer is
  429 with Retry-After and no hashing at all.
- Log-in limits are per (username, address) and per address. Per username there is only a
  limit on browsers it has never signed in on: a browser holding this user's signed
  known-device cookie (OWASP's "device cookies") is limited on its own, so a stranger guessing
  from elsewhere cannot keep the owner out. The README's security section says the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import hashlib
import hmac
import os
import re
import secrets
import sys
import threading
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.exc import DBAPIError

from redwood.domain.user import User
from redwood.store.auth import AuthRepository, TokenRecord
from redwood.store.auth import token_owner as lookup_token
from redwood.store.errors import InvalidEntry, StoreBusy, StoreError
from redwood.store.uow import translate

if TYPE_CHECKING:
    from starlette.responses import Response

    from redwood.domain.log import Unit
    from redwood.store import Store

USERNAME_RE = re.compile(r"[a-z0-9_.-]{3,40}")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
"""Long enough for any passphrase, short enough that hashing it is no denial of service."""
MIN_STRENGTH = 2
"""zxcvbn's score (0-4) a new password needs: 2 is "somewhat guessable", safe against an
online attacker who is rate-limited, as every attacker here is."""
STRENGTH_CHARS = 72
"""zxcvbn looks at this many characters (the most it takes; a longer passphrase is strong for
its length anyway)."""
MAX_TOKEN_NAME = 100

SESSION_COOKIE = "redwood_session"
SESSION_DAYS = 30
DEVICE_COOKIE = "redwood_device"
DEVICE_DAYS = 365
TOKEN_PREFIX = "rw_"
TOKEN_TOUCH_SECONDS = 60
"""A token's last use is written at most this often: a script logging sets stays read-only."""

# argon2id parameters: OWASP Password Storage Cheat Sheet (2025), "Argon2id with a minimum
# configuration of 19 MiB of memory, an iteration count of 2, and 1 degree of parallelism"
# (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html). Hashes
# made with other parameters (argon2-cffi's default 64 MiB, before) are re-made at the next
# log-in.
ARGON2_MEMORY_KIB = 19456
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1
HASHING_SLOTS = 1
"""Hashes computed at once per process (each holds ARGON2_MEMORY_KIB). One: a web server
runs a worker per core, so one hash a worker already keeps every core busy under a flood; a
second one only added a second argon2 buffer and a second thread holding the GIL for its
database work (bench/bench_auth_flood.py)."""
HASHING_QUEUE = 8
"""Requests that may wait for a slot; more are refused at once."""
HASHING_WAIT = 5.0
"""Seconds a request waits for a slot before it is refused."""
HASHING_NICENESS = 10
"""How much nicer (lower CPU priority) than the server the hashing threads are: under a
flood of log-ins they take the CPU the other requests leave, not their share of it."""
AUTH_THREADS = HASHING_SLOTS
"""Sign-ups and log-ins run at once per web server process (AuthLane): no more than can
hash at once, so none of them waits for the hashing pool holding a thread."""
AUTH_QUEUE = 16
"""Sign-ups and log-ins that may wait for one of those threads (holding none); more are
refused at once (429)."""
AUTH_WAIT = 5.0
"""Seconds one waits to start before it is refused (429)."""


@dataclass(frozen=True, slots=True)
class Limit:
    attempts: int
    window: dt.timedelta


# Log-in limits. Attempts are counted before the password is checked; a log-in that succeeds
# is taken back (and clears its username's count at that address or device).
LOGIN_PER_USER_AT_ADDRESS = Limit(5, dt.timedelta(minutes=15))
"""Guesses at one username from one address (or from one known device)."""
LOGIN_PER_ADDRESS = Limit(20, dt.timedelta(minutes=15))
"""Failed log-ins from one address, whatever the username: a gym's or a household's phones
may share one address."""
LOGIN_PER_USER_NEW_DEVICES = Limit(20, dt.timedelta(minutes=15))
"""Failed log-ins to one username from browsers it never signed in on, from all addresses
together. Browsers with its known-device cookie are not held back by it."""
SIGNUP_PER_ADDRESS = Limit(100, dt.timedelta(hours=1))
"""Sign-ups from one address (a club's members on the gym's Wi-Fi; a test suite)."""
SIGNUP_TOTAL = Limit(500, dt.timedelta(hours=1))
"""Sign-ups on the whole server."""
T = TypeVar("T")
P = ParamSpec("P")
LOCAL = None
"""The `client` of a sign-up from this machine (the CLI, the demo): not rate-limited."""

_hasher = PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                         parallelism=ARGON2_PARALLELISM)
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


class Throttled(Exception):
    """Refused for now (429): `retry_after` seconds from now it may work."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(f"{message}: try again in {retry_after} seconds")
        self.retry_after = retry_after


class TooManyAttempts(Throttled):
    def __init__(self, retry_after: int, what: str = "too many failed log-ins") -> None:
        super().__init__(what, retry_after)


class HashingBusy(Throttled):
    def __init__(self) -> None:
        super().__init__("the server is busy checking passwords", 2)


class DatabaseBusy(Throttled):
    def __init__(self) -> None:
        super().__init__("the server is busy", 1)


def _busy_is_throttled(work: Callable[P, T]) -> Callable[P, T]:
    """A database too busy for a log-in or sign-up (SQLite's one writer at a time, under a
    flood) is a 429 with Retry-After for the client, like every other limit here."""

    @functools.wraps(work)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return work(*args, **kwargs)
        except StoreBusy:
            raise DatabaseBusy() from None

    return guarded


def _lower_priority() -> None:
    """Make the calling thread HASHING_NICENESS nicer. Linux only: there setpriority() takes
    a thread id and changes that thread alone (elsewhere the same call would name a process)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            me = threading.get_native_id()
            current = os.getpriority(os.PRIO_PROCESS, me)
            os.setpriority(os.PRIO_PROCESS, me, min(19, current + HASHING_NICENESS))


class HashingPool:
    """Password hashing on `slots` threads of its own per process: only they ever hold
    argon2's memory (so the C allocator keeps at most `slots` such buffers, whatever the number
    of request threads). Up to `queue` more hashes wait up to `wait` seconds for a thread;
    anything beyond is refused at once (HashingBusy). The threads are nicer than the rest of
    the process (argon2 releases the GIL while it hashes, so only the CPU is shared)."""

    def __init__(self, slots: int = HASHING_SLOTS, queue: int = HASHING_QUEUE,
                 wait: float = HASHING_WAIT) -> None:
        self._executor = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="argon2",
                                            initializer=_lower_priority)
        self._lock = threading.Lock()
        self._pending = 0
        self.slots = slots
        self.queue = queue
        self.wait = wait

    def run(self, work: Callable[[], T]) -> T:
        with self._lock:
            if self._pending >= self.slots + self.queue:
                raise HashingBusy()
            self._pending += 1
        try:
            future = self._executor.submit(work)
            try:
                return future.result(timeout=self.wait)
            except FutureTimeout:
                if future.cancel():  # still waiting for a thread: give up on it
                    raise HashingBusy() from None
                return future.result()
        finally:
            with self._lock:
                self._pending -= 1


hashing_pool = HashingPool()


class AuthLane:
    """Sign-ups and log-ins in a web server, on `threads` threads of their own per process.

    Were they on the server's shared thread pool (FastAPI's sync routes, run_in_threadpool),
    a flood would fill it: each one holds its thread while it waits for the database's
    writer turn (the attempt counters), for the hashing pool and for the hash, and a
    signed-in lifter's request then waits for a thread. Here at most `threads` run at once;
    up to `queue` more wait for one without holding any (an awaited future) for at most
    `wait` seconds, and are refused (HashingBusy, 429) if none came free; beyond that they are
    refused at once."""

    def __init__(self, threads: int = AUTH_THREADS, queue: int = AUTH_QUEUE,
                 wait: float = AUTH_WAIT) -> None:
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="auth")
        self._lock = threading.Lock()  # one lane may serve several event loops (tests)
        self._pending = 0
        self.threads = threads
        self.queue = queue
        self.wait = wait

    @property
    def pending(self) -> int:
        """Sign-ups and log-ins running or waiting here now."""
        return self._pending

    @property
    def full(self) -> bool:
        """Whether one more would be refused at once (read without the lock: a hint for
        refusing early, which `run` makes sure of)."""
        return self._pending >= self.threads + self.queue

    async def run(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        with self._lock:
            if self._pending >= self.threads + self.queue:
                raise HashingBusy()
            self._pending += 1
        try:
            future = self._executor.submit(functools.partial(work, *args, **kwargs))
            waited = asyncio.wrap_future(future)
            try:
                return await asyncio.wait_for(asyncio.shield(waited), self.wait)
            except TimeoutError:
                if future.cancel():  # still waiting for a thread: give up on it
                    raise HashingBusy() from None
                return await waited  # started in time: its answer is worth the wait
            except asyncio.CancelledError:
                # Nobody waits for the answer any more: drop the work if it has not started,
                # so the executor's own queue never holds more than this lane admitted.
                future.cancel()
                raise
        finally:
            with self._lock:
                self._pending -= 1


auth_lane = AuthLane()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def set_hasher(hasher: PasswordHasher) -> None:
    """Use other argon2 parameters (the app settings `argon2_*_cost`, for tests)."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = None


def normalized(password: str) -> str:
    """The form a password is hashed and checked in: NFKC, so the same characters typed on
    another keyboard or system (composed or not) are the same password."""
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    """The argon2id hash of the (NFKC-normalised) password, made in the bounded pool."""
    typed = normalized(password)
    return hashing_pool.run(lambda: _hasher.hash(typed))


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


def check_password(password: str, username: str = "") -> str:
    """The password, NFKC-normalised, if it is long and hard enough to guess; AccountError
    ("password: ...") saying why not otherwise."""
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        raise AccountError("password", f"use at most {MAX_PASSWORD} characters")
    password = normalized(password)
    if len(password) < MIN_PASSWORD:
        raise AccountError("password", f"use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError("password", f"use at most {MAX_PASSWORD} characters")
    if not password.strip():
        raise AccountError("password", "use more than spaces")
    from zxcvbn import zxcvbn

    inputs = [username, *re.split(r"[_.\-]+", username)] if username else []
    result = zxcvbn(password[:STRENGTH_CHARS], user_inputs=[i for i in inputs if i])
    if int(result["score"]) < MIN_STRENGTH:
        feedback = result.get("feedback") or {}
        why = str(feedback.get("warning") or "").rstrip(".")
        low = password.lower()
        if username and username in low:
            why = "it is built from the username"
        elif not why:
            why = "it is too easy to guess"
        hint = " ".join(str(s) for s in feedback.get("suggestions") or [])
        raise AccountError("password", f"{why[:1].lower() + why[1:]}: pick a longer one, "
                           f"e.g. a few unrelated words" + (f" ({hint})" if hint else ""))
    return password


def _retry_after(started: dt.datetime, limit: Limit, now: dt.datetime) -> int:
    return max(1, int((started + limit.window - now).total_seconds()) + 1)


def _counted(auth: AuthRepository, checks: list[tuple[str, Limit]], now: dt.datetime) -> int:
    """Count one attempt against each (key, limit) in the caller's transaction, which it
    commits before the work they limit: the seconds until the attempt may be made again if any
    is over its limit, else 0. Keys in a fixed order, so two attempts never wait on each
    other's rows in a cycle (PostgreSQL)."""
    refused = 0
    for key, limit in sorted(checks, key=lambda c: c[0]):
        count, started = auth.count_attempt(key, now, limit.window)
        if count > limit.attempts:
            refused = max(refused, _retry_after(started, limit, now))
    return refused


def _count(store: Store, checks: list[tuple[str, Limit]], what: str) -> None:
    """Count one attempt against each (key, limit), in one transaction committed before the
    work they limit; TooManyAttempts if any is over its limit."""
    now = utcnow()
    with store.unit_of_work() as uow:
        refused = _counted(AuthRepository(uow.session), checks, now)
        uow.commit()
    if refused:
        raise TooManyAttempts(refused, what)


@_busy_is_throttled
def signup(store: Store, username: str, password: str, client: str | None = LOCAL) -> User:
    """A new user with a password. AccountError names the field that is wrong; from a
    `client` address, TooManyAttempts when it (or the server) had too many sign-ups lately."""
    _check_username(username)
    password = check_password(password, username)
    if client is not LOCAL:
        _count(store, [(f"signup@{client}", SIGNUP_PER_ADDRESS), ("signup", SIGNUP_TOTAL)],
               "too many sign-ups")
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
    password_hash = hash_password(check_password(password, user.name))
    with store.unit_of_work() as uow:
        auth = AuthRepository(uow.session)
        auth.set_password_hash(user.id, password_hash, utcnow())
        auth.delete_sessions_of(user.id)
        uow.commit()


# --- known devices ---------------------------------------------------------------------------
# A browser (or script) that signed in as a user gets a cookie "<user id>.<nonce>.<signature>".
# The signature is an HMAC keyed with the user's password hash: it lives in the database, so
# the cookie outlives a restart of the server, no other user's cookie fits, and changing the
# password (or its hash being upgraded) retires every old cookie.


def _device_signature(password_hash: str, user_id: int, nonce: str) -> str:
    return hmac.new(password_hash.encode(), f"device:{user_id}:{nonce}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def _known_device(cookie: str | None, user_id: int, password_hash: str) -> str | None:
    """The device id of a genuine known-device cookie of this user; None otherwise."""
    if not cookie or len(cookie) > 120:
        return None
    owner, _, rest = cookie.partition(".")
    nonce, _, signature = rest.partition(".")
    if owner != str(user_id) or not nonce:
        return None
    expected = _device_signature(password_hash, user_id, nonce)
    return nonce if hmac.compare_digest(signature.encode(), expected.encode()) else None


def _new_device(user_id: int, password_hash: str) -> str:
    nonce = secrets.token_urlsafe(12)
    return f"{user_id}.{nonce}.{_device_signature(password_hash, user_id, nonce)}"


def device_cookie_for(store: Store, user: User, current: str | None) -> str | None:
    """A new known-device cookie for a client the user just signed in on; None when the one it
    sent (`current`) is still good."""
    with store.reader() as uow:
        password_hash = AuthRepository(uow.session).password_hash(user.id)
    if password_hash is None or _known_device(current, user.id, password_hash) is not None:
        return None
    return _new_device(user.id, password_hash)


def set_device_cookie(response: Response, value: str, secure: bool) -> None:
    response.set_cookie(DEVICE_COOKIE, value, max_age=DEVICE_DAYS * 24 * 3600, path="/",
                        httponly=True, samesite="lax", secure=secure)


# --- log-in ----------------------------------------------------------------------------------


def _login_checks(username: str, client: str,
                  device: str | None) -> tuple[list[tuple[str, Limit]], str]:
    """The limits one log-in attempt counts against, and the key a success clears."""
    name = username.strip().lower()[:100]
    if device is not None:
        own = f"login:{name}#{device}"
        return [(own, LOGIN_PER_USER_AT_ADDRESS)], own
    own = f"login:{name}@{client}"
    return [(own, LOGIN_PER_USER_AT_ADDRESS), (f"login@{client}", LOGIN_PER_ADDRESS),
            (f"login:{name}", LOGIN_PER_USER_NEW_DEVICES)], own


def _check(found: tuple[User, str] | None, password: str) -> tuple[bool, str | None]:
    """Whether the password is the user's, and its new hash if the stored one is outdated.
    With no user, the time a check takes is spent all the same, so timing does not tell who
    has an account."""
    global _dummy_hash
    typed = normalized(password)
    if found is None:
        if _dummy_hash is None:
            _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
        _verify(_dummy_hash, typed)
        return False, None
    ok = _verify(found[1], typed)
    legacy = False
    if not ok and typed != password:
        # A hash made before passwords were normalised: the password as typed.
        ok = legacy = _verify(found[1], password)
    if ok and (legacy or _hasher.check_needs_rehash(found[1])):
        return True, _hasher.hash(typed)
    return ok, None


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    device_cookie: str | None
    """A new known-device cookie for the client; None when the one it sent is still good."""


def authenticate(store: Store, username: str, password: str, client: str,
                 device_cookie: str | None = None) -> User:
    """The user if the password is right: see sign_in."""
    return sign_in(store, username, password, client, device_cookie).user


@_busy_is_throttled
def sign_in(store: Store, username: str, password: str, client: str,
            device_cookie: str | None = None) -> SignedIn:
    """The user if the password is right, and the client's new known-device cookie if it
    needs one. The attempt is counted first (see the module's docstring); TooManyAttempts if
    it is over a limit, HashingBusy if the server is hashing too many passwords already,
    BadCredentials if the password is wrong. `device_cookie`: the client's known-device
    cookie, if it sent one.

    At most two transactions: the user's look-up with the attempt's count (committed before
    the check), and after a right password the count's clean-up; a flood of log-ins costs the
    database, and the other requests, as little as it can."""
    username = username if isinstance(username, str) else ""
    now = utcnow()
    with store.unit_of_work() as uow:
        auth = AuthRepository(uow.session)
        found = auth.user_with_password(username) if len(username) <= 100 else None
        device = (None if found is None
                  else _known_device(device_cookie, found[0].id, found[1]))
        checks, own = _login_checks(username, client, device)
        refused = _counted(auth, checks, now)
        uow.commit()
    if refused:
        raise TooManyAttempts(refused, "too many failed log-ins")
    ok, rehash = False, None
    if isinstance(password, str) and len(password) <= MAX_PASSWORD:
        ok, rehash = hashing_pool.run(lambda: _check(found, password))
    if not ok or found is None:
        raise BadCredentials()
    with store.unit_of_work() as uow:
        auth = AuthRepository(uow.session)
        auth.clear_attempts(own)
        for key, _ in checks:
            if key != own:
                auth.forget_attempt(key)
        if rehash is not None:
            auth.set_password_hash(found[0].id, rehash, utcnow())
        auth.sweep_attempts(utcnow() - dt.timedelta(days=1))
        uow.commit()
    # A new hash retires every device cookie signed with the old one.
    known = device is not None and rehash is None
    return SignedIn(found[0], None if known else _new_device(found[0].id, rehash or found[1]))


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


def token_key(token: str) -> str | None:
    """What a token is looked up by (its digest); None for what cannot be a token."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return digest(token)


def token_owner(store: Store, token: str) -> tuple[int, User] | None:
    """The token's id and user; None for an unknown or revoked token."""
    key = token_key(token)
    if key is None:
        return None
    try:
        owner = lookup_token(store.engine, key)
    except DBAPIError as exc:
        raise translate(exc) from exc
    if owner is None:
        return None
    touch_token(store, owner.token_id, owner.last_used_at)
    return owner.token_id, owner.user


def touch_token(store: Store, token_id: int, last_used_at: dt.datetime | None) -> None:
    """Record a token's use, at most once a minute (TOKEN_TOUCH_SECONDS)."""
    now = utcnow()
    if last_used_at is not None and (now - last_used_at).total_seconds() < TOKEN_TOUCH_SECONDS:
        return
    try:
        with store.unit_of_work() as uow:
            AuthRepository(uow.session).touch_token(token_id, now)
            uow.commit()
    except StoreError:
        pass  # the last use is a hint for the token list: never worth failing a request


# --- the account's settings ------------------------------------------------------------------


def has_plan(store: Store, user: User) -> bool:
    """Whether the lifter has an active plan (else the web sends them to onboarding)."""
    with store.reader(user.id) as uow:
        return uow.plans.active() is not None


def set_unit(store: Store, user: User, unit: Unit) -> None:
    """The lifter's display unit (weights are stored in kg whatever it is)."""
    with store.unit_of_work(user.id) as uow:
        uow.users.set_unit(user.id, unit)
        uow.commit()
