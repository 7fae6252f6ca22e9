import type { Phase } from './model.js';
import { describe, formatPlainPath, type Path, type ScriptReader } from './reader.js';

/** Artillery's default when a script has no phases: one VU. */
export const DEFAULT_PHASES: readonly Phase[] = [{ kind: 'count', durationMs: 1_000, arrivalCount: 1 }];

const PHASE_KEYS = new Set([
  'duration',
  'arrivalRate',
  'rampTo',
  'arrivalCount',
  'pause',
  'maxVusers',
  'name',
]);
const PHASE_EXTRA_KEYS = new Set(['concurrency', 'rps', 'mode']);

export function readPhases(reader: ScriptReader, path: Path, value: unknown): Phase[] {
  if (value === undefined) return [...DEFAULT_PHASES];
  if (!Array.isArray(value)) {
    reader.fail(path, `expected a list of phases, got ${describe(value)}`);
    return [];
  }
  const phases: Phase[] = [];
  for (const [index, raw] of value.entries()) {
    const phase = readPhase(reader, [...path, index], raw);
    if (phase) phases.push(phase);
  }
  return phases;
}

function readPhase(reader: ScriptReader, path: Path, raw: unknown): Phase | undefined {
  const phase = reader.record(path, raw);
  if (!phase) return undefined;
  // Artillery ignores keys it does not know (its runtime validation allows them): so does perfgate, aloud.
  for (const key of Object.keys(phase)) {
    if (!PHASE_KEYS.has(key) && !PHASE_EXTRA_KEYS.has(key))
      reader.warn(`${formatPlainPath([...path, key])}: not a phase key, ignored (as Artillery does)`);
  }
  if (phase.mode !== undefined)
    reader.warn(`${formatPlainPath([...path, 'mode'])}: only uniform arrivals are supported, ignored`);
  const name = phase.name === undefined ? undefined : String(phase.name);
  const named = name === undefined ? {} : { name };
  const shapes = ['pause', 'arrivalCount', 'concurrency', 'rps', 'arrivalRate'].filter(
    (key) => phase[key] !== undefined,
  );
  if (shapes.length > 1) {
    return reader.fail(
      path,
      `a phase is one of arrivalRate, arrivalCount, pause, concurrency or rps; got ${shapes.join(' and ')}`,
    );
  }
  if (phase.pause !== undefined) {
    const pauseMs = reader.phaseDurationMs([...path, 'pause'], phase.pause);
    return pauseMs === undefined ? undefined : { kind: 'pause', pauseMs, ...named };
  }
  if (phase.duration === undefined)
    return reader.fail([...path, 'duration'], 'a phase needs a duration (or is a pause)');
  const durationMs = reader.phaseDurationMs([...path, 'duration'], phase.duration);
  return durationMs === undefined ? undefined : readTimedPhase(reader, path, phase, durationMs, named);
}

function readTimedPhase(
  reader: ScriptReader,
  path: Path,
  phase: Record<string, unknown>,
  durationMs: number,
  named: { name?: string },
): Phase | undefined {
  const count = (key: string, min: number, integer = false) =>
    phase[key] === undefined ? undefined : reader.number([...path, key], phase[key], { min, integer });
  const maxVusers = count('maxVusers', 1, true);
  const capped = maxVusers === undefined ? {} : { maxVusers };
  if (phase.concurrency !== undefined) {
    const concurrency = count('concurrency', 1, true);
    return concurrency === undefined ? undefined : { kind: 'closed', durationMs, concurrency, ...named };
  }
  if (phase.rps !== undefined) {
    const rps = count('rps', 0);
    return rps === undefined ? undefined : { kind: 'constant-rps', durationMs, rps, ...capped, ...named };
  }
  if (phase.arrivalCount !== undefined) {
    const arrivalCount = count('arrivalCount', 0, true);
    return arrivalCount === undefined
      ? undefined
      : { kind: 'count', durationMs, arrivalCount, ...capped, ...named };
  }
  return readArrivalPhase(reader, path, phase, durationMs, { ...capped, ...named });
}

function readArrivalPhase(
  reader: ScriptReader,
  path: Path,
  phase: Record<string, unknown>,
  durationMs: number,
  extra: { maxVusers?: number; name?: string },
): Phase | undefined {
  if (phase.arrivalRate === undefined && phase.rampTo === undefined) {
    // A misspelt key is the usual cause: name it in the error, not only in a warning.
    const unknown = Object.keys(phase).filter((key) => !PHASE_KEYS.has(key) && !PHASE_EXTRA_KEYS.has(key));
    const got = unknown.length === 0 ? '' : `; got ${unknown.map((key) => `"${key}"`).join(', ')}`;
    return reader.fail(path, `a phase needs arrivalRate, arrivalCount, pause, concurrency or rps${got}`);
  }
  const arrivalRate =
    phase.arrivalRate === undefined
      ? 0
      : reader.number([...path, 'arrivalRate'], phase.arrivalRate, { min: 0 });
  const rampTo =
    phase.rampTo === undefined ? undefined : reader.number([...path, 'rampTo'], phase.rampTo, { min: 0 });
  if (arrivalRate === undefined || (phase.rampTo !== undefined && rampTo === undefined)) return undefined;
  return { kind: 'arrival', durationMs, arrivalRate, ...(rampTo === undefined ? {} : { rampTo }), ...extra };
}
