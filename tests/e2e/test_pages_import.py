"""Importing from Settings over HTTP (httpx through the ASGI app), on a real SQLite file and on
PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set: upload, review how each exercise name maps
(and correct it), then confirm or cancel. What a lifter's browser gets without JavaScript."""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.store.admin import temporary_database
from redwood.store.location import sqlite_url
from redwood.web.app import create_app
from redwood.web.views.settings import UPLOAD_PREFIX

PG_URL = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="REDWOOD_TEST_POSTGRES_URL is not set")),
]
PASSWORD = "squat-deep-1"
STRONG_SAMPLE = Path("/work/shared/data/exports/strong_sample.csv")
HEADER = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
          "Notes,Workout Notes,RPE\n")
CRAFTED = (HEADER
           + "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,100,5,0,0,,,\n"
           + "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),2,100,5,0,0,,,\n"
           + '2026-01-05 18:00:00,Legs,45m,"<script>alert(1)</script>",1,20,12,0,0,,,\n')
BAD_ROW = (HEADER
           + "2026-01-07 18:00:00,Push,40m,Bench Press (Barbell),1,80,5,0,0,,,\n"
           + "2026-01-07 18:00:00,Push,40m,Bench Press (Barbell),2,80,-3,0,0,,,\n"
           + "2026-01-07 18:00:00,Push,40m,Bench Press (Barbell),3,80,5,0,0,,,\n")
_names = itertools.count(1)
_uploads: list[str] = []
"""Tokens of the uploads made here, removed after each test (a test may leave one waiting)."""

needs_sample = pytest.mark.skipif(not STRONG_SAMPLE.exists(),
                                  reason="the shared Strong sample is not here")


@pytest.fixture(scope="module", params=BACKENDS)
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    def made(url: str) -> Iterator[Any]:
        application = create_app(url, argon2_time_cost=1, argon2_memory_cost=1024)
        with TestClient(application):  # runs the lifespan, which closes the store
            yield application

    if request.param == "sqlite":
        yield from made(sqlite_url(tmp_path_factory.mktemp("imports") / "redwood.db"))
    else:
        with temporary_database(PG_URL) as url:
            yield from made(url)


@pytest.fixture(autouse=True)
def _forget_uploads() -> Iterator[None]:
    yield
    while _uploads:
        shutil.rmtree(folder_of(_uploads.pop()), ignore_errors=True)


def token_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "every form carries its CSRF token"
    return found[1]


def folder_of(token: str) -> Path:
    return Path(tempfile.gettempdir()) / f"{UPLOAD_PREFIX}{token}"


