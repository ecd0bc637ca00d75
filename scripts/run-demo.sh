#!/usr/bin/env bash
# The README's first command: install, build the sample data once (the five seed reports
# plus a synthetic corpus marked 合成样例, on the embedded engine) and serve the portal
# on http://127.0.0.1:8000 under gunicorn. Ctrl-C stops it. Settings: NIANBAO_* (see
# `.venv/bin/nianbao settings`), e.g. NIANBAO_PORTAL_BIND=127.0.0.1:9000.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
.venv/bin/nianbao demo
echo "run-demo.sh: serving 年报检索 on http://${NIANBAO_PORTAL_BIND:-127.0.0.1:8000}/" >&2
exec .venv/bin/gunicorn -c gunicorn.conf.py
