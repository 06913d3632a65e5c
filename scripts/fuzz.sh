#!/usr/bin/env bash
# Runs every fuzz target for a fixed number of executions, one at a time: a
# short smoke run for CI. FUZZTIME, when set, replaces every budget (a count
# such as 5000x, or a duration for long runs: FUZZTIME=10m).
#
# The default budgets are counts, not durations: with a duration, Go's fuzz
# coordinator can report its own deadline as a failure ("context deadline
# exceeded", no failing input written) when a worker is busy as the time runs
# out, golang/go#75804, fixed only in Go 1.27. A count has no deadline to race.
# Each count is sized for a few seconds on a 2-core machine. FuzzHTML's seeds
# nest pages up to the depth limit, and readability takes up to ~50 ms on a page
# just below it, hence its small count. FuzzOpen writes, opens and checks an index file in
# every execution, a few hundred a second.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
while read -r pkg target budget; do
	budget=${FUZZTIME:-$budget}
	echo "== $pkg $target ($budget)"
	"$GO" test -run '^$' -fuzz "^${target}\$" -fuzztime "$budget" "$pkg"
done <<'TARGETS'
./internal/normalize FuzzAnalyze 600x
./internal/normalize FuzzPlainWords 100000x
./internal/porter2 FuzzStem 200000x
./internal/input FuzzJSONL 100000x
./internal/input FuzzSGML 100000x
./internal/input FuzzHTML 4000x
./internal/input FuzzDecode 50000x
./internal/input FuzzEscapeName 20000x
./internal/index FuzzOpen 3000x
./internal/report FuzzRoundTrip 200000x
./internal/sketch FuzzSketch 60000x
./internal/verify FuzzVerify 5000x
TARGETS
