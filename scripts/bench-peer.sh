#!/usr/bin/env bash
# bench-peer.sh times dedupe beside the peer of issue 15, github.com/ekzhu/minhash-lsh with word
# 2-grams, 256 permutations, threshold 0.45 and no verification (bench/peer, a Go module of its
# own), on the same folders, alternately: dedupe, peer, dedupe, peer ... RUNS times each.
#
#   bash scripts/bench-peer.sh [DIR...]
#
# Without a folder it uses the 59,433 articles tools/chronamsplit cuts from the chronam-1916
# pages (cut once into BENCH_DIR/chronam-articles, as scripts/bench-real.sh does); the pages
# themselves are CHRONAM_DIR/dates. Without a folder or the dataset it says so and exits 0, as
# scripts/bench-real.sh does. The peer reads the .txt files under a folder, dedupe every
# file: give folders that hold only .txt files. For each run it prints the load average before
# it, the wall and CPU time (user + system) and peak RSS (/usr/bin/time), and the pairs each
# found: dedupe's candidates and verified pairs (`dedupe scan -v`), the peer's candidate pairs
# and its stages (signing includes reading). Then the medians and their ratios, peer / dedupe.
# The machine may be shared: compare CPU times as well as wall times.
#
# Both are built first: dedupe from this repository, the peer from bench/peer, whose module
# (minhash-lsh and go-minhash) comes from the Go module proxy the first time.
#
# Environment:
#   CHRONAM_DIR  the dataset (default ../shared/datasets/chronam-1916, from the repository)
#   BENCH_DIR    where the binaries, cut articles and outputs live (default /tmp/dedupe-bench)
#   RUNS         runs of each (default 3)
set -euo pipefail

dirs=()
for d in "$@"; do
	dirs+=("$(realpath "$d")") # folders named relative to where the script was started
done
cd "$(dirname "$0")/.."
data=${CHRONAM_DIR:-../shared/datasets/chronam-1916}
root=${BENCH_DIR:-/tmp/dedupe-bench}
runs=${RUNS:-3}
if ((${#dirs[@]} == 0)) && [[ ! -d $data/dates ]]; then
	echo "bench-peer.sh: skipping: $data/dates not found (set CHRONAM_DIR or name a folder)"
	exit 0
fi
mkdir -p "$root"
root=$(cd "$root" && pwd)

go build -trimpath -o "$root/dedupe" ./cmd/dedupe
if ! (cd bench/peer && go build -trimpath -o "$root/peer" .); then
	echo "bench-peer.sh: could not build bench/peer (its module needs the Go module proxy the first time)" >&2
	exit 1
fi
if ((${#dirs[@]} == 0)); then
	articles=$root/chronam-articles
	if [[ ! -f $articles.complete ]]; then
		rm -rf "$articles"
		go run ./tools/chronamsplit "$data" "$articles"
		touch "$articles.complete"
	fi
	dirs=("$articles")
fi

# timed TOOL RUN OUT CMD... runs CMD under /usr/bin/time and appends a row to OUT.rows:
# tool, run, load average, wall, CPU (user + system) and peak RSS in MB.
timed() {
	local tool=$1 run=$2 out=$3 load
	shift 3
	load=$(cut -d' ' -f1 /proc/loadavg)
	local status=0
	/usr/bin/time -f '%e %U %S %M' -o "$out.$tool.time" "$@" >"$out.$tool.out" 2>"$out.$tool.err" || status=$?
	if ((status != 0)); then
		echo "bench-peer.sh: $tool failed (exit status $status); see $out.$tool.err" >&2
		exit 1
	fi
	awk -v tool="$tool" -v run="$run" -v load="$load" \
		'{printf "%s %s %s %.2f %.2f %.0f\n", tool, run, load, $1, $2 + $3, $4 / 1024}' "$out.$tool.time" >>"$out.rows"
}

for dir in "${dirs[@]}"; do
	out=$root/peer-$(basename "$dir")
	rm -f "$out.rows"
	find "$dir" -type f -print0 | xargs -0 cat >/dev/null
	printf '%s: %d .txt files, %s MB\n' "$dir" "$(find "$dir" -type f -name '*.txt' | wc -l)" \
		"$(find "$dir" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1e6}')"
	printf '  %-4s %-7s %6s %8s %8s %8s  %s\n' run tool load wall_s cpu_s rss_mb pairs
	for ((i = 1; i <= runs; i++)); do
		timed dedupe "$i" "$out" "$root/dedupe" scan -v --format json "$dir"
		# From the report's stats, whose numbers are raw: the summary on stderr is for people.
		pairs=$(sed -n '/^  "stats": {/,/^  }/p' "$out.dedupe.out" |
			sed -nE 's/^    "(candidate_pairs|verified_pairs)": ([0-9]+),?$/\2/p' | paste -sd ' ' |
			awk '{printf "%s candidates, %s verified", $1, $2}')
		tail -1 "$out.rows" | awk -v p="$pairs" '{printf "  %-4s %-7s %6s %8s %8s %8s  %s\n", $2, $1, $3, $4, $5, $6, p}'

		timed peer "$i" "$out" "$root/peer" "$dir"
		line=$(cat "$out.peer.out")
		pairs=$(awk '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
			printf "%s candidates (k=%s, l=%s; signing %s s, indexing %s s, querying %s s)",
				v["candidate_pairs"], v["k"], v["l"], v["sign_s"], v["index_s"], v["query_s"]}' <<<"$line")
		tail -1 "$out.rows" | awk -v p="$pairs" '{printf "  %-4s %-7s %6s %8s %8s %8s  %s\n", $2, $1, $3, $4, $5, $6, p}'
	done
	awk '
	function median(a, n,    i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ n[$1]++; wall[$1, n[$1]] = $4; cpu[$1, n[$1]] = $5; rss[$1, n[$1]] = $6 }
	END {
		split("dedupe peer", tools, " ")
		for (k = 1; k <= 2; k++) {
			t = tools[k]
			for (i = 1; i <= n[t]; i++) { w[i] = wall[t, i]; c[i] = cpu[t, i]; r[i] = rss[t, i] }
			mw[t] = median(w, n[t]); mc[t] = median(c, n[t]); mr[t] = median(r, n[t])
			printf "  median %-7s wall %.2f s, cpu %.2f s, peak RSS %.0f MB\n", t, mw[t], mc[t], mr[t]
		}
		printf "  peer / dedupe: wall %.1fx, cpu %.1fx, peak RSS %.1fx\n",
			mw["peer"] / mw["dedupe"], mc["peer"] / mc["dedupe"], mr["peer"] / mr["dedupe"]
	}' "$out.rows"
done
