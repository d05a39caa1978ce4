"""`redwood plan` read without click (redwood.cli.fastplan) means what click's command reads:
every line it takes gets the options, the values and the format click's `plan` would get, and
every other line is left to click."""

from __future__ import annotations

import click
from click.core import ParameterSource
from hypothesis import example, given, settings
from hypothesis import strategies as st

from redwood.cli import fastplan
from redwood.cli.group import plan

LEFT_TO_CLICK = {"output_name", "save", "time_", "tz"}
"""Options whose lines click's command runs: files, the log, the calendar formats' checks."""


def test_every_option_of_the_command_is_read_as_click_reads_it_or_left_to_click() -> None:
    kinds = {p.name: p for p in plan.params if isinstance(p, click.Option)}
    assert set(kinds) == {*fastplan.TEXT, *fastplan.NUMBERS, *fastplan.SEVERAL, "format_",
                          "supersets", *LEFT_TO_CLICK}
    for name in fastplan.TEXT:
        assert kinds[name].type is click.STRING and not kinds[name].multiple, name
    for name in fastplan.NUMBERS:
        # A whole number, some within a range (Ranged): what fastplan reads out of range the
        # service refuses, and click's command then says it (see the test below).
        assert isinstance(kinds[name].type, click.types.IntParamType), name
        assert not kinds[name].multiple, name
    for name in fastplan.SEVERAL:
        assert kinds[name].type is click.STRING and kinds[name].multiple, name
    assert kinds["format_"].opts == ["--format", "-f"]
    assert sorted([*kinds["supersets"].opts, *kinds["supersets"].secondary_opts]) == sorted(
        fastplan.FLAGS)
    for name in (*fastplan.TEXT, *fastplan.NUMBERS, *fastplan.SEVERAL):
        assert kinds[name].opts == ["--" + name], name


def _as_click_reads(argv: list[str]) -> tuple[dict[str, object], str]:
    """The options click's `plan` gets from `argv` as the command sees them: those given (not
    at their default) and the format."""
    ctx = plan.make_context("plan", list(argv))
    given = {name: value for name, value in ctx.params.items()
             if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT}
    return ({k: v for k, v in given.items() if k != "format_"},
            str(ctx.params["format_"]))


WORDS = st.sampled_from([
    "--goal", "strength", "--level", "advanced", "--days", "4", "04", "-1", "+3", " 5", "4_0",
    "٣", "--minutes", "45", "--weeks", "--seed", "7", "--start", "2027-01-04", "--location",
    "home", "--equipment", "barbell,bench", "--on", "mon,wed", "--exclude", "hinge",
    "--protect", "knees", "--supersets", "--no-supersets", "-f", "--format", "json", "text",
    "markdown", "ics", "pdf", "--format=json", "--days=3", "--goal=", "-fjson", "-o", "x.json",
    "--save", "--time", "07:00", "--tz", "--help", "-h", "--", "--weeks=", "--unknown", "plan",
    "",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=8))
@example(["--days", "4", "--days", "5", "--on", "mon", "--on", "thu", "-f", "json"])
@example(["--format=markdown", "--goal=", "--no-supersets", "--supersets"])
@example(["--days", "-1"])
def test_a_line_read_without_click_means_what_click_reads(argv: list[str]) -> None:
    read = fastplan.options(argv)
    if read is None:
        return  # click's command runs it
    given_, format_ = read
    try:
        clicks = _as_click_reads(argv)
    except click.BadParameter:
        # Out of its range: fastplan leaves the line to click, having written nothing.
        assert fastplan.run(["plan", *argv]) is False
        return
    assert clicks == (given_, format_)
    assert format_ in ("json", "markdown", "text")


def test_lines_that_ask_for_more_than_a_plan_are_left_to_click() -> None:
    for argv in (["--help"], ["-o", "plan.json"], ["--save"], ["-f", "ics"], ["--seed", "-3"],
                 ["--days", "+4"], ["-fjson"], ["--days"], ["--tz", "Europe/Berlin"]):
        assert fastplan.options(argv) is None, argv
    assert fastplan.run(["--width", "80", "plan"]) is False
    assert fastplan.run(["check", "plan.json"]) is False


def test_a_leading_width_is_read_as_the_group_reads_it_and_the_plan_is_click_s(
    capsys: __import__("pytest").CaptureFixture[str],
) -> None:
    from click.testing import CliRunner

    from redwood.cli import _width_then, main
    from redwood.cli.group import app
    from redwood.render.terminal import set_width

    for argv in (["--width", "39", "plan"], ["--width", "-80", "plan"], ["--width", "80"],
                 ["--width", "80", "today"], ["--width=", "plan"], ["--width", "8O", "plan"]):
        assert _width_then(argv) == argv, argv
    line = ["plan", "--days", "3", "--weeks", "2", "--start", "2027-01-04"]
    try:
        for given, width in ((["--width=72"], 72), (["--width", "140"], 140)):
            argv = [*given, *line]
            main(argv)
            fast = capsys.readouterr().out
            set_width(None)
            shown = CliRunner().invoke(app, argv)
            assert shown.exit_code == 0, shown.output
            assert fast == shown.output and "Week 2" in fast
            assert max(len(x) for x in fast.splitlines()) == width
    finally:
        set_width(None)
