"""Imported lifts are shown by their names everywhere, not by Redwood's ids.

An import maps many names to the open free-exercise-db ("Cable Crunch" is cable-crunch) and
keeps what matches nothing as the lifter's own exercise. `redwood history`, `redwood prs`, the
History and Progress pages, the API's records and the Strong CSV export used to print those
as bare ids ("cable-crunch", "zottman-wobble-press"); a Strong CSV with ids in it is not what
the other app wrote. Run as a lifter would: the `redwood` command and a real `redwood serve`
over HTTP, on real SQLite files."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import httpx
import pytest

from clirun import run_cli
from served import running_server

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
LOG = (HEADER
       + "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,100,5,0,0,\n"
       + "2026-01-05 18:00:00,Legs,45m,Cable Crunch,1,30,12,0,0,\n"
       + "2026-01-05 18:00:00,Legs,45m,Zottman Wobble Press,1,12,10,0,0,\n")
NAMES = {"back-squat": "Back Squat", "cable-crunch": "Cable Crunch",
         "zottman-wobble-press": "Zottman Wobble Press"}
PASSWORD = "squat-deep-1"


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    path = tmp_path / "strong.csv"
    path.write_text(LOG, encoding="utf-8")
    return path


def _ok(home: Path, *args: str) -> str:
    r = run_cli("--database-url", f"sqlite:///{home / 'redwood.db'}", *args)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return r.stdout


def _ids(home: Path) -> set[str]:
    return {s["exercise_id"] for w in json.loads(_ok(home, "history", "-f", "json"))
            for s in w["sets"]}


def test_the_cli_and_the_strong_export_name_imported_lifts(tmp_path: Path,
                                                           export_file: Path) -> None:
    home = tmp_path / "a"
    home.mkdir()
    _ok(home, "import", str(export_file), "--unit", "kg")
    # The three kinds of id an import makes: curated, open library, the lifter's own.
    assert _ids(home) == set(NAMES)

    shown = _ok(home, "--width", "120", "history")
    prs = _ok(home, "--width", "120", "prs")
    for exercise_id, name in NAMES.items():
        assert f"  {name}: " in shown, shown
        assert name in prs, prs
        assert exercise_id not in shown + prs

    out = tmp_path / "log.csv"
    _ok(home, "export", "csv", "-o", str(out))
    with out.open(encoding="utf-8", newline="") as fh:
        exported = {row["Exercise Name"] for row in csv.DictReader(fh)}
    assert exported == {"Squat (Barbell)", "Cable Crunch", "Zottman Wobble Press"}

    # The export reads back into the same exercises, nothing renamed or lost.
    again = tmp_path / "b"
    again.mkdir()
    _ok(again, "import", str(out), "--unit", "kg")
    assert _ids(again) == set(NAMES)


def test_the_pages_and_the_api_name_imported_lifts(tmp_path: Path, export_file: Path) -> None:
    url = f"sqlite:///{tmp_path / 'redwood.db'}"
    with running_server(url, tmp_path) as (base, _log, _pid), \
            httpx.Client(base_url=base, timeout=30) as client:
        r = client.post("/api/v1/auth/signup", json={"username": "imke", "password": PASSWORD})
        assert r.status_code == 201, r.text
        r = client.post("/api/v1/auth/token", json={"username": "imke", "password": PASSWORD})
        bearer = {"Authorization": f"Bearer {r.json()['access_token']}"}
        with export_file.open("rb") as fh:
            r = client.post("/api/v1/import?unit=kg", headers=bearer,
                            files={"file": ("strong.csv", fh, "text/csv")})
        assert r.status_code == 200, r.text

        r = client.get("/api/v1/records", headers=bearer)
        assert r.status_code == 200, r.text
        assert {i["exercise_id"]: i["name"] for i in r.json()["items"]} == NAMES

        login = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', login)
        assert token
        r = client.post("/login", data={"username": "imke", "password": PASSWORD,
                                        "csrf_token": token[1]})
        assert r.status_code == 303, r.text
        page = client.get("/history?until=2026-01-10")
        assert page.status_code == 200
        for exercise_id, name in NAMES.items():
            assert f">{name}<" in page.text
            assert f">{exercise_id}<" not in page.text
