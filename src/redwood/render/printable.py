"""The printable program: the plan as an HTML page (Jinja2, autoescaped) or a PDF (WeasyPrint).

One landscape A4 page per week, the week's sessions flowing through three or four columns;
each exercise with its sets x reps and rest, the form cues from the catalogue (Redwood's words,
the guide's cues where it gives them), and one blank box per set to write down weight x reps
at the gym. Every week starts on a new page (CSS page break); a week of two to four sessions
fits one page, a week of five or six runs onto a second page rather than shrinking the cues
below a readable size.

Every text in the page goes through Jinja2's autoescaping, so a name or note can never become
markup. WeasyPrint is imported only when a PDF is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib import resources
from typing import Any

from redwood import __version__
from redwood.io.calendar import dose

_TEMPLATE = "program.html.j2"
_CSS = "program.css"


def _rest(seconds: int | None) -> str:
    if not seconds:
        return ""
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _activities(items: list[Mapping[str, Any]]) -> str:
    return ", ".join(f"{a['name']} ({a['minutes']} min)" for a in items)


def _weekday(date: str) -> str:
    return dt.date.fromisoformat(date).strftime("%A")


def program_context(plan: Mapping[str, Any], cues: Mapping[str, tuple[str, ...]]
                    ) -> dict[str, Any]:
    """What the template shows, from the plan JSON and exercise id -> form cues."""
    profile = plan.get("profile") or {}
    title = "Redwood program"
    if profile:
        title = (f"Redwood {profile.get('goal', '')} program, {profile.get('level', '')}, "
                 f"{profile.get('days_per_week', '')} days a week").replace(" ,", ",")
    weeks = []
    for week in plan.get("weeks") or []:
        sessions = []
        for session in week.get("sessions") or []:
            blocks = []
            for block in session.get("blocks") or []:
                items = []
                superset = block.get("kind") == "superset"
                for i, item in enumerate(block.get("items") or []):
                    items.append({
                        "label": f"{chr(ord('A') + i)}. " if superset else "",
                        "name": item.get("name") or item["exercise_id"],
                        "dose": dose(item),
                        "rest": _rest(item.get("rest_s")),
                        "sets": int(item["sets"]),
                        "cues": list(cues.get(item["exercise_id"], ())),
                    })
                blocks.append({
                    "kind": "superset" if superset else "single",
                    "rounds": block.get("rounds"),
                    "rest_between": _rest(block.get("rest_between_s")),
                    "exercises": items,
                })
            sessions.append({
                "title": session["title"], "date": session["date"],
                "weekday": _weekday(session["date"]),
                "minutes": session.get("estimated_minutes"),
                "warmup": _activities(session.get("warmup") or []),
                "cooldown": _activities(session.get("cooldown") or []),
                "blocks": blocks,
            })
        dates = [s["date"] for s in sessions]
        weeks.append({
            "index": week["index"], "deload": bool(week.get("deload")), "sessions": sessions,
            "columns": min(len(sessions), 5),
            "first_date": min(dates) if dates else "", "last_date": max(dates) if dates else "",
        })
    return {"title": title, "weeks": weeks, "version": __version__}


def catalog_cues() -> dict[str, tuple[str, ...]]:
    """Exercise id -> its form cues, for every catalogue exercise."""
    from redwood.catalog import load_catalog

    return {e.id: e.cues for e in load_catalog()}


def plan_html(plan: Mapping[str, Any], cues: Mapping[str, tuple[str, ...]] | None = None
              ) -> str:
    """The printable program as one self-contained HTML page (the CSS inlined)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("redwood.render", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True,
    )
    css = resources.files("redwood.render").joinpath("templates", _CSS).read_text("utf-8")
    context = program_context(plan, catalog_cues() if cues is None else cues)
    return env.get_template(_TEMPLATE).render(css=css, **context)


def render_pdf(plan: Mapping[str, Any], cues: Mapping[str, tuple[str, ...]] | None = None
               ) -> tuple[bytes, int]:
    """The printable program as PDF bytes, and its number of pages."""
    import logging

    from weasyprint import HTML  # type: ignore[import-untyped]

    # WeasyPrint logs every CSS property it skips; the program's CSS is ours and tested.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=plan_html(plan, cues)).render()
    pdf: bytes = document.write_pdf()
    return pdf, len(document.pages)


def plan_pdf(plan: Mapping[str, Any], cues: Mapping[str, tuple[str, ...]] | None = None
             ) -> bytes:
    """The printable program as PDF bytes."""
    return render_pdf(plan, cues)[0]
