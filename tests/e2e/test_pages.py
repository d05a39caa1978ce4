"""The web pages over HTTP (httpx through the ASGI app) on a real SQLite file, and on
PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set: what a lifter's browser gets without
JavaScript. Forms POST and redirect, errors stand next to their field and are escaped, every
page is the logged-in lifter's own, and today's page stays light."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redwood.store.admin import temporary_database
from redwood.store.location import sqlite_url
from redwood.web.app import create_app

PG_URL = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="REDWOOD_TEST_POSTGRES_URL is not set")),
]
PASSWORD = "squat-deep-1"
TODAY = dt.date.today()
PAGES = ("/today", "/plan", "/progress", "/history", "/checkin", "/settings", "/onboarding")
_names = itertools.count(1)


@pytest.fixture(scope="module", params=BACKENDS)
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    def made(url: str) -> Iterator[Any]:
        application = create_app(url, argon2_time_cost=1, argon2_memory_cost=1024)
        with TestClient(application):  # runs the lifespan, which closes the store
            yield application

    if request.param == "sqlite":
        yield from made(sqlite_url(tmp_path_factory.mktemp("pages") / "redwood.db"))
    else:
        with temporary_database(PG_URL) as url:
            yield from made(url)


def token_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "every form carries its CSRF token"
    return found[1]


class Visitor:
    """A browser without JavaScript: cookies, forms, redirects."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.client = TestClient(app, follow_redirects=False)

    def get(self, path: str, **kwargs: Any) -> Any:
        r = self.client.get(path, **kwargs)
        assert r.status_code < 500, r.text
        return r

    def post(self, path: str, data: dict[str, Any], *, token_from: str | None = None,
             **kwargs: Any) -> Any:
        if "csrf_token" not in data:
            data = {**data, "csrf_token": token_of(self.get(token_from or path).text)}
        r = self.client.post(path, data=data, **kwargs)
        assert r.status_code < 500, r.text
        return r

    def follow(self, r: Any) -> Any:
        assert r.status_code == 303, (r.status_code, r.text[:500])
        return self.get(r.headers["location"])


class Lifter(Visitor):
    """Signed up (and, with `plan`, onboarded with a plan that starts today)."""

    def __init__(self, app: Any, name: str = "lifter", *, plan: bool = True) -> None:
        super().__init__(app)
        self.name = f"{name}{next(_names)}"
        r = self.post("/signup", {"username": self.name, "password": PASSWORD,
                                  "confirm": PASSWORD})
        assert r.headers["location"] == "/onboarding"
        if plan:
            r = self.post("/onboarding", {
                "goal": "hypertrophy", "level": "beginner", "unit": "kg", "days": "3",
                "minutes": "45", "weeks": "4", "start": TODAY.isoformat(), "location": "gym",
                "supersets": "on"})
            assert r.headers["location"] == "/plan?new=1", r.text[:2000]

    @property
    def user(self) -> Any:
        with self.app.state.store.reader() as uow:
            return uow.users.by_name(self.name)

    def workouts(self) -> list[Any]:
        user = self.user
        with self.app.state.store.reader(user.id) as uow:
            return list(uow.workouts.list())

    def first_item(self) -> tuple[str, str]:
        """Today's first exercise: its form's item index and its exercise id."""
        html = self.get("/today").text
        found = re.search(r'id="item-(\d+)" data-exercise="([^"]+)"', html)
        assert found
        return found[1], found[2]


# --- access ----------------------------------------------------------------------------------


def test_every_page_sends_a_visitor_to_the_login_page(app: Any) -> None:
    v = Visitor(app)
    for path in PAGES:
        r = v.get(path)
        assert r.status_code == 303
        assert r.headers["location"] == f"/login?next={path}"
    for path in ("/today/set", "/today/undo", "/checkin", "/onboarding", "/settings/tokens"):
        assert v.client.post(path, data={}).headers["location"].startswith("/login")
    assert v.get("/").headers["location"] == "/login"
    assert v.get("/login").status_code == 200


def test_sign_up_errors_stand_next_to_their_field_escaped(app: Any) -> None:
    v = Visitor(app)
    r = v.post("/signup", {"username": "<script>alert(1)</script>", "password": PASSWORD,
                           "confirm": PASSWORD})
    assert r.status_code == 422
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text  # kept in the field, escaped
    assert re.search(r'id="username-error">[^<]*lowercase', r.text)
    assert 'aria-invalid="true" aria-describedby="username-error"' in r.text
    r = v.post("/signup", {"username": "shorty", "password": "short", "confirm": "short"})
    assert re.search(r'id="password-error">[^<]*8 characters', r.text)
    r = v.post("/signup", {"username": "twice", "password": PASSWORD, "confirm": "other-one"})
    assert 'id="confirm-error"' in r.text
    r = v.post("/signup", {"username": "Lifter Jo", "password": PASSWORD, "confirm": PASSWORD})
    assert re.search(r'id="username-error">[^<]*How about lifter\.jo\?', r.text)
    taken = Lifter(app, plan=False)
    r = v.post("/signup", {"username": taken.name, "password": PASSWORD, "confirm": PASSWORD})
    assert re.search(r'id="username-error">That username is taken', r.text)


def test_log_in_and_out(app: Any) -> None:
    lifter = Lifter(app)
    v = Visitor(app)
    r = v.post("/login", {"username": lifter.name, "password": "wrong-password"},
               token_from="/login")
    assert r.status_code == 401
    assert 'id="password-error">Wrong username or password.' in r.text
    r = v.post("/login", {"username": lifter.name, "password": PASSWORD, "next": "/progress"},
               token_from="/login")
    assert r.headers["location"] == "/progress"
    assert v.get("/progress").status_code == 200
    # Only a path on this site: never an open redirect.
    v2 = Visitor(app)
    r = v2.post("/login", {"username": lifter.name, "password": PASSWORD,
                           "next": "//evil.example/x"}, token_from="/login")
    assert r.headers["location"] == "/today"
    r = v.post("/logout", {}, token_from="/today")
    assert r.headers["location"] == "/login"
    assert v.get("/today").headers["location"] == "/login?next=/today"


