/**
 * The report's own stylesheet (inlined; hashed into the CSP). Verdict colours always come with a
 * word and an icon in the markup, so nothing depends on colour; `@media print` drops the chrome.
 */
export const REPORT_CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #57606a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.meta, .note { color: var(--muted); }
nav a { margin-right: 1rem; }
.verdict { display: inline-block; font-weight: 700; font-size: 1.2rem; padding: .3rem .8rem; border: 2px solid currentColor; border-radius: 6px; }
.passed, .met, .improved { color: var(--pass); }
.failed, .violated, .regression { color: var(--fail); }
.untrusted, .inconclusive, .unstable, .minor { color: var(--warn); }
.skipped, .no-data, .unchanged, .new { color: var(--skip); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.failed td:first-child { border-left: 4px solid var(--fail); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .5rem; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
.chart { min-height: 260px; }
pre.snippet { white-space: pre-wrap; word-break: break-all; max-height: 8rem; overflow: auto; background: #f6f8fa; padding: .3rem; margin: 0; }
svg text { font: 11px system-ui, sans-serif; fill: var(--fg); }
svg .ci { stroke: var(--fg); stroke-width: 2; }
svg .base { stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .dot { fill: var(--fg); }
svg .box { fill: #ddf4ff; stroke: var(--fg); }
svg .axis, svg .grid { stroke: var(--line); }
svg.changeplot { display: block; }
td.name { overflow-wrap: anywhere; min-width: 8rem; }
td.code, .code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
td.plot, th.plot { width: 250px; padding: .1rem .3rem; }
.scroll { overflow-x: auto; }
table.bench td.num { white-space: nowrap; }
.interval { color: var(--muted); font-size: .85em; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  .charts { grid-template-columns: 1fr 1fr; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  th, td { padding: .2rem .35rem; }
  .scroll { overflow: visible; }
}
`;
