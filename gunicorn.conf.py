"""Gunicorn configuration for the portal in production.

    gunicorn -c gunicorn.conf.py

Bind address, workers and threads come from the one settings registry
(NIANBAO_PORTAL_BIND, NIANBAO_PORTAL_WORKERS, NIANBAO_PORTAL_THREADS); the app is built by
the factory in each worker after the fork, so no index or connection is shared across
processes.
"""

import multiprocessing

from indexer.settings import load_settings

_settings = load_settings()

wsgi_app = "portal.app:create_app()"
bind = _settings.portal_bind
# One worker per core: pages are CPU-bound (engine calls, Jinja), and measured on two cores
# two workers served more pages with a shorter tail than four or five (BENCHMARKS.md).
workers = _settings.portal_workers or multiprocessing.cpu_count()
# Threads let one worker serve several readers while another waits on a slow export.
worker_class = "gthread"
threads = _settings.portal_threads
timeout = 120
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
loglevel = "info"
proc_name = "nianbao-portal"
# A Chinese query is 9 URL-encoded bytes a character: the search box's 500 characters plus
# filters need more than gunicorn's default 4094-byte request line.
limit_request_line = 8190
