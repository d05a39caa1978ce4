"""The web UI in a real browser (Debian's Chromium through Playwright) against a real
`redwood serve` on a temporary SQLite database: a lifter signs up, onboards, reads the plan,
logs a whole session with the rest timer running, sees a PR and the chart move, checks in and
logs out; a second lifter sees none of it; and the set forms work with JavaScript off.

Screenshots of every page go to $REDWOOD_SCREENSHOTS (default: a pytest temporary folder).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
PASSWORD = "squat-deep-1"
EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "real"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A real `redwood serve` process on a fresh SQLite file."""
    home = tmp_path_factory.mktemp("home")
    url = f"sqlite:///{home / 'redwood.db'}"
    port = _free_port()
    env = {**os.environ, "REDWOOD_HOME": str(home), "REDWOOD_DATABASE_URL": url}
    env.pop("REDWOOD_USER", None)
    log = (home / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "redwood", "--database-url", url, "serve", "--port", str(port),
         "--demo"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # the demo lifter's weeks take a while on a busy machine
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("redwood serve did not start:\n"
                            + (home / "serve.log").read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        yield {"base": base, "url": url, "home": str(home)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("REDWOOD_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _page(browser: Any, server: dict[str, str], **options: Any) -> Any:
    context = browser.new_context(base_url=server["base"], **{"viewport": PHONE, **options})
    context.set_default_timeout(10_000)
    return context.new_page()


def _demo_page(browser: Any, server: dict[str, str], **options: Any) -> Any:
    """A page signed in as the demo lifter, on Today."""
    from redwood.services.demo import DEMO_PASSWORD, DEMO_USER

    page = _page(browser, server, **options)
    page.goto("/login")
    page.fill("#username", DEMO_USER)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/today")
    return page


def _sign_up(page: Any, name: str) -> None:
    page.goto("/signup")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/onboarding")


def _onboard(page: Any, goal: str = "strength", minutes: str = "30") -> None:
    page.check(f"input[name=goal][value={goal}]")
    if page.locator(".wizard-nav").count():  # with JavaScript: one step at a time
        assert not page.locator("#days").is_visible()
        page.click("fieldset.step:visible button:has-text('Next')")
    page.select_option("#days", "3")
    page.select_option("#minutes", minutes)
    page.fill("#start", dt.date.today().isoformat())
    if page.locator(".wizard-nav").count():
        page.click("fieldset.step:visible button:has-text('Next')")
    page.click("text=Build my plan")
    page.wait_for_url("**/plan?new=1")


def _log_next_set(page: Any) -> None:
    """Tap the first set's Log button and wait for the page to swap in the answer."""
    forms = page.locator("form.set[data-enhance]")
    before = forms.count()
    forms.first.locator("button").click()
    page.wait_for_function(
        "n => document.querySelectorAll('form.set[data-enhance]').length < n", arg=before)


def _fits_the_phone(page: Any) -> None:
    """Nothing sticks out sideways at phone width (no horizontal scrolling)."""
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{page.url} is {width} px too wide"


def _seed_yesterday(server: dict[str, str], user: str, exercise_id: str, weight: str) -> None:
    """A set logged yesterday through the REST API (a script with a token): something to
    beat, and proof that the API and the pages share one log."""
    base = server["base"]
    r = httpx.post(f"{base}/api/v1/auth/token", json={"username": user, "password": PASSWORD})
    assert r.status_code == 200, r.text
    headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    r = httpx.post(f"{base}/api/v1/workouts", headers=headers, json={
        "date": yesterday, "sets": [{"exercise_id": exercise_id, "weight_kg": float(weight),
                                     "reps": 5}]})
    assert r.status_code == 201, r.text


def test_a_lifter_trains_a_whole_session_in_the_browser(browser: Any, server: dict[str, str],
                                                        shots: Path) -> None:
    page = _page(browser, server)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    _sign_up(page, "alice")
    page.screenshot(path=str(shots / "01-onboarding.png"), full_page=True)
    # Hypertrophy at 45 minutes: today's session pairs a legs and a back accessory, quicker as
    # a superset than as straight sets (a 30-minute strength session fits them straight).
    _onboard(page, goal="hypertrophy", minutes="45")
    assert page.locator("h1").inner_text() == "Your plan"
    assert page.locator(".why").count() > 5  # every choice with its reason
    page.screenshot(path=str(shots / "02-plan.png"), full_page=True)

    page.goto("/today")
    first = page.locator("article.exercise").first
    exercise_id = first.get_attribute("data-exercise")
    assert exercise_id
    _seed_yesterday(server, "alice", exercise_id, "20")
    page.reload()
    page.screenshot(path=str(shots / "03-today.png"), full_page=True)
    assert page.locator(".pair-label").count() >= 1  # supersets shown as pairs
    page.locator("article.exercise details summary").first.click()
    assert page.locator("article.exercise details[open] li").count() > 0  # cues, one tap

    # First set: heavier than anything before, a PR.
    first = page.locator("article.exercise").first
    first.locator("input[name=weight]").first.fill("30")
    first.locator("input[name=reps]").first.fill("5")
    _log_next_set(page)
    timer = page.locator(".timer .clock")
    assert timer.is_visible()
    start = timer.inner_text()
    page.wait_for_timeout(1600)
    assert timer.inner_text() != start, "the rest timer counts down"
    assert "New PR!" in page.locator(".pr").inner_text()
    page.screenshot(path=str(shots / "04-today-pr-timer.png"), full_page=False)

    while page.locator("form.set[data-enhance]").count():
        _log_next_set(page)
    assert page.locator("text=Session done").is_visible()
    assert page.locator(".done-set").count() >= 4
    page.screenshot(path=str(shots / "05-today-done.png"), full_page=True)
    assert not errors, errors
    page.context.close()


def test_the_lifter_sees_progress_checks_in_and_logs_out(browser: Any, server: dict[str, str],
                                                         shots: Path) -> None:
    """Continues the session above (same server): log in again and look back."""
    page = _page(browser, server)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/progress")
    page.wait_for_url("**/login?next=/progress")
    page.fill("#username", "alice")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/progress")
    exercise_id = page.locator("[id^=lift-]").first.get_attribute("id")[len("lift-"):]

    chart = page.locator(f"#lift-{exercise_id} svg.chart")
    assert chart.count() == 1, "the e1RM chart has yesterday and today"
    assert chart.locator("circle").count() == 2
    assert chart.locator("circle.pr").count() == 1
    assert page.locator("svg.chart rect.bar-legs").count() > 0
    page.screenshot(path=str(shots / "06-progress.png"), full_page=True)

    page.goto("/history")
    assert page.locator("article.card").count() == 2
    page.screenshot(path=str(shots / "07-history.png"), full_page=True)

    page.goto("/checkin")
    page.fill("#sleep", "6")
    page.check("input[name=energy][value='2']")
    page.check("input[name=legs][value='4']")
    page.fill("#weight", "80.5")
    page.click("text=Save check-in")
    page.wait_for_url("**/checkin?saved=1*")
    assert "Check-in saved" in page.content()
    assert "short of" in page.locator("#advice").inner_text()  # 6 h of sleep
    page.screenshot(path=str(shots / "08-checkin.png"), full_page=True)

    page.goto("/settings")
    page.fill("#token-name", "garage phone")
    page.click("text=Create token")
    token = page.locator("#new-token").inner_text()
    assert token.startswith("rw_")
    _fits_the_phone(page)
    page.screenshot(path=str(shots / "09-settings.png"), full_page=True)
    me = httpx.get(f"{server['base']}/api/v1/auth/me",
                   headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == "alice"

    page.click("text=Log out")
    page.wait_for_url("**/login")
    page.goto("/today")
    page.wait_for_url("**/login?next=/today")
    assert not errors, errors
    page.context.close()


def test_a_second_lifter_sees_none_of_the_first(browser: Any, server: dict[str, str],
                                                shots: Path) -> None:
    page = _page(browser, server, color_scheme="dark")
    _sign_up(page, "bob")
    _onboard(page)
    page.goto("/history")
    assert "Nothing logged" in page.content()
    page.goto("/progress")
    assert page.locator("svg.chart circle").count() == 0
    assert "No loaded lifts" in page.content()
    page.screenshot(path=str(shots / "10-progress-dark-second-user.png"), full_page=True)
    page.goto("/today")
    assert page.locator(".done-set").count() == 0
    assert page.locator(".pr").count() == 0
    page.goto("/checkin")
    assert page.locator("#sleep").input_value() == ""
    page.goto("/settings")
    assert "garage phone" not in page.content()
    for path in ("/today", "/plan", "/history", "/progress", "/checkin", "/settings"):
        page.goto(path)
        assert "alice" not in page.content()
        _fits_the_phone(page)
    page.screenshot(path=str(shots / "11-settings-dark.png"), full_page=True)
    page.context.close()


def test_logging_works_without_javascript(browser: Any, server: dict[str, str],
                                          shots: Path) -> None:
    page = _page(browser, server, java_script_enabled=False)
    _sign_up(page, "carol")
    _onboard(page)
    page.goto("/today")
    page.locator("form[data-enhance] button").first.click()
    page.wait_for_url("**/today?rest=*")
    assert page.locator(".done-set").count() == 1
    clock = page.locator(".timer .clock").inner_text()
    assert clock.startswith(("0:", "1:", "2:", "3:"))  # the server's countdown start
    page.screenshot(path=str(shots / "12-today-no-js.png"), full_page=False)
    page.context.close()


def test_the_demo_lifter_has_weeks_of_progress_to_look_at(browser: Any, server: dict[str, str],
                                                        shots: Path) -> None:
    page = _demo_page(browser, server)
    page.screenshot(path=str(shots / "13-demo-today.png"), full_page=False)
    page.goto("/progress")
    assert page.locator("svg.chart").count() >= 3
    assert page.locator("svg.chart circle").count() >= 6
    page.screenshot(path=str(shots / "14-demo-progress.png"), full_page=True)
    page.emulate_media(media="print")
    page.goto("/plan")
    assert not page.locator("nav").is_visible()  # the printed plan has no navigation
    page.screenshot(path=str(shots / "15-demo-plan-print.png"), full_page=False)
    page.context.close()


def test_past_imports_fit_the_phone_and_undo_from_there(browser: Any, server: dict[str, str],
                                                        shots: Path, tmp_path: Path) -> None:
    """The list of past imports had five columns: at 390 px the page scrolled sideways and
    the Undo buttons stood outside their card."""
    export = tmp_path / "strong_export_of_many_years.csv"
    export.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        "2026-01-05 18:00:00,Legs,45m,Squat (Barbell),1,100,5,0,0,went deep,,\n"
        "2026-01-05 18:00:00,Legs,45m,Romanian Deadlift (Barbell),1,80,8,0,0,slow down,,\n",
        encoding="utf-8")
    page = _page(browser, server)
    _sign_up(page, "dora")
    page.goto("/settings")
    page.set_input_files("#file", str(export))
    page.click("text=Upload and review")
    page.click("button[value=import]")
    page.wait_for_selector("text=Imported 1 workout")
    for path in ("/settings", "/imports"):
        page.goto(path)
        _fits_the_phone(page)
        undo = page.locator("#imports button:has-text('Undo')")
        card = page.locator("section:has(#imports)").bounding_box()
        box = undo.bounding_box()
        assert box["x"] + box["width"] <= card["x"] + card["width"], path
    page.screenshot(path=str(shots / "13-imports-phone.png"), full_page=True)
    # Each exercise's note on a line of its own, not run together into one paragraph.
    page.goto("/history?until=2026-01-10")
    notes = page.locator("article.card .notes").inner_text().splitlines()
    assert notes == ["Squat (Barbell): went deep", "Romanian Deadlift (Barbell): slow down"]
    page.goto("/imports")
    page.locator("#imports button:has-text('Undo')").click()
    page.wait_for_selector("text=Undone: removed the import of strong_export_of_many_years.csv")
    page.context.close()


def test_a_320_px_phone_shows_every_page_whole(browser: Any, server: dict[str, str],
                                               shots: Path) -> None:
    """The narrowest phones in use (320 px): no page scrolls sideways (the review of a real
    Hevy export ran 56 px off the screen), "Settings" stays one word on one line beside the
    brand and Log out (it broke as "Sett/ings"), and every tab of the bottom bar shows its
    whole label."""
    page = _demo_page(browser, server, viewport={"width": 320, "height": 640},
                      is_mobile=True, has_touch=True)
    # A phone's page grows sideways to hold what is too wide (innerWidth with it): measured
    # against the screen's 320 px.
    wider = "document.documentElement.scrollWidth - 320"
    # A review ending mid-week has part weeks, counted "7 part week" (the table ran 69 px over).
    today = dt.date.today()
    wednesday = today - dt.timedelta(days=(today.weekday() - 2) % 7)
    for path in ("/today", "/plan", "/progress", "/review", "/history", "/checkin",
                 "/settings", f"/review?weeks=5&end={wednesday.isoformat()}", "import"):
        if path == "import":  # reviewed, then cancelled: the demo's log stays as it is
            page.goto("/settings")
            page.set_input_files("#file", str(EXPORTS / "hevy_sample.csv"))
            page.click("text=Upload and review")
            page.wait_for_selector("text=Review import")
        else:
            page.goto(path)
        assert page.evaluate(wider) <= 0, f"{path} is {page.evaluate(wider)} px too wide"
        top = page.evaluate("""() => {
          const gear = document.querySelector('.who .gear');
          const line = parseFloat(getComputedStyle(gear).lineHeight);
          const box = gear.getBoundingClientRect();
          const out = document.querySelector('header.top button').getBoundingClientRect();
          const brand = document.querySelector('.brand').getBoundingClientRect();
          return {lines: box.height / line, gap: box.left - brand.right, outRight: out.right,
                  overlap: box.right > out.left,
                  cut: Array.from(document.querySelectorAll('.nav a'))
                    .filter(a => a.scrollWidth > a.clientWidth).map(a => a.textContent)};
        }""")
        assert top["lines"] < 1.5, (path, top)
        assert top["gap"] > 0 and not top["overlap"] and top["outRight"] <= 320, (path, top)
        assert top["cut"] == [], (path, top)
    page.screenshot(path=str(shots / "16-demo-import-320.png"), full_page=False)
    page.click("text=Cancel: store nothing")
    page.context.close()


def test_the_reviews_muscle_table_fits_a_320_px_phone(browser: Any, server: dict[str, str],
                                                     shots: Path) -> None:
    """The review's weekly sets per muscle (muscle, its weeks, sets a week, band, verdict) fit
    the narrowest phone: no cell runs past the card or the screen, every muscle's verdict is in
    view, and the region table beside it is sums with no verdict."""
    page = _demo_page(browser, server, viewport={"width": 320, "height": 640},
                      is_mobile=True, has_touch=True)
    page.goto("/review")
    table = page.locator("table.muscles")
    table.scroll_into_view_if_needed()
    got = page.evaluate("""() => {
      const t = document.querySelector('table.muscles');
      const card = t.closest('.card').getBoundingClientRect();
      const rows = Array.from(t.querySelectorAll('tbody tr')).map(tr => {
        const cells = Array.from(tr.children).map(td => td.getBoundingClientRect());
        return {id: tr.id, right: Math.max(...cells.map(c => c.right)),
                verdict: tr.lastElementChild.textContent.trim()};
      });
      return {rows: rows, cardRight: card.right, tableRight: t.getBoundingClientRect().right,
              wide: document.documentElement.scrollWidth - 320,
              regions: document.querySelector('table.weekly').textContent};
    }""")
    # Each cell's text and width, to say which column ran over.
    widths = page.evaluate("""() => Array.from(
      document.querySelectorAll('table.muscles tr')).map(tr => Array.from(tr.children).map(
        td => [td.textContent.trim(), Math.round(td.getBoundingClientRect().width)]))""")
    assert got["wide"] <= 0, (f"/review is {got['wide']} px too wide", widths)
    assert len(got["rows"]) == 7, got["rows"]
    for row in got["rows"]:
        assert row["right"] <= got["cardRight"] + 0.5 and row["right"] <= 320, row
        assert row["verdict"].split()[-1] in {"inside", "under", "over", "judged)"}, row
    assert not any(word in got["regions"] for word in ("under", "over", "in band"))
    page.screenshot(path=str(shots / "17-review-muscles-320.png"), full_page=True)
    page.context.close()
