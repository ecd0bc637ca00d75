"""Helpers of the alert tests: synthetic reports with an archive date, indexing, a free port."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def report_document(report_id: str, seed: int, agency: str, archived_at: str) -> dict:
    """An index document of a synthetic report by `agency`, first archived at `archived_at`."""
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    truth = dict(make_report(seed, 1).truth, agency=agency, title=f"{agency}政府信息公开工作年度报告")
    return build_index_document(report_id, truth, {"url": f"https://example.gov.cn/{report_id}.html",
                                                   "archived_at": archived_at})


def index(settings, documents: list[dict]) -> None:
    """Add documents to the data folder's embedded index."""
    from indexer.backends import open_backend

    backend = open_backend(settings)
    backend.index_documents(documents)
    backend.close()
