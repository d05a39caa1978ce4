"""The plan's JSON text: `dumps` writes exactly what json.dumps(indent=2) would, only faster."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.plans import build

from redwood.planner.serialize import _encode, dumps, plan_json


def _stdlib(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("options", [
    dict(),
    dict(goal="strength", level="intermediate", days=4, weeks=12),
    dict(goal="endurance", level="advanced", days=5, minutes=30, weeks=9, supersets=False),
    dict(level="advanced", days=2, minutes=45, weeks=6, location="home",
         equipment=("dumbbell", "resistance-band"), protect=("lower-back",)),
])
def test_dumps_is_the_standard_librarys_text(options: dict[str, Any]) -> None:
    plan = build(**options)
    assert dumps(plan) == _stdlib(plan_json(plan)) + "\n"


@pytest.mark.parametrize("value", [
    {}, [], (), "", {"a": []}, {"a": {}}, [[], {}, [1]], {"é ü ✓": "naïve “quoted” \n\t\\ \x01"},
    {"n": 0, "neg": -3, "big": 10**20, "f": 7.5, "tiny": 1e-7, "huge": 1e16, "t": True,
     "f2": False, "none": None}, [("a", 1), ["b", [2.25, {"deep": [None]}]]],
])
def test_the_encoder_matches_json_dumps_for_every_json_value(value: Any) -> None:
    assert _encode(value, 0) == _stdlib(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), {1: "x"}, {"a": {1, 2}}])
def test_the_encoder_refuses_what_a_plan_never_holds(value: Any) -> None:
    with pytest.raises(TypeError):
        _encode(value, 0)
