#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs, starts a real
# OpenSearch node on 127.0.0.1 for the contract tests and a three-node cluster for the
# node-loss test, runs pytest, stops them.
# Extra arguments go to pytest (e.g. scripts/run-tests.sh -k parser).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
eval "$(scripts/opensearch.sh start)"
trap 'scripts/opensearch.sh stop; scripts/opensearch-cluster.sh stop' EXIT
eval "$(scripts/opensearch-cluster.sh start)"
export NIANBAO_REQUIRE_OPENSEARCH=1 NIANBAO_REQUIRE_CLUSTER=1

set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "run-tests.sh: pytest collected no tests; that is a failure here" >&2
  exit 1
fi
exit "$rc"
