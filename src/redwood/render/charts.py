"""Progress charts a lifter would rather look at than read: PNG or SVG bytes.

    render("e1rm", workouts, checkins, catalog=catalog, exercise_id="back-squat",
           start=date(2026, 1, 1), end=date(2026, 6, 30), fmt="png", unit=Unit.KG) -> bytes

Kinds: "e1rm" (estimated 1RM per lift, PRs marked), "volume" (weekly hard sets per region,
stacked: sums, with no band, as each muscle has its own, judged by the review and Progress),
"calendar" (a consistency heat map, weeks by weekdays) and "bodyweight" (body weight with its
7-day moving average, and sleep against 7-9 h). The series come from redwood.coach.analytics,
so the charts, the review and the API count the same way.

Nothing to draw (an empty log, an exercise never lifted, a span without data, a single
session that makes no trend) raises NoData with a one-line message for the lifter: never an
empty image. matplotlib is imported inside the functions (it costs about a second) and drawn
with the Agg canvas, without pyplot, so a web server's threads can render charts too.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from redwood.coach.analytics import (
    ExerciseLookup,
    body_weight_series,
    daily_sets,
    e1rm_series,
    max_gap,
    moving_average,
    sleep_series,
    streaks,
    training_days,
    weekly_sets,
)
from redwood.domain.log import CheckIn, Unit, Workout

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "KINDS", "OKABE_ITO", "NoData", "render"]

KINDS: tuple[str, ...] = ("e1rm", "volume", "calendar", "bodyweight")
FORMATS: tuple[str, ...] = ("png", "svg")
KG_PER_LB = 0.45359237

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency, and in greyscale print.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
_LINES = ("blue", "orange", "green", "vermillion", "purple", "sky")
_REGION_COLOURS = {"legs": "blue", "back": "orange", "core": "green", "full-body": "purple"}
# One hue getting darker (the heat map reads as "more" without telling hues apart).
_HEAT = ("#EBEDF0", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
_GREY = "#6E6E6E"

_STYLE: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "svg.fonttype": "none",  # text stays text: smaller files, searchable, crisp
    "svg.hashsalt": "redwood",  # the same chart gives the same bytes
}
_SIZE = (8.0, 4.5)  # inches: 800 x 450 px at 100 dpi, readable on a phone as well
_DPI = 100
# rcParams are global; a web server may draw from several threads.
_LOCK = threading.Lock()


class NoData(ValueError):
    """Nothing to draw; the message says why in one friendly line."""


def render(
    kind: str,
    workouts: Sequence[Workout],
    checkins: Sequence[CheckIn],
    *,
    catalog: ExerciseLookup,
    exercise_id: str | None = None,
    start: dt.date,
    end: dt.date,
    fmt: str = "png",
    unit: Unit = Unit.KG,
    band: tuple[int, int] | None = None,
    days: Sequence[dt.date] | None = None,
) -> bytes:
    """The chart `kind` of the log from `start` to `end` (inclusive) as PNG or SVG bytes.

    `days`: every training day up to `end` (the calendar's streaks), when the caller read them
    from the database rather than passing the whole log as `workouts`.

    `exercise_id` picks the e1RM chart's lift (default: the most logged lifts, up to four).
    `band` is the weekly hard-set target per region for the volume chart (analytics.target_band
    for the lifter's level and goal; none drawn when not given). ValueError for an unknown kind
    or format; NoData when there is nothing to draw.
    """
    if kind not in KINDS:
        raise ValueError(f"chart: {kind!r} is not one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if end < start:
        raise NoData(f"the span {start} to {end} is empty: the end comes before the start")
    draw: Callable[[Figure], None]
    if kind == "e1rm":
        draw = _e1rm(workouts, catalog, exercise_id, start, end, unit)
    elif kind == "volume":
        draw = _volume(workouts, catalog, start, end, band)
    elif kind == "calendar":
        draw = _calendar(workouts, start, end, days)
    else:
        draw = _bodyweight(checkins, start, end, unit)
    return _figure_bytes(draw, fmt)


def _figure_bytes(draw: Callable[[Figure], None], fmt: str) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with _LOCK, matplotlib.rc_context(cast(Any, _STYLE)):
        fig = Figure(figsize=_SIZE, dpi=_DPI, layout="constrained")
        FigureCanvasAgg(fig)
        draw(fig)
        buf = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, metadata=metadata)
    return buf.getvalue()


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start:%d %b %Y} to {end:%d %b %Y}"


def _name(catalog: ExerciseLookup, exercise_id: str) -> str:
    found = catalog.get(exercise_id)
    return found.name if found is not None else exercise_id.replace("-", " ")


def _in_unit(kg: Decimal | float, unit: Unit) -> float:
    return float(kg) if unit is Unit.KG else float(kg) / KG_PER_LB


def _x(days: Iterable[dt.date]) -> Any:
    """Dates for an x axis (matplotlib converts them; its stubs only know numbers)."""
    return list(days)


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


# --- e1RM ------------------------------------------------------------------------------------

_MAX_LIFTS = 4


def _candidates(workouts: Sequence[Workout], start: dt.date, end: dt.date) -> list[str]:
    """The most logged loaded lifts in the span: the core lifts, for nearly everyone."""
    counts: dict[str, int] = {}
    for w in workouts:
        if start <= w.date <= end:
            for s in w.sets:
                if s.weight_kg is not None and s.reps is not None:
                    counts[s.exercise_id] = counts.get(s.exercise_id, 0) + 1
    return sorted(counts, key=lambda e: (-counts[e], e))[: _MAX_LIFTS * 3]


def e1rm_lifts(workouts: Sequence[Workout], start: dt.date, end: dt.date) -> list[str]:
    """The lifts the e1RM chart without an exercise draws: of the most logged loaded lifts
    from `start` to `end`, the first few with two days of e1RM there. Only the span's
    workouts decide (what came before only marks records), so a caller can read the span
    first and then just these lifts' earlier bests."""
    in_span = [w for w in workouts if start <= w.date <= end]
    lifts = []
    for lift in _candidates(in_span, start, end):
        if len(e1rm_series(in_span, lift)) >= 2:
            lifts.append(lift)
        if len(lifts) == _MAX_LIFTS:
            break
    return lifts


def _e1rm(workouts: Sequence[Workout], catalog: ExerciseLookup, exercise_id: str | None,
          start: dt.date, end: dt.date, unit: Unit) -> Callable[[Figure], None]:
    lifts = [exercise_id] if exercise_id is not None else _candidates(workouts, start, end)
    in_span = [w for w in workouts if w.date <= end]
    series = []
    for lift in lifts:
        points = [p for p in e1rm_series(in_span, lift) if p.date >= start]
        if len(points) >= 2:
            series.append((lift, points))
        if len(series) == _MAX_LIFTS:
            break
    if not series:
        if exercise_id is not None:
            name = _name(catalog, exercise_id)
            if not e1rm_series(workouts, exercise_id):
                raise NoData(f"no e1RM for {name} yet: log it with a weight and 1-12 reps")
            raise NoData(f"{name} has fewer than two sessions with an e1RM from "
                         f"{_span(start, end)}: a trend needs two; try more --weeks")
        raise NoData(f"no lift has two sessions with an e1RM from {_span(start, end)}: log "
                     "sets with a weight and 1-12 reps")

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        prs_labelled = False
        for i, (lift, points) in enumerate(series):
            colour = OKABE_ITO[_LINES[i % len(_LINES)]]
            xs = [p.date for p in points]
            ys = [_in_unit(p.e1rm_kg, unit) for p in points]
            ax.plot(_x(xs), ys, color=colour, linewidth=1.8, marker="o", markersize=3,
                    label=_name(catalog, lift))
            prs = [(p.date, _in_unit(p.e1rm_kg, unit)) for p in points if p.is_pr]
            if prs:
                ax.scatter(_x(d for d, _ in prs), [v for _, v in prs], marker="*", s=90,
                           color=colour, edgecolors="black", linewidths=0.6, zorder=3,
                           label=None if prs_labelled else "PR")
                prs_labelled = True
        title = ("Estimated 1RM: " + _name(catalog, series[0][0]) if len(series) == 1
                 else "Estimated 1RM per lift")
        ax.set_title(title, loc="left")
        ax.set_ylabel(f"e1RM ({unit.value})")
        _date_axis(ax)
        ax.legend(loc="best", ncols=2 if len(series) > 2 else 1)
        _caption(fig, f"{_span(start, end)}; best set of each day (Epley/Brzycki); "
                      "stars are new records")

    return draw


def _caption(fig: Figure, text: str) -> None:
    fig.supxlabel(text, fontsize=7, color=_GREY)


# --- weekly volume ---------------------------------------------------------------------------

_STACK = ("legs", "back", "core", "full-body")


def _volume(workouts: Sequence[Workout], catalog: ExerciseLookup, start: dt.date,
            end: dt.date, band: tuple[int, int] | None) -> Callable[[Figure], None]:
    weeks = weekly_sets(workouts, catalog, start, end)
    days = training_days(w for w in workouts if start <= w.date <= end)
    if not days:
        raise NoData(f"no hard sets logged from {_span(start, end)}: nothing to chart yet")
    if len(days) < 2:
        raise NoData(f"only one training day ({days[0]}) from {_span(start, end)}: weekly "
                     "volume needs more; try more --weeks")
    regions = [r for r in _STACK if any(w.by_region.get(r, 0) for w in weeks)]

    def draw(fig: Figure) -> None:
        import matplotlib.dates as mdates
        from matplotlib.collections import PolyCollection
        from matplotlib.patches import Patch

        ax = fig.add_subplot()
        # One collection per region rather than a patch per bar: five years are 260 weeks.
        mondays = [float(mdates.date2num(w.week_start)) for w in weeks]  # type: ignore[no-untyped-call]
        pad = 0.75  # days of white between weekly bars
        handles: list[Any] = []
        bottom = [0.0] * len(weeks)
        for r in regions:
            colour = OKABE_ITO[_REGION_COLOURS[r]]
            values = [float(w.by_region.get(r, 0)) for w in weeks]
            boxes = [[(x + pad, b), (x + 7 - pad, b), (x + 7 - pad, b + v), (x + pad, b + v)]
                     for x, b, v in zip(mondays, bottom, values, strict=True) if v]
            ax.add_collection(PolyCollection(boxes, facecolors=colour, linewidths=0, zorder=2))
            handles.append(Patch(color=colour, label=r))
            if band is not None and r in ("legs", "back"):
                # The band belongs to each region: drawn where its segment should end, its
                # dashed edges over the bars so a segment short of it shows.
                low, high = band
                edges = [*mondays, mondays[-1] + 7]
                lows = [b + low for b in bottom] + [bottom[-1] + low]
                highs = [b + high for b in bottom] + [bottom[-1] + high]
                ax.fill_between(edges, lows, highs, step="post", color=colour, alpha=0.18,
                                linewidth=0, zorder=1)
                for line in (lows, highs):
                    ax.step(edges, line, where="post", color=colour, linewidth=0.7,
                            linestyle=(0, (2, 2)), zorder=3)
                handles.append(Patch(facecolor=colour, alpha=0.25, edgecolor=colour,
                                     linestyle="--", label=f"{r} target {low}-{high} sets"))
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.xaxis_date()
        ax.set_xlim(mondays[0], mondays[-1] + 7)
        ax.set_title("Weekly hard sets per region", loc="left")
        ax.set_ylabel("hard sets a week")
        ax.set_ylim(0, max(max(bottom), 2 * band[1] if band else 0) * 1.08 + 1)
        ax.grid(axis="x", visible=False)
        _date_axis(ax)
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        note = "; shaded: the target band per region (rules.toml [volume])" if band else ""
        _caption(fig, f"{_span(start, end)}; warm-ups not counted{note}")

    return draw


# --- consistency calendar --------------------------------------------------------------------


def _calendar(workouts: Sequence[Workout], start: dt.date, end: dt.date,
              days_before: Sequence[dt.date] | None = None) -> Callable[[Figure], None]:
    first = start - dt.timedelta(days=start.weekday())
    days = daily_sets(workouts, first, end)
    trained = [d.date for d in days if d.sets and d.date >= start]
    if not trained:
        raise NoData(f"no training days from {_span(start, end)}: nothing to chart yet")
    if len(trained) < 2:
        raise NoData(f"only one training day ({trained[0]}) from {_span(start, end)}: the "
                     "calendar needs more; try more --weeks")
    n_weeks = (end - first).days // 7 + 1
    top = max(d.sets for d in days)
    cuts = sorted({max(1, round(top * f)) for f in (0.25, 0.5, 0.75)})
    all_days = (training_days(w for w in workouts if w.date <= end) if days_before is None
                else [d for d in days_before if d <= end])
    streak = streaks(all_days, end)

    def level(n: int) -> int:
        return 0 if n == 0 else 1 + sum(1 for c in cuts if n > c)

    def draw(fig: Figure) -> None:
        import matplotlib.colors as mcolors

        # As tall as the weeks need: a year is a strip, not a page of white.
        fig.set_size_inches(_SIZE[0], min(_SIZE[1], max(2.4, 1.6 + 7 * 7.0 / n_weeks)))
        grid = [[float("nan")] * n_weeks for _ in range(7)]
        for d in days:
            if d.date < start:
                continue
            week = (d.date - first).days // 7
            grid[d.date.weekday()][week] = float(level(d.sets))
        ax = fig.add_subplot()
        cmap = mcolors.ListedColormap(list(_HEAT[: len(cuts) + 2])).with_extremes(bad="white")
        ax.pcolormesh(grid, cmap=cmap, vmin=-0.5, vmax=len(cuts) + 1.5,
                      edgecolors="white", linewidth=1.5)
        ax.set_aspect("equal")
        ax.invert_yaxis()
        ax.grid(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_yticks([0.5, 2.5, 4.5], ["Mon", "Wed", "Fri"])
        ax.tick_params(length=0)
        ticks, labels = [], []
        seen: set[tuple[int, int]] = set()
        for week in range(n_weeks):
            monday = first + dt.timedelta(days=7 * week)
            key = (monday.year, monday.month)
            if key not in seen and monday.day <= 7:
                seen.add(key)
                ticks.append(week + 0.5)
                labels.append(f"{monday:%b}" if monday.month != 1 else f"{monday:%b %Y}")
        step = max(1, len(ticks) // 12)
        ax.set_xticks(ticks[::step], labels[::step])
        ax.set_title(f"Training days: {len(trained)} in {n_weeks} weeks", loc="left")
        from matplotlib.patches import Patch

        names = ["rest"]
        low = 1
        for c in cuts:
            names.append(f"{c} set{'s' * (c != 1)}" if c == low else f"{low}-{c} sets")
            low = c + 1
        names.append(f"{low}+ sets")
        handles = [Patch(color=_HEAT[i], label=names[i]) for i in range(len(cuts) + 2)]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.08),
                  ncols=len(handles))
        _caption(fig, f"{_span(start, end)}; consistent run now {streak.current} days, "
                      f"longest {streak.longest} days (never more than {max_gap()} days "
                      "without training)")

    return draw


# --- body weight and sleep -------------------------------------------------------------------


def _bodyweight(checkins: Sequence[CheckIn], start: dt.date, end: dt.date,
                unit: Unit) -> Callable[[Figure], None]:
    upto = [c for c in checkins if c.date <= end]
    weights = body_weight_series(upto)
    # The average starts a week early so its first points are not a single morning.
    warm = start - dt.timedelta(days=6)
    average = [(d, v) for d, v in moving_average([p for p in weights if p[0] >= warm], 7)
               if d >= start]
    weights = [(d, v) for d, v in weights if d >= start]
    sleep = [(d, v) for d, v in sleep_series(upto) if d >= start]
    if len(weights) < 2 and len(sleep) < 2:
        raise NoData(f"fewer than two body weights or sleep entries from {_span(start, end)}: "
                     "log them with `redwood measure --weight` or `redwood checkin --sleep`")

    def draw(fig: Figure) -> None:
        from redwood.coach.recovery import load_recovery_rules

        panels = [p for p, data in (("weight", weights), ("sleep", sleep)) if data]
        ratios = [2, 1] if len(panels) == 2 else [1]
        axes = fig.subplots(len(panels), 1, sharex=True, height_ratios=ratios, squeeze=False)
        for ax, panel in zip(axes[:, 0], panels, strict=True):
            if panel == "weight":
                ax.plot(_x(d for d, _ in weights), [_in_unit(v, unit) for _, v in weights],
                        linestyle="none", marker="o", markersize=3, color=OKABE_ITO["sky"],
                        label="daily")
                ax.plot(_x(d for d, _ in average), [_in_unit(v, unit) for _, v in average],
                        color=OKABE_ITO["blue"], linewidth=2, label="7-day average")
                ax.set_title("Body weight", loc="left")
                ax.set_ylabel(f"body weight ({unit.value})")
                ax.legend(loc="best")
            else:
                low, high = load_recovery_rules().sleep_hours
                ax.axhspan(float(low), float(high), color=OKABE_ITO["green"], alpha=0.15,
                           label=f"{low}-{high} h (guide)")
                ax.plot(_x(d for d, _ in sleep), [float(v) for _, v in sleep],
                        color=OKABE_ITO["vermillion"], marker="o", markersize=3, linewidth=1.2,
                        label="sleep")
                ax.set_ylabel("sleep (h)")
                ax.set_ylim(0, max(float(high) + 1, max(float(v) for _, v in sleep) + 1))
                if len(panels) == 1:
                    ax.set_title("Sleep", loc="left")
                ax.legend(loc="lower left", ncols=2)
            _date_axis(ax)
        _caption(fig, f"{_span(start, end)}; from your check-ins")

    return draw
