"""Renderers: what a person reads or looks at, made from domain objects.

text (the plan and the exercise library as terminal text and markdown), charts (PNG/SVG
progress charts), printable (the plan as a printable HTML page or PDF, from templates/),
terminal (the one console every command prints to). No database, no HTTP.
"""
