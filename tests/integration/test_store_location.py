"""Which database a command uses: --database-url, REDWOOD_DATABASE_URL, REDWOOD_HOME."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from redwood.store.location import database_url, redact, sqlite_path


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    monkeypatch.delenv("REDWOOD_HOME", raising=False)


def test_default_is_a_sqlite_file_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = database_url()
    assert url.startswith("sqlite:////")
    assert sqlite_path(url) == (tmp_path / "data" / "redwood" / "redwood.db").resolve()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux folder, found alone")
@pytest.mark.parametrize("xdg", [None, "", "relative/data", "/abs/data", "/abs/data/", " /abs"])
@pytest.mark.parametrize("home", ["/home/lifter", "/home/lifter/", "/"])
def test_the_data_folder_is_where_platformdirs_puts_it_on_linux(monkeypatch, xdg, home):
    # Found without importing platformdirs (its 11 ms were much of `redwood plan`): the same
    # folder it names, so a lifter's log is found where earlier versions kept it.
    import platformdirs

    from redwood.store.location import data_dir

    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert str(data_dir()) == platformdirs.user_data_dir("redwood")


def test_redwood_home_moves_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path / "rw"))
    assert sqlite_path(database_url()) == (tmp_path / "rw" / "redwood.db").resolve()


def test_explicit_url_beats_the_environment_which_beats_home(monkeypatch, tmp_path):
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    monkeypatch.setenv("REDWOOD_DATABASE_URL", "postgresql+psycopg://u@db:5432/redwood")
    assert database_url() == "postgresql+psycopg://u@db:5432/redwood"
    assert database_url("sqlite:////x/y.db") == "sqlite:////x/y.db"


def test_short_forms(tmp_path):
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert sqlite_path(database_url(str(tmp_path / "a.db"))) == (tmp_path / "a.db").resolve()
    assert sqlite_path("sqlite:///rel.db") == Path("rel.db")
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("postgresql+psycopg://u@h/d") is None


def test_passwords_are_not_shown():
    assert redact("postgresql+psycopg://u:secret@h/d") == "postgresql+psycopg://u:***@h/d"
    assert redact("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
