"""Weekly hard sets per region and muscle against the goal's band, and the legs:back balance."""

from __future__ import annotations

from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import Notes
from redwood.domain.vocabulary import Goal, Region


def volume(ctx: ReviewContext, out: Notes) -> None:
    """Each region's weekly hard sets against the band, key muscles under the hypertrophy
    minimum, and the legs:back balance."""
    weekly, band, rules, review, goal = ctx.weekly, ctx.band, ctx.rules, ctx.review, ctx.inp.goal
    full = [x for x in weekly if x.days == 7] or list(weekly)
    if not full:
        return
    low, high = band
    for region in (Region.LEGS, Region.BACK):
        counts = [x.by_region.get(region.value, 0) for x in full]
        avg = sum(counts) / len(counts)
        under = sum(1 for n in counts if n < low)
        over = sum(1 for n in counts if n > high)
        listing = ", ".join(str(n) for n in counts)
        if avg < low:
            out.find("volume_low", f"{region.value.capitalize()}: {avg:.1f} hard sets a week "
                     f"({listing}), under the {low}-{high} band; {under} of {len(counts)} weeks "
                     "short.")
        elif avg > high:
            out.find("volume_high", f"{region.value.capitalize()}: {avg:.1f} hard sets a week "
                     f"({listing}), over the {low}-{high} band in {over} of {len(counts)} weeks.")
        else:
            out.find("volume", f"{region.value.capitalize()}: {avg:.1f} hard sets a week "
                     f"({listing}), inside the {low}-{high} band.")
    if goal is Goal.HYPERTROPHY:
        need = rules.volume.hypertrophy_min_sets
        short = []
        for muscle in review.muscles.key:
            avg = sum(x.by_muscle.get(muscle.value, 0.0) for x in full) / len(full)
            if avg < need:
                short.append(f"{muscle.value} {avg:.1f}")
        if short:
            out.find("muscle_low", f"Under {need} hard sets a week (secondary work counted "
                     f"as half): {', '.join(short)}.")
    legs = sum(x.legs for x in weekly)
    back = sum(x.back for x in weekly)
    lo, hi = rules.volume.balance
    if legs and back:
        ratio = legs / back
        if not lo <= ratio <= hi:
            more, less = ("legs", "back") if ratio > hi else ("back", "legs")
            out.find("balance", f"Legs:back {legs}:{back} ({ratio:.2f}) is outside "
                     f"{lo:g}-{hi:g}: {more} get far more work than {less}.")
    elif legs or back:
        missing = "back" if legs else "legs"
        out.find("balance", f"No hard sets for {missing} in the period.")