class Review:
    """The review page as a browser reads its form: the upload's token, and each exercise
    name in the file with its field and the value it shows."""

    def __init__(self, response: Any) -> None:
        self.response = response
        self.text: str = response.text
        found = re.search(r'name="upload" value="([^"]+)"', self.text)
        assert found, self.text[-3000:]
        self.upload = found[1]
        self.csrf = token_of(self.text)
        self.fields: dict[str, tuple[str, str]] = {}
        """Name in the file -> (field, shown value)."""
        for field, name in re.findall(r'<label for="(map-\d+)">([^<]*)</label>', self.text):
            value = re.search(rf'name="{field}" type="text" list="exercise-ids" '
                              r'value="([^"]*)"', self.text)
            assert value
            self.fields[html.unescape(name)] = (field, html.unescape(value[1]))

    def form(self, changes: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
        """The form as shown, with `changes` (name in the file -> new value) typed in."""
        data = {"csrf_token": self.csrf, "upload": self.upload}
        for name, (field, value) in self.fields.items():
            data[field] = (changes or {}).get(name, value)
        data.update(extra)
        return data


class Lifter:
    def __init__(self, app: Any, name: str = "importer") -> None:
        self.app = app
        self.client = TestClient(app, follow_redirects=False)
        self.name = f"{name}{next(_names)}"
        r = self.client.post("/signup", data={
            "username": self.name, "password": PASSWORD, "confirm": PASSWORD,
            "csrf_token": token_of(self.client.get("/signup").text)})
        assert r.status_code == 303, r.text[:2000]

    def log_in_elsewhere(self) -> Lifter:
        """The same lifter in another browser (another session)."""
        other = object.__new__(Lifter)
        other.app, other.name = self.app, self.name
        other.client = TestClient(self.app, follow_redirects=False)
        r = other.client.post("/login", data={
            "username": self.name, "password": PASSWORD,
            "csrf_token": token_of(other.client.get("/login").text)})
        assert r.status_code == 303, r.text[:2000]
        return other

    def upload(self, name: str, data: bytes, *, skip: bool = False) -> Any:
        form = {"csrf_token": token_of(self.client.get("/settings").text)}
        if skip:
            form["skip_bad_rows"] = "on"
        r = self.client.post("/settings/import", data=form,
                             files={"file": (name, data, "text/csv")})
        _uploads.extend(re.findall(r'name="upload" value="([^"]+)"', r.text)[:1])
        assert r.status_code < 500, r.text
        return r

    def review(self, name: str, data: bytes, **kwargs: Any) -> Review:
        r = self.upload(name, data, **kwargs)
        assert r.status_code == 200, r.text[-3000:]
        return Review(r)

    def post(self, path: str, data: dict[str, str]) -> Any:
        r = self.client.post(path, data=data)
        assert r.status_code < 500, r.text
        return r

    @property
    def user(self) -> Any:
        with self.app.state.store.reader() as uow:
            return uow.users.by_name(self.name)

    def sets(self) -> list[Any]:
        with self.app.state.store.reader(self.user.id) as uow:
            return [s for w in uow.workouts.list() for s in w.sets]

    def workouts(self) -> list[Any]:
        with self.app.state.store.reader(self.user.id) as uow:
            return list(uow.workouts.list())


def no_inline_code(page: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"\son[a-z]+=", page)


# --- review ----------------------------------------------------------------------------------


@needs_sample
def test_the_review_shows_every_name_its_mapping_and_the_counts_and_stores_nothing(
        app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("strong.csv", STRONG_SAMPLE.read_bytes())
    page = review.text
    assert "<h1>Review import</h1>" in page
    assert "A Strong export (strong-duration-no-notes)" in page
    assert "15 workouts and 250 sets in the file." in page
    assert "Would add 15 workouts and 250 sets" in page
    assert "Already here (skipped as duplicates): 0 workouts (0 sets)" in page
    assert re.search(r'id="unit-reason">Weights read as kg: \d+% of the weights are not '
                     r"multiples of 2.5", page)
    assert '<option value="kg" selected>' in page  # the inferred unit, to override
    assert len(review.fields) == 19  # every name in the file
    assert review.fields["Seated Row (Cable)"][1] == "seated-cable-row"
    assert review.fields["Squat (Barbell)"][1] == "back-squat"
    assert "Back Squat (back-squat): a name Redwood knows" in page
    assert '<datalist id="exercise-ids">' in page
    assert '<option value="front-squat">Front Squat</option>' in page
    assert '<option value="custom">Keep as my own exercise</option>' in page
    no_inline_code(page)
    assert lifter.workouts() == []
    assert folder_of(review.upload).is_dir()
    lifter.post("/settings/import/cancel", {"csrf_token": review.csrf, "upload": review.upload})


@needs_sample
def test_a_corrected_mapping_decides_where_the_sets_go_and_a_second_upload_adds_nothing(
        app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("strong.csv", STRONG_SAMPLE.read_bytes())
    # "Check again" shows the correction before anything is stored.
    r = lifter.post("/settings/import/confirm", review.form(
        {"Squat (Barbell)": "front-squat", "Leg Press": "custom"}, action="review"))
    assert r.status_code == 200
    again = Review(r)
    assert again.upload == review.upload
    assert again.fields["Squat (Barbell)"][1] == "front-squat"
    assert "Front Squat (front-squat): your choice" in again.text
    assert again.fields["Leg Press"][1] == "custom"
    assert lifter.workouts() == []

    r = lifter.post("/settings/import/confirm", again.form(action="import"))
    assert r.status_code == 200, r.text[-3000:]
    assert "<strong>Imported</strong> 15 workouts and 250 sets" in r.text
    assert 'href="/history"' in r.text
    assert "Already here, skipped: 0 workouts (0 sets)" in r.text
    assert re.search(r"\(\d+(\.\d)? kg of volume\)", r.text)
    assert not folder_of(review.upload).exists()  # confirmed: the upload is gone
    ids = [s.exercise_id for s in lifter.sets()]
    assert len(ids) == 250
    assert ids.count("front-squat") == 10 and "back-squat" not in ids
    with app.state.store.reader(lifter.user.id) as uow:
        own = {c.name: c.exercise_id for c in uow.exercises.list()}
    assert list(own) == ["Leg Press"]  # kept as the lifter's own, never the library's
    assert own["Leg Press"] != "leg-press" and ids.count(own["Leg Press"]) == 12
    assert "leg-press" not in ids
    assert "History" in lifter.client.get("/history").text

    second = lifter.review("strong-again.csv", STRONG_SAMPLE.read_bytes())
    assert "Would add 0 workouts and 0 sets" in second.text
    assert "Already here (skipped as duplicates): 15 workouts (250 sets)" in second.text
    r = lifter.post("/settings/import/confirm", second.form(action="import"))
    assert "<strong>Imported</strong> 0 workouts and 0 sets" in r.text
    assert "Already here, skipped: 15 workouts (250 sets)" in r.text
    assert len(lifter.sets()) == 250


def test_names_from_the_file_are_escaped_and_kept_as_the_lifters_own(app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("crafted.csv", CRAFTED.encode())
    assert "<script>alert(1)</script>" not in review.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in review.text
    no_inline_code(review.text)
    assert review.fields["<script>alert(1)</script>"][1] == "custom"
    assert "Kept as your own exercise (script-alert-1-script): your own exercise" in review.text
    # Too few weights to tell the unit: the lifter's own (kg) is assumed, and said.
    assert "so your unit (kg) is assumed" in review.text
    r = lifter.post("/settings/import/confirm", review.form(action="import"))
    assert "<strong>Imported</strong> 1 workout and 3 sets" in r.text
    assert "<script>alert(1)</script>" not in r.text
    with app.state.store.reader(lifter.user.id) as uow:
        own = {c.exercise_id: c.name for c in uow.exercises.list()}
    assert own == {"script-alert-1-script": "<script>alert(1)</script>"}
    assert sorted(s.exercise_id for s in lifter.sets()) == [
        "back-squat", "back-squat", "script-alert-1-script"]


def test_the_unit_chosen_on_the_review_is_the_unit_stored(app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("crafted.csv", CRAFTED.encode())
    r = lifter.post("/settings/import/confirm", review.form(unit="lb", action="import"))
    assert "<strong>Imported</strong>" in r.text, r.text[-3000:]
    squats = [s.weight_kg for s in lifter.sets() if s.exercise_id == "back-squat"]
    assert squats == [Decimal("45.36"), Decimal("45.36")]  # 100 lb


def test_an_unknown_exercise_id_is_an_error_next_to_its_name_and_stores_nothing(
        app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("crafted.csv", CRAFTED.encode())
    field = review.fields["Squat (Barbell)"][0]
    r = lifter.post("/settings/import/confirm", review.form(
        {"Squat (Barbell)": "<b>no-such-lift</b>"}, action="import"))
    assert r.status_code == 422
    assert (f'id="{field}-error">Squat (Barbell): &#39;&lt;b&gt;no-such-lift&lt;/b&gt;&#39; is '
            "not an exercise id from the list, nor custom.</p>") in r.text
    assert Review(r).fields["Squat (Barbell)"][1] == "<b>no-such-lift</b>"  # kept, to fix
    assert lifter.workouts() == []
    r = lifter.post("/settings/import/confirm", review.form({"Squat (Barbell)": ""},
                                                            action="import"))
    assert r.status_code == 422 and f'id="{field}-error">' in r.text
    assert lifter.workouts() == []


# --- bad files and bad rows ------------------------------------------------------------------


def test_bad_rows_are_listed_and_refused_unless_skipped(app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("bad.csv", BAD_ROW.encode())
    assert re.search(r'<h2 id="bad-rows">1 bad row</h2>', review.text)
    assert re.search(r"<li>Line 3: Reps [^<]*negative</li>", review.text)
    assert 'name="skip_bad_rows">' in review.text  # not ticked: it was not at the upload
    r = lifter.post("/settings/import/confirm", review.form(action="import"))
    assert r.status_code == 422
    assert 'id="import-message">Nothing was imported: 1 bad row.' in r.text
    assert lifter.workouts() == []
    again = Review(r)
    r = lifter.post("/settings/import/confirm", again.form(action="import",
                                                           skip_bad_rows="on"))
    assert "<strong>Imported</strong> 1 workout and 2 sets" in r.text
    assert "Bad rows skipped: 1." in r.text
    assert len(lifter.sets()) == 2


def test_an_unreadable_file_is_a_one_line_error_and_is_not_kept(app: Any) -> None:
    lifter = Lifter(app)
    r = lifter.upload("junk.csv", b"\x00\x01 not an export")
    assert r.status_code == 422
    found = re.search(r'id="file-error">(File: [^<]*)</p>', r.text)
    assert found and "\n" not in found[1] and "binary" in found[1]
    assert "/tmp" not in found[1] and UPLOAD_PREFIX not in r.text  # no server path
    r = lifter.upload("empty.csv", b"")
    assert r.status_code == 422 and 'id="file-error">File: the upload is empty.' in r.text
    user_id = lifter.user.id
    for folder in Path(tempfile.gettempdir()).glob(f"{UPLOAD_PREFIX}*"):
        try:
            meta = json.loads((folder / "meta.json").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        assert meta["user_id"] != user_id or meta["filename"] not in ("junk.csv", "empty.csv")
    assert lifter.workouts() == []


def test_cancel_stores_nothing_and_forgets_the_upload(app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("crafted.csv", CRAFTED.encode())
    assert folder_of(review.upload).is_dir()
    r = lifter.post("/settings/import/cancel", {"csrf_token": review.csrf,
                                                "upload": review.upload})
    assert r.status_code == 303 and r.headers["location"].startswith("/settings?saved=cancelled")
    assert "Import cancelled: nothing was stored." in lifter.client.get(
        r.headers["location"]).text
    assert not folder_of(review.upload).exists()
    r = lifter.post("/settings/import/confirm", review.form(action="import"))
    assert r.status_code == 404 and "no longer waiting" in r.text
    assert lifter.workouts() == []
    with app.state.store.reader(lifter.user.id) as uow:
        assert uow.exercises.list() == []


def test_an_upload_older_than_an_hour_is_gone(app: Any) -> None:
    lifter = Lifter(app)
    review = lifter.review("crafted.csv", CRAFTED.encode())
    meta_file = folder_of(review.upload) / "meta.json"
    meta = json.loads(meta_file.read_text("utf-8"))
    meta["created"] -= 2 * 3600
    meta_file.write_text(json.dumps(meta), "utf-8")
    r = lifter.post("/settings/import/confirm", review.form(action="import"))
    assert r.status_code == 404
    assert not folder_of(review.upload).exists()
    assert lifter.workouts() == []


# --- whose upload ----------------------------------------------------------------------------


def test_nobody_else_can_confirm_or_cancel_an_upload(app: Any) -> None:
    alice = Lifter(app, "alice")
    review = alice.review("crafted.csv", CRAFTED.encode())
    bob = Lifter(app, "bob")
    bobs_csrf = token_of(bob.client.get("/settings").text)
    r = bob.post("/settings/import/confirm", {**review.form(action="import"),
                                              "csrf_token": bobs_csrf})
    assert r.status_code == 404
    assert "alert(1)" not in r.text  # nothing of Alice's file shown to Bob
    r = bob.post("/settings/import/confirm", {**review.form(action="review"),
                                              "csrf_token": bobs_csrf})
    assert r.status_code == 404
    bob.post("/settings/import/cancel", {"csrf_token": bobs_csrf, "upload": review.upload})
    assert folder_of(review.upload).is_dir()  # Bob's cancel did nothing
    # Not even Alice from another browser: the upload belongs to the session that made it.
    elsewhere = alice.log_in_elsewhere()
    r = elsewhere.post("/settings/import/confirm", {
        **review.form(action="import"),
        "csrf_token": token_of(elsewhere.client.get("/settings").text)})
    assert r.status_code == 404
    # A token that is a path is no token.
    r = alice.post("/settings/import/confirm", {**review.form(action="import"),
                                                "upload": "../../etc/passwd"})
    assert r.status_code == 404
    assert bob.workouts() == [] and alice.workouts() == []
    # Without the session's CSRF token, nothing happens either.
    r = alice.post("/settings/import/confirm", {**review.form(action="import"),
                                                "csrf_token": bobs_csrf})
    assert r.status_code == 403 and alice.workouts() == []

    r = alice.post("/settings/import/confirm", review.form(action="import"))
    assert "<strong>Imported</strong> 1 workout and 3 sets" in r.text
    assert len(alice.sets()) == 3 and bob.sets() == []


# --- past imports and undo -------------------------------------------------------------------

UNUSUAL = (HEADER
           + "2026-01-09 18:00:00,Legs,45m,Squat (Barbell),1,100,5,0,0,,,\n"
           + "2026-01-09 18:00:00,Legs,45m,Squat (Barbell),2,60,103,0,0,,,\n")


def test_an_import_lists_its_unusual_values_and_is_taken_back_from_the_page(app: Any) -> None:
    lifter = Lifter(app)
    other = Lifter(app, "other")
    review = lifter.review("legs.csv", UNUSUAL.encode())
    r = lifter.post("/settings/import/confirm", review.form(action="import"))
    assert r.status_code == 200, r.text[-3000:]
    assert "Line 3: reps 103 is over 100" in r.text
    assert re.search(r"By kind: working 2 sets \(6680\.0 kg\); hard sets \(working, failure, "
                     r"drop\): 2\.", r.text)
    undo = re.search(r'<form method="post" action="(/imports/(\d+)/undo)">', r.text)
    assert undo, r.text[-3000:]
    assert sorted(s.reps for s in lifter.sets()) == [5, 103]
    # The settings page's Import section lists it with an Undo button; nobody else's does.
    settings = lifter.client.get("/settings").text
    assert "legs.csv" in settings and f'action="{undo[1]}"' in settings
    assert "legs.csv" not in other.client.get("/settings").text
    no_inline_code(settings)
    # Another lifter cannot take it back; a post without the form's token is refused.
    gone = other.post(undo[1], {"csrf_token": token_of(other.client.get("/imports").text)})
    assert gone.status_code == 303 and gone.headers["location"] == "/imports?error=gone"
    assert other.client.get("/imports?error=gone").status_code == 404
    assert lifter.post(undo[1], {}).status_code == 403
    assert len(lifter.sets()) == 2
    done = lifter.post(undo[1], {"csrf_token": token_of(settings)})
    assert done.status_code == 303
    page = lifter.client.get(done.headers["location"]).text
    assert "Undone: removed the import of legs.csv: 1 workout, 2 sets." in page
    assert 'id="no-imports"' in page
    assert lifter.sets() == []
