#!/bin/sh
# The spec's entry point: scripts/run-performance-tests.sh ci|staging|production [perfgate run flags…]
#
#   ci          light and fast, for every pull request (under 10 minutes)
#   staging     moderate load (under 30 minutes)
#   production  full stress against real systems: asks for confirmation, so pass --yes or set
#               PERFGATE_CONFIRM_PRODUCTION=1
#
# PERFGATE_CONFIG picks the config (default: the demo system's). PERFORMANCE_TEST_MODE=slo|benchmark|load
# runs one suite; PERFORMANCE_TIMEOUT_MULTIPLIER scales the time budget. The exit code is perfgate's:
# 0 passed · 1 a gate failed · 2 bad input · 3 could not run or finish · 130 interrupted.
set -eu

usage() {
  echo "usage: $0 ci|staging|production [perfgate run flags...]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
environment=$1
shift
case "$environment" in
  ci | staging | production) ;;
  *) usage ;;
esac

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
config=${PERFGATE_CONFIG:-examples/smm/perfgate.config.yaml}

# Build once when the CLI is missing (a fresh checkout); CI builds in its own step.
if [ ! -f dist/cli/main.js ]; then
  npm run build --silent
fi

exec node dist/cli/main.js --config "$config" run --env "$environment" "$@"
