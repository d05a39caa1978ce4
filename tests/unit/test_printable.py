"""The printable program: every week and exercise with cues and boxes; a PDF page a week."""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import pytest

from plans import build_json
from redwood.render.printable import catalog_cues, plan_html, render_pdf


@pytest.fixture(scope="module")
def plan() -> dict:
    return build_json(weeks=2, days=3)


class _Checker(HTMLParser):
    """Counts tags and checks they nest (void elements aside)."""

    VOID = frozenset({"meta", "br", "img", "hr", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.count: dict[str, int] = {}
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.count[tag] = self.count.get(tag, 0) + 1
        self.classes.extend((dict(attrs).get("class") or "").split())
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


def test_html_has_every_week_session_exercise_cue_and_box(plan) -> None:
    html = plan_html(plan)
    checker = _Checker()
    checker.feed(html)
    assert checker.stack == []
    assert checker.classes.count("week") == len(plan["weeks"])
    cues = catalog_cues()
    boxes = 0
    for week in plan["weeks"]:
        assert f"Week {week['index']}" in html
        for session in week["sessions"]:
            assert session["title"] in html
            for block in session["blocks"]:
                for item in block["items"]:
                    assert item["name"] in html
                    boxes += item["sets"]
                    for cue in cues[item["exercise_id"]]:
                        assert cue.replace("'", "&#39;").replace('"', "&#34;") in html
    assert html.count('class="set-no"') == boxes
    assert "break-after: page" in html


def test_user_text_is_escaped(plan) -> None:
    evil = copy.deepcopy(plan)
    evil["weeks"][0]["sessions"][0]["title"] = '<script>alert("x")</script>'
    item = evil["weeks"][0]["sessions"][0]["blocks"][0]["items"][0]
    item["name"] = "<b>Squat</b> & more"
    html = plan_html(evil, cues={item["exercise_id"]: ("<img src=x onerror=alert(1)>",)})
    assert "<script>" not in html and "<b>Squat" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Squat&lt;/b&gt; &amp; more" in html


def test_an_exercise_outside_the_catalogue_has_no_cues_but_prints(plan) -> None:
    custom = copy.deepcopy(plan)
    item = custom["weeks"][0]["sessions"][0]["blocks"][0]["items"][0]
    item["exercise_id"], item["name"] = "my-move", "My Own Move"
    html = plan_html(custom)
    assert "My Own Move" in html
    start = html.index("My Own Move")
    assert '<ul class="cues">' not in html[start:html.index('<table class="log">', start)]


@pytest.mark.slow
@pytest.mark.parametrize("days", [2, 3, 4])
def test_pdf_gives_each_week_its_own_pages(days: int) -> None:
    plan = build_json(weeks=2, days=days)
    pdf, pages = render_pdf(plan)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    # A week starts a page; a week of four full sessions may run onto a second one.
    assert len(plan["weeks"]) == 2 <= pages <= 2 * len(plan["weeks"])
