"""A small on-disk cache for data Redwood has already parsed and validated.

Parsing the catalogue's YAML and validating it and rules.toml with pydantic takes longer than
building a 12-week plan, so `redwood` keeps the validated objects between runs, keyed by a hash
of the source text and Redwood's version: edit the file and the next run parses it afresh.
The cache lives in the user's own cache folder (REDWOOD_CACHE_DIR overrides it) and only ever
holds objects Redwood validated itself; any problem reading it falls back to parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    override = os.environ.get("REDWOOD_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("redwood"))


def cached(name: str, source_text: str, build: Callable[[], T]) -> T:
    from redwood import __version__

    key = hashlib.sha256(f"{__version__}\0{source_text}".encode()).hexdigest()[:32]
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