def test_strangers_cannot_lock_the_owner_out_of_the_login_page(app: Any) -> None:
    """Strangers guessing from many addresses hold back browsers the lifter never used (429,
    Retry-After, the reason on the page), never the browser the lifter signed in on."""
    from redwood.services import accounts

    lifter = Lifter(app, plan=False)  # signed up in this browser: it is a known device now
    assert lifter.client.cookies.get(accounts.DEVICE_COOKIE)
    assert lifter.post("/logout", {}, token_from="/settings").headers["location"] == "/login"
    store = app.state.store
    for i in range(1, 9):
        for _ in range(accounts.LOGIN_PER_USER_AT_ADDRESS.attempts):
            with pytest.raises((accounts.BadCredentials, accounts.TooManyAttempts)):
                accounts.authenticate(store, lifter.name, "stranger-guess-7", f"203.0.113.{i}")
    stranger = Visitor(app)
    r = stranger.post("/login", {"username": lifter.name, "password": PASSWORD},
                      token_from="/login")
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert re.search(r'id="password-error">Too many failed log-ins: try again in \d+ seconds',
                     r.text)
    assert not stranger.client.cookies.get(accounts.SESSION_COOKIE)
    r = lifter.post("/login", {"username": lifter.name, "password": PASSWORD},
                    token_from="/login")
    assert r.status_code == 303 and r.headers["location"] == "/onboarding"
    assert lifter.get("/settings").status_code == 200


def test_forms_without_their_csrf_token_change_nothing(app: Any) -> None:
    lifter = Lifter(app)
    item, _ = lifter.first_item()
    for data in ({"item": item, "weight": "40", "reps": "8"},
                 {"item": item, "weight": "40", "reps": "8", "csrf_token": "forged"}):
        r = lifter.client.post("/today/set", data=data)
        assert r.status_code == 403
        assert "expired" in r.text
    assert lifter.workouts() == []
    r = lifter.client.post("/settings/unit", data={"unit": "lb", "csrf_token": "x"})
    assert r.status_code == 403
    assert lifter.user.unit.value == "kg"


# --- onboarding and the plan -----------------------------------------------------------------


def test_onboarding_builds_a_plan_that_gives_its_reasons(app: Any) -> None:
    lifter = Lifter(app, plan=False)
    page = lifter.get("/onboarding").text
    for name in ("goal", "level", "days", "on", "minutes", "location", "equipment",
                 "supersets"):
        assert f'name="{name}"' in page
    r = lifter.post("/onboarding", {"goal": "strength", "days": "4", "on": ["mon", "wed"],
                                    "minutes": "45", "weeks": "6", "unit": "kg"})
    assert r.status_code == 422
    assert re.search(r'id="on-error">2 weekday\(s\) given for --days 4', r.text)
    r = lifter.post("/onboarding", {
        "goal": "strength", "level": "intermediate", "days": "2", "on": ["tue", "fri"],
        "minutes": "60", "weeks": "6", "unit": "lb", "location": "home",
        "equipment": ["dumbbell", "bench", "pull-up-bar"], "start": "2030-01-01"})
    plan = lifter.follow(r).text
    assert "Your plan is ready" in plan
    assert "Strength</strong>, intermediate: 2 days a week (tue, fri)" in plan
    assert plan.count('class="why"') > 10
    assert "[reps." not in plan  # rule tags are for the checker, not for reading
    assert "Week 6" in plan
    assert lifter.get("/plan?new=yes").status_code == 200
    assert lifter.user.unit.value == "lb"
    assert lifter.get("/plan.ics").text.startswith("BEGIN:VCALENDAR")


def test_onboarding_protects_the_lower_back_and_refuses_an_unknown_area(app: Any) -> None:
    lifter = Lifter(app, plan=False)
    assert 'name="protect"' in lifter.get("/onboarding").text
    form = {"goal": "hypertrophy", "level": "beginner", "days": "3", "minutes": "60",
            "weeks": "4", "unit": "kg", "start": "2030-01-07"}
    r = lifter.post("/onboarding", {**form, "protect": ["elbow"]})
    assert r.status_code == 422
    assert re.search(r'id="protect-error">.*lower-back, knees, shoulders', r.text)
    plan = lifter.follow(lifter.post("/onboarding", {**form, "protect": ["lower-back"]})).text
    assert "Your plan is ready" in plan
    assert "Deadlift" not in plan and "Barbell Row" not in plan


# --- today -----------------------------------------------------------------------------------


def test_a_set_logs_with_one_tap_and_starts_the_rest_timer(app: Any) -> None:
    lifter = Lifter(app)
    page = lifter.get("/today").text
    assert "Superset A" in page and 'class="pair"' in page
    assert "<details>" in page and "Common mistakes" in page
    form = re.search(r'<form method="post" action="/today/set".*?</form>', page, re.S)
    assert form
    item = re.search(r'name="item" value="(\d+)"', form[0])
    weight = re.search(r'name="weight"[^>]*value="([^"]*)"', form[0])
    reps = re.search(r'name="reps"[^>]*value="(\d+)"', form[0])
    assert item and weight and reps, "the set comes prefilled with the target"
    r = lifter.post("/today/set", {"item": item[1], "weight": weight[1], "reps": reps[1]},
                    token_from="/today")
    location = r.headers["location"]
    # The answer names the next set to bring into view: here the same lift's second set or,
    # in a superset, the partner's first.
    found = re.fullmatch(r"/today\?rest=\d+&at=\d+&next=(set-\d+-\d+)#(set-\d+-\d+)", location)
    assert found and found[1] == found[2]
    after = lifter.get(location).text
    assert 'role="timer"' in after and "data-rest-end=" in after
    for junk in ("?rest=abc&at=x&pr=no", "?rest=99999999&at=1", "?error=<b>", "?rest=²&at=³"):
        page = lifter.get("/today" + junk)
        assert page.status_code == 200 and 'role="timer"' not in page.text
        assert "<b>" not in page.text
    assert f"Set 1: {weight[1]} kg x {reps[1]}" in after
    [workout] = lifter.workouts()
    assert workout.date == TODAY and workout.planned is not None
    assert workout.sets[0].reps == int(reps[1])
    # A second set joins the same workout; the session stays today's.
    lifter.post("/today/set", {"item": item[1], "weight": weight[1], "reps": "7"},
                token_from="/today")
    [workout] = lifter.workouts()
    assert [s.reps for s in workout.sets] == [int(reps[1]), 7]
    assert "Set 2: " in lifter.get("/today").text


def test_a_mistyped_set_can_be_taken_back(app: Any) -> None:
    lifter = Lifter(app)
    item, _ = lifter.first_item()
    for weight in ("40", "400"):
        lifter.post("/today/set", {"item": item, "weight": weight, "reps": "8",
                                   "confirm": "1"}, token_from="/today")
    page = lifter.get("/today").text
    assert page.count(">Undo</button>") == 1 and "400 kg x 8" in page
    # Undo sits on the row of the set it takes back.
    row = re.search(r'<div class="done-set[^"]*" id="set-\d+-2">.*?</div>', page, re.S)
    assert row and "400 kg x 8" in row[0] and ">Undo</button>" in row[0]
    r = lifter.post("/today/undo", {}, token_from="/today")
    page = lifter.follow(r).text
    assert "400 kg" not in page and "Set 1: 40 kg x 8" in page
    assert "Undone: " in page and " set 2</p>" in page
    [workout] = lifter.workouts()
    assert [s.weight_kg for s in workout.sets] == [Decimal(40)]
    lifter.post("/today/undo", {}, token_from="/today")
    assert lifter.workouts() == []
    r = lifter.post("/today/undo", {"csrf_token": token_of(lifter.get("/today").text)})
    assert "Nothing logged today to undo." in lifter.follow(r).text


