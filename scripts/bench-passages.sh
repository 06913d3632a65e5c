#!/usr/bin/env bash
# bench-passages.sh times dedupe passages on the Chronicling America front pages of January and
# February 1916 (../shared/datasets/chronam-1916), on growing spans of days: one week (1-7
# January), two weeks, one month (January) and the two months, each run as
#   /usr/bin/time -v dedupe passages -q --series '([^/]+)-ed-' <the days' folders>
# and prints one row per span: days, documents, megabytes of text, wall seconds, user+system
# CPU seconds (what a loaded machine still measures fairly), peak resident memory in MB,
# shared n-grams, passages, clusters and occurrences.
#
# Environment:
#   CHRONAM  the dataset (default ../shared/datasets/chronam-1916 beside the main checkout, which
#            worktrees share)
#   DEDUPE   the binary to time (default: built from this checkout into a temporary folder)
#   WORKERS  --workers (default 2)
set -euo pipefail

cd "$(dirname "$0")/.."
chronam=${CHRONAM:-$(git rev-parse --path-format=absolute --git-common-dir)/../../shared/datasets/chronam-1916}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dedupe=${DEDUPE:-}
if [[ -z $dedupe ]]; then
	dedupe=$work/dedupe
	go build -trimpath -o "$dedupe" ./cmd/dedupe
fi

days=("$chronam"/dates/*)
printf "%-5s %6s %6s %7s %7s %7s %8s %8s %8s %11s\n" days docs MB wall_s cpu_s rss_MB ngrams passages clusters occurrences
for n in 7 14 31 ${#days[@]}; do
	folders=("${days[@]:0:n}")
	mb=$(du -cm "${folders[@]}" | tail -1 | cut -f1)
	/usr/bin/time -v "$dedupe" passages -q --workers "${WORKERS:-2}" --series '([^/]+)-ed-' "${folders[@]}" \
		>"$work/out.json" 2>"$work/time.txt"
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
	cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$work/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time.txt")
	stats=$(jq -r '.stats | "\(.documents) \(.shared_ngrams) \(.passages) \(.clusters) \(.occurrences)"' "$work/out.json")
	read -r docs ngrams passages clusters occurrences <<<"$stats"
	printf "%-5s %6s %6s %7s %7s %7s %8s %8s %8s %11s\n" "$n" "$docs" "$mb" "$wall" "$cpu" "$rss" "$ngrams" "$passages" "$clusters" "$occurrences"
done
