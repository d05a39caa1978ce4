"""A small on-disk cache for data Redwood has already parsed and validated.

Parsing the catalogue's YAML and validating it and rules.toml with pydantic takes longer than
building a 12-week plan, so `redwood` keeps the validated objects between runs, keyed by a
checksum of the source text and Redwood's version: edit the file and the next run parses it
afresh. The cache lives in the user's own cache folder (REDWOOD_CACHE_DIR overrides it) and
only ever holds objects Redwood validated itself; any problem reading it falls back to parsing.

Every whole command pays for this module, so it imports little: zlib's checksums rather than
hashlib (whose OpenSSL start-up alone costs more than reading the cache), the XDG cache folder
on Linux without platformdirs, package files with open() rather than importlib.resources, and
os.path rather than pathlib.
"""

from __future__ import annotations

import contextlib
import os
import sys
import zlib
from _thread import RLock
from collections.abc import Callable, Iterable
from types import ModuleType

# typing.TYPE_CHECKING's value without importing typing, which costs a `redwood plan` some 15 M
# instructions (4%, by callgrind): type checkers read any `if TYPE_CHECKING:` as true. The
# modules a plan loads define it so, and import typing's names (used only in annotations)
# under it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import CodeType
    from typing import Any, TypeVar

    T = TypeVar("T")


def package_text(module_file: str, name: str) -> str:
    """The text of a data file shipped beside a module (`module_file`: the module's __file__;
    Redwood is installed as files, never as a zip)."""
    with open(os.path.join(os.path.dirname(module_file), name), encoding="utf-8") as fh:
        return fh.read()


def cache_dir() -> str:
    override = os.environ.get("REDWOOD_CACHE_DIR")
    if override:
        return override
    if sys.platform.startswith("linux"):  # what platformdirs.user_cache_dir says there
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        return os.path.join(xdg or os.path.expanduser("~/.cache"), "redwood")
    from platformdirs import user_cache_dir

    return str(user_cache_dir("redwood"))


