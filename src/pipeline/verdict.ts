/**
 * The deploy gate of a run (the spec's "block deployments"): `failed` on an SLO violation (or an
 * SLO whose scope saw no traffic, or that no result covered unless `allowUncovered`), a benchmark gate failure (a critical regression, or any
 * regression above PERFORMANCE_THRESHOLD) or a strict `ensure` failure; warnings for major
 * regressions, SLOs over target on too few events, and generator delay no verdict depends on.
 * `could-not-run` when a step failed, a target was unreachable, a load generator's delay may have
 * decided a gate (a failing latency or throughput gate of that load, or dropped iterations:
 * load/health/delay-impact.ts) or the time budget ran out; `interrupted` on SIGINT. The CLI maps
 * these to exit codes 0/1/3/130.
 */
import type { SloCheck } from '../slo/index.js';
import { describeCheck } from './slo-gate.js';

export type RunStatus = 'passed' | 'failed' | 'could-not-run' | 'interrupted';

/** What the benchmark suite's gate decided (`gate` of the bench results). */
export interface BenchGate {
  passed: boolean;
  failures: readonly string[];
  warnings: readonly string[];
}

/** The parts of one load result the gate reads. */
export interface LoadGate {
  name: string;
  /** The results file name, as SLO checks name their source (merged sources are joined by " + "). */
  source?: string;
  status: 'completed' | 'interrupted';
  unreachable: boolean;
  /** False when the generator fell behind its schedule. */
  trusted: boolean;
  healthReasons: readonly string[];
  /** The load's own verdicts the delay may have decided (failed latency ensure, dropped iterations). */
  delayDecisive?: readonly string[];
  /** Strict `ensure` checks that failed, as Artillery prints them. */
  ensureFailures: readonly string[];
  /** Segments of a distributed run that handed over no results (the run is incomplete). */
  missingSegments?: readonly string[];
}

export interface RunVerdict {
  status: RunStatus;
  /** Why the gate failed or the run could not finish, one line each. */
  failures: string[];
  warnings: string[];
}

export interface VerdictInput {
  sloChecks: readonly SloCheck[];
  bench?: BenchGate;
  loads: readonly LoadGate[];
  /** Steps that could not run (service start, a failed load test, the time budget). */
  errors: readonly string[];
  interrupted: boolean;
}

function sloFailures(checks: readonly SloCheck[]): string[] {
  return checks
    .filter((check) => check.verdict === 'fail' || check.verdict === 'no-data')
    .map(
      (check) => `SLO ${check.slo.name}: ${describeCheck(check)}${check.source ? ` (${check.source})` : ''}`,
    );
}

/** Latency and throughput SLOs that failed on this load's results: the delay may be why. */
function delaySensitiveFailures(load: LoadGate, checks: readonly SloCheck[]): string[] {
  const { source } = load;
  if (source === undefined) return [];
  return checks
    .filter(
      (check) =>
        check.verdict === 'fail' &&
        (check.slo.indicator.kind === 'latency' || check.slo.indicator.kind === 'throughput') &&
        check.source.split(' + ').includes(source),
    )
    .map((check) => `SLO ${check.slo.name} failed`);
}

interface LoadProblems {
  untrusted: string[];
  gate: string[];
  warnings: string[];
}

function loadProblems(loads: readonly LoadGate[], checks: readonly SloCheck[]): LoadProblems {
  const problems: LoadProblems = { untrusted: [], gate: [], warnings: [] };
  for (const load of loads) {
    const delay = load.healthReasons.join('; ') || 'behind schedule';
    if (load.unreachable) problems.untrusted.push(`load ${load.name}: the target was never reached`);
    else if ((load.missingSegments?.length ?? 0) > 0) {
      problems.untrusted.push(
        `load ${load.name}: segment(s) ${load.missingSegments?.join(', ')} handed over no results: the run is incomplete`,
      );
    } else if (!load.trusted) {
      const decisive = [...(load.delayDecisive ?? []), ...delaySensitiveFailures(load, checks)];
      if (decisive.length > 0) {
        problems.untrusted.push(
          `load ${load.name}: generator delayed (${delay}) while ${decisive.join(', ')}: the delay may be the cause`,
        );
      } else {
        problems.warnings.push(
          `load ${load.name}: generator delayed (${delay}); no verdict depends on it (latency runs from the intended start, every latency gate passed)`,
        );
      }
    }
    for (const failure of load.ensureFailures)
      problems.gate.push(`load ${load.name}: ensure ${failure} failed`);
  }
  return problems;
}

function fewEventWarnings(checks: readonly SloCheck[]): string[] {
  return checks
    .filter((check) => check.verdict === 'inconclusive')
    .map((check) => `SLO ${check.slo.name}: ${describeCheck(check)}`);
}

export function decideRunVerdict(input: VerdictInput): RunVerdict {
  const gateFailures = [...sloFailures(input.sloChecks), ...(input.bench?.failures ?? [])];
  const load = loadProblems(input.loads, input.sloChecks);
  gateFailures.push(...load.gate);
  const warnings = [...fewEventWarnings(input.sloChecks), ...load.warnings, ...(input.bench?.warnings ?? [])];
  const notCovered = input.sloChecks.filter((check) => check.verdict === 'not-covered');
  // A gate must not pass on nothing: an SLO the run did not cover fails unless it may be uncovered.
  const allowed = notCovered.filter((check) => check.slo.allowUncovered === true);
  gateFailures.push(
    ...notCovered
      .filter((check) => check.slo.allowUncovered !== true)
      .map(
        (check) => `SLO ${check.slo.name}: ${describeCheck(check)} (set allowUncovered: true if expected)`,
      ),
  );
  if (allowed.length > 0) {
    warnings.push(
      `SLOs not covered by this run (allowUncovered): ${allowed.map((check) => check.slo.name).join(', ')}`,
    );
  }
  const failures = [...input.errors, ...load.untrusted, ...gateFailures];
  if (input.interrupted) return { status: 'interrupted', failures, warnings };
  if (input.errors.length > 0 || load.untrusted.length > 0)
    return { status: 'could-not-run', failures, warnings };
  return { status: gateFailures.length > 0 ? 'failed' : 'passed', failures, warnings };
}
