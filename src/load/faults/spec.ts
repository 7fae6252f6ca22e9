/**
 * `faults:` as people write them, in the config's `gameday:` section or a load script's `config`:
 * one schema (zod) for both, and the conversion to the proxy's model.
 */
import { z } from 'zod';
import { DURATION_FORMAT_HINT, parseDuration } from '../../core/duration.js';
import type { EndpointMatcher, Fault, FaultEffect } from './model.js';

const nonEmptyString = z.string().trim().min(1, { error: 'must not be empty' });

/** A duration (`30s`, `400ms`, or a bare number in `unit`), in milliseconds. */
function duration(unit: 'ms' | 's') {
  return z.union([z.number(), z.string()]).transform((input, ctx) => {
    const ms = parseDuration(input, unit);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid duration ${JSON.stringify(input)}: expected ${DURATION_FORMAT_HINT}`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

const ratio = z
  .number()
  .gt(0, { error: 'must be above 0' })
  .lte(1, { error: 'must be at most 1 (a share of the requests)' });

const EFFECT_KEYS = ['latency', 'error', 'reset', 'bandwidth', 'blackhole'] as const;

/** One fault (Toxiproxy's toxics, plus HTTP error answers), on a schedule within the run. */
export const faultSchema = z
  .strictObject({
    name: nonEmptyString.optional().meta({ description: 'Name in reports (default: service-kind)' }),
    service: nonEmptyString
      .optional()
      .meta({ description: 'The service (key of `services`) whose traffic it disturbs; default: all' }),
    endpoint: z
      .string()
      .regex(/^([A-Za-z]+ )?\/\S*$/, { error: 'expected "METHOD /path" or "/path"' })
      .optional()
      .meta({ description: 'Only requests to this path (query ignored), e.g. "POST /api/route"' }),
    from: duration('s')
      .optional()
      .meta({ description: 'Starts this long after the load starts (default: at the start)' }),
    to: duration('s')
      .optional()
      .meta({ description: 'Ends this long after the load starts (default: never)' }),
    phase: z
      .union([nonEmptyString, z.number().int().min(0)])
      .optional()
      .meta({
        description:
          "Active exactly during this load phase (its name, or its 0-based index in the script's config.phases), instead of from/to",
      }),
    latency: z
      .strictObject({ fixed: duration('ms'), jitter: duration('ms').default(0) })
      .optional()
      .meta({ description: 'Delay each request by fixed ± jitter (uniform)' }),
    error: z
      .strictObject({
        status: z.number().int().min(400).max(599).default(503),
        ratio: ratio.default(1),
      })
      .optional()
      .meta({ description: 'Answer this status instead of the service, for this share of the requests' }),
    reset: z
      .strictObject({ ratio: ratio.default(1) })
      .optional()
      .meta({ description: 'Reset the connection (TCP RST) for this share of the requests' }),
    bandwidth: z
      .strictObject({ bytesPerSecond: z.number().positive() })
      .optional()
      .meta({ description: 'Send responses at most this fast' }),
    blackhole: z
      .literal(true)
      .optional()
      .meta({ description: 'Never answer; connections close when the fault ends' }),
  })
  .superRefine((fault, ctx) => {
    const effects = EFFECT_KEYS.filter((key) => fault[key] !== undefined);
    if (effects.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a fault has exactly one of ${EFFECT_KEYS.join(', ')} (found ${effects.length === 0 ? 'none' : effects.join(', ')})`,
      });
    }
    if (fault.phase !== undefined && (fault.from !== undefined || fault.to !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['phase'],
        message: 'a fault has `phase` or `from`/`to`, not both',
      });
    }
    if (fault.to !== undefined && fault.to <= (fault.from ?? 0)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    }
  });

export type FaultConfig = z.output<typeof faultSchema>;

/** Every fault of a `faults:` list. */
export const faultsSchema = z.array(faultSchema);

function effectOf(entry: FaultConfig): FaultEffect {
  if (entry.latency) return { kind: 'latency', fixedMs: entry.latency.fixed, jitterMs: entry.latency.jitter };
  if (entry.error) return { kind: 'error', status: entry.error.status, ratio: entry.error.ratio };
  if (entry.reset) return { kind: 'reset', ratio: entry.reset.ratio };
  if (entry.bandwidth) return { kind: 'bandwidth', bytesPerSecond: entry.bandwidth.bytesPerSecond };
  return { kind: 'blackhole' };
}

function endpointOf(text: string): EndpointMatcher {
  const [first, second] = text.trim().split(/\s+/);
  return second === undefined
    ? { path: first ?? '/' }
    : { method: (first ?? '').toUpperCase(), path: second };
}

/** Where one load phase sits in the run: ms from the start of the load. */
export interface PhaseWindow {
  name?: string;
  startMs: number;
  endMs: number;
}

/** The time windows of a script's phases, in the order the load engine runs them. */
export function phaseWindows(phases: readonly ({ name?: string } & PhaseLength)[]): PhaseWindow[] {
  let startMs = 0;
  return phases.map((phase) => {
    const endMs = startMs + ('pauseMs' in phase ? phase.pauseMs : phase.durationMs);
    const window = { ...(phase.name === undefined ? {} : { name: phase.name }), startMs, endMs };
    startMs = endMs;
    return window;
  });
}

type PhaseLength = { pauseMs: number } | { durationMs: number };

/** The window a fault's `phase` names (by name, or by index), or undefined when there is none. */
export function findPhase(windows: readonly PhaseWindow[], phase: string | number): PhaseWindow | undefined {
  return typeof phase === 'number' ? windows[phase] : windows.find((window) => window.name === phase);
}

/** `0 (warm up), 1, 2 (peak)`: the phases a `phase:` may name, for error messages. */
export function describePhases(windows: readonly PhaseWindow[]): string {
  if (windows.length === 0) return 'the script has no phases';
  return windows
    .map((window, i) => (window.name === undefined ? `${i}` : `${i} (${window.name})`))
    .join(', ');
}

/**
 * Faults with their names: `name`, else `service-kind` (`-2`, `-3`… when taken). A fault with a
 * `phase` takes that phase's window from `windows` (the caller has checked that it exists).
 */
export function faultsFromConfig(
  entries: readonly FaultConfig[],
  windows: readonly PhaseWindow[] = [],
): Fault[] {
  const taken = new Set<string>();
  return entries.map((entry) => {
    const effect = effectOf(entry);
    const base = entry.name ?? `${entry.service ?? 'all'}-${effect.kind}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return {
      name,
      ...(entry.service === undefined ? {} : { service: entry.service }),
      ...(entry.endpoint === undefined ? {} : { endpoint: endpointOf(entry.endpoint) }),
      ...scheduleOf(entry, windows),
      effect,
    };
  });
}

function scheduleOf(entry: FaultConfig, windows: readonly PhaseWindow[]): { fromMs: number; toMs: number } {
  if (entry.phase === undefined) return { fromMs: entry.from ?? 0, toMs: entry.to ?? Infinity };
  const window = findPhase(windows, entry.phase);
  if (window === undefined)
    throw new Error(`no phase ${JSON.stringify(entry.phase)} (checked by the caller)`);
  return { fromMs: window.startMs, toMs: window.endMs };
}
