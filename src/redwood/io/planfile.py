"""Reading a plan file: a Redwood plan's JSON, parsed and checked against its schema
(schemas/plan-v1.schema.json) and its calendar dates, before redwood.planner.check judges it.

Every problem is a PlanFileError with a one-line reason that names the file (or `source`) and
the place in the plan.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

__all__ = ["SCHEMA_VERSION", "PlanFileError", "load_plan_file", "validate_plan_data"]

SCHEMA_VERSION = 1

Json = dict[str, Any]
"""A plan as parsed JSON."""

# A schema message longer than this usually embeds the whole offending object; we replace it.
_MAX_SCHEMA_MESSAGE = 160


class PlanFileError(Exception):
    """The file is not a Redwood plan: missing, unreadable, not JSON or not schema-valid."""


@cache
def _validator() -> Any:
    text = resources.files("redwood.schemas").joinpath("plan-v1.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def load_plan_file(path: Path) -> Json:
    """Read, parse and validate a plan file; raise PlanFileError with a one-line reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PlanFileError(f"{path}: is a directory, not a plan file") from None
    except UnicodeDecodeError:
        raise PlanFileError(f"{path}: not a text file (not UTF-8)") from None
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            f"{path}: not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    return validate_plan_data(data, source=str(path))


def validate_plan_data(data: object, source: str = "plan") -> Json:
    """Check that already-parsed JSON is a version-1 plan; return it, or raise PlanFileError."""
    if not isinstance(data, dict):
        raise PlanFileError(
            f"{source}: not a Redwood plan (the top level is {_json_type(data)}, not an object)"
        )
    # The version is checked before the schema so that a plan from another version gets a
    # clear message rather than whatever its first incompatible field happens to produce.
    if "schema_version" not in data:
        raise PlanFileError(f"{source}: not a Redwood plan (it has no schema_version)")
    version = data["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise PlanFileError(
            f"{source}: schema_version {json.dumps(version)} is not supported "
            f"(this Redwood reads version {SCHEMA_VERSION})"
        )
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        where = _json_path(list(error.absolute_path))
        raise PlanFileError(f"{source}: {where}{_schema_message(error)}")
    _check_dates(data, source)
    return data


def _json_type(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _json_path(parts: list[str | int]) -> str:
    """weeks[0].sessions[2] style, with a trailing ': ', or '' at the top level."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"{text}: " if text else ""


def _schema_message(error: Any) -> str:
    message = str(error.message)
    if len(message) <= _MAX_SCHEMA_MESSAGE and "\n" not in message:
        return message
    # Messages like "{...} is not valid under any of the given schemas" repeat the whole
    # object; name the failed keyword instead so the message stays one readable line.
    if error.validator == "oneOf":
        return "needs reps_min and reps_max, or seconds_min and seconds_max (one pair, not both)"
    if error.validator in ("minItems", "maxItems") and isinstance(error.instance, list):
        bound = "at least" if error.validator == "minItems" else "at most"
        return f"has {len(error.instance)} entries; {bound} {error.validator_value} allowed"
    return f"does not match the schema's {error.validator!r} rule"


def _check_dates(data: Json, source: str) -> None:
    # The schema only checks the YYYY-MM-DD shape; the checker needs real calendar dates.
    places: list[tuple[str, object]] = [("profile.start_date", data["profile"]["start_date"])]
    for w, week in enumerate(data["weeks"]):
        for s, session in enumerate(week["sessions"]):
            places.append((f"weeks[{w}].sessions[{s}].date", session["date"]))
    for where, value in places:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            raise PlanFileError(f"{source}: {where}: {value!r} is not a calendar date") from None
