"""The plan: weeks and sessions with the reason for every choice; prints cleanly."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.web.views._common import current_user, redirect, render, store_of, to_login

router = APIRouter()


def dose(item: dict[str, Any]) -> str:
    """'3 x 8-10', '3 x 30-45 s', '3 x 10/side': as the terminal renderer writes it."""
    timed = "seconds_min" in item
    low = item["seconds_min"] if timed else item["reps_min"]
    high = item["seconds_max"] if timed else item["reps_max"]
    rng = f"{low}" if low == high else f"{low}-{high}"
    effort = f" @ RPE {item['rpe']:g}" if item.get("rpe") is not None else ""
    return (f"{item['sets']} x {rng}{' s' if timed else ''}"
            f"{'/side' if item.get('per_side') else ''}{_lowering(item)}{effort}")


def _lowering(item: dict[str, Any]) -> str:
    """', 3-5 s down': a negative's lowering tempo, as the terminal renderer writes it."""
    if "lowering_s_min" not in item:
        return ""
    low, high = item["lowering_s_min"], item["lowering_s_max"]
    return f", {low} s down" if low == high else f", {low}-{high} s down"


_REST_WHY = re.compile(r"\s*Rest \d+ s:[^\[]*\[[^\]]*\]\.?")


def _blocks(session: dict[str, Any], seen: set[str]) -> list[dict[str, Any]]:
    """Blocks with their marks (1, 2 for single lifts; A1, A2 for the pairs of a superset),
    each item's true rest, and its reason only the first time the lift, and the text, is on
    the page (`seen`: the lifts and reasons shown before)."""
    out, letters, numbers = [], 0, 0
    for block in session["blocks"]:
        if block["kind"] == "superset":
            letter = chr(ord("A") + letters)
            letters += 1
            items, last = [], len(block["items"])
            for n, item in enumerate(block["items"], start=1):
                # In a pair the rest is the block's: a short one to the partner, the item's
                # own after the round; the item's own "Rest N s" reason would contradict it.
                rest = (f"then {block.get('rest_between_s') or 0} s to {letter}{n + 1}"
                        if n < last else f"rest {item['rest_s']} s after the round")
                why = _REST_WHY.sub("", item.get("why") or "")
                items.append(_shown(item, f"{letter}{n}", rest, why, seen))
            out.append({**block, "label": f"Superset {letter}", "items": items,
                        "why": _once(block.get("why") or "", seen)})
        else:
            numbers += 1
            items = [_shown(item, str(numbers), f"rest {item['rest_s']} s",
                            item.get("why") or "", seen) for item in block["items"]]
            out.append({**block, "label": "", "items": items})
    return out


def _once(text: str, seen: set[str]) -> str:
    """The text the first time it is on the page, else nothing: a reason is said once."""
    if not text or text in seen:
        return ""
    seen.add(text)
    return text


def _shown(item: dict[str, Any], mark: str, rest: str, why: str,
           seen: set[str]) -> dict[str, Any]:
    first = item["exercise_id"] not in seen
    seen.add(item["exercise_id"])
    return {**item, "mark": mark, "dose": dose(item), "rest": rest,
            "why": _once(why, seen) if first else ""}


def plan_weeks(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The weeks for the page, a week that repeats the one before folded to its dates."""
    weeks: list[dict[str, Any]] = []
    previous: list[tuple[Any, ...]] | None = None
    shown_week = 0
    seen: set[str] = set()
    for week in plan["weeks"]:
        # The week is the one before only when every lift, dose, rest and effort is (an
        # intermediate's wave and an advanced lifter's rising RPE change the doses, not the lifts).
        ids = [(b.get("rounds"), *(i.get(k) for k in ("exercise_id", "sets", "reps_min",
                                                        "reps_max", "seconds_min",
                                                        "seconds_max", "rest_s", "rpe")))
               for s in week["sessions"] for b in s["blocks"] for i in b["items"]]
        same = ids == previous and not week["deload"]
        sessions = [
            {**s, "day": dt.date.fromisoformat(s["date"]), "blocks": _blocks(s, seen),
             "why": _once(s.get("why") or "", seen)}
            for s in week["sessions"]
        ] if not same else [{**s, "day": dt.date.fromisoformat(s["date"])}
                            for s in week["sessions"]]
        weeks.append({**week, "same_as": shown_week if same else None, "sessions": sessions})
        if not same:
            previous, shown_week = ids, week["index"]
    return weeks


@router.get("/plan", include_in_schema=False)
def plan_page(request: Request, new: str = "") -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    from redwood.services.planning import active_plan

    active = active_plan(store_of(request), user)
    if active is None:
        return redirect("/onboarding")
    plan_id, plan = active
    return render(request, "plan.html", user=user, active="plan", title="Your plan",
                  plan=plan, plan_id=plan_id, profile=plan["profile"], weeks=plan_weeks(plan),
                  new=new == "1", today=dt.date.today())
