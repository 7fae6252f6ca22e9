import { z } from 'zod';
import { nonEmptyString, positiveInt } from './fields.js';

export const DEFAULT_BENCHMARK_FILES = ['bench/**/*.bench.{ts,js,mjs}'];
export const DEFAULT_BASELINE_DIR = '.perfgate/baselines';

export const benchmarksSchema = z.strictObject({
  files: z.array(nonEmptyString).default(DEFAULT_BENCHMARK_FILES),
  baselineDir: nonEmptyString.default(DEFAULT_BASELINE_DIR),
  processes: positiveInt
    .default(6)
    .meta({ description: 'Separate processes per benchmark (noise between processes is real noise)' }),
  maxProcesses: positiveInt
    .optional()
    .meta({ description: 'Upper limit when adaptive sampling needs more processes (default 12)' }),
  mode: z.enum(['wall', 'instructions']).default('wall').meta({
    description:
      'wall: time per call; instructions: instructions per call counted under valgrind (callgrind), deterministic on a busy machine, with wall time beside it',
  }),
  pinCpu: z.boolean().default(true).meta({
    description:
      'Run every measuring process on one CPU (taskset, Linux): CPUs of a shared machine differ in speed, and unpinned processes settle in different speeds by where they ran',
  }),
  tieBreak: z.enum(['auto', 'instructions', 'off']).default('auto').meta({
    description:
      'wall mode: settle what a disturbed machine leaves open by instructions per call (callgrind), when the baseline holds counts and valgrind is installed. auto: counts go into every baseline `perfgate bench` records, and into those `perfgate run` writes with --update-baselines; instructions: into every baseline; off: never',
  }),
  instructionProcesses: positiveInt
    .default(1)
    .meta({ description: 'Processes per side counted under callgrind in instructions mode' }),
  iterations: positiveInt.optional(),
  warmupIterations: z.number().int().nonnegative().optional(),
});

export const regressionSchema = z
  .strictObject({
    minor: z
      .number()
      .positive()
      .default(10)
      .meta({ description: 'Slowdown % from which a regression is minor' }),
    major: z
      .number()
      .positive()
      .default(20)
      .meta({ description: 'Slowdown % from which a regression is major' }),
    critical: z
      .number()
      .positive()
      .default(50)
      .meta({ description: 'Slowdown % above which a regression is critical and blocks' }),
    threshold: z
      .number()
      .positive()
      .optional()
      .meta({ description: 'Gate: fail on any regression above this % (PERFORMANCE_THRESHOLD)' }),
    updateBaselines: z
      .boolean()
      .default(false)
      .meta({ description: 'Write baselines when nothing regressed (UPDATE_BASELINES)' }),
    falseDiscovery: z.enum(['holm', 'benjamini-hochberg']).default('holm'),
  })
  .refine((r) => r.minor < r.major && r.major < r.critical, {
    error: 'severity thresholds must rise: minor < major < critical',
  });

export type BenchmarksConfig = z.output<typeof benchmarksSchema>;
export type RegressionConfig = z.output<typeof regressionSchema>;
