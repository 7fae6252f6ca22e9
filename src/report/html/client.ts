/**
 * The browser side of the HTML report: draws the uPlot charts from the embedded JSON data.
 * Kept as a plain ES2017 string (the HTML inlines it and hashes it into the CSP). It only ever
 * passes user text to uPlot (which sets it with textContent) and never builds markup from data.
 * Series differ by dash pattern as well as colour, so charts read without colour too.
 */
export const REPORT_CLIENT_JS = `(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('perfgate-data').textContent);
  var SOLID = [], DASH = [8, 4], DOT = [2, 3], LONG = [14, 4, 3, 4];
  function width(el) { return Math.max(320, Math.min(el.clientWidth || 560, 1100) - 16); }
  function fmtMs(v) { return v == null ? '—' : v >= 1000 ? (v / 1000).toFixed(2) + ' s' : v >= 10 ? v.toFixed(0) + ' ms' : v.toFixed(2) + ' ms'; }
  function clock(u, vals) { return vals.map(function (v) { return new Date(v * 1000).toISOString().slice(11, 19); }); }
  function series(label, stroke, dash, scale) {
    return { label: label, stroke: stroke, dash: dash, width: 2, scale: scale || 'y', value: function (u, v) { return v == null ? '—' : scale === 'count' || scale === 'rps' ? v.toFixed(1) : fmtMs(v); } };
  }
  function latency(test) {
    var s = test.series;
    return {
      opts: { series: [{ label: 'time (UTC)', value: function (u, v) { return v == null ? '—' : new Date(v * 1000).toISOString().slice(11, 19); } },
        series('p50', '#0969da', SOLID), series('p95', '#bf8700', DASH), series('p99', '#cf222e', DOT)],
        axes: [{ values: clock }, { label: 'latency (ms)' }] },
      data: [s.map(function (p) { return p.at / 1000; }), s.map(function (p) { return p.p50 == null ? null : p.p50; }),
        s.map(function (p) { return p.p95 == null ? null : p.p95; }), s.map(function (p) { return p.p99 == null ? null : p.p99; })]
    };
  }
  function throughput(test) {
    var s = test.series;
    return {
      opts: { series: [{ label: 'time (UTC)', value: function (u, v) { return v == null ? '—' : new Date(v * 1000).toISOString().slice(11, 19); } },
        series('requests/s', '#0969da', SOLID, 'rps'), series('errors', '#cf222e', DASH, 'count')],
        scales: { rps: {}, count: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
        axes: [{ values: clock }, { scale: 'rps', label: 'requests/s' }, { scale: 'count', side: 1, label: 'errors per window', grid: { show: false } }] },
      data: [s.map(function (p) { return p.at / 1000; }), s.map(function (p) { return p.rps; }), s.map(function (p) { return p.errors; })]
    };
  }
  function percentiles(test) {
    var pts = test.percentileCurve.filter(function (p) { return p.percentile < 100 && p.valueMs > 0; });
    return {
      opts: { scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        series: [{ label: 'percentile', value: function (u, v) { return v == null ? '—' : 'p' + +(100 - 100 / v).toPrecision(6); } },
          Object.assign(series('latency', '#0969da', SOLID), { points: { show: true } })],
        axes: [{ label: 'percentile (log scale)', splits: function (u) { var x = u.scales.x; return [1, 2, 4, 10, 100, 1000, 10000, 100000].filter(function (v) { return v >= x.min && v <= x.max; }); }, values: function (u, vals) { return vals.map(function (v) { return 'p' + +(100 - 100 / v).toPrecision(4); }); } },
          { label: 'latency (ms, log scale)' }] },
      data: [pts.map(function (p) { return 1 / (1 - p.percentile / 100); }), pts.map(function (p) { return p.valueMs; })]
    };
  }
  function trend(t) {
    var changes = t.changes.map(function (c) { return c.index; });
    return {
      opts: {
        series: [{ label: 'run', value: function (u, v) { return v == null ? '—' : '#' + t.points[v].runId; } },
          Object.assign(series(t.metric, '#0969da', SOLID, 'v'), { points: { show: true }, value: function (u, v) { return v == null ? '—' : String(+v.toPrecision(4)) + (t.unit ? ' ' + t.unit : ''); } })],
        scales: { x: { time: false }, v: {} },
        axes: [{ label: 'run', values: function (u, vals) { return vals.map(function (v) { var p = t.points[v]; return p && v === Math.round(v) ? '#' + p.runId : ''; }); } }, { scale: 'v', label: t.unit || '' }],
        hooks: { draw: [function (u) {
          var ctx = u.ctx; ctx.save(); ctx.strokeStyle = '#cf222e'; ctx.lineWidth = 2; ctx.setLineDash([6, 4]);
          changes.forEach(function (i) {
            var x = u.valToPos(i - 0.5, 'x', true);
            ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
          });
          ctx.restore();
        }] } },
      data: [t.points.map(function (p, i) { return i; }), t.points.map(function (p) { return p.value; })]
    };
  }
  var builders = { latency: latency, throughput: throughput, percentiles: percentiles };
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), function (el) {
    var kind = el.getAttribute('data-chart'), index = Number(el.getAttribute('data-index'));
    var spec = kind === 'trend' ? trend(report.trends[index]) : builders[kind](report.loadTests[index]);
    if (spec.data[0].length === 0) { el.textContent = 'No data for this chart.'; return; }
    spec.opts.width = width(el); spec.opts.height = 240;
    new uPlot(spec.opts, spec.data, el);
  });
})();`;
