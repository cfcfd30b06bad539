// tanlu report: draws the heatmap, the milestone timeline and the top indicators from the inline JSON.
// No network: everything it needs is in this file.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";  // the SVG namespace name, not a URL that is fetched
  var data = JSON.parse(document.getElementById("tanlu-data").textContent);

  function el(name, attrs, parent, text) {
    var n = document.createElementNS(SVG, name);
    for (var k in attrs) { if (attrs[k] !== null && attrs[k] !== undefined) n.setAttribute(k, attrs[k]); }
    if (text !== undefined) n.textContent = text;
    if (parent) parent.appendChild(n);
    return n;
  }
  function html(name, cls, parent, text) {
    var n = document.createElement(name);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    if (parent) parent.appendChild(n);
    return n;
  }
  function empty(target, text) { html("p", "empty", target, text); }
  // a link to a measure's marked value, when the page lists that measure's document (see --max-documents)
  function linkTo(measureId, parent) {
    return document.getElementById("m-" + measureId) ? el("a", {href: "#m-" + measureId}, parent) : parent;
  }

  // --- heatmap: region x target year -------------------------------------------------------------------
  function heatmap(target) {
    var cells = data.heatmap;
    if (!cells.length) { empty(target, "No targets yet."); return; }
    var regions = [], seen = {}, years = [], ys = {}, max = 1, noYear = false;
    cells.forEach(function (c) {
      if (!seen[c.region_code]) { seen[c.region_code] = c; regions.push(c); }
      if (c.target_year === null) { noYear = true; }
      else if (!ys[c.target_year]) { ys[c.target_year] = true; years.push(c.target_year); }
      if (c.n_targets > max) max = c.n_targets;
    });
    years.sort(function (a, b) { return a - b; });
    var cols = years.map(String);
    if (noYear) cols.push("—");
    var cw = 38, ch = 22, left = 150, top = 26;
    var svg = el("svg", {width: left + cols.length * cw + 10, height: top + regions.length * ch + 10,
                         id: "heatmap-svg", role: "img"}, target);
    var axis = el("g", {"class": "axis"}, svg);
    cols.forEach(function (y, i) {
      el("text", {x: left + i * cw + cw / 2, y: top - 8, "text-anchor": "middle"}, axis, y);
    });
    regions.forEach(function (r, j) {
      var indent = r.region_level === "city" ? 14 : (r.region_level === "province" ? 6 : 0);
      el("text", {x: left - 8, y: top + j * ch + ch / 2 + 4, "text-anchor": "end", "class": "region-label"},
         axis, r.region_name).setAttribute("dx", indent - 14);
    });
    var rowOf = {}; regions.forEach(function (r, j) { rowOf[r.region_code] = j; });
    cells.forEach(function (c) {
      var col = c.target_year === null ? cols.length - 1 : years.indexOf(c.target_year);
      var j = rowOf[c.region_code];
      var cell = el("g", {"class": "heat-cell", "data-region": c.region_code,
                          "data-year": c.target_year === null ? "" : c.target_year, "data-n": c.n_targets}, svg);
      // a cell links to its measures: the documents' listing, filtered to the region (its cities and counties
      // included, as the count is), the year and the targets
      var g = el("a", {href: "#documents-section", "class": "to-measures"}, cell);
      g.addEventListener("click", (function (c) {
        return function () { applyFilter({region: c.region_code, indicator: "", kind: "target",
                                          year: c.target_year === null ? "none" : String(c.target_year)}); };
      })(c));
      var a = 0.15 + 0.85 * Math.log(1 + c.n_targets) / Math.log(1 + max);
      el("rect", {x: left + col * cw + 1, y: top + j * ch + 1, width: cw - 2, height: ch - 2, rx: 3,
                  fill: "rgba(11,122,83," + a.toFixed(3) + ")"}, g);
      el("title", {}, g, c.region_name + " " + (c.target_year === null ? "no year" : c.target_year) + ": " +
         c.n_targets + " targets (" + c.n_own_targets + " its own)");
      el("text", {x: left + col * cw + cw / 2, y: top + j * ch + ch / 2 + 4, "text-anchor": "middle",
                  fill: a > 0.55 ? "#fff" : "#1d2733"}, g, String(c.n_targets));
    });
  }

  // --- milestones timeline -----------------------------------------------------------------------------
  function milestones(target) {
    var rows = data.milestones;
    if (!rows.length) { empty(target, "No carbon-peak or neutrality commitment found yet."); return; }
    var lo = 2020, hi = 2060;
    rows.forEach(function (r) {
      [r.peak_year, r.neutrality_year].forEach(function (y) {
        if (y !== null) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
      });
    });
    lo = Math.floor(lo / 5) * 5; hi = Math.ceil((hi + 1) / 5) * 5;
    var left = 150, width = 640, rh = 24, top = 28;
    var x = function (y) { return left + (y - lo) / (hi - lo) * width; };
    var svg = el("svg", {width: left + width + 30, height: top + rows.length * rh + 12, id: "milestones-svg",
                         role: "img"}, target);
    var axis = el("g", {"class": "axis"}, svg);
    for (var y = lo; y <= hi; y += 5) {
      el("line", {x1: x(y), x2: x(y), y1: top - 6, y2: top + rows.length * rh, "class": "grid"}, axis);
      el("text", {x: x(y), y: top - 10, "text-anchor": "middle"}, axis, String(y));
    }
    rows.forEach(function (r, j) {
      var cy = top + j * rh + rh / 2;
      var g = el("g", {"class": "milestone-row", "data-region": r.region_code}, svg);
      el("text", {x: left - 10, y: cy + 4, "text-anchor": "end"}, g, r.region_name);
      if (r.peak_year !== null && r.neutrality_year !== null) {
        el("line", {x1: x(r.peak_year), x2: x(r.neutrality_year), y1: cy, y2: cy, "class": "span-line"}, g);
      }
      // milestones its texts set for a part of the region (a zone, a park, a sector): hollow, not the region's own
      (r.part_milestones || []).forEach(function (p) {
        var l = linkTo(p.measure_id, g);
        var px = x(p.year);
        var mk = p.milestone === "peak" ? el("circle", {cx: px, cy: cy, r: 5}, l)
          : el("path", {d: "M" + px + " " + (cy - 6) + " l6 6 l-6 6 l-6 -6 z"}, l);
        mk.setAttribute("class", "part-milestone part-" + p.milestone);
        mk.setAttribute("data-year", p.year);
        el("title", {}, mk, p.part + " (" + r.region_name + ") carbon " + (p.milestone === "peak" ? "peak " : "neutrality ") +
           p.year + " (" + p.source + "): a part's milestone, not the region's");
      });
      if (r.peak_year !== null) {
        var a = linkTo(r.peak_measure_id, g);
        var c = el("circle", {cx: x(r.peak_year), cy: cy, r: 6, "class": "peak", "data-year": r.peak_year}, a);
        el("title", {}, c, r.region_name + " carbon peak " + r.peak_year + " (" + r.peak_source + ")");
        el("text", {x: x(r.peak_year), y: cy - 8, "text-anchor": "middle", "class": "year-label"}, g,
           String(r.peak_year));
      }
      if (r.neutrality_year !== null) {
        var b = linkTo(r.neutrality_measure_id, g);
        var nx = x(r.neutrality_year);
        var d = el("path", {d: "M" + nx + " " + (cy - 7) + " l7 7 l-7 7 l-7 -7 z", "class": "neutrality",
                            "data-year": r.neutrality_year}, b);
        el("title", {}, d, r.region_name + " carbon neutrality " + r.neutrality_year + " (" + r.neutrality_source + ")");
        el("text", {x: nx, y: cy - 9, "text-anchor": "middle", "class": "year-label"}, g, String(r.neutrality_year));
      }
    });
  }

  // --- top indicators ------------------------------------------------------------------------------------
  function indicators(target) {
    var rows = data.indicators;
    if (!rows.length) { empty(target, "No measures yet."); return; }
    var max = rows[0].n_measures;
    rows.forEach(function (r) { if (r.n_measures > max) max = r.n_measures; });
    var grid = html("div", "bars", target);
    grid.id = "indicator-bars";
    rows.forEach(function (r) {
      var label = html("a", "bar-label", grid, r.indicator);
      label.href = "#documents-section";
      label.setAttribute("data-indicator-key", r.indicator_id ? "id:" + r.indicator_id : "text:" + r.indicator);
      label.addEventListener("click", function () {
        applyFilter({region: "", indicator: label.getAttribute("data-indicator-key"), kind: "", year: ""});
      });
      label.title = r.indicator + (r.indicator_id ? " (" + r.indicator_id + ", " + r.n_phrasings + " phrasings)" : "") +
        ": " + r.n_measures + " measures in " + r.n_documents + " documents, " + r.n_regions + " regions";
      var wrap = html("div", "bar-wrap", grid);
      wrap.style.display = "flex";
      var bar = html("div", "bar", wrap);
      bar.setAttribute("data-indicator", r.indicator);
      if (r.indicator_id) bar.setAttribute("data-indicator-id", r.indicator_id);
      bar.setAttribute("data-n", r.n_measures);
      bar.style.width = (100 * r.n_measures / max * 0.85).toFixed(1) + "%";
      var other = r.n_measures - r.n_targets - r.n_achievements;
      [["t", r.n_targets], ["a", r.n_achievements], ["o", other]].forEach(function (p) {
        if (p[1] > 0) { var s = html("span", p[0], bar); s.style.width = (100 * p[1] / r.n_measures) + "%"; }
      });
      html("span", "bar-n", wrap, String(r.n_measures));
    });
    var legend = html("p", "legend", target);
    legend.innerHTML = "<i class=\"bar\" style=\"background:#0b7a53\"></i>targets" +
      "<i style=\"background:#2b6cb0\"></i>achievements<i style=\"background:#b8c4d0\"></i>other";
  }

  // --- filter: the documents' measures by region, indicator, kind and target year -------------------------
  var rows = [], fields = ["region", "indicator", "kind", "year"];
  function sel(f) { return document.getElementById("filter-" + f); }
  function matches(tr, f) {
    var d = tr.dataset;
    return (!f.region || (" " + d.regions + " ").indexOf(" " + f.region + " ") >= 0) &&
      (!f.indicator || d.indicator === f.indicator) && (!f.kind || d.kind === f.kind) &&
      (!f.year || d.year === (f.year === "none" ? "" : f.year));
  }
  function applyFilter(f) {
    if (!rows.length) return;
    fields.forEach(function (k) { if (f[k] !== undefined) sel(k).value = f[k]; });
    var cur = {}; fields.forEach(function (k) { cur[k] = sel(k).value; });
    var shown = {}, n = 0;
    rows.forEach(function (tr) {
      var ok = matches(tr, cur); tr.hidden = !ok;
      if (ok) { shown[tr.dataset.measure] = true; n++; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("li.sentence"), function (li) {
      li.hidden = !(li.dataset.measures || "").split(" ").some(function (id) { return shown[id]; });
    });
    var docs = 0;
    Array.prototype.forEach.call(document.querySelectorAll("section.doc"), function (sec) {
      var any = sec.querySelector("tr.measure:not([hidden])") !== null;
      var active = fields.some(function (k) { return cur[k]; });
      sec.hidden = active && !any;
      if (!sec.hidden) docs++;
    });
    document.getElementById("filter-count").textContent = n + " of " + rows.length + " measures, in " + docs +
      " documents";
    document.body.setAttribute("data-filter", fields.map(function (k) { return cur[k]; }).join("|"));
  }
  function filter() {
    rows = Array.prototype.slice.call(document.querySelectorAll("tr.measure"));
    if (!rows.length) return;
    var opts = {region: {}, indicator: {}, kind: {}, year: {}};
    rows.forEach(function (tr) {
      var d = tr.dataset;
      (d.regions || "").split(" ").forEach(function (c) { if (c) opts.region[c] = (data.region_names || {})[c] || c; });
      opts.indicator[d.indicator] = d.indicatorName;
      opts.kind[d.kind] = d.kind;
      opts.year[d.year || "none"] = d.year || "no year";
    });
    var order = {
      region: function (a, b) { return a < b ? -1 : a > b ? 1 : 0; },
      indicator: function (a, b) { return opts.indicator[a].localeCompare(opts.indicator[b], "zh"); },
      kind: function (a, b) { return a < b ? -1 : 1; },
      year: function (a, b) { return (a === "none") - (b === "none") || Number(a) - Number(b); }
    };
    fields.forEach(function (k) {
      Object.keys(opts[k]).sort(order[k]).forEach(function (v) {
        var o = document.createElement("option"); o.value = v; o.textContent = opts[k][v]; sel(k).appendChild(o);
      });
      sel(k).addEventListener("change", function () { applyFilter({}); });
    });
    var form = document.getElementById("filter");
    form.addEventListener("reset", function (ev) {
      ev.preventDefault(); applyFilter({region: "", indicator: "", kind: "", year: ""});
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.hidden = false;
    applyFilter({});
  }

  filter();
  heatmap(document.getElementById("heatmap"));
  milestones(document.getElementById("milestones"));
  indicators(document.getElementById("indicators"));
  document.body.setAttribute("data-rendered", "yes");
})();
