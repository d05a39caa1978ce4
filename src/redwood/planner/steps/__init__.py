"""The steps of building a plan (redwood.planner.generate is the entry point), one
module per step: each imports only from the steps below it."""
