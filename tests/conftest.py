import pytest

from redwood.catalog import load_catalog
from redwood.rules import load_rules


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()
