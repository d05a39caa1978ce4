"""Recognising exports, and refusing whole files that are not one, with one clear line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exportkit import FIXTURES, HEVY_SAMPLE, STRONG_SAMPLE, TODAY, needs_samples, read

from redwood.domain.log import Unit
from redwood.io.formats import MAX_EXPORT_BYTES, detect, open_export
from redwood.io.rows import ExportError

PLAN_JSON = Path(__file__).resolve().parents[2] / "fixtures" / "plans" / "valid-1week.json"


@pytest.mark.parametrize(
    ("name", "fmt", "variant"),
    [
        ("strong_legacy.csv", "strong", "strong-legacy"),
        ("strong_rpe.csv", "strong", "strong-rpe"),
        ("strong_semicolon_units.csv", "strong", "strong-semicolon-units"),
        ("strong_duration.csv", "strong", "strong-duration"),
        ("strong_bad_rows.csv", "strong", "strong-duration-no-notes"),
        ("strong_numbered_kg.csv", "strong", "strong-numbered-kg"),
        ("strong_numbered_lbs.csv", "strong", "strong-numbered-lbs"),
        ("hevy_lbs.csv", "hevy", "hevy-lbs"),
        ("hevy_bad_rows.csv", "hevy", "hevy-kg"),
        ("fitnotes_kgs.csv", "fitnotes", "fitnotes-kgs"),
        ("fitnotes_lbs.csv", "fitnotes", "fitnotes-lbs"),
        ("fitnotes_unit_column.csv", "fitnotes", "fitnotes-unit-column"),
        ("jefit_backup.csv", "jefit", "jefit-backup"),
    ],
)
def test_detects_every_fixture(name: str, fmt: str, variant: str) -> None:
    assert detect(FIXTURES / name) == (fmt, variant)
    assert read(FIXTURES / name, fmt).export.variant == variant  # naming it works too


@needs_samples
def test_detects_the_real_samples() -> None:
    assert detect(STRONG_SAMPLE) == ("strong", "strong-duration-no-notes")
    assert detect(HEVY_SAMPLE) == ("hevy", "hevy-kg")


def refused(path: Path, fmt: str = "auto") -> str:
    with pytest.raises(ExportError) as caught:
        for _ in open_export(path, fmt, today=TODAY).rows:
            pass
    message = str(caught.value)
    assert "\n" not in message
    return message


def write(tmp_path: Path, data: bytes | str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_refuses_a_plan_json() -> None:
    message = refused(PLAN_JSON)
    assert "JSON" in message and "Strong, Hevy, FitNotes or JEFIT" in message


def test_refuses_a_random_csv(tmp_path: Path) -> None:
    message = refused(write(tmp_path, "name,price,qty\napple,1.20,3\n"))
    assert message.startswith("line 1:")
    assert "'name,price,qty'" in message and "Strong, Hevy, FitNotes or JEFIT" in message


@pytest.mark.parametrize("data", [b"", b"\n\n  \r\n", b"\xef\xbb\xbf"])
def test_refuses_empty_files(tmp_path: Path, data: bytes) -> None:
    assert "empty" in refused(write(tmp_path, data))


def test_refuses_a_header_with_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Workout Name,Exercise Name,Weight,Distance\n"
                           "2024-01-01 10:00:00,A,Squat,100,0\n")
    message = refused(path)
    assert message == "line 1: this Strong export's header lacks the columns 'Set Order', 'Reps'"


def test_refuses_a_hevy_header_without_a_weight_column(tmp_path: Path) -> None:
    path = write(tmp_path, '"title","start_time","exercise_title","set_type","reps"\n')
    assert "lacks the column 'weight_kg'" in refused(path)


def test_refuses_the_wrong_named_format() -> None:
    message = refused(FIXTURES / "strong_legacy.csv", "hevy")
    assert "Strong export, not Hevy" in message and "choose strong or auto" in message
    assert "JEFIT export, not FitNotes" in refused(FIXTURES / "jefit_backup.csv", "fitnotes")


def test_refuses_an_unknown_format_name() -> None:
    assert "choose auto, strong, hevy, fitnotes, jefit" in refused(
        FIXTURES / "strong_legacy.csv", "fitbod")


def test_refuses_latin1_text_naming_the_line(tmp_path: Path) -> None:
    text = (FIXTURES / "strong_legacy.csv").read_text().replace("Pull Up ", "Développé")
    message = refused(write(tmp_path, text.encode("latin-1")))
    assert message.startswith("line 8: the file is not UTF-8 text (byte 0xE9)")


def test_refuses_bad_utf8_far_into_a_big_file(tmp_path: Path) -> None:
    lines = (FIXTURES / "strong_legacy.csv").read_bytes().splitlines(keepends=True)
    body = lines[1] * 3000  # past the first bytes checked when opening
    data = lines[0] + body + lines[2].replace(b"Squat", b"Squ\xff") + lines[3]
    assert "line 3002: the file is not UTF-8 text (byte 0xFF)" in refused(write(tmp_path, data))


def test_refuses_utf16(tmp_path: Path) -> None:
    data = (FIXTURES / "strong_legacy.csv").read_text().encode("utf-16")
    assert "UTF-16" in refused(write(tmp_path, data))


@pytest.mark.parametrize(
    ("data", "word"),
    [(bytes(range(256)) * 4, "binary"), (b"PK\x03\x04rest-of-zip", "compressed"),
     (b"\x1f\x8b\x08\x00gzip", "compressed")],
)
def test_refuses_binary_files(tmp_path: Path, data: bytes, word: str) -> None:
    assert word in refused(write(tmp_path, data))


def test_refuses_files_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    shutil.copy(FIXTURES / "strong_legacy.csv", path)
    with path.open("r+b") as fh:
        fh.truncate(MAX_EXPORT_BYTES + 1)  # sparse: costs no disk
    message = refused(path)
    assert f"over {MAX_EXPORT_BYTES // 1_048_576} MB" in message


def test_refuses_missing_files_and_folders(tmp_path: Path) -> None:
    assert "no such file" in refused(tmp_path / "nope.csv")
    assert "folder" in refused(tmp_path)


def test_refuses_a_jefit_file_without_set_logs(tmp_path: Path) -> None:
    path = write(tmp_path, "### JEFIT BACKUP FILE ###\n### SETTING\n_id,mass\n1,kgs\n")
    assert "EXERCISE LOGS" in refused(path)


def test_a_file_cut_inside_a_quoted_field_reports_that_row(tmp_path: Path) -> None:
    text = (FIXTURES / "hevy_lbs.csv").read_text()
    cut = text[: text.index("Elbows in,") + 5]  # ends inside an open quote, on line 5
    got = read(write(tmp_path, cut))
    assert [r.line for r in got.rows] == [2]
    assert [(p.line, p.ignored) for p in got.problems] == [(4, False)]
    assert "ends inside a quoted field" in got.problems[0].reason


def test_a_file_cut_mid_row_reports_that_row(tmp_path: Path) -> None:
    text = (FIXTURES / "strong_legacy.csv").read_text()
    cut = "Deadlift (Barbell),1,12"
    got = read(write(tmp_path, text[: text.index(cut) + len(cut)]))
    assert [r.line for r in got.rows] == [2, 3, 4, 5]
    assert [(p.line, p.ignored) for p in got.problems] == [(6, False)]
    assert "5 fields where the header has 10" in got.problems[0].reason


def test_rows_are_streamed_not_read_ahead(tmp_path: Path) -> None:
    # A bad byte at the end does not stop the first rows from being read first.
    data = (FIXTURES / "strong_legacy.csv").read_bytes() * 1 + b"x" * 70_000 + b"\n\xff\n"
    export = open_export(write(tmp_path, data), today=TODAY)
    first = next(export.rows)
    assert first.line == 2
    with pytest.raises(ExportError, match="line 10"):
        list(export.rows)


def test_a_spreadsheet_sep_line_and_blank_lines_before_the_header(tmp_path: Path) -> None:
    text = (FIXTURES / "strong_semicolon_units.csv").read_text()
    got = read(write(tmp_path, "sep=;\r\n\r\n" + text.replace("\n", "\r\n")))
    assert got.export.variant == "strong-semicolon-units"
    assert [r.line for r in got.rows] == [4, 5, 6, 7, 8]


def test_the_files_own_unit_wins_and_the_user_is_told() -> None:
    got = read(FIXTURES / "hevy_lbs.csv", unit=Unit.KG)
    assert {r.unit for r in got.rows} == {Unit.LB}
    assert got.export.notes == [
        "the file gives its weights in lb; the unit kg given for it was not needed and not used"]
    assert read(FIXTURES / "hevy_lbs.csv", unit=Unit.LB).export.notes == []
