#!/usr/bin/env bash
# The test suite on a busy machine: two other processes keep both cores busy
# (node -e 'for(;;);', twice) while `npm test` runs N times in a row (default 3).
# Prints each run's result and vitest's own duration; stops at the first failure.
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
node -e 'for(;;);' & a=$!
node -e 'for(;;);' & b=$!
trap 'kill $a $b 2>/dev/null' EXIT
for i in $(seq "$runs"); do
  log="$(mktemp)"
  if npm test >"$log" 2>&1; then status=passed; else status=FAILED; fi
  # vitest's own "Duration" line, and its test count, without colour codes.
  summary="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\s+(Tests|Duration) ' | tr -s ' ' | paste -sd';')"
  echo "run $i: $status;$summary (log: $log)"
  [ "$status" = passed ] || exit 1
done
