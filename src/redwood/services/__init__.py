"""Use cases: plain functions over the store that entry points (cli, web) call.

One module per family: planning, training, syncing, importing, reviewing, progress, recovery,
accounts, demo; `base` holds the store handle and the errors they share. Services return domain
objects; entry points render them.
"""
