"""Redwood: plans, logs and coaches back-and-leg strength training."""

__version__ = "0.1.0"
