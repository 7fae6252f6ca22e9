/** The console table of `perfgate bench`: one row per benchmark, grouped by suite. */
import type { BenchmarkReport, ReportedVerdict, SuiteReport } from '../../bench/report.js';
import type { Colors } from '../output.js';

/** Nanoseconds per call as people read them: `0.42 ns`, `1.13 µs`, `108.3 µs`, `12.5 ms`. */
export function formatNs(ns: number): string {
  const [value, unit] =
    ns < 1_000
      ? [ns, 'ns']
      : ns < 1_000_000
        ? [ns / 1_000, 'µs']
        : ns < 1e9
          ? [ns / 1e6, 'ms']
          : [ns / 1e9, 's'];
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

function formatChange(bench: BenchmarkReport): string {
  if (bench.comparison === null) return bench.base === null ? '–' : 'n/a';
  const { changePct, ratio } = bench.comparison;
  const pct = (r: number) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;
  return `${pct(1 + changePct / 100)} [${pct(ratio.lower)}, ${pct(ratio.upper)}]`;
}

function paintVerdict(verdict: ReportedVerdict, colors: Colors): string {
  switch (verdict.kind) {
    case 'regression':
      return (verdict.severity === 'minor' ? colors.yellow : colors.red)(`regression (${verdict.severity})`);
    case 'improved':
      return colors.green('improved');
    case 'unchanged':
      return 'unchanged';
    case 'inconclusive':
      return colors.yellow('inconclusive');
    default:
      return colors.dim('new (no baseline)');
  }
}

/** Colour codes have no width: pad by the plain text's length. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const plain = (text: string) => text.replace(ANSI, '');

function pad(cells: string[][], widths: number[]): string[] {
  return cells.map((row) =>
    row
      .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - plain(cell).length)))
      .join('  ')
      .trimEnd(),
  );
}

/** Lines of the results table (header first). */
export function formatTable(suites: readonly SuiteReport[], colors: Colors): string[] {
  const header = ['benchmark', 'median', '95% CI', 'n', 'vs base [95% CI]', 'p (adj.)', 'verdict'];
  const rows = suites.flatMap((suite) =>
    suite.benchmarks.map((bench) => [
      `${suite.name} › ${bench.name}`,
      formatNs(bench.median),
      `${formatNs(bench.ci.lower)} – ${formatNs(bench.ci.upper)}`,
      String(bench.processMedians.length),
      formatChange(bench),
      bench.comparison ? bench.comparison.adjustedPValue.toFixed(3) : '–',
      paintVerdict(bench.verdict, colors),
    ]),
  );
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => plain(row[i] ?? '').length)),
  );
  return pad([header.map((h) => colors.bold(h)), ...rows], widths);
}
