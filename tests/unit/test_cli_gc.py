"""The CLI holds off the cyclic collector while it starts and while `review` reads and builds,
and gives it back as it found it, even when the command fails (callers in one process: tests,
scripts)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from redwood.cli.collector import no_cyclic_gc


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_held_off_and_restored(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with no_cyclic_gc():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), no_cyclic_gc():
            raise RuntimeError("a failing command")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_starting_the_cli_gives_the_collector_back_with_start_ups_objects_set_aside() -> None:
    # A fresh interpreter: this one imported redwood.cli long ago. The click group is loaded
    # on first use (a plain `redwood plan` never loads it): asking for it starts it.
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gc, redwood.cli; redwood.cli.app; "
            "print(gc.isenabled(), gc.get_freeze_count())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown[0] == "True"
    assert int(shown[1]) > 10_000  # click, the commands and their modules, frozen
