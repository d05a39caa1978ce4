"""`redwood plan -f json|markdown` to stdout runs without click (redwood/cli/fast.py): it must
read the options exactly as click does, write the same bytes, and leave everything else to
click (issue 17, item 2)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from redwood.cli.fast import PLAN_OPTIONS, plan_options

# Options the fast path never reads: a command line with one of them goes to click.
LEFT_TO_CLICK = {"output_name", "save", "time_", "tz", "help"}


def click_params(args: list[str]) -> dict[str, object]:
    from redwood.cli import app

    command = app.commands["plan"]
    return dict(command.make_context("plan", list(args)).params)


def test_every_plan_option_is_read_here_or_left_to_click() -> None:
    from redwood.cli import app

    for param in app.commands["plan"].params:
        flags = [*param.opts, *param.secondary_opts]
        if param.name in LEFT_TO_CLICK:
            assert not set(flags) & set(PLAN_OPTIONS), param.name
            continue
        for flag in flags:
            assert PLAN_OPTIONS[flag][0] == param.name, flag


@pytest.mark.parametrize("args", [
    [],
    ["--goal", "strength", "--level", "intermediate", "--days", "4", "--weeks=12", "-f",
     "json"],
    ["--equipment", "barbell", "--equipment", "bench,box", "--on", "mon,wed,fri",
     "--no-supersets", "--exclude", "hinge", "--protect", "knees", "--seed", "-3",
     "--format=markdown", "--days", "3", "--days", "5", "--minutes", " 45 "],
    ["--supersets", "--start", "2027-01-04", "--location", "home", "--weeks", "1_0",
     "--goal", "--level"],
])
def test_options_are_read_as_click_reads_them(args) -> None:
    fast = plan_options(args)
    assert fast is not None
    assert fast == {k: v for k, v in click_params(args).items() if k in fast}


@pytest.mark.parametrize("args", [
    ["-o", "plan.json"], ["--save"], ["--days", "x"], ["--supersets=yes"], ["--help"],
    ["-fjson"], ["--weeks"], ["--", "--days", "3"], ["extra"], ["--tz", "UTC"],
])
def test_what_the_table_does_not_cover_goes_to_click(args) -> None:
    assert plan_options(args) is None


CLICK_ONLY = """
import sys
from redwood.cli.main import main
main(sys.argv[1:])
"""
FAST = """
import sys
from redwood.cli import main
main(sys.argv[1:])
sys.stderr.write("click loaded: %s" % ("click" in sys.modules))
"""


def run(script: str, args: list[str], tmp_path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "REDWOOD_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          env=env, timeout=120)


@pytest.mark.parametrize("args", [
    ["plan", "--goal", "strength", "--level", "intermediate", "--days", "4", "--weeks", "12",
     "--start", "2027-01-04", "--format", "json"],
    ["plan", "--start", "2027-03-01", "--weeks", "3", "--location", "home", "--equipment",
     "dumbbell,bench", "--seed", "2", "-f", "markdown"],
])
def test_the_fast_path_writes_what_click_writes_without_loading_click(args, tmp_path) -> None:
    fast = run(FAST, args, tmp_path)
    click = run(CLICK_ONLY, args, tmp_path)
    assert fast.returncode == click.returncode == 0, fast.stderr + click.stderr
    assert fast.stdout == click.stdout
    assert fast.stderr.decode().endswith("click loaded: False")


def test_a_plan_refused_is_worded_by_click(tmp_path) -> None:
    args = ["plan", "--days", "9", "-f", "json"]
    fast = run(FAST, args, tmp_path)
    click = run(CLICK_ONLY, args, tmp_path)
    assert fast.returncode == click.returncode == 2
    assert fast.stdout == click.stdout == b""
    assert fast.stderr == click.stderr == b"error: --days: 9 is out of range: allowed 2..6\n"
