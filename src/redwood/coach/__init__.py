"""The progression coach: reads the training log and says what to lift next time.

Pure functions and plain dataclasses: no database, no terminal, no HTTP. Every rule and number
is in redwood/rules/coach.toml with its source. Modules:

- e1rm: Epley, Brzycki, their mean, the RPE chart; `best_e1rm` over any number of sets.
- loading: `LoadingProfile` (what a location can load), plate math, rounding to loads.
- progression: `next_target`, the coach (with targets, history, context, variations, plateau,
  start behind it).
- warmup: the ramp before a heavy lift.
- records: personal records and `new_records` for the moment a set beats one.

Nothing here imports pydantic, SQLAlchemy, rich or click; import the module you need.
"""
