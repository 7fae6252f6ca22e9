/**
 * The browser side of the HTML report: draws the uPlot charts from the embedded JSON data.
 * Kept as a plain ES2017 string (the HTML inlines it and hashes it into the CSP). It only ever
 * passes user text to uPlot (which sets it with textContent) and never builds markup from data.
 * Series differ by dash pattern as well as colour, so charts read without colour too.
 */
import { LOAD_CHARTS_JS } from './client-load.js';

export const REPORT_CLIENT_JS = `(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('perfgate-data').textContent);
  var SOLID = [], DASH = [8, 4], DOT = [2, 3], LONG = [14, 4, 3, 4];
  function width(el) { return Math.max(320, Math.min(el.clientWidth || 560, 1100) - 16); }
  function fmtMs(v) { return v == null ? '—' : v >= 1000 ? (v / 1000).toFixed(2) + ' s' : v >= 10 ? v.toFixed(0) + ' ms' : v.toFixed(2) + ' ms'; }
  function elapsed(v) { return v == null ? '—' : +v.toFixed(1) + ' s'; }
  function elapsedAxis(u, vals) { return vals.map(elapsed); }
  var TIME_X = { label: 'window end', value: function (u, v) { return elapsed(v); } };
  function series(label, stroke, dash, scale) {
    return { label: label, stroke: stroke, dash: dash, width: 2, scale: scale || 'y', value: function (u, v) { return v == null ? '—' : scale === 'count' || scale === 'rps' ? v.toFixed(1) : fmtMs(v); } };
  }
${LOAD_CHARTS_JS}
  // x is the number of nines, −log10(1 − p): 0 = p0, 1 = p90, 2 = p99, 3 = p99.9 (linear), y is log.
  function nines(p) { return -Math.log10(1 - p / 100); }
  function pct(x) { return 'p' + +(100 - 100 * Math.pow(10, -x)).toPrecision(6); }
  function percentiles(test) {
    var pts = test.percentileCurve.filter(function (p) { return p.percentile < 100 && p.valueMs > 0; });
    return {
      opts: { scales: { x: { time: false }, y: { distr: 3 } },
        series: [{ label: 'percentile', value: function (u, v) { return v == null ? '—' : pct(v); } },
          Object.assign(series('latency', '#0969da', SOLID), { points: { show: true } })],
        axes: [{ label: 'percentile (nines scale)', splits: function (u) { var x = u.scales.x; return [0, 1, 2, 3, 4, 5].filter(function (v) { return v >= x.min - 1e-9 && v <= x.max + 1e-9; }); },
          values: function (u, vals) { return vals.map(pct); } },
          { label: 'ms (log scale)' }] },
      data: [pts.map(function (p) { return nines(p.percentile); }), pts.map(function (p) { return p.valueMs; })]
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
  var builders = { users: users, throughput: throughput, latency: latency, errors: errors, histogram: histogram, percentiles: percentiles };
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), function (el) {
    var kind = el.getAttribute('data-chart'), index = Number(el.getAttribute('data-index'));
    var spec = kind === 'trend' ? trend(report.trends[index]) : builders[kind](report.loadTests[index]);
    if (spec.data[0].length === 0) { el.textContent = 'No data for this chart.'; return; }
    spec.opts.width = width(el); spec.opts.height = 240; spec.opts.legend = { live: false };
    new uPlot(spec.opts, spec.data, el);
  });
})();`;
