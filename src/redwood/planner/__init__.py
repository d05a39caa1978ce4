"""Turns a profile into a plan (generate), and judges any plan against the rules (check)."""
