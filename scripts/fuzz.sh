#!/usr/bin/env bash
# Runs every fuzz target for FUZZTIME (default 5s), one at a time: a short smoke run for CI.
# Long runs: go test -run '^$' -fuzz '^FuzzX$' -fuzztime 10m ./internal/pkg
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-5s}
GO=${GO:-go}
while read -r pkg target; do
	echo "== $pkg $target ($FUZZTIME)"
	"$GO" test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$pkg"
done <<'TARGETS'
./internal/normalize FuzzAnalyze
./internal/input FuzzJSONL
./internal/input FuzzHTML
./internal/input FuzzDecode
./internal/report FuzzRoundTrip
./internal/sketch FuzzSketch
./internal/verify FuzzVerify
TARGETS
