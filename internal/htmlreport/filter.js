// Cluster filter: shows only the clusters whose paths, titles or relations contain the text typed.
// The page works without it; the box stays hidden unless this script runs.
(function () {
  "use strict";
  var wrap = document.getElementById("filter");
  var box = document.getElementById("filter-box");
  var count = document.getElementById("filter-count");
  if (!wrap || !box) {
    return;
  }
  var clusters = document.querySelectorAll("section.cluster");
  wrap.hidden = false;
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < clusters.length; i++) {
      var hit = q === "" || clusters[i].getAttribute("data-search").indexOf(q) >= 0;
      clusters[i].hidden = !hit;
      if (hit) {
        shown++;
      }
    }
    count.textContent = q === "" ? "" : shown + " of " + clusters.length + " clusters match";
  });
})();
