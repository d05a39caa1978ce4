"""The review command holds off the cyclic collector while it reads and builds, and gives it
back as it found it, even when the command fails (callers in one process: tests, scripts)."""

from __future__ import annotations

import gc

import pytest

from redwood.cli.common import no_cyclic_gc


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
