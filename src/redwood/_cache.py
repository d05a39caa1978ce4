"""A small on-disk cache for data Redwood has already parsed and validated.

Parsing the catalogue's YAML and validating it and rules.toml with pydantic takes longer than
building a 12-week plan, so `redwood` keeps the validated objects between runs, keyed by a
checksum of the source text and Redwood's version: edit the file and the next run parses it
afresh. The cache lives in the user's own cache folder (REDWOOD_CACHE_DIR overrides it) and
only ever holds objects Redwood validated itself; any problem reading it falls back to parsing.

Every whole command pays for this module, so it imports little: zlib's checksums rather than
hashlib (whose OpenSSL start-up alone costs more than reading the cache), the XDG cache folder
on Linux without platformdirs, and package files with open() rather than importlib.resources.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def package_text(module_file: str, name: str) -> str:
    """The text of a data file shipped beside a module (`module_file`: the module's __file__;
    Redwood is installed as files, never as a zip)."""
    with open(os.path.join(os.path.dirname(module_file), name), encoding="utf-8") as fh:
        return fh.read()


def cache_dir() -> Path:
    override = os.environ.get("REDWOOD_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):  # what platformdirs.user_cache_dir says there
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(xdg or os.path.expanduser("~/.cache")) / "redwood"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("redwood"))


def _key(text: str) -> str:
    """A checksum of `text` (64 bits from two algorithms, and the length): an edit that kept
    both would be one in 2**64; the cache only ever holds what Redwood itself validated."""
    data = text.encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def cached(name: str, source_text: str, build: Callable[[], T]) -> T:
    from redwood import __version__

    key = _key(f"{__version__}\0{source_text}")
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            value: T = pickle.load(fh)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a concurrent reader sees no file or the whole file
    except OSError:
        pass
    return value