def test_bad_sets_are_refused_with_the_field_named(app: Any) -> None:
    lifter = Lifter(app)
    item, _ = lifter.first_item()
    for data, field in (({"weight": "heavy", "reps": "8"}, "Weight"),
                        ({"weight": "-5", "reps": "8"}, "Weight"),
                        ({"weight": "40", "reps": "0"}, "Reps"),
                        ({"weight": "40", "reps": "8x"}, "Reps"),
                        ({"weight": "40", "reps": "²"}, "Reps"),
                        ({"weight": "NaN", "reps": "8"}, "Weight"),
                        ({"weight": "1e9", "reps": "8"}, "Weight")):
        r = lifter.post("/today/set", {"item": item, "set": "1", **data},
                        token_from="/today")
        # The page again, the message under the form, what was typed kept in its field.
        assert r.status_code == 400
        assert f'role="alert">{field}:' in r.text
        form = re.search(rf'<form[^>]*id="set-{item}-1".*?</form>', r.text, re.S)
        assert form and 'aria-invalid="true"' in form[0]
        assert f'value="{data["weight"]}"' in form[0] and f'value="{data["reps"]}"' in form[0]
    r = lifter.post("/today/set", {"item": "99", "weight": "40", "reps": "8"},
                    token_from="/today")
    assert "not in today&#39;s session" in lifter.follow(r).text
    r = lifter.post("/today/set", {"item": item, "exercise": "nordic-curl", "weight": "40",
                                   "reps": "8"}, token_from="/today")
    assert "not in today&#39;s session" in lifter.follow(r).text
    assert lifter.workouts() == []


def test_a_heavier_set_than_ever_is_celebrated(app: Any) -> None:
    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, Workout
    from redwood.services.training import log_workout

    lifter = Lifter(app)
    item, exercise_id = lifter.first_item()
    log_workout(app.state.store, lifter.user, Workout(
        date=TODAY - dt.timedelta(days=3),
        sets=(LoggedSet(exercise_id, Decimal(20), 5),)), load_catalog())
    r = lifter.post("/today/set", {"item": item, "weight": "30", "reps": "5"},
                    token_from="/today")
    assert "&pr=1" in r.headers["location"]
    page = lifter.follow(r).text
    assert "New PR!" in page
    assert "Heaviest on" in page and "30 kg (was 20 kg)" in page
    # A second heavier set: still one line for the lift's heaviest, against the old record.
    r = lifter.post("/today/set", {"item": item, "weight": "32.5", "reps": "5",
                                   "confirm": "1"},
                    token_from="/today")
    page = lifter.follow(r).text
    assert page.count("<li>Heaviest on") == 1
    assert "32.5 kg (was 20 kg)" in page
    # The chart now has two days, the second one a PR.
    progress = lifter.get("/progress").text
    chart = re.search(rf'id="lift-{exercise_id}".*?</svg>', progress, re.S)
    assert chart
    assert chart[0].count("<circle") == 2
    assert 'class="dot pr"' in chart[0]


# --- progress, history, check-in -------------------------------------------------------------


def test_progress_charts_are_accessible_svg_with_a_table(app: Any) -> None:
    from redwood.catalog import load_catalog
    from redwood.domain.log import CheckIn, LoggedSet, Workout
    from redwood.services.training import checkin, log_workout

    lifter = Lifter(app)
    user, catalog = lifter.user, load_catalog()
    for weeks_ago in range(5, 0, -1):
        day = TODAY - dt.timedelta(days=7 * weeks_ago)
        log_workout(app.state.store, user, Workout(day, tuple(
            LoggedSet(ex, Decimal(60 + 5 * (5 - weeks_ago)), 8)
            for ex in ("back-squat", "barbell-row") for _ in range(3))), catalog)
        checkin(app.state.store, user, CheckIn(day, body_weight_kg=Decimal(80 - weeks_ago)))
    page = lifter.get("/progress").text
    assert page.count('<svg class="chart"') >= 4  # two lifts, volume, body weight
    assert re.search(r"<title id=\"e1rm-1-t\">[^<]+estimated 1RM \(kg\)</title>", page)
    assert '<desc id="volume-d">' in page and "summed over their muscles" in page
    assert 'class="band"' not in page  # no band judges a region: a muscle has its own
    assert page.count("<table>") >= 4
    assert "5 training days" in page
    assert 'class="trend"' in page  # body weight's moving average
    history = lifter.get("/history").text
    assert len(re.findall(r'<article class="card" id="w\d+">', history)) == 5
    squat = history[history.index('<h3 class="lift">Back Squat</h3>'):]
    squat = squat[:squat.index("</ul>")]
    assert re.findall(r"<span>([^<]+)</span> <span class=\"edit-hint\">", squat) == [
        "80 kg x 8"] * 3


# A month of two sessions a week whose muscles each sit inside their band while legs sum to more
# than the old per-region band: the review says "inside" for every muscle, so Progress must too.
# Hip thrusts besides the squats and the RDL: a squat or a hinge counts half a set for the
# glutes ([muscle_volume.assists], every goal), so without direct glute work they sit under
# their band.
MONTH = {"back-squat": 6, "leg-press": 4, "romanian-deadlift": 4, "seated-leg-curl": 3,
         "barbell-row": 4, "lat-pulldown": 6, "seated-cable-row": 4, "hip-thrust": 3}


def _log_month(app: Any, user: Any, sets: dict[str, int]) -> None:
    """Two sessions a week of `sets` (exercise -> sets, split in two halves), 60 kg x 8, in
    every calendar week the last 4 weeks touch."""
    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, Workout
    from redwood.services.training import log_workout

    catalog = load_catalog()
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    items = list(sets.items())
    for weeks_ago in range(5, -1, -1):
        week = monday - dt.timedelta(weeks=weeks_ago)
        for day, half in ((0, items[::2]), (3, items[1::2])):
            if week + dt.timedelta(days=day) <= TODAY:
                log_workout(app.state.store, user, Workout(week + dt.timedelta(days=day), tuple(
                    LoggedSet(ex, Decimal(60), 8) for ex, n in half for _ in range(n))),
                    catalog)


