/**
 * The detector's self-test (`npm run bench`): the real process runner and verdict pipeline of
 * `perfgate bench`, run on this machine. A/A: a ~100 µs workload compared with itself 20 times
 * may false-alarm at most once. A/B: a real 15 % slowdown must be flagged (minor or worse) at
 * least 19 times of 20 — 15 %, not 10 %: a change is a regression only when its estimate reaches
 * the 10 % minor threshold, which a true 10 % misses half the time. A/A and A/B comparisons
 * alternate so machine drift hits both alike.
 *
 *   npx tsx bench/regression/run.ts [--quick] [--comparisons N]
 *
 * --quick runs 10 + 10 comparisons with fewer samples per process. Exit 0 when both goals hold.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuiteReports } from '../../src/bench/report.js';
import { type ProcessRequest, sampleSuite } from '../../src/bench/session.js';
import { type VerdictPolicy, verdictLabel } from '../../src/bench/verdict.js';
import { runChildProcess } from '../../src/cli/bench/process-runner.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const WORKLOAD = join(here, 'workload.bench.mjs');
const SLOWDOWN = 1.15;
const policy: VerdictPolicy = { minor: 10, major: 20, critical: 50, falseDiscovery: 'holm' };
const PROCESSES = 6;
const MAX_PROCESSES = 12;

interface Options {
  quick: boolean;
  comparisons: number;
}

function parseArgs(argv: readonly string[]): Options {
  const at = argv.indexOf('--comparisons');
  const quick = argv.includes('--quick');
  const comparisons = at === -1 ? (quick ? 10 : 20) : Number(argv[at + 1]);
  if (!Number.isInteger(comparisons) || comparisons < 1)
    throw new Error('--comparisons needs a positive integer');
  return { quick, comparisons };
}

/** The built child: no TypeScript loader, so processes start faster (`npm run bench` builds first). */
function childEntry(): string {
  const built = join(root, 'dist', 'cli', 'bench', 'child.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  return built;
}

async function compare(candidateScale: number, options: Options) {
  const entry = childEntry();
  const defaults = options.quick ? { iterations: 15, warmupIterations: 5 } : {};
  const runner = (request: ProcessRequest) => {
    const scale = request.side === 'candidate' ? candidateScale : 1;
    const env = { ...process.env, PERFGATE_REGRESSION_SCALE: String(scale) };
    const only = request.only ? { only: [...request.only] } : {};
    return runChildProcess({ file: WORKLOAD, defaults, ...only }, { env, cwd: root, childEntry: entry });
  };
  const samples = await sampleSuite(runner, {
    processes: PROCESSES,
    maxProcesses: MAX_PROCESSES,
    policy,
    base: { kind: 'measured' },
  });
  const [suite] = buildSuiteReports(
    [{ name: 'regression', file: WORKLOAD, samples, baseSource: 'ref', baselineFile: null, warnings: [] }],
    policy,
  );
  const bench = suite?.benchmarks[0];
  if (bench?.comparison == null) throw new Error('the self-test produced no comparison');
  return { verdict: bench.verdict, comparison: bench.comparison, rounds: samples.rounds };
}

function line(kind: string, i: number, result: Awaited<ReturnType<typeof compare>>): string {
  const { ratio, adjustedPValue } = result.comparison;
  const pct = (r: number) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`;
  const verdict = result.verdict.kind === 'new' ? 'new' : verdictLabel(result.verdict);
  return `${kind} #${String(i + 1).padStart(2)}  ${pct(ratio.estimate).padStart(7)} [${pct(ratio.lower)}, ${pct(ratio.upper)}]  p=${adjustedPValue.toFixed(3)}  ${String(result.rounds).padStart(2)}+${result.rounds} processes  ${verdict}`;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  let falseAlarms = 0;
  let aaInconclusive = 0;
  let detected = 0;
  let processes = 0;
  console.log(
    `self-test: ${options.comparisons} A/A and ${options.comparisons} A/B (+${Math.round((SLOWDOWN - 1) * 100)} %) comparisons, child ${childEntry()}`,
  );
  for (let i = 0; i < options.comparisons; i++) {
    const aa = await compare(1, options);
    if (aa.verdict.kind === 'regression' || aa.verdict.kind === 'improved') falseAlarms++;
    if (aa.verdict.kind === 'inconclusive') aaInconclusive++;
    console.log(line('A/A', i, aa));
    const ab = await compare(SLOWDOWN, options);
    if (ab.verdict.kind === 'regression') detected++;
    console.log(line('A/B', i, ab));
    processes += 2 * (aa.rounds + ab.rounds);
  }
  const seconds = (performance.now() - started) / 1000;
  const n = options.comparisons;
  // 1 of 20 and 19 of 20, scaled: at most 5 % false alarms, at least 95 % detected.
  const maxFalseAlarms = Math.max(1, Math.floor(n / 20));
  const minDetected = Math.floor(0.95 * n);
  console.log(
    `A/A false alarms: ${falseAlarms}/${n} (goal ≤ ${maxFalseAlarms}); inconclusive ${aaInconclusive}/${n}`,
  );
  console.log(`A/B +${Math.round((SLOWDOWN - 1) * 100)} % flagged: ${detected}/${n} (goal ≥ ${minDetected})`);
  console.log(`wall time ${seconds.toFixed(1)} s, ${processes} processes`);
  return falseAlarms <= maxFalseAlarms && detected >= minDetected ? 0 : 1;
}

process.exitCode = await main();
