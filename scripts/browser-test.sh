#!/usr/bin/env bash
# browser-test: render the HTML report of the seed articles, open it in headless Chromium, save a
# screenshot (docs/report.png, or $SCREENSHOT) and check through the DOM that the page works:
# comparisons start collapsed, the first one opened shows visible verbatim and rewritten
# highlights, and the cluster filter hides what it does not match.
# Installs Debian's chromium package when /usr/bin/chromium is missing. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=${CHROMIUM:-/usr/bin/chromium}
screenshot=${SCREENSHOT:-docs/report.png}

if [ ! -x "$chromium" ]; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

${GO:-go} build -o bin/dedupe ./cmd/dedupe
./bin/dedupe scan -q --html "$tmp/report.html" testdata/seeds >/dev/null

# The probe runs after the page's own script (a script after </html> joins the body) and writes
# its findings into attributes of <body>, which --dump-dom prints.
cat "$tmp/report.html" - >"$tmp/probe.html" <<'PROBE'
<script>
(function () {
  var body = document.body;
  function shown(marks) {
    var n = 0;
    for (var i = 0; i < marks.length; i++) {
      var r = marks[i].getBoundingClientRect();
      var bg = getComputedStyle(marks[i]).backgroundColor;
      if (marks[i].checkVisibility() && r.width > 0 && r.height > 0 && bg !== "rgba(0, 0, 0, 0)") {
        n++;
      }
    }
    return n;
  }
  body.setAttribute("data-marks-while-closed", shown(document.querySelectorAll("mark")));

  var box = document.getElementById("filter-box");
  var cluster = document.querySelector("section.cluster");
  box.value = "no-such-document";
  box.dispatchEvent(new Event("input"));
  var hid = cluster.hidden && !document.getElementById("filter").hidden;
  box.value = cluster.getAttribute("data-search").split(" ")[0];
  box.dispatchEvent(new Event("input"));
  body.setAttribute("data-filter-works", hid && !cluster.hidden ? "yes" : "no");
  box.value = "";
  box.dispatchEvent(new Event("input"));

  var details = document.querySelector("details.compare");
  details.open = true;
  body.setAttribute("data-visible-marks", shown(details.querySelectorAll("mark")));
  body.setAttribute("data-visible-verbatim", shown(details.querySelectorAll("mark.verbatim")));
  body.setAttribute("data-visible-rewrite", shown(details.querySelectorAll("mark.rewrite")));
  var first = details.querySelector("mark").getBoundingClientRect();
  body.setAttribute("data-first-mark-in-view", first.top >= 0 && first.bottom <= innerHeight ? "yes" : "no");
})();
</script>
PROBE

run_chromium() {
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --window-size=1280,1600 --user-data-dir="$(mktemp -d -p "$tmp")" \
		"$@" "file://$tmp/probe.html" 2>"$tmp/chromium.log"
}

run_chromium --dump-dom >"$tmp/dom.html"
attr() { grep -o "$1=\"[^\"]*\"" "$tmp/dom.html" | head -n 1 | cut -d '"' -f 2; }
closed=$(attr data-marks-while-closed)
marks=$(attr data-visible-marks)
verbatim=$(attr data-visible-verbatim)
rewrite=$(attr data-visible-rewrite)
in_view=$(attr data-first-mark-in-view)
filter=$(attr data-filter-works)
echo "browser-test: marks visible while collapsed: ${closed:-?}; after opening the first comparison: ${marks:-?} (${verbatim:-?} verbatim, ${rewrite:-?} rewritten), first in view: ${in_view:-?}; filter works: ${filter:-?}"

fail=0
[ "${closed:-x}" = 0 ] || { echo "browser-test: comparisons are not collapsed by default" >&2; fail=1; }
[ "${marks:-0}" -gt 0 ] || { echo "browser-test: no highlighted passage is visible" >&2; fail=1; }
[ "${verbatim:-0}" -gt 0 ] && [ "${rewrite:-0}" -gt 0 ] || { echo "browser-test: verbatim and rewritten passages are not both visible" >&2; fail=1; }
[ "${in_view:-}" = yes ] || { echo "browser-test: the first highlighted passage is not in the window" >&2; fail=1; }
[ "${filter:-}" = yes ] || { echo "browser-test: the cluster filter does not work" >&2; fail=1; }
if [ "$fail" -ne 0 ]; then
	{ grep -v dbus "$tmp/chromium.log" || true; } | tail -n 20 >&2
	exit 1
fi

mkdir -p "$(dirname "$screenshot")"
run_chromium --screenshot="$tmp/report.png" >/dev/null
if [ ! -s "$tmp/report.png" ]; then
	echo "browser-test: chromium wrote no screenshot" >&2
	{ grep -v dbus "$tmp/chromium.log" || true; } | tail -n 20 >&2
	exit 1
fi
cp "$tmp/report.png" "$screenshot"
echo "browser-test: ok; screenshot in $screenshot"
