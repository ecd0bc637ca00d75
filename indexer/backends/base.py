"""The backend contract both engines implement, and the value objects it returns."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Mapping, Protocol, Sequence

from indexer.documents import SUMMARY_FIELDS, summary
from indexer.search.fields import YEARS_SUMMARY_FIELDS
from indexer.search.highlight import highlight_document
from indexer.search.model import Hit, SearchRequest, SearchResult
from indexer.search.understand import NameLookup

Progress = Callable[[int], None]
# what a hit holds: the result list's fields, then the across-years ones
HIT_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(SUMMARY_FIELDS + YEARS_SUMMARY_FIELDS))
# bulky parts of a stored document an export never needs
EXPORT_DROPPED = frozenset({"report", "content", "text", "subwords", "title_text", "agency_text", "problems_text",
                            "region_text", "place_text"})


@dataclass(frozen=True)
class BulkReport:
    """What a bulk load did: documents indexed, failures (id, reason), the index written."""

    indexed: int
    failures: tuple[tuple[str, str], ...] = ()
    index_name: str = ""
    seconds: float = 0.0


class SearchBackend(Protocol):
    """One search engine behind the contract of COMMON.md (contract 4)."""

    def search(self, request: SearchRequest, names: NameLookup | None = None) -> SearchResult:
        """One page of hits, the total and the facet counts of a request (query read by
        indexer.search.understand; `names` adds pinyin and near-name correction)."""

    def scan(self, request: SearchRequest, fields: Sequence[str] | None = None) -> Iterator[dict]:
        """Every matching document (without the stored report), for exports; ignores paging.

        With `fields`, each row holds only those fields (absent ones left out), which lets an
        engine skip decoding the stored report: the stats and export pages scan thousands.
        """

    def get(self, report_id: str) -> dict:
        """The stored index document of one report; raises DocumentNotFound."""

    def get_many(self, report_ids: Sequence[str]) -> Iterator[dict]:
        """The stored index documents of several reports; ids not indexed are skipped."""

    def index_documents(self, documents: Iterable[Mapping], raise_on_error: bool = True) -> BulkReport:
        """Add or replace documents in the live index (created when missing)."""

    def rebuild(self, documents: Iterable[Mapping], progress: Progress | None = None) -> BulkReport:
        """Load documents into a new index beside the live one, swap it in atomically, drop the old."""

    def delete(self, report_id: str) -> None:
        """Remove one report; raises DocumentNotFound when it is not indexed."""

    def count(self) -> int:
        """Number of documents in the live index."""

    def ping(self) -> bool:
        """True when the engine answers and the live index exists."""

    def close(self) -> None:
        """Release files and connections."""


def to_hit(document: Mapping, score: float, terms: list[str], highlight: bool) -> Hit:
    """A Hit from a stored document: summary fields and shared-highlighter snippets."""
    marks = highlight_document(dict(document), terms) if highlight else {}
    return Hit(id=str(document["id"]), score=float(score or 0.0), document=hit_summary(document), highlights=marks)


def hit_summary(document: Mapping) -> dict:
    """The fields of HIT_FIELDS a document has: documents.summary plus the across-years results."""
    found = summary(document)
    found.update({name: document[name] for name in YEARS_SUMMARY_FIELDS if name in document})
    return found


def with_fields(hit: Hit, values: Mapping) -> Hit:
    """A hit whose document also carries some fields beyond the summary (a table view's columns)."""
    return replace(hit, document={**hit.document, **values})


def export_fields(document: Mapping) -> dict:
    """A stored document without the bulky parts an export does not need."""
    return {key: value for key, value in document.items() if key not in EXPORT_DROPPED}


def check_ids(documents: Iterable[Mapping]) -> Iterator[tuple[Mapping, str | None]]:
    """Pair each document with the reason it cannot be indexed (None when it can)."""
    for document in documents:
        if not isinstance(document, Mapping) or not document.get("id"):
            yield document, "document has no id"
        else:
            yield document, None
