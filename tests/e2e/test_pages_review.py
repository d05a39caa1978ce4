"""The review page (/review) and its downloads (/review.md, /review.html) over HTTP, as a
browser without JavaScript gets them, on SQLite and on PostgreSQL: only for the signed-in
lifter, the review of their own log laid out for a phone, everything escaped, nothing inline
that the Content-Security-Policy would block."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from apihelp import BACKENDS, database
from redwood.domain.log import CheckIn, LoggedSet, Workout
from redwood.web.app import create_app

PASSWORD = "squat-deep-1"
START = dt.date(2026, 10, 5)  # a Monday
END = dt.date(2026, 11, 1)  # four weeks later, a Sunday
_names = itertools.count(1)


@pytest.fixture(scope="module", params=BACKENDS)
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with database(request.param, tmp_path_factory.mktemp("review-pages")) as url:
        application = create_app(url, argon2_time_cost=1, argon2_memory_cost=1024)
        with TestClient(application):  # runs the lifespan, which closes the store
            yield application


class Browser:
    """Cookies and forms, no JavaScript, no following of redirects."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.client = TestClient(app, follow_redirects=False)

    def get(self, path: str, **kwargs: Any) -> Any:
        r = self.client.get(path, **kwargs)
        assert r.status_code < 500, r.text
        return r

    def sign_up(self, name: str) -> Browser:
        self.name = f"{name}{next(_names)}"
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.get("/signup").text)
        assert token
        r = self.client.post("/signup", data={"username": self.name, "password": PASSWORD,
                                              "confirm": PASSWORD, "csrf_token": token[1]})
        assert r.status_code == 303, r.text
        return self

    @property
    def user(self) -> Any:
        with self.app.state.store.reader() as uow:
            return uow.users.by_name(self.name)

    def train(self) -> None:
        """Four weeks, Monday/Wednesday/Friday: squats +2.5 kg a session, rows, a check-in with
        body weight each training day. Written through the store, as the CLI would."""
        store = self.app.state.store
        with store.unit_of_work(self.user.id) as uow:
            for n, day in enumerate(START + dt.timedelta(weeks=w, days=d)
                                    for w in range(4) for d in (0, 2, 4)):
                sets = (LoggedSet("back-squat", Decimal(80) + Decimal("2.5") * n, 5),) * 3
                sets += (LoggedSet("barbell-row", Decimal(60), 8),) * 3
                uow.workouts.add(Workout(day, sets))
                uow.checkins.upsert(CheckIn(day, body_weight_kg=Decimal(75),
                                            sleep_hours=Decimal(8), energy=4))
            uow.commit()


@pytest.fixture(scope="module")
def ann(app: Any) -> Browser:
    who = Browser(app).sign_up("ann")
    who.train()
    return who


def no_inline_code(html: str) -> None:
    """What the CSP (script-src 'self'; style-src 'self') would block is not there."""
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert "<style" not in html and " style=" not in html and " on" + "click=" not in html


def test_the_review_is_only_for_a_signed_in_lifter(app: Any) -> None:
    visitor = Browser(app)
    for path in ("/review", "/review.md", "/review.html"):
        r = visitor.get(path)
        assert r.status_code == 303
        assert r.headers["location"] == f"/login?next={path}"


