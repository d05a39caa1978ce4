"""What `redwood import` says about a small file reads as English: a JEFIT backup's one
setting row and the few weights it has to judge the unit by ("1 row that are not set logs",
"only 1 weights to judge by" before)."""

from __future__ import annotations

from pathlib import Path

from clirun import run_cli

JEFIT = """### SETTING
unit
kg
### EXERCISE LOGS
_id,mydate,ename,logs,belongsession
1,2025-01-02,Barbell Squat,"60x10",1735812000
"""


def test_a_small_jefit_backup_is_described_in_plain_english(tmp_path: Path,
                                                            monkeypatch) -> None:
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    path = tmp_path / "jefit.csv"
    path.write_text(JEFIT, encoding="utf-8")
    r = run_cli("import", str(path), "--dry-run", "--unit", "kg")
    assert r.returncode == 0, r.stderr
    said = " ".join(r.stdout.split())
    assert "section 'SETTING': 1 row that is not a set log, not imported" in said
    r = run_cli("import", str(path), "--dry-run")
    assert "only 1 weight to judge by" in " ".join(r.stdout.split())
