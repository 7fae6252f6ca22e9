/** The console table of `perfgate bench`: one row per benchmark, grouped by suite. */
import { changeText } from '../../bench/gate.js';
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
  return changeText(bench);
}

function paintVerdict(verdict: ReportedVerdict, colors: Colors): string {
  switch (verdict.kind) {
    case 'regression':
      return (verdict.severity === 'minor' ? colors.yellow : colors.red)(`regression (${verdict.severity})`);
    case 'improved':
      return colors.green('improved');
    case 'unchanged':
      return verdict.belowThreshold ? 'unchanged (below threshold)' : 'unchanged';
    case 'inconclusive':
      return colors.yellow(
        verdict.reason === 'disturbed' ? 'inconclusive (machine disturbed)' : 'inconclusive',
      );
    case 'unstable':
      return colors.yellow('unstable');
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

/** The compared figure of one benchmark: instructions per call, or time per call. */
function figure(bench: BenchmarkReport): string {
  if (bench.instructions) return `${Math.round(bench.instructions.figure).toLocaleString('en-US')} instr`;
  return formatNs(bench.time);
}

/**
 * Lines of the results table (header first). `time` is the compared figure (the fastest process's
 * 10th percentile per call); the median and its CI are shown for people; in instructions mode the
 * compared figure is instructions per call and the wall time's own verdict sits beside it.
 */
export function formatTable(suites: readonly SuiteReport[], colors: Colors): string[] {
  const all = suites.flatMap((suite) => suite.benchmarks);
  const instructions = all.some((bench) => bench.instructions);
  // Wall mode where counts settled a few verdicts: those rows show instructions.
  const mixed = instructions && all.some((bench) => !bench.instructions);
  const header = [
    'benchmark',
    mixed ? 'time | instructions' : instructions ? 'instructions' : 'time',
    'median [95% CI]',
    'n',
    'vs base [interval]',
    'verdict',
    ...(instructions ? ['wall vs base', 'wall verdict'] : []),
  ];
  const rows = suites.flatMap((suite) =>
    suite.benchmarks.map((bench) => [
      `${suite.name} › ${bench.name}`,
      figure(bench),
      `${formatNs(bench.median)} [${formatNs(bench.ci.lower)}, ${formatNs(bench.ci.upper)}]`,
      String(bench.processMedians.length),
      formatChange(bench),
      paintVerdict(bench.verdict, colors) + (bench.settledBy ? colors.dim(' by instructions') : ''),
      ...(bench.wall
        ? [
            bench.wall.comparison ? formatChange({ ...bench, comparison: bench.wall.comparison }) : '–',
            paintVerdict(bench.wall.verdict, colors),
          ]
        : instructions
          ? ['–', '–']
          : []),
    ]),
  );
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => plain(row[i] ?? '').length)),
  );
  return pad([header.map((h) => colors.bold(h)), ...rows], widths);
}
