/**
 * The browser side of the load-test charts (Gatling's set): active users, requests and responses
 * per second by status class, response-time percentiles over time, failed requests by code, the
 * response-time distribution (counts) and the percentile curve. Plain ES2017 text, concatenated
 * into the report's one client script (see client.ts). The x axis is seconds since the test
 * started, each point at its window's end; a window without responses has no latency (a gap).
 */
export const LOAD_CHARTS_JS = `
  var CLASS_COLORS = { '1xx': '#8250df', '2xx': '#1a7f37', '3xx': '#0969da', '4xx': '#bf8700', '5xx': '#cf222e' };
  var CODE_COLORS = ['#cf222e', '#8250df', '#bf8700', '#0969da', '#57606a', '#1b7c83'];
  function count(v) { return v == null ? '—' : String(+v.toFixed(2)); }
  function windowEnds(test) {
    var s = test.series, width = test.intervalMs || 10000;
    var zero = test.startedAt != null ? test.startedAt : (s.length ? s[0].at : 0);
    var end = test.durationMs != null ? zero + test.durationMs : Infinity;
    return s.map(function (p) { return Math.max(0, Math.min(p.at + width, end) - zero) / 1000; });
  }
  function timeScale(test) {
    var max = test.durationMs != null ? test.durationMs / 1000 : null;
    return { time: false, range: function (u, lo, hi) { return [0, Math.max(max || hi, hi, 1)]; } };
  }
  function timeAxis() { return { values: elapsedAxis, label: 'seconds since the test started' }; }
  function line(label, stroke, dash, fmt, scale) {
    return { label: label, stroke: stroke, dash: dash, width: 2, scale: scale || 'y', value: function (u, v) { return fmt(v); } };
  }
  function users(test) {
    var s = test.series;
    return {
      opts: { scales: { x: timeScale(test), y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
        series: [TIME_X, Object.assign(line('active VUs', '#0969da', SOLID, count), { fill: 'rgba(9,105,218,0.12)', paths: uPlot.paths.stepped({ align: -1 }) })],
        axes: [timeAxis(), { label: 'virtual users running' }] },
      data: [windowEnds(test), s.map(function (p) { return p.vusersActive == null ? null : p.vusersActive; })]
    };
  }
  function throughput(test) {
    var s = test.series, classes = {};
    s.forEach(function (p) { Object.keys(p.statusClasses || {}).forEach(function (c) { classes[c] = true; }); });
    var names = Object.keys(classes).sort();
    var perSecond = function (n, p) { return n == null ? 0 : +(n / (p.seconds || 1)).toFixed(2); };
    var series = [TIME_X, line('requests sent/s', '#1b1f24', SOLID, count)];
    var data = [windowEnds(test), s.map(function (p) { return p.rps; })];
    names.forEach(function (c, i) {
      series.push(line(c + ' responses/s', CLASS_COLORS[c] || '#57606a', [DASH, DOT, LONG, SOLID][i % 4], count));
      data.push(s.map(function (p) { return perSecond((p.statusClasses || {})[c], p); }));
    });
    series.push(line('transport errors/s', '#8250df', DOT, count));
    data.push(s.map(function (p) {
      var n = 0; Object.keys(p.errorCodes || {}).forEach(function (k) { if (k.indexOf('HTTP ') !== 0) n += p.errorCodes[k]; });
      return perSecond(n, p);
    }));
    return {
      opts: { scales: { x: timeScale(test), y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
        series: series, axes: [timeAxis(), { label: 'per second' }] },
      data: data
    };
  }
  function latency(test) {
    var s = test.series, pick = function (k) { return s.map(function (p) { return p[k] == null ? null : p[k]; }); };
    return {
      opts: { scales: { x: timeScale(test) },
        series: [TIME_X, line('p50', '#0969da', SOLID, fmtMs), line('p95', '#bf8700', DASH, fmtMs), line('p99', '#cf222e', DOT, fmtMs)],
        axes: [timeAxis(), { label: 'ms', values: function (u, vals) { return vals.map(function (v) { return +v.toPrecision(3); }); } }] },
      data: [windowEnds(test), pick('p50'), pick('p95'), pick('p99')]
    };
  }
  function errors(test) {
    var s = test.series, codes = {};
    s.forEach(function (p) { Object.keys(p.errorCodes || {}).forEach(function (c) { codes[c] = true; }); });
    var names = Object.keys(codes).sort();
    var series = [TIME_X], data = [windowEnds(test)];
    names.forEach(function (c, i) {
      series.push(Object.assign(line(c, CODE_COLORS[i % CODE_COLORS.length], [SOLID, DASH, DOT, LONG][i % 4], count), { points: { show: true, size: 5 } }));
      data.push(s.map(function (p) { return (p.errorCodes || {})[c] || 0; }));
    });
    if (names.length === 0) {
      series.push(line('failed requests', '#1a7f37', SOLID, count));
      data.push(s.map(function () { return 0; }));
    }
    return {
      opts: { scales: { x: timeScale(test), y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
        series: series, axes: [timeAxis(), { label: 'failed requests per window' }] },
      data: data
    };
  }
  function histogram(test) {
    var bins = test.histogram || [];
    var range = function (i) { var b = bins[Math.round(i)]; return b ? fmtMs(b.fromMs) + '–' + fmtMs(b.toMs) : ''; };
    return {
      opts: { scales: { x: { time: false, range: function () { return [-0.5, bins.length - 0.5]; } }, y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
        series: [{ label: 'latency range', value: function (u, v) { return v == null ? '—' : range(v); } },
          { label: 'responses', stroke: '#0969da', fill: 'rgba(9,105,218,0.35)', width: 1, paths: uPlot.paths.bars({ size: [0.9, 60] }), points: { show: false }, value: function (u, v) { return v == null ? '—' : String(v); } }],
        axes: [{ label: 'latency (ms, log-spaced ranges)', splits: function () { var out = []; for (var i = 0; i < bins.length; i += Math.max(1, Math.ceil(bins.length / 6))) out.push(i); return out; },
          values: function (u, vals) { return vals.map(function (v) { var b = bins[Math.round(v)]; return b ? String(+b.fromMs.toPrecision(3)) : ''; }); } },
          { label: 'responses (count)' }] },
      data: [bins.map(function (b, i) { return i; }), bins.map(function (b) { return b.count; })]
    };
  }
`;
