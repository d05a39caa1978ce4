"""What the API's routers share: pages of a list, and one-line 4xx errors naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import HTTPException, Query
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, Field


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


UtcDateTime = Annotated[dt.datetime, AfterValidator(_utc)]
"""A moment as the store keeps it (naive UTC), sent with its offset as RFC 3339 requires."""

MAX_LIMIT = 200
"""The most items one page holds: a list never costs more than this, however long the log."""
DEFAULT_LIMIT = 50

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: `items` from `offset`, at most `limit`, of `total`."""

    items: list[T]
    total: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)]
    offset: Annotated[int, Field(ge=0)]


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many items "
                                                              f"(1-{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many items.")]


def page(items: Sequence[T], limit: int, offset: int) -> Page[T]:
    return Page[T](items=list(items[offset:offset + limit]), total=len(items), limit=limit,
                   offset=offset)


def unprocessable(field: str, message: str) -> RequestValidationError:
    """422 in the shape of every other refused input ({"detail": [{"loc", "msg", "type"}],
    "error": "days: 9 is out of range: allowed 2..6"}), so the schema's 422 holds for it too."""
    return RequestValidationError([{"type": "value_error", "loc": ("body", *field.split(".")),
                                    "msg": message, "input": None}])


def not_found(message: str) -> HTTPException:
    return HTTPException(404, message)
