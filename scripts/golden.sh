#!/usr/bin/env bash
# golden.sh: checks that dedupe's output has not changed, byte for byte, on the seeds, the
# Clough-Stevenson corpus and a generated 10,000-article corpus (seed 1). A refactoring must
# leave these alone; a change meant to alter results updates them with GOLDEN_UPDATE=1 and says
# why in its commit.
#
#   bash scripts/golden.sh                  compare with testdata/golden
#   GOLDEN_UPDATE=1 bash scripts/golden.sh  rewrite testdata/golden from this build
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
golden=testdata/golden
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$GO build -trimpath -o "$work/dedupe" ./cmd/dedupe
$GO run ./tools/gencorpus -n 10000 -seed 1 -out "$work/gen10k" >/dev/null

# The JSON's "root" is the absolute working directory, which differs between checkouts: its line
# is left out. The generated corpus is scanned from $work, so that its paths are gen10k/docs/...
noroot() { grep -v '^  "root": '; }
"$work/dedupe" scan -q testdata/seeds | noroot >"$work/seeds.json"
"$work/dedupe" scan -q --format text testdata/seeds >"$work/seeds.txt"
"$work/dedupe" scan -q testdata/clough-stevenson/corpus-20090418 | noroot >"$work/clough-stevenson.json"
"$work/dedupe" compare --format json testdata/seeds/000_92edbd9511bc3411.txt testdata/seeds/002_c22d86bcb2118a91.txt >"$work/compare-000-002.json"
(cd "$work" && ./dedupe scan -q gen10k/docs) | noroot | sha256sum | cut -d' ' -f1 >"$work/gen10k.json.sha256"

files="seeds.json seeds.txt clough-stevenson.json compare-000-002.json gen10k.json.sha256"
if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
	for f in $files; do cp "$work/$f" "$golden/$f"; done
	echo "golden: updated $golden"
	exit 0
fi
status=0
for f in $files; do
	if ! cmp -s "$work/$f" "$golden/$f"; then
		echo "golden: $f differs from $golden/$f:"
		diff "$golden/$f" "$work/$f" | head -20 || true
		status=1
	fi
done
[ $status = 0 ] && echo "golden: all 5 outputs byte-identical"
exit $status