def test_progress_judges_each_muscle_like_the_review_not_the_legs_sum(app: Any) -> None:
    from redwood.catalog import load_catalog
    from redwood.services.progress import band_for
    from redwood.services.reviewing import review

    lifter = Lifter(app)
    user, catalog = lifter.user, load_catalog()
    _log_month(app, user, MONTH)
    with app.state.store.reader(user.id) as uow:
        old_band = band_for(uow.profiles.active()[1], uow.plans.active()[1])
    found = review(app.state.store, user, end=TODAY, catalog=catalog)  # the review page's days
    legs = next(x.legs for x in found.weekly if x.days == 7)
    assert legs > old_band[1]  # the old region band would call legs over
    assert {m.state for m in found.muscles if m.main} == {"inside"}

    page = lifter.get("/progress").text
    section = page[page.index('id="volume"'):page.index('id="bodyweight"')]
    assert not re.search(r"[\d.]+ over<", section)
    rows = dict(re.findall(r'<tr id="muscle-([\w-]+)" class="\w+"><td>[^<]+</td>'
                           r'<td class="num">[\d.]+<small class="muted">[\d-]+</small></td>'
                           r"<td>(?:<strong>)?([^<]+)", section))
    assert {m.muscle: m.verdict() for m in found.muscles} == rows
    assert f"<td class=\"num\">{legs}</td>" in section  # the legs sum is still shown

    r = lifter.post("/settings/tokens", {"name": "phone"}, token_from="/settings")
    token = re.search(r'id="new-token">(rw_[^<]+)<', r.text)
    assert token
    api = lifter.client.get("/api/v1/analytics/weekly-sets?weeks=5",
                            headers={"Authorization": f"Bearer {token[1]}"}).json()
    assert {m["muscle"]: m["state"] for m in api["muscles"]} == {
        m.muscle: m.state for m in found.muscles}
    assert api["band"] == {"low": old_band[0], "high": old_band[1]}  # deprecated, still there


_MUSCLE_ROW = re.compile(
    r'<tr id="muscle-([\w-]+)" class="(\w+)"><td>([^<]+)(?:<small class="muted">([^<]+)'
    r'</small>)?</td><td class="num">([\d.]+)<small class="muted">(\d+-\d+)</small></td>'
    r"<td>(<strong>)?([^<]+)(?:</strong>)?</td></tr>")


def _muscle_table(html: str) -> tuple[str, list[tuple[str, ...]]]:
    """The page's per-muscle table: its head, and its rows as _MUSCLE_ROW reads them (every
    row must read so)."""
    start = html.index('<table class="muscles">')
    table = html[start:html.index("</table>", start)]
    head = table[:table.index("<tbody>")]
    body = table[table.index("<tbody>") + len("<tbody>"):table.index("</tbody>")]
    rows = _MUSCLE_ROW.findall(body)
    assert _MUSCLE_ROW.sub("", body) == "", body
    return head, rows


def test_the_review_and_progress_show_one_muscle_table(app: Any) -> None:
    """The review and Progress draw their per-muscle table from one macro (macros.html's
    muscle_table): the same head and the same rows, each muscle's sets a week, its band and
    its verdict (strong when under or over); the review adds each week's sets under the
    muscle, Progress names it with a capital."""
    from redwood.catalog import load_catalog
    from redwood.services.reviewing import review

    lifter = Lifter(app)
    user, catalog = lifter.user, load_catalog()
    # MONTH with more pulldowns: the lats over their band, calves and core below theirs.
    _log_month(app, user, {**MONTH, "lat-pulldown": 10})
    found = review(app.state.store, user, end=TODAY, catalog=catalog)
    review_head, review_rows = _muscle_table(lifter.get("/review").text)
    progress_head, progress_rows = _muscle_table(lifter.get("/progress").text)
    assert review_head == progress_head.replace(
        "<th>Muscle</th>", "<th>Muscle <small>by week</small></th>")
    assert progress_head == ('<table class="muscles"><thead><tr><th>Muscle</th>'
                             '<th class="num">A week <small>band</small></th><th>vs band</th>'
                             "</tr></thead>\n  ")
    expected = [(m.muscle, m.state, m.muscle, " · ".join(f"{x:g}" for x in m.weekly),
                 f"{m.average:.1f}", f"{m.band[0]}-{m.band[1]}",
                 "<strong>" if m.state in ("under", "over") else "", m.verdict())
                for m in found.muscles]
    assert review_rows == expected
    assert progress_rows == [(m, state, name.capitalize(), "", *rest)
                             for m, state, name, _, *rest in expected]
    states = {row[0]: row[1] for row in progress_rows}
    assert states["lats"] == "over" and states["calves"] == "below", states


def test_progress_names_an_assisted_machine_s_weight_as_help(app: Any) -> None:
    """An assisted pull-up's best set read "40 kg x 10" on Progress, a load, where Today and
    History say "-40 kg assist"; its e1RM "-26.5 kg" did not say what the minus meant."""
    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, Workout
    from redwood.services.training import log_workout

    lifter = Lifter(app, "helped", plan=False)
    for days_ago, help_kg in ((14, 45), (7, 40)):
        log_workout(app.state.store, lifter.user, Workout(
            TODAY - dt.timedelta(days=days_ago),
            tuple(LoggedSet("assisted-pull-up", Decimal(help_kg), 10) for _ in range(3))),
            load_catalog())
    page = lifter.get("/progress").text
    assert re.search(r"<td>-40 kg assist x 10</td>", page), page[page.find("e1RM"):][:1500]
    assert not re.search(r">4[05] kg x 10<", page)
    assert re.search(r"best -\d+(\.5)? kg assist</small>", page)


def test_check_in_saves_and_the_coach_answers(app: Any) -> None:
    lifter = Lifter(app)
    r = lifter.post("/checkin", {"sleep": "25", "energy": "9", "legs": "7", "weight": "<b>"})
    assert r.status_code == 422
    for field in ("sleep", "energy", "legs", "weight"):
        assert f'id="{field}-error"' in r.text
    assert "&lt;b&gt;" in r.text and "<b>" not in r.text
    r = lifter.post("/checkin", {})
    assert "at least one of sleep" in r.text
    r = lifter.post("/checkin", {"sleep": "6", "energy": "2", "legs": "5", "weight": "81.5"})
    page = lifter.follow(r).text
    assert "Check-in saved." in page
    assert "short of" in page  # 6 h under the guide's 7-9 h
    assert "legs soreness 5/5" in page
    assert "Protein: about 130 g a day" in page
    assert 'value="81.5"' in page  # today's check-in shown again, to correct
    user = lifter.user
    with app.state.store.reader(user.id) as uow:
        saved = uow.checkins.get(TODAY)
    assert saved is not None and saved.energy == 2 and saved.body_weight_kg == Decimal("81.5")


