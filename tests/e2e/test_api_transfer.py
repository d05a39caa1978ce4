"""Import and export over the REST API, on SQLite and PostgreSQL: an uploaded Strong export
lands in the log (once, however often it is sent), a dry run stores nothing, bad rows refuse the
import unless told to skip them, and the exports (Strong CSV, JSON backup, the plan as a
calendar) hold the lifter's own data and nobody else's."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.store.admin import temporary_database
from redwood.store.location import sqlite_url
from redwood.web.api.transfer import MAX_IMPORT_BYTES
from redwood.web.app import create_app

PG_URL = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="REDWOOD_TEST_POSTGRES_URL is not set")),
]
API = "/api/v1"
HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
STRONG = HEADER + (
    '2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",1,100.0,5.0,0,0.0,\n'
    '2024-11-28 17:36:08,"Legs",35m,"Squat (Barbell)",2,100.0,5.0,0,0.0,\n'
    '2024-11-28 17:36:08,"Legs",35m,"Bent Over Row (Barbell)",1,60.0,10.0,0,0.0,\n'
    '2024-12-02 18:00:00,"Legs",40m,"Squat (Barbell)",1,105.0,5.0,0,0.0,8\n'
)
BAD_ROW = '2024-12-05 18:00:00,"Legs",40m,"Squat (Barbell)",1,heavy,5.0,0,0.0,\n'

_names = itertools.count(1)


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    def serve(url: str) -> Iterator[TestClient]:
        app = create_app(url, argon2_time_cost=1, argon2_memory_cost=1024)
        with TestClient(app) as c:
            yield c

    if request.param == "sqlite":
        yield from serve(sqlite_url(tmp_path_factory.mktemp("transfer") / "redwood.db"))
    else:
        with temporary_database(PG_URL) as url:
            yield from serve(url)


class Lifter:
    def __init__(self, client: TestClient, name: str) -> None:
        self.client = client
        account = {"username": f"{name}{next(_names)}", "password": "squat-deep-1"}
        assert client.post(f"{API}/auth/signup", json=account).status_code == 201
        token = client.post(f"{API}/auth/token", json=account).json()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        r = self.client.request(method, f"{API}{path}", headers=self.headers, **kwargs)
        assert r.status_code < 500, r.text
        return r

    def upload(self, text: str | bytes, name: str = "strong.csv",
               mapping: str | None = None, **params: Any) -> Any:
        data = text.encode() if isinstance(text, str) else text
        return self.call("POST", "/import", params=params,
                         files={"file": (name, data, "text/csv")},
                         data=None if mapping is None else {"mapping": mapping})


def error_of(r: Any) -> str:
    body = r.json()
    return str(body.get("error") or body.get("detail"))


@pytest.fixture
def ann(client: TestClient) -> Lifter:
    return Lifter(client, "ann")


@pytest.fixture
def bob(client: TestClient) -> Lifter:
    return Lifter(client, "bob")


def test_a_dry_run_reports_the_name_mapping_and_stores_nothing(ann: Lifter) -> None:
    r = ann.upload(STRONG, dry_run="true", unit="kg")
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["format"], report["dry_run"], report["stored"]) == ("strong", True, False)
    assert report["rows"] == 4 and report["workouts"] == 2
    mapped = {m["name"]: m for m in report["mapping"]}
    assert mapped["Squat (Barbell)"]["exercise_id"] == "back-squat"
    assert mapped["Squat (Barbell)"]["sets"] == 3
    assert "Bent Over Row (Barbell)" in mapped
    assert ann.call("GET", "/records").json()["total"] == 0


def test_an_import_is_stored_once(ann: Lifter, bob: Lifter) -> None:
    r = ann.upload(STRONG, **{"from": "strong", "unit": "kg"})
    report = r.json()
    assert report["stored"] is True and report["sets_added"] == 4
    assert report["workouts_added"] == 2
    again = ann.upload(STRONG, unit="kg").json()
    assert again["sets_added"] == 0 and again["duplicates"] == 4
    records = {x["exercise_id"]: x for x in ann.call("GET", "/records").json()["items"]}
    assert records["back-squat"]["heaviest"]["value"] == 105.0
    assert bob.call("GET", "/records").json()["total"] == 0


def test_the_mapping_can_be_corrected_as_with_the_cli_map_file(ann: Lifter) -> None:
    fix = json.dumps({"Squat (Barbell)": "front-squat", "Bent Over Row (Barbell)": "custom"})
    report = ann.upload(STRONG, unit="kg", mapping=fix).json()
    mapped = {m["name"]: m for m in report["mapping"]}
    assert mapped["Squat (Barbell)"]["exercise_id"] == "front-squat"
    assert mapped["Bent Over Row (Barbell)"]["exercise_id"] != "barbell-row"
    records = {x["exercise_id"] for x in ann.call("GET", "/records").json()["items"]}
    assert "front-squat" in records and "back-squat" not in records


@pytest.mark.parametrize(("mapping", "message"), [
    ("{not json", "not JSON"),
    ('["back-squat"]', "object"),
    ('{"Squat (Barbell)": "quad-blaster-3000"}', "quad-blaster-3000"),
])
def test_a_bad_mapping_is_refused_and_nothing_stored(ann: Lifter, mapping: str,
                                                     message: str) -> None:
    r = ann.upload(STRONG, unit="kg", mapping=mapping)
    assert r.status_code == 422
    assert error_of(r).startswith("mapping") and message in error_of(r)
    assert ann.call("GET", "/records").json()["total"] == 0


def test_bad_rows_refuse_the_import_unless_skipped(ann: Lifter) -> None:
    report = ann.upload(STRONG + BAD_ROW, unit="kg").json()
    assert report["refused"] is True and report["stored"] is False
    assert report["errors"] == 1 and report["skipped"][0]["line"] == 6
    assert ann.call("GET", "/records").json()["total"] == 0
    report = ann.upload(STRONG + BAD_ROW, unit="kg", skip_bad_rows="true").json()
    assert report["stored"] is True and report["sets_added"] == 4


@pytest.mark.parametrize(("upload", "params", "field", "status"), [
    ("not,an,export\n1,2,3\n", {}, "file", 422),
    ("", {}, "file", 422),
    (b"\x89PNG\r\n\x1a\n\x00\x00", {}, "file", 422),
    (STRONG, {"from": "myfitnesspal"}, "from", 422),
    (STRONG, {"unit": "stone"}, "unit", 422),
    (STRONG, {"dry_run": "maybe"}, "dry_run", 422),
])
def test_what_cannot_be_imported_is_refused_naming_the_field(
        ann: Lifter, upload: str | bytes, params: dict[str, str], field: str,
        status: int) -> None:
    r = ann.upload(upload, **params)
    assert r.status_code == status, r.text
    assert error_of(r).startswith(field), error_of(r)
    assert ann.call("GET", "/records").json()["total"] == 0


def test_an_upload_without_a_file_or_too_large_is_refused(ann: Lifter) -> None:
    r = ann.call("POST", "/import")
    assert r.status_code == 422 and error_of(r).startswith("file")
    r = ann.upload(HEADER + "x" * (MAX_IMPORT_BYTES + 1))
    assert r.status_code == 413 and error_of(r).startswith("file")


def test_exports_hold_your_log_and_nobody_elses(ann: Lifter, bob: Lifter) -> None:
    ann.upload(STRONG, unit="kg")
    r = ann.call("GET", "/export/csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    lines = r.text.splitlines()
    assert lines[0].startswith("Date,Workout Name")
    assert len(lines) == 5
    assert len(ann.call("GET", "/export/csv", params={"since": "2024-12-01"}).text
               .splitlines()) == 2
    in_lb = ann.call("GET", "/export/csv", params={"unit": "lb"}).text
    assert "220.46" in in_lb or "220.5" in in_lb  # 100 kg

    backup = json.loads(ann.call("GET", "/export/json").text)
    assert "workouts" in json.dumps(backup)
    assert "back-squat" in json.dumps(backup)
    assert len(bob.call("GET", "/export/csv").text.splitlines()) == 1
    assert "back-squat" not in bob.call("GET", "/export/json").text


def test_the_plan_as_a_calendar(ann: Lifter, bob: Lifter) -> None:
    assert ann.call("GET", "/export/ics").status_code == 404
    ann.call("POST", "/plans/generate", json={"weeks": 2, "days": 3, "save": True})
    r = ann.call("GET", "/export/ics", params={"time": "07:30", "tz": "Europe/Berlin"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert r.text.count("BEGIN:VEVENT") == 6
    assert "T073000" in r.text
    assert bob.call("GET", "/export/ics").status_code == 404
    for params, field in (({"time": "25:00"}, "time"), ({"time": "late"}, "time"),
                          ({"tz": "Mars/Olympus"}, "tz"), ({"tz": "Europe"}, "tz")):
        r = ann.call("GET", "/export/ics", params=params)
        assert r.status_code == 422, params
        assert error_of(r).startswith(field), error_of(r)


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/import"), ("GET", "/export/csv"), ("GET", "/export/json"),
    ("GET", "/export/ics"),
])
def test_transfer_needs_a_token(client: TestClient, method: str, path: str) -> None:
    assert client.request(method, f"{API}{path}").status_code == 401


def test_exported_dates_are_real(ann: Lifter) -> None:
    r = ann.call("GET", "/export/csv", params={"since": "2024-12-02", "until": "2024-12-01"})
    assert r.status_code == 422 and error_of(r).startswith("until")
    assert ann.call("GET", "/export/csv", params={"since": str(dt.date.today())}).status_code \
        == 200


def test_an_import_is_listed_and_taken_back_and_only_by_its_owner(ann: Lifter,
                                                                   bob: Lifter) -> None:
    unusual = STRONG + '2024-12-09 18:00:00,"Legs",40m,"Squat (Barbell)",1,60.0,103,0,0.0,\n'
    report = ann.upload(unusual, name="my strong.csv", unit="kg").json()
    assert report["stored"] is True and report["sets_added"] == 5
    assert report["unusual"] == [{"line": 6, "reason": "reps 103 is over 100"}]
    assert report["sets_by_kind"]["working"] == 5 == report["hard_sets"]
    import_id = report["import_id"]
    (listed,) = ann.call("GET", "/imports").json()
    assert (listed["id"], listed["file_name"], listed["sets"], listed["workouts"]) == (
        import_id, "my strong.csv", 5, 3)
    assert bob.call("GET", "/imports").json() == []
    # Another lifter's import is not found, and stays.
    r = bob.call("DELETE", f"/imports/{import_id}")
    assert r.status_code == 404 and "no import" in error_of(r)
    assert ann.call("DELETE", f"/imports/{import_id + 999}").status_code == 404
    r = ann.call("DELETE", f"/imports/{import_id}")
    assert r.status_code == 200, r.text
    assert (r.json()["workouts"], r.json()["sets"], r.json()["kept_sets"]) == (3, 5, 0)
    assert r.json()["message"] == "removed the import of my strong.csv: 3 workouts, 5 sets"
    assert ann.call("GET", "/imports").json() == []
    assert ann.call("GET", "/records").json()["total"] == 0
    assert ann.call("DELETE", f"/imports/{import_id}").status_code == 404


def test_the_api_logs_what_an_import_may_hold_and_refuses_what_none_may(ann: Lifter) -> None:
    """The same bounds by hand, over the API and in imports: 103 reps or 600 kg is unusual,
    not refused; past 1,000 reps or 1,500 kg is no set."""
    def logged(**values: Any) -> Any:
        body = {"date": "2024-12-10", "sets": [{"exercise_id": "back-squat", **values}]}
        return ann.call("POST", "/workouts", json=body)

    assert logged(weight_kg=60, reps=103).status_code == 201
    assert logged(weight_kg=600, reps=1).status_code == 201
    for bad in ({"weight_kg": 60, "reps": 1001}, {"weight_kg": 1500.5, "reps": 1}):
        r = logged(**bad)
        assert r.status_code == 422, r.text


def _gzip_level_flag(r: Any) -> int:
    """The XFL byte of a gzip body's header: zlib writes 4 at level 1, 0 at levels 2-8."""
    assert r.headers.get("content-encoding") == "gzip", r.headers
    return next(r.iter_raw())[8]


def test_streamed_downloads_are_compressed_fast_and_whole(ann: Lifter) -> None:
    # A long log's export is compressed at GZIP_STREAM_LEVEL (most of a 300,000-set export's
    # CPU at the default level), other answers at GZIP_LEVEL; both decode to the same text.
    rows = "".join(f'2024-10-{day:02d} 17:00:00,"Legs",35m,"Squat (Barbell)",{n},'
                   f'{100 + n}.0,5.0,0,0.0,\n' for day in range(1, 29) for n in (1, 2, 3))
    assert ann.upload(HEADER + rows, unit="kg").status_code == 200
    plain = {"Accept-Encoding": "identity"}
    for path in ("/export/csv", "/export/json"):
        whole = ann.client.get(f"{API}{path}", headers={**ann.headers, **plain})
        assert "content-encoding" not in whole.headers and len(whole.content) > 2000
        with ann.client.stream("GET", f"{API}{path}", headers=ann.headers) as r:
            assert _gzip_level_flag(r) == 4, path
        assert ann.call("GET", path).text == whole.text
    with ann.client.stream("GET", f"{API}/workouts", headers=ann.headers,
                           params={"limit": 100}) as r:
        assert _gzip_level_flag(r) == 0
