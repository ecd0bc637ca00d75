#!/usr/bin/env bash
# Shared by scripts/opensearch.sh (one node) and scripts/opensearch-cluster.sh (three
# nodes): fetch the integ-test distribution once with mvn, run nodes as an unprivileged
# user when called as root. Source it; it defines functions and variables only.

VERSION="${OPENSEARCH_VERSION:-2.19.1}"
# As root the node runs as an unprivileged user, so keep it outside root's private home.
if [ "$(id -u)" = 0 ]; then DEFAULT_CACHE=/var/cache/nianbao; else DEFAULT_CACHE="$HOME/.cache/nianbao"; fi
CACHE="${NIANBAO_CACHE_DIR:-$DEFAULT_CACHE}"
HOME_DIR="$CACHE/opensearch-$VERSION"
ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip"

log() { echo "$(basename "$0"): $*" >&2; }

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
prepare_user() {  # prepare_user DIR...: the folders the node writes
  [ "$(id -u)" = 0 ] || return 0
  local user="${NIANBAO_OPENSEARCH_USER:-nianbao-opensearch}"
  id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  chown -R "$user" "$HOME_DIR" "$@"
  RUN_AS=(runuser -u "$user" --)
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

java_home() {
  local home="${OPENSEARCH_JAVA_HOME:-${JAVA_HOME:-}}"
  if [ -z "$home" ]; then
    command -v java >/dev/null || { log "BLOCKED: no java on PATH (OpenSearch needs Java 17+)"; exit 2; }
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  echo "$home"
}

# launch_node RUN_DIR HEAP ARGS...: start one daemonised node writing its pid to RUN_DIR/pid.
launch_node() {
  local run_dir="$1" heap="$2"; shift 2
  "${RUN_AS[@]}" env OPENSEARCH_JAVA_HOME="$(java_home)" \
    OPENSEARCH_JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms$heap -Xmx$heap}" \
    "$HOME_DIR/bin/opensearch" -d -p "$run_dir/pid" -E network.host=127.0.0.1 \
      -E path.data="$run_dir/data" -E path.logs="$run_dir/logs" \
      -E cluster.routing.allocation.disk.threshold_enabled=false "$@" \
      >"$run_dir/stdout.log" 2>&1 || { log "OpenSearch failed to start:"; cat "$run_dir/stdout.log" >&2; return 1; }
}

# stop_pidfile FILE [SIGNAL]: stop the process of a pid file (TERM, then KILL after 30 s).
stop_pidfile() {
  [ -f "$1" ] || return 0
  local pid; pid="$(cat "$1")"
  kill "-${2:-TERM}" "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}
