/**
 * The game day's HTML page: one self-contained file (uPlot inline, strict CSP as the run report),
 * a timeline of burn rate, faults and alerts, and a table of the expectations.
 */
import { escapeHtml, jsonForScript } from '../escape.js';
import { contentSecurityPolicy, type HtmlAssets } from '../html/page.js';
import type { GamedayDocument } from './model.js';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;max-width:1100px;color:#1f2328}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left}
.held{color:#1a7f37}.broken{color:#cf222e}.band{font-size:12px;color:#57606a}`;

/** Draws the timeline: burn rate per SLO (log scale) and one 0/1 step line per fault and per alert. */
const CLIENT_JS = `(function () {
  'use strict';
  var d = JSON.parse(document.getElementById('gameday-data').textContent);
  var el = document.getElementById('timeline');
  var step = d.intervalMs, end = d.endedAtMs, xs = [];
  for (var t = 0; t <= end; t += step) xs.push(t / 1000);
  var colors = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#57606a'];
  var dashes = [[], [8, 4], [2, 3], [14, 4, 3, 4]];
  var series = [{ label: 's since load start' }], data = [xs], n = 0;
  function add(label, values, scale) {
    series.push({ label: label, scale: scale, stroke: colors[n % colors.length], dash: dashes[n % dashes.length], width: 2,
      paths: scale === 'on' ? uPlot.paths.stepped({ align: 1 }) : undefined });
    data.push(values); n++;
  }
  d.burn.forEach(function (b) {
    add('burn rate ' + b.sloId, xs.map(function (x) {
      var best = null; b.points.forEach(function (p) { if (Math.abs(p[0] / 1000 - x) <= step / 2000) best = p[1]; });
      return best;
    }), 'burn');
  });
  function on(from, to) { return xs.map(function (x) { return x * 1000 >= from && (to == null || x * 1000 < to) ? 1 : 0; }); }
  d.faults.forEach(function (f) { add('fault ' + f.name, d.control ? xs.map(function () { return 0; }) : on(f.fromMs, f.toMs), 'on'); });
  d.alerts.forEach(function (a) {
    add(a.alertname + ' ' + a.sloId + ' ' + a.severity + (a.tier ? ' ' + a.tier : ''), on(a.startMs, a.endMs), 'on');
  });
  new uPlot({ width: Math.max(480, Math.min(el.clientWidth || 900, 1100)), height: 360,
    scales: { x: { time: false }, burn: { distr: 3 }, on: { range: [0, 1.2] } }, series: series,
    axes: [{ label: 'seconds since the load started' }, { scale: 'burn', label: 'burn rate (log)' },
      { scale: 'on', side: 1, label: 'active / firing', values: function (u, v) { return v.map(function (x) { return x === 1 ? 'on' : x === 0 ? 'off' : ''; }); } }] },
    data, el);
})();`;

const ms = (value: number | null) => (value === null ? '—' : `${(value / 1000).toFixed(1)} s`);

function expectationRows(doc: GamedayDocument): string {
  return doc.expectations
    .map((e) => {
      const state = e.held
        ? '<span class="held">✓ held</span>'
        : `<span class="broken">✗ ${escapeHtml(e.problems.join('; '))}</span>`;
      const cells = [
        state,
        escapeHtml(`${e.slo} · ${e.alert} ${e.severity}`),
        escapeHtml(e.fault),
        `${ms(e.timeToFireMs)} <span class="band">/ ${ms(e.fireDeadlineMs)}</span>`,
        `${ms(e.timeToResolveMs)} <span class="band">/ ${ms(e.resolveDeadlineMs)}</span>`,
        e.budgetSpent === null ? '—' : `${(e.budgetSpent * 100).toFixed(2)} %`,
        escapeHtml(e.gate === null ? '—' : `${e.gateVerdict ?? 'none'} (expected ${e.gate})`),
      ];
      return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    })
    .join('\n');
}

export function renderGamedayHtml(doc: GamedayDocument, assets: HtmlAssets): string {
  const styles = [assets.uplotCss, CSS];
  const scripts = [assets.uplotJs, CLIENT_JS];
  const title = `Game day ${doc.passed ? 'passed' : 'FAILED'}${doc.control ? ' (control run, no fault injected)' : ''}`;
  const pages = doc.falsePages
    .map(
      (p) =>
        `<li class="broken">${escapeHtml(`${p.alertname} ${p.sloId} (${p.severity}) at ${ms(p.startMs)}`)}</li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(scripts, styles))}">
<title>${escapeHtml(title)}</title>
${styles.map((css) => `<style>${css}</style>`).join('\n')}
</head><body>
<h1>${escapeHtml(title)}</h1>
<ul class="band">${[...doc.scale, `rules: ${doc.rulesFile}`].map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<h2>Timeline</h2><div id="timeline"></div>
<h2>Expectations</h2>
<table><tr><th>verdict</th><th>alert</th><th>fault</th><th>time to fire / deadline</th><th>time to resolve / deadline</th><th>budget spent</th><th>SLO gate</th></tr>
${expectationRows(doc)}</table>
<h2>False pages</h2>${pages === '' ? '<p>none</p>' : `<ul>${pages}</ul>`}
<h2>Faults</h2><ul>${doc.faults.map((f) => `<li>${escapeHtml(f.description)}</li>`).join('')}</ul>
<script type="application/json" id="gameday-data">${jsonForScript(doc)}</script>
${scripts.map((js) => `<script>${js}</script>`).join('\n')}
</body></html>
`;
}
