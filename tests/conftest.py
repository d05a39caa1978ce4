import os
import tempfile

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


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()