def test_a_sore_area_is_named_in_words_not_as_a_command_line_option(app: Any) -> None:
    """A lifter who ticked "Something hurts? Knees, Lower back" read the planner's notes as
    the terminal writes them: "No single-leg work this week: --protect knees removes it"."""
    lifter = Lifter(app, "sore", plan=False)
    r = lifter.post("/onboarding", {
        "goal": "strength", "level": "intermediate", "unit": "kg", "days": "3",
        "minutes": "45", "weeks": "8", "start": TODAY.isoformat(), "location": "gym",
        "protect": ["knees", "lower-back"]})
    assert r.headers["location"] == "/plan?new=1", r.text[:2000]
    plan = lifter.get("/plan").text
    assert "Protecting your knees: no deep loaded squats" in plan
    assert "Protecting your lower back: no " in plan
    for path in ("/plan", "/today"):
        text = lifter.get(path).text
        assert not re.search(r"--(protect|exclude)\b", text), (path, re.findall(
            r"[^.>]*--(?:protect|exclude)[^.<]*", text)[:3])


def test_body_weight_shows_as_the_scale_read_it(app: Any) -> None:
    """82.4 kg read '82.5 kg' on Progress and came back as 82.5 in the check-in form (rounded
    as a bar is loaded), so saving the check-in again stored a weight never weighed."""
    lifter = Lifter(app, "scale")
    r = lifter.post("/checkin", {"weight": "82.4"})
    assert 'value="82.4"' in lifter.follow(r).text
    assert re.search(r'<td class="num">82\.4 kg</td>', lifter.get("/progress").text)
    lifter.post("/settings/unit", {"unit": "lb"}, token_from="/settings")
    r = lifter.post("/checkin", {"weight": "181.6"})
    assert 'value="181.6"' in lifter.follow(r).text
    assert re.search(r'<td class="num">181\.6 lb</td>', lifter.get("/progress").text)
    with app.state.store.reader(lifter.user.id) as uow:
        saved = uow.checkins.get(TODAY)
    assert saved is not None and saved.body_weight_kg == Decimal("82.37")


# --- settings --------------------------------------------------------------------------------


def test_settings_units_equipment_tokens_import_and_export(app: Any) -> None:
    lifter = Lifter(app)
    r = lifter.post("/settings/unit", {"unit": "lb"}, token_from="/settings")
    assert "Units saved." in lifter.follow(r).text
    assert lifter.user.unit.value == "lb"
    assert "lb</label>" in lifter.get("/today").text

    r = lifter.post("/settings/equipment", {"location": "home", "plates": "10x2,5xmany"},
                    token_from="/settings")
    assert r.status_code == 422 and 'id="plates-error">Plates:' in r.text
    r = lifter.post("/settings/equipment", {"location": "home", "bar": "35",
                                            "plates": "25x2,10x2,5x2,2.5x2"},
                    token_from="/settings")
    page = lifter.follow(r).text
    assert 'value="25x2,10x2,5x2,2.5x2"' in page
    with app.state.store.reader(lifter.user.id) as uow:
        assert uow.equipment.get("home") == {"bar": "35",
                                             "plates": [["25", 2], ["10", 2], ["5", 2],
                                                        ["2.5", 2]]}

    r = lifter.post("/settings/tokens", {"name": "<i>garage</i>"}, token_from="/settings")
    token = re.search(r'id="new-token">(rw_[^<]+)<', r.text)
    assert token, "the new token is shown once"
    assert "&lt;i&gt;garage&lt;/i&gt;" in r.text
    me = lifter.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token[1]}"})
    assert me.json()["username"] == lifter.name
    assert token[1] not in lifter.get("/settings").text  # never shown again
    token_id = re.search(r'action="/settings/tokens/(\d+)/revoke"', r.text)
    assert token_id
    other = Lifter(app, plan=False)
    r = other.post(f"/settings/tokens/{token_id[1]}/revoke", {}, token_from="/settings")
    assert r.status_code == 404  # not theirs
    r = lifter.post(f"/settings/tokens/{token_id[1]}/revoke", {}, token_from="/settings")
    assert "Token revoked" in lifter.follow(r).text
    assert lifter.client.get("/api/v1/auth/me", headers={
        "Authorization": f"Bearer {token[1]}"}).status_code == 401

    export = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,"
              "Seconds,Notes,Workout Notes,RPE\n"
              "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,100,5,0,0,,,\n"
              "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),2,100,5,0,0,,,\n")
    r = lifter.post("/settings/import", {}, token_from="/settings",
                    files={"file": ("strong.csv", export.encode(), "text/csv")})
    assert "Would add 1 workout and 2 sets" in r.text, r.text[-3000:]  # the review first
    upload = re.search(r'name="upload" value="([^"]+)"', r.text)
    assert upload and lifter.workouts() == []
    r = lifter.post("/settings/import/confirm", {
        "upload": upload[1], "map-0": "back-squat", "action": "import",
        "csrf_token": token_of(r.text)})
    assert "<strong>Imported</strong> 1 workout and 2 sets" in r.text, r.text[-3000:]
    assert any(w.date == dt.date(2026, 1, 5) for w in lifter.workouts())
    r = lifter.post("/settings/import", {}, token_from="/settings",
                    files={"file": ("junk.csv", b"\x00\x01 not an export", "text/csv")})
    assert r.status_code == 422
    assert 'id="file-error">File: the file holds binary data' in r.text
    export = lifter.get("/settings/export.json")
    assert export.headers["content-disposition"].startswith("attachment")
    assert export.json()["format"]
    # The workouts for a spreadsheet, from a link on the page (the web had JSON and the
    # calendar only; the CSV was there for the command line and the API).
    link = re.search(r'<a href="([^"]+)" download>Your workouts, for a spreadsheet',
                     lifter.get("/settings").text)
    assert link, "a CSV export on Settings"
    csv_file = lifter.get(link[1])
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert csv_file.text.startswith("Date,Workout Name,") and "Squat (Barbell)" in csv_file.text


# --- one lifter never sees another's ---------------------------------------------------------


def test_a_lifter_never_sees_another_lifters_data(app: Any) -> None:
    alice = Lifter(app, "alice")
    item, _ = alice.first_item()
    alice.post("/today/set", {"item": item, "weight": "41.75", "reps": "9"}, token_from="/today")
    alice.post("/checkin", {"sleep": "7.25", "weight": "77.7"})
    alice.post("/settings/tokens", {"name": "alices-script"}, token_from="/settings")
    bob = Lifter(app, "bob")
    for path in (*PAGES, "/history?until=" + TODAY.isoformat()):
        text = bob.get(path).text
        for secret in (alice.name, "41.75", "77.7", "7.25", "alices-script"):
            assert secret not in text, (path, secret)
    # Bob's set lands in Bob's log only.
    bob.post("/today/set", {"item": item, "weight": "50", "reps": "5"}, token_from="/today")
    assert [s.weight_kg for w in alice.workouts() for s in w.sets] == [Decimal("41.75")]
    assert [s.weight_kg for w in bob.workouts() for s in w.sets] == [Decimal(50)]


