"""The exports of a realistic log (tests/exportlog.py: every kind of set, assisted sets,
distances, pounds, notes, unicode, formula-like names and titles) are the very bytes the
exporter wrote before it read the log from the driver (tests/fixtures/golden/), on SQLite and
PostgreSQL, streamed or whole, and every CSV reads back through the Strong importer."""

from __future__ import annotations

import pytest

from exportlog import EXPORTS, FIXTURES, exports, fill
from redwood.io.formats import open_export
from redwood.services import accounts, exporting
from redwood.store import Store


@pytest.fixture
def golden_user(store: Store):  # type: ignore[no-untyped-def]
    user = accounts.signup(store, "golden", "a long and unguessable passphrase")
    fill(store, user.id)
    return user


def _first_difference(ours: str, theirs: str) -> str:
    for n, (a, b) in enumerate(zip(ours.splitlines(), theirs.splitlines(), strict=False), 1):
        if a != b:
            return f"line {n}: {a!r} != {b!r}"
    return f"lengths {len(ours)} != {len(theirs)}"


def test_every_export_is_the_same_bytes_as_before(store: Store, golden_user) -> None:  # type: ignore[no-untyped-def]
    written = exports(store, golden_user)
    assert sorted(written) == sorted([*EXPORTS, "backup.json"])
    for name, text in written.items():
        expected = (FIXTURES / name).read_bytes().decode()
        assert text == expected, f"{name}: {_first_difference(text, expected)}"
    whole = exporting.strong_csv(store, golden_user)
    assert whole.text == written["strong.csv"] and whole.sets == written["strong.csv"].count(
        "\n2025") and whole.workouts > 50
    assert exporting.backup(store, golden_user) == written["backup.json"]


def test_the_formula_cells_read_back_unchanged(store: Store, golden_user, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "strong.csv"
    path.write_text("".join(exporting.strong_csv_chunks(store, golden_user)), newline="")
    rows = [r for r in open_export(path).rows if not hasattr(r, "reason")]
    names = {r.exercise_name for r in rows}
    titles = {r.workout_title for r in rows}
    assert {'=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "-cable fly",
            "'=already quoted", 'Sled "heavy", push', "Ñandú press ☃ — 深蹲"} <= names
    assert {"=cmd|' /C calc'!A0", "+ve day ☀", "-"} <= titles
