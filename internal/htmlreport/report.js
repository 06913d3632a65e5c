// The scan report's script: sorts and filters the clusters, and shows any two members of a
// cluster side by side from the cluster's data file. The data files are scripts in the folder
// beside the page (see package htmlreport: a page that held every text was 30 MB at 25,000
// articles); each calls dedupeReport.load(id, data) when the page adds it. Everything is
// written with textContent and DOM methods, never innerHTML, but for the verified pairs table,
// which html/template escaped when the report was written.
(function () {
  "use strict";
  var list = document.getElementById("cluster-list");
  var toc = document.getElementById("toc-body");
  var box = document.getElementById("filter-box");
  var count = document.getElementById("filter-count");
  if (!list || !toc || !box) {
    return;
  }
  var sections = Array.prototype.slice.call(list.querySelectorAll("section.cluster"));
  var rows = {};
  Array.prototype.forEach.call(toc.rows, function (tr) { rows[tr.getAttribute("data-id")] = tr; });
  var texts = null; // lower-case text of each cluster as shown: its row of the contents and its section
  document.getElementById("tools").hidden = false;

  // shownText returns the text of e's headings, paragraphs and cells in lower case, one space
  // apart: textContent runs cells together ("rewrite0.94").
  function shownText(e) {
    var parts = [];
    Array.prototype.forEach.call(e.querySelectorAll("h3, p, td, th"), function (c) { parts.push(c.textContent); });
    if (e.tagName === "TR") {
      parts = Array.prototype.map.call(e.cells, function (c) { return c.textContent; });
    }
    return parts.join(" ").toLowerCase().replace(/\s+/g, " ");
  }

  // Filter: a cluster matches when the text typed occurs in what the page shows of it.
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase().replace(/\s+/g, " ");
    if (texts === null) {
      texts = sections.map(function (s) { return shownText(rows[s.getAttribute("data-id")]) + " " + shownText(s); });
    }
    var shown = 0;
    sections.forEach(function (s, i) {
      var hit = q === "" || texts[i].indexOf(q) >= 0;
      s.hidden = !hit;
      rows[s.getAttribute("data-id")].hidden = !hit;
      if (hit) {
        shown++;
      }
    });
    count.textContent = q === "" ? "" : shown.toLocaleString("en") + " of " + sections.length.toLocaleString("en") + " clusters match";
  });

  // Sort: the buttons in the header of the contents sort by their column, again to reverse.
  var keys = {
    id: function (s) { return +s.getAttribute("data-id"); },
    size: function (s) { return -s.getAttribute("data-size"); },
    relation: function (s) { return s.getAttribute("data-rel"); },
    date: function (s) { return s.getAttribute("data-date") || "~"; } // undated last
  };
  Array.prototype.forEach.call(document.querySelectorAll("#toc button[data-sort]"), function (b) {
    b.addEventListener("click", function () {
      var th = b.parentNode;
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(document.querySelectorAll("#toc th[aria-sort]"), function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var key = keys[b.getAttribute("data-sort")];
      sections.sort(function (x, y) {
        var kx = key(x), ky = key(y);
        var c = kx < ky ? -1 : kx > ky ? 1 : 0;
        return dir * c || keys.id(x) - keys.id(y);
      });
      texts = null;
      sections.forEach(function (s) {
        list.appendChild(s);
        toc.appendChild(rows[s.getAttribute("data-id")]);
      });
    });
  });

  // Cluster data, loaded once per cluster.
  var loaded = {}, waiting = {};
  window.dedupeReport = {
    load: function (id, data) {
      loaded[id] = data;
      (waiting[id] || []).forEach(function (fn) { fn(data); });
      delete waiting[id];
    }
  };
  function withData(section, fn) {
    var id = section.getAttribute("data-id");
    if (loaded[id]) {
      fn(loaded[id]);
      return;
    }
    if (waiting[id]) {
      waiting[id].push(fn);
      return;
    }
    waiting[id] = [fn];
    var s = document.createElement("script");
    s.src = section.getAttribute("data-file");
    s.onerror = function () {
      delete waiting[id];
      show(section, note("Could not load " + s.getAttribute("src") + ": keep the folder that came with the report beside it."));
    };
    document.head.appendChild(s);
  }

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }
  function note(text) { return el("p", "note", text); }
  function show(section, content) {
    var view = section.querySelector(".view");
    view.textContent = "";
    view.appendChild(content);
    view.hidden = false;
  }
  function memberPaths(section) {
    return Array.prototype.map.call(section.querySelectorAll("table.members tbody tr"), function (tr) {
      return tr.getAttribute("data-path");
    });
  }

  // sentence returns sentence n (0-based) of a text as a paragraph; an aligned one gets an id,
  // a link to its partner and its words marked verbatim or rewritten by spans, a flat list of
  // [text length, space length, verbatim] in UTF-16 code units.
  function sentence(text, n, id, partner, partnerN, spans) {
    var p = el("p", "s");
    if (!id) {
      p.appendChild(el("span", "n", String(n + 1)));
      p.appendChild(document.createTextNode(" " + text));
      return p;
    }
    p.id = id;
    var a = el("a", "n", String(n + 1));
    a.href = "#" + partner;
    a.title = "aligned with " + (partnerN + 1);
    p.appendChild(a);
    p.appendChild(document.createTextNode(" "));
    for (var k = 0, at = 0; k < spans.length; k += 3) {
      p.appendChild(el("mark", spans[k + 2] ? "verbatim" : "rewrite", text.substr(at, spans[k])));
      at += spans[k];
      if (spans[k + 1]) {
        p.appendChild(document.createTextNode(text.substr(at, spans[k + 1])));
        at += spans[k + 1];
      }
    }
    return p;
  }

  // sideBySide shows members i and j of section's cluster, i before j in the members table.
  function sideBySide(section, i, j) {
    withData(section, function (data) {
      var paths = memberPaths(section);
      var pair = data.pairs[i + " " + j];
      var wrap = el("div", "pair");
      var head = el("p", "verdict");
      head.appendChild(el("strong", "", "Side by side: "));
      head.appendChild(el("code", "", paths[i]));
      head.appendChild(document.createTextNode(" and "));
      head.appendChild(el("code", "", paths[j]));
      wrap.appendChild(head);
      if (!pair) {
        wrap.appendChild(note("The texts of this pair are not in the report: dedupe compare --html shows any pair."));
        show(section, wrap);
        return;
      }
      wrap.appendChild(el("p", "", pair.verdict));
      wrap.appendChild(document.querySelector("#legend p.legend").cloneNode(true));
      var prefix = "c" + data.id + "-" + (i + 1) + "-" + (j + 1);
      var ta = data.texts[i], tb = data.texts[j];
      var table = el("table", "sbs");
      var cg = el("colgroup");
      ["side", "match", "side"].forEach(function (c) { cg.appendChild(el("col", c)); });
      table.appendChild(cg);
      var thead = el("thead"), hr = el("tr");
      var rep = section.querySelector("tr.rep");
      function label(k) { return "Member " + (k + 1) + (rep && paths[k] === rep.getAttribute("data-path") ? ", the representative" : ""); }
      [label(i), "Match", label(j)].forEach(function (h) {
        var th = el("th", "", h);
        th.scope = "col";
        hr.appendChild(th);
      });
      thead.appendChild(hr);
      table.appendChild(thead);
      var tbody = el("tbody");
      pair.rows.forEach(function (r) {
        var tr = el("tr"), ca = el("td"), cm = el("td", "match"), cb = el("td");
        ca.dir = "auto"; // Arabic and Hebrew run right to left, each cell as its text goes
        cb.dir = "auto";
        if (r.length === 4) { // sentences [r0, r1) and [r2, r3) between aligned pairs
          tr.className = "gap";
          for (var a = r[0]; a < r[1]; a++) { ca.appendChild(sentence(ta[a], a)); }
          for (var b = r[2]; b < r[3]; b++) { cb.appendChild(sentence(tb[b], b)); }
        } else { // aligned: [a, b, verbatim, similarity, spans of a, spans of b]
          var ida = prefix + "-a" + (r[0] + 1), idb = prefix + "-b" + (r[1] + 1);
          ca.appendChild(sentence(ta[r[0]], r[0], ida, idb, r[1], r[4]));
          cb.appendChild(sentence(tb[r[1]], r[1], idb, ida, r[0], r[5]));
          cm.textContent = r[2] ? "verbatim" : "rewritten";
          var sim = el("span", "sim", r[3].toFixed(2));
          sim.title = "similarity of the two sentences' content words";
          cm.appendChild(document.createTextNode(" "));
          cm.appendChild(sim);
        }
        tr.appendChild(ca);
        tr.appendChild(cm);
        tr.appendChild(cb);
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      wrap.appendChild(table);
      show(section, wrap);
      head.scrollIntoView();
    });
  }

  list.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button") : null;
    if (!b) {
      return;
    }
    var section = b.closest("section.cluster");
    if (b.hasAttribute("data-a")) {
      var i = +b.getAttribute("data-a"), j = +b.getAttribute("data-b");
      sideBySide(section, Math.min(i, j), Math.max(i, j));
    } else if (b.classList.contains("show-two")) {
      var f = section.querySelector("form.two");
      fill(f);
      var x = +f.elements.a.value, y = +f.elements.b.value;
      if (x === y) {
        show(section, note("Choose two different members."));
      } else {
        sideBySide(section, Math.min(x, y), Math.max(x, y));
      }
    }
  });
  list.addEventListener("submit", function (e) { e.preventDefault(); });
  // The verified pairs table, from the data file, when its box is opened.
  list.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.classList || !d.classList.contains("pairs-box") || !d.open || d.getAttribute("data-done")) {
      return;
    }
    d.setAttribute("data-done", "1");
    d.querySelector(".pairs-slot").innerHTML = '<p class="note">Loading…</p>';
    withData(d.closest("section.cluster"), function (data) {
      d.querySelector(".pairs-slot").innerHTML = data.table;
    });
  }, true);
  // The choice of two members: the lists are filled when a cluster's form is first used, so
  // that the page does not hold every path three times.
  function fill(f) {
    if (f.getAttribute("data-filled")) {
      return;
    }
    f.setAttribute("data-filled", "1");
    var paths = memberPaths(f.closest("section.cluster"));
    [f.elements.a, f.elements.b].forEach(function (sel, k) {
      sel.textContent = "";
      paths.forEach(function (p, i) {
        var o = el("option", "", (i + 1) + ". " + p);
        o.value = String(i);
        sel.appendChild(o);
      });
      sel.value = String(k);
    });
  }
  list.addEventListener("focusin", function (e) {
    var f = e.target.closest ? e.target.closest("form.two") : null;
    if (f) {
      fill(f);
    }
  });
  Array.prototype.forEach.call(list.querySelectorAll("form.two"), function (f) { f.hidden = false; });
})();
