"""Run by the kill test: import a big export in small batches, saying after each batch.

    python import_worker.py URL FILE
prints "flushed N" (sets written, not committed) after every batch, so that the test can
kill the process with the import's transaction open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from redwood.domain.log import Unit
from redwood.io import importer
from redwood.services import importing
from redwood.store import imports, open_store


def main() -> None:
    url, path = sys.argv[1], Path(sys.argv[2])
    importer.FLUSH_SETS = 500
    written = 0
    insert_sets = imports.insert_sets

    def announcing(uow, sets, import_id):  # type: ignore[no-untyped-def]
        nonlocal written
        insert_sets(uow, sets, import_id)
        written += len(sets)
        print(f"flushed {written}", flush=True)

    imports.insert_sets = announcing
    store = open_store(url, migrate=False, ensure_user=False)
    report = importing.import_file(store, store.default_user(), path, unit=Unit.KG)
    print(f"committed {report.sets_added}", flush=True)


if __name__ == "__main__":
    main()
