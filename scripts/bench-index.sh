#!/usr/bin/env bash
# bench-index.sh times dedupe's archive index: it indexes INDEX_BENCH_N generated articles with
#   dedupe index add --db DIR/archive.db <the first N articles>
# then checks INDEX_BENCH_CHECKS further articles of the same corpus with
#   dedupe check --db DIR/archive.db <the next M articles>
# and prints one row: articles indexed, wall seconds and adds per second (also per CPU second,
# which is what a loaded machine still measures fairly), the database's size and bytes per
# document, then the same for the checks, with the duplicates found among the new articles, and
# the peak resident memory of each command in MB (file pages of the index included).
#
# The corpus comes from tools/gencorpus in its txt layout (1,000 articles per directory), so
# N and M must be multiples of 1,000. It is generated once and kept; the index is rebuilt on
# every run.
#
# Environment:
#   INDEX_BENCH_N       articles to index (default 100000)
#   INDEX_BENCH_CHECKS  new articles to check (default 1000)
#   BENCH_DIR           where corpora and indexes live (default /tmp/dedupe-bench)
#   BENCH_SEED          corpus seed (default 1)
#   DEDUPE              the binary to time (default ./bin/dedupe, built by make build)
set -euo pipefail

cd "$(dirname "$0")/.."
n=${INDEX_BENCH_N:-100000}
m=${INDEX_BENCH_CHECKS:-1000}
root=${BENCH_DIR:-/tmp/dedupe-bench}
seed=${BENCH_SEED:-1}
dedupe=${DEDUPE:-./bin/dedupe}

if [[ ! -x $dedupe ]]; then
	echo "bench-index.sh: $dedupe is missing; run make build" >&2
	exit 2
fi
if ((n % 1000 != 0 || m % 1000 != 0 || n == 0 || m == 0)); then
	echo "bench-index.sh: INDEX_BENCH_N and INDEX_BENCH_CHECKS must be positive multiples of 1000" >&2
	exit 2
fi
dir=$root/index-n$n-m$m
if [[ ! -f $dir/truth.jsonl ]]; then
	rm -rf "$dir"
	mkdir -p "$root"
	go run ./tools/gencorpus -n $((n + m)) -seed "$seed" -out "$dir"
fi

# chunks FROM TO lists the corpus directories holding articles [FROM, TO).
chunks() { for ((i = $1 / 1000; i < $2 / 1000; i++)); do printf '%s/docs/%03d\n' "$dir" "$i"; done; }
# timed NAME CMD... runs CMD under /usr/bin/time into DIR/NAME.time ("wall user sys KB"); check's
# exit status 1 (duplicates found) is success here.
timed() {
	local name=$1 status=0
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$dir/$name.time" "$@" || status=$?
	if ((status > 1)); then
		echo "bench-index.sh: $* failed (exit status $status)" >&2
		exit 1
	fi
}
# rate COUNT SECONDS prints COUNT/SECONDS without decimals.
rate() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / (s > 0 ? s : 1e-9)}'; }

db=$dir/archive.db
rm -f "$db"
mapfile -t archive < <(chunks 0 "$n")
mapfile -t incoming < <(chunks "$n" $((n + m)))
timed add "$dedupe" index add --quiet --db "$db" "${archive[@]}"
timed check "$dedupe" check --quiet --format json --db "$db" "${incoming[@]}" >"$dir/check.json"

# The last line holds the figures: time writes "Command exited with non-zero status 1" before.
read -r add_wall add_user add_sys add_kb < <(tail -n1 "$dir/add.time")
read -r check_wall check_user check_sys check_kb < <(tail -n1 "$dir/check.time")
add_cpu=$(awk -v u="$add_user" -v s="$add_sys" 'BEGIN {print u + s}')
check_cpu=$(awk -v u="$check_user" -v s="$check_sys" 'BEGIN {print u + s}')
bytes=$(stat -c %s "$db")
dups=$(sed -nE 's/^    "duplicates": ([0-9]+),?$/\1/p' "$dir/check.json")
cands=$(sed -nE 's/^    "candidate_pairs": ([0-9]+),?$/\1/p' "$dir/check.json")

row='%9s %8s %7s %11s %10s %8s %9s %7s %9s %8s %13s %12s %11s %10s\n'
printf "$row" indexed add_s adds/s adds/cpu_s add_rss_MB db_MB bytes/doc \
	checked check_s checks/s checks/cpu_s check_rss_MB cand/check duplicates
printf "$row" "$n" "$add_wall" "$(rate "$n" "$add_wall")" "$(rate "$n" "$add_cpu")" "$(rate "$add_kb" 1024)" \
	"$(rate "$bytes" 1048576)" "$(rate "$bytes" "$n")" \
	"$m" "$check_wall" "$(rate "$m" "$check_wall")" "$(rate "$m" "$check_cpu")" "$(rate "$check_kb" 1024)" \
	"$(awk -v c="${cands:-0}" -v m="$m" 'BEGIN {printf "%.1f", c / m}')" "${dups:--}"
