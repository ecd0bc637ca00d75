"""The years step at the end of `nianbao ingest`: analyse the batch, update the live index where it changed.

The batch's own reports reach the index with `nianbao index --batch` (which analyses them
again, so they go in with their years fields); what ingest can do at once is bring the
already-indexed reports of the units the batch touches up to date: a report whose
predecessor the batch brings now has a cross-year check and a repeat share. With no live
index (never built, or the engine down) or another index run holding the write lock, the
index is left alone and the step says so; `nianbao index --batch` catches up.
"""

from __future__ import annotations

from indexer.archive import Catalog
from indexer.backends import open_backend
from indexer.backends.writelock import IndexLocked, write_lock
from indexer.search.errors import EngineUnavailable, InvalidRequest
from indexer.settings import Settings
from indexer.years.sync import YearsSync, analyse, open_years, refresh


def after_ingest(settings: Settings, catalog: Catalog, batch: str) -> tuple[YearsSync, str | None]:
    """Analyse the batch and update the indexed documents it changed; (what was done, why the index was not updated)."""
    sync = YearsSync()
    store = open_years(catalog)
    try:
        analyse(catalog, store, list(catalog.iter_documents(batch)), sync, batch=batch)
        return sync, _refresh_live(settings, store, sync)
    finally:
        store.close()


def _refresh_live(settings: Settings, store, sync: YearsSync) -> str | None:
    """Refresh the configured engine's live index under its write lock; the reason when it could not be."""
    backend = open_backend(settings)
    try:
        backend.count()  # a live index to update?
        with write_lock(settings, None, owner="nianbao ingest (years fields)"):
            refresh(backend, store, sync.touched, sync)
    except (EngineUnavailable, InvalidRequest) as error:
        return f"search index not updated ({error})"
    except IndexLocked as error:
        return f"search index not updated: {error}"
    finally:
        backend.close()
    return None
