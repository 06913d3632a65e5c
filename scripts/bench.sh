#!/usr/bin/env bash
# bench.sh times dedupe on planted-duplicate corpora and scores its result.
#
# For each size in BENCH_SIZES it generates a corpus once (tools/gencorpus)
# into BENCH_DIR/n<size>, scans its docs directory with
#   /usr/bin/time -v $DEDUPE scan --quiet --format json DIR/docs > DIR/result.json
# and prints one row: size, MB of docs, wall seconds, MB/s, docs/s, peak
# RSS, LSH candidate and verified pairs, recall per kind of copy, pair
# precision and same-event false joins (see `gencorpus eval`).
#
# The corpus is read once before the timed scan, so that it is served from the
# page cache and the rows measure dedupe, not the disk (a corpus generated
# earlier may have been evicted; a million articles take 5.4 GB).
#
# Environment:
#   BENCH_SIZES   corpus sizes, ascending (default "10000 100000"; 1000000 only if listed)
#   BENCH_DIR     where corpora and results live (default /tmp/dedupe-bench)
#   BENCH_SEED    corpus seed (default 1)
#   BENCH_FORMAT  txt, jsonl or jsonl.gz (default txt; others get their own
#                 directory, n<size>.<format>)
#   DEDUPE        the binary to time (default ./bin/dedupe, built by make build)
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=${BENCH_SIZES:-10000 100000}
root=${BENCH_DIR:-/tmp/dedupe-bench}
seed=${BENCH_SEED:-1}
format=${BENCH_FORMAT:-txt}
dedupe=${DEDUPE:-./bin/dedupe}

if [[ ! -x $dedupe ]]; then
	echo "bench.sh: $dedupe is missing; run make build" >&2
	exit 2
fi
mkdir -p "$root"
gencorpus=$root/gencorpus
go build -o "$gencorpus" ./tools/gencorpus

# num FILE KEY prints the number KEY of the evaluator's one-line JSON report.
num() { sed -nE "s/.*\"$2\":(-?[0-9.eE+]+).*/\1/p" "$1"; }
# recall FILE KIND prints the recall of one kind of copy.
recall() { sed -nE "s/.*\"kind\":\"$2\",\"copies\":[0-9]+,\"found\":[0-9]+,\"recall\":([0-9.eE+-]+).*/\1/p" "$1"; }
# f3 X prints a fraction with 3 decimals, or - when X is empty.
f3() { if [[ -z $1 ]]; then echo -; else awk -v x="$1" 'BEGIN {printf "%.3f", x}'; fi; }

row='%8s %8s %8s %8s %9s %8s %12s %10s %7s %7s %7s %7s %9s %6s\n'
printf "$row" size MB wall_s MB/s docs/s rss_MB cand_pairs ver_pairs exact near rewrite partial precision fjoins
declare -A walls # wall seconds per size, for the scaling line
for size in $sizes; do
	dir=$root/n$size
	[[ $format == txt ]] || dir=$dir.$format
	if [[ ! -f $dir/truth.jsonl ]]; then
		rm -rf "$dir"
		"$gencorpus" -n "$size" -seed "$seed" -format "$format" -out "$dir"
	fi

	find "$dir/docs" -type f -print0 | xargs -0 cat >/dev/null
	status=0
	/usr/bin/time -v -o "$dir/time.txt" "$dedupe" scan --quiet --format json "$dir/docs" >"$dir/result.json" || status=$?
	if ((status != 0)); then
		echo "bench.sh: $dedupe failed on $dir/docs (exit status $status)" >&2
		exit 1
	fi
	"$gencorpus" eval -json -truth "$dir/truth.jsonl" -result "$dir/result.json" >"$dir/eval.json"

	mb=$(du -sb "$dir/docs" | awk '{printf "%.1f", $1 / 1e6}')
	# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34"
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$dir/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$dir/time.txt")
	mbps=$(awk -v mb="$mb" -v s="$wall" 'BEGIN {printf "%.1f", (s > 0 ? mb / s : 0)}')
	dps=$(awk -v n="$size" -v s="$wall" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')
	e=$dir/eval.json
	printf "$row" "$size" "$mb" "$wall" "$mbps" "$dps" "$rss" \
		"$(num "$e" candidate_pairs)" "$(num "$e" verified_pairs)" \
		"$(f3 "$(recall "$e" exact)")" "$(f3 "$(recall "$e" near_exact)")" \
		"$(f3 "$(recall "$e" rewrite)")" "$(f3 "$(recall "$e" partial)")" \
		"$(f3 "$(num "$e" precision)")" "$(num "$e" same_event_false_joins)"
	walls[$size]=$wall
done

# Scaling: wall time of each size against the one before, next to the ratio of sizes (1.0 per
# size step means linear).
prev=
for size in $sizes; do
	if [[ -n $prev ]]; then
		awk -v a="$prev" -v b="$size" -v ta="${walls[$prev]}" -v tb="${walls[$size]}" \
			'BEGIN {printf "scaling %s -> %s: %.1fx the documents, %.1fx the wall time\n", a, b, b / a, tb / ta}'
	fi
	prev=$size
done
