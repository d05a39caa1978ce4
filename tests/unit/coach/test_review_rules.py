"""review.toml: every number has a source, and nonsense is refused with the key named."""

from __future__ import annotations

import re

import pytest

from redwood.rules.review import (
    ReviewRulesError,
    load_review_rules,
    parse_review_rules,
    review_rules_text,
)


def test_shipped_rules_load_and_cite_their_sources() -> None:
    rules = load_review_rules()
    assert rules.period.weeks == 4  # guide: "Review logs every 4 weeks"
    assert rules.sleep.min_hours == 7  # guide: "7-9 hours of quality sleep nightly"
    assert rules.protein.g_per_kg_day == 1.6
    assert rules.consistency.milestone_days == 30
    for lift in rules.milestones.lifts:
        assert lift.source in rules.sources
    text = review_rules_text()
    assert "72%" not in text and "27%" not in text  # the guide's unsourced figures


@pytest.mark.parametrize(("old", "new", "where"), [
    ("weeks = 4\n", "weeks = 0\n", "period"),
    ("high = 0.9", "high = 1.9", "adherence"),
    ("min_hours = 7", "min_hours = 2", "sleep"),
    ("after_weeks = 4", "after_weeks = 9", "rotation"),
    ('source = "guide"            # "Review logs', 'source = "nobody"            # "Review logs',
     "unknown source"),
    ("in_reach = 0.9", "in_reach = 0.9\nsurprise = 1", "milestones"),
])
def test_nonsense_is_refused(old: str, new: str, where: str) -> None:
    text = review_rules_text()
    assert old in text
    with pytest.raises(ReviewRulesError, match=re.escape(where)):
        parse_review_rules(text.replace(old, new, 1))


def test_broken_toml_is_named() -> None:
    with pytest.raises(ReviewRulesError, match="not valid TOML"):
        parse_review_rules("[period\n")
