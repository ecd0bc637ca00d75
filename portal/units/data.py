"""The across-years tables for one request: opened read-only on first use, closed after it."""

from __future__ import annotations

from flask import g

from indexer.years.store import YearsStore, years_file
from portal.extensions import resources


def years_store() -> YearsStore | None:
    """The derived tables of this request, or None while `nianbao years` has never run."""
    if "nianbao_years" not in g:
        path = years_file(resources().settings)
        g.nianbao_years = YearsStore(path, readonly=True) if path.exists() else None
    return g.nianbao_years


def close_years_store(_exc: BaseException | None) -> None:
    """Close the request's connection, if one was opened."""
    store = g.pop("nianbao_years", None)
    if store is not None:
        store.close()
