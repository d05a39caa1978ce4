"""The four-week review: what happened in a span of training, why, and what changes next.

Pure: it reads workouts, check-ins and the active plan's sessions handed to it (see
redwood.services.reviewing for the service that fetches them) and returns a `Review`. Every
number it judges by comes from rules: review.toml (its own), rules.toml (volume bands, balance,
deload sets) and coach.toml (plateaus, fatigue thresholds, deloads, layoffs).

What it covers, in the guide's words ("Review logs every 4 weeks. Adjust targets based on
trends - maybe add an extra set or swap exercises hitting plateaus. Celebrate milestones"):

- adherence: planned sessions done on their day, moved (done within a few days), missed; extra
  sessions; consistency streaks;
- each core lift's e1RM trend: first and last e1RM of the period, the least-squares slope in kg
  a week, and the same for the previous period of equal length (a fair comparison: same
  length, same method); records (e1RM, heaviest, reps) set in the period;
- weekly hard sets per muscle, counted as the planner doses them (redwood.rules.counting),
  each against its own band for the goal and level; regions only summed, for the legs:back
  balance;
- plateaus (coach.toml [plateau], as the coach finds them), falling lifts, breaks, fatigue
  signals from check-ins, and what the log shows of the coach's decisions (deloads, returns
  after a break, loads held);
- recommendations for the next block, each with its reason, and milestones reached and in
  reach.

One module per part: model (inputs, outputs and their JSON), context (the input, rules and log
cut up once, which every part reads), adherence, lifts, volume, fatigue, recommend,
milestones; build (`build_review`, the parts in order).
"""

from redwood.coach.review.build import build_review
from redwood.coach.review.lifts import earlier_exercises
from redwood.coach.review.model import (
    Adherence,
    EarlierLog,
    Finding,
    LiftTrend,
    Milestone,
    MuscleVolume,
    PeriodTrend,
    PlannedDay,
    Recommendation,
    Record,
    Review,
    ReviewInput,
    review_period,
    summarize_earlier,
)

__all__ = [
    "Adherence",
    "EarlierLog",
    "Finding",
    "LiftTrend",
    "Milestone",
    "MuscleVolume",
    "PeriodTrend",
    "PlannedDay",
    "Recommendation",
    "Record",
    "Review",
    "ReviewInput",
    "build_review",
    "earlier_exercises",
    "review_period",
    "summarize_earlier",
]
