"""The shipped rule files, rules/*.toml: one way to read, check and cache each of them.

A `RuleFile` names its file and how its text becomes typed rules; `load()` reads it once per
process and, when it names a cache, keeps the checked rules between runs (redwood._cache: the
key is the file's text and the rule classes' fields, so editing either parses afresh).
redwood.rules.shipped lists every file Redwood ships.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Generic, TypeVar

    T = TypeVar("T")

    class _Generic(Generic[T]):
        """RuleFile's base for the type checker: a rule file of rules of type T."""
else:
    T = None

    class _Generic:
        """At run time `_Generic[T]` is this very class: RuleFile is generic only to the type
        checker (typing.Generic would cost every command the import of typing)."""

        def __class_getitem__(cls, item: object) -> type:
            return cls


class RuleFileError(ValueError):
    """A shipped rule file holds a value that makes no sense (the message names the file)."""


@dataclass(frozen=True, eq=False)
class RuleFile(_Generic[T]):
    """One shipped rule file: its name, its parser and its cache."""

    filename: str
    """The file's name in redwood/rules/."""
    parse: Callable[[str], T]
    """Its text to checked rules; raises a ValueError naming the file, table and key."""
    cache_name: str | None = None
    """Its name in the cache between runs (None: parsed afresh each run, for quick files)."""
    shape: tuple[type, ...] = ()
    """The rule dataclasses, whose fields join the cache key: a copy cached by code with
    other classes is not used."""
    _loaded: list[T] = field(default_factory=list, repr=False)

    def text(self) -> str:
        from redwood._cache import package_text

        return package_text(__file__, self.filename)

    def load(self) -> T:
        """The rules shipped in the file (read once per process); a value that makes no sense
        raises a ValueError whose message starts with the file's name."""
        if not self._loaded:
            text = self.text()
            if self.cache_name is None:
                self._loaded.append(self._parse(text))
            else:
                from redwood._cache import cached, shape_key

                key = f"{shape_key(self.shape)}\0{text}" if self.shape else text
                self._loaded.append(cached(self.cache_name, key, lambda: self._parse(text)))
        return self._loaded[0]

    def _parse(self, text: str) -> T:
        try:
            return self.parse(text)
        except ValueError as exc:
            if str(exc).startswith(self.filename):
                raise
            raise RuleFileError(f"{self.filename}: {exc}") from exc


def validate_toml(text: str, shape: type[T], filename: str, error: type[ValueError]) -> T:
    """`text` as a `shape`; `error` names the file, the table and the key when a value makes
    no sense (a coach's typo, not the lifter's). pydantic is imported only here, on use (and
    tomllib: with the checked rules cached, a run reads no TOML)."""
    import tomllib

    from pydantic import TypeAdapter, ValidationError

    try:
        data = tomllib.loads(text)
        return TypeAdapter(shape).validate_python(data)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{filename} is not valid TOML: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise error(f"{filename}: {where}: {first['msg']}") from exc
