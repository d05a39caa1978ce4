"""The shipped rule files: every rules/*.toml is read by the one loader, cached copies are the
rules themselves, and a broken file is named in its error."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import pytest

from redwood.rules.files import RuleFile
from redwood.rules.shipped import RULE_FILES


def test_every_toml_in_the_rules_folder_has_its_rule_file() -> None:
    shipped = {p.name for p in resources.files("redwood.rules").iterdir()
               if p.name.endswith(".toml")}
    assert {f.filename for f in RULE_FILES} == shipped
    assert len(RULE_FILES) == len(shipped)


@pytest.mark.parametrize("rule_file", RULE_FILES, ids=lambda f: f.filename)
def test_each_file_loads_once_per_process_as_its_parsed_text(rule_file: RuleFile[Any]) -> None:
    loaded = rule_file.load()
    assert rule_file.load() is loaded
    assert loaded == rule_file.parse(rule_file.text())


@pytest.mark.parametrize("rule_file", [f for f in RULE_FILES if f.cache_name],
                         ids=lambda f: f.filename)
def test_a_copy_read_back_from_the_cache_is_the_same_rules(rule_file: RuleFile[Any], tmp_path,
                                                          monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    fresh = RuleFile(rule_file.filename, rule_file.parse, rule_file.cache_name, rule_file.shape)
    first = fresh.load()
    assert list(tmp_path.iterdir()), "the checked rules were not kept between runs"
    again = RuleFile(rule_file.filename, rule_file.parse, rule_file.cache_name, rule_file.shape)
    assert again.load() == first == rule_file.parse(rule_file.text())


@dataclass(frozen=True)
class _Old:
    a: int


@dataclass(frozen=True)
class _New:
    a: int
    b: int


def test_a_copy_cached_by_other_rule_classes_is_not_used(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    assert RuleFile("review.toml", lambda _: "old", "shape-test", (_Old,)).load() == "old"
    assert RuleFile("review.toml", lambda _: "new", "shape-test", (_New,)).load() == "new"
    assert RuleFile("review.toml", lambda _: "again", "shape-test", (_Old,)).load() == "old"


class _Edited(RuleFile[Any]):
    def text(self) -> str:
        return "[protein\nbroken = "


@pytest.mark.parametrize("rule_file", RULE_FILES, ids=lambda f: f.filename)
def test_a_broken_file_is_named_in_its_error(rule_file: RuleFile[Any], tmp_path,
                                             monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    broken = _Edited(rule_file.filename, rule_file.parse, rule_file.cache_name, rule_file.shape)
    with pytest.raises(ValueError) as err:
        broken.load()
    assert str(err.value).startswith(rule_file.filename)
