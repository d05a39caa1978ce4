import datetime as dt
import os
import tempfile
import time

import pytest

from redwood.catalog import load_catalog
from redwood.rules import load_rules

# Keep the suite hermetic: its caches (and the CLI subprocesses', which inherit this) live in
# a folder of its own, not in the user's cache.
os.environ["REDWOOD_CACHE_DIR"] = tempfile.mkdtemp(prefix="redwood-test-cache-")
# Nor the user's log: a command run without a home of its own (`redwood plan` reads the saved
# profile) finds an empty data folder, never the developer's database or profile.
os.environ["REDWOOD_HOME"] = tempfile.mkdtemp(prefix="redwood-test-home-")
for _name in ("REDWOOD_DATABASE_URL", "REDWOOD_USER"):
    os.environ.pop(_name, None)


def _midday_zone(now: dt.datetime) -> str:
    """A fixed-offset zone where `now` is near noon.

    Many tests take `date.today()` when their module loads and then ask a server, a CLI or a
    browser about "today" minutes later; a run that crosses midnight sees two different days
    (27 tests failed so once). Running the suite, its servers and its browser in a zone where it
    is midday leaves about twelve hours before the date can change.
    """
    offset = round(12 - (now.hour + now.minute / 60))  # -12 .. 12 hours east of UTC
    offset = 12 if offset == -12 else offset            # the same clock time, a zone that exists
    # Etc/GMT names count the other way: Etc/GMT-3 is three hours east of UTC.
    return f"Etc/GMT{-offset:+d}" if offset else "Etc/GMT"


# The controller sets the zone once; pytest-xdist's workers and every subprocess inherit it.
if "REDWOOD_TEST_TZ_SET" not in os.environ:
    os.environ["TZ"] = os.environ.get("REDWOOD_TEST_TZ") or _midday_zone(dt.datetime.now(dt.UTC))
    os.environ["REDWOOD_TEST_TZ_SET"] = "1"
    time.tzset()


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()
