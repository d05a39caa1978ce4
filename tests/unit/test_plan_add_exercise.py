"""A new accessory the time fill tries and refuses leaves its session exactly as it was.

`_add_exercise` (planner/steps/grow.py) adds an exercise to a session, pairs the session again
(a superset may raise both exercises to its rounds) and keeps the try only where nothing is
overdosed, the minutes hold and legs:back stays balanced. A refused try used to be undone by
pairing the session once more, which can pair differently: with glute kickbacks in the
catalogue, a refused try on a strength plan (2 x 120 min, gym, no hinge, sore knees) left a
seated calf raise raised to 3 sets past the calves' top, and `check` caught the plan
(volume.muscle-bands). Now a refused try restores the drafts, sets and partners it saved.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_plan_last_floors import _plan
from test_plan_timefill import SIX_SHORT_DAYS_AT_HOME

import redwood.planner.steps.grow as grow

# test_plan_timefill's six 45-minute days at home, seed 2: the fill reaches the new-accessory
# step's tries (seed 6144's plan, with the glutes at half beside the quadriceps in hypertrophy
# too, no longer gets a new accessory as far as a try: every option is refused before it).
TRIES_A_NEW_ACCESSORY = {**SIX_SHORT_DAYS_AT_HOME, "seed": 2}


def _state(sessions: list[Any]) -> list[list[tuple[str, int, str | None]]]:
    return [[(d.exercise.id, d.sets, d.partner.exercise.id if d.partner else None)
             for d in sd.drafts] for sd in sessions]


def test_a_refused_try_puts_the_session_back_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    real, real_pair, real_overdosed = grow._add_exercise, grow._pair, grow._overdosed
    tries: list[int] = []
    changed: list[str] = []

    def other_pairing(sd: Any, ctx: Any) -> None:
        # Pairing again pairs differently from the first time: here one more set for the
        # session's first exercise at every pairing.
        real_pair(sd, ctx)
        sd.drafts[0].sets += 1
        tries.append(1)

    def spy(sessions: Any, ctx: Any, tally: Any, block_index: int, *args: Any,
            **kwargs: Any) -> bool:
        # Each call of the fill is first tried with every try refused (_overdosed) and a
        # pairing that differs: the session must come back as it was. Then the real call.
        before = _state(sessions)
        monkeypatch.setattr(grow, "_overdosed", lambda *a, **k: True)
        monkeypatch.setattr(grow, "_pair", other_pairing)
        try:
            assert real(sessions, ctx, tally, block_index, *args, **kwargs) is False
        finally:
            monkeypatch.setattr(grow, "_overdosed", real_overdosed)
            monkeypatch.setattr(grow, "_pair", real_pair)
        if _state(sessions) != before:
            changed.append(str(_state(sessions)))
        return real(sessions, ctx, tally, block_index, *args, **kwargs)

    monkeypatch.setattr(grow, "_add_exercise", spy)
    _plan(TRIES_A_NEW_ACCESSORY)
    assert tries, "the fill never tried a new accessory"
    assert changed == []
