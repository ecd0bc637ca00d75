"""Typed search errors; the portal maps each to a status code and a Chinese message."""

from __future__ import annotations


class SearchError(Exception):
    """Base of every error a search engine or the query parser raises."""


class QuerySyntaxError(SearchError):
    """The query text breaks the grammar (unbalanced quote, dangling OR, unknown field)."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position


class InvalidRequest(SearchError):
    """A filter, range, sort or page that the engine cannot honour (HTTP 400)."""


class ResultWindowExceeded(InvalidRequest):
    """The page asked for lies past the result window."""

    def __init__(self, message: str, max_page: int):
        super().__init__(message)
        self.max_page = max_page


class EngineUnavailable(SearchError):
    """The engine cannot be reached or has no index yet (HTTP 503)."""


class DocumentNotFound(SearchError):
    """No report has this id (HTTP 404)."""


class BulkIndexError(SearchError):
    """Some documents of a bulk load failed; `failures` names each with its reason."""

    def __init__(self, failures: list[tuple[str, str]]):
        super().__init__(f"{len(failures)} documents failed to index: " + "; ".join(f"{i}: {r}" for i, r in failures[:5]))
        self.failures = failures