def _write_atomically(path: str, data: bytes) -> None:
    """Write `data` to `path` through a temporary file renamed over it: a concurrent reader
    sees no file or the whole file. OSError when the cache folder cannot be written."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _key(text: str) -> str:
    """A checksum of `text` (64 bits from two algorithms, and the length): an edit that kept
    both would be one in 2**64; the cache only ever holds what Redwood itself validated."""
    data = text.encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def shape_key(classes: Iterable[type]) -> str:
    """The fields and layout of the dataclasses a cached value holds, for its key: a copy
    pickled by code whose classes had other fields, or slots, is then never read back."""
    from dataclasses import fields, is_dataclass

    return ";".join(f"{c.__name__}:{','.join(f.name for f in fields(c))}"
                    + (":slots" if "__slots__" in c.__dict__ else "")
                    for c in classes if is_dataclass(c))


def cached(name: str, source_text: str, build: Callable[[], T]) -> T:
    # The C unpickler alone: the pickle module around it (and struct, which it loads) costs
    # more than reading the catalogue, and only writing a copy needs it.
    try:
        from _pickle import UnpicklingError, load
    except ImportError:  # an interpreter without the C accelerator
        from pickle import UnpicklingError, load

    from redwood import __version__

    key = _key(f"{__version__}\0{source_text}")
    path = os.path.join(cache_dir(), f"{name}-{key}.pickle")
    try:
        with open(path, "rb") as fh:
            value: T = load(fh)
        return value
    except (OSError, UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    value = build()
    with contextlib.suppress(OSError):
        _write_atomically(path, _pickled(value))
    return value


def _pickled(value: object) -> bytes:
    """`value` pickled so that it loads fast: an instance of a dataclass with slots is
    rebuilt by its __init__ (all its fields, in order) rather than by the __setstate__ the
    dataclass decorator gives it, a Python loop over the fields per instance that took a third
    of the time the catalogue took to load."""
    import io
    import pickle
    from dataclasses import fields, is_dataclass

    by_init: dict[type, tuple[str, ...] | None] = {}

    def init_fields(cls: type) -> tuple[str, ...] | None:
        if cls not in by_init:
            names = tuple(f.name for f in fields(cls))
            plain = ("__slots__" in cls.__dict__ and not hasattr(cls, "__post_init__")
                     and getattr(cls, "__match_args__", None) == names
                     and all(f.init for f in fields(cls)))
            by_init[cls] = names if plain else None
        return by_init[cls]

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: object) -> Any:
            cls = type(obj)
            if is_dataclass(cls) and (names := init_fields(cls)) is not None:
                return cls, tuple(getattr(obj, name) for name in names)
            return NotImplemented

    out = io.BytesIO()
    Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Modules loaded on first use


class _Deferred(ModuleType):
    """A module whose code runs the first time one of its names is read: until then it holds
    only what an import sets (`__name__`, `__spec__`, `__file__`...), so `import name`
    elsewhere finds it in sys.modules and costs nothing more."""

    def __getattr__(self, attr: str) -> Any:
        # Called only for names the module does not hold yet: run its code in this very
        # object (whoever imported it keeps the same module), then read the name as usual.
        # Another thread that reads a name meanwhile waits for the whole module, as for an
        # import; the module's own code, reading a name it has not set yet, gets the
        # AttributeError a partly run module gives.
        with _DEFERRED_LOCK:
            if type(self) is _Deferred:
                if self.__dict__.get("__deferred_running__"):
                    raise AttributeError(f"partially run module {self.__name__!r} has no "
                                         f"attribute {attr!r}")
                spec = self.__spec__
                assert spec is not None and spec.loader is not None
                self.__dict__["__deferred_running__"] = True
                try:
                    spec.loader.exec_module(self)
                finally:
                    del self.__dict__["__deferred_running__"]
                self.__class__ = ModuleType  # type: ignore[assignment]
        return getattr(self, attr)


_DEFERRED_LOCK = RLock()


def defer_import(name: str) -> None:
    """Import the top-level module `name` now but run its code only when one of its names is
    first read (unlike importlib.util.LazyLoader's modules, an `import name` statement, which
    reads the module's `__spec__`, does not run it). Nothing when it is already imported, or
    not found.

    For a module imported only for a use a command seldom has: the dataclasses module imports
    inspect (with ast, dis and tokenize, a twentieth of a whole `redwood plan` by callgrind)
    only to word the docstring of a class that has none, and the classes a plan defines have
    one. The first name read runs the module in the thread that reads it (others wait)."""
    if name in sys.modules:
        return
    # What importlib.util's find_spec and module_from_spec call, without loading that module
    # (and importlib._abc: more than the rest of this function) for a top-level name.
    import importlib._bootstrap as bootstrap

    find = getattr(bootstrap, "_find_spec", None)
    if find is None:  # pragma: no cover - an importlib of another shape
        from importlib.util import find_spec as find_top

        spec = find_top(name)
    else:
        spec = find(name, None)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return
    module = bootstrap.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules[name] = module


def ready_cleandoc() -> None:
    """Give a deferred `inspect` (defer_import) a `cleandoc` that answers a one-line text
    without running the module: such a text (no new line, no tab, no leading whitespace) is
    its own cleandoc, as inspect's code makes it; any other text runs inspect and gets its
    answer. Nothing when inspect is already run."""
    module = sys.modules.get("inspect")
    if type(module) is not _Deferred:
        return

    def cleandoc(doc: str) -> str:
        if "\n" not in doc and "\t" not in doc and doc == doc.lstrip():
            return doc
        # Reading any other name runs the module, whose own cleandoc then replaces this one.
        module.getdoc  # noqa: B018
        real: Callable[[str], str] = module.cleandoc
        return real(doc)

    module.__dict__["cleandoc"] = cleandoc


# --------------------------------------------------------------------------------------------
# Compiled dataclass methods

_CODE: dict[str, tuple[dict[str, CodeType], dict[str, CodeType]]] | None = None
"""Per module: the compiled methods its cache file held, and those this process used."""
_CODE_ADDED = False


def _code_path(module: str) -> str:
    # Bytecode belongs to one Python: the exact version is in the name. One file per module:
    # a command reads only the code of the modules it imports, and each file holds only its
    # module's classes as they are now (an edit's old versions go when it is next written).
    name = f"dataclass-code-{sys.implementation.cache_tag}-{sys.hexversion:x}-{module}.marshal"
    return os.path.join(cache_dir(), name)


def _load_code(module: str) -> dict[str, CodeType]:
    import marshal

    try:
        with open(_code_path(module), "rb") as fh:
            data = fh.read()  # marshal.load(fh) would read it a few bytes at a time
        loaded = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _save_code() -> None:
    """Write each module's file whose classes changed: the code this process used (a module
    defines all its classes when imported, so that is all of them)."""
    import marshal

    if not _CODE_ADDED or _CODE is None:
        return
    for module, (loaded, used) in _CODE.items():
        if used.keys() != loaded.keys():
            with contextlib.suppress(OSError, ValueError):
                _write_atomically(_code_path(module), marshal.dumps(used))


def _dataclass_exec(source: str, globals_: dict[str, object] | None = None,
                    locals_: dict[str, object] | None = None) -> None:
    """`exec` as the dataclasses module calls it, with the code of Redwood's own classes
    compiled once and kept: the same source text always compiles to the same code."""
    global _CODE, _CODE_ADDED
    # dont_inherit: compiled as in the dataclasses module, without this module's `from
    # __future__ import annotations` (which would turn the methods' annotations into strings).
    module = str((globals_ or {}).get("__name__", ""))
    if not module.startswith("redwood."):
        exec(compile(source, "<string>", "exec", dont_inherit=True), globals_, locals_)
        return
    if _CODE is None:
        _CODE = {}
        import atexit

        atexit.register(_save_code)
    found = _CODE.get(module)
    if found is None:
        found = _CODE[module] = (_load_code(module), {})
    loaded, used = found
    code = used.get(source) or loaded.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _CODE_ADDED = True
    used[source] = code
    exec(code, globals_, locals_)


def cache_dataclass_code() -> None:
    """Keep the compiled methods of Redwood's dataclasses between runs.

    The dataclass decorator writes each class's methods (__init__, __eq__, __repr__, a frozen
    class's __setattr__...) as source text and compiles it, which is most of the cost of
    defining a class: defining the forty-odd classes a plan needs took longer than building
    the plan. Python's dataclasses module calls `exec` for that; this gives it one that keeps
    the compiled code of Redwood's classes in the cache folder (keyed by the exact source text
    and Python version, so an edited class simply compiles afresh) and leaves every other
    package's classes alone. Entry points call it before importing the rest of Redwood.
    """
    import dataclasses

    # Python 3.11-3.13 compile the methods with the module's `exec(text, globals, namespace)`;
    # a dataclasses module of another shape is left alone (its classes only define slower).
    if hasattr(dataclasses, "_create_fn") or hasattr(dataclasses, "_FuncBuilder"):
        dataclasses.exec = _dataclass_exec  # type: ignore[attr-defined]
