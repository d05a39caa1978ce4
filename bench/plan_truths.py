"""Untrue words in plans over random profiles (issue 10, items 7 and 9): a mechanical coach audit.

Reads each plan's reasons and notes and counts, per defect class, the statements its
prescription contradicts: rests and rep ranges named for the wrong goal or kit, "needs X, which
you don't have" for owned kit, a harder variation the lifter cannot do, "the nearest ... your kit
allows" with only bodyweight while a loaded option of the lift is open, main/accessory labels,
stated RPEs, deload set counts and notes, rep-wave claims, session claims ("no back work today",
"N of M min", muscle bands), plan notes (hard sets per muscle, short of / above the band, the
same-scheme and rotation notes, --protect notes), kit words (band, box, barbell...) in reasons
and notes the lifter lacks, and removed exercises a plan still holds. Profiles are plan_space's.

    PYTHONPATH=src:bench .venv/bin/python bench/plan_truths.py --profiles 1500 --seed 1 [--show 6]
    PYTHONPATH=src:bench .venv/bin/python bench/plan_truths.py --dir DIR   # DIR/p*.json plans
    PYTHONPATH=src:bench .venv/bin/python bench/plan_truths.py --kind removed-present  # all

A class is a count of items and of plans; 0 lines is a clean run. The checks are text
patterns, so a class can be coarse (advanced-main-no-rpe counts every advanced main lift
without an RPE, whatever the reason): compare counts between checkouts, and read the examples
before calling a count a defect.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import random
import re

from plan_space import profile
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import LOAD_EQUIPMENT, PATTERN_LABELS, Goal, Level, full_gym
from redwood.planner.generate import generate_plan
from redwood.planner.profile import make_profile
from redwood.planner.serialize import plan_json
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

RULES, CAT = load_rules(), load_catalog()
SHOW, KIND = 6, None
# Kit a gym lifter's plan never uses, as the planner's _IMPROVISED (a water bottle in a gym).
IMPROVISED = {"stairs", "hill", "backpack", "water-bottle", "towel"}
NAMES = sorted(
    {e.name for e in load_catalog()} | {a for e in load_catalog() for a in e.aliases},
    key=len,
    reverse=True,
)
NEEDS_CLAUSE = re.compile(r"[A-Z][^.:]*? needs [a-z, \-]+, which you don't have")
LEVELS = ["beginner", "intermediate", "advanced"]
LABEL = {p.value: lbl for p, lbl in PATTERN_LABELS.items()}
found: collections.Counter[str] = collections.Counter()
plans_with: collections.defaultdict[str, set] = collections.defaultdict(set)
examples: dict[str, list[str]] = collections.defaultdict(list)


def flag(kind: str, plan_id: str, msg: str) -> None:
    found[kind] += 1
    plans_with[kind].add(plan_id)
    if len(examples[kind]) < SHOW or kind == KIND:
        examples[kind].append(f"{plan_id}: {msg}")


def hard(block, item):
    return block["rounds"] if block["kind"] == "superset" else item["sets"]


def owned(p):
    eq = set(p["equipment"])
    return eq


def removed(p, ex):
    ex_ids = set(p.get("exclude", []))
    if ex.id in ex_ids or ex.pattern.value in ex_ids:
        return True
    for area in p.get("protect", []) or []:
        r = RULES.protect[area]
        if ex.id in r.exercises or ex.pattern in r.patterns:
            return True
    return False


def doable(p, ex):
    return set(e.value for e in ex.equipment) <= owned(p) and not removed(p, ex)


REST = re.compile(r"Rest (\d+) s: ([^\[]+?)(?: \[|\.\s|\.$)")
RANGE = re.compile(r"the (\w+) range for (barbell and machine|dumbbell, band and bodyweight) lifts")
NEEDS = re.compile(r"([A-Z][\w\-() ]+?) needs ([a-z, \-]+), which you don't have")
HARDER = re.compile(r"harder variation \(([^)]+)\)")
NEAREST_BW = re.compile(r"is the nearest ([\w \-]+?) your kit allows, with only your bodyweight")
MAIN_LABEL = re.compile(r"^Main (.+?) lift,")
ACC_LABEL = re.compile(r"^(?:Compound|Isolation) (.+?) work after")
DELOAD_ITEM = re.compile(r"Deload week: (\d+) sets? instead of (\d+)")
DELOAD_STILL = re.compile(r"Deload week: still (\d+) set")
DELOAD_NOTE = re.compile(r"(\d+) hard sets last week, (\d+) this week")
PCT = re.compile(r"about (\d+)% of its sets")
OF_MIN = re.compile(r"(\d+) of (\d+) min")
RPE_WEEK = re.compile(r"Week \d+ of block \d+: RPE ([\d.]+)")
LIGHTER = re.compile(
    r"Lighter day for this lift: RPE ([\d.]+) .*?below its heavy day's RPE ([\d.]+) this week"
)
MUSCLE_NOTE = re.compile(
    r"(quadriceps|hamstrings|glutes|lats|upper-back|calves|core) ([\d.]+) \((\d+)-(\d+)\)"
)
SHORT_NOTE = re.compile(
    r"(quadriceps|hamstrings|glutes|lats|upper-back|calves|core) by ([\d.]+) sets?"
)
SAME_SCHEME = "Same sets and reps every week"
EQUIP_WORDS = {
    "band": "resistance-band",
    "foam roll": "gym",
    "dumbbell": "dumbbell",
    "kettlebell": "kettlebell",
    "barbell": "barbell",
    "bench": "bench",
    "pull-up bar": "pull-up-bar",
    "cable": "cable",
    "machine": "machine",
}
rest_phrases: collections.defaultdict = collections.defaultdict(set)


def audit(pid: str, d: dict) -> None:
    p = d["profile"]
    goal, level = p["goal"], p["level"]
    own = owned(p)
    gym_kit = full_gym(str(p.get("location")), p["equipment"])
    weeks = d["weeks"]
    for wi, w in enumerate(weeks):
        # item-level
        for si, s in enumerate(w["sessions"]):
            # session why: N of M min
            for a, b in OF_MIN.findall(s.get("why", "")):
                if int(b) != p["minutes_per_session"] or abs(int(a) - s["estimated_minutes"]) > 1:
                    flag(
                        "session-of-min",
                        pid,
                        f"w{w['index']} {s['title']}: says {a} of {b} min, "
                        f"est {s['estimated_minutes']}",
                    )
            for part in ("warmup", "cooldown"):
                for dr in s[part]:
                    for word, need in EQUIP_WORDS.items():
                        if re.search(rf"\b{word}", dr["name"], re.I) and not (
                            need in own or (need == "gym" and gym_kit)
                        ):
                            flag("drill-equipment", pid, f"{part} {dr['name']!r} needs {need}")
            for word, need in (
                ("band pull|resistance band|banded|\\bbands\\b", "resistance-band"),
                ("foam roll", "gym"),
            ):
                if re.search(word, s.get("why", ""), re.I) and not (
                    need in own or (need == "gym" and gym_kit)
                ):
                    flag("session-why-equipment", pid, f"{s['title']}: {word} in {s['why'][:120]}")
            for _bi, b in enumerate(s["blocks"]):
                for _ii, it in enumerate(b["items"]):
                    why = it["why"]
                    ex = CAT.get(it["exercise_id"])
                    n = hard(b, it)
                    for rest, phrase in REST.findall(why):
                        key = (
                            goal,
                            re.sub(r"\d+", "N", phrase.strip()),
                            it["role"],
                            it["mechanic"],
                        )
                        rest_phrases[key].add(int(rest))
                    m = RANGE.search(why)
                    if m:
                        # an inverted row (tagged bodyweight) holds its barbell as a handle
                        heavy = bool(
                            set(it["equipment"])
                            & {"barbell", "machine", "cable", "trap-bar", "sled"}
                        ) and not (ex is not None and "bodyweight" in ex.tags)
                        if heavy != (m.group(2) == "barbell and machine"):
                            flag(
                                "range-label", pid, f"{it['name']} {it['equipment']}: {m.group(0)}"
                            )
                        if m.group(1) != goal:
                            flag("range-goal", pid, f"{it['name']}: {m.group(0)}")
                    for ideal, need in NEEDS.findall(why):
                        needs = {x.strip() for x in need.split(",")}
                        if needs <= own:
                            flag("needs-owned", pid, f"{it['name']}: {ideal} needs {need} (owned)")
                    for name in HARDER.findall(why):
                        cand = (
                            [e for e in CAT if e.name == name] if hasattr(CAT, "__iter__") else []
                        )
                        if cand and not any(doable(p, e) for e in cand):
                            flag(
                                "harder-not-doable",
                                pid,
                                f"{it['name']} -> {name} {[e.equipment for e in cand]}",
                            )
                    for pat in NEAREST_BW.findall(why):
                        if ex is not None:
                            loaded = [
                                e.id
                                for e in CAT
                                if e.pattern == ex.pattern
                                and doable(p, e)
                                and set(e.equipment) & LOAD_EQUIPMENT
                                and e.mechanic == ex.mechanic
                                and LEVELS.index(e.level.value) <= LEVELS.index(level)
                                # an assisted pull-up's machine helps, it loads nothing
                                and e.id not in RULES.progression.regressions
                            ]
                            if loaded:
                                here = {
                                    i2["exercise_id"] for b2 in s["blocks"] for i2 in b2["items"]
                                }
                                kind = (
                                    "bodyweight-though-loaded-in-session"
                                    if set(loaded) <= here
                                    else "bodyweight-though-loaded-unused"
                                )
                                if p.get("location") == "gym" and all(
                                    set(CAT[x].equipment) & IMPROVISED for x in loaded
                                ):
                                    # A gym never uses improvised kit (generate._IMPROVISED):
                                    # the claim is true there, by rule.
                                    kind = "bodyweight-though-improvised-at-gym (true, by rule)"
                                flag(
                                    kind,
                                    pid,
                                    f"{it['name']} ({pat}) though "
                                    f"{[x for x in loaded if x not in here][:4]} doable; "
                                    f"{goal} {level} {p.get('location')} {sorted(own)}",
                                )
                    m = MAIN_LABEL.search(why) or ACC_LABEL.search(why)
                    if (
                        m
                        and m.group(1) != LABEL.get(it["pattern"])
                        and "shoulder-blade" not in m.group(1)
                    ):
                        flag("label", pid, f"{it['name']} ({it['pattern']}): {m.group(0)}")
                    if it["role"] == "main" and b["kind"] == "superset":
                        flag("main-in-superset", pid, f"w{w['index']} {it['name']}")
                    if (
                        level == "advanced"
                        and it["role"] == "main"
                        and "rpe" not in it
                        and not w["deload"]
                    ):
                        flag("advanced-main-no-rpe", pid, f"w{w['index']} {it['name']}")
                    m = RPE_WEEK.search(why)
                    if m and float(m.group(1)) != it.get("rpe"):
                        flag(
                            "rpe-stated",
                            pid,
                            f"{it['name']}: says RPE {m.group(1)}, item {it.get('rpe')}",
                        )
                    m = LIGHTER.search(why)
                    if m:
                        if float(m.group(1)) != it.get("rpe"):
                            flag(
                                "rpe-lighter",
                                pid,
                                f"{it['name']}: says {m.group(1)}, item {it.get('rpe')}",
                            )
                        heavy = [
                            (i2.get("rpe"), hard(b2, i2))
                            for s2 in w["sessions"]
                            for b2 in s2["blocks"]
                            for i2 in b2["items"]
                            if i2["exercise_id"] == it["exercise_id"] and i2 is not it
                        ]
                        if not any(r == float(m.group(2)) for r, _ in heavy):
                            flag(
                                "rpe-heavy-day",
                                pid,
                                f"w{w['index']} {it['name']}: heavy day RPE {m.group(2)} "
                                f"not found in {heavy}",
                            )
                        if any(r == float(m.group(2)) and k < n for r, k in heavy):
                            flag(
                                "lighter-more-sets",
                                pid,
                                f"w{w['index']} {it['name']}: {n} sets vs heavy {heavy}",
                            )
                    # deload item
                    if w["deload"] and wi > 0:
                        prev = weeks[wi - 1]
                        try:
                            pb = prev["sessions"][si]["blocks"]
                            prev_item = [
                                (b2, i2)
                                for b2 in pb
                                for i2 in b2["items"]
                                if i2["exercise_id"] == it["exercise_id"]
                            ]
                        except IndexError:
                            prev_item = []
                        m = DELOAD_ITEM.search(why)
                        if m:
                            if int(m.group(1)) != n:
                                flag(
                                    "deload-item-now",
                                    pid,
                                    f"w{w['index']} {it['name']}: says {m.group(1)}, has {n}",
                                )
                            if prev_item and int(m.group(2)) != hard(*prev_item[0]):
                                flag(
                                    "deload-item-before",
                                    pid,
                                    f"w{w['index']} {it['name']}: says instead of {m.group(2)}, "
                                    f"last week {hard(*prev_item[0])}",
                                )
                            if not prev_item:
                                flag(
                                    "deload-item-new",
                                    pid,
                                    f"w{w['index']} {it['name']}: not in last week's session",
                                )
                        m = DELOAD_STILL.search(why)
                        if m and prev_item and hard(*prev_item[0]) != int(m.group(1)):
                            flag(
                                "deload-still",
                                pid,
                                f"w{w['index']} {it['name']}: still {m.group(1)}, "
                                f"last week {hard(*prev_item[0])}",
                            )
                        if prev_item:
                            before = hard(*prev_item[0])
                            if before > 1 and n > round(before * 0.6 + 0.01) and n >= before:
                                flag(
                                    "deload-not-cut",
                                    pid,
                                    f"w{w['index']} {it['name']}: {before} -> {n}",
                                )
                            elif before >= 3 and n / before > 0.7:
                                flag(
                                    "deload-cut-small",
                                    pid,
                                    f"w{w['index']} {it['name']}: {before} -> {n}",
                                )
                    # level: beginner same scheme
        # accessory compound resting longer than a main lift cut for time
        for s in w["sessions"]:
            its = [i for b in s["blocks"] if b["kind"] == "single" for i in b["items"]]
            cut = [
                i for i in its if i["role"] == "main" and "cut to the goal's minimum" in i["why"]
            ]
            if cut:
                longer = [
                    i
                    for i in its
                    if i["role"] != "main" and i["rest_s"] > min(c["rest_s"] for c in cut)
                ]
                if longer:
                    flag(
                        "accessory-rests-longer-than-cut-main",
                        pid,
                        f"{s['title']}: mains {[(c['name'], c['rest_s']) for c in cut]}, "
                        f"{[(i['name'], i['rest_s']) for i in longer]}; "
                        f"{goal} {p['minutes_per_session']} min",
                    )
        if w["deload"]:
            sup = any(b["kind"] == "superset" for s in w["sessions"] for b in s["blocks"])
            before = wi > 0 and any(
                b["kind"] == "superset" for s in weeks[wi - 1]["sessions"] for b in s["blocks"]
            )
            if "supersets fewer rounds" in (w.get("note") or "") and not sup:
                flag(
                    "deload-note-supersets-" + ("split" if before else "none"),
                    pid,
                    f"w{w['index']}",
                )
            for s in w["sessions"]:
                for b in s["blocks"]:
                    for i in b["items"]:
                        if "off the load" in i["why"] and LOAD_EQUIPMENT.isdisjoint(i["equipment"]):
                            flag(
                                "deload-load-cut-unloaded",
                                pid,
                                f"w{w['index']} {i['name']} {i['equipment']}",
                            )
        # rep-wave claims: "Block B, week K: R reps a set, stepping from A in the block's
        # first week up to Z in week J"
        for s in w["sessions"]:
            for b in s["blocks"]:
                for i in b["items"]:
                    m = re.search(
                        r"Block (\d+), week (\d+): (\d+) reps a set, stepping from (\d+) "
                        r"in the block's first week up to (\d+) in week (\d+)",
                        i["why"],
                    )
                    if not m:
                        continue
                    blk, k, r, a, z, j = map(int, m.groups())
                    if i.get("reps_min") != r or i.get("reps_max") != r:
                        flag(
                            "wave-reps-now",
                            pid,
                            f"w{w['index']} {i['name']}: says {r}, "
                            f"has {i.get('reps_min')}-{i.get('reps_max')}",
                        )
                    if w.get("block") != blk:
                        flag(
                            "wave-block",
                            pid,
                            f"w{w['index']} {i['name']}: says block {blk}, is {w.get('block')}",
                        )
                    bw = [x for x in weeks if x.get("block") == blk and not x["deload"]]
                    if k > len(bw) or bw[k - 1] is not w:
                        flag(
                            "wave-week",
                            pid,
                            f"w{w['index']} {i['name']}: says week {k} of block {blk}",
                        )
                    if j > len(bw):
                        flag(
                            "wave-top-week-missing",
                            pid,
                            f"w{w['index']} {i['name']}: top in week {j}, "
                            f"block has {len(bw)} normal weeks",
                        )
                    else:
                        for wk, want in ((bw[0], a), (bw[j - 1], z)):
                            same = [
                                x
                                for s2 in wk["sessions"]
                                for b2 in s2["blocks"]
                                for x in b2["items"]
                                if x["exercise_id"] == i["exercise_id"]
                            ]
                            if same and not any(x.get("reps_max") == want for x in same):
                                flag(
                                    "wave-ends",
                                    pid,
                                    f"w{w['index']} {i['name']}: says {want} in w{wk['index']}, "
                                    f"has {[x.get('reps_max') for x in same]}",
                                )
        wsets = json_week_muscle_sets(w, RULES.muscle_volume, Goal(goal))
        for s in w["sessions"]:
            why = s.get("why", "")
            its = [i for b in s["blocks"] for i in b["items"]]
            if "no back work today" in why and any(i["region"] == "back" for i in its):
                flag("session-no-back", pid, f"w{w['index']} {s['title']}")
            if "no leg work today" in why and any(i["region"] == "legs" for i in its):
                flag("session-no-legs", pid, f"w{w['index']} {s['title']}")
            # issue 10 item 5: a row put in a bent-over row's place says "a supported row
            # spares" the lower back; untrue while the session keeps a bent-over row.
            spared = [i["name"] for i in its if "a supported row spares it" in i["why"]]
            kept = [i["name"] for i in its if i["exercise_id"] in RULES.schedule.spinal_rows]
            if spared and kept:
                flag("row-spared-kept", pid, f"w{w['index']} {s['title']}: {spared[0]} says "
                     f"spared, keeps {', '.join(kept)}")
            # where only some could give way, the reason names the rows that stay bent over
            for i in its:
                m = re.search(r"takes part of that load off; (.+?) stays? bent over", i["why"])
                if m and sorted(re.split(r", | and ", m.group(1))) != sorted(kept):
                    flag("row-stays-untrue", pid, f"w{w['index']} {s['title']}: {i['name']} "
                         f"names {m.group(1)}, keeps {', '.join(kept) or 'none'}")
            m = re.search(r"(leg|back) work today is isolation only \(([^)]*)\)", why)
            if m:
                reg = "legs" if m.group(1) == "leg" else "back"
                got = [i for i in its if i["region"] == reg]
                names = set(re.split(r", | and ", m.group(2)))
                if any(i["mechanic"] == "compound" for i in got) or names != {
                    i["name"] for i in got
                }:
                    flag(
                        "session-isolation-only",
                        pid,
                        f"w{w['index']} {s['title']}: says {names}, "
                        f"has {[(i['name'], i['mechanic']) for i in got]}",
                    )
            for mus, val, _lo, _hi in re.findall(
                r"(quadriceps|hamstrings|glutes|lats|upper-back|calves|core) at ([\d.]+) "
                r"of its (\d+)-(\d+) band",
                why,
            ):
                if abs(float(val) - wsets.get(mus, 0)) > 0.01:
                    flag(
                        "session-band-sets",
                        pid,
                        f"w{w['index']} {s['title']}: {mus} says {val}, week has {wsets.get(mus)}",
                    )
            m = re.search(r"; ([a-z, -]+) with no room for another set", why) or re.search(
                r"\(([a-z, -]+) with no room for another set", why
            )
            if m:
                for mus in re.split(r", ", m.group(1)):
                    band = RULES.muscle_volume.band(Goal(goal), Level(level), mus)
                    if wsets.get(mus, 0) + 1 <= band[1] + 1e-9:
                        flag(
                            "session-no-room",
                            pid,
                            f"w{w['index']} {s['title']}: {mus} at {wsets.get(mus)} of {band}",
                        )
        # pullover claim
        held_pull = any(
            i["pattern"] == "pullover"
            for s in w["sessions"]
            for b in s["blocks"]
            for i in b["items"]
        )
        for s in w["sessions"]:
            for b in s["blocks"]:
                for i in b["items"]:
                    if "the week's pullover" in i["why"] and not held_pull:
                        flag("pullover-claim", pid, f"w{w['index']} {i['name']}")
        # week note
        note = w.get("note") or ""
        m = DELOAD_NOTE.search(note)
        if m and wi > 0:

            def tot(ww):
                return sum(
                    hard(b, i) for s in ww["sessions"] for b in s["blocks"] for i in b["items"]
                )

            def tot_items(ww):
                return sum(
                    i["sets"] for s in ww["sessions"] for b in s["blocks"] for i in b["items"]
                )

            if int(m.group(1)) != tot(weeks[wi - 1]) or int(m.group(2)) != tot(w):
                flag(
                    "deload-note-total",
                    pid,
                    f"w{w['index']}: says {m.group(1)}->{m.group(2)}, "
                    f"hard {tot(weeks[wi - 1])}->{tot(w)} "
                    f"(item sets {tot_items(weeks[wi - 1])}->{tot_items(w)})",
                )
        if w["deload"] and not note:
            flag("deload-no-note", pid, f"w{w['index']}")
    # plan notes: week-1 muscle sets
    sets = json_week_muscle_sets(weeks[0], RULES.muscle_volume, Goal(goal))
    for note in d["notes"]:
        if note.startswith("Week 1 hard sets per muscle"):
            for mus, val, _lo, _hi in MUSCLE_NOTE.findall(note):
                if abs(float(val) - sets.get(mus, 0)) > 0.01:
                    flag("note-muscle-sets", pid, f"{mus} says {val}, is {sets.get(mus)}")
        if note.startswith(SAME_SCHEME) or "Progression: the same sets and reps each week" in note:
            # beginner: every main lift keeps its sets/reps across normal weeks of a block
            byblock = collections.defaultdict(list)
            for w in weeks:
                if not w["deload"]:
                    byblock[w.get("block", 1)].append(w)
            for ws in byblock.values():

                def sig(ww):
                    return [
                        (i["exercise_id"], hard(b, i), i.get("reps_min"), i.get("reps_max"))
                        for s in ww["sessions"]
                        for b in s["blocks"]
                        for i in b["items"]
                        if i["role"] == "main"
                    ]

                for ww in ws[1:]:
                    if sig(ww) != sig(ws[0]):
                        flag(
                            "same-scheme-note",
                            pid,
                            f"w{ww['index']} mains differ from w{ws[0]['index']}",
                        )
                        break
        m = re.search(r"in their place: (.+?) \(weeks (\d+)-(\d+)", note)
        if m:
            names = re.split(r", | and ", m.group(1))
            held = {
                i["name"]
                for w in weeks[int(m.group(2)) - 1 : int(m.group(3))]
                for s in w["sessions"]
                for b in s["blocks"]
                for i in b["items"]
            }
            for nm in names:
                if nm not in held:
                    flag("protect-instead", pid, f"{nm} not in weeks {m.group(2)}-{m.group(3)}")
        m = re.search(
            r"Weeks 1-(\d+) keep the same exercises; accessories rotate every (\d+) weeks", note
        )
        if m:
            k = int(m.group(1))

            def ids(ww):
                return sorted(
                    i["exercise_id"]
                    for s in ww["sessions"]
                    for b in s["blocks"]
                    for i in b["items"]
                )

            normal = [w for w in weeks[:k] if not w["deload"]]
            for ww in normal[1:]:
                if set(ids(ww)) != set(ids(normal[0])):
                    flag("rotation-note-same", pid, f"w{ww['index']} differs from w1 within 1-{k}")
                    break
            after = [w for w in weeks[k:] if not w["deload"]]
            if after and set(ids(after[0])) == set(ids(normal[0])):
                flag("rotation-note-rotates", pid, f"w{after[0]['index']} same as w1")
    w1items = [i for s in weeks[0]["sessions"] for b in s["blocks"] for i in b["items"]]
    w1pat = {i["pattern"] for i in w1items}
    for note in d["notes"]:
        m = re.match(r"Knee flexion \(leg curls\): (\d+) of the (\d+) hard sets", note)
        if m:
            kf = sum(
                hard(b, i)
                for s in weeks[0]["sessions"]
                for b in s["blocks"]
                for i in b["items"]
                if i["pattern"] == "knee-flexion"
            )
            if kf != int(m.group(1)):
                flag("note-knee-flexion", pid, f"says {m.group(1)}, week 1 has {kf}")
        m = re.match(r"No ([a-z -]+?) work this week", note)
        if m:
            lab = m.group(1)
            pat = (
                {v: k for k, v in LABEL.items()}.get(lab)
                or {v.replace("-", " "): k for k, v in LABEL.items()}.get(lab)
                or {k.replace("-", " "): k for k in LABEL}.get(lab)
            )
            if pat is None:
                flag("note-no-pattern-unknown", pid, lab)
            elif pat in w1pat:
                flag("note-no-pattern-held", pid, f"{lab} in week 1")
        if note.startswith("Above the band"):
            for mus, by in re.findall(
                r"(quadriceps|hamstrings|glutes|lats|upper-back|calves|core) by ([\d.]+) sets?",
                note,
            ):
                _, hi = RULES.muscle_volume.band(Goal(goal), Level(level), mus)
                if abs(sets.get(mus, 0) - hi - float(by)) > 0.01:
                    flag("note-above", pid, f"{mus} by {by}, week 1 {sets.get(mus)} top {hi}")
        for mus, val, _lo, _hi in re.findall(
            r"(quadriceps|hamstrings|glutes|lats|upper-back|calves|core) "
            r"\(([\d.]+) of (\d+)-(\d+)\)",
            note,
        ):
            if abs(float(val) - sets.get(mus, 0)) > 0.01:
                flag("note-paren-sets", pid, f"{mus} says {val}, week 1 {sets.get(mus)}")
    # equipment words in reasons and notes the lifter lacks (exercise names and the
    # "needs X, which you don't have" clauses removed)
    words = {
        "band": "resistance-band",
        "dumbbell": "dumbbell",
        "kettlebell": "kettlebell",
        "barbell": "barbell",
        "bench": "bench",
        "cable": "cable",
        "machine": "machine",
        "foam roll": "gym",
        "towel": "towel",
        "backpack": "backpack",
        "pull-up bar": "pull-up-bar",
        "box": "box",
        "sled": "sled",
        "leg press": "machine",
    }
    texts = [(f"w1 {i['name']}", i["why"]) for i in w1items] + [("note", n) for n in d["notes"]]
    for label, text in texts:
        t = NEEDS_CLAUSE.sub("", text)
        # a muscle's band of weekly sets is no resistance band
        t = re.sub(
            r"the (?:strength|hypertrophy|endurance) band|(?:of the|to the|its|Above the) band"
            r"|bands' tops|muscle-bands",
            "",
            t,
        )
        # a --protect note's "no ..." clause names the lifts it removed, not kit to use
        t = re.sub(r"^--protect [a-z-]+: no [^;]*;", "", t)
        t = re.sub(
            r"range for [a-z, ]+ lifts|\(No [^)]*\)|replace the cable|the usual rest for [^,.(]+",
            "",
            t,
        )
        for nm in NAMES:
            if nm in t:
                t = t.replace(nm, "")
        for word, need in words.items():
            if (
                re.search(rf"\b{word}", t, re.I)
                and need not in own
                and not (need == "gym" and gym_kit)
            ):
                at = re.search(rf"(?i){word}", t)
                at_ = at.start() if at else 0
                flag(
                    f"text-equipment-{word}",
                    pid,
                    f"{label}: ...{t[max(0, at_ - 80) : at_ + 60]}...",
                )
    # shortfall notes (plan-level) vs week 1
    for note in d["notes"]:
        if note.startswith("Short of the band"):
            for mus, by in SHORT_NOTE.findall(note.split(";")[0]):
                lo, _ = RULES.muscle_volume.band(Goal(goal), Level(level), mus)
                if abs((lo - sets.get(mus, 0)) - float(by)) > 0.01:
                    flag("short-note", pid, f"{mus} by {by}, week1 lacks {lo - sets.get(mus, 0)}")
    # protect: removed exercises present
    for w in weeks:
        for s in w["sessions"]:
            for b in s["blocks"]:
                for i in b["items"]:
                    ex = CAT.get(i["exercise_id"])
                    if ex is not None and removed(p, ex):
                        flag("removed-present", pid, f"{i['name']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--profiles", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", help="audit the plan JSON files DIR/p*.json instead")
    ap.add_argument("--show", type=int, default=6, help="examples printed per class")
    ap.add_argument("--kind", help="print every example of this class (plan, item, profile)")
    args = ap.parse_args()
    global SHOW, KIND
    SHOW, KIND = args.show, args.kind
    if args.dir:
        files = sorted(glob.glob(args.dir + "/p*.json"))
        for f in files:
            with open(f) as fh:
                audit(f.split("/")[-1], json.load(fh))
        total = len(files)
    else:
        rng = random.Random(args.seed)
        for k in range(args.profiles):
            opts = profile(rng)
            try:
                pr, days = make_profile(RULES, known_ids=CAT.ids, **opts)
                d = plan_json(generate_plan(pr, RULES, CAT, days))
            except Exception:  # plan_space counts plan errors; this counts untrue words
                continue
            d["profile"].setdefault("protect", opts["protect"])
            audit(f"s{args.seed}#{k}", d)
        total = args.profiles
    print(f"{total} plans")
    for kind, c in found.most_common():
        print(f"{kind}: {c} items in {len(plans_with[kind])} plans")
        for e in examples[kind]:
            print("    ", e[:260])
    multi = {k: v for k, v in rest_phrases.items() if len(v) > 1}
    for k, v in sorted(multi.items()):
        print("rest phrase with several values:", k, sorted(v))
    print(f"{sum(found.values())} items in {len(found)} classes")


if __name__ == "__main__":
    main()
