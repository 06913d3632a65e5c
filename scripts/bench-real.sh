#!/usr/bin/env bash
# bench-real.sh times dedupe on real newspaper text: the chronam-1916 front pages (January and
# February 1916, ../shared/datasets/chronam-1916) and the articles tools/chronamsplit cuts from
# them, each beside its floor.
#
# For each corpus it prints the floor (tools/readfloor: the same files read and split into
# words, each word hashed, nothing else, on one goroutine per CPU), then
#   /usr/bin/time -v $DEDUPE scan -v --format json DIR > BENCH_DIR/chronam-<corpus>.json
# split into the stages `scan -v` times, each with its MB/s and its ratio to the floor's MB/s
# (1.00: as fast as reading and splitting; 0.10: ten times slower), the whole scan's wall and
# CPU time (user + system) and peak RSS, the candidate pairs per document and the share of the
# wall time spent verifying. After the articles it prints how many of the labelled pairs of the
# dev and held-out sets (testdata/chronam, testdata/chronam-holdout) and of the two uniform
# samples of verified pairs (testdata/chronam-sample, testdata/chronam-sample2) that scan
# verified and clustered, with their precision and recall (tools/labelscan).
#
# The dataset is not part of the repository: without it the script says so and exits 0, so that
# `make bench` runs everywhere. Files are read once before the timed runs, so that they are
# served from the page cache. The machine may be shared, and one run's wall time can be a third
# off another's made a minute later: the floor and the scan are each run RUNS times in turn and
# the run of the median wall time is reported, its stages with it. Compare CPU times as well as
# wall times, and runs made in the same minute.
#
# Environment:
#   CHRONAM_DIR  the dataset (default ../shared/datasets/chronam-1916, from the repository)
#   BENCH_DIR    where the cut articles and the results live (default /tmp/dedupe-bench)
#   DEDUPE       the binary to time (default ./bin/dedupe, built by make build)
#   RUNS         how many times each floor and scan runs (default 3; odd, so that one is the median)
set -euo pipefail

cd "$(dirname "$0")/.."
data=${CHRONAM_DIR:-../shared/datasets/chronam-1916}
root=${BENCH_DIR:-/tmp/dedupe-bench}
dedupe=${DEDUPE:-./bin/dedupe}
runs=${RUNS:-3}

if [[ ! -d $data/dates ]]; then
	echo "bench-real.sh: skipping the real-text benchmark: $data/dates not found (set CHRONAM_DIR)"
	exit 0
fi
if [[ ! -x $dedupe ]]; then
	echo "bench-real.sh: $dedupe is missing; run make build" >&2
	exit 2
fi
mkdir -p "$root"
go build -o "$root/readfloor" ./tools/readfloor
articles=$root/chronam-articles
if [[ ! -f $articles.complete ]]; then
	rm -rf "$articles"
	go run ./tools/chronamsplit "$data" "$articles"
	touch "$articles.complete"
fi

# secs FILE prints the wall seconds of a /usr/bin/time -v report ("h:mm:ss" or "m:ss.ss").
secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$1"; }
# cpu FILE prints the user + system seconds of a /usr/bin/time -v report.
cpu() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$1"; }
# rss FILE prints the peak RSS in MB of a /usr/bin/time -v report.
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"; }
# count JSON KEY prints the count KEY of the "stats" object of a JSON report.
count() { sed -n '/^  "stats": {/,/^  }/p' "$1" | sed -nE "s/^    \"$2\": ([0-9]+),?\$/\1/p"; }

# median PREFIX keeps, of the runs PREFIX.1 to PREFIX.$runs (each a set of files PREFIX.k*), the
# one whose time report PREFIX.k.time has the median wall time, as PREFIX*.
median() {
	local prefix=$1 k best
	best=$(for ((k = 1; k <= runs; k++)); do echo "$(secs "$prefix.$k.time") $k"; done | sort -n | awk -v m=$(((runs + 1) / 2)) 'NR == m {print $2}')
	for f in "$prefix.$best".*; do
		mv "$f" "$prefix${f#"$prefix.$best"}"
	done
	rm -f "$prefix".[0-9]*.*
}

