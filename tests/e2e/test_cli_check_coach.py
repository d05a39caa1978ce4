"""`redwood check` on a hand-edited plan: the coach's rules speak through the same command."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

PLAN = ["plan", "--start", "2027-01-04", "--goal", "hypertrophy", "--level", "intermediate",
        "--days", "3", "--weeks", "6", "--format", "json"]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from clirun import run_cli

    r = run_cli(*PLAN)
    assert r.returncode == 0, r.stderr
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_fake_deload_is_reported_by_rule_and_week(cli, tmp_path, plan) -> None:
    data = copy.deepcopy(plan)
    deload = next(k for k, week in enumerate(data["weeks"]) if week["deload"])
    for now, then in zip(data["weeks"][deload]["sessions"], data["weeks"][deload - 1]["sessions"],
                         strict=True):
        now["blocks"] = copy.deepcopy(then["blocks"])
    path = _write(tmp_path, data)

    r = cli("check", str(path), "--format", "json")
    assert r.returncode == 1, r.stderr
    rows = json.loads(r.stdout)["violations"]
    fake = [row for row in rows if row["rule"] == "deload.real"]
    assert {row["week"] for row in fake} == {deload + 1}
    assert "a deload keeps at most 75%" in fake[0]["message"]
    # and each exercise it left uncut, by name (deload.real: every exercise about halved)
    assert all("keeps" in row["message"] and row["exercise_id"] for row in fake[1:])

    r = cli("check", str(path))
    assert r.returncode == 1
    assert f"[deload.real] week {deload + 1}: deload week holds " in r.stdout
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_an_unknown_protected_area_is_not_a_plan(cli, tmp_path, plan) -> None:
    data = copy.deepcopy(plan)
    data["profile"]["protect"] = ["elbows"]
    r = cli("check", str(_write(tmp_path, data)))
    assert r.returncode == 2
    assert "profile.protect[0]: 'elbows' is not one of ['lower-back', 'knees', 'shoulders']" in (
        r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1
