"""Where the database is: an explicit URL, REDWOOD_DATABASE_URL, or a SQLite file.

Imports nothing heavy, not even pathlib (about 5 ms, ~19 M instructions, with urllib.parse and
ipaddress): `redwood plan` resolves the URL to see whether a log with a saved profile is there,
and needs no Path for it; the functions that return one import it then.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from pathlib import Path

DATABASE_FILE = "redwood.db"
HOME_ENV = "REDWOOD_HOME"
URL_ENV = "REDWOOD_DATABASE_URL"


def _data_dir_name() -> str:
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        return os.path.expanduser(home)
    linux = _linux_data_dir()
    if linux is not None:
        return linux
    import platformdirs

    return str(platformdirs.user_data_dir("redwood"))


def _linux_data_dir() -> str | None:
    """What platformdirs.user_data_dir("redwood") says on Linux in the common case (an absolute
    $XDG_DATA_HOME, else an absolute $HOME), without importing it: platformdirs took some 11 ms
    of `redwood plan`, which looks here for a saved profile. None elsewhere (macOS, Windows,
    Android, a HOME that is missing or relative): platformdirs decides."""
    env = os.environ
    if not sys.platform.startswith("linux") or "ANDROID_DATA" in env:
        return None
    xdg = env.get("XDG_DATA_HOME", "")
    if xdg.startswith("/"):
        return os.path.join(xdg, "redwood")
    if not env.get("HOME", "").startswith("/"):
        return None
    return os.path.join(os.path.expanduser("~/.local/share"), "redwood")


def data_dir() -> Path:
    """The folder of the default database: $REDWOOD_HOME, else the user's data directory."""
    from pathlib import Path

    return Path(_data_dir_name())


def sqlite_url(path: str | os.PathLike[str]) -> str:
    # os.path.realpath is what Path.resolve() runs: the same absolute, symlink-free name.
    return f"sqlite:///{os.path.realpath(os.path.expanduser(path))}"


def database_url(url: str | None = None) -> str:
    """The SQLAlchemy URL to use.

    Order: the explicit `url` (the CLI's --database-url), then $REDWOOD_DATABASE_URL, then
    `redwood.db` in data_dir(). A value without '://' is taken as the path of a SQLite file;
    `postgres://` and `postgresql://` are given the psycopg (3) driver.
    """
    chosen = (url or "").strip() or os.environ.get(URL_ENV, "").strip()
    if not chosen:
        return sqlite_url(os.path.join(_data_dir_name(), DATABASE_FILE))
    if "://" not in chosen:
        return sqlite_url(chosen)
    scheme, rest = chosen.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return chosen


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for another backend or an in-memory database."""
    name = sqlite_file(url)
    if name is None:
        return None
    from pathlib import Path

    return Path(name)


def sqlite_file(url: str) -> str | None:
    """`sqlite_path` as a string (no pathlib to load)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("://", 1)[1]
    # sqlite:///relative and sqlite:////absolute: one slash belongs to the URL syntax.
    path = path[1:] if path.startswith("/") else path
    path = path.split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return path


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url
