"""The review as a service: read the log, call the pure review, render it for sharing.

`review(store, user, end=..., weeks=...)` opens one reader, fetches the period's workouts and
check-ins, a summary of the years before (`EarlierLog`: training days, firsts, the sets of the
lifts the review follows, body weights) and the active plan, and returns
`redwood.coach.review.Review` (its `to_dict()` is the JSON of the CLI and the API); the same
review as over the whole log, in a fraction of the time on years of training.
`review_markdown` and `review_html` render it; the HTML embeds
the charts of `redwood.render.charts` as inline SVG when that module is installed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from redwood.services.base import ServiceError

if TYPE_CHECKING:
    from redwood.catalog.loader import Catalog
    from redwood.coach.review import EarlierLog, PlannedDay, Review, ReviewInput
    from redwood.domain.log import CheckIn, Workout
    from redwood.domain.user import User
    from redwood.store import Store


class ReviewError(ServiceError):
    """A review that cannot be asked for (a bad span); the message says what is allowed."""


def planned_days(plan_id: int, plan: dict[str, Any]) -> list[PlannedDay]:
    """The sessions of a plan-v1 JSON document."""
    from redwood.coach.review import PlannedDay

    out: list[PlannedDay] = []
    for week in plan.get("weeks", []):
        for i, session in enumerate(week.get("sessions", [])):
            try:
                day = dt.date.fromisoformat(session["date"])
            except (KeyError, TypeError, ValueError):
                continue
            out.append(PlannedDay(day, plan_id, int(week["index"]), i,
                                  bool(week.get("deload", False)), week.get("block")))
    return out


def gather(store: Store, user: User, *, end: dt.date, weeks: int | None = None,
           whole_log: bool = True, catalog: Catalog | None = None) -> ReviewInput:
    """What the review reads, in one reader: the log and check-ins up to `end`, the active
    plan's sessions, the goal and level (the plan's profile, else the lifter's).

    `whole_log=False` reads only the period in full and summarizes the years before it
    (ReviewInput.earlier): the same review, much faster on a long log, but `workouts` then
    holds only the period (charts of records and streaks want the whole log). The summary
    follows the core lifts of `catalog` (default: the built-in one): pass `build` the same."""
    from redwood.coach.review import ReviewInput, review_period
    from redwood.rules.review import load_review_rules

    rr = load_review_rules()
    n = rr.period.weeks if weeks is None else weeks
    if not 1 <= n <= rr.period.max_weeks:
        raise ReviewError(f"{n} is out of range: allowed 1..{rr.period.max_weeks}", "weeks")
    start, end = review_period(end, n)
    earlier: EarlierLog | None = None
    with store.reader(user.id) as uow:
        if whole_log:
            workouts: list[Workout] = uow.workouts.list(until=end)
            checkins: list[CheckIn] = uow.checkins.list(until=end)
        else:
            from redwood.catalog import load_catalog
            from redwood.coach.review import EarlierLog, earlier_exercises
            from redwood.store import queries

            workouts = uow.workouts.list(since=start, until=end)
            ids = earlier_exercises(workouts, catalog or load_catalog(), rr)
            earlier = EarlierLog(
                start, queries.training_days(uow, before=start),
                queries.hard_sets_by_day(uow, ids, before=start), ids,
                queries.first_hard_days(uow, before=start),
                queries.logged_before(uow, before=start))
            # Before the period only body weights count (milestones at times body weight).
            checkins = [*queries.body_weights(uow, before=start),
                        *uow.checkins.list(since=start, until=end)]
        active = uow.plans.active()
        profile = uow.profiles.active()
    from redwood.services.progress import level_and_goal

    planned = [] if active is None else planned_days(*active)
    level, goal = level_and_goal(profile[1] if profile else None,
                                 active[1] if active else None)
    # A lifter who started lately is reviewed from their start (sign-up, or the first workout
    # when an imported log goes further back), not blamed for the weeks before it.
    began = min([user.created_at.date(), *(w.date for w in workouts[-1:])])
    if (earlier is None or not earlier.logged) and start < began <= end:
        start = began
        if earlier is not None:
            import dataclasses

            earlier = dataclasses.replace(earlier, before=start)
    return ReviewInput(start, end, workouts, checkins, planned, level, goal, user.unit,
                       earlier)


def build(inp: ReviewInput, catalog: Catalog | None = None) -> Review:
    from redwood.catalog import load_catalog
    from redwood.coach.review import build_review
    from redwood.rules import load_rules
    from redwood.rules.coach import load_coach_rules
    from redwood.rules.review import load_review_rules

    return build_review(inp, catalog or load_catalog(), load_rules(), load_coach_rules(),
                        load_review_rules())


def review(
    store: Store,
    user: User,
    *,
    end: dt.date,
    weeks: int | None = None,
    catalog: Catalog | None = None,
) -> Review:
    """The review of the `weeks` weeks ending on `end` (review.toml's default: 4)."""
    from redwood.catalog import load_catalog

    catalog = catalog or load_catalog()
    return build(gather(store, user, end=end, weeks=weeks, whole_log=False, catalog=catalog),
                 catalog)


# --- rendering -------------------------------------------------------------------------------


def _w(kg: Any, r: Review) -> str:
    from redwood.coach.loading import display_weight

    return "-" if kg is None else display_weight(kg, r.unit)


def slope_text(kg_per_week: float | None, r: Review) -> str:
    """'+2.5 kg', '-1.1 lb': a weekly e1RM slope in the lifter's unit; '-' without one."""
    if kg_per_week is None:
        return "-"
    from redwood.domain.log import KG_PER_LB, Unit

    value = kg_per_week if r.unit is Unit.KG else kg_per_week / float(KG_PER_LB)
    return f"{value:+.2f} {r.unit.value}"


def _period(r: Review) -> str:
    return f"{r.start:%d %b %Y} - {r.end:%d %b %Y}"


def _adherence_line(r: Review) -> str:
    a = r.adherence
    if a.planned:
        return (f"{a.done} of {a.planned} planned sessions done ({a.on_day} on the day, "
                f"{a.moved} moved), {a.missed} missed, {a.extra} extra")
    if a.planned == 0:
        return f"no planned sessions in the period; {a.sessions} training days"
    return f"{a.sessions} training days (no active plan)"


def review_markdown(r: Review) -> str:
    """The review as Markdown, for a note or a message to a coach."""
    a = r.adherence
    lines = [f"# Training review: {_period(r)}", ""]
    if r.empty:
        lines += [f"_{r.findings[0].text if r.findings else 'Nothing logged in this period.'}_",
                  ""]
    lines += ["## Adherence", "", f"- {_adherence_line(r)}",
              f"- Consistency: current run {a.current_streak_days} days, longest "
              f"{a.longest_streak_days} days", ""]
    if r.lifts:
        lines += ["## Core lifts", "",
                  "| Lift | e1RM start | e1RM end | per week | per week before | records |",
                  "|---|---|---|---|---|---|"]
        for t in r.lifts:
            c, p = t.current, t.previous
            slope = slope_text(c.slope_kg_per_week, r)
            prev = slope_text(p.slope_kg_per_week, r)
            lines.append(f"| {t.name} | {_w(c.e1rm_start_kg, r)} | {_w(c.e1rm_end_kg, r)} | "
                         f"{slope} | {prev} | {len(t.records)} |")
        lines.append("")
    if r.weekly and not r.empty:
        lines += [f"## Weekly hard sets (band {r.band[0]}-{r.band[1]})", "",
                  "| Week of | legs | back | core |", "|---|---|---|---|"]
        for x in r.weekly:
            part = "" if x.days == 7 else f" ({x.days} days)"
            lines.append(f"| {x.week_start:%d %b}{part} | {x.legs} | {x.back} | "
                         f"{x.by_region.get('core', 0)} |")
        b = r.balance()
        ratio = "-" if b["ratio"] is None else f"{b['ratio']:.2f}"
        lines += ["", f"Legs:back over the period: {b['legs']}:{b['back']} ({ratio})", ""]
    if r.findings:
        lines += ["## What happened", ""]
        lines += [f"- **{f.kind}**: {f.text}" for f in r.findings]
        lines.append("")
    if r.recommendations:
        lines += ["## Next block", ""]
        lines += [f"- **{x.text}** ({x.reason})" for x in r.recommendations]
        lines.append("")
    if r.milestones or r.next_milestones:
        lines += ["## Milestones", ""]
        lines += [f"- {m.text} ({m.date:%d %b %Y})" for m in r.milestones if m.date]
        lines += [f"- Next: {m.text}" for m in r.next_milestones]
        lines.append("")
    return "\n".join(lines)


def _charts(r: Review, workouts: list[Workout] | None, checkins: list[CheckIn] | None,
            catalog: Catalog | None) -> list[tuple[str, str]]:
    """(title, inline SVG) for each chart `redwood.render.charts` can draw for this review."""
    try:
        from redwood.render import charts  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        return []
    if workouts is None or catalog is None:
        return []
    wanted: list[tuple[str, str, str | None]] = [
        (f"e1RM: {t.name}", "e1rm", t.exercise_id) for t in r.lifts[:4]
    ]
    wanted += [("Weekly hard sets", "volume", None), ("Consistency", "calendar", None),
               ("Body weight", "bodyweight", None)]
    out: list[tuple[str, str]] = []
    for title, kind, ex in wanted:
        try:
            extra: dict[str, Any] = {"band": r.band} if kind == "volume" else {}
            svg = charts.render(kind, workouts, checkins or [], catalog=catalog, exercise_id=ex,
                                start=r.start, end=r.end, fmt="svg", unit=r.unit, **extra)
        except Exception:  # a chart that cannot be drawn (NoData...) is left out, never fatal
            continue
        text = svg.decode("utf-8") if isinstance(svg, bytes) else str(svg)
        start = text.find("<svg")
        if start >= 0:
            out.append((title, text[start:]))
    return out


_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Training review {{ period }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; } td, th { padding: .3rem .6rem;
  border-bottom: 1px solid #eee; text-align: left; }
.kind { font-size: .75rem; text-transform: uppercase; color: #555; margin-right: .4rem; }
.reason { color: #555; font-size: .9rem; }
.chart svg { max-width: 100%; height: auto; }
.empty { padding: 1rem; background: #f6f6f6; }
</style></head><body>
<h1>Training review: {{ period }}</h1>
{% if empty %}<p class="empty">{{ empty_text }}</p>{% endif %}
<h2>Adherence</h2>
<p>{{ adherence }}. Consistency: current run {{ r.adherence.current_streak_days }} days, longest
{{ r.adherence.longest_streak_days }} days.</p>
{% if lifts %}<h2>Core lifts</h2>
<table><tr><th>Lift</th><th>e1RM start</th><th>e1RM end</th><th>per week</th>
<th>per week, period before</th><th>records</th></tr>
{% for l in lifts %}<tr><td>{{ l.name }}</td><td>{{ l.start }}</td><td>{{ l.end }}</td>
<td>{{ l.slope }}</td><td>{{ l.prev }}</td><td>{{ l.records }}</td></tr>{% endfor %}
</table>{% endif %}
{% if weekly %}<h2>Weekly hard sets (band {{ r.band[0] }}-{{ r.band[1] }})</h2>
<table><tr><th>Week of</th><th>legs</th><th>back</th><th>core</th></tr>
{% for w in weekly %}<tr><td>{{ w.label }}</td><td>{{ w.legs }}</td><td>{{ w.back }}</td>
<td>{{ w.core }}</td></tr>{% endfor %}</table>{% endif %}
{% if charts %}<h2>Charts</h2>
{% for title, svg in charts %}<figure class="chart"><figcaption>{{ title }}</figcaption>
{{ svg | safe }}</figure>{% endfor %}{% endif %}
{% if r.findings %}<h2>What happened</h2><ul>
{% for f in r.findings %}<li><span class="kind">{{ f.kind }}</span>{{ f.text }}</li>{% endfor %}
</ul>{% endif %}
{% if r.recommendations %}<h2>Next block</h2><ul>
{% for x in r.recommendations %}<li><strong>{{ x.text }}</strong>
<div class="reason">{{ x.reason }}</div></li>{% endfor %}</ul>{% endif %}
{% if r.milestones or r.next_milestones %}<h2>Milestones</h2><ul>
{% for m in r.milestones %}<li>{{ m.text }} ({{ m.date.strftime("%d %b %Y") }})</li>{% endfor %}
{% for m in r.next_milestones %}<li>Next: {{ m.text }}</li>{% endfor %}</ul>{% endif %}
</body></html>
"""


def review_html(r: Review, *, workouts: list[Workout] | None = None,
                checkins: list[CheckIn] | None = None, catalog: Catalog | None = None) -> str:
    """A self-contained HTML page (no external files), autoescaped; charts inline as SVG."""
    from jinja2 import Environment

    env = Environment(autoescape=True)
    lifts = [
        {"name": t.name, "start": _w(t.current.e1rm_start_kg, r),
         "end": _w(t.current.e1rm_end_kg, r),
         "slope": slope_text(t.current.slope_kg_per_week, r),
         "prev": slope_text(t.previous.slope_kg_per_week, r),
         "records": len(t.records)}
        for t in r.lifts
    ]
    weekly = [] if r.empty else [
        {"label": f"{x.week_start:%d %b}" + ("" if x.days == 7 else f" ({x.days} days)"),
         "legs": x.legs, "back": x.back, "core": x.by_region.get("core", 0)}
        for x in r.weekly
    ]
    empty_text = r.findings[0].text if r.empty and r.findings else ""
    return env.from_string(_HTML).render(
        r=r, period=_period(r), adherence=_adherence_line(r), lifts=lifts, weekly=weekly,
        charts=_charts(r, workouts, checkins, catalog), empty=r.empty, empty_text=empty_text,
    )
