"""The pure core: the vocabulary of lifting and the plain dataclasses built from it.

Nothing in here knows about files, databases, HTTP or terminals.
"""
