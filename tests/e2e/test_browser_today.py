"""Today on the gym floor, in Debian's Chromium on a 390 x 844 touch screen, against a real
`redwood serve`: a whole session with supersets, tapped set by set, with a mistyped value, an
undo and a reload in the middle of a rest, then Finish. After every log the next Log button is
inside the visible area (below the sticky timer, above the navigation) without scrolling, the
targets never change, a refused value stays in its field with the message beside it, and the
rest timer survives the reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_browser import CHROMIUM, _onboard, _sign_up, browser, server  # noqa: F401

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]
PHONE = {"width": 390, "height": 844}

# What the lifter reads on every card: the names, the targets, the reasons.
TARGETS_JS = """() => Array.from(document.querySelectorAll('article.exercise')).map(a => [
    a.querySelector('h2').textContent.replace(/\\s*done\\s*$/, '').trim(),
    a.querySelector('[data-target]').textContent.trim(),
    a.querySelector('.why').textContent.trim()])"""

# Where the next Log button is against the part of the screen nothing covers.
PLACE_JS = """() => {
  const form = document.querySelector('[data-next]');
  if (!form) { return null; }
  const button = form.querySelector('button[type=submit]').getBoundingClientRect();
  const timer = document.querySelector('.timer');
  const nav = document.querySelector('nav .nav');
  return {top: button.top, bottom: button.bottom,
          below: timer ? timer.getBoundingClientRect().bottom : 0,
          above: nav ? nav.getBoundingClientRect().top : innerHeight,
          focused: document.activeElement === form.querySelector('button[type=submit]'),
          id: form.id};
}"""


def _tap_and_wait(page: Any, button: Any) -> None:
    """Tap a button of an enhanced form and wait for the page to put in the answer."""
    page.evaluate("() => { document.querySelector('main').dataset.old = '1'; }")
    button.tap()
    page.wait_for_function("() => !document.querySelector('main').dataset.old")


def _assert_in_view(page: Any, where: str) -> str:
    place = page.evaluate(PLACE_JS)
    assert place is not None, f"{where}: no next set named"
    assert place["top"] >= place["below"] - 0.5, (where, place)
    assert place["bottom"] <= place["above"] + 0.5, (where, place)
    assert place["focused"], (where, place)
    return str(place["id"])


def test_a_whole_session_on_a_phone(browser: Any, server: dict[str, str]) -> None:  # noqa: F811
    context = browser.new_context(viewport=PHONE, base_url=server["base"], has_touch=True,
                                  is_mobile=True, device_scale_factor=2)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The refused value is answered with 400 on purpose; any other console error is a bug.
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and "status of 400" not in m.text else None)

    _sign_up(page, "a-lifter-with-a-rather-long-name")
    # The header fits a long name on one line, Settings and Log out in reach; the six tabs of
    # the bottom bar fit the phone's width without a hidden scroll.
    header = page.evaluate("""() => {
      const top = document.querySelector('header.top').getBoundingClientRect();
      const out = document.querySelector('header.top button').getBoundingClientRect();
      const nav = document.querySelector('nav .nav');
      return {height: top.height, right: out.right, navOver: nav.scrollWidth - nav.clientWidth};
    }""")
    assert header["height"] < 70 and header["right"] <= PHONE["width"], header
    assert header["navOver"] <= 0, header
    assert page.locator("header a[href='/settings']").is_visible()
    if not page.locator("input[name=supersets]").is_checked():
        page.check("input[name=supersets]")
    # A beginner's 45-minute hypertrophy sessions hold a legs and a back accessory that are
    # quicker as a superset than as straight sets, and pair them (strength plans of 30 minutes
    # fit their accessories straight and have none).
    _onboard(page, goal="hypertrophy", minutes="45")
    page.goto("/today")
    assert page.locator(".pair-label").count() >= 1, "a session with supersets"
    targets = page.evaluate(TARGETS_JS)
    total = page.locator("form.set").count()
    assert total >= 6
    # Every set's fields are wide enough to read the number, the Log button on their row,
    # with the calibrating sets' RPE field too.
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('form.set')).map(f => {
      const inputs = Array.from(f.querySelectorAll('input:not([type=hidden])'))
        .map(i => i.getBoundingClientRect());
      const log = f.querySelector('button[type=submit]').getBoundingClientRect();
      return {fields: inputs.length, narrowest: Math.min(...inputs.map(r => r.width)),
              logTop: log.top, fieldsBottom: Math.max(...inputs.map(r => r.bottom)),
              right: log.right};
    })""")
    assert any(r["fields"] == 3 for r in rows), "a new lifter calibrates, with RPE"
    for r in rows:
        assert r["narrowest"] >= 48, r
        assert r["logTop"] < r["fieldsBottom"] and r["right"] <= PHONE["width"], r

    logged = 0
    step = 0
    while page.locator("form.set").count():
        step += 1
        form = page.locator("form[data-next]") if step > 1 else page.locator("form.set").first
        form_id = form.get_attribute("id")
        weight = form.locator("input[name=weight]")
        if step == 2 and weight.count():
            # A mistyped weight: refused where the finger is, the value kept, nothing stored.
            typed = weight.input_value()
            weight.fill("2.5kg")
            _tap_and_wait(page, form.locator("button[type=submit]"))
            field = page.locator(f"#{form_id} input[name=weight]")
            assert field.input_value() == "2.5kg"
            assert field.get_attribute("aria-invalid") == "true"
            message = page.locator(f"#{form_id} .set-error")
            assert message.is_visible() and "Weight:" in message.inner_text()
            box = message.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] - 40
            assert page.evaluate("() => document.activeElement.name") == "weight"
            assert page.locator(".done-set").count() == logged
            field.fill(typed)
            form = page.locator(f"#{form_id}")
        _tap_and_wait(page, form.locator("button[type=submit]"))
        logged += 1
        assert page.evaluate(TARGETS_JS) == targets, f"targets moved after set {logged}"
        assert page.locator(".done-set").count() == logged
        if not page.locator("form.set").count():
            break
        _assert_in_view(page, f"after set {logged}")
        assert "Saved: " in page.locator("#live").inner_text()

        if step == 3:
            # Undo on the row of the set it takes back, confirmed, and that set is next again.
            undo = page.locator(".done-set form.undo button")
            assert undo.count() == 1 and undo.is_visible()
            _tap_and_wait(page, undo)
            logged -= 1
            assert page.locator("#live").inner_text().startswith("Undone: ")
            assert page.locator(".done-set").count() == logged
            _assert_in_view(page, "after the undo")
        if step == 4:
            # A reload in the middle of the rest: the timer is still there, still counting.
            clock = page.locator(".timer .clock")
            assert clock.is_visible()
            before = clock.inner_text()
            page.reload()
            clock = page.locator(".timer .clock")
            assert clock.is_visible(), "the rest timer survives a reload"
            left = int(clock.inner_text().split(":")[0]) * 60 + int(
                clock.inner_text().split(":")[1])
            was = int(before.split(":")[0]) * 60 + int(before.split(":")[1])
            assert 0 < left <= was
            page.goto("/plan")
            page.goto("/today")
            assert page.locator(".timer .clock").is_visible(), "and a visit to another page"
            assert page.evaluate(TARGETS_JS) == targets
    assert logged == total

    # The last set: no rest timer; Finish is in view with the focus.
    assert page.locator(".timer").count() == 0
    finish = page.locator("#finish")
    assert "Session done" in finish.inner_text()
    _assert_in_view(page, "after the last set")
    page.fill("#notes", "Solid session")
    _tap_and_wait(page, finish.locator("button[type=submit]"))
    summary = page.locator("#summary")
    assert summary.is_visible() and "Next time" in summary.inner_text()
    assert "Solid session" in summary.inner_text()
    assert not errors, errors
    context.close()


