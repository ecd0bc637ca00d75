#!/usr/bin/env bash
# Download (once, with mvn from Maven Central), start and stop a single-node OpenSearch
# on 127.0.0.1 for the tests and benchmarks.
#   scripts/opensearch.sh start   -> prints `export NIANBAO_TEST_OPENSEARCH_URL=...`
#   scripts/opensearch.sh stop
#   scripts/opensearch.sh url
set -euo pipefail

VERSION="${OPENSEARCH_VERSION:-2.19.1}"
# As root the node runs as an unprivileged user, so keep it outside root's private home.
if [ "$(id -u)" = 0 ]; then DEFAULT_CACHE=/var/cache/nianbao; else DEFAULT_CACHE="$HOME/.cache/nianbao"; fi
CACHE="${NIANBAO_CACHE_DIR:-$DEFAULT_CACHE}"
HOME_DIR="$CACHE/opensearch-$VERSION"
RUN_DIR="${NIANBAO_OPENSEARCH_RUN_DIR:-$CACHE/opensearch-run}"
ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip"

log() { echo "opensearch.sh: $*" >&2; }

install_distribution() {
  [ -x "$HOME_DIR/bin/opensearch" ] && return 0
  command -v mvn >/dev/null || { log "BLOCKED: mvn is not installed; cannot fetch $ARTIFACT"; exit 2; }
  local dl="$CACHE/download"
  mkdir -p "$dl"
  log "fetching $ARTIFACT from Maven Central"
  if ! mvn -q -B dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$dl" >&2; then
    log "BLOCKED: could not fetch $ARTIFACT from Maven Central"; exit 2
  fi
  rm -rf "$HOME_DIR.tmp" && mkdir -p "$HOME_DIR.tmp"
  unzip -q "$dl/opensearch-$VERSION.zip" -d "$HOME_DIR.tmp"
  mv "$HOME_DIR.tmp/opensearch-$VERSION" "$HOME_DIR" && rm -rf "$HOME_DIR.tmp"
}

# OpenSearch refuses to run as root: as root, run it as an unprivileged system user.
RUN_AS=()
prepare_user() {
  [ "$(id -u)" = 0 ] || return 0
  local user="${NIANBAO_OPENSEARCH_USER:-nianbao-opensearch}"
  id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  chown -R "$user" "$HOME_DIR" "$RUN_DIR"
  RUN_AS=(runuser -u "$user" --)
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  install_distribution
  stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR" && mkdir -p "$RUN_DIR/data" "$RUN_DIR/logs"
  prepare_user
  local port; port="$(free_port)"
  local java_home="${OPENSEARCH_JAVA_HOME:-${JAVA_HOME:-}}"
  if [ -z "$java_home" ]; then
    command -v java >/dev/null || { log "BLOCKED: no java on PATH (OpenSearch needs Java 17+)"; exit 2; }
    java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  "${RUN_AS[@]}" env OPENSEARCH_JAVA_HOME="$java_home" \
    OPENSEARCH_JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx512m}" \
    "$HOME_DIR/bin/opensearch" -d -p "$RUN_DIR/pid" \
      -E discovery.type=single-node -E network.host=127.0.0.1 \
      -E http.port="$port" -E transport.port="$(free_port)" \
      -E path.data="$RUN_DIR/data" -E path.logs="$RUN_DIR/logs" \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      >"$RUN_DIR/stdout.log" 2>&1 || { log "OpenSearch failed to start:"; cat "$RUN_DIR/stdout.log" >&2; exit 1; }
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

stop() {
  [ -f "$RUN_DIR/pid" ] || return 0
  local pid; pid="$(cat "$RUN_DIR/pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) cat "$RUN_DIR/url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 64 ;;
esac
