from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REDWOOD = Path(sys.executable).parent / "redwood"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `redwood` command as a user would."""
    return subprocess.run([str(REDWOOD), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60)


@pytest.fixture
def cli():
    return run_cli