def test_the_page_shows_the_review_of_the_lifters_weeks(ann: Browser) -> None:
    from redwood.render.review import slope_text
    from redwood.services.reviewing import review

    r = ann.get("/review", params={"weeks": "4", "end": END.isoformat()})
    assert r.status_code == 200, r.text
    html = r.text
    no_inline_code(html)
    assert '<a href="/review" aria-current="page">Review</a>' in html  # in the navigation
    expected = review(ann.app.state.store, ann.user, end=END, weeks=4)
    assert "<strong>12</strong> training days" in html
    squat = next(t for t in expected.lifts if t.exercise_id == "back-squat")
    slope = slope_text(squat.current.slope_kg_per_week, expected)
    assert slope.startswith("+")
    assert re.search(r'id="lift-back-squat">\s*<h3>Back Squat <small>'
                     + re.escape(slope) + " a week</small>", html)
    # The heading's trend and the finding below it name one number (+2.21 kg and +2 kg).
    found = next(f.text for f in expected.findings if f.text.startswith("Back Squat: e1RM"))
    assert f", {slope} a week" in found, (slope, found)
    assert "e1RM at the end" in html and "Weekly hard sets" in html
    # Each muscle's row: its sets a week, its own band and the verdict the findings give it;
    # the regions only summed (no band, no verdict beside legs or back).
    assert expected.muscles
    for m in expected.muscles:
        row = re.search(r'<tr id="muscle-' + re.escape(m.muscle) + r'".*?</tr>', html, re.S)
        assert row is not None, m.muscle
        cells = re.sub(r"<[^>]+>", " ", row.group(0))
        assert f"{m.average:.1f}" in cells and f"{m.band[0]}-{m.band[1]}" in cells
        assert m.verdict() in cells, (m, cells)
    weekly = html[html.index('class="weekly"'):]
    weekly = weekly[:weekly.index("</table>")]
    assert not re.search(r"\b(under|over|in band)\b", weekly), weekly
    assert 'class="chart"' in html  # the weekly sums per region, drawn server-side
    for f in expected.findings:
        assert str(escape(f.text)) in html
    assert expected.recommendations
    for x in expected.recommendations:
        assert f"<strong>{escape(x.text)}</strong><p class=\"why\">Why: {escape(x.reason)}" in html
    for m in expected.milestones:
        assert str(escape(m.text)) in html
    # the downloads of this very review
    assert f'href="/review.md?weeks=4&amp;end={END}"' in html
    assert f'href="/review.html?weeks=4&amp;end={END}"' in html


def test_the_downloads_are_the_clis_markdown_and_html(ann: Browser) -> None:
    from redwood.render.review import review_markdown
    from redwood.services.reviewing import review

    params = {"weeks": "4", "end": END.isoformat()}
    r = ann.get("/review.md", params=params)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/markdown")
    assert r.headers["content-disposition"] == (
        'attachment; filename="redwood-review-2026-10-05-2026-11-01.md"')
    assert r.text.startswith("# Training review: 05 Oct 2026 - 01 Nov 2026")
    assert r.text == review_markdown(review(ann.app.state.store, ann.user, end=END, weeks=4))
    r = ann.get("/review.html", params=params)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.text.startswith("<!doctype html>") and "Back Squat" in r.text
    assert "<script" not in r.text and 'src="http' not in r.text  # self-contained


def test_an_empty_log_gets_a_friendly_page(app: Any) -> None:
    eve = Browser(app).sign_up("eve")
    r = eve.get("/review")
    assert r.status_code == 200
    assert 'id="no-data">Nothing is logged yet' in r.text
    assert "Core lifts" not in r.text
    no_inline_code(r.text)
    assert eve.get("/review.md").text.startswith("# Training review:")


def test_each_lifter_sees_only_their_own_review(app: Any, ann: Browser) -> None:
    bob = Browser(app).sign_up("bob")
    html = bob.get("/review", params={"end": END.isoformat()}).text
    assert "Nothing is logged yet" in html and "Back Squat" not in html
    assert "Back Squat" in ann.get("/review", params={"end": END.isoformat()}).text


@pytest.mark.parametrize(("params", "field"), [
    ({"weeks": "<script>alert(1)</script>"}, "weeks"),
    ({"weeks": "0"}, "weeks"),
    ({"weeks": "105"}, "weeks"),
    ({"end": '"><img src=x onerror=alert(1)>'}, "end"),
    ({"end": "2026-02-30"}, "end"),
])
def test_a_bad_query_is_named_and_escaped(ann: Browser, params: dict[str, str],
                                          field: str) -> None:
    r = ann.get("/review", params=params)
    assert r.status_code == 422
    error = re.search(r'role="alert">([^<]*)</p>', r.text)
    assert error and error[1].startswith(f"{field}: ")
    assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
    no_inline_code(r.text)
    if "<" in params.get(field, ""):
        assert "&lt;" in r.text
    r = ann.get("/review.md", params=params)
    assert r.status_code == 422 and r.text.startswith(f"{field}: ")
