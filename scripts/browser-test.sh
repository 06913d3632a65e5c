#!/usr/bin/env bash
# browser-test: render the HTML report of a generated corpus of 200 articles (19 clusters of
# every relation), open it in headless Chromium, save a screenshot (docs/report.png, or
# $SCREENSHOT) and check through the DOM that the page works, at 1280 and at 700 pixels wide:
# the contents list the JSON's cluster ids in its order; the sort buttons order the clusters by
# size, relation and date; the filter matches the relations as the page words them ("partial
# copy", "exact copy") and hides what it does not match; two members of a cluster, neither the
# representative, chosen in the form, load from the cluster's script and show side by side with
# visible verbatim and rewritten highlights; and at 700 pixels nothing is wider than the window.
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
${GO:-go} run ./tools/gencorpus -n 200 -seed 1 -out "$tmp/corpus" 2>/dev/null
./bin/dedupe scan -q --html "$tmp/report.html" "$tmp/corpus/docs" >"$tmp/report.json"
# The JSON's cluster ids, in its order, and how many clusters have a partial or exact copy of
# the representative: what the page must show.
json_ids=$(grep -o '"id": [0-9]*' "$tmp/report.json" | cut -d ' ' -f 2 | paste -sd ' ')

# The probe runs after the page's own script (a script after </html> joins the body) and writes
# its findings into attributes of <body>, which --dump-dom prints. It waits for the cluster
# script it asks for, which Chromium loads within --virtual-time-budget.
cat "$tmp/report.html" - >"$tmp/probe.html" <<'PROBE'
<script>
(function () {
  var body = document.body;
  function put(k, v) { body.setAttribute("data-" + k, String(v)); }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function shown(marks) {
    var n = 0;
    marks.forEach(function (m) {
      var r = m.getBoundingClientRect();
      var bg = getComputedStyle(m).backgroundColor;
      if (m.checkVisibility() && r.width > 0 && r.height > 0 && bg !== "rgba(0, 0, 0, 0)") {
        n++;
      }
    });
    return n;
  }
  function order(attr) { return all("#cluster-list > section.cluster").map(function (s) { return s.getAttribute(attr); }); }
  function sorted(xs, cmp) { return xs.slice().sort(cmp).join(" ") === xs.join(" "); }

  put("marks-before", all("mark").length);
  put("toc-ids", all("#toc-body tr").map(function (r) { return r.getAttribute("data-id"); }).join(" "));
  var sort = {};
  ["size", "relation", "date", "id"].forEach(function (k) {
    document.querySelector('#toc button[data-sort="' + k + '"]').click();
    var toc = all("#toc-body tr").map(function (r) { return r.getAttribute("data-id"); }).join(" ");
    var ok = toc === order("data-id").join(" ");
    if (k === "size") {
      ok = ok && sorted(order("data-size").map(Number), function (a, b) { return b - a; });
    } else if (k === "relation") {
      ok = ok && sorted(order("data-rel"));
    } else if (k === "date") {
      ok = ok && sorted(order("data-date").map(function (d) { return d || "~"; }));
    } else {
      ok = ok && sorted(order("data-id").map(Number), function (a, b) { return a - b; });
    }
    sort[k] = ok ? "yes" : "no";
  });
  put("sort", "size " + sort.size + ", relation " + sort.relation + ", date " + sort.date + ", id " + sort.id);

  var box = document.getElementById("filter-box");
  function filter(q) {
    box.value = q;
    box.dispatchEvent(new Event("input"));
    return all("section.cluster").filter(function (s) { return !s.hidden; }).length;
  }
  // Clusters whose members table words a relation so: the filter must find at least these.
  function worded(label) {
    return all("section.cluster").filter(function (s) {
      return all("table.members td", s).some(function (td) { return td.textContent === label; });
    }).length;
  }
  var partial = filter("partial copy"), exact = filter("Exact Copy");
  var tocHidden = all("#toc-body tr").filter(function (r) { return r.hidden; }).length;
  var none = filter("no-such-document");
  put("filter", "partial copy " + partial + " of " + worded("partial copy") + ", exact copy " + exact + " of " + worded("exact copy") + ", nonsense " + none + ", contents rows hidden " + tocHidden);
  put("filter-ok", partial > 0 && exact > 0 && partial >= worded("partial copy") && exact >= worded("exact copy") && none === 0 && tocHidden > 0 ? "yes" : "no");
  filter("");

  // Two members, neither the representative, of the first cluster of three or more.
  var section = all("section.cluster").filter(function (s) { return +s.getAttribute("data-size") >= 3; })[0];
  var form = section.querySelector("form.two");
  form.elements.a.dispatchEvent(new Event("focusin", { bubbles: true }));
  var rep = section.querySelector("tr.rep").getAttribute("data-path");
  var paths = all("table.members tbody tr", section).map(function (r) { return r.getAttribute("data-path"); });
  var others = [];
  paths.forEach(function (p, i) { if (p !== rep) { others.push(i); } });
  form.elements.a.value = String(others[0]);
  form.elements.b.value = String(others[1]);
  section.querySelector("button.show-two").click();
  var details = section.querySelector("details.pairs-box");
  if (details) {
    details.open = true;
  }

  setTimeout(function () {
    var view = section.querySelector(".view");
    var codes = all("p.verdict code", view).map(function (c) { return c.textContent; }).join(" and ");
    put("pair", codes);
    put("pair-ok", codes === paths[others[0]] + " and " + paths[others[1]] && shown(all("table.sbs mark", view)) > 0 ? "yes" : "no");
    put("pairs-rows", details ? all("table.pairs tbody tr", details).length : 0);

    // A rewrite beside its representative: both kinds of highlight, the first in the window.
    var rewrite = all("table.members tbody tr").filter(function (r) {
      return all("td", r).some(function (td) { return td.textContent === "rewrite"; });
    })[0];
    var rsection = rewrite.closest("section.cluster");
    rewrite.querySelector("button").click();
    setTimeout(function () {
      var rview = rsection.querySelector(".view");
      put("visible-verbatim", shown(all("table.sbs mark.verbatim", rview)));
      put("visible-rewrite", shown(all("table.sbs mark.rewrite", rview)));
      var first = rview.querySelector("mark");
      var r = first ? first.getBoundingClientRect() : { top: -1, bottom: -1 };
      put("first-mark-in-view", r.top >= 0 && r.bottom <= innerHeight ? "yes" : "no (" + Math.round(r.top) + ")");
      // Wider than the window: the page, or any element of the report.
      var wide = all("body *").filter(function (e) { return e.getBoundingClientRect().right > innerWidth + 1; });
      put("overflow", Math.max(document.documentElement.scrollWidth - innerWidth, 0) + " px, " + wide.length + " elements" +
        (wide.length ? " (" + wide[0].tagName.toLowerCase() + "." + wide[0].className + ")" : ""));
      put("done", "yes");
    }, 1000);
  }, 1000);
})();
</script>
PROBE

