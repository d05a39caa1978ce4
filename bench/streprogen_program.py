"""A 12-week, 4-day back-and-leg program in streprogen, the established Python generator.

Run as a script it prints the program, like `redwood plan` does; `build()` is used in-process.
It mirrors Redwood's 4-day split: two legs days and two back days, 4 exercises each.
"""

from __future__ import annotations


def build() -> str:
    from streprogen import Program

    program = Program(name="Back and legs", duration=12, units="kg", round_to=2.5)
    days = {
        "Legs A": [("Back squat", 100), ("Deadlift", 120), ("Bulgarian split squat", 40)],
        "Back A": [("Pull-up", 20), ("Chest-supported row", 60), ("Dumbbell row", 30)],
        "Legs B": [("Deadlift", 120), ("Split squat", 40), ("Goblet squat", 30)],
        "Back B": [("Chest-supported row", 60), ("Pull-up", 20), ("Lat pulldown", 60)],
    }
    for name, lifts in days.items():
        with program.Day(name):
            for lift, start in lifts:
                program.DynamicExercise(name=lift, start_weight=start, min_reps=4, max_reps=8)
            program.StaticExercise("Face pull", "3 x 12")
    program.render()
    return str(program.to_txt())


if __name__ == "__main__":
    print(build())
