"""The `redwood` command line: thin commands that parse options, call a service and render.

`main.py` holds the group and its lazy command table, `common.py` what every command shares,
and one module per command family the commands themselves.
"""

from redwood.cli.main import app, main

__all__ = ["app", "main"]
