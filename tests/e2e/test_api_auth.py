"""Accounts over the API, on SQLite and PostgreSQL: sign-up, tokens, log-out, the log-in rate
limits, CSRF on cookie-signed requests, security headers, and passwords kept only as argon2
hashes.

Strangers can neither knock the server over nor lock a lifter out: attempts are counted before
any password is checked, per (username, address) and per address; a browser the owner signed
in on before keeps working while strangers guess; sign-ups are rate-limited; hashing runs in a
bounded pool; weak passwords are refused with the reason; passwords are compared
NFKC-normalised; old hashes are upgraded at the next log-in."""

from __future__ import annotations

import asyncio
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from apihelp import API, BACKENDS, PASSWORD, Lifter, app_client, database, error_of
from redwood.services import accounts
from redwood.store.models import ApiTokenRow, CredentialRow, RateCounterRow, WebSessionRow
from redwood.web.app import CSP
from redwood.web.deps import CSRF_HEADER, SESSION_COOKIE, csrf_token, verify_csrf

WORKOUT = {"date": "2026-01-05",
           "sets": [{"exercise_id": "back-squat", "weight_kg": 60, "reps": 8}]}


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app and database per backend for the module (each test signs up its own users)."""
    with database(request.param, tmp_path_factory.mktemp("auth")) as url, app_client(url) as c:
        yield c


@pytest.fixture
def client(served: TestClient) -> Iterator[TestClient]:
    """The module's app as a fresh browser: no cookies, no failed log-ins remembered."""
    served.cookies.clear()
    with store_of(served).unit_of_work() as uow:
        uow.session.execute(delete(RateCounterRow))
        uow.commit()
    yield served
    served.cookies.clear()


def store_of(client: TestClient) -> Any:
    return client.app.state.store  # type: ignore[attr-defined]


def test_signup_then_token_then_calls(client: TestClient) -> None:
    r = client.post(f"{API}/auth/signup", json={"username": "maya", "password": PASSWORD})
    assert r.status_code == 201
    assert r.json()["username"] == "maya" and isinstance(r.json()["id"], int)
    r = client.post(f"{API}/auth/token", json={"username": "maya", "password": PASSWORD})
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer" and body["access_token"].startswith("rw_")
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    me = client.get(f"{API}/auth/me", headers=headers)
    assert me.status_code == 200 and me.json()["username"] == "maya"


def test_passwords_and_tokens_are_stored_hashed(client: TestClient) -> None:
    lifter = Lifter(client, "hashed")
    with store_of(client).reader() as uow:
        stored = uow.session.execute(select(CredentialRow.password_hash).where(
            CredentialRow.user_id == lifter.id)).scalar_one()
        token_hashes = list(uow.session.execute(select(ApiTokenRow.token_hash).where(
            ApiTokenRow.user_id == lifter.id)).scalars())
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert lifter.token not in token_hashes
    assert accounts.digest(lifter.token) in token_hashes


@pytest.mark.parametrize(("body", "field"), [
    ({"username": "ab", "password": PASSWORD}, "username"),
    ({"username": "Has Space", "password": PASSWORD}, "username"),
    ({"username": "x" * 41, "password": PASSWORD}, "username"),
    ({"username": "fine", "password": "short"}, "password"),
    ({"username": "fine"}, "password"),
    ({"username": "fine", "password": PASSWORD, "admin": True}, "admin"),
])
def test_bad_signups_name_the_field(client: TestClient, body: dict[str, Any], field: str) -> None:
    r = client.post(f"{API}/auth/signup", json=body)
    assert r.status_code == 422
    assert error_of(r).startswith(f"{field}:")


def test_taken_username_is_a_conflict(client: TestClient) -> None:
    Lifter(client, "twin")
    r = client.post(f"{API}/auth/signup", json={"username": "twin", "password": "another-pw-7x"})
    assert r.status_code == 409
    assert error_of(r) == "username: taken"


