// Draws the mapbench report from the page's JSON (element #mapbench-data) with Apache ECharts,
// which the page inlines. Every chart is registered in window.mapbenchReport.charts so a test
// can read what the chart library holds (echarts.getInstanceByDom(...).getOption()).
(function () {
  'use strict';
  var page = JSON.parse(document.getElementById('mapbench-data').textContent);
  var root = document.getElementById('report');
  var registry = { page: page, charts: [] };
  window.mapbenchReport = registry;

  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  var colorOf = {};
  page.columns.forEach(function (c, i) { colorOf[c.label] = palette[i % palette.length]; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function add(parent, tag, attrs, text) { var e = el(tag, attrs, text); parent.appendChild(e); return e; }
  function fmt(x) {
    if (x === null || x === undefined) return '';
    if (x === 0) return '0';
    var a = Math.abs(x);
    return a >= 1000 ? x.toLocaleString('en-US', { maximumFractionDigits: 0 }) : Number(x.toPrecision(4)).toString();
  }
  function table(parent, head, rows) {
    var t = add(parent, 'table');
    var tr = add(add(t, 'thead'), 'tr');
    head.forEach(function (h) { add(tr, 'th', {}, h); });
    var body = add(t, 'tbody');
    rows.forEach(function (r) {
      var row = add(body, 'tr');
      r.forEach(function (c) {
        if (c !== null && typeof c === 'object') { add(row, 'td', c.attrs || {}, c.text); }
        else { add(row, 'td', typeof c === 'number' ? { class: 'num' } : {}, typeof c === 'number' ? fmt(c) : c); }
      });
    });
    return t;
  }
  function chartBox(parent, id, height, wide) {
    var div = add(parent, 'div', { id: 'chart-' + id, class: 'chart' + (wide ? ' wide' : ''), 'data-chart': id });
    if (height) div.style.height = height + 'px';
    return div;
  }
  function register(id, kind, div, option) {
    var chart = echarts.init(div, null, { renderer: 'canvas' });
    chart.setOption(option);
    registry.charts.push({ id: id, kind: kind, element: div.id });
    return chart;
  }

  // Vertical whisker from low to high at x, with caps; drawn by an ECharts custom series.
  function whisker(params, api) {
    var x = api.value(0), lo = api.coord([x, api.value(1)]), hi = api.coord([x, api.value(2)]);
    var style = { stroke: api.visual('color'), lineWidth: 1.2 };
    var cap = 4;
    return { type: 'group', children: [
      { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
      { type: 'line', shape: { x1: lo[0] - cap, y1: lo[1], x2: lo[0] + cap, y2: lo[1] }, style: style },
      { type: 'line', shape: { x1: hi[0] - cap, y1: hi[1], x2: hi[0] + cap, y2: hi[1] }, style: style }
    ] };
  }

  function sweepOption(c) {
    var series = [];
    c.series.forEach(function (s) {
      var color = colorOf[s.column];
      series.push({ name: s.column, type: 'line', color: color, symbolSize: 6,
        data: s.points.map(function (p) { return [p.x, p.median, p.low, p.high, p.n, p.confidence]; }),
        encode: { x: 0, y: 1 } });
      series.push({ name: s.column, type: 'custom', color: color, renderItem: whisker, z: 1,
        data: s.points.map(function (p) { return [p.x, p.low, p.high]; }),
        encode: { x: 0, y: [1, 2] }, tooltip: { show: false } });
    });
    // Emulated and native columns differ tenfold or more: a log axis keeps both readable.
    var ys = [];
    c.series.forEach(function (s) { s.points.forEach(function (p) { ys.push(p.low, p.high); }); });
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys);
    var yLog = lo > 0 && hi / lo > 20;
    // The x axis spans whole decades around the sizes measured, no more.
    var xs = [];
    c.series.forEach(function (s) { s.points.forEach(function (p) { xs.push(p.x); }); });
    var xMin = Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, xs))));
    var xMax = Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, xs))));
    if (xMin === xMax) { xMin /= 10; xMax *= 10; }
    return {
      animation: false,
      title: { text: c.title, textStyle: { fontSize: 13 } },
      legend: { top: 22, type: 'scroll' },
      grid: { top: 60, left: 70, right: 20, bottom: 45 },
      tooltip: { trigger: 'item', formatter: function (p) {
        var v = p.value;
        return p.seriesName + '<br>size ' + fmt(v[0]) + ': ' + fmt(v[1]) + ' ' + c.unit +
          '<br>' + Math.round(v[5] * 100) + '% CI [' + fmt(v[2]) + ', ' + fmt(v[3]) + '], n=' + v[4];
      } },
      xAxis: { type: 'log', logBase: 10, min: xMin, max: xMax, name: 'map size (entries)', nameLocation: 'middle', nameGap: 28 },
      yAxis: yLog ? { type: 'log', logBase: 10, name: c.unit + ' (log)', nameLocation: 'middle', nameGap: 50 }
        : { type: 'value', scale: true, name: c.unit, nameLocation: 'middle', nameGap: 50 },
      series: series
    };
  }

  function barsOption(c) {
    var names = c.categories.map(function (n) { return n.replace(/^Benchmark/, ''); });
    var series = c.series.map(function (s) {
      var data = names.map(function () { return null; });
      s.points.forEach(function (p) { data[p.x] = { value: p.median, low: p.low, high: p.high, n: p.n }; });
      return { name: s.column, type: 'bar', color: colorOf[s.column], data: data };
    });
    return {
      animation: false,
      title: { text: c.title, textStyle: { fontSize: 13 } },
      legend: { top: 22, type: 'scroll' },
      grid: { top: 55, left: 10, right: 30, bottom: 20, containLabel: true },
      tooltip: { trigger: 'item', formatter: function (p) {
        var d = p.data;
        return p.seriesName + '<br>' + p.name + ': ' + fmt(d.value) + ' ' + c.unit +
          '<br>CI [' + fmt(d.low) + ', ' + fmt(d.high) + '], n=' + d.n;
      } },
      xAxis: { type: 'value', name: c.unit },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize: 10 } },
      series: series
    };
  }

  function summary() {
    add(root, 'h2', { id: 'sources' }, 'Result documents');
    table(root, ['column', 'file', 'goarch', 'emulation', 'map impl', 'cpu', 'suite', 'benchtime', 'repetitions', 'started', 'benchmarks'],
      page.sources.map(function (s) {
        return [s.column, s.file, s.goarch, s.emulation || '-', s.mapImpl, s.cpuModel, s.suite || '-', s.benchtime, s.repetitions, s.startedAt, s.benchmarks];
      }));
  }

  function claims() {
    var m = page.claims;
    add(root, 'h2', { id: 'claims' }, 'Claim verdicts');
    if (m.rows.length === 0) { add(root, 'p', { class: 'note' }, 'No document holds claim verdicts.'); return; }
    add(root, 'p', { class: 'note' }, m.counts.map(function (c) { return c.count + ' ' + c.verdict; }).join(', ') +
      '. Hover a cell for the reason and what was measured.');
    var t = add(root, 'table', { id: 'claim-matrix' });
    var tr = add(add(t, 'thead'), 'tr');
    add(tr, 'th', {}, 'claim');
    m.columns.forEach(function (c) { add(tr, 'th', {}, c); });
    var body = add(t, 'tbody');
    m.rows.forEach(function (r) {
      var row = add(body, 'tr', { 'data-claim': r.id });
      add(row, 'td', { title: r.statement }, r.id);
      r.cells.forEach(function (cell, i) {
        var v = cell.verdict || 'none';
        add(row, 'td', { class: 'verdict v-' + v.replace(/[^a-z-]/g, ''), 'data-column': m.columns[i],
          title: [cell.reason, cell.measured].filter(Boolean).join('\n') }, cell.verdict || '–');
      });
    });
  }

  function benchmarks() {
    page.sections.forEach(function (s) {
      add(root, 'h2', { id: 'scenario-' + s.scenario }, s.scenario);
      var grid = add(root, 'div', { class: 'charts' });
      s.charts.forEach(function (c) {
        if (c.kind === 'size-sweep') {
          register(c.id, c.kind, chartBox(grid, c.id), sweepOption(c));
        } else {
          var rows = c.categories.length * Math.max(1, c.series.length);
          register(c.id, c.kind, chartBox(grid, c.id, Math.max(220, 90 + rows * 13), true), barsOption(c));
        }
      });
      if (s.noAllocs) add(root, 'p', { class: 'note' }, 'No benchmark of ' + s.scenario + ' allocates (0 B/op, 0 allocs/op) in any document.');
    });
  }

  function comparisons() {
    add(root, 'h2', { id: 'comparisons' }, 'Comparisons');
    add(root, 'p', { class: 'note' }, 'Medians compared as benchstat does (golang.org/x/perf/benchmath: Mann-Whitney U-test, alpha 0.05); "~" = no significant difference.');
    if (page.comparisons.length === 0) { add(root, 'p', { class: 'note' }, 'Nothing to compare (no baseline given and one Go version per cluster).'); return; }
    page.comparisons.forEach(function (c) {
      add(root, 'h3', { id: 'comparison-' + c.id }, c.title);
      if (c.unmatched) add(root, 'p', { class: 'note' }, c.unmatched + ' benchmark(s) of ' + c.new + ' have no counterpart in ' + c.old + '.');
      var ns = c.rows.filter(function (r) { return r.unit === 'ns/op'; });
      if (ns.length > 0) {
        var names = ns.map(function (r) { return r.benchmark.replace(/^Benchmark/, ''); });
        var colors = { faster: '#2ca02c', slower: '#d62728' };
        register(c.id, 'comparison', chartBox(root, c.id, Math.max(200, 80 + ns.length * 16), true), {
          animation: false,
          title: { text: 'ns/op change of the median, ' + c.old + ' → ' + c.new, textStyle: { fontSize: 13 } },
          grid: { top: 40, left: 10, right: 40, bottom: 20, containLabel: true },
          tooltip: { trigger: 'item', formatter: function (p) { var r = ns[p.dataIndex];
            return p.name + '<br>' + fmt(r.oldMedian) + ' → ' + fmt(r.newMedian) + ' ns/op: ' + r.delta + ' (p=' + r.p.toFixed(3) + ')'; } },
          xAxis: { type: 'value', name: '%' },
          yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize: 10 } },
          series: [{ type: 'bar', name: 'change %', data: ns.map(function (r) {
            return { value: r.change, itemStyle: { color: colors[r.verdict] || '#9aa0a8' } }; }) }]
        });
      }
      var t = table(root, ['benchmark', 'unit', c.old, c.new, 'delta', 'p', 'n', 'verdict'], c.rows.map(function (r) {
        return [r.benchmark.replace(/^Benchmark/, ''), r.unit, r.oldMedian, r.newMedian,
          { text: r.delta, attrs: { class: 'num', title: (r.warnings || []).join('\n') } }, { text: r.p.toFixed(3), attrs: { class: 'num' } },
          r.oldN + '+' + r.newN, { text: r.verdict, attrs: { class: 'v-' + r.verdict.replace(/[^a-z]/g, '') } }];
      }));
      t.setAttribute('data-comparison', c.id);
    });
  }

  add(root, 'p', { class: 'note' }, page.columns.length + ' result document(s). Charts show each document\'s medians ' +
    'with their confidence intervals (whiskers) as the run computed them; legends toggle columns.');
  summary();
  claims();
  benchmarks();
  comparisons();
  window.addEventListener('resize', function () {
    registry.charts.forEach(function (c) { echarts.getInstanceByDom(document.getElementById(c.element)).resize(); });
  });
  registry.ready = true;
})();
