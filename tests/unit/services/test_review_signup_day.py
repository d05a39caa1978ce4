"""The review of a lifter who signed up today starts today, whatever the server's zone:
the sign-up time is kept in UTC, the lifter's days are the server's local days."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from fakes import Data, FakeStore

from redwood.domain.log import Unit
from redwood.domain.user import User
from redwood.services.reviewing import gather


@pytest.fixture
def west_of_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Eleven hours west of UTC: at 03:00 UTC it is still the evening before there."""
    monkeypatch.setenv("TZ", "Etc/GMT+11")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_signed_up_this_evening_is_reviewed_from_this_evening(west_of_utc: None) -> None:
    # 03:00 UTC on 7 December is 16:00 on 6 December eleven hours west.
    joined = User(id=1, name="lifter", unit=Unit.KG, created_at=dt.datetime(2026, 12, 7, 3))
    today = dt.date(2026, 12, 6)
    got = gather(FakeStore(Data(users={1: joined})), joined, end=today)
    assert (got.start, got.end) == (today, today)
