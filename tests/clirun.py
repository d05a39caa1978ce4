"""Run the installed `redwood` command as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REDWOOD = Path(sys.executable).parent / "redwood"


def run_cli(*args: str, cwd: Path | None = None,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(REDWOOD), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, input=input)


def run_ok(*args: str) -> str:
    """The command's stdout; it must succeed (its stderr is the failure message)."""
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout
