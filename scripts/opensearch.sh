#!/usr/bin/env bash
# Download (once, with mvn from Maven Central), start and stop a single-node OpenSearch
# on 127.0.0.1 for the tests and benchmarks.
#   scripts/opensearch.sh start   -> prints `export NIANBAO_TEST_OPENSEARCH_URL=...`
#   scripts/opensearch.sh stop
#   scripts/opensearch.sh url
# NIANBAO_OPENSEARCH_RUN_DIR picks the run folder (several nodes side by side);
# NIANBAO_OPENSEARCH_HEAP the heap (default 512m for tests; benchmarks use 2g as production).
set -euo pipefail
# shellcheck source=scripts/opensearch-lib.sh
. "$(dirname "$0")/opensearch-lib.sh"
RUN_DIR="${NIANBAO_OPENSEARCH_RUN_DIR:-$CACHE/opensearch-run}"
HEAP="${NIANBAO_OPENSEARCH_HEAP:-512m}"

start() {
  install_distribution
  stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR/data" "$RUN_DIR/logs"
  prepare_user "$RUN_DIR"
  local port; port="$(free_port)"
  launch_node "$RUN_DIR" "$HEAP" -E discovery.type=single-node \
    -E http.port="$port" -E transport.port="$(free_port)" || exit 1
  local url="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    if curl -fsS "$url/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      echo "$url" >"$RUN_DIR/url"
      log "OpenSearch $VERSION is up at $url"
      echo "export NIANBAO_TEST_OPENSEARCH_URL=$url"
      return 0
    fi
    if [ -f "$RUN_DIR/pid" ] && ! kill -0 "$(cat "$RUN_DIR/pid")" 2>/dev/null; then break; fi
    sleep 1
  done
  log "OpenSearch did not come up; last log lines:"; tail -n 30 "$RUN_DIR/logs/"*.log >&2 || true
  exit 1
}

stop() { stop_pidfile "$RUN_DIR/pid"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) cat "$RUN_DIR/url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 64 ;;
esac