def test_signup_keeps_what_was_typed_and_offers_a_username(
        browser: Any, server: dict[str, str]) -> None:  # noqa: F811
    """A refused sign-up comes back beside its field with both passwords still typed (sent in
    the background: the server never writes a password into a page), and "Lifter Jo" is
    offered as lifter.jo, taken with one tap."""
    from test_browser import PASSWORD

    context = browser.new_context(viewport=PHONE, base_url=server["base"], has_touch=True,
                                  is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/signup")
    page.fill("#username", "jo.typist")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD + "x")
    page.locator("button[type=submit]").tap()
    page.wait_for_selector("#confirm-error")
    assert page.input_value("#username") == "jo.typist"
    assert page.input_value("#password") == PASSWORD, "the password stays as typed"
    assert page.input_value("#confirm") == PASSWORD + "x", "so does the one to correct"
    assert page.evaluate("() => document.activeElement.id") == "confirm"
    assert "differ" in page.locator("#live").inner_text()

    page.fill("#username", "Lifter Jo")
    page.fill("#confirm", PASSWORD)
    page.locator("button.wide[type=submit]").tap()
    page.wait_for_selector("#username-error")
    assert "How about lifter.jo?" in page.locator("#username-error").inner_text()
    assert page.input_value("#password") == PASSWORD
    assert page.input_value("#confirm") == PASSWORD
    assert page.input_value("#username") == "Lifter Jo"
    offer = page.locator("#use-name")
    assert offer.is_visible() and offer.inner_text() == "Use lifter.jo"
    offer.tap()
    page.wait_for_url("**/onboarding")
    assert page.locator("header .who .name").inner_text() == "lifter.jo"
    assert not errors, errors
    context.close()


