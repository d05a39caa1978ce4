from __future__ import annotations

import pytest

from clirun import run_cli


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A new REDWOOD_HOME for the command, with no database URL from the environment (a test
    module may define its own)."""
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    return tmp_path
