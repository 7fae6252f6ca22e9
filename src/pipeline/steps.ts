/**
 * What `runPipeline` asks the outside world to do (STYLE.md #5): the CLI implements each step
 * with files, child processes and worker threads; tests may pass their own. Every step receives
 * the run's abort signal (SIGINT or the time budget) and must stop promptly when it aborts.
 */
import type { LoadResults } from '../load/index.js';
import type { Notification } from '../notify/index.js';
import type { RunReport } from '../report/index.js';
import type { PlannedLoadRun } from './plan.js';
import type { BenchGate } from './verdict.js';

export interface StartedServices {
  /** Every service's base URL by name (what scripts see as `{{ services.<name>.url }}`). */
  urls: Readonly<Record<string, string>>;
  /** How many perfgate started itself (and will stop). */
  managed: number;
  /** Health-checks every service again: one line per service that stopped answering (never rejects). */
  problems(): Promise<string[]>;
  /** Stops what perfgate started; idempotent, never rejects. */
  stop(): Promise<void>;
}

export interface BenchStepResult {
  /** The results file name as shown in the report. */
  source: string;
  /** The bench results document (`perfgate bench -o`). */
  results: unknown;
  gate: BenchGate;
  /** Benchmarks measured, for the summary. */
  measured: number;
  regressions: { name: string; severity: 'minor' | 'major' | 'critical'; changePercent: number }[];
}

export interface LoadStepResult {
  run: PlannedLoadRun;
  /** The results file name as shown in the report. */
  source: string;
  results: LoadResults;
  /** The script's supported scenario names. */
  scenarios: string[];
}

/** Where the reports went. */
export interface ReportPaths {
  dir: string;
  html?: string;
  files: string[];
}

export interface PipelineSteps {
  startServices(signal: AbortSignal): Promise<StartedServices>;
  /** Undefined when no benchmark file matched. */
  runBenchmarks(signal: AbortSignal): Promise<BenchStepResult | undefined>;
  /** `variables` are merged into the script's `config.variables` (`services`). */
  runLoad(
    run: PlannedLoadRun,
    variables: Readonly<Record<string, unknown>>,
    signal: AbortSignal,
  ): Promise<LoadStepResult>;
  /** Writes the results, the SLO rows and every report format; returns where. */
  writeReports(report: RunReport, sloRows: readonly unknown[]): Promise<ReportPaths>;
  /** Sends the run's notification; resolves with the problems met (it never fails the run). */
  notify(notification: Notification, signal: AbortSignal): Promise<string[]>;
}
