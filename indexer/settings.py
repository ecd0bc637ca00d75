"""The one settings registry: every knob of the CLI and the portal, with help text.

Values come from keyword overrides, then `NIANBAO_<NAME>` environment variables, then
the defaults below. Paths left empty are derived from `data_dir`.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

ENV_PREFIX = "NIANBAO_"


def _setting(default: Any, help: str) -> Any:
    """Declare one setting: its default and the help line shown by `nianbao settings`."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Frozen configuration shared by the CLI, the indexer and the portal."""

    data_dir: str = _setting("var", "Folder for the archive, catalog and embedded index.")
    archive_dir: str = _setting("", "Content-addressed archive of originals (default DATA_DIR/archive).")
    catalog_path: str = _setting("", "SQLite catalog file (default DATA_DIR/catalog.sqlite3).")
    index_dir: str = _setting("", "Embedded engine's index root (default DATA_DIR/index).")
    engine: str = _setting("embedded", "Search engine: 'embedded' (tantivy, no server) or 'opensearch'.")
    opensearch_url: str = _setting("http://127.0.0.1:9200", "OpenSearch base URL; several nodes comma-separated (a request that cannot reach one node is retried on the next).")
    opensearch_index: str = _setting("nianbao", "OpenSearch alias the portal reads; indexes are ALIAS-<stamp>.")
    opensearch_timeout_seconds: float = _setting(10.0, "Timeout of one OpenSearch read by the CLI (bulk loads and swaps use the write timeout).")
    opensearch_portal_timeout_seconds: float = _setting(1.0, "Timeout of one OpenSearch request by the portal: a hung node is a 503 within it.")
    opensearch_replicas: int = _setting(0, "Replicas of each new OpenSearch index (1 on a cluster of three, so a lost node loses no shard).")
    opensearch_write_timeout_seconds: float = _setting(120.0, "Timeout of one bulk or index-management request (writes wait while a lost node's shards move).")
    index_lock_timeout_seconds: float = _setting(30.0, "How long `nianbao index`/`reindex` wait for another run writing the same index.")
    page_size: int = _setting(20, "Search results per page.")
    result_window: int = _setting(2000, "Deepest result reachable by paging (page x size).")
    facet_size: int = _setting(10, "Facet values shown before 'show more'.")
    crawl_delay_seconds: float = _setting(1.0, "Minimum delay between two requests to one host.")
    crawl_concurrency: int = _setting(4, "Hosts fetched at the same time (each host still one request at a time).")
    crawl_timeout_seconds: float = _setting(20.0, "Connect/read timeout of one fetch.")
    crawl_retries: int = _setting(3, "Retries with backoff on timeouts and HTTP 5xx.")
    crawl_max_redirects: int = _setting(5, "Redirects followed per fetch.")
    crawl_max_bytes: int = _setting(50 * 1024 * 1024, "Largest body fetched; longer bodies are refused.")
    crawl_max_pages: int = _setting(10000, "Pages fetched per crawl at most.")
    crawl_allow_private: bool = _setting(False, "Allow private and loopback addresses (tests only).")
    crawl_allowed_domains: str = _setting("", "Extra domains the crawler may fetch (comma-separated), besides the seeds' hosts.")
    crawl_backoff_seconds: float = _setting(1.0, "First retry delay; doubles on each further retry.")
    warc_dir: str = _setting("", "WARC files of crawl runs (default DATA_DIR/warc).")
    crawl_warc: bool = _setting(True, "Also write every fetch of a crawl as WARC/1.1 request and response records.")
    crawl_warc_rotate_bytes: int = _setting(1024 ** 3, "Start a new WARC file of a crawl run once the current one reaches this size.")
    crawl_fetch_deadline_seconds: float = _setting(120.0, "Longest one fetch may take in all (connect, headers, whole body); a slower one fails as deadline_exceeded.")
    user_agent: str = _setting("NianbaoBot/0.1 (+https://github.com/nianbao)", "User-Agent of the crawler.")
    sample_synthetic_reports: int = _setting(2000, "Synthetic reports generated for the demo.")
    portal_bind: str = _setting("127.0.0.1:8000", "Address the portal listens on (nianbao serve, gunicorn).")
    portal_workers: int = _setting(0, "Gunicorn worker processes (0: one per CPU core).")
    portal_threads: int = _setting(2, "Threads (and open connections) per gunicorn worker.")
    portal_facet_cache_entries: int = _setting(1024, "Searches whose facet counts a worker keeps for their other pages and orders (60 s at most).")
    portal_export_slots: int = _setting(1, "Exports one worker streams at once; more get a 503 asking to retry, so searches keep a thread.")
    opensearch_scan_timeout_seconds: float = _setting(30.0, "Timeout of one page (1,000 reports) of an export or statistics scan, which starts only after a search answered.")
    # e-mail alerts of saved searches (portal/alerts, indexer/alerts, `nianbao alerts send`)
    alerts_db_path: str = _setting("", "SQLite file of saved searches and e-mail alerts (default DATA_DIR/alerts.sqlite3).")
    alerts_secret_key: str = _setting("", "Key signing confirmation links (default: a random key kept in DATA_DIR/alerts-secret).")
    alerts_public_url: str = _setting("http://127.0.0.1:8000", "Public base URL of the portal, for links in alert e-mails sent by the CLI.")
    alerts_confirm_hours: float = _setting(48.0, "How long a confirmation link stays valid.")
    alerts_per_address_per_day: int = _setting(3, "Subscription requests one e-mail address may make in 24 hours.")
    alerts_per_ip_per_hour: int = _setting(10, "Subscription requests one client IP may make in an hour.")
    alerts_max_per_address: int = _setting(20, "Active saved searches one e-mail address may hold.")
    alerts_digest_max_reports: int = _setting(50, "Reports listed in one digest at most (the rest behind a link).")
    smtp_host: str = _setting("127.0.0.1", "SMTP server that sends alert e-mails.")
    smtp_port: int = _setting(25, "Port of the SMTP server.")
    smtp_from: str = _setting("nianbao@localhost", "Sender address of alert e-mails.")
    smtp_timeout_seconds: float = _setting(10.0, "Timeout of one SMTP connection or command.")
    smtp_security: str = _setting("none", "SMTP transport security: 'none' (a local relay), 'starttls' or 'tls' (implicit, port 465).")
    smtp_username: str = _setting("", "SMTP login (empty: no AUTH).")
    smtp_password: str = _setting("", "SMTP password (set it through NIANBAO_SMTP_PASSWORD).")
    smtp_cafile: str = _setting("", "Extra CA certificates (PEM) to trust for the SMTP server, e.g. a private relay's.")
    # first visit and synthetic samples (portal/home, portal/samples.py)
    portal_samples_in_default_view: bool = _setting(False, "Whether synthetic samples (合成样例) show in default searches, facets, region pages, stats and digests when the archive also holds real reports (they are always at /samples).")
    portal_home_newest: int = _setting(8, "Newest real reports listed on the home page.")
    # OpenSearch search speed (issue 13; docs/operations.md, "OpenSearch settings for speed")
    opensearch_merge_segments: int = _setting(1, "A rebuilt OpenSearch index is force-merged to this many segments before the swap (0: not merged).")
    opensearch_merge_timeout_seconds: float = _setting(3600.0, "Timeout of the force merge of a rebuilt index (about 40 s at 100k reports here).")
    # re-index speed (issue 13; indexer/ingest/workers.py)
    reindex_workers: int = _setting(2, "Worker processes that parse and segment documents during `reindex` of 200 or more documents, while one process writes the index (0: all in that process); about the number of cores.")
    reindex_parse_timeout_seconds: float = _setting(300.0, "A `reindex` worker still parsing one document after this long is killed and replaced; that document is recorded as failed.")

    @property
    def archive_path(self) -> Path:
        """Where original bytes are stored."""
        return Path(self.archive_dir or Path(self.data_dir) / "archive")

    @property
    def warc_path(self) -> Path:
        """Where crawl runs write their WARC files."""
        return Path(self.warc_dir or Path(self.data_dir) / "warc")

    @property
    def catalog_file(self) -> Path:
        """Where the SQLite catalog lives."""
        return Path(self.catalog_path or Path(self.data_dir) / "catalog.sqlite3")

    @property
    def alerts_file(self) -> Path:
        """Where the saved searches and alert subscriptions live."""
        return Path(self.alerts_db_path or Path(self.data_dir) / "alerts.sqlite3")

    @property
    def index_path(self) -> Path:
        """Where the embedded engine keeps its index directories and pointer."""
        return Path(self.index_dir or Path(self.data_dir) / "index")

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some values changed."""
        return dataclasses.replace(self, **changes)


def registry() -> list[tuple[str, Any, str]]:
    """Every setting as (name, default, help), in declaration order."""
    return [(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)]


def _coerce(raw: str, target_type: type) -> Any:
    """Convert an environment string to the setting's declared type."""
    if target_type is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return target_type(raw)


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build Settings from overrides, then NIANBAO_* environment variables, then defaults."""
    env = os.environ if env is None else env
    types = {"str": str, "int": int, "float": float, "bool": bool}
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        if overrides.get(f.name) is not None:
            values[f.name] = overrides[f.name]
        elif ENV_PREFIX + f.name.upper() in env:
            values[f.name] = _coerce(env[ENV_PREFIX + f.name.upper()], types[str(f.type)])
    return Settings(**values)
