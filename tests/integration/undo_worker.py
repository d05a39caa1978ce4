"""Run by the kill test: take an import back, stopping mid-way to be killed.

    python undo_worker.py URL IMPORT_ID
prints "midway" once the import's sets are deleted (its workouts not yet, nothing
committed), then waits, so that the test can kill the process inside the undo's transaction.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy.orm import Session

from redwood.services import importing as importer
from redwood.store import open_store


def main() -> None:
    url, import_id = sys.argv[1], int(sys.argv[2])
    execute = Session.execute

    def pausing(self: Session, statement: Any, *args: Any, **kwargs: Any) -> Any:
        result = execute(self, statement, *args, **kwargs)
        if str(statement).startswith("DELETE FROM sets"):
            print("midway", flush=True)
            time.sleep(120)
        return result

    Session.execute = pausing  # type: ignore[method-assign]
    store = open_store(url, migrate=False, ensure_user=False)
    importer.undo_import(store, store.default_user(), import_id)
    print("committed", flush=True)


if __name__ == "__main__":
    main()
