/* fazhi-lake dashboard: renders window.FAZHI_DASHBOARD (written by fazhi.dashboard.site) with the
   vendored Apache ECharts. Everything is static and local so the page opens from disk: map
   shapes (map-*.js) and a province's documents and series (trend/<code>.js) arrive on demand as
   scripts that call window.fazhiRegisterMap / window.fazhiTrendShard, because browsers refuse
   fetch() on file:// pages. Charts use ECharts' SVG renderer: crisp at any zoom, and the shapes
   are DOM nodes a test can count. */
(function () {
  "use strict";
  const DATA = window.FAZHI_DASHBOARD;
  const T = {};
  Object.keys(DATA.tables).forEach((k) => { T[k] = records(DATA.tables[k]); });
  const KINDS = { annual_report: "年度报告", work_summary: "工作总结", other: "其他" };
  const COLORS = { passed: "#3f9142", warned: "#e0a000", quarantined: "#c0392b", accent: "#2f6fad" };
  const PAGE_ROWS = 200;  // rows drawn per table; the CSV export always has every row
  const state = { province: "", year: "", indicator: "", kind: "", unit: "" };

  function records(table) {
    return table.rows.map((row) => {
      const obj = {};
      table.columns.forEach((c, i) => { obj[c] = row[i]; });
      return obj;
    });
  }

  /* ---------- reference data ---------- */
  const indicators = T.indicators;
  const byOrdinal = {}, byCode = {};
  indicators.forEach((i) => { byOrdinal[i.ordinal] = i; byCode[i.code] = i; });
  const localities = {};
  T.coverage_localities.forEach((l) => { localities[l.admin_code] = l; });
  const provinces = T.coverage_localities.filter((l) => l.level === "province");
  const provinceTotals = {};
  T.coverage_localities.forEach((l) => {
    provinceTotals[l.province_code] = (provinceTotals[l.province_code] || 0) + 1;
  });
  const cube = {};
  const cubeKinds = {}, cubeYears = {};
  T.coverage_cube.forEach((r) => {
    cube[cubeKey(r.province_code, r.report_year, r.doc_type, r.indicator_ordinal)] = r;
    if (r.doc_type) cubeKinds[r.doc_type] = true;
    if (r.report_year) cubeYears[r.report_year] = true;
  });
  const years = Object.keys(cubeYears).map(Number).sort((a, b) => b - a);
  const kinds = Object.keys(cubeKinds).sort();
  function cubeKey(p, y, k, i) { return p + "|" + (y || "") + "|" + (k || "") + "|" + i; }
  function indicatorOrdinal() { return state.indicator ? byCode[state.indicator].ordinal : -1; }

  /* Localities covered and documents of a province under the filters (an indicator's ordinal
     overrides the filter's, for the fill rate). All kinds: the cube's own row where a locality
     has several kinds, else the kinds' rows, which then add up exactly. */
  function provinceCell(code, ordinal) {
    const i = ordinal === undefined ? indicatorOrdinal() : ordinal;
    const own = cube[cubeKey(code, state.year, state.kind, i)];
    if (own || state.kind) return own || { localities: 0, documents: 0 };
    const sum = { localities: 0, documents: 0 };
    kinds.forEach((k) => {
      const r = cube[cubeKey(code, state.year, k, i)];
      if (r) { sum.localities += r.localities; sum.documents += r.documents; }
    });
    return sum;
  }

  /* ---------- DOM and format helpers ---------- */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    });
    children.flat(Infinity).forEach((c) => {
      if (c !== null && c !== undefined && c !== false)
        node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return node;
  }
  function fill(id, ...content) {
    const target = document.getElementById(id);
    target.textContent = "";
    content.flat(Infinity).forEach((c) => {
      if (c) target.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return target;
  }
  function fmt(n) {
    if (n === null || n === undefined || n === "") return "–";
    return Number(n).toLocaleString("zh-CN", { maximumFractionDigits: 2 });
  }
  function pct(part, whole) { return whole ? (100 * part / whole).toFixed(1) + " %" : "–"; }
  function link(url, text) {
    return url ? el("a", { href: url, target: "_blank", rel: "noopener" }, text || url) : text;
  }
  function empty(text) { return el("p", { class: "empty" }, text); }
  function indicatorName(code) { return byCode[code] ? byCode[code].name_zh : code || ""; }
  function provinceName(code) { return localities[code] ? localities[code].name : code; }
  function kindName(kind) { return KINDS[kind] || kind || ""; }

  /* ---------- tables with CSV export ---------- */
  /* columns: [label, value(row) for CSV and text, optional cell(row) → DOM, optional class];
     the class "csv" keeps a column (codes, URLs) in the export only, to save width on screen. */
  function dataTable(spec) {
    const { id, title, rows, file } = spec;
    const columns = spec.columns;
    const shownColumns = columns.filter((c) => c[3] !== "csv");
    const head = el("div", { class: "table-head" }, title ? el("h3", {}, title) : null,
      el("span", { class: "count" }, fmt(rows.length) + " 行 rows"),
      el("button", { type: "button", class: "export", "data-export": id,
        onclick: () => downloadCsv(file || id, columns, rows) }, "导出 CSV"));
    if (!rows.length) return el("div", { class: "table-block" }, head, empty("无 · Nothing to show"));
    const shown = rows.slice(0, PAGE_ROWS);
    const table = el("table", { id: id },
      el("thead", {}, el("tr", {}, shownColumns.map((c) => el("th", {}, c[0])))),
      el("tbody", {}, shown.map((r) => el("tr", {}, shownColumns.map((c) =>
        el("td", { class: c[3] || null }, c[2] ? c[2](r) : text(c[1](r))))))));
    const note = rows.length > shown.length ?
      el("p", { class: "hint" }, `显示前 ${PAGE_ROWS} 行，导出包含全部 ${fmt(rows.length)} 行`) : null;
    return el("div", { class: "table-block" }, head, el("div", { class: "table-wrap" }, table), note);
  }
  function text(v) { return v === null || v === undefined ? "" : typeof v === "number" ? fmt(v) : String(v); }
  function csvField(v) {
    if (v === null || v === undefined) return "";
    let s = Array.isArray(v) ? v.join("; ") : String(v);
    // A text cell starting with = + - @ would run as a formula in Excel.
    if (typeof v === "string" && /^[=+\-@]/.test(s) && isNaN(Number(s))) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function toCsv(columns, rows) {
    const lines = [columns.map((c) => csvField(c[0])).join(",")];
    rows.forEach((r) => lines.push(columns.map((c) => csvField(c[1](r))).join(",")));
    return "\ufeff" + lines.join("\r\n") + "\r\n";  // the BOM makes Excel read UTF-8 Chinese
  }
  function downloadCsv(name, columns, rows) {
    const blob = new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: name + ".csv" });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  /* ---------- charts ---------- */
  const charts = {};
  function chart(id, option, height) {
    const node = document.getElementById(id);
    if (height) node.style.height = height + "px";
    let instance = charts[id];
    if (!instance || instance.isDisposed()) {
      instance = charts[id] = echarts.init(node, null, { renderer: "svg" });
    }
    instance.setOption(option, true);
    return instance;
  }
  const AXIS_TEXT = { color: "#52606d", fontSize: 11 };
  function compact(v) {
    const n = Math.abs(v);
    if (n >= 1e8) return (v / 1e8).toFixed(1).replace(/\.0$/, "") + "亿";
    if (n >= 1e4) return (v / 1e4).toFixed(1).replace(/\.0$/, "") + "万";
    return fmt(v);
  }
  window.addEventListener("resize", () => {
    Object.values(charts).forEach((c) => { if (!c.isDisposed()) c.resize(); });
  });

  /* ---------- scripts loaded on demand ---------- */
  const loaded = {}, waiting = {};
  function loadScript(src, ready) {
    if (loaded[src]) { ready(); return; }
    if (waiting[src]) { waiting[src].push(ready); return; }
    waiting[src] = [ready];
    const script = el("script", { src: src });
    script.onerror = () => { loaded[src] = "missing"; flush(src); };
    document.body.appendChild(script);
  }
  function flush(src) { const list = waiting[src] || []; delete waiting[src]; list.forEach((f) => f()); }
  const mapFeatures = {};
  window.fazhiRegisterMap = (code, geojson) => {
    mapFeatures[code] = geojson.features.map((f) => f.properties);
    echarts.registerMap(code, geojson);
    const src = "assets/map-" + code + ".js";
    loaded[src] = true; flush(src);
  };
  const shards = {};
  window.fazhiTrendShard = (code, shard) => {
    shards[code] = shard;
    const src = "trend/" + code + ".js";
    loaded[src] = true; flush(src);
  };
  function withProvince(code, ready) {
    let pending = 2;
    const done = () => { if (--pending === 0) ready(); };
    loadScript("assets/map-" + code + ".js", done);
    loadScript("trend/" + code + ".js", done);
  }

  /* ---------- filters ---------- */
  function option(value, label) { return el("option", { value: value }, label); }
  function renderFilters() {
    fill("f-province", option("", "全国 All China"),
      provinces.map((p) => option(p.admin_code, p.name)));
    fill("f-year", option("", "全部年份 All years"), years.map((y) => option(y, y + " 年")));
    const groups = {};
    indicators.forEach((i) => { (groups[i.category] = groups[i.category] || []).push(i); });
    fill("f-indicator", option("", "全部指标 Any (documents)"),
      Object.keys(groups).map((g) => el("optgroup", { label: g },
        groups[g].map((i) => option(i.code, i.name_zh + (i.unit ? "（" + i.unit + "）" : ""))))));
    fill("f-kind", option("", "全部类型 All kinds"),
      Object.keys(KINDS).map((k) => option(k, KINDS[k])));
    ["province", "year", "indicator", "kind"].forEach((name) => {
      document.getElementById("f-" + name).addEventListener("change", (ev) => {
        state[name] = ev.target.value;
        if (name === "province") state.unit = "";
        update();
      });
    });
    document.getElementById("f-reset").addEventListener("click", () => {
      Object.keys(state).forEach((k) => { state[k] = ""; });
      update();
    });
  }
  function syncFilters() {
    ["province", "year", "indicator", "kind"].forEach((name) => {
      document.getElementById("f-" + name).value = state[name];
    });
  }
  function filterLabel() {
    return [state.year ? state.year + " 年" : "全部年份", state.kind ? kindName(state.kind) : "全部类型",
      state.indicator ? "含「" + indicatorName(state.indicator) + "」数值" : "任一文件"].join(" · ");
  }
  /* Rows of a table that carry province_code / report_year / doc_type / indicator columns. */
  function filtered(rows) {
    return rows.filter((r) =>
      (!state.province || r.province_code === state.province) &&
      (!state.year || r.report_year === Number(state.year)) &&
      (!state.kind || r.doc_type === state.kind) &&
      (!state.indicator || r.indicator === state.indicator));
  }

  /* ---------- header ---------- */
  function renderSummary() {
    const s = T.summary[0] || {};
    const last = T.runs.length ? T.runs[T.runs.length - 1] : null;
    fill("generated", document.createTextNode("生成于 Generated " + DATA.generated_at +
      (last ? " · 最近运行 last run " + last.started + "（" + last.status + "）" : "")));
    const tiles = [
      ["documents", fmt(s.documents), "文件 documents"],
      ["localities", fmt(s.localities_covered) + " / " + fmt(s.localities_total), "地区 localities"],
      ["facts", fmt(s.facts), "指标值 facts"],
      ["mentions", fmt(s.mentions), "数字 numbers seen"],
      ["years", s.earliest_year ? s.earliest_year + "–" + s.latest_year : "–", "年度 report years"],
      ["runs", fmt(s.runs), "运行 runs"]
    ];
    fill("summary", tiles.map((t) => el("div", { class: "tile", "data-tile": t[0] },
      el("b", {}, t[1]), el("span", {}, t[2]))));
  }

  /* ---------- coverage ---------- */
  const PIECES = [
    { value: 0, label: "无 none", color: "#eef1f4" },
    { gt: 0, lte: 10, label: "≤ 10 %", color: "#c6dbef" },
    { gt: 10, lte: 25, label: "10–25 %", color: "#9ecae1" },
    { gt: 25, lte: 50, label: "25–50 %", color: "#4292c6" },
    { gt: 50, label: "> 50 %", color: "#08519c" }
  ];
  function mapOption(mapName, items, narrow) {
    return {
      animation: false,
      tooltip: { trigger: "item", formatter: (p) => {
        const d = p.data;
        if (!d || d.total === undefined) return p.name + "<br>无对应行政区 no division";
        return `<b>${d.label}</b><br>已覆盖 ${fmt(d.covered)} / ${fmt(d.total)} 个地区（${pct(d.covered, d.total)}）` +
          `<br>文件 ${fmt(d.documents)} 份`;
      } },
      visualMap: { type: "piecewise", pieces: PIECES, orient: narrow ? "horizontal" : "vertical",
        left: narrow ? "center" : 8, bottom: 4, itemWidth: 12, itemHeight: 10, itemGap: narrow ? 6 : 4,
        textStyle: { fontSize: 11, color: "#52606d" }, },
      series: [{ type: "map", map: mapName, roam: true, selectedMode: false,
        layoutCenter: narrow ? ["50%", "45%"] : ["55%", "50%"], layoutSize: narrow ? "95%" : "98%",
        label: { show: false }, emphasis: { label: { show: true, fontSize: 11 },
          itemStyle: { areaColor: "#fdd49e" } },
        itemStyle: { borderColor: "#ffffff", borderWidth: 0.6 },
        data: items }]
    };
  }
  function mapItem(name, label, code, covered, total, documents) {
    return { name: name, label: label, code: code, covered: covered, total: total,
      documents: documents, value: total ? 100 * covered / total : 0 };
  }
  function renderCoverage() {
    if (!years.length) {
      fill("coverage-caption", empty("尚无报告 · No reports loaded yet"));
      fill("map", empty("地图在载入报告后显示 · the map appears once reports are loaded"));
      return;
    }
    fill("coverage-caption", document.createTextNode(
      "有报告的地区 / 全部地区（" + filterLabel() + "）。点击省份下钻到地市，点击地市列出区县。" +
      " Localities covered / all localities; click a province, then a prefecture."));
    const crumbs = [el("a", { href: "#coverage", onclick: () => setProvince("") }, "全国")];
    if (state.province) crumbs.push(" › ", el("a", { href: "#coverage",
      onclick: () => { state.unit = ""; update(); } }, provinceName(state.province)));
    if (state.unit) crumbs.push(" › ", localities[state.unit] ? localities[state.unit].name : state.unit);
    fill("coverage-crumbs", crumbs);
    if (state.province) renderProvinceCoverage(state.province);
    else renderCountryCoverage();
  }
  function setProvince(code) { state.province = code; state.unit = ""; update(); }
  function narrow() { return window.innerWidth < 640; }
  function renderCountryCoverage() {
    const section = document.getElementById("coverage");
    section.setAttribute("data-level", "country");
    const rows = provinces.map((p) => {
      const c = provinceCell(p.admin_code);
      return { code: p.admin_code, name: p.name, covered: c.localities,
        total: provinceTotals[p.admin_code] || 0, documents: c.documents };
    });
    loadScript("assets/map-china.js", () => {
      const byCode = {};
      rows.forEach((r) => { byCode[r.code] = r; });
      const items = (mapFeatures.china || []).filter((f) => byCode[f.adcode]).map((f) => {
        const r = byCode[f.adcode];
        return mapItem(f.name, r.name, r.code, r.covered, r.total, r.documents);
      });
      const map = chart("map", mapOption("china", items, narrow()));
      map.off("click");
      map.on("click", (p) => { if (p.data && p.data.code) setProvince(p.data.code); });
      section.setAttribute("data-map", "china");
    });
    fill("coverage-table", coverageTable(rows, "coverage-provinces", "省份 Province",
      (r) => el("a", { href: "#coverage", "data-province": r.code,
        onclick: () => setProvince(r.code) }, r.name)));
    fill("coverage-localities");
  }
  function coverageTable(rows, id, label, nameCell) {
    return dataTable({ id: id, title: "已覆盖 covered / 地区数 localities", file: "coverage-" + (state.province || "china"), rows: rows, columns: [
      ["代码 code", (r) => r.code, null, "csv"],
      [label, (r) => r.name, nameCell],
      ["已覆盖", (r) => r.covered, null, "num"],
      ["地区数", (r) => r.total, null, "num"],
      ["覆盖率", (r) => r.total ? +(100 * r.covered / r.total).toFixed(1) : null,
        (r) => pct(r.covered, r.total), "num"],
      ["文件数", (r) => r.documents, null, "num"]] });
  }

  /* Documents of a province's shard that pass the filters: [doc, locality, year, kind]. */
  function shardDocs(shard) {
    const ordinal = indicatorOrdinal();
    return shard.docs.filter((d) =>
      (!state.year || d[1] === String(state.year)) && (!state.kind || d[5] === state.kind) &&
      (ordinal < 0 || d[6].indexOf(ordinal) >= 0));
  }
  /* The shape a locality is counted in: its prefecture's, else its own (municipal districts,
     counties under the province). */
  function unitOf(l, shapes) {
    if (l.city_code && shapes[l.city_code]) return l.city_code;
    return shapes[l.admin_code] ? l.admin_code : null;
  }
  function renderProvinceCoverage(code) {
    const section = document.getElementById("coverage");
    section.setAttribute("data-level", "province");
    withProvince(code, () => {
      if (state.province !== code) return;  // the user moved on while the scripts loaded
      const shapes = {};
      (mapFeatures[code] || []).forEach((f) => { if (f.adcode) shapes[f.adcode] = f.name; });
      const members = {};
      T.coverage_localities.forEach((l) => {
        if (l.province_code !== code || l.level === "province") return;
        const unit = unitOf(l, shapes);
        if (unit) (members[unit] = members[unit] || []).push(l.admin_code);
      });
      const docs = shards[code] ? shardDocs(shards[code]) : [];
      const coveredBy = {}, docsBy = {};
      docs.forEach((d) => {
        const l = localities[d[4]];
        const unit = l && unitOf(l, shapes);
        if (!unit) return;
        (coveredBy[unit] = coveredBy[unit] || {})[d[4]] = true;
        docsBy[unit] = (docsBy[unit] || 0) + 1;
      });
      const rows = Object.keys(members).sort().map((u) => ({ code: u,
        name: localities[u] ? localities[u].name : shapes[u], total: members[u].length,
        covered: Object.keys(coveredBy[u] || {}).length, documents: docsBy[u] || 0 }));
      const byUnit = {};
      rows.forEach((r) => { byUnit[r.code] = r; });
      if (mapFeatures[code]) {
        const items = mapFeatures[code].map((f) => {
          const r = byUnit[f.adcode];
          if (!r) return { name: f.name };
          const item = mapItem(f.name, r.name, r.code, r.covered, r.total, r.documents);
          if (r.code === state.unit) item.itemStyle = { borderColor: "#d9480f", borderWidth: 2.5 };
          return item;
        });
        const map = chart("map", mapOption(code, items, narrow()));
        map.off("click");
        map.on("click", (p) => { if (p.data && p.data.code) { state.unit = p.data.code; update(); } });
        section.setAttribute("data-map", code);
      } else {
        if (charts.map) { charts.map.dispose(); delete charts.map; }
        fill("map", empty("此省份没有地市边界 · no prefecture shapes for this province"));
        section.setAttribute("data-map", "none");
      }
      fill("coverage-table", coverageTable(rows, "coverage-prefectures", "地市 Prefecture",
        (r) => el("a", { href: "#coverage", "data-unit": r.code,
          onclick: () => { state.unit = r.code; update(); } }, r.name)));
      renderUnitLocalities(code, members, docs);
    });
  }
  function renderUnitLocalities(code, members, docs) {
    if (!state.unit || !members[state.unit]) { fill("coverage-localities"); return; }
    const byLocality = {};
    docs.forEach((d) => { (byLocality[d[4]] = byLocality[d[4]] || []).push(d); });
    const shownYears = state.year ? [Number(state.year)] : years.slice().reverse();
    const rows = members[state.unit].map((c) => ({ code: c, name: localities[c].name,
      level: localities[c].level, docs: byLocality[c] || [] }));
    const yearCell = (y) => (r) => r.docs.some((d) => d[1] === String(y)) ? "✓" : "";
    fill("coverage-localities", dataTable({ id: "coverage-county-grid",
      title: localities[state.unit] ? localities[state.unit].name + " · 区县 Localities" : "区县 Localities",
      file: "coverage-" + state.unit, rows: rows, columns: [
        ["代码 code", (r) => r.code],
        ["地区 locality", (r) => r.name],
        ["文件 documents", (r) => r.docs.length, null, "num"]].concat(
        shownYears.map((y) => [String(y), yearCell(y), null, "mark"])) }));
  }

  /* ---------- quality ---------- */
  function runTotals() {
    const totals = {};
    T.validations.forEach((v) => {
      const t = totals[v.run_id] = totals[v.run_id] || { passed: 0, warned: 0, quarantined: 0 };
      t.passed += v.passed; t.warned += v.warned; t.quarantined += v.quarantined;
    });
    return totals;
  }
  /* Runs are labelled by when they started (two lines: date, time), never by their id. */
  function runLabels() {
    const seen = {};
    return T.runs.map((r) => {
      let label = (r.started || r.run_id).replace(" ", "\n");
      seen[label] = (seen[label] || 0) + 1;
      if (seen[label] > 1) label += " #" + seen[label];
      return label;
    });
  }
  function renderQualityChart() {
    const totals = runTotals();
    if (!T.runs.length) {
      fill("quality-chart", empty("尚无运行记录 · No runs recorded yet"));
      return;
    }
    const labels = runLabels();
    const names = { passed: "通过 passed", warned: "警告 warned", quarantined: "隔离 quarantined" };
    const series = Object.keys(names).map((k) => ({
      name: names[k], type: "bar", barMaxWidth: 18, itemStyle: { color: COLORS[k] },
      data: T.runs.map((r) => {
        const n = (totals[r.run_id] || {})[k] || 0;
        return { value: n > 0 ? n : null, count: n, run: r.run_id };  // log axis: 0 has no bar
      })
    }));
    const many = T.runs.length > 12;
    chart("quality-chart", {
      animation: false,
      legend: { top: 0, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 16, top: 48, bottom: many ? 56 : 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: (ps) => {
        const run = T.runs[ps[0].dataIndex];
        return `<b>${run.started}</b>　${run.run_id}<br>` +
          ps.map((p) => `${p.marker}${p.seriesName}: ${fmt(p.data.count)}`).join("<br>");
      } },
      xAxis: { type: "category", data: labels, name: "运行开始时间 run started",
        nameLocation: "middle", nameGap: 36, axisLabel: AXIS_TEXT },
      yAxis: { type: "log", min: 1, name: "行数（对数）rows, log scale",
        nameTextStyle: Object.assign({ align: "left" }, AXIS_TEXT),
        axisLabel: Object.assign({ formatter: compact }, AXIS_TEXT) },
      dataZoom: many ? [{ type: "slider", startValue: T.runs.length - 12, endValue: T.runs.length - 1,
        height: 18, bottom: 8 }] : [],
      series: series
    }, 300);
  }
  function runState(status) {
    if (["succeeded", "success", "completed", "loaded"].indexOf(status) >= 0) return "ok";
    return ["failed", "crashed", "error"].indexOf(status) >= 0 ? "fail" : "warn";
  }
  let selectedRun = null;
  function renderQuality() {
    const docs = DATA.data_docs;
    fill("data-docs", link(docs.href, "Great Expectations Data Docs →"),
      docs.exists ? null : el("span", { class: "hint" }, "（尚未生成 not built yet）"));
    renderQualityChart();
    fill("quality-runs", dataTable({ id: "runs-table", title: "运行 Runs", file: "runs",
      rows: T.runs.slice().reverse(), columns: [
        ["开始 started", (r) => r.started],
        ["运行 run", (r) => r.run_id],
        ["状态 status", (r) => r.status, (r) => el("span", { class: "badge " + runState(r.status) }, r.status)],
        ["载入文件 docs loaded", (r) => r.documents_loaded, null, "num"],
        ["载入指标值 facts loaded", (r) => r.facts_loaded, null, "num"],
        ["隔离行 quarantined", (r) => r.quarantined_rows, null, "num"]] }));
    const runs = T.runs.slice().reverse();
    if (!runs.length) { fill("quality-expectations"); return; }
    selectedRun = selectedRun || runs[0].run_id;
    const select = el("select", { id: "quality-run", onchange: (ev) => {
      selectedRun = ev.target.value; renderExpectations(); } },
      runs.map((r) => option(r.run_id, r.started + " · " + r.run_id)));
    select.value = selectedRun;
    fill("quality-expectations", el("label", { class: "inline" }, "按期望 By expectation, run ", select),
      el("div", { id: "expectations-holder" }));
    renderExpectations();
  }
  function renderExpectations() {
    const rows = T.validations.filter((v) => v.run_id === selectedRun);
    fill("expectations-holder", dataTable({ id: "expectations-table", file: "expectations-" + selectedRun,
      rows: rows, columns: [
        ["套件 suite", (v) => v.suite],
        ["期望 expectation", (v) => v.expectation],
        ["级别 severity", (v) => v.severity],
        ["通过 passed", (v) => v.passed, null, "num"],
        ["警告 warned", (v) => v.warned, null, "num"],
        ["隔离 quarantined", (v) => v.quarantined, null, "num"]] }));
  }
  function renderQuarantine() {
    fill("quarantine", dataTable({ id: "quarantine-table", title: "当前隔离区 Current quarantine",
      file: "quarantine", rows: filtered(T.quarantine), columns: [
        ["隔离时间 when", (q) => q.quarantined],
        ["表 table", (q) => q.table_name],
        ["文件 document", (q) => q.title || q.doc_id, (q) => link(q.url, q.title || q.doc_id)],
        ["网址 URL", (q) => q.url, null, "csv"],
        ["指标 indicator", (q) => q.indicator ? indicatorName(q.indicator) : ""],
        ["值 value", (q) => q.value, null, "num"],
        ["原因 reasons", (q) => (q.reasons || []).join("; ")]] }));
  }

  /* ---------- extraction health ---------- */
  function fillRates() {
    const codes = state.province ? [state.province] : provinces.map((p) => p.admin_code);
    const total = (ordinal) => codes.reduce((n, c) => n + provinceCell(c, ordinal).documents, 0);
    const documents = total(-1);
    return indicators.map((i) => ({ code: i.code, name: i.name_zh, category: i.category,
      stating: total(i.ordinal), documents: documents }));
  }
  function renderExtraction() {
    const rows = fillRates();
    fill("fill-caption", document.createTextNode("填充率：写明该指标的文件占比（" +
      (state.province ? provinceName(state.province) : "全国") + " · " +
      (state.year ? state.year + " 年" : "全部年份") + " · " +
      (state.kind ? kindName(state.kind) : "全部类型") + "）。Fill rate: share of documents stating each indicator."));
    const shown = rows.slice().reverse();  // ECharts draws the first category at the bottom
    chart("fill-chart", {
      animation: false,
      grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: "item", formatter: (p) => {
        const r = shown[p.dataIndex];
        return `<b>${r.name}</b><br>${fmt(r.stating)} / ${fmt(r.documents)} 份文件（${pct(r.stating, r.documents)}）`;
      } },
      xAxis: { type: "value", max: 100, name: "填充率 %", nameTextStyle: AXIS_TEXT, axisLabel: AXIS_TEXT },
      yAxis: { type: "category", data: shown.map((r) => r.name),
        axisLabel: Object.assign({ width: narrow() ? 120 : 190, overflow: "truncate" }, AXIS_TEXT) },
      series: [{ type: "bar", barMaxWidth: 14, data: shown.map((r) => ({
        value: r.documents ? +(100 * r.stating / r.documents).toFixed(1) : 0,
        itemStyle: { color: state.indicator && state.indicator !== r.code ? "#b7c9dc" : COLORS.accent } })),
        label: { show: true, position: "right", fontSize: 10, formatter: (p) => p.value + "%" } }]
    }, 22 * rows.length + 60);
    fill("fill-rate", dataTable({ id: "fill-rate-table", title: "填充率 Fill rate", file: "fill-rate",
      rows: rows, columns: [
        ["指标 indicator", (r) => r.name],
        ["代码 code", (r) => r.code, null, "csv"],
        ["写明的文件 stating", (r) => r.stating, null, "num"],
        ["文件 documents", (r) => r.documents, null, "num"],
        ["填充率 fill", (r) => r.documents ? +(100 * r.stating / r.documents).toFixed(1) : null,
          (r) => pct(r.stating, r.documents), "num"]] }));
    fill("outliers", dataTable({ id: "outliers-table", title: "超出常见范围 Outside the usual range",
      file: "outliers", rows: T.outliers.filter((r) => !state.indicator || r.indicator === state.indicator),
      columns: [
        ["指标 indicator", (r) => r.name_zh],
        ["超出 outside", (r) => r.outside, null, "num"],
        ["常见范围 usual range", (r) => fmt(r.low) + " … " + fmt(r.high)],
        ["最极端 most extreme", (r) => r.extreme_value, null, "num"],
        ["地区 locality", (r) => localities[r.extreme_locality] ?
          localities[r.extreme_locality].name + " " + r.extreme_locality : r.extreme_locality]] }));
    fill("caliber", dataTable({ id: "caliber-counts", title: "口径提示 Caliber flags", file: "caliber-counts",
      rows: T.caliber_counts, columns: [
        ["提示 flag", (r) => r.flag], ["指标值 facts", (r) => r.facts, null, "num"]] }),
    dataTable({ id: "caliber-table", file: "caliber-flags", rows: filtered(T.caliber_flags), columns: [
      ["指标 indicator", (r) => r.name_zh],
      ["值 value", (r) => fmt(r.value) + " " + r.unit, null, "num"],
      ["地区 locality", (r) => r.locality_name || r.locality_code],
      ["年度 year", (r) => String(r.report_year)],
      ["文件 document", (r) => r.title || r.doc_id, (r) => link(r.url, r.title || r.doc_id)],
      ["提示 flags", (r) => r.flags.join(", ")]] }));
    fill("unmapped", dataTable({ id: "unmapped-table", title: "未映射数字 Unmapped numbers（不受筛选影响）",
      file: "unmapped-numbers", rows: T.unmapped_mentions, columns: [
        ["句式 pattern", (r) => r.pattern],
        ["单位 unit", (r) => r.unit],
        ["次数 mentions", (r) => r.mentions, null, "num"],
        ["文件 docs", (r) => r.documents, null, "num"],
        ["例 example", (r) => r.example]] }));
  }

  /* ---------- trends ---------- */
  const trendDefaults = {};
  T.trend_defaults.forEach((r) => { trendDefaults[r.province_code] = r.locality_code; });
  let trendLocality = "";
  function trendProvince() {
    return state.province || (T.trend_defaults.length ? T.trend_defaults[0].province_code : "");
  }
  function renderTrends() {
    const code = trendProvince();
    if (!code || !trendDefaults[code]) {
      fill("trend-locality");
      fill("trend-charts", empty(code ? "此省份尚无数值 · No values for this province" :
        "尚无数据 · No values loaded yet"));
      fill("trend-values");
      return;
    }
    loadScript("trend/" + code + ".js", () => {
      if (trendProvince() !== code || !shards[code]) return;
      const shard = shards[code];
      const counts = {};
      shard.series.forEach((s) => { counts[s.l] = Math.max(counts[s.l] || 0, s.v.length); });
      const codes = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || (a < b ? -1 : 1));
      if (codes.indexOf(trendLocality) < 0) trendLocality = trendDefaults[code];
      if (state.unit && codes.indexOf(state.unit) >= 0) trendLocality = state.unit;
      const select = fill("trend-locality", codes.map((c) => option(c,
        (localities[c] ? localities[c].name : c) + " " + c + "（" + counts[c] + " 年）")));
      select.value = trendLocality;
      drawTrends(shard);
    });
  }
  function drawTrends(shard) {
    Object.keys(charts).filter((k) => k.startsWith("trend-")).forEach((k) => {
      charts[k].dispose(); delete charts[k];
    });
    const points = [];
    shard.series.forEach((s) => {
      if (s.l !== trendLocality || (state.indicator && s.i !== state.indicator)) return;
      s.v.forEach((v, k) => {
        const d = shard.docs[s.d[k]];
        if (state.kind && d[5] !== state.kind) return;
        points.push({ indicator: s.i, year: Number(d[1]), value: v, title: d[2], url: d[3], kind: d[5] });
      });
    });
    const yearsShown = [...new Set(points.map((p) => p.year))].sort();
    const byIndicator = {};
    points.forEach((p) => { (byIndicator[p.indicator] = byIndicator[p.indicator] || []).push(p); });
    const order = indicators.map((i) => i.code).filter((c) => byIndicator[c]);
    const name = localities[trendLocality] ? localities[trendLocality].name : trendLocality;
    fill("trend-caption", document.createTextNode(name + " · " + order.length + " 个指标 · " +
      (yearsShown.length ? yearsShown[0] + "–" + yearsShown[yearsShown.length - 1] : "") +
      "。点击数据点打开来源文件 click a point to open its document"));
    const holder = fill("trend-charts", order.length ? order.map((c, n) => {
      const info = byCode[c] || { name_zh: c, unit: "" };
      return el("div", { class: "chart", "data-indicator": c },
        el("p", { class: "title" }, info.name_zh + (info.unit ? "（" + info.unit + "）" : "")),
        el("div", { class: "plot", id: "trend-" + n }));
    }) : [empty("没有符合筛选的数值 · No values match the filters")]);
    holder.setAttribute("data-locality", trendLocality);
    holder.classList.toggle("single", order.length === 1);
    order.forEach((c, n) => drawTrend("trend-" + n, byIndicator[c], yearsShown, byCode[c]));
    fill("trend-values", dataTable({ id: "trend-table", title: name + " · 数值 Values",
      file: "trend-" + trendLocality, rows: points.slice().sort((a, b) =>
        (byCode[a.indicator] || {}).ordinal - (byCode[b.indicator] || {}).ordinal || a.year - b.year),
      columns: [
        ["指标 indicator", (p) => indicatorName(p.indicator)],
        ["年度 year", (p) => String(p.year)],
        ["值 value", (p) => p.value, null, "num"],
        ["单位 unit", (p) => (byCode[p.indicator] || {}).unit],
        ["类型 kind", (p) => kindName(p.kind)],
        ["文件 document", (p) => p.title, (p) => link(p.url, p.title)],
        ["网址 URL", (p) => p.url, null, "csv"]] }));
  }
  function drawTrend(id, points, yearsShown, info) {
    const byYear = {};
    points.forEach((p) => { byYear[p.year] = p; });
    const instance = chart(id, {
      animation: false,
      grid: { left: 6, right: 14, top: 12, bottom: 4, containLabel: true },
      tooltip: { trigger: "item", formatter: (p) => {
        const d = p.data.point;
        return `${d.year}: <b>${fmt(d.value)}</b> ${info.unit || ""}<br>${d.title || ""}`;
      } },
      xAxis: { type: "category", data: yearsShown.map(String), boundaryGap: true,
        axisLabel: Object.assign({ hideOverlap: true }, AXIS_TEXT) },
      yAxis: { type: "value", scale: info.kind === "rate", splitNumber: 3,
        axisLabel: Object.assign({ formatter: compact }, AXIS_TEXT) },
      series: [{ type: "line", connectNulls: true, symbolSize: 7, lineStyle: { width: 2 },
        itemStyle: { color: COLORS.accent },
        data: yearsShown.map((y) => byYear[y] ? { value: byYear[y].value, point: byYear[y] } : null) }]
    });
    instance.on("click", (p) => { if (p.data && p.data.point.url) window.open(p.data.point.url, "_blank"); });
  }
  document.getElementById("trend-locality").addEventListener("change", (ev) => {
    trendLocality = ev.target.value;
    renderTrends();
  });

  /* ---------- freshness ---------- */
  function renderFreshness() {
    const bySource = {};
    T.freshness_documents.forEach((r) => { bySource[r.source_id] = { docs: r }; });
    T.freshness_manifest.forEach((r) => { (bySource[r.source_id] = bySource[r.source_id] || {}).fetch = r; });
    const rows = Object.keys(bySource).sort().map((id) =>
      ({ id: id, docs: bySource[id].docs || {}, fetch: bySource[id].fetch || null }));
    const stateOf = (r) => !r.fetch ? ["none", "no manifest"] : r.fetch.blocked ? ["fail", "blocked"] :
      r.fetch.failed ? ["warn", "failing"] : ["ok", "ok"];
    fill("freshness-table", dataTable({ id: "freshness-sources", file: "freshness", rows: rows, columns: [
      ["来源 source", (r) => r.id],
      ["状态 state", (r) => stateOf(r)[1], (r) => el("span", { class: "badge " + stateOf(r)[0] }, stateOf(r)[1])],
      ["文件 documents", (r) => r.docs.documents || 0, null, "num"],
      ["最新年度 latest year", (r) => r.docs.latest_report_year || ""],
      ["最近成功 last success", (r) => r.fetch ? r.fetch.last_success || "never" : r.docs.last_fetched || ""],
      ["最近尝试 last attempt", (r) => r.fetch ? r.fetch.last_attempt + " (" + r.fetch.last_outcome + ")" : ""],
      ["受阻/失败 blocked / failed", (r) => r.fetch ? r.fetch.blocked + " / " + r.fetch.failed : ""],
      ["原因 reason", (r) => r.fetch && r.fetch.last_reason || ""]] }));
  }

  /* ---------- putting it together ---------- */
  function update() {
    syncFilters();
    renderCoverage();
    renderQuarantine();
    renderExtraction();
    renderTrends();
    document.body.setAttribute("data-filters",
      [state.province, state.year, state.indicator, state.kind, state.unit].join("|"));
  }
  renderFilters();
  renderSummary();
  renderQuality();
  renderFreshness();
  update();
  document.body.setAttribute("data-ready", "1");
})();
