"""Chart geometry for the server-side SVG charts (templates/macros.html draws them).

The numbers come from redwood.coach.analytics; here they only become coordinates in a fixed
viewBox, so a chart costs a few hundred bytes and needs no JavaScript.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 38, 8, 10, 22


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    pr: bool = False


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    series: str
    label: str


@dataclass(frozen=True)
class LineChart:
    title: str
    desc: str
    line: str
    points: tuple[Point, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    trend: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT


@dataclass(frozen=True)
class BarChart:
    title: str
    desc: str
    bars: tuple[Bar, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    band: tuple[float, float] | None = None
    """The target band as (y, height)."""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    extra: dict[str, str] = field(default_factory=dict)


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks if span > 0 else 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= m * mag:
            return float(m * mag)
    return float(10 * mag)


def _y_scale(lo: float, hi: float) -> tuple[float, float, float]:
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    step = _nice_step(hi - lo)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def _fmt(v: float, step: float = 1.0) -> str:
    """A tick label with as many decimals as the step needs (2.5 -> one, 0.01 -> two)."""
    places = max(0, -math.floor(math.log10(step)) + (0 if step * 10 % 10 == 0 else 1))
    text = f"{v:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def line_chart(title: str, desc: str, series: Sequence[tuple[dt.date, float]],
               labels: Sequence[str], prs: Sequence[bool] | None = None,
               trend: Sequence[tuple[dt.date, float]] = ()) -> LineChart:
    """Values over dates; `labels` title each point (read by screen readers and on hover)."""
    values = [v for _, v in series] + [v for _, v in trend]
    y0, y1, step = _y_scale(min(values), max(values))
    d0, d1 = series[0][0], series[-1][0]
    days = max(1, (d1 - d0).days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(d: dt.date) -> float:
        if d0 == d1:
            return LEFT + plot_w / 2
        return round(LEFT + (d - d0).days / days * plot_w, 1)

    def y(v: float) -> float:
        return round(TOP + (y1 - v) / (y1 - y0) * plot_h, 1)

    flags = list(prs) if prs is not None else [False] * len(series)
    points = tuple(Point(x(d), y(v), lab, pr)
                   for (d, v), lab, pr in zip(series, labels, flags, strict=True))
    n = round((y1 - y0) / step)
    y_ticks = tuple((y(y0 + i * step), _fmt(y0 + i * step, step)) for i in range(n + 1))
    picks = sorted({0, len(series) // 2, len(series) - 1})
    x_ticks = tuple((x(series[i][0]), f"{series[i][0]:%d %b}") for i in picks)
    return LineChart(
        title=title, desc=desc,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        points=points, y_ticks=y_ticks, x_ticks=x_ticks,
        trend=" ".join(f"{x(d)},{y(v)}" for d, v in trend),
    )


def weekly_bar_chart(title: str, desc: str, weeks: Sequence[tuple[dt.date, int, int]],
                     band: tuple[int, int] | None) -> BarChart:
    """Legs and back hard sets side by side for each week, over the target band."""
    top = max([max(legs, back) for _, legs, back in weeks] + [band[1] if band else 0, 4])
    y0, y1, step = _y_scale(0, top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return round(TOP + (y1 - v) / (y1 - y0) * plot_h, 1)

    slot = plot_w / max(1, len(weeks))
    w = max(2.0, min(18.0, slot * 0.35))
    bars: list[Bar] = []
    x_ticks: list[tuple[float, str]] = []
    every = max(1, math.ceil(len(weeks) / 6))
    for i, (monday, legs, back) in enumerate(weeks):
        mid = LEFT + slot * (i + 0.5)
        for offset, value, series in ((-w, legs, "legs"), (0.0, back, "back")):
            bars.append(Bar(round(mid + offset, 1), y(value), round(w, 1),
                            round(y(0) - y(value), 1), series,
                            f"Week of {monday:%d %b}: {value} {series} sets"))
        if i % every == 0:
            x_ticks.append((round(mid, 1), f"{monday:%d %b}"))
    n = round((y1 - y0) / step)
    y_ticks = tuple((y(y0 + i * step), _fmt(y0 + i * step, step)) for i in range(n + 1))
    band_box = (y(band[1]), round(y(band[0]) - y(band[1]), 1)) if band else None
    return BarChart(title=title, desc=desc, bars=tuple(bars), y_ticks=y_ticks,
                    x_ticks=tuple(x_ticks), band=band_box)
