"""A whole-archive years run's stored parses checked and fingerprinted in worker processes, ahead.

Past its cross-unit comparison, most of the years step of `reindex --all` goes on loading
each stored parse and cutting its narrative into hashed sentences (indexer.years.loading.
checked: ~0.35 of ~0.6 ms a report), in one process while the machine's other cores idle.
`ChecksAhead` hands each stored parse's JSON to the parse workers of indexer.ingest.workers
(fresh interpreters, each task bounded in time) a slice or two before the run reaches it;
the run takes the answers instead of checking the parse itself. A worker that fails or
times out on a parse only means the run checks that one in-process.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from typing import ContextManager, Sequence

from indexer.archive import Catalog, CatalogDocument
from indexer.ingest.workers import ParsePool, Ticket, WorkersUnavailable
from indexer.years.loading import Checked, latest_ok_json

log = logging.getLogger(__name__)
TASK = "indexer.years.loading:checked_json"  # what a worker does with each stored parse
POOL_FROM = 2000  # documents from which a run checks them in workers (below, starting them costs more)


class ChecksAhead:
    """Checks of `documents` made by `pool` up to `depth` documents ahead of the slice taken."""

    def __init__(self, catalog: Catalog, documents: Sequence[CatalogDocument], pool: ParsePool | None, depth: int):
        self.catalog, self.documents, self.pool, self.depth = catalog, documents, pool, depth
        self.submitted = 0
        self.tickets: dict[str, Ticket] = {}

    def take(self, start: int, end: int) -> dict[str, Checked]:
        """Checks of documents[start:end] by hash (those the workers answered), after queuing the next ones."""
        if self.pool is None:
            return {}
        for document in self.documents[self.submitted:min(len(self.documents), end + self.depth)]:
            text = latest_ok_json(self.catalog, document.sha256)
            if text is not None:
                self.tickets[document.sha256] = self.pool.submit(document.sha256, text.encode("utf-8"), None)
        self.submitted = max(self.submitted, min(len(self.documents), end + self.depth))
        found = {}
        for document in self.documents[start:end]:
            ticket = self.tickets.pop(document.sha256, None)
            answer = self.pool.result(ticket) if ticket is not None else None
            if isinstance(answer, tuple):  # else the worker failed on it: checked in-process
                found[document.sha256] = answer
        return found


def checks_pool(workers: int, timeout: float, documents: int) -> ContextManager[ParsePool | None]:
    """Workers checking stored parses for a run over `documents` documents, or None to check in-process."""
    if workers <= 0 or documents < POOL_FROM:
        return nullcontext()
    try:
        return ParsePool(workers, timeout, TASK)
    except WorkersUnavailable as error:
        log.warning("checking stored parses in this process: %s", error)
        return nullcontext()
