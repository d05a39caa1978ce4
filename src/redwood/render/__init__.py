"""Renderers: what a person reads or looks at, made from domain objects.

text (the plan and the exercise library as terminal text and markdown), charts (PNG/SVG
progress charts), terminal (the one console every command prints to). No database, no HTTP.
"""