# report NAME DIR times the floor and the scan of DIR, each the median of $runs runs made in
# turn, and prints their figures.
report() {
	local name=$1 dir=$2 out=$root/chronam-$1 k
	find -H "$dir" -type f -print0 | xargs -0 cat >/dev/null
	for ((k = 1; k <= runs; k++)); do
		/usr/bin/time -v -o "$out.floor.$k.time" "$root/readfloor" "$dir" >"$out.floor.$k.out"
		local status=0
		/usr/bin/time -v -o "$out.scan.$k.time" "$dedupe" scan -v --format json "$dir" >"$out.scan.$k.json" 2>"$out.scan.$k.err" || status=$?
		if ((status != 0)); then
			echo "bench-real.sh: $dedupe failed on $dir (exit status $status); see $out.scan.$k.err" >&2
			exit 1
		fi
	done
	median "$out.floor"
	median "$out.scan"
	mv "$out.floor.out" "$out.floor"
	mv "$out.floor.time" "$out.floor-time"
	mv "$out.scan.json" "$out.json"
	mv "$out.scan.err" "$out.err"
	mv "$out.scan.time" "$out.time"
	local stages docs cand verified
	stages=$(grep '^stages: ' "$out.err" | tail -1)
	# The counts come from the report's stats, which keep raw numbers; the summary on stderr
	# is for people ("59,433 documents").
	docs=$(count "$out.json" documents) cand=$(count "$out.json" candidate_pairs) verified=$(count "$out.json" verified_pairs)
	if [[ -z $stages || -z $docs || -z $cand || -z $verified ]]; then
		echo "bench-real.sh: no stage times in $out.err, or no stats in $out.json" >&2
		exit 1
	fi
	awk -v name="$name" -v floor="$(cat "$out.floor")" -v floorcpu="$(cpu "$out.floor-time")" \
		-v stages="$stages" -v docs="$docs" -v cand="$cand" -v verified="$verified" \
		-v wall="$(secs "$out.time")" -v cputime="$(cpu "$out.time")" -v rss="$(rss "$out.time")" '
	# dur turns a Go duration ("1m2.5s", "410ms", "850µs") into seconds.
	function dur(d,    s, n, u) {
		s = 0
		while (match(d, /^[0-9.]+/)) {
			n = substr(d, 1, RLENGTH) + 0
			d = substr(d, RLENGTH + 1)
			match(d, /^[^0-9.]+/)
			u = substr(d, 1, RLENGTH)
			d = substr(d, RLENGTH + 1)
			s += n * (u == "h" ? 3600 : u == "m" ? 60 : u == "s" ? 1 : u == "ms" ? 1e-3 : u ~ /^(µs|us)$/ ? 1e-6 : 1e-9)
		}
		return s
	}
	function kv(line, key,    m) { return match(line, key "=[0-9.]+") ? substr(line, RSTART + length(key) + 1, RLENGTH - length(key) - 1) : 0 }
	function row(label, s, mbps) { printf "  %-22s %8.2f %9.1f %7.2f\n", label, s, mbps, mbps / fmbps }
	BEGIN {
		mb = kv(floor, "bytes") / 1e6; fs = kv(floor, "seconds"); fmbps = mb / fs
		printf "chronam %s: %d files, %.1f MB; %d documents scanned\n", name, kv(floor, "files"), mb, docs
		printf "  %-22s %8s %9s %7s\n", "stage", "seconds", "MB/s", "x floor"
		row("floor: read + split", fs, fmbps)
		n = split(substr(stages, 9), st, ", ")
		for (i = 1; i <= n; i++) {
			k = match(st[i], / [^ ]+$/)
			label = substr(st[i], 1, RSTART - 1); s = dur(substr(st[i], RSTART + 1))
			if (label == "verifying") verifying = s
			row(label, s, s > 0 ? mb / s : 0)
		}
		row("whole scan", wall, mb / wall)
		printf "  cpu (user+sys): floor %.2f s, scan %.2f s; scan peak RSS %d MB\n", floorcpu, cputime, rss
		printf "  candidates: %d (%.2f per document), %d verified; verifying %.0f%% of the wall time\n",
			cand, cand / docs, verified, 100 * verifying / wall
	}'
}

report pages "$data/dates"
report articles "$articles"
echo "labelled pairs in the scan of the articles (tools/labelscan):"
go run ./tools/labelscan -result "$root/chronam-articles.json" testdata/chronam testdata/chronam-holdout testdata/chronam-sample testdata/chronam-sample2 | sed 's/^/  /'
