/**
 * JUnit XML: one testsuite per gate kind, one testcase per gate (SLO, threshold, benchmark
 * verdict, generator health), so any CI shows the gates as tests. A failed gate carries
 * `<failure message="measured … vs target …" type="KIND">`; a gate without data is `<skipped>`.
 * Attributes follow the common (Ant/Jenkins) JUnit schema: every testsuite has name, tests,
 * failures, errors, skipped, time, timestamp, hostname, id and package. `time` is the measured
 * duration (seconds) of what a gate judged: the load test's run, a benchmark's sampled time; a
 * suite's time counts each measurement once (three gates of one 60 s test are 60 s, not 180 s).
 */
import { escapeXml as x } from './escape.js';
import { measuredVsTarget } from './format.js';
import { GATE_KINDS, type Gate, type RunReport } from './model.js';

const SUITE_NAMES: Record<Gate['kind'], string> = {
  slo: 'SLO compliance',
  threshold: 'load test thresholds',
  benchmark: 'benchmark regressions',
  health: 'load generator health',
};

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

/** Each distinct measurement once: gates of one source with one duration share it. */
function measuredMs(gates: Gate[]): number {
  const distinct = new Map<string, number>();
  for (const gate of gates) {
    if (gate.durationMs === undefined) continue;
    const key =
      gate.kind === 'benchmark' ? `${gate.kind}\u0000${gate.name}` : `${gate.source}\u0000${gate.durationMs}`;
    distinct.set(key, gate.durationMs);
  }
  return [...distinct.values()].reduce((sum, ms) => sum + ms, 0);
}

function testcase(gate: Gate): string {
  const open = `    <testcase name="${x(gate.name)}" classname="perfgate.${gate.kind}${gate.source ? `.${x(gate.source)}` : ''}" time="${seconds(gate.durationMs)}"`;
  const detail = [measuredVsTarget(gate), gate.message].filter(Boolean).join(' — ');
  if (gate.status === 'failed') {
    return `${open}>\n      <failure message="${x(detail)}" type="${gate.kind}">${x(detail)}</failure>\n    </testcase>`;
  }
  if (gate.status === 'skipped' || gate.status === 'inconclusive') {
    return `${open}>\n      <skipped message="${x(detail)}"/>\n    </testcase>`;
  }
  return gate.message === undefined
    ? `${open}/>`
    : `${open}>\n      <system-out>${x(detail)}</system-out>\n    </testcase>`;
}

function counts(gates: Gate[]) {
  return {
    tests: gates.length,
    failures: gates.filter((g) => g.status === 'failed').length,
    skipped: gates.filter((g) => g.status === 'skipped' || g.status === 'inconclusive').length,
  };
}

export function renderJunit(report: RunReport): string {
  const timestamp = new Date(report.generatedAt).toISOString().replace(/\.\d+Z$/, '');
  const suites = GATE_KINDS.map((kind) => report.verdict.gates.filter((gate) => gate.kind === kind))
    .filter((gates) => gates.length > 0)
    .map((gates, id) => {
      const kind = (gates[0] as Gate).kind;
      const { tests, failures, skipped } = counts(gates);
      return [
        `  <testsuite name="${x(SUITE_NAMES[kind])}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(measuredMs(gates))}" timestamp="${timestamp}" hostname="perfgate" id="${id}" package="perfgate.${kind}">`,
        '    <properties/>',
        ...gates.map(testcase),
        '    <system-out/>',
        '    <system-err/>',
        '  </testsuite>',
      ].join('\n');
    });
  const total = counts(report.verdict.gates);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(report.title)}" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" time="${seconds(measuredMs(report.verdict.gates))}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
