#!/usr/bin/env bash
# A three-node OpenSearch cluster on 127.0.0.1 (same integ-test distribution as
# scripts/opensearch.sh; distinct ports and data folders; 768 MB heap a node) for the
# node-loss test and the cluster benchmarks.
#   scripts/opensearch-cluster.sh start        -> prints `export NIANBAO_TEST_CLUSTER_URLS=u1,u2,u3`
#   scripts/opensearch-cluster.sh kill N       -> SIGKILL node N (1..3), as a crash would
#   scripts/opensearch-cluster.sh restart N    -> start node N again on its ports and data
#   scripts/opensearch-cluster.sh stop | urls | pid N
set -euo pipefail
# shellcheck source=scripts/opensearch-lib.sh
. "$(dirname "$0")/opensearch-lib.sh"
RUN_DIR="${NIANBAO_CLUSTER_RUN_DIR:-$CACHE/opensearch-cluster}"
NODES=(1 2 3)
HEAP="${NIANBAO_CLUSTER_HEAP:-768m}"

node_dir() { echo "$RUN_DIR/node-$1"; }

start_node() {  # start_node N: ports were chosen by `start` and stay the node's own
  local dir; dir="$(node_dir "$1")"
  local seeds; seeds="$(for n in "${NODES[@]}"; do printf '127.0.0.1:%s,' "$(cat "$(node_dir "$n")/transport")"; done)"
  launch_node "$dir" "$HEAP" -E cluster.name=nianbao-cluster -E node.name="node-$1" \
    -E http.port="$(cat "$dir/http")" -E transport.port="$(cat "$dir/transport")" \
    -E discovery.seed_hosts="${seeds%,}" \
    -E cluster.initial_cluster_manager_nodes=node-1,node-2,node-3
}

urls() { for n in "${NODES[@]}"; do printf 'http://127.0.0.1:%s,' "$(cat "$(node_dir "$n")/http")"; done | sed 's/,$//'; }

wait_health() {  # wait_health STATUS SECONDS: via any node that answers
  local deadline=$((SECONDS + $2)) url
  while [ "$SECONDS" -lt "$deadline" ]; do
    for url in $(urls | tr ',' ' '); do
      if curl -fsS "$url/_cluster/health?wait_for_status=$1&wait_for_nodes=3&timeout=1s" >/dev/null 2>&1; then return 0; fi
    done
    sleep 1
  done
  return 1
}

start() {
  install_distribution
  stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR"
  for n in "${NODES[@]}"; do
    mkdir -p "$(node_dir "$n")/data" "$(node_dir "$n")/logs"
    free_port >"$(node_dir "$n")/http"
    free_port >"$(node_dir "$n")/transport"
  done
  prepare_user "$RUN_DIR"
  for n in "${NODES[@]}"; do start_node "$n" || exit 1; done
  if ! wait_health green 180; then
    log "the cluster did not turn green; last log lines:"
    tail -n 20 "$RUN_DIR"/node-*/logs/*.log >&2 || true
    exit 1
  fi
  log "three-node OpenSearch $VERSION cluster is up at $(urls)"
  echo "export NIANBAO_TEST_CLUSTER_URLS=$(urls)"
}

stop() { for n in "${NODES[@]}"; do stop_pidfile "$(node_dir "$n")/pid"; done; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  urls) urls; echo ;;
  pid) cat "$(node_dir "$2")/pid" ;;
  kill) stop_pidfile "$(node_dir "$2")/pid" KILL ;;
  restart) prepare_user "$RUN_DIR"; start_node "$2" ;;
  health) wait_health "${2:-green}" "${3:-120}" ;;
  *) echo "usage: $0 start|stop|urls|pid N|kill N|restart N|health [STATUS SECONDS]" >&2; exit 64 ;;
esac
