"""The training review as files to keep or send to a coach: Markdown, and a self-contained
HTML page with the charts of redwood.render.charts inline as SVG (when matplotlib is there).

The numbers are the review's (redwood.coach.review, gathered by redwood.services.reviewing);
here they only become lines, in the lifter's unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from redwood.catalog.loader import Catalog
    from redwood.coach.review import Review
    from redwood.domain.log import CheckIn, Workout


def _w(kg: Any, r: Review) -> str:
    from redwood.coach.loading import display_weight

    return "-" if kg is None else display_weight(kg, r.unit)


def slope_text(kg_per_week: float | None, r: Review) -> str:
    """'+2.5 kg', '-1.1 lb': a weekly e1RM slope in the lifter's unit, worded as the review's
    findings word it; '-' without one."""
    if kg_per_week is None:
        return "-"
    from redwood.coach.review.lifts import slope_amount

    return slope_amount(kg_per_week, r.unit)


def _period(r: Review) -> str:
    return f"{r.start:%d %b %Y} - {r.end:%d %b %Y}"


def _adherence_line(r: Review) -> str:
    a = r.adherence
    if a.planned:
        return (f"{a.done} of {a.planned} planned sessions done ({a.on_day} on the day, "
                f"{a.moved} moved), {a.missed} missed, {a.extra} extra")
    days = f"{a.sessions} training day" + ("" if a.sessions == 1 else "s")
    if a.planned == 0:
        return f"no planned sessions in the period; {days}"
    return f"{days} (no active plan)"


REGION_CAPTION = ("Sums of every exercise's hard sets by region, for the legs:back balance; "
                  "each muscle is judged against its own band above, a region never is.")


def muscle_caption(r: Review) -> str:
    """What the per-muscle table counts and judges by, in one line."""
    full = sum(1 for x in r.weekly if x.days == 7) or len(r.weekly)
    who = f"{r.goal.value}, {r.level.value}" if r.goal is not None else \
        f"{r.level.value}, the widest band of any goal"
    return (f"Hard sets a week over {full} week{'s' if full != 1 else ''}, counted as the "
            f"planner doses them (secondary muscles at half); bands for {who}. Calves and "
            "core are judged only above their band.")


def review_markdown(r: Review) -> str:
    """The review as Markdown, for a note or a message to a coach."""
    from redwood.coach.review.model import days_text

    a = r.adherence
    lines = [f"# Training review: {_period(r)}", ""]
    if r.empty:
        lines += [f"_{r.findings[0].text if r.findings else 'Nothing logged in this period.'}_",
                  ""]
    lines += ["## Adherence", "", f"- {_adherence_line(r)}",
              f"- Consistency: current run {days_text(a.current_streak_days)}, longest "
              f"{days_text(a.longest_streak_days)}", ""]
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
        if r.muscles:
            lines += ["## Weekly hard sets per muscle", "", muscle_caption(r), "",
                      "| Muscle | a week | band | vs band |", "|---|---|---|---|"]
            lines += [f"| {m.muscle} | {m.average:.1f} | {m.band[0]}-{m.band[1]} | "
                      f"{m.verdict()} |" for m in r.muscles]
            lines.append("")
        lines += ["## Hard sets by region", "", REGION_CAPTION, "",
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
            catalog: Catalog | None, days: list[dt.date] | None = None,
            e1rm_before: list[Workout] | None = None) -> list[tuple[str, str]]:
    """(title, inline SVG) for each chart `redwood.render.charts` can draw for this review.
    See review_html for `days` and `e1rm_before`."""
    try:
        from redwood.render import charts  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        return []
    if workouts is None or catalog is None:
        return []
    wanted: list[tuple[str, str, str | None]] = [
        (f"e1RM: {t.name}", "e1rm", t.exercise_id) for t in r.lifts[:4]
    ]
    wanted += [("Weekly hard sets by region", "volume", None), ("Consistency", "calendar", None),
               ("Body weight", "bodyweight", None)]
    out: list[tuple[str, str]] = []
    for title, kind, ex in wanted:
        try:
            # No band on the regions' bars: the review judges each muscle against its own
            # band (the per-muscle table); a region's sum is never judged by one.
            extra: dict[str, Any] = {}
            if kind == "calendar" and days is not None:
                extra["days"] = days
            log = [*e1rm_before, *workouts] if kind == "e1rm" and e1rm_before else workouts
            svg = charts.render(kind, log, checkins or [], catalog=catalog, exercise_id=ex,
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
{% set a = r.adherence %}
<p>{{ adherence }}. Consistency: current run {{ a.current_streak_days }}
day{{ "s" if a.current_streak_days != 1 }}, longest {{ a.longest_streak_days }}
day{{ "s" if a.longest_streak_days != 1 }}.</p>
{% if lifts %}<h2>Core lifts</h2>
<table><tr><th>Lift</th><th>e1RM start</th><th>e1RM end</th><th>per week</th>
<th>per week, period before</th><th>records</th></tr>
{% for l in lifts %}<tr><td>{{ l.name }}</td><td>{{ l.start }}</td><td>{{ l.end }}</td>
<td>{{ l.slope }}</td><td>{{ l.prev }}</td><td>{{ l.records }}</td></tr>{% endfor %}
</table>{% endif %}
{% if weekly %}{% if muscles %}<h2>Weekly hard sets per muscle</h2>
<p class="reason">{{ muscle_caption }}</p>
<table><tr><th>Muscle</th><th>a week</th><th>band</th><th>vs band</th></tr>
{% for m in muscles %}<tr><td>{{ m.muscle }}</td><td>{{ "%.1f" | format(m.average) }}</td>
<td>{{ m.band[0] }}-{{ m.band[1] }}</td><td>{{ m.verdict() }}</td></tr>{% endfor %}
</table>{% endif %}
<h2>Hard sets by region</h2>
<p class="reason">{{ region_caption }}</p>
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
                checkins: list[CheckIn] | None = None, catalog: Catalog | None = None,
                days: list[dt.date] | None = None,
                e1rm_before: list[Workout] | None = None) -> str:
    """A self-contained HTML page (no external files), autoescaped; charts inline as SVG.

    The charts read `workouts` and `checkins` (the whole log up to the review's end), or,
    bounded on a long log, the workouts from the Monday of the period's first week with
    `days` (every training day up to the end: the calendar's streaks) and `e1rm_before` (a
    summary of the e1RM charts' lifts before the period: their records)."""
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
        charts=_charts(r, workouts, checkins, catalog, days, e1rm_before), empty=r.empty,
        empty_text=empty_text, muscles=() if r.empty else r.muscles,
        muscle_caption=muscle_caption(r), region_caption=REGION_CAPTION,
    )