run_chromium() {
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$(mktemp -d -p "$tmp")" \
		"$@" "file://$tmp/probe.html" 2>"$tmp/chromium.log"
}

attr() { grep -o "data-$1=\"[^\"]*\"" "$tmp/dom.html" | head -n 1 | cut -d '"' -f 2; }
fail=0
for width in 1280 700; do
	run_chromium --window-size=$width,1600 --virtual-time-budget=5000 --dump-dom >"$tmp/dom.html"
	echo "browser-test at $width px: contents ids: $(attr toc-ids | cut -c 1-40)...; sort: $(attr sort); filter: $(attr filter); two members: $(attr pair) ($(attr pair-ok)); a rewrite beside its representative: $(attr visible-verbatim) verbatim and $(attr visible-rewrite) rewritten marks visible, first in view: $(attr first-mark-in-view); $(attr pairs-rows) verified pairs loaded; overflow: $(attr overflow)"
	check() { [ "$2" = "$3" ] || { echo "browser-test at $width px: $1: got '$2', want '$3'" >&2; fail=1; }; }
	check "probe finished" "$(attr done)" yes
	check "marks before a pair is asked for" "$(attr marks-before)" 0
	check "contents ids in the JSON's order" "$(attr toc-ids)" "$json_ids"
	check "sort" "$(attr sort)" "size yes, relation yes, date yes, id yes"
	check "filter" "$(attr filter-ok)" yes
	check "two members side by side" "$(attr pair-ok)" yes
	[ "$(attr visible-verbatim)" -gt 0 ] 2>/dev/null && [ "$(attr visible-rewrite)" -gt 0 ] ||
		{ echo "browser-test at $width px: verbatim and rewritten passages are not both visible" >&2; fail=1; }
	check "first highlighted passage in the window" "$(attr first-mark-in-view)" yes
	[ "$(attr pairs-rows)" -gt 0 ] 2>/dev/null || { echo "browser-test at $width px: the verified pairs did not load" >&2; fail=1; }
	check "overflow" "$(attr overflow)" "0 px, 0 elements"
done
if [ "$fail" -ne 0 ]; then
	{ grep -v dbus "$tmp/chromium.log" || true; } | tail -n 20 >&2
	exit 1
fi

# The screenshot: the cluster of the first rewrite with it beside its representative, the other
# clusters hidden, seen from the top (headless Chromium shoots from the top of the page).
cat "$tmp/report.html" - >"$tmp/probe.html" <<'SHOT'
<script>
(function () {
  var rewrite = Array.prototype.filter.call(document.querySelectorAll("table.members tbody tr"), function (r) {
    return Array.prototype.some.call(r.cells, function (td) { return td.textContent === "rewrite"; });
  })[0];
  var section = rewrite.closest("section.cluster");
  Array.prototype.forEach.call(document.querySelectorAll("section.cluster"), function (s) { s.hidden = s !== section; });
  section.style.contentVisibility = "visible";
  document.querySelector("details.params").parentNode.hidden = true;
  rewrite.querySelector("button").click();
  setTimeout(function () { window.scrollTo(0, 0); }, 500);
})();
</script>
SHOT
mkdir -p "$(dirname "$screenshot")"
run_chromium --window-size=1280,1600 --virtual-time-budget=5000 --screenshot="$tmp/report.png" >/dev/null
if [ ! -s "$tmp/report.png" ]; then
	echo "browser-test: chromium wrote no screenshot" >&2
	{ grep -v dbus "$tmp/chromium.log" || true; } | tail -n 20 >&2
	exit 1
fi
cp "$tmp/report.png" "$screenshot"
echo "browser-test: ok; screenshot in $screenshot"
