"""Every rule file Redwood ships, one `RuleFile` each: the planner's and checker's rules, the
session templates, the coach's, the review's and recovery's. A new rules/*.toml joins here."""

from __future__ import annotations

from typing import Any

from redwood.rules import RULES_FILE
from redwood.rules.coach import COACH_FILE
from redwood.rules.files import RuleFile
from redwood.rules.recovery import RECOVERY_FILE
from redwood.rules.review import REVIEW_FILE
from redwood.rules.sessions import SESSIONS_FILE

RULE_FILES: tuple[RuleFile[Any], ...] = (
    RULES_FILE, SESSIONS_FILE, COACH_FILE, REVIEW_FILE, RECOVERY_FILE,
)
