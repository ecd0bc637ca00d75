"""After a killed re-index, the embedded engine's clean-up keeps the last complete build."""

from __future__ import annotations

from indexer.backends import open_backend
from indexer.backends.embedded import _create_build
from indexer.reindex import index_reports
from search.search_corpus import REPORTS


def builds(settings) -> list[str]:
    return sorted(path.name for path in settings.index_path.glob("idx-*"))


def live(settings) -> str:
    return (settings.index_path / "CURRENT").read_text(encoding="utf-8").strip()


def test_a_partial_build_of_a_killed_reindex_is_dropped_and_the_last_complete_one_kept(settings):
    backend = open_backend(settings.replace(engine="embedded"))
    index_reports(backend, REPORTS.items())
    first = live(settings)
    # a re-index killed mid-load leaves a newer, incomplete directory behind (never switched to)
    partial = backend.root.new_directory()
    _create_build(partial)
    index_reports(backend, REPORTS.items())
    assert builds(settings) == sorted([first, live(settings)])
    assert backend.count() == len(REPORTS)
    index_reports(backend, REPORTS.items())  # the next swap keeps exactly one previous build
    assert len(builds(settings)) == 2 and first not in builds(settings)
    backend.close()


def test_the_build_that_was_live_before_the_swap_is_kept_even_without_a_mark(settings):
    backend = open_backend(settings.replace(engine="embedded"))
    index_reports(backend, REPORTS.items())
    first = live(settings)
    (settings.index_path / first / "COMPLETE").unlink()  # as built by a release before the mark
    index_reports(backend, REPORTS.items())
    assert first in builds(settings)
    backend.close()
