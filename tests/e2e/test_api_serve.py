"""`redwood serve` for real: a server process on a free port, spoken to over HTTP, with the
demo lifter's four weeks of training; and `redwood token` making tokens a script can use."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from apihelp import BACKENDS, app_client, database
from clirun import run_cli
from redwood.services.demo import DEMO_PASSWORD, DEMO_USER
from served import free_port, running_server


@pytest.fixture(params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base URL, console output so far) of `redwood serve --demo` on a fresh database;
    PostgreSQL with two workers."""
    with database(request.param, tmp_path) as url, running_server(
            url, tmp_path, workers=2 if request.param == "postgresql" else 1,
            demo=True) as (base, log, _):
        yield base, log.read_text()


@pytest.mark.slow
def test_serve_demo_over_real_http(server: tuple[str, str]) -> None:
    base, console = server
    assert f"demo user: {DEMO_USER}, password: {DEMO_PASSWORD}" in console
    assert f"http://localhost:{base.rsplit(':', 1)[1]}/" in console
    with httpx.Client(base_url=f"{base}/api/v1", timeout=30) as http:
        r = http.post("/auth/token", json={"username": DEMO_USER, "password": DEMO_PASSWORD})
        assert r.status_code == 200, r.text
        assert r.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        demo = {"Authorization": f"Bearer {r.json()['access_token']}"}

        listing = http.get("/workouts", headers=demo, params={"limit": 100})
        assert listing.headers["content-encoding"] == "gzip"  # text goes compressed
        history = listing.json()
        assert history["total"] >= 12  # four weeks of three sessions
        assert all(w["sets"] for w in history["items"])
        today = http.get("/today", headers=demo)
        assert today.status_code == 200, today.text
        item = today.json()["items"][0]

        # Log today's first set with one call, then the next with another.
        target = {"exercise_id": item["exercise_id"], "weight_kg": item["weight_kg"],
                  **({"reps": item["reps_max"]} if "reps_max" in item else
                     {"seconds": item["seconds_max"]})}
        made = http.post("/workouts", headers=demo, json={
            "date": dt.date.today().isoformat(), "sets": [target]})
        assert made.status_code == 201, made.text
        added = http.post(f"/workouts/{made.json()['id']}/sets", headers=demo,
                          json={"sets": [target]})
        assert added.status_code == 201 and added.json()["positions"] == [1]

        # A second person on the same server sees none of it.
        assert http.post("/auth/signup", json={"username": "newcomer",
                                               "password": "fresh-start"}).status_code == 201
        r = http.post("/auth/token", json={"username": "newcomer", "password": "fresh-start"})
        other = {"Authorization": f"Bearer {r.json()['access_token']}"}
        assert http.get("/workouts", headers=other).json()["total"] == 0
        assert http.get(f"/workouts/{made.json()['id']}", headers=other).status_code == 404
        assert http.get("/today", headers=other).status_code == 404


def test_serve_refuses_a_bad_database_in_one_line(tmp_path: Path) -> None:
    r = run_cli("serve", "--database-url", "nosuchdriver://x/y", "--port", str(free_port()))
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_token_commands_make_tokens_for_scripts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'redwood.db'}"
    made = run_cli("--database-url", url, "token", "create", "laptop")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("rw_") and "not shown again" in made.stderr
    listed = run_cli("--database-url", url, "token", "list")
    assert "laptop" in listed.stdout and token not in listed.stdout
    with app_client(url) as client:
        me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200 and me.json()["username"] == "me"
        token_id = listed.stdout.split()[0]
        revoked = run_cli("--database-url", url, "token", "revoke", token_id)
        assert revoked.returncode == 0, revoked.stderr
        again = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert again.status_code == 401
    missing = run_cli("--database-url", url, "token", "revoke", "999")
    assert missing.returncode == 2 and "no live token 999" in missing.stderr


def test_the_worker_factory_reads_the_environment(tmp_path: Path) -> None:
    """The factory that `redwood serve --workers N` imports reads its settings from the
    environment."""
    env = {**os.environ, "REDWOOD_DATABASE_URL": f"sqlite:///{tmp_path / 'env.db'}",
           "REDWOOD_SECRET_KEY": "k" * 32}
    code = ("from redwood.web.app import create_app_from_env as f; a = f(); "
            "print(a.state.secret_key == b'k' * 32, a.state.store.url)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.split()[0] == "True", out.stderr
    assert "env.db" in out.stdout
