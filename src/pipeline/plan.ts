/**
 * The plan of one `perfgate run` (STYLE.md #2): which suites run, in which order, with which
 * load, against which services, within which time budget. Pure data from the resolved config,
 * so `--dry-run` prints exactly what a run would do.
 */
import type { LoadProfile, PerfgateConfig } from '../config/index.js';
import type { Phase } from '../load/index.js';
import { describeProfile, formatSeconds, phasesForProfile } from './profile-phases.js';

/** `--only` / PERFORMANCE_TEST_MODE values; no value runs every suite. */
export type SuiteName = 'slo' | 'benchmark' | 'load';

export interface PlannedLoadRun {
  /** The script's name (`load.scripts[].name`, else its file name). */
  name: string;
  /** Absolute path of the Artillery script. */
  path: string;
  /** The script's `config.environments` entry, when the config names one. */
  scriptEnvironment?: string;
  /** The service whose URL is the target; undefined keeps the script's own target. */
  service?: string;
  target?: string;
  phases: Phase[];
}

export interface RunPlan {
  environment: string;
  loadProfileName: string;
  loadProfile: LoadProfile;
  timeBudgetMs: number;
  requireConfirmation: boolean;
  /** Start the configured services (every suite but benchmarks alone needs them). */
  startServices: boolean;
  services: { name: string; url: string; managed: boolean }[];
  /** Run the files `benchmarks.files` matches (none matching skips the suite). */
  runBenchmarks: boolean;
  loadRuns: PlannedLoadRun[];
  /** Judge the load results against the SLOs (not for `--only load`, which gates on `ensure` alone). */
  checkSlos: boolean;
  /** Plan-level notes for people: suites skipped and why. */
  notes: string[];
}

const scriptName = (path: string) => (path.split(/[\\/]/).pop() ?? path).replace(/\.(ya?ml|json)$/i, '');

/** Builds the plan; `only` wins over the config's `run.only` (PERFORMANCE_TEST_MODE). */
export function planRun(config: PerfgateConfig, only: SuiteName | undefined = config.run.only): RunPlan {
  const { environment } = config;
  const notes: string[] = [];
  const wantsBench = only === undefined || only === 'benchmark';
  const wantsLoad = only !== 'benchmark';
  const hasBenchFiles = config.benchmarks.files.length > 0;
  if (wantsBench && !hasBenchFiles) notes.push('benchmarks skipped: benchmarks.files is empty');
  if (wantsLoad && config.load.scripts.length === 0)
    notes.push('load tests skipped: no load.scripts configured');
  if (only !== undefined) notes.push(`only the ${only} suite (--only / PERFORMANCE_TEST_MODE)`);
  const urls = new Map(config.services.map((service) => [service.name, service.url]));
  const phases = phasesForProfile(environment.loadProfile);
  const loadRuns = wantsLoad
    ? config.load.scripts.map((script) => {
        const target = script.service === undefined ? undefined : urls.get(script.service);
        return {
          name: /\.(ya?ml|json)$/i.test(script.name) ? scriptName(script.name) : script.name,
          path: script.path,
          ...(script.environment === undefined ? {} : { scriptEnvironment: script.environment }),
          ...(script.service === undefined ? {} : { service: script.service }),
          ...(target === undefined ? {} : { target }),
          phases,
        };
      })
    : [];
  return {
    environment: environment.name,
    loadProfileName: environment.loadProfileName,
    loadProfile: environment.loadProfile,
    timeBudgetMs: environment.timeBudgetMs,
    requireConfirmation: environment.requireConfirmation,
    startServices: loadRuns.length > 0 && config.services.length > 0,
    services: config.services.map((service) => ({
      name: service.name,
      url: service.url,
      managed: service.start !== undefined,
    })),
    runBenchmarks: wantsBench && hasBenchFiles,
    loadRuns,
    checkSlos: only !== 'load' && loadRuns.length > 0 && config.slos.length > 0,
    notes,
  };
}

/** The plan as lines for `--dry-run`. */
export function describeRunPlan(plan: RunPlan): string[] {
  const lines = [
    `environment ${plan.environment}: load profile ${describeProfile(plan.loadProfileName, plan.loadProfile)}`,
    `time budget ${formatSeconds(plan.timeBudgetMs)} (× PERFORMANCE_TIMEOUT_MULTIPLIER)${
      plan.requireConfirmation ? '; asks for confirmation (--yes)' : ''
    }`,
  ];
  if (plan.startServices) {
    const services = plan.services.map((s) => `${s.name} ${s.url}${s.managed ? '' : ' (external)'}`);
    lines.push(`1. start services: ${services.join(', ')}`);
  }
  lines.push(plan.runBenchmarks ? '2. benchmarks and the regression check' : '2. benchmarks: skipped');
  if (plan.loadRuns.length === 0) lines.push('3. load tests: none');
  for (const run of plan.loadRuns) {
    lines.push(`3. load ${run.name}: ${run.path} → ${run.target ?? "the script's target"}`);
  }
  lines.push(plan.checkSlos ? '4. SLO compliance of the load results' : '4. SLO compliance: skipped');
  lines.push('5. reports (JSON, HTML, Markdown, JUnit), notifications, stop services');
  return [...lines, ...plan.notes.map((note) => `note: ${note}`)];
}
