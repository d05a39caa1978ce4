"""The planning service without the CLI or HTTP: options -> plan with the default profile, the
profile kept and changed in one transaction, and errors naming the option (never a flag)."""

from __future__ import annotations

import json

import pytest
from fakes import FakeStore

from redwood.domain.log import Unit
from redwood.services.planning import (
    DEFAULT_PROFILE,
    PlanningError,
    activate_plan,
    choose_options,
    keep_plan,
    make_plan,
    plan_for,
    plan_with_profile,
    update_profile,
)


def _lifter(store: FakeStore):  # type: ignore[no-untyped-def]
    return store.default_user()


def test_options_left_out_come_from_the_profile_then_the_defaults() -> None:
    chosen = choose_options({"days": 4, "goal": None, "location": "home"}, {"days": 2})
    assert chosen["days"] == 2  # what the lifter asks for now wins
    assert chosen["location"] == "home"  # then what their profile says
    assert chosen["goal"] == DEFAULT_PROFILE["goal"]  # a profile's empty field is no answer
    assert (chosen["level"], chosen["minutes"], chosen["weeks"]) == ("beginner", 60, 8)


def test_a_plan_for_nothing_given_is_the_default_profiles() -> None:
    plan = make_plan({})
    assert plan.profile.goal.value == DEFAULT_PROFILE["goal"]
    assert plan.profile.days_per_week == DEFAULT_PROFILE["days"]
    assert len(plan.weeks) == DEFAULT_PROFILE["weeks"]


def test_refused_options_name_the_field_and_each_entry_point_words_it() -> None:
    with pytest.raises(PlanningError) as caught:
        make_plan({"days": 9})
    assert caught.value.field == "days" and "--" not in caught.value.message
    assert caught.value.worded({"days": "--days"}).startswith("--days: ")
    assert caught.value.worded().startswith("days: ")


def test_plan_for_reads_the_saved_profile() -> None:
    store = FakeStore()
    user = _lifter(store)
    update_profile(store, user, {"days": 2, "minutes": 45})
    plan = plan_for(store, user, {"weeks": 4})
    assert plan.profile.days_per_week == 2 and plan.profile.minutes_per_session == 45
    assert len(plan.weeks) == 4


def test_a_plan_with_a_profile_says_which_options_it_gave_and_which_were_overridden() -> None:
    saved = {"goal": "strength", "days": 4, "weeks": 3, "known": {}, "body_weight_kg": "80"}
    plan = plan_with_profile(saved, {"days": 2, "seed": 1}, {"days": "--days"})
    assert (plan.profile.goal.value, plan.profile.days_per_week, len(plan.weeks)) == (
        "strength", 2, 3)
    # Known sets and body weight are no plan option: not named.
    assert plan.notes[0] == "From your saved profile: goal, weeks; --days overridden."
    assert plan.notes[1:] == make_plan({"goal": "strength", "days": 2, "weeks": 3,
                                        "seed": 1}).notes
    # No profile, or one without plan options: the plan of the options alone, no note.
    for nothing in (None, {"known": {}}):
        assert plan_with_profile(nothing, {"days": 2}) == make_plan({"days": 2})


def test_a_saved_field_the_planner_refuses_is_blamed_on_the_profile_not_an_option() -> None:
    with pytest.raises(PlanningError) as caught:
        plan_with_profile({"days": 9}, {"weeks": 2})  # an older version kept it
    assert caught.value.field == "profile"
    assert caught.value.worded({"profile": "--profile"}).startswith(
        "your saved profile's days: ")
    with pytest.raises(PlanningError) as caught:  # given, it is the option's fault
        plan_with_profile({"days": 3}, {"days": 9})
    assert caught.value.field == "days"


def test_a_profile_change_keeps_the_other_fields_and_the_unit_goes_with_it() -> None:
    store = FakeStore()
    user = _lifter(store)
    update_profile(store, user, {"goal": "strength", "days": 4})
    saved = update_profile(store, user, {"days": 3}, unit=Unit.LB)
    assert saved.profile == {"goal": "strength", "days": 3}
    assert saved.user.unit is Unit.LB and store.data.users[user.id].unit is Unit.LB


def test_a_checked_profile_the_planner_refuses_is_not_kept() -> None:
    store = FakeStore()
    user = _lifter(store)
    update_profile(store, user, {"days": 3})
    before = store.commits
    with pytest.raises(PlanningError) as caught:
        update_profile(store, user, {"minutes": 5}, unit=Unit.LB, check=True)
    assert caught.value.field == "minutes"
    assert store.commits == before  # nothing of it: not the profile, not the unit
    assert store.data.profiles[-1] == {"days": 3}
    assert store.data.users[user.id].unit is Unit.KG


def test_a_kept_plan_is_followed_and_an_unknown_one_is_refused_by_its_field() -> None:
    store = FakeStore()
    user = _lifter(store)
    first = keep_plan(store, user, {"profile": {"goal": "strength"}, "weeks": []})
    second = keep_plan(store, user, {"profile": {"goal": "endurance"}, "weeks": []})
    assert [p.active for p in store.data.plans] == [False, True]
    activate_plan(store, user, first)
    assert [p.active for p in store.data.plans] == [True, False]
    assert json.loads(store.data.plans[second - 1].text)["profile"]["goal"] == "endurance"
    with pytest.raises(PlanningError) as caught:
        activate_plan(store, user, 99)
    assert caught.value.field == "plan_id"
