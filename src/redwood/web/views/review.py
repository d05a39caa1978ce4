"""The training review as a page (/review), and as the files `redwood review` writes
(/review.md, /review.html) to keep or send to a coach.

The numbers are redwood.services.reviewing's, the same as the CLI's and the API's; here they
only become lines a lifter reads on a phone: weights in the lifter's unit, weeks against the
target band.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from redwood.web.views._common import _weight, current_user, render, store_of, to_login

if TYPE_CHECKING:
    from redwood.coach.review import Review, ReviewInput
    from redwood.domain.user import User

router = APIRouter()

EARLIEST = dt.date(1950, 1, 1)
LATEST = dt.date(2100, 12, 31)


class _BadQuery(ValueError):
    """A query parameter no review can be made of; the message names it."""


def _max_weeks() -> int:
    from redwood.rules.review import load_review_rules

    return load_review_rules().period.max_weeks


def _span(weeks_text: str, end_text: str) -> tuple[int, dt.date]:
    from redwood.rules.review import load_review_rules

    period = load_review_rules().period
    weeks = period.weeks
    if weeks_text:
        text = weeks_text.strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= period.max_weeks:
            raise _BadQuery(f"weeks: {weeks_text!r} is not a number of weeks: allowed "
                            f"1..{period.max_weeks}")
        weeks = int(text)
    end = dt.date.today()
    if end_text:
        try:
            end = dt.date.fromisoformat(end_text.strip())
        except ValueError:
            raise _BadQuery(f"end: {end_text!r} is not a date: use YYYY-MM-DD") from None
        if not EARLIEST <= end <= LATEST:
            raise _BadQuery(f"end: {end} must be between {EARLIEST} and {LATEST}")
    return weeks, end


def _gather(request: Request, user: User, weeks: int, end: dt.date) -> ReviewInput:
    """The review's input: the period in full and a summary of the years before it (the
    same review, bounded on a long log)."""
    from redwood.services.reviewing import gather

    return gather(store_of(request), user, end=end, weeks=weeks, whole_log=False)


def _page_data(r: Review) -> dict[str, Any]:
    """What the template shows, as text in the lifter's unit."""
    from redwood.render.review import REGION_CAPTION, muscle_caption, slope_text

    unit = r.unit

    def w(kg: Any) -> str:
        return "–" if kg is None else _weight(kg, unit)

    a = r.adherence
    lifts = [{
        "id": t.exercise_id, "name": t.name,
        "start": w(t.current.e1rm_start_kg), "end": w(t.current.e1rm_end_kg),
        "best": w(t.current.best_e1rm_kg),
        "slope": slope_text(t.current.slope_kg_per_week, r),
        "previous": slope_text(t.previous.slope_kg_per_week, r),
        "rising": (t.current.slope_kg_per_week or 0) > 0,
        "records": [rec.text for rec in t.records],
    } for t in r.lifts]
    week_rows = [] if r.empty else [{
        "start": x.week_start, "days": x.days, "legs": x.legs, "back": x.back,
        "core": x.by_region.get("core", 0),
    } for x in r.weekly]
    chart = None
    if week_rows and any(x["legs"] or x["back"] for x in week_rows):
        from redwood.web.views.charts import weekly_bar_chart

        # The regions' sums without a band: no muscle's band judges a region.
        chart = weekly_bar_chart(
            "Hard sets a week: legs and back",
            f"Weekly hard sets for legs and back over {len(week_rows)} weeks, summed over "
            "their muscles; each muscle's band is in the table.",
            [(x.week_start, x.legs, x.back) for x in r.weekly], None)
    return {
        "adherence": a,
        "rate": None if a.rate is None else f"{a.rate:.0%}",
        "lifts": lifts,
        "week_rows": week_rows,
        # Each muscle against its own band (the findings read the same MuscleVolume): the
        # sets a week, the band, and how far under or over (macros.html's muscle_table).
        "muscles": [] if r.empty else r.muscles,
        "muscle_caption": muscle_caption(r),
        "region_caption": REGION_CAPTION,
        "chart": chart,
        "balance": r.balance(),
        # The empty-log message heads the page; the rest are listed as findings.
        "empty_text": r.findings[0].text if r.empty and r.findings else "",
        "findings": r.findings[1:] if r.empty else r.findings,
        "body_weight": None if r.body_weight_kg is None else w(r.body_weight_kg),
    }


def _query(weeks: int, end: dt.date) -> str:
    from urllib.parse import urlencode

    return urlencode({"weeks": weeks, "end": end.isoformat()})


@router.get("/review", include_in_schema=False)
def review_page(request: Request, weeks: str = "", end: str = "") -> Response:
    from redwood.services.reviewing import build

    user = current_user(request)
    if user is None:
        return to_login(request)
    try:
        n, last = _span(weeks, end)
    except _BadQuery as exc:
        return render(request, "review.html", user=user, active="review", title="Review",
                      status=422, error=str(exc), weeks=weeks, end=end, r=None,
                      max_weeks=_max_weeks())
    inp = _gather(request, user, n, last)
    r = build(inp)
    # With a plan but no session due yet (a new lifter): when the first one is.
    upcoming = min((p.date for p in inp.planned if p.date >= r.end), default=None)
    return render(request, "review.html", user=user, active="review", title="Review",
                  error="", weeks=str(n), end=last.isoformat(), r=r, query=_query(n, last),
                  max_weeks=_max_weeks(), upcoming=upcoming, **_page_data(r))


def _download(request: Request, weeks: str, end: str, fmt: str) -> Response:
    from redwood.catalog import load_catalog
    from redwood.render.review import review_html, review_markdown
    from redwood.services.reviewing import build, chart_log

    user = current_user(request)
    if user is None:
        return to_login(request)
    try:
        n, last = _span(weeks, end)
    except _BadQuery as exc:
        return PlainTextResponse(str(exc), status_code=422)
    catalog = load_catalog()
    r = build(_gather(request, user, n, last), catalog)
    name = f"redwood-review-{r.start.isoformat()}-{r.end.isoformat()}.{fmt}"
    if fmt == "md":
        body, media = review_markdown(r), "text/markdown; charset=utf-8"
    else:
        # The charts read the period and a summary of the years before: bounded.
        log = chart_log(store_of(request), user, r)
        body = review_html(r, workouts=log.workouts, checkins=log.checkins, catalog=catalog,
                           days=log.days, e1rm_before=log.e1rm_before)
        media = "text/html; charset=utf-8"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/review.md", include_in_schema=False)
def review_markdown_file(request: Request, weeks: str = "", end: str = "") -> Response:
    return _download(request, weeks, end, "md")


@router.get("/review.html", include_in_schema=False)
def review_html_file(request: Request, weeks: str = "", end: str = "") -> Response:
    return _download(request, weeks, end, "html")
