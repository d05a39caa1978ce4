"""Charts: each kind renders a real, non-blank PNG and a well-formed SVG from a scripted
history; nothing to draw gives a friendly NoData, never an empty image."""

from __future__ import annotations

import datetime as dt
import io
import random
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from redwood.domain.log import CheckIn, LoggedSet, SetKind, Unit, Workout
from redwood.render.charts import FORMATS, KINDS, NoData, render

START = dt.date(2026, 1, 5)  # a Monday
END = START + dt.timedelta(weeks=16) - dt.timedelta(days=1)
SVG = "{http://www.w3.org/2000/svg}"


def scripted_history() -> tuple[list[Workout], list[CheckIn]]:
    """Sixteen weeks: squat, deadlift and pulldown three times a week, loads climbing a
    little each week; a morning weigh-in and a night's sleep every day."""
    rng = random.Random(6)
    workouts: list[Workout] = []
    checkins: list[CheckIn] = []
    for i in range((END - START).days + 1):
        d = START + dt.timedelta(days=i)
        week = i // 7
        if d.weekday() in (0, 2, 4):
            sets = [LoggedSet("back-squat", Decimal(40), 8, kind=SetKind.WARMUP)]
            sets += [LoggedSet("back-squat", Decimal(60 + 2 * week), rng.randint(5, 8))
                     for _ in range(3)]
            sets += [LoggedSet("deadlift", Decimal(90 + 2 * week), 5) for _ in range(3)]
            sets += [LoggedSet("lat-pulldown", Decimal(40 + week), 10) for _ in range(3)]
            sets.append(LoggedSet("plank", None, seconds=45))
            workouts.append(Workout(date=d, sets=tuple(sets)))
        checkins.append(CheckIn(d, body_weight_kg=Decimal(8000 - i + rng.randint(-60, 60)) / 100,
                                sleep_hours=Decimal(rng.randint(55, 90)) / 10))
    return workouts, checkins


@pytest.fixture(scope="module")
def history() -> tuple[list[Workout], list[CheckIn]]:
    return scripted_history()


@pytest.fixture(scope="module")
def charts(history, catalog) -> dict[tuple[str, str], bytes]:
    """Every kind in every format, rendered once for the module (matplotlib is slow to start)."""
    workouts, checkins = history
    return {(kind, fmt): render(kind, workouts, checkins, catalog=catalog, start=START,
                                end=END, fmt=fmt, band=(10, 18))
            for kind in KINDS for fmt in FORMATS}


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("kind", KINDS)
def test_each_chart_is_a_png_a_person_can_see(charts, kind: str) -> None:
    from PIL import Image, ImageStat

    data = charts[kind, "png"]
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert 10_000 < len(data) < 500_000
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.size[0] == 800 and 240 <= image.size[1] <= 450
    # Not blank: plenty of colours and real contrast, not one flat background.
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50
    assert min(ImageStat.Stat(image).stddev) > 20
    # The Okabe-Ito blue (legs, first line, body-weight trend) or the heat map's blue is used.
    pixels = {c for _, c in colours}
    assert {(0, 114, 178), (8, 48, 107)} & pixels


@pytest.mark.parametrize("kind", KINDS)
def test_each_chart_is_well_formed_svg_with_its_title(charts, kind: str) -> None:
    data = charts[kind, "svg"]
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    title = {"e1rm": "Estimated 1RM per lift", "volume": "Weekly hard sets per region",
             "calendar": "Training days: 48 in 16 weeks", "bodyweight": "Body weight"}[kind]
    assert title in svg_text(data)


def test_charts_carry_units_and_the_lifts_names(charts) -> None:
    e1rm = svg_text(charts["e1rm", "svg"])
    assert "e1RM (kg)" in e1rm and "Back Squat" in e1rm and "PR" in e1rm
    volume = svg_text(charts["volume", "svg"])
    assert "legs target 10-18 sets" in volume and "hard sets a week" in volume
    body = svg_text(charts["bodyweight", "svg"])
    assert "body weight (kg)" in body and "7-day average" in body and "sleep (h)" in body
    assert "7-9 h (guide)" in body


def test_pounds_for_a_lifter_who_lifts_in_pounds(history, catalog) -> None:
    workouts, checkins = history
    data = render("e1rm", workouts, checkins, catalog=catalog, exercise_id="deadlift",
                  start=START, end=END, fmt="svg", unit=Unit.LB)
    text = svg_text(data)
    assert "e1RM (lb)" in text and "Estimated 1RM: Deadlift" in text


def test_the_same_chart_gives_the_same_bytes(history, catalog, charts) -> None:
    workouts, checkins = history
    again = render("calendar", workouts, checkins, catalog=catalog, start=START, end=END,
                   fmt="svg", band=(10, 18))
    assert again == charts["calendar", "svg"]


# --- nothing to draw -------------------------------------------------------------------------


def one_session() -> list[Workout]:
    return [Workout(date=START, sets=(LoggedSet("back-squat", Decimal(60), 8),))]


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_log_is_no_data(catalog, kind: str) -> None:
    with pytest.raises(NoData) as caught:
        render(kind, [], [], catalog=catalog, start=START, end=END)
    assert "\n" not in str(caught.value) and str(caught.value)


@pytest.mark.parametrize("kind", ["e1rm", "volume", "calendar"])
def test_one_session_is_no_trend(catalog, kind: str) -> None:
    with pytest.raises(NoData, match=r"one|two"):
        render(kind, one_session(), [], catalog=catalog, start=START, end=END)


def test_an_exercise_never_done_is_no_data(history, catalog) -> None:
    workouts, checkins = history
    with pytest.raises(NoData, match="no e1RM for Romanian Deadlift yet"):
        render("e1rm", workouts, checkins, catalog=catalog, exercise_id="romanian-deadlift",
               start=START, end=END)
    with pytest.raises(NoData, match="no e1RM for no such lift"):
        render("e1rm", workouts, checkins, catalog=catalog, exercise_id="no-such-lift",
               start=START, end=END)


def test_a_span_without_data_is_no_data(history, catalog) -> None:
    workouts, checkins = history
    later = END + dt.timedelta(days=200)
    for kind in KINDS:
        with pytest.raises(NoData):
            render(kind, workouts, checkins, catalog=catalog, start=later,
                   end=later + dt.timedelta(days=30))


def test_a_timed_lift_has_no_e1rm(history, catalog) -> None:
    workouts, checkins = history
    with pytest.raises(NoData):
        render("e1rm", workouts, checkins, catalog=catalog, exercise_id="plank", start=START,
               end=END)


def test_unknown_kind_or_format_is_a_value_error_not_no_data(history, catalog) -> None:
    workouts, checkins = history
    with pytest.raises(ValueError, match="pie") as caught:
        render("pie", workouts, checkins, catalog=catalog, start=START, end=END)
    assert not isinstance(caught.value, NoData)
    with pytest.raises(ValueError, match="gif"):
        render("e1rm", workouts, checkins, catalog=catalog, start=START, end=END, fmt="gif")
