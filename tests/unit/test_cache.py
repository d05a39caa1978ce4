"""The start-up cache: a copy of validated data that never changes what Redwood computes."""

from __future__ import annotations

import dataclasses
import marshal
import sys
import types

import pytest

from redwood import _cache
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


@dataclasses.dataclass(frozen=True, slots=True)
class Lift:
    name: str
    kg: float = 0.0
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    reps: int
    checks: list[int] = dataclasses.field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        self.checks.append(self.reps)


def test_cached_dataclasses_come_back_equal_and_frozen(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    value = {"lifts": [Lift("squat", 100.0, ("legs",)), Lift("row")], "checked": Checked(5)}
    cached("thing", "v1", lambda: value)

    def unused() -> dict[str, object]:
        raise AssertionError("read from the cache")

    again = cached("thing", "v1", unused)
    assert again == value and again is not value
    assert type(again["lifts"][0]) is Lift  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        again["lifts"][0].kg = 1.0  # type: ignore[index]
    assert again["checked"].checks == [5]  # type: ignore[union-attr]  # __post_init__ not rerun


# The compiled methods of Redwood's dataclasses, kept between runs.

CLASS = '''
from __future__ import annotations
from dataclasses import dataclass

@dataclass(frozen=True, slots=True)
class Set:
    """One set."""
    exercise: str
    reps: int
    kg: float = 0.0
'''


def _define(source: str, name: str = "redwood.fake_sets") -> type:
    """A dataclass defined in a module of that name, as a Redwood module defines its own."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        exec(source, module.__dict__)
    finally:
        del sys.modules[name]
    cls: type = module.Set
    return cls


@pytest.fixture
def code_cache(tmp_path, monkeypatch):
    """The dataclass code cache installed in a fresh cache folder; `compiled` lists what was
    compiled afresh (every load empties the process's copy, as a new run would start)."""
    monkeypatch.setenv("REDWOOD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dataclasses, "exec", _cache._dataclass_exec, raising=False)
    compiled: list[str] = []

    def counting_compile(source, *args, **kwargs):
        compiled.append(source)
        return compile(source, *args, **kwargs)

    monkeypatch.setattr(_cache, "compile", counting_compile, raising=False)
    monkeypatch.setattr(_cache, "_CODE", None)
    monkeypatch.setattr(_cache, "_CODE_ADDED", False)

    def new_run() -> None:
        _cache._save_code()
        monkeypatch.setattr(_cache, "_CODE", None)
        monkeypatch.setattr(_cache, "_CODE_ADDED", False)
        compiled.clear()

    return compiled, new_run


def _behaves(cls: type) -> None:
    a, b = cls("back-squat", 5, 100.0), cls("back-squat", 5, 100.0)
    assert a == b and hash(a) == hash(b) and a != cls("back-squat", 6)
    assert repr(a) == "Set(exercise='back-squat', reps=5, kg=100.0)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.reps = 6  # type: ignore[attr-defined]
    assert not hasattr(a, "__dict__")  # slots kept


def test_dataclass_methods_are_compiled_once_and_reused(code_cache) -> None:
    compiled, new_run = code_cache
    _behaves(_define(CLASS))
    assert compiled  # the first run compiles
    new_run()
    cls = _define(CLASS)
    assert compiled == []  # the next compiles nothing
    _behaves(cls)
    assert cls.__init__.__annotations__["reps"] == "int"  # as the class wrote them


def test_an_edited_dataclass_compiles_afresh(code_cache) -> None:
    compiled, new_run = code_cache
    _define(CLASS)
    new_run()
    edited = _define(CLASS.replace("reps: int", "reps: int\n    rir: int = 2"))
    assert any("rir" in source for source in compiled)
    assert edited("squat", 5).rir == 2


def test_a_corrupt_code_cache_is_compiled_afresh(code_cache, tmp_path) -> None:
    compiled, new_run = code_cache
    _define(CLASS)
    new_run()
    for path in tmp_path.iterdir():
        path.write_bytes(b"\x00not marshal")
    _behaves(_define(CLASS))
    assert compiled


def test_other_packages_dataclasses_are_left_alone(code_cache, tmp_path) -> None:
    _, new_run = code_cache
    _behaves(_define(CLASS, "elsewhere.sets"))
    new_run()
    assert not list(tmp_path.iterdir())


def test_each_module_keeps_only_its_classes_as_they_are_now(code_cache, tmp_path) -> None:
    compiled, new_run = code_cache
    _define(CLASS)
    _define(CLASS, "redwood.fake_reps")
    new_run()
    _define(CLASS, "redwood.fake_reps")
    assert compiled == []  # a module's own file
    edited = CLASS.replace("reps: int", "reps: int\n    rir: int = 2")
    _define(edited)
    assert compiled
    new_run()
    _define(edited)
    assert compiled == []  # the edited class is kept...
    sets = next(p for p in tmp_path.iterdir() if p.name.endswith("-redwood.fake_sets.marshal"))
    inits = [source for source in marshal.loads(sets.read_bytes()) if "def __init__" in source]
    assert inits and all("rir" in source for source in inits)  # ...and its old version gone


# --------------------------------------------------------------------------------------------
# Modules loaded on first use


@pytest.fixture
def deferred_module(tmp_path, monkeypatch):
    """A module `deferred_probe` on sys.path that counts, in a list of its own, each time its
    code runs; removed from sys.modules afterwards."""
    (tmp_path / "deferred_probe.py").write_text(
        "import builtins\n"
        "builtins.deferred_probe_runs = getattr(builtins, 'deferred_probe_runs', 0) + 1\n"
        "ANSWER = 42\n"
        "def double(x):\n"
        "    return 2 * x\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import builtins

    monkeypatch.setattr(builtins, "deferred_probe_runs", 0, raising=False)
    yield lambda: builtins.deferred_probe_runs  # type: ignore[attr-defined]
    sys.modules.pop("deferred_probe", None)


def test_a_deferred_module_runs_on_its_first_name_read_once(deferred_module) -> None:
    runs = deferred_module
    _cache.defer_import("deferred_probe")
    import deferred_probe  # an import statement reads the module's __spec__: no run yet

    assert runs() == 0
    assert deferred_probe.__name__ == "deferred_probe"
    assert runs() == 0
    assert deferred_probe.double(deferred_probe.ANSWER) == 84
    from deferred_probe import ANSWER

    assert (ANSWER, runs()) == (42, 1)
    assert sys.modules["deferred_probe"] is deferred_probe  # the very module imported first
    assert type(deferred_probe) is types.ModuleType
    with pytest.raises(AttributeError):
        deferred_probe.missing  # noqa: B018


def test_an_imported_or_missing_module_is_left_alone(deferred_module) -> None:
    import deferred_probe

    assert deferred_module() == 1
    _cache.defer_import("deferred_probe")
    assert sys.modules["deferred_probe"] is deferred_probe
    _cache.defer_import("no_such_module_anywhere")
    assert "no_such_module_anywhere" not in sys.modules


def test_threads_reading_a_deferred_module_wait_for_all_of_it(tmp_path, monkeypatch) -> None:
    import threading

    # Its code sets one name, waits, then the other: a reader must never see it half run.
    (tmp_path / "deferred_slow.py").write_text(
        "import time\nFIRST = 1\ntime.sleep(0.2)\nSECOND = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        _cache.defer_import("deferred_slow")
        import deferred_slow

        seen: list[object] = []
        threads = [threading.Thread(target=lambda: seen.append(deferred_slow.SECOND))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert seen == [2, 2, 2, 2]
        assert deferred_slow.FIRST == 1
    finally:
        sys.modules.pop("deferred_slow", None)
