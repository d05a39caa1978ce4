"""Reading a rules file: TOML, validated into its frozen dataclasses by pydantic."""

from __future__ import annotations

import tomllib
from typing import TypeVar

T = TypeVar("T")


def validate_toml(text: str, shape: type[T], filename: str, error: type[ValueError]) -> T:
    """`text` as a `shape`; `error` names the file, the table and the key when a value makes
    no sense (a coach's typo, not the lifter's). pydantic is imported only here, on use."""
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
