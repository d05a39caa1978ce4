"""The real exports, mutated (hypothesis): every row is either stored (listed as unusual when
a value is past its usual bound) or reported as unreadable by its line; re-importing adds
nothing; `volume_kg` equals an independent sum over the rows stored. And a real two-year
Hevy history with an unusual set imports whole on the first try."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importkit import HEVY, STRONG, expect_hevy, read_rows, stored, write_csv

from redwood.domain.log import Bounds, Unit, to_kg
from redwood.services.importing import import_file

READS = {"reps": [str(n) for n in (0, 1, 12, 100, 101, 103, 250, 1000, 1001, 1500)]
         + ["abc", "-3", "12.5"],
         "weight": ["0", "60", "500", "500.5", "620", "1500", "1500.5", "2000", "heavy"],
         "date": ["not a date", "2024-13-45 10:00:00"],
         "name": ["", "   "]}
mutations = st.lists(
    st.tuples(st.integers(0, 249), st.sampled_from(list(READS)), st.integers(0, 12)),
    min_size=1, max_size=8, unique_by=lambda m: m[0])


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip()) if text.strip() else Decimal(0)
    except InvalidOperation:
        return None


def _judge(row: list[str], h: dict[str, int]) -> str:
    """'bad', 'ignored', 'unusual' or 'ok', from the CSV alone (not the importer's parsers)."""
    reps, weight = _number(row[h["Reps"]]), _number(row[h["Weight"]])
    if not row[h["Exercise Name"]].strip() or reps is None or weight is None:
        return "bad"
    if not row[h["Date"]][:4].isdigit() or row[h["Date"]][5:7] > "12":
        return "bad"
    if reps < 0 or reps != reps.to_integral_value() or reps > Bounds.REPS.most \
            or weight > Bounds.WEIGHT_KG.most:
        return "bad"
    if reps == 0 and not _number(row[h["Seconds"]]) and not _number(row[h["Distance"]]):
        return "ignored"
    if reps > Bounds.REPS.usual or weight > Bounds.WEIGHT_KG.usual:
        return "unusual"
    return "ok"


@pytest.mark.slow
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations)
def test_mutated_strong_exports_store_or_report_every_row(store, tmp_path_factory, changes):
    header, rows = read_rows(STRONG)
    h = {name: i for i, name in enumerate(header)}
    column = {"reps": "Reps", "weight": "Weight", "date": "Date", "name": "Exercise Name"}
    for index, what, pick in changes:
        values = READS[what]
        rows[index][h[column[what]]] = values[pick % len(values)]
    verdict = {i + 2: _judge(r, h) for i, r in enumerate(rows)}
    with store.unit_of_work() as uow:
        user = uow.users.add(f"lifter-{len(uow.users.list())}")
        uow.commit()
    path = write_csv(tmp_path_factory.mktemp("mutated") / "strong.csv", header, rows)
    report = import_file(store, user, path, unit=Unit.KG, skip_bad_rows=True)
    assert report.stored
    assert {s.line for s in report.errors} == {n for n, v in verdict.items() if v == "bad"}
    assert {s.line for s in report.skipped if s.ignored} == {
        n for n, v in verdict.items() if v == "ignored"}
    assert {u.line for u in report.unusual} == {n for n, v in verdict.items() if v == "unusual"}
    kept = [r for i, r in enumerate(rows) if verdict[i + 2] in ("ok", "unusual")]
    assert report.sets_added == len(kept) == stored(store, user.id).sets
    volume = sum((to_kg(Decimal(r[h["Weight"]]), Unit.KG) * int(Decimal(r[h["Reps"]]))
                  for r in kept if "Assisted" not in r[h["Exercise Name"]]), Decimal(0))
    assert report.volume_kg == volume == stored(store, user.id).volume_kg
    again = import_file(store, user, path, unit=Unit.KG, skip_bad_rows=True)
    assert again.sets_added == 0 and stored(store, user.id).sets == len(kept)


def test_a_two_year_hevy_history_with_an_unusual_set_imports_whole(store, user_id,
                                                                   tmp_path: Path):
    header, rows = read_rows(HEVY)
    reps = header.index("reps")
    first = next(i for i, r in enumerate(rows) if r[reps] and int(Decimal(r[reps])) > 0)
    rows[first][reps] = "103"
    path = write_csv(tmp_path / "hevy.csv", header, rows)
    with store.reader() as uow:
        user = uow.users.get(user_id)
    report = import_file(store, user, path)  # no --skip-bad-rows: nothing is bad
    assert report.stored and not report.errors
    assert [(u.line, u.reason) for u in report.unusual] == [(first + 2, "reps 103 is over 100")]
    assert report.sets_added == expect_hevy(path).sets == stored(store, user_id).sets
    assert report.volume_kg == expect_hevy(path).volume_kg
