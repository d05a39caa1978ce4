"""Instructions one generation spends inside named planner steps (callgrind, inclusive).

    PYTHONPATH=src:bench .venv/bin/python bench/step_cost.py _cut_overshoot _swap_lighter

For each name, a process of its own plans `bench_plan.py`'s plan (12 weeks x 4 days) once
uncounted, then replaces the function, in every planner module that holds it, by a
`functools.partial` of itself and plans again under valgrind with collection toggled on the
partial's C call (`partial_vectorcall`): what is counted is that step and everything it calls,
in the second plan of a warm process (the caches a plan fills once are filled). Nested steps
count in both; ~0.4 M of each figure is the toggling's floor; a step that calls itself
(directly or through another) toggles the count off inside, so give only non-recursive steps.
The hash seed is fixed (set and dict layouts move the count by some per cent otherwise).
`PYTHONPATH=OTHER/src:bench` measures another checkout. Needs valgrind.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import pkgutil
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _planner_modules() -> list[ModuleType]:
    import redwood.planner
    import redwood.planner.steps

    found = []
    for pkg in (redwood.planner, redwood.planner.steps):
        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.ispkg:
                found.append(importlib.import_module(f"{pkg.__name__}.{info.name}"))
    return found


def _child(name: str) -> None:
    """Plan once, wrap `name`, plan again (the run valgrind counts the second plan of)."""
    sys.path.insert(0, str(HERE))
    from bench_plan import redwood_parts

    generate, _ = redwood_parts()
    generate()
    modules = _planner_modules()
    step = next((vars(m)[name] for m in modules if callable(vars(m).get(name))), None)
    if step is None:
        sys.exit(f"step_cost: no planner function named {name!r}")
    wrapped = functools.partial(step)
    for m in modules:
        if vars(m).get(name) is step:
            setattr(m, name, wrapped)
    generate()


def count(name: str) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                "--toggle-collect=partial_vectorcall",
                sys.executable,
                __file__,
                "--child",
                name,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    if done.returncode:
        said = [line for line in done.stderr.splitlines() if line.startswith("step_cost:")]
        sys.exit(said[0] if said else done.stderr.strip())
    return int(re.findall(r"Collected : (\d+)", done.stderr)[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", nargs="*", metavar="STEP", help="planner function names")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    if not args.steps:
        parser.error("give at least one STEP (a planner function's name, e.g. _cut_overshoot)")
    print("instructions inside each step, one generation (callgrind, millions, inclusive)")
    for name in args.steps:
        print(f"  {name:<40} {count(name) / 1e6:8.1f}")


if __name__ == "__main__":
    main()
