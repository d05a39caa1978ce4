"""Ctrl-C at any moment of a command's start is "aborted", exit 130, never a traceback."""

from __future__ import annotations

import pytest

import redwood.cli as cli


def _interrupted_while_a_class_is_made() -> None:
    """What Python 3.11 raises when Ctrl-C lands while a class is being made (a field's
    __set_name__, as in a dataclass): the KeyboardInterrupt wrapped in a RuntimeError."""
    class Field:
        def __set_name__(self, owner: type, name: str) -> None:
            raise KeyboardInterrupt

    try:
        class Exercise:
            tags = Field()
    except KeyboardInterrupt:  # Python 3.12 and later pass it through as it is
        raise RuntimeError("Error calling __set_name__") from KeyboardInterrupt()


def test_ctrl_c_while_a_module_makes_its_classes_is_aborted(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli, "_main", lambda argv: _interrupted_while_a_class_is_made())
    with pytest.raises(SystemExit) as ended:
        cli.main(["log"])
    assert ended.value.code == 130
    assert capsys.readouterr().err == "\naborted\n"


def test_another_runtime_error_is_not_taken_for_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(argv: object) -> None:
        raise RuntimeError("a real fault")

    monkeypatch.setattr(cli, "_main", broken)
    with pytest.raises(RuntimeError, match="a real fault"):
        cli.main(["log"])