# --- weight and hygiene ----------------------------------------------------------------------


def test_today_is_light_and_renders_without_waiting_for_javascript(app: Any) -> None:
    lifter = Lifter(app)
    html = lifter.get("/today").text
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert assets
    total = len(html.encode()) + sum(len(lifter.get(a).content) for a in assets)
    assert total < 100_000, f"today's page weighs {total} bytes"
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all("defer" in s and 'src="/static/' in s for s in scripts)


def test_no_page_has_inline_script_or_style(app: Any) -> None:
    lifter = Lifter(app)
    lifter.post("/checkin", {"sleep": "7", "weight": "80"})
    for path in (*PAGES, "/login", "/signup"):
        html = (lifter if not path.endswith(("login", "signup")) else Visitor(app)).get(
            path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers
        assert "http://" not in html and "https://" not in html, path  # nothing from a CDN


# --- today: questions, short sets, finish ----------------------------------------------------


def _open_forms(html: str) -> list[dict[str, str]]:
    """Today's open set forms: their hidden fields and prefilled values, in page order."""
    out = []
    for form in re.findall(r'<form method="post" action="/today/set".*?</form>', html, re.S):
        fields = dict(re.findall(r'name="(item|set|weight|reps|seconds)"[^>]*value="([^"]*)"',
                                 form))
        out.append(fields)
    return out


def test_a_far_too_heavy_weight_asks_before_it_is_stored(app: Any) -> None:
    lifter = Lifter(app)
    weighted = next(f for f in _open_forms(lifter.get("/today").text) if f["weight"])
    typo = str(Decimal(weighted["weight"]) * 10)
    data = {k: v for k, v in weighted.items()}
    r = lifter.post("/today/set", {**data, "weight": typo}, token_from="/today")
    assert r.status_code == 400
    assert f"{Decimal(typo).normalize():f} kg? The target is" in r.text
    assert 'name="confirm" value="1"' in r.text and "Log anyway" in r.text
    assert lifter.workouts() == []
    r = lifter.post("/today/set", {**data, "weight": typo, "confirm": "1"}, token_from="/today")
    assert r.status_code == 303
    assert [s.weight_kg for w in lifter.workouts() for s in w.sets] == [Decimal(typo)]


def test_finishing_after_one_set_says_one_set(app: Any) -> None:
    lifter = Lifter(app)
    first = _open_forms(lifter.get("/today").text)[0]
    lifter.post("/today/set", first, token_from="/today")
    r = lifter.post("/today/finish", {"notes": "", "rpe": "6"}, token_from="/today")
    page = lifter.follow(r).text
    assert "Session finished:" in page
    assert "1 set logged" in page and "1 sets logged" not in page


def test_a_short_set_is_marked_and_finish_closes_the_session(app: Any) -> None:
    lifter = Lifter(app)
    first = _open_forms(lifter.get("/today").text)[0]
    amount = "reps" if "reps" in first else "seconds"
    assert int(first[amount]) > 1
    r = lifter.post("/today/set", {**first, amount: "1"}, token_from="/today")
    page = lifter.follow(r).text
    assert re.search(r'class="tag short">short of \d+', page)
    # Every other set as prefilled: the last one starts no rest timer and Finish is next.
    while forms := _open_forms(page):
        r = lifter.post("/today/set", forms[0], token_from="/today")
        page = lifter.follow(r).text
    assert r.headers["location"].startswith("/today?next=finish")
    assert 'role="timer"' not in page and "Session done. Well lifted!" in page
    assert re.search(r'<form[^>]*id="finish"[^>]*data-next', page)
    r = lifter.post("/today/finish", {"notes": "Knees felt good", "rpe": "11"},
                    token_from="/today")
    assert "Session RPE: choose 1" in lifter.follow(r).text
    assert lifter.workouts()[0].ended_at is None, "a refused Finish changes nothing"
    r = lifter.post("/today/finish", {"notes": "Knees felt good", "rpe": "7"},
                    token_from="/today")
    page = lifter.follow(r).text
    assert "Session finished:" in page and "Knees felt good" in page
    assert "session RPE 7/10" in page
    assert "<h3>Next time</h3>" in page
    [workout] = lifter.workouts()
    assert workout.ended_at is not None and workout.notes == "Knees felt good"
    assert workout.session_rpe == 7
    # Today moves on to the next session, nothing of it logged yet.
    assert not re.search(r'class="done-set', page)


def test_pages_speak_web_not_terminal(app: Any) -> None:
    """No page tells a web lifter to run a command; the check-in confirmation sits where the
    page lands after saving."""
    from redwood.web.views._common import for_web

    assert for_web("`redwood checkin` tells the coach how you slept") == (
        "a check-in tells the coach how you slept")
    assert for_web("log a workout (`redwood log --exercise x`)") == (
        "log a workout (the Log buttons on Today)")
    lifter = Lifter(app)
    for path in (*PAGES, "/review"):
        text = lifter.get(path).text
        assert not re.search(r"redwood (checkin|log|plan|import|review|today)\b", text), path
    r = lifter.post("/checkin", {"sleep": "7"})
    assert r.headers["location"].endswith("#advice")
    page = lifter.follow(r).text
    advice = page[page.index('id="advice"'):]
    assert "Check-in saved." in advice


def test_history_corrects_and_deletes_a_set(app: Any) -> None:
    lifter = Lifter(app)
    item, _ = lifter.first_item()
    for weight in ("40", "45"):
        lifter.post("/today/set", {"item": item, "weight": weight, "reps": "8"},
                    token_from="/today")
    [workout] = lifter.workouts()
    page = lifter.get("/history").text
    forms = re.findall(r'name="position" value="(\d+)"', page)
    assert len(forms) == 2 and "45 kg x 8" in page
    # A bad value is refused at its set, kept, and nothing changes.
    r = lifter.post("/history/set", {"workout": str(workout.id), "position": forms[1],
                                     "timed": "0", "weight": "4o", "amount": "8",
                                     "action": "save"}, token_from="/history")
    assert r.status_code == 400 and 'role="alert">Weight:' in r.text and 'value="4o"' in r.text
    r = lifter.post("/history/set", {"workout": str(workout.id), "position": forms[1],
                                     "timed": "0", "weight": "42.5", "amount": "6",
                                     "action": "save"}, token_from="/history")
    page = lifter.follow(r).text
    assert "Set corrected." in page and "42.5 kg x 6" in page and "45 kg" not in page
    [workout] = lifter.workouts()
    assert [(s.weight_kg, s.reps) for s in workout.sets] == [(Decimal(40), 8),
                                                             (Decimal("42.5"), 6)]
    r = lifter.post("/history/set", {"workout": str(workout.id), "position": forms[0],
                                     "action": "delete"}, token_from="/history")
    assert "Set deleted." in lifter.follow(r).text
    [workout] = lifter.workouts()
    assert [s.weight_kg for s in workout.sets] == [Decimal("42.5")]
    # Another lifter's set cannot be touched.
    bob = Lifter(app, "bob")
    r = bob.post("/history/set", {"workout": str(workout.id), "position": forms[1],
                                  "action": "delete"}, token_from="/history")
    assert r.status_code == 400 and "not in your log" in r.text
    assert len(lifter.workouts()[0].sets) == 1


def test_the_plan_gives_each_reason_once_and_each_superset_item_its_true_rest(
        app: Any) -> None:
    lifter = Lifter(app)
    page = lifter.get("/plan").text
    reasons = re.findall(r'<p class="why">([^<]+)</p>', page)
    assert reasons and len(reasons) == len(set(reasons)), "each reason once on the page"
    # Folded: one tap opens a reason; the session's warm-up and cool-down fold the same way.
    assert page.count('<details class="reason"') == len(reasons)
    assert "Warm-up, " in page and "Cool-down, " in page
    assert "as the first time" not in page
    pairs = re.findall(r'<li class="pair">(.*?)</li>', page, re.S)
    assert pairs
    for pair in pairs:
        assert re.search(r"then \d+ s to [A-H]\d|rest \d+ s after the round", pair), pair
        assert not re.search(r"Rest \d+ s:", pair), "no item reason contradicts the pair's rest"
    first, second = pairs[0], pairs[1]
    between = re.search(r"then (\d+) s to", first)
    label = re.search(r"Superset A: \d+ rounds, (\d+) s between", page)
    assert between and label and between[1] == label[1]
    assert "after the round" in second


def test_a_new_lifters_calendar_has_dates_and_no_empty_months(app: Any) -> None:
    lifter = Lifter(app)
    page = lifter.get("/progress").text
    calendar = page[page.index('<div class="calendar"'):]
    calendar = calendar[:calendar.index("</div>")]
    days = re.findall(r'<span class="l\d" title="([^"]+)">(\d+)</span>', calendar)
    assert 22 <= len(days) <= 35, "about four weeks, not twelve empty ones"
    assert all(title.split(" ")[1] == day.zfill(2) for title, day in days)
    weeks = re.findall(r"<i>(\d+ [A-Z][a-z]{2})</i>", calendar)
    assert len(weeks) == len(days) // 7 + (1 if len(days) % 7 else 0)


def _plan_from_today(lifter: Lifter, goal: str = "hypertrophy", minutes: int = 45) -> None:
    """Onboard with training days that make today the plan's first session."""
    days = [(TODAY + dt.timedelta(days=k)).strftime("%a").lower() for k in (0, 2, 4)]
    r = lifter.post("/onboarding", {
        "goal": goal, "level": "beginner", "unit": "kg", "days": "3", "minutes": str(minutes),
        "weeks": "4", "start": TODAY.isoformat(), "location": "gym", "supersets": "on",
        "on": days})
    assert r.headers["location"] == "/plan?new=1", r.text[:2000]


def test_a_new_lifters_review_starts_when_they_did(app: Any) -> None:
    lifter = Lifter(app, plan=False)
    _plan_from_today(lifter)
    page = lifter.get("/review").text
    stamp = f"{TODAY:%a %d %b} {TODAY.year} to"
    assert stamp in page, "the period starts at sign-up, not weeks before it"
    assert "low" not in re.sub(r"<[^>]+>", " ", page[page.index("<main"):]).lower().split(
        "adherence")[1], "no weeks before sign-up flagged as low volume"
    # With a plan, the review never says there is none: on day one it names the session due.
    assert "no active plan" not in page
    assert f"the next is {TODAY:%a %d %b} (today)" in page
    # One set of today's session logged: today's session counts as done.
    item, _ = lifter.first_item()
    lifter.post("/today/set", {"item": item, "weight": "20", "reps": "8"}, token_from="/today")
    page = lifter.get("/review").text
    assert "<strong>1 of 1</strong> planned sessions done" in page
    assert "no active plan" not in page


def test_a_lifter_who_signed_up_weeks_ago_is_not_blamed_for_the_weeks_before(app: Any) -> None:
    from sqlalchemy import update

    from redwood.store.models import UserRow

    lifter = Lifter(app, plan=False)
    _plan_from_today(lifter)
    joined = TODAY - dt.timedelta(days=10)
    # created_at is stored in UTC and read as the local day: 9:00 local on `joined` (9:00 UTC
    # is the day before in a zone 10 hours west, where the suite runs late in the UTC day).
    signed_up = dt.datetime.combine(joined, dt.time(9)).astimezone(dt.UTC).replace(tzinfo=None)
    with app.state.store.unit_of_work() as uow:
        uow.session.execute(update(UserRow).where(UserRow.name == lifter.name)
                            .values(created_at=signed_up))
        uow.commit()
    item, _ = lifter.first_item()
    lifter.post("/today/set", {"item": item, "weight": "20", "reps": "8"}, token_from="/today")
    page = lifter.get("/review?weeks=8").text
    assert f"{joined:%a %d %b} {joined.year} to" in page
    weeks = re.findall(r"<tr><td>(\w{3} \d{2} \w{3})", page)
    monday = joined - dt.timedelta(days=joined.weekday())
    assert weeks and weeks[0] == f"{monday:%a %d %b}", "the first week is the week they joined"
    assert "no active plan" not in page


def test_the_demo_lifters_review_compares_with_the_plan_from_its_first_week(app: Any) -> None:
    from redwood.services.demo import DEMO_PASSWORD, DEMO_USER, ensure_demo

    ensure_demo(app.state.store)
    v = Visitor(app)
    r = v.post("/login", {"username": DEMO_USER, "password": DEMO_PASSWORD},
               token_from="/login")
    assert r.status_code == 303
    with app.state.store.reader() as uow:
        demo = uow.users.by_name(DEMO_USER)
    with app.state.store.reader(demo.id) as uow:
        first = min(w.date for w in uow.workouts.list())
    for weeks in ("4", "12"):
        page = v.get(f"/review?weeks={weeks}").text
        assert "no active plan" not in page
        done = re.search(r"<strong>(\d+) of (\d+)</strong> planned sessions done", page)
        assert done and int(done[2]) >= 6 and int(done[1]) >= int(done[2]) - 1, weeks
        rows = re.findall(r"<tr><td>(\w{3} \d{2} \w{3})", page)
        monday = first - dt.timedelta(days=first.weekday())
        assert rows and dt.datetime.strptime(f"{rows[0]} {first.year}", "%a %d %b %Y").date() \
            >= monday, "no week before the demo lifter's first session"
    # 12 weeks reach back before the plan: the period starts at the first session.
    assert f"{first:%a %d %b} {first.year} to" in page


def test_todays_assisted_machine_reads_as_assistance(app: Any) -> None:
    """The weight of an assisted pull-up is the machine's help: '-80 kg assist', as the
    History's '-80 kg', never a load of 80 kg; the field says 'kg assist' and takes 80."""
    lifter = Lifter(app, plan=False)
    # An endurance beginner's 25 minutes: two main lifts and the assisted pull-up as straight
    # sets (longer sessions pair it in a superset or choose another back accessory; strength
    # plans, whose main lifts rest 3 min, leave it out of the first session).
    _plan_from_today(lifter, "endurance", minutes=25)
    page = lifter.get("/today").text
    found = re.search(r'id="item-(\d+)" data-exercise="assisted-pull-up"', page)
    assert found, "an endurance beginner's first 25-minute gym session has an assisted pull-up"
    item = found[1]
    card = page[found.start():page.index("</article>", found.start())]
    target = re.search(r"data-target>([^<]+)<", card)
    assert target and re.fullmatch(r"\d x \d+-\d+ @ -\d+(\.5)? kg assist", target[1]), target
    help_kg = re.search(r"@ -([\d.]+) kg", target[1])[1]
    assert '>kg assist</label>' in card
    assert f'name="weight" type="text" inputmode="decimal" value="{help_kg}"' in card
    r = lifter.post("/today/set", {"item": item, "set": "1", "weight": "70", "reps": "5"},
                    token_from="/today")
    page = lifter.follow(r).text
    assert "Set 1: -70 kg assist x 5" in page
    assert "@ 70 kg" not in page and ": 70 kg x 5" not in page
    assert "-70 kg x 5" in lifter.get("/history").text


def test_progress_and_review_count_the_same_streaks_over_the_whole_log(app: Any) -> None:
    """The audit: on the Hevy sample the Progress page said "longest 1 day" (the last year's
    log only) where the review said 274 days (the whole log). Both count runs over the whole
    log, as days with never more than the review's gap without training, and say so."""
    from pathlib import Path

    from redwood.services.importing import import_file
    from redwood.services.reviewing import build, gather

    lifter = Lifter(app, plan=False)
    user = lifter.user
    sample = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "real"
    import_file(app.state.store, user, sample / "hevy_sample.csv")
    page = lifter.get("/progress").text
    found = re.search(r"longest run <strong>(\d+)</strong>", page)
    assert found, page[:3000]
    review = build(gather(app.state.store, user, end=TODAY))
    assert int(found[1]) == review.adherence.longest_streak_days
    assert review.adherence.longest_streak_days > 30  # months of it, not one day
    assert "never went more than 7 days without training" in page


def test_a_first_session_works_up_by_feel_from_the_set_just_logged(app: Any) -> None:
    """A new lifter who gave a body weight: the first session of a lift says from the start
    that it works up, set 1 light, then by feel. After set 1 is logged with its RPE, set 2's
    form comes filled in with the load that set points to; the target itself does not
    move."""
    lifter = Lifter(app, plan=False)
    r = lifter.post("/onboarding", {
        "goal": "hypertrophy", "level": "beginner", "unit": "kg", "days": "3",
        "minutes": "45", "weeks": "4", "start": TODAY.isoformat(), "location": "gym",
        "body_weight": "104"})
    assert r.headers["location"] == "/plan?new=1", r.text[:2000]
    page = lifter.get("/today").text
    found = re.search(r'id="set-(\d+)-1".*?name="weight"[^>]*value="([\d.]+)".*?'
                      r'name="reps"[^>]*value="(\d+)"', page, re.S)
    assert found, "a loaded lift with its first set prefilled"
    index, weight, reps = found[1], found[2], found[3]
    assert "then by feel" in page and "set 1 light, then by feel" in page
    target = re.search(rf'id="item-{index}".*?<p class="why">(.*?)</p>', page, re.S)
    assert target
    lifter.post("/today/set", {"item": index, "weight": weight, "reps": str(int(reps) + 2),
                               "rpe": "5"}, token_from="/today")
    after = lifter.get("/today").text
    second = re.search(rf'id="set-{index}-2".*?name="weight"[^>]*value="([\d.]+)"', after,
                       re.S)
    assert second and Decimal(second[1]) > Decimal(weight), "set 2 steps up by feel"
    # ...and says why the step is that size (RPE 5: read as 5 in reserve, a smaller step)
    why = re.search(rf'id="set-{index}-2".*?<p class="muted step-why">(.*?)</p>', after, re.S)
    assert why and "about 5 in reserve" in why[1], "set 2 says why it is that step"
    again = re.search(rf'id="item-{index}".*?<p class="why">(.*?)</p>', after, re.S)
    assert again and again[1] == target[1], "the plan said so from the start: it holds"


def test_a_full_workout_is_said_on_today(app: Any) -> None:
    # 500 sets today (domain.log.MAX_SETS_PER_WORKOUT; the rest of another lift, logged
    # elsewhere): the next set's post shows Today again with one line under its form, the
    # typed values kept, nothing stored; gym mode's post (a client id) alike.
    from redwood.catalog import load_catalog
    from redwood.domain.log import MAX_SETS_PER_WORKOUT, LoggedSet, Workout
    from redwood.services.training import log_workout

    lifter = Lifter(app)
    (item, _), (_, other) = re.findall(r'id="item-(\d+)" data-exercise="([^"]+)"',
                                       lifter.get("/today").text)[:2]
    r = lifter.post("/today/set", {"item": item, "set": "1", "weight": "40", "reps": "8"},
                    token_from="/today")
    assert r.status_code == 303
    [workout] = lifter.workouts()
    log_workout(app.state.store, lifter.user, Workout(
        date=TODAY, sets=(LoggedSet(other, Decimal(20), 10),) * (MAX_SETS_PER_WORKOUT - 1),
        planned=workout.planned), load_catalog(), append=True)
    for extra in ({}, {"client_id": "gym-full-1"}):
        r = lifter.post("/today/set", {"item": item, "set": "2", "weight": "42.5", "reps": "7",
                                       **extra}, token_from="/today")
        assert r.status_code == 400, r.text[:300]
        form = re.search(rf'<form[^>]*id="set-{item}-2".*?</form>', r.text, re.S)
        assert form and 'value="42.5"' in form[0] and 'value="7"' in form[0]
        assert ('role="alert">This workout holds 500 sets, the most a workout takes: this set '
                'was not logged.</p>') in form[0]
    [workout] = lifter.workouts()
    assert len(workout.sets) == MAX_SETS_PER_WORKOUT