def test_signup_without_javascript_names_the_fields_and_offers_the_name(
        browser: Any, server: dict[str, str]) -> None:  # noqa: F811
    from test_browser import PASSWORD

    context = browser.new_context(viewport=PHONE, base_url=server["base"],
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto("/signup")
    page.fill("#username", "No Script Sam")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("button.wide[type=submit]")
    assert "How about no.script.sam?" in page.locator("#username-error").inner_text()
    # Without JavaScript the page comes from the server, which never echoes a password.
    assert page.input_value("#password") == ""
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.click("#use-name")
    page.wait_for_url("**/onboarding")
    context.close()


def test_the_plan_fits_a_phone_and_says_each_reason_once(
        browser: Any, server: dict[str, str]) -> None:  # noqa: F811
    """The demo lifter's eight-week plan on a phone: was 15,383 px tall with the same reason
    under every exercise; reasons, warm-ups and cool-downs now fold, each reason said once."""
    from redwood.services.demo import DEMO_PASSWORD, DEMO_USER

    context = browser.new_context(viewport=PHONE, base_url=server["base"], has_touch=True,
                                  is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", DEMO_USER)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/today")
    page.goto("/plan")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 9000, f"the plan is {height} px tall on a phone"
    reasons = page.evaluate("""() => Array.from(document.querySelectorAll('main .why'))
                               .map(e => e.textContent.trim())""")
    assert reasons and len(reasons) == len(set(reasons)), "each reason said once"
    # Folded, and one tap away: the first exercise's reason opens under it.
    why = page.locator("details.reason").nth(1)
    assert not why.locator(".why").is_visible()
    why.locator("summary").tap()
    assert why.locator(".why").is_visible()
    # Each superset item its own rest: to the partner, then after the round.
    pairs = page.locator("li.pair").all_inner_texts()
    assert pairs and any("then 30 s to" in p or "then" in p for p in pairs)
    assert all("Rest 150 s" not in p for p in pairs)
    # Printing opens every reason.
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("main details:not([open])").count() == 0
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator("main details[open]").count() == 1, "after printing, as before"
    context.close()


def test_what_must_keep_working_on_the_gym_floor(browser: Any,  # noqa: F811
                                                 server: dict[str, str]) -> None:  # noqa: F811
    """A changed weight carries to the lift's next set; a double tap stores one set; the
    keyboard alone logs a set (Enter on the focused Log, fields reached with Tab)."""
    import datetime as dt

    import httpx
    from test_browser import PASSWORD

    context = browser.new_context(viewport=PHONE, base_url=server["base"], has_touch=True,
                                  is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_up(page, "steady")
    _onboard(page)
    page.goto("/today")
    first = page.locator("form.set").first
    card = first.locator("xpath=ancestor::article")
    exercise = card.get_attribute("data-exercise")
    assert card.locator("form.set").count() >= 2, "two sets of the first lift to log"

    # A changed weight carries to the next set of the lift.
    first.locator("input[name=weight]").fill("27.5")
    _tap_and_wait(page, first.locator("button[type=submit]"))
    nxt = page.locator("form[data-next]")
    assert nxt.locator("input[name=weight]").input_value() == "27.5"

    # A double tap on Log stores one set.
    page.evaluate("() => { document.querySelector('main').dataset.old = '1'; }")
    nxt.locator("button[type=submit]").dblclick()
    page.wait_for_function("() => !document.querySelector('main').dataset.old")
    page.wait_for_timeout(500)  # a second request would have landed by now
    assert page.locator(".done-set").count() == 2

    # The keyboard alone: back from the focused Log to the weight, a new value, Enter.
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Log"
    weighted = page.locator("form[data-next] input[name=weight]").count() == 1
    # Retyped as prefilled: more than 1.5 x the target would ask "Log anyway?" first.
    again = page.locator("form[data-next] input[name=weight]").input_value() if weighted else ""
    if weighted:
        for _ in range(4):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("() => document.activeElement.name") == "weight":
                break
        assert page.evaluate("() => document.activeElement.name") == "weight"
        page.keyboard.press("Control+A")
        page.keyboard.type(again)
    page.evaluate("() => { document.querySelector('main').dataset.old = '1'; }")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('main').dataset.old")
    assert page.locator(".done-set").count() == 3

    token = httpx.post(f"{server['base']}/api/v1/auth/token",
                       json={"username": "steady", "password": PASSWORD}).json()["access_token"]
    items = httpx.get(f"{server['base']}/api/v1/workouts",
                      params={"since": dt.date.today().isoformat()},
                      headers={"Authorization": f"Bearer {token}"}).json()["items"]
    sets = [(s["exercise_id"], s["weight_kg"]) for w in items for s in w["sets"]]
    assert sets[:2] == [(exercise, 27.5), (exercise, 27.5)] and len(sets) == 3, sets
    assert sets[2][1] == (float(again) if weighted else None), sets
    assert not errors, errors
    context.close()
