/**
 * Writing a run's baselines: created on a suite's first run, replaced only with
 * `--update-baselines` when nothing regressed, and never from a session the machine visibly
 * disturbed (calibration.ts) — such a session says nothing about normal speed.
 */
import { type Baseline, mergeBaseline } from '../../bench/baseline.js';
import { recordingDisturbance } from '../../bench/calibration.js';
import type { InstructionCounts } from '../../bench/instruction-report.js';
import type { SuiteReport } from '../../bench/report.js';
import { baselineEntries } from '../../bench/results-document.js';
import { systemClock } from '../clock.js';
import type { Output } from '../output.js';
import { writeBaseline } from './baseline-store.js';
import { machineFingerprint } from './fingerprint.js';

export interface BaselineTarget {
  stored: Baseline | undefined;
  baselineFile: string;
  /** Wall mode: instructions per call counted for this baseline (cli/bench/suite-counts.ts). */
  recordedCounts?: InstructionCounts;
}

/** Writes the baselines of `reports` (same order as `targets`); `update` replaces existing ones. */
export function writeBaselines(
  output: Output,
  targets: readonly BaselineTarget[],
  reports: readonly SuiteReport[],
  options: { update: boolean; countedInstructions: boolean },
): void {
  const fingerprint = machineFingerprint();
  const updatedAt = new Date(systemClock.now()).toISOString();
  targets.forEach((target, i) => {
    const report = reports[i];
    if (report === undefined || (!options.update && target.stored !== undefined)) return;
    // Instruction counts do not depend on the machine's state; times do.
    const refusal = options.countedInstructions ? undefined : recordingDisturbance(report.calibration);
    if (refusal !== undefined) {
      output.warn(`baseline ${target.baselineFile} not recorded: ${refusal}; run again when it is quieter`);
      return;
    }
    const baseline = mergeBaseline(target.stored, {
      suite: report.name,
      updatedAt,
      fingerprint,
      calibration: report.calibration,
      entries: baselineEntries(report, target.stored, target.recordedCounts),
    });
    writeBaseline(target.baselineFile, baseline);
    output.info(`${target.stored ? 'updated' : 'created'} baseline ${target.baselineFile}`);
  });
}
