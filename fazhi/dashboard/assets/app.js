/* fazhi-lake dashboard: renders window.FAZHI_DASHBOARD (written by fazhi.dashboard.site) with
   plain DOM and SVG, so the page works offline from disk with no library to ship. Trend data
   for a province arrives on demand as trend/<code>.js calling window.fazhiTrendShard. */
(function () {
  "use strict";
  var DATA = window.FAZHI_DASHBOARD;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var COLORS = { passed: "#3f9142", warned: "#e0a000", quarantined: "#c0392b" };

  function records(table) {
    return table.rows.map(function (row) {
      var obj = {};
      table.columns.forEach(function (c, i) { obj[c] = row[i]; });
      return obj;
    });
  }
  var T = {};
  Object.keys(DATA.tables).forEach(function (k) { T[k] = records(DATA.tables[k]); });

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
  }
  function append(node, child) {
    if (child === null || child === undefined) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
  function fill(id, content) {
    var target = document.getElementById(id);
    target.textContent = "";
    append(target, content);
  }
  function fmt(n) {
    if (n === null || n === undefined) return "–";
    return Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
  }
  function pct(part, whole) { return whole ? (100 * part / whole).toFixed(1) + " %" : "–"; }
  function link(url, text) {
    return url ? el("a", { href: url, target: "_blank", rel: "noopener" }, text || url) : text;
  }
  function empty(text) { return el("p", { "class": "empty" }, text); }

  /* A plain table: columns are [header, cell(row) → content, css class]. */
  function table(rows, columns, attrs) {
    if (!rows.length) return empty("Nothing to show · 无");
    return el("table", attrs,
      el("thead", {}, el("tr", {}, columns.map(function (c) { return el("th", {}, c[0]); }))),
      el("tbody", {}, rows.map(function (r) {
        return el("tr", {}, columns.map(function (c) {
          return el("td", { "class": c[2] || null }, c[1](r));
        }));
      })));
  }

  /* ---------- header ---------- */
  function renderSummary() {
    var s = T.summary[0] || {};
    var runs = T.runs;
    var last = runs.length ? runs[runs.length - 1] : null;
    fill("generated", "Generated " + DATA.generated_at +
      (last ? " · last run " + last.run_id + " (" + last.status + ", " + last.loaded + ")" : ""));
    var tiles = [
      ["documents", s.documents, "documents 文件"],
      ["localities", fmt(s.localities_covered) + " / " + fmt(s.localities_total), "localities 地区"],
      ["facts", s.facts, "facts 指标值"],
      ["mentions", s.mentions, "numbers seen 数字"],
      ["years", s.earliest_year ? s.earliest_year + "–" + s.latest_year : "–", "report years 年度"],
      ["runs", s.runs, "runs 运行"]
    ];
    fill("summary", tiles.map(function (t) {
      return el("div", { "class": "tile", "data-tile": t[0] },
        el("b", {}, typeof t[1] === "number" ? fmt(t[1]) : t[1]), el("span", {}, t[2]));
    }));
  }

  /* ---------- coverage ---------- */
  function shade(share) {
    if (!share) return null;
    var light = 84 - Math.round(share * 44);  // any coverage at all stands out from a gap
    return "background:hsl(210,60%," + light + "%);color:" + (light < 60 ? "#fff" : "#1f2933");
  }
  function coverageCell(covered, total, attrs) {
    attrs = attrs || {};
    attrs["class"] = "cell " + (covered ? "" : "gap") + (attrs["class"] ? " " + attrs["class"] : "");
    attrs.style = shade(total ? covered / total : 0);
    attrs.title = pct(covered, total);
    return el("td", attrs, covered + " / " + total);
  }
  function gridYears() {
    var years = {};
    T.coverage_grid.forEach(function (r) { years[r.report_year] = true; });
    return Object.keys(years).map(Number).sort();
  }
  function renderCoverage() {
    var years = gridYears();
    if (!years.length) { fill("coverage-grid", empty("No reports loaded yet · 尚无报告")); return; }
    var byProvince = {};
    T.coverage_grid.forEach(function (r) {
      (byProvince[r.province_code] = byProvince[r.province_code] || { name: r.province_name, cells: {} })
        .cells[r.report_year] = r;
    });
    var head = el("tr", {}, el("th", {}, "Province 省份"),
      years.map(function (y) { return el("th", {}, String(y)); }));
    var body = Object.keys(byProvince).sort().map(function (code) {
      var p = byProvince[code];
      return el("tr", { "data-province": code },
        el("th", { "class": "clickable", onclick: null }, p.name),
        years.map(function (y) {
          var c = p.cells[y];
          return coverageCell(c.covered, c.total, { "data-province": code, "data-year": y });
        }));
    });
    var grid = el("table", { "class": "grid", id: "coverage-provinces" }, el("thead", {}, head),
      el("tbody", {}, body));
    grid.addEventListener("click", function (ev) {
      var row = ev.target.closest("tr[data-province]");
      if (row) drillProvince(row.getAttribute("data-province"));
    });
    fill("coverage-grid", el("div", { "class": "scroll" }, grid));
  }

  function localitiesOf(provinceCode) {
    return T.coverage_localities.filter(function (l) { return l.province_code === provinceCode; });
  }
  function countCovered(list, year) {
    return list.filter(function (l) { return l.years.indexOf(year) >= 0; }).length;
  }
  function drillProvince(provinceCode) {
    var years = gridYears();
    var locs = localitiesOf(provinceCode);
    var province = locs.filter(function (l) { return l.level === "province"; })[0];
    var groups = {};
    locs.forEach(function (l) {
      if (l.level === "province") return;
      var key = l.city_code || "(direct)";
      (groups[key] = groups[key] || []).push(l);
    });
    var names = {};
    locs.forEach(function (l) { if (l.level === "prefecture") names[l.admin_code] = l.name; });
    var rows = Object.keys(groups).sort().map(function (key) {
      var members = groups[key];
      return el("tr", { "data-prefecture": key },
        el("th", { "class": "clickable" }, names[key] ||
          (key === provinceCode && province ? province.name : "省直辖 (directly administered)")),
        years.map(function (y) {
          return coverageCell(countCovered(members, y), members.length,
            { "data-prefecture": key, "data-year": y });
        }));
    });
    var grid = el("table", { "class": "grid", id: "coverage-prefectures" },
      el("thead", {}, el("tr", {}, el("th", {}, "Prefecture 地市"),
        years.map(function (y) { return el("th", {}, String(y)); }))),
      el("tbody", {}, rows));
    grid.addEventListener("click", function (ev) {
      var row = ev.target.closest("tr[data-prefecture]");
      if (row) drillPrefecture(groups[row.getAttribute("data-prefecture")], years);
    });
    fill("coverage-drill", [el("h3", {}, (province ? province.name : provinceCode) + " · prefectures 地市"),
      el("div", { "class": "scroll" }, grid), el("div", { id: "coverage-counties" })]);
  }
  function drillPrefecture(members, years) {
    var rows = members.map(function (l) {
      return el("tr", { "data-locality": l.admin_code }, el("th", {}, l.name + " " + l.admin_code),
        years.map(function (y) {
          var has = l.years.indexOf(y) >= 0;
          return el("td", { "class": "cell " + (has ? "" : "gap"), "data-year": y,
            style: has ? shade(1) : null }, has ? "✓" : "·");
        }));
    });
    fill("coverage-counties", [el("h3", {}, "Localities 区县"),
      el("table", { "class": "grid", id: "coverage-county-grid" },
        el("thead", {}, el("tr", {}, el("th", {}, "Locality 区县"),
          years.map(function (y) { return el("th", {}, String(y)); }))),
        el("tbody", {}, rows))]);
  }

  /* ---------- quality ---------- */
  function runTotals() {
    var totals = {};
    T.validations.forEach(function (v) {
      var t = totals[v.run_id] = totals[v.run_id] || { passed: 0, warned: 0, quarantined: 0 };
      t.passed += v.passed; t.warned += v.warned; t.quarantined += v.quarantined;
    });
    return totals;
  }
  /* Grouped bars on a log scale: failures are usually thousands of times rarer than passes,
     and on a linear or stacked scale they would vanish. */
  function renderQualityChart(totals) {
    var runs = T.runs.map(function (r) { return r.run_id; });
    Object.keys(totals).forEach(function (id) { if (runs.indexOf(id) < 0) runs.push(id); });
    if (!runs.length) { fill("quality-chart", empty("No runs recorded yet · 尚无运行记录")); return; }
    var kinds = ["passed", "warned", "quarantined"];
    var max = 1;
    runs.forEach(function (id) {
      kinds.forEach(function (k) { max = Math.max(max, (totals[id] || {})[k] || 0); });
    });
    var top = Math.log10(max + 1);
    var barW = Math.max(5, Math.min(16, Math.floor(720 / runs.length / 3) - 2));
    var group = 3 * barW + 10, height = 150, left = 56;
    var chart = svg("svg", { width: left + runs.length * group + 10, height: height + 30,
      id: "quality-svg", role: "img" });
    [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000].forEach(function (tick) {
      if (tick > max * 10) return;
      var y = height - Math.log10(tick + 1) / top * (height - 10);
      append(chart, svg("line", { x1: left - 4, x2: left + runs.length * group, y1: y, y2: y,
        stroke: "#e4e9ee" }), svg("text", { x: 2, y: y + 3 }, fmt(tick)));
    });
    runs.forEach(function (id, i) {
      var t = totals[id] || {};
      kinds.forEach(function (k, j) {
        var n = t[k] || 0, h = Math.log10(n + 1) / top * (height - 10);
        append(chart, svg("rect", { x: left + i * group + j * barW, y: height - h, width: barW - 1,
          height: h, fill: COLORS[k], "data-run": id, "data-kind": k, "data-count": n },
          svg("title", {}, id + " · " + k + ": " + fmt(n))));
      });
      append(chart, svg("text", { x: left + i * group, y: height + 14 }, id.slice(-7)));
    });
    fill("quality-chart", [el("div", { "class": "legend" }, kinds.map(function (k) {
      return el("span", {}, el("i", { style: "background:" + COLORS[k] }), k);
    })), chart, el("p", { "class": "hint" },
      "Row checks per run (log scale): each expectation counts the rows it saw; a warning loads " +
      "the row flagged, a critical failure quarantines it.")]);
  }
  function runState(status) {
    if (["succeeded", "success", "completed", "loaded"].indexOf(status) >= 0) return "ok";
    return ["failed", "crashed", "error"].indexOf(status) >= 0 ? "fail" : "warn";
  }
  function renderQuality() {
    var docs = DATA.data_docs;
    fill("data-docs", [link(docs.href, "Great Expectations Data Docs →"),
      docs.exists ? null : el("span", { "class": "hint" }, " (not built yet)")]);
    var totals = runTotals();
    renderQualityChart(totals);
    fill("quality-runs", table(T.runs.slice().reverse(), [
      ["run", function (r) { return r.run_id; }],
      ["started", function (r) { return r.started; }],
      ["status", function (r) { return el("span", { "class": "badge " + runState(r.status) }, r.status); }],
      ["docs loaded", function (r) { return fmt(r.documents_loaded); }, "num"],
      ["facts loaded", function (r) { return fmt(r.facts_loaded); }, "num"],
      ["quarantined rows", function (r) { return fmt(r.quarantined_rows); }, "num"]
    ], { id: "runs-table" }));
    var runs = T.runs.length ? T.runs.map(function (r) { return r.run_id; }) : Object.keys(totals);
    var select = el("select", { id: "quality-run" }, runs.slice().reverse().map(function (id) {
      return el("option", { value: id }, id);
    }));
    var holder = el("div", {});
    function show() {
      var rows = T.validations.filter(function (v) { return v.run_id === select.value; });
      holder.textContent = "";
      append(holder, table(rows, [
        ["suite", function (v) { return v.suite; }],
        ["expectation", function (v) { return v.expectation; }],
        ["severity", function (v) { return v.severity; }],
        ["passed", function (v) { return fmt(v.passed); }, "num"],
        ["warned", function (v) { return fmt(v.warned); }, "num"],
        ["quarantined", function (v) { return fmt(v.quarantined); }, "num"]
      ], { id: "expectations-table" }));
    }
    select.addEventListener("change", show);
    fill("quality-expectations", [el("h3", {}, "By expectation · 按期望 ", select), holder]);
    if (runs.length) show();
    fill("quarantine", el("div", { "class": "scroll" }, table(T.quarantine, [
      ["run", function (q) { return q.run_id; }],
      ["table", function (q) { return q.table_name; }],
      ["document", function (q) { return link(q.url, q.title || q.doc_id); }],
      ["indicator", function (q) { return q.indicator || ""; }],
      ["value", function (q) { return q.value === null ? "" : q.value; }, "num"],
      ["reasons", function (q) { return (q.reasons || []).join("; "); }]
    ], { id: "quarantine-table" })));
  }

  /* ---------- extraction health ---------- */
  function renderExtraction() {
    fill("fill-rate", table(T.fill_rate, [
      ["indicator", function (r) { return r.name_zh; }],
      ["fill", function (r) {
        var share = r.documents ? r.documents_stating / r.documents : 0;
        return [el("span", { "class": "bar", style: "width:" + Math.round(share * 120) + "px" }),
          " " + pct(r.documents_stating, r.documents)];
      }],
      ["docs", function (r) { return r.documents_stating + " / " + r.documents; }, "num"]
    ], { id: "fill-rate-table" }));
    fill("outliers", table(T.outliers, [
      ["indicator", function (r) { return r.name_zh; }],
      ["outside", function (r) { return fmt(r.outside); }, "num"],
      ["usual range", function (r) { return fmt(r.low) + " … " + fmt(r.high); }],
      ["most extreme", function (r) { return fmt(r.extreme_value) + " (" + r.extreme_locality + ")"; }]
    ], { id: "outliers-table" }));
    fill("caliber", [table(T.caliber_counts, [
      ["flag", function (r) { return r.flag; }], ["facts", function (r) { return fmt(r.facts); }, "num"]
    ], { id: "caliber-counts" }), el("div", { "class": "scroll" }, table(T.caliber_flags, [
      ["indicator", function (r) { return r.name_zh; }],
      ["value", function (r) { return fmt(r.value) + " " + r.unit; }, "num"],
      ["locality", function (r) { return r.locality_name || r.locality_code; }],
      ["year", function (r) { return r.report_year; }],
      ["document", function (r) { return link(r.url, r.title || r.doc_id); }],
      ["flags", function (r) { return r.flags.join(", "); }]
    ], { id: "caliber-table" }))]);
    fill("unmapped", table(T.unmapped_mentions, [
      ["pattern", function (r) { return r.pattern; }],
      ["unit", function (r) { return r.unit; }],
      ["mentions", function (r) { return fmt(r.mentions); }, "num"],
      ["docs", function (r) { return fmt(r.documents); }, "num"],
      ["example", function (r) { return r.example; }]
    ], { id: "unmapped-table" }));
  }

  /* ---------- trends ---------- */
  var shards = {};
  var indicatorNames = {};
  T.indicators.forEach(function (i) { indicatorNames[i.code] = i; });
  var localityNames = {};
  T.coverage_localities.forEach(function (l) { localityNames[l.admin_code] = l; });

  window.fazhiTrendShard = function (code, shard) {
    shards[code] = shard;
    var select = document.getElementById("trend-province");
    if (select.value === code) showLocalities(code);
  };
  function loadShard(code) {
    if (shards[code]) { showLocalities(code); return; }
    var script = document.createElement("script");
    script.src = "trend/" + code + ".js";
    script.onerror = function () { fill("trend-charts", empty("No trend data for this province")); };
    document.body.appendChild(script);
  }
  function renderTrends() {
    var provinces = T.coverage_grid.reduce(function (acc, r) {
      if (!acc.some(function (p) { return p[0] === r.province_code; }) && r.covered)
        acc.push([r.province_code, r.province_name]);
      return acc;
    }, []);
    var select = document.getElementById("trend-province");
    append(select, provinces.map(function (p) { return el("option", { value: p[0] }, p[1]); }));
    select.addEventListener("change", function () { loadShard(select.value); });
    document.getElementById("trend-locality").addEventListener("change", showCharts);
    if (provinces.length) loadShard(provinces[0][0]);
    else fill("trend-charts", empty("No values loaded yet · 尚无数据"));
  }
  function showLocalities(code) {
    var shard = shards[code];
    var codes = [];
    shard.series.forEach(function (s) { if (codes.indexOf(s.l) < 0) codes.push(s.l); });
    codes.sort(function (a, b) { return (a === code ? -1 : b === code ? 1 : a < b ? -1 : 1); });
    var select = document.getElementById("trend-locality");
    select.textContent = "";
    append(select, codes.map(function (c) {
      var l = localityNames[c];
      return el("option", { value: c }, (l ? l.name : c) + " " + c);
    }));
    showCharts();
  }
  function showCharts() {
    var province = document.getElementById("trend-province").value;
    var locality = document.getElementById("trend-locality").value;
    var shard = shards[province];
    if (!shard) return;
    var series = shard.series.filter(function (s) { return s.l === locality; });
    fill("trend-charts", el("div", { "class": "charts", "data-locality": locality },
      series.map(function (s) { return lineChart(s, shard.docs); })));
  }
  function lineChart(series, docs) {
    var info = indicatorNames[series.i] || { name_zh: series.i, unit: "" };
    var points = series.v.map(function (v, k) {
      var doc = docs[series.d[k]];
      return { year: Number(doc[1]), value: v, title: doc[2], url: doc[3] };
    });
    var w = 220, h = 110, pad = 26;
    var years = points.map(function (p) { return p.year; });
    var y0 = Math.min.apply(null, years), y1 = Math.max.apply(null, years);
    var vmax = Math.max.apply(null, points.map(function (p) { return p.value; })) || 1;
    function px(p) { return pad + (y1 === y0 ? (w - 2 * pad) / 2 : (p.year - y0) / (y1 - y0) * (w - 2 * pad)); }
    function py(p) { return h - 18 - p.value / vmax * (h - 34); }
    var chart = svg("svg", { width: w, height: h },
      svg("polyline", { points: points.map(function (p) { return px(p) + "," + py(p); }).join(" "),
        fill: "none", stroke: "#2f6fad", "stroke-width": 1.5 }),
      points.map(function (p) {
        return svg("a", { href: p.url, target: "_blank" },
          svg("circle", { cx: px(p), cy: py(p), r: 3.5, fill: "#2f6fad", "data-year": p.year,
            "data-value": p.value }),
          svg("title", {}, p.year + ": " + fmt(p.value) + " " + info.unit + " — " + (p.title || "")));
      }),
      svg("text", { x: 2, y: 10 }, fmt(vmax)),
      svg("text", { x: pad - 8, y: h - 3 }, String(y0)),
      y1 !== y0 ? svg("text", { x: w - pad - 16, y: h - 3 }, String(y1)) : null);
    return el("div", { "class": "chart", "data-indicator": series.i },
      el("p", { "class": "title" }, info.name_zh + (info.unit ? "（" + info.unit + "）" : "")), chart);
  }

  /* ---------- freshness ---------- */
  function renderFreshness() {
    var bySource = {};
    T.freshness_documents.forEach(function (r) { bySource[r.source_id] = { docs: r }; });
    T.freshness_manifest.forEach(function (r) {
      (bySource[r.source_id] = bySource[r.source_id] || {}).fetch = r;
    });
    var rows = Object.keys(bySource).sort().map(function (id) {
      return { id: id, docs: bySource[id].docs || {}, fetch: bySource[id].fetch || null };
    });
    fill("freshness-table", el("div", { "class": "scroll" }, table(rows, [
      ["source", function (r) { return r.id; }],
      ["state", function (r) {
        var f = r.fetch;
        var state = !f ? ["none", "no manifest"] : f.blocked ? ["fail", "blocked"] :
          f.failed ? ["warn", "failing"] : ["ok", "ok"];
        return el("span", { "class": "badge " + state[0] }, state[1]);
      }],
      ["documents", function (r) { return fmt(r.docs.documents || 0); }, "num"],
      ["latest year", function (r) { return r.docs.latest_report_year || "–"; }],
      ["last success", function (r) { return r.fetch ? r.fetch.last_success || "never" : r.docs.last_fetched || "–"; }],
      ["last attempt", function (r) { return r.fetch ? r.fetch.last_attempt + " (" + r.fetch.last_outcome + ")" : "–"; }],
      ["blocked / failed", function (r) { return r.fetch ? r.fetch.blocked + " / " + r.fetch.failed : "–"; }, "num"],
      ["reason", function (r) { return r.fetch && r.fetch.last_reason || ""; }]
    ], { id: "freshness-sources" })));
  }

  renderSummary();
  renderCoverage();
  renderQuality();
  renderExtraction();
  renderTrends();
  renderFreshness();
  document.body.setAttribute("data-ready", "1");
})();
