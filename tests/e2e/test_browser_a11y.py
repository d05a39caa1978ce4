"""Every page passes axe-core (0 violations) in light and in dark mode, in Debian's Chromium
on a phone screen: logged out, as a new lifter in the middle of a session, and as the demo
lifter with weeks of history. axe-core is vendored in tests/fixtures/axe (from the npm
registry, MPL-2.0); the page's Content-Security-Policy is bypassed in this test's browser
context only, to inject it."""

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
AXE = Path(__file__).resolve().parent.parent / "fixtures" / "axe" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
PAGES = ("/today", "/plan", "/progress", "/review", "/history", "/checkin", "/settings",
         "/onboarding")
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


def _violations(page: Any, path: str) -> list[str]:
    page.goto(path)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found: list[str] = page.evaluate(RUN_AXE)
    return [f"{path}: {v}" for v in found]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_axe_violations(browser: Any, server: dict[str, str],  # noqa: F811
                                          scheme: str) -> None:
    from redwood.services.demo import DEMO_PASSWORD, DEMO_USER

    found: list[str] = []

    def context() -> Any:
        made = browser.new_context(viewport=PHONE, base_url=server["base"], bypass_csp=True,
                                   color_scheme=scheme, has_touch=True)
        made.set_default_timeout(10_000)
        return made

    visitor = context()
    page = visitor.new_page()
    for path in ("/login", "/signup"):
        found += _violations(page, path)
    # A new lifter: onboarding, an empty history, Today with a set logged and a rest timer.
    _sign_up(page, f"axe{scheme}")
    found += _violations(page, "/onboarding")
    _onboard(page)
    page.goto("/today")
    page.locator("form.set button[type=submit]").first.click()
    page.wait_for_selector(".timer")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found += [f"/today (mid-session): {v}" for v in page.evaluate(RUN_AXE)]
    # Empty states (the demo lifter below covers every page full).
    for path in ("/progress", "/review", "/history"):
        found += _violations(page, path)
    visitor.close()

    demo = context()
    page = demo.new_page()
    page.goto("/login")
    page.fill("#username", DEMO_USER)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/today")
    for path in PAGES:
        found += _violations(page, path)
    # Charts fill their card and their labels stay readable on the phone.
    page.goto("/progress")
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('svg.chart')).map(svg => {
      const card = svg.closest('.card'), style = getComputedStyle(card);
      const inner = card.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
      const text = svg.querySelector('text').getBoundingClientRect();
      return {width: svg.getBoundingClientRect().width, inner: inner, label: text.height};
    })""")
    assert sizes
    for size in sizes:
        assert size["width"] >= size["inner"] - 1, size
        assert size["label"] >= 10, size
    demo.close()
    assert not found, "\n".join(found)
