"""The start-up cache: a copy of validated data that never changes what Redwood computes."""

from __future__ import annotations

from redwood._cache import cached


def test_cache_returns_the_built_value_and_reuses_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    calls = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"answer": 42}

    assert cached("thing", "source v1", build) == {"answer": 42}
    assert cached("thing", "source v1", build) == {"answer": 42}
    assert len(calls) == 1


def test_edited_source_is_parsed_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    assert cached("thing", "v1", lambda: 1) == 1
    assert cached("thing", "v2", lambda: 2) == 2


def test_a_corrupt_cache_file_falls_back_to_parsing(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    cached("thing", "v1", lambda: 1)
    for path in tmp_path.iterdir():
        path.write_bytes(b"not a pickle")
    assert cached("thing", "v1", lambda: 7) == 7


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(blocker / "sub"))
    assert cached("thing", "v1", lambda: 3) == 3
