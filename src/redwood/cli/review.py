"""`redwood review`: the four-week review, for the terminal, for sharing and for the API.

Light at import: the store, the coach, rich and jinja2 are imported inside the command.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from redwood.cli.collector import no_cyclic_gc
from redwood.cli.common import Ranged, as_path, choice, context, fail, write_output

if TYPE_CHECKING:
    from pathlib import Path

    from redwood.coach.review import Review

FORMATS = ("text", "markdown", "html", "json")


def weeks_allowed() -> tuple[int, int]:
    """How many weeks a review may cover (review.toml [period]), read when --weeks is given."""
    from redwood.rules.review import load_review_rules

    return 1, load_review_rules().period.max_weeks


@click.command()
@click.option("--weeks", type=Ranged(weeks_allowed), default=None,
              help="How many weeks to review (default 4, as the guide asks).")
@click.option("--end", "end_", default=None, help="Last day of the review, YYYY-MM-DD "
              "(default: today).")
@click.option("--format", "-f", "format_", default="text", show_default=True,
              help="text, markdown, html or json")
# A name, made a Path only when given (pathlib costs some 19 M instructions to load).
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of the terminal.")
def review(weeks: int | None, end_: str | None, format_: str, output: str | None) -> None:
    """What the last weeks of training show, and what changes in the next block."""
    with no_cyclic_gc():
        _review(weeks, end_, format_, as_path(output))


def _review(weeks: int | None, end_: str | None, format_: str, output: Path | None) -> None:
    import datetime as dt

    from redwood.catalog import load_catalog
    from redwood.render.review import review_html, review_markdown
    from redwood.services.base import StoreError
    from redwood.services.reviewing import ReviewError, build, gather

    choice(format_, FORMATS, "--format")
    if end_ is None:
        end = dt.date.today()
    else:
        try:
            end = dt.date.fromisoformat(end_)
        except ValueError:
            fail(f"--end: {end_!r} is not a date: use YYYY-MM-DD")
    # The HTML file's charts read what only the full store serves (training days, e1RM
    # summaries); the other formats take the fast path.
    store, user = context().open(fast=format_ != "html")
    catalog = load_catalog()
    try:
        # The review reads the period and a summary of the years before.
        inp = gather(store, user, end=end, weeks=weeks, whole_log=False, catalog=catalog)
    except ReviewError as exc:
        fail(exc.worded({"weeks": "--weeks"}))
    except StoreError as exc:
        fail(str(exc), 1)
    result = build(inp, catalog)
    if format_ == "json":
        import json

        write_output(json.dumps(result.to_dict(), indent=2) + "\n", output)
    elif format_ == "markdown":
        write_output(review_markdown(result), output)
    elif format_ == "html":
        from redwood.services.reviewing import chart_log

        # The charts, as the web's review file draws them: the period and a summary of the
        # years before it, not the whole log (bounded however long the log).
        log = chart_log(store, user, result)
        write_output(review_html(result, workouts=log.workouts, checkins=log.checkins,
                                 catalog=catalog, days=log.days, e1rm_before=log.e1rm_before),
                     output)
    elif output is not None:
        write_output(_plain(result), output)
    else:
        _print(result)


def _plain(r: Review) -> str:
    from redwood.render.review import review_markdown

    return review_markdown(r)


def _print(r: Review) -> None:
    from redwood.coach.loading import display_weight
    from redwood.render.review import slope_text
    from redwood.render.terminal import Column, RichOut, print_table
    from redwood.render.terminal import console as make_console

    console = make_console()

    def w(kg: object) -> str:
        from decimal import Decimal

        return "-" if not isinstance(kg, Decimal) else display_weight(kg, r.unit)

    console.print(f"[bold]Review {r.start:%d %b %Y} - {r.end:%d %b %Y}[/bold]")
    if r.empty:
        text = r.findings[0].text if r.findings else "Nothing logged in this period."
        console.print(text, markup=False)
    a = r.adherence
    if a.planned:
        console.print(f"Adherence: {a.done} of {a.planned} planned sessions ({a.on_day} on the "
                      f"day, {a.moved} moved), {a.missed} missed, {a.extra} extra.")
    elif not r.empty:
        console.print(f"Training days: {a.sessions} (no planned sessions to compare with).")
    if a.current_streak_days or a.longest_streak_days:
        from redwood.coach.review.model import days_text

        console.print(f"Consistency: current run {days_text(a.current_streak_days)}, longest "
                      f"{days_text(a.longest_streak_days)}.")
    if r.lifts:
        rows = [(t.name, w(t.current.e1rm_start_kg), w(t.current.e1rm_end_kg),
                 slope_text(t.current.slope_kg_per_week, r),
                 slope_text(t.previous.slope_kg_per_week, r), str(len(t.records)))
                for t in r.lifts]
        print_table(console, (Column("lift", lead=True), *(Column(h) for h in (
            "start", "end", "per week", "before", "records"))), rows, title="Core lifts (e1RM)")
    if r.weekly and not r.empty:
        from redwood.render.review import REGION_CAPTION, muscle_caption

        if r.muscles:
            # Each muscle against its own band: what the findings below judge, read from the
            # same figures.
            muscle_rows = [(m.muscle, f"{m.average:.1f}", f"{m.band[0]}-{m.band[1]}", m.verdict())
                    for m in r.muscles]
            print_table(console, (Column("muscle", lead=True), Column("a week"),
                                  Column("band"), Column("vs band")), muscle_rows,
                        title="Weekly hard sets per muscle")
            console.print(muscle_caption(r), markup=False, highlight=False)
        weeks = [(f"{x.week_start:%d %b}" + ("" if x.days == 7 else f" ({x.days} d)"),
                 str(x.legs), str(x.back), str(x.by_region.get("core", 0))) for x in r.weekly]
        print_table(console, (Column("week of", lead=True), Column("legs"), Column("back"),
                              Column("core")), weeks, title="Hard sets by region (sums)")
        console.print(REGION_CAPTION, markup=False, highlight=False)
    shown = r.findings[1:] if r.empty else r.findings
    skip = {"adherence", "consistency"}
    rest = [f for f in shown if f.kind not in skip]
    # Bullets whose wrapped lines hang under their first word, as the plan's notes: a finding
    # of three lines reads as one item, not as text restarting at column 0.
    out = RichOut(console)
    if rest:
        console.print("[bold]What happened[/bold]")
        for f in rest:
            out.hang("  - ", f.text)
    if r.recommendations:
        console.print("[bold]Next block[/bold]")
        for rec in r.recommendations:
            out.hang("  - ", rec.text)
            out.hang("    why: ", rec.reason, "dim")
    if r.milestones or r.next_milestones:
        console.print("[bold]Milestones[/bold]")
        for m in r.milestones:
            date = "" if m.date is None else f" ({m.date:%d %b %Y})"
            out.hang("  * ", f"{m.text}{date}")
        for m in r.next_milestones:
            out.hang("  next: ", m.text)
    sys.stdout.flush()
