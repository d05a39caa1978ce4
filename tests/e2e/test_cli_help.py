"""`redwood` with no command, or a command group with none, shows its help as --help does.

Both printed the whole help squeezed into one line, "error: Usage: redwood [OPTIONS] COMMAND
[ARGS]... Plans, logs and ... Commands: chart Draw a progress chart: ...": the first thing a
new lifter types."""

from __future__ import annotations

import pytest

from clirun import run_cli


@pytest.mark.parametrize("args", [(), ("profile",), ("token",), ("export",)])
def test_no_command_shows_the_help_as_help_does(args: tuple[str, ...]) -> None:
    r = run_cli(*args)
    assert r.returncode == 2  # no command ran
    assert "Traceback" not in r.stderr
    assert not r.stderr.startswith("error:")
    shown = r.stderr.strip().splitlines()
    assert shown == run_cli(*args, "--help").stdout.strip().splitlines()
    assert shown[0].startswith(f"Usage: redwood {' '.join(args)}".rstrip() + " [OPTIONS]")
    assert "Commands:" in shown