def test_not_json_names_the_body(client: TestClient) -> None:
    r = client.post(f"{API}/auth/signup", content=b"{nope",
                    headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert error_of(r).startswith("body:")


def test_wrong_password_and_unknown_user_look_the_same(client: TestClient) -> None:
    Lifter(client, "real")
    wrong = client.post(f"{API}/auth/token", json={"username": "real", "password": "nope-nope"})
    ghost = client.post(f"{API}/auth/token", json={"username": "ghost", "password": "nope-nope"})
    assert wrong.status_code == ghost.status_code == 401
    assert error_of(wrong) == error_of(ghost)


def test_requests_without_a_valid_token_are_refused(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer rw_made-up"}, {"Authorization": "Basic eDp5"},
                    {"Authorization": "Bearer"}):
        r = client.get(f"{API}/workouts", headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"] == "Bearer"


def test_login_rate_limit_per_username_at_an_address(client: TestClient) -> None:
    Lifter(client, "target")
    for _ in range(accounts.LOGIN_PER_USER_AT_ADDRESS.attempts):
        r = client.post(f"{API}/auth/token", json={"username": "target", "password": "guess-123"})
        assert r.status_code == 401
    # Now even the right password waits: the guesser cannot tell when they hit it.
    r = client.post(f"{API}/auth/token", json={"username": "target", "password": PASSWORD})
    assert r.status_code == 429
    assert 1 <= int(r.headers["retry-after"]) <= 15 * 60
    assert "try again" in error_of(r)
    # Another user is not locked out by it, nor the same user at another address.
    Lifter(client, "bystander")
    assert accounts.authenticate(store_of(client), "target", PASSWORD, "10.0.0.8").name == "target"


def test_login_rate_limit_per_client_address(client: TestClient) -> None:
    Lifter(client, "victim")
    client.cookies.clear()  # a browser the victim never signed in on
    for i in range(accounts.LOGIN_PER_ADDRESS.attempts):
        client.post(f"{API}/auth/token", json={"username": f"spray{i}", "password": "guess-123"})
    r = client.post(f"{API}/auth/token", json={"username": "victim", "password": PASSWORD})
    assert r.status_code == 429


def test_the_limit_is_shared_by_every_worker(client: TestClient, tmp_path: Path) -> None:
    """Failures live in the database: a second app (another worker) on it sees them."""
    Lifter(client, "shared")
    store = store_of(client)
    for _ in range(accounts.LOGIN_PER_USER_AT_ADDRESS.attempts):
        with pytest.raises(accounts.BadCredentials):
            accounts.authenticate(store, "shared", "guess-123", "testclient")
    with app_client(store.url) as other:
        r = other.post(f"{API}/auth/token", json={"username": "shared", "password": PASSWORD})
        assert r.status_code == 429


def test_tokens_create_list_revoke(client: TestClient) -> None:
    lifter = Lifter(client, "scripter")
    r = lifter.post("/tokens", {"name": "garmin sync"})
    assert r.status_code == 201
    made = r.json()
    assert made["token"].startswith(made["prefix"]) and made["name"] == "garmin sync"
    listed = lifter.get("/tokens").json()
    assert [t["name"] for t in listed] == ["garmin sync", "api"]
    assert all("token" not in t for t in listed)
    second = {"Authorization": f"Bearer {made['token']}"}
    assert client.get(f"{API}/workouts", headers=second).status_code == 200
    assert lifter.delete(f"/tokens/{made['id']}").status_code == 204
    assert client.get(f"{API}/workouts", headers=second).status_code == 401
    assert lifter.delete(f"/tokens/{made['id']}").status_code == 404
    revoked = [t for t in lifter.get("/tokens").json() if t["id"] == made["id"]]
    assert revoked[0]["revoked_at"] is not None
    assert lifter.post("/tokens", {"name": ""}).status_code == 422


def test_one_user_cannot_touch_anothers_tokens(client: TestClient) -> None:
    alice, bob = Lifter(client, "alice"), Lifter(client, "bob")
    alice_token = alice.get("/tokens").json()[0]["id"]
    bob_token = bob.get("/tokens").json()[0]["id"]
    for guess in (alice_token, bob_token + 1, 999_999):
        assert bob.delete(f"/tokens/{guess}").status_code == 404
    assert [t["id"] for t in bob.get("/tokens").json()] == [bob_token]
    assert alice.get("/auth/me").status_code == 200


def test_logout_revokes_the_token(client: TestClient) -> None:
    lifter = Lifter(client, "leaver")
    assert lifter.post("/auth/logout").status_code == 204
    assert lifter.get("/workouts").status_code == 401


def cookie_client(client: TestClient, name: str) -> tuple[Lifter, str]:
    """A lifter signed in by a browser session cookie (as the web UI's log-in does)."""
    lifter = Lifter(client, name)
    value, csrf = accounts.start_session(store_of(client), lifter.user)
    client.cookies.set(SESSION_COOKIE, value)
    return lifter, csrf


def test_cookie_requests_need_the_csrf_header_for_changes(client: TestClient) -> None:
    _, csrf = cookie_client(client, "browser")
    assert client.get(f"{API}/workouts").status_code == 200  # reading needs no token
    r = client.post(f"{API}/workouts", json=WORKOUT)
    assert r.status_code == 403 and CSRF_HEADER in error_of(r)
    r = client.post(f"{API}/workouts", json=WORKOUT, headers={CSRF_HEADER: "forged"})
    assert r.status_code == 403
    r = client.post(f"{API}/workouts", json=WORKOUT, headers={CSRF_HEADER: csrf})
    assert r.status_code == 201
    workout_id = r.json()["id"]
    assert client.delete(f"{API}/workouts/{workout_id}").status_code == 403
    assert client.delete(f"{API}/workouts/{workout_id}",
                         headers={CSRF_HEADER: csrf}).status_code == 204


def test_bearer_requests_need_no_csrf_even_with_a_cookie(client: TestClient) -> None:
    lifter, _ = cookie_client(client, "both")
    assert lifter.post("/workouts", WORKOUT).status_code == 201


def test_cookie_logout_ends_the_session(client: TestClient) -> None:
    lifter, csrf = cookie_client(client, "sessioned")
    r = client.post(f"{API}/auth/logout", headers={CSRF_HEADER: csrf})
    assert r.status_code == 204
    assert 'redwood_session=""' in r.headers["set-cookie"] or "Max-Age=0" in r.headers[
        "set-cookie"]
    with store_of(client).reader() as uow:
        assert uow.session.execute(select(WebSessionRow).where(
            WebSessionRow.user_id == lifter.id)).first() is None
    client.cookies.clear()
    assert client.get(f"{API}/workouts").status_code == 401


def test_expired_or_unknown_session_is_not_signed_in(client: TestClient) -> None:
    client.cookies.set(SESSION_COOKIE, "not-a-session")
    assert client.get(f"{API}/workouts").status_code == 401


def test_session_cookie_flags() -> None:
    from starlette.responses import Response

    response = Response()
    accounts.set_session_cookie(response, "value", secure=True)
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    assert "Path=/" in cookie


def test_anonymous_forms_carry_a_signed_double_submit_token(client: TestClient) -> None:
    """The log-in and sign-up forms: csrf_token sets a cookie; verify_csrf wants both."""
    app = client.app

    @app.get("/test-form")  # type: ignore[attr-defined, untyped-decorator]
    def form(request: Request) -> JSONResponse:
        return JSONResponse({"token": csrf_token(request)})

    @app.post("/test-form")  # type: ignore[attr-defined, untyped-decorator]
    def submit(request: Request, token: str = "") -> JSONResponse:
        verify_csrf(request, token)
        return JSONResponse({"ok": True})

    r = client.get("/test-form")
    token = r.json()["token"]
    assert "redwood_csrf=" in r.headers["set-cookie"] and "HttpOnly" in r.headers["set-cookie"]
    assert client.post("/test-form", params={"token": token}).status_code == 200
    assert client.post("/test-form", params={"token": token + "x"}).status_code == 403
    assert client.post("/test-form", params={"token": ""}).status_code == 403
    nonce = token.split(".")[0]
    assert client.post("/test-form", params={"token": f"{nonce}.forged"}).status_code == 403
    # Another browser (no cookie) cannot replay this browser's token.
    client.cookies.clear()
    assert client.post("/test-form", params={"token": token}).status_code == 403
    # Signed in, forms use the session's token instead.
    _, csrf = cookie_client(client, "former")
    assert client.get("/test-form").json()["token"] == csrf
    assert client.post("/test-form", params={"token": csrf}).status_code == 200
    assert client.post("/test-form", params={"token": token}).status_code == 403


def test_security_headers_on_every_response(client: TestClient) -> None:
    lifter = Lifter(client, "headers")
    answers = [
        client.get("/openapi.json"),
        client.get(f"{API}/workouts"),  # 401
        lifter.get("/workouts"),
        lifter.get("/workouts/12345"),  # 404
        lifter.post("/workouts", {"date": "not a date"}),  # 422
        client.get("/no/such/page"),
    ]
    for r in answers:
        assert r.headers["content-security-policy"] == CSP, r.request.url
        assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
        assert "frame-ancestors 'none'" in CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "same-origin"
    assert lifter.get("/workouts").headers["cache-control"] == "no-store"


def test_no_signed_in_answer_or_download_is_cacheable(client: TestClient) -> None:
    """Walk the route table: every page, API read and download a signed-in browser can GET
    says `Cache-Control: no-store`; static assets stay cacheable."""
    from redwood.web.app import flat_routes

    page = client.get("/signup")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    signed_up = client.post("/signup", data={"username": "private", "password": PASSWORD,
                                             "confirm": PASSWORD, "csrf_token": token},
                            follow_redirects=False)
    assert signed_up.status_code == 303 and client.cookies.get(SESSION_COOKIE)
    fill = {"date": "2026-01-05", "workout_id": "1", "exercise_id": "back-squat",
            "token_id": "1", "kind": "e1rm", "plan_id": "1"}
    walked = 0
    for route in flat_routes(client.app):  # type: ignore[arg-type]
        if "GET" not in (route.methods or ()) or not route.path:
            continue
        path = route.path
        for name in re.findall(r"{(\w+)", path):
            path = path.replace("{" + name + "}", fill.get(name, "1"))
        r = client.get(path, follow_redirects=False)
        assert r.status_code < 500, (path, r.status_code)
        assert r.headers.get("cache-control") == "no-store", (path, r.headers)
        walked += 1
    assert walked >= 30
    # The answers that carry a secret or a private page to a POST: a new token (API and the
    # settings page), a log-in's token, the page after a sign-up.
    session_token = client.get("/settings").text.split('name="csrf_token" value="', 1)[1]
    csrf = {CSRF_HEADER: session_token.split('"', 1)[0]}
    posted = [
        client.post(f"{API}/tokens", json={"name": "cache"}, headers=csrf),
        client.post(f"{API}/auth/token", json={"username": "private", "password": PASSWORD}),
        client.post("/settings/tokens", data={"name": "page", "csrf_token": csrf[CSRF_HEADER]}),
        signed_up,
    ]
    assert [a.status_code for a in posted] == [201, 200, 200, 303]
    assert "rw_" in posted[2].text
    for answer in posted:
        assert answer.headers.get("cache-control") == "no-store", answer.request.url
    static = client.get("/static/redwood.css")
    assert static.status_code == 200 and "no-store" not in static.headers.get(
        "cache-control", "")


def test_405_names_every_method_the_path_takes(client: TestClient) -> None:
    lifter = Lifter(client, "methodical")
    r = lifter.call("PATCH", "/tokens")
    assert r.status_code == 405
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    r = lifter.call("POST", "/checkins/2026-01-05")
    assert r.status_code == 405 and {"GET", "PUT"} <= set(r.headers["allow"].split(", "))


@pytest.mark.parametrize("value", ["0", "20260105", "1e3", "2026-1-5", "2026-01-05T00:00"])
def test_date_parameters_take_only_iso_days(client: TestClient, value: str) -> None:
    lifter = Lifter(client, f"calendar{abs(hash(value)) % 10000}")
    r = lifter.get("/today", params={"date": value})
    assert r.status_code == 422 and error_of(r) == "date: use a date as YYYY-MM-DD", r.text
    r = lifter.get(f"/checkins/{value}")
    assert r.status_code == 422 and error_of(r).startswith("date: "), r.text
    assert lifter.get("/workouts", params={"since": value}).status_code == 422
    assert lifter.get("/workouts", params={"since": "2026-01-05"}).status_code == 200


def test_the_schema_documents_every_answer(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], (method, path)
            if "requestBody" in operation:
                assert "413" in operation["responses"], (method, path)
    for path in ("/api/v1/auth/signup", "/api/v1/auth/token"):
        assert "429" in schema["paths"][path]["post"]["responses"]


def test_openapi_schema_is_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "Redwood"
    for path in ("/api/v1/auth/signup", "/api/v1/auth/token", "/api/v1/today",
                 "/api/v1/workouts", "/api/v1/workouts/{workout_id}",
                 "/api/v1/workouts/{workout_id}/sets", "/api/v1/tokens"):
        assert path in schema["paths"], path
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_oversized_bodies_are_refused(client: TestClient) -> None:
    lifter = Lifter(client, "bulky")
    r = client.post(f"{API}/workouts", content=b"x" * (21 * 1024 * 1024),
                    headers={**lifter.headers, "content-type": "application/json"})
    assert r.status_code == 413
    assert error_of(r) == "body: larger than 20 MB"


# --- limits: nobody knocks the server over or locks a lifter out -------------------------------


def login(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    return client.post(f"{API}/auth/token", json={"username": name, "password": password})


def guess(store: Any, name: str, address: str) -> str:
    """One wrong password from `address`: 'checked' (401) or 'refused' (429)."""
    try:
        accounts.authenticate(store, name, "not-the-password-1", address)
    except accounts.BadCredentials:
        return "checked"
    except accounts.TooManyAttempts:
        return "refused"
    raise AssertionError("a wrong password signed in")


class _CountingHasher(PasswordHasher):
    """A cheap argon2id hasher that counts the passwords it checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.checked = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.checked += 1
        return super().verify(hash, password)


def test_parallel_guesses_are_counted_before_the_check(client: TestClient,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """40 wrong passwords at once for one user from one address: at most 5 are checked (the
    hasher is asked at most 5 times), the rest refused."""
    Lifter(client, "racer")
    store = store_of(client)
    hasher = _CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", hasher)
    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(lambda _: guess(store, "racer", "10.9.9.9"), range(40)))
    limit = accounts.LOGIN_PER_USER_AT_ADDRESS.attempts
    assert hasher.checked <= limit
    assert outcomes.count("checked") <= limit
    assert outcomes.count("refused") >= 40 - limit


def test_strangers_cannot_lock_the_owner_out_of_a_known_browser(client: TestClient) -> None:
    Lifter(client, "owner")  # signed in from this browser: it holds the known-device cookie
    assert client.cookies.get(accounts.DEVICE_COOKIE)
    store = store_of(client)
    # Strangers from many addresses use up every limit on the username.
    addresses = [f"203.0.113.{i}" for i in range(1, 9)]
    for address in addresses:
        for _ in range(accounts.LOGIN_PER_USER_AT_ADDRESS.attempts):
            guess(store, "owner", address)
    assert guess(store, "owner", "203.0.113.99") == "refused"
    # A browser the owner never used is held back too ...
    fresh = TestClient(client.app)
    r = login(fresh, "owner")
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    # ... but the owner's own browser signs in with the right password.
    r = login(client, "owner")
    assert r.status_code == 200, r.text
    # A forged or someone else's device cookie does not help a stranger.
    fresh.cookies.set(accounts.DEVICE_COOKIE, "1.abc.0123456789abcdef0123456789abcdef")
    assert login(fresh, "owner").status_code == 429


def test_a_known_browser_still_gets_only_five_guesses(client: TestClient) -> None:
    Lifter(client, "forgetful")
    for _ in range(accounts.LOGIN_PER_USER_AT_ADDRESS.attempts):
        assert login(client, "forgetful", "wrong-guess-1").status_code == 401
    r = login(client, "forgetful")
    assert r.status_code == 429 and "try again in" in error_of(r)


def test_a_success_clears_the_count(client: TestClient) -> None:
    Lifter(client, "typo")
    for _ in range(accounts.LOGIN_PER_USER_AT_ADDRESS.attempts - 1):
        assert login(client, "typo", "wrong-guess-1").status_code == 401
    assert login(client, "typo").status_code == 200
    for _ in range(accounts.LOGIN_PER_USER_AT_ADDRESS.attempts - 1):
        assert login(client, "typo", "wrong-guess-1").status_code == 401
    assert login(client, "typo").status_code == 200


def test_sign_ups_are_limited_per_address(client: TestClient) -> None:
    store = store_of(client)
    for i in range(accounts.SIGNUP_PER_ADDRESS.attempts):
        accounts.signup(store, f"club{i}", PASSWORD, "198.51.100.7")
    with pytest.raises(accounts.TooManyAttempts) as refused:
        accounts.signup(store, "one-more", PASSWORD, "198.51.100.7")
    assert refused.value.retry_after > 0
    # Another address, and the command line, are not affected.
    accounts.signup(store, "elsewhere", PASSWORD, "198.51.100.8")
    accounts.signup(store, "local-user", PASSWORD)
    # Over HTTP: 429 with Retry-After, and the page says it too.
    with store.unit_of_work() as uow:
        uow.session.execute(delete(RateCounterRow))
        uow.commit()
    for i in range(accounts.SIGNUP_PER_ADDRESS.attempts):
        accounts.signup(store, f"web{i}", PASSWORD, "testclient")
    r = client.post(f"{API}/auth/signup", json={"username": "latecomer", "password": PASSWORD})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert "too many sign-ups" in error_of(r)
    page = client.get("/signup")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = client.post("/signup", data={"username": "latecomer", "password": PASSWORD,
                                     "confirm": PASSWORD, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 429 and "Too many sign-ups" in r.text
    assert int(r.headers["retry-after"]) > 0


@pytest.mark.parametrize(("username", "password", "why"), [
    ("plain", "password", "common"),
    ("spaces", " " * 8, "spaces"),
    ("maya", "maya12345", "username"),
    ("lifter", "12345678", "common"),
    ("squatter", "qwertyuiop", "common"),
])
def test_weak_passwords_are_refused_saying_why(client: TestClient, username: str,
                                               password: str, why: str) -> None:
    r = client.post(f"{API}/auth/signup", json={"username": username, "password": password})
    assert r.status_code == 422, r.text
    message = error_of(r)
    assert message.startswith("password: ") and why in message.lower(), message
    page = client.get("/signup")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = client.post("/signup", data={"username": username, "password": password,
                                     "confirm": password, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 422 and why in r.text.lower()


def test_a_password_typed_in_another_unicode_form_signs_in(client: TestClient) -> None:
    composed = unicodedata.normalize("NFC", "Crème-brûlée-Øl-42")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert client.post(f"{API}/auth/signup", json={"username": "chef", "password": composed}
                       ).status_code == 201
    assert login(client, "chef", decomposed).status_code == 200
    assert login(client, "chef", composed).status_code == 200
    # NFKC, not only NFC: full-width letters and digits (a phone's CJK keyboard) and a
    # ligature are the plain characters they stand for.
    wide = "\uff53\uff51\uff55\uff41\uff54-\ufb00-\uff14\uff12-racks"  # ｓｑｕａｔ-ﬀ-４２-racks
    assert unicodedata.normalize("NFC", wide) == wide != "squat-ff-42-racks"
    assert client.post(f"{API}/auth/signup", json={"username": "wide", "password": wide}
                       ).status_code == 201
    assert login(client, "wide", "squat-ff-42-racks").status_code == 200
    assert login(client, "wide", wide).status_code == 200


def _stored_hash(store: Any, user_id: int) -> str:
    with store.reader() as uow:
        return str(uow.session.execute(select(CredentialRow.password_hash)
                                       .where(CredentialRow.user_id == user_id)).scalar_one())


def _store_hash(store: Any, user_id: int, value: str) -> None:
    with store.unit_of_work() as uow:
        uow.session.get(CredentialRow, user_id).password_hash = value
        uow.commit()


def test_old_hashes_are_upgraded_at_the_next_log_in(client: TestClient) -> None:
    store = store_of(client)
    lifter = Lifter(client, "veteran")
    old = PasswordHasher(time_cost=3, memory_cost=2048, parallelism=4)  # not the app's
    _store_hash(store, lifter.id, old.hash(PASSWORD))
    assert login(client, "veteran").status_code == 200
    upgraded = _stored_hash(store, lifter.id)
    assert "m=2048" not in upgraded and "p=4" not in upgraded
    assert login(client, "veteran").status_code == 200
    # A hash of a password stored before normalisation (decomposed): it still signs in, and
    # from then on the composed form does too.
    decomposed = unicodedata.normalize("NFD", "Ångström-Över-7")
    _store_hash(store, lifter.id, old.hash(decomposed))
    assert login(client, "veteran", decomposed).status_code == 200
    assert login(client, "veteran", unicodedata.normalize("NFC", decomposed)).status_code == 200


@contextmanager
def _held(run: Callable[[Callable[[], None]], Any]) -> Iterator[None]:
    """While the block runs, `run` (a hashing pool's or an auth lane's) is busy with a task
    that waits until the block is over."""
    running, release = threading.Event(), threading.Event()

    def hold() -> None:
        running.set()
        release.wait(30)

    holder = threading.Thread(target=run, args=(hold,))
    holder.start()
    try:
        assert running.wait(10)
        yield
    finally:
        release.set()
        holder.join()


def test_a_full_hashing_pool_answers_429_not_a_queue(client: TestClient,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    Lifter(client, "patient")
    pool = accounts.HashingPool(slots=1, queue=0, wait=0.2)
    monkeypatch.setattr(accounts, "hashing_pool", pool)
    with _held(pool.run):
        r = login(client, "patient")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "busy" in error_of(r)
        r = client.post(f"{API}/auth/signup", json={"username": "waiting", "password": PASSWORD})
        assert r.status_code == 429
    assert login(client, "patient").status_code == 200


def test_a_full_lane_refuses_before_reading_the_request(client: TestClient,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """With no room in the accounts' lane, an API sign-up or log-in is refused before its body
    is read: a body that would not even validate gets the lane's 429, not a 422."""
    lane = accounts.AuthLane(threads=1, queue=0, wait=5)
    monkeypatch.setattr(accounts, "auth_lane", lane)
    with _held(lambda work: asyncio.run(lane.run(work))):
        assert lane.full
        for path in ("/auth/signup", "/auth/token"):
            r = client.post(f"{API}{path}", json={"not": "valid"})
            assert r.status_code == 429, r.text
            assert error_of(r) == str(accounts.HashingBusy())
            assert int(r.headers["retry-after"]) >= 1
            assert r.headers["cache-control"] == "no-store"
            assert r.headers["x-content-type-options"] == "nosniff"
        # Other requests, and other methods on those paths, are not held back.
        assert client.get(f"{API}/auth/signup").status_code == 405
        assert client.post(f"{API}/auth/logout").status_code == 401
    assert not lane.full
    assert client.post(f"{API}/auth/signup", json={"not": "valid"}).status_code == 422
    assert client.post(f"{API}/auth/signup", json={"username": "gatecrasher",
                                                   "password": PASSWORD}).status_code == 201


class _HeldHasher(PasswordHasher):
    """A cheap argon2id hasher whose hashes wait until `release` is set (sign-ups in flight)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.release = threading.Event()
        self.entered = threading.Event()

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.entered.set()
        self.release.wait(60)
        return super().hash(password, salt=salt)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_signed_in_call_is_answered_while_sign_ups_wait_for_hashing(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More sign-ups than the server has request threads (FastAPI's pool: 40), all waiting
    for the password hashing: a signed-in lifter's call is still answered, before any of them
    is, because they wait on the accounts' own threads (or hold none)."""
    flood = 60
    with database(backend, tmp_path) as url, app_client(url) as client:
        lifter = Lifter(client, "steady")
        assert lifter.post("/plans/generate", json={"days": 3, "weeks": 4, "save": True}
                           ).status_code in (200, 201)
        held = _HeldHasher()
        monkeypatch.setattr(accounts, "_hasher", held)
        # Room for the whole flood to wait (so none is refused at once, and all are in flight).
        monkeypatch.setattr(accounts, "hashing_pool",
                            accounts.HashingPool(slots=2, queue=flood, wait=60))
        lane = accounts.AuthLane(threads=2, queue=flood, wait=60)
        monkeypatch.setattr(accounts, "auth_lane", lane)

        def sign_up(i: int) -> int:
            return client.post(f"{API}/auth/signup", json={"username": f"flood{i}",
                                                           "password": PASSWORD}).status_code

        with ThreadPoolExecutor(max_workers=flood + 1) as pool:
            answers = [pool.submit(sign_up, i) for i in range(flood)]
            try:
                assert held.entered.wait(30)
                for _ in range(300):  # until every sign-up has reached the server
                    if lane.pending == flood:
                        break
                    threading.Event().wait(0.1)
                assert lane.pending == flood
                today = pool.submit(lifter.get, "/today")
                assert today.result(timeout=30).status_code == 200
                assert not any(a.done() for a in answers)  # all still in flight
            finally:
                held.release.set()
            statuses = [a.result(timeout=120) for a in answers]
    assert statuses == [201] * flood


def test_the_auth_lane_refuses_beyond_its_queue_and_after_its_wait() -> None:
    lane = accounts.AuthLane(threads=1, queue=1, wait=0.3)
    running, release = threading.Event(), threading.Event()

    def hold() -> str:
        running.set()
        release.wait(30)
        return "done"

    async def scenario() -> None:
        first = asyncio.ensure_future(lane.run(hold))
        while not running.is_set():
            await asyncio.sleep(0.01)
        second = asyncio.ensure_future(lane.run(str, "never run"))
        await asyncio.sleep(0)
        assert lane.pending == 2
        with pytest.raises(accounts.HashingBusy):  # beyond the queue: at once
            await lane.run(str, "refused")
        with pytest.raises(accounts.HashingBusy):  # queued, no thread came free in time
            await second
        assert not first.done()  # started in time: it is waited for beyond `wait`
        release.set()
        assert await first == "done"
        assert lane.pending == 0
        assert await lane.run(str, "free again") == "free again"

    try:
        asyncio.run(scenario())
    finally:
        release.set()


def test_a_sign_up_nobody_waits_for_any_more_is_dropped_before_it_starts() -> None:
    lane = accounts.AuthLane(threads=1, queue=4, wait=30)
    running, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def hold() -> None:
        running.set()
        release.wait(30)

    async def scenario() -> None:
        first = asyncio.ensure_future(lane.run(hold))
        while not running.is_set():
            await asyncio.sleep(0.01)
        queued = asyncio.ensure_future(lane.run(ran.append, "abandoned"))
        await asyncio.sleep(0)
        queued.cancel()  # e.g. the request's task cancelled while it waited for a thread
        with pytest.raises(asyncio.CancelledError):
            await queued
        release.set()
        await first
        await lane.run(ran.append, "next")

    try:
        asyncio.run(scenario())
    finally:
        release.set()
    assert ran == ["next"] and lane.pending == 0


def test_the_pool_bounds_concurrent_hashes() -> None:
    pool = accounts.HashingPool(slots=2, queue=50, wait=5)
    busy = 0
    most = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal busy, most
        with lock:
            busy += 1
            most = max(most, busy)
        threading.Event().wait(0.01)
        with lock:
            busy -= 1

    with ThreadPoolExecutor(max_workers=12) as executor:
        list(executor.map(lambda _: pool.run(work), range(36)))
    assert most == 2


def test_a_spelled_out_path_allows_only_its_own_methods(client: TestClient) -> None:
    lifter = Lifter(client, "checker")
    r = lifter.call("OPTIONS", "/plans/check")
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    r = lifter.get("/plans/generate")  # not GET /plans/{plan_id}
    assert r.status_code == 405 and r.headers["allow"] == "POST"
