import os
import tempfile

import pytest

from redwood.catalog import load_catalog
from redwood.rules import load_rules

# Keep the suite hermetic: its caches (and the CLI subprocesses', which inherit this) live in
# a folder of its own, not in the user's cache.
os.environ["REDWOOD_CACHE_DIR"] = tempfile.mkdtemp(prefix="redwood-test-cache-")


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()
