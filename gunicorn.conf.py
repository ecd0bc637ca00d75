"""Gunicorn configuration for the portal in production.

    gunicorn -c gunicorn.conf.py

Bind address, workers and threads come from the one settings registry
(NIANBAO_PORTAL_BIND, NIANBAO_PORTAL_WORKERS, NIANBAO_PORTAL_THREADS); the app is built by
the factory in each worker after the fork, so no index or connection is shared across
processes.
"""

import gc
import multiprocessing

from indexer.settings import load_settings

_settings = load_settings()

wsgi_app = "portal.app:create_app()"
bind = _settings.portal_bind
# One worker per core: pages are CPU-bound (engine calls, Jinja), and measured on two cores
# two workers served more pages with a shorter tail than four or five (BENCHMARKS.md).
workers = _settings.portal_workers or multiprocessing.cpu_count()
# Threads let one worker serve a second reader while a long export streams (the gthread
# main thread also keeps heartbeating, so a long export is never killed as hung).
worker_class = "gthread"
threads = _settings.portal_threads
# A worker takes no more connections than it has threads, and closes each after its
# response: waiting requests then queue in the shared listen backlog, first come first
# served, and go to whichever worker frees up first. With keep-alive, connections stuck to
# the worker that accepted them; the busier worker's readers waited longest and the GIL
# shared its threads round-robin, so heavy searches tailed: on two cores and 16 clients
# p95 fell from 177 to 97-101 ms at the same ~190 pages/s (BENCHMARKS.md, Portal). Put a
# reverse proxy in front for keep-alive to browsers; proxies talk to gunicorn this way anyway.
worker_connections = threads
keepalive = 0
# Never expose gunicorn to readers directly: a thread reads a request with a blocking socket
# from its first byte to its last, so four half-sent requests (slowloris) held a worker's
# threads for minutes. deploy/nginx.conf reads whole requests first (docker-compose.yml).
# `timeout` only bounds a worker whose main loop stops answering the master (gthread keeps
# answering while a thread streams an export), so gunicorn's default is enough: a hung
# worker is replaced within 30 s, and a restart lets running requests finish for 30 s more.
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak can never grow without bound; rarely, since a
# recycled worker's replacement takes over its share of a busy server.
max_requests = 50000
max_requests_jitter = 5000
# Build the app and load the tokenizer dictionary once, in the master: workers fork warm.
# Otherwise each new worker (at start and after every recycling) spent ~1 s of CPU on its
# first search while its waiting readers stalled. Engines and archives still open lazily
# in each worker after the fork (portal.extensions), never in the master.
preload_app = True


def on_starting(server):
    """Before the first fork: load the query tokenizer every worker shares, then freeze the heap.

    gc.freeze() moves every object alive now (the app, the tokenizer's ~600k-entry word
    dictionary) out of the collector's reach: a full collection used to walk that
    dictionary, ~12 ms each time, 0.7 ms a search page on average (BENCHMARKS.md). Frozen
    pages are also never written by the collector, so forked workers keep sharing them.
    """
    from analyzers.segment import tokenizer

    tokenizer()
    gc.freeze()


def post_worker_init(worker):
    """In each worker, once it is set up: freeze what it added, as the master did."""
    gc.freeze()
accesslog = "-"
errorlog = "-"
loglevel = "info"
proc_name = "nianbao-portal"
# A Chinese query is 9 URL-encoded bytes a character: the search box's 500 characters plus
# filters need more than gunicorn's default 4094-byte request line.
limit_request_line = 8190
