import { setTimeout as sleep } from 'node:timers/promises';
import { HttpError, json } from './http-json.js';
import type { Random } from './prng.js';
import type { Route } from './router.js';
import { BodyReader, readNumberEnv } from './validate.js';

/** Upper bound for injected delays: long enough to trip any timeout, short enough to recover. */
const MAX_FAULT_DELAY_MS = 600_000;

export interface FaultSettings {
  /** Added to every matched `/api/*` request. */
  readonly latencyMs: number;
  /** Share (0..1) of matched `/api/*` requests answered 500 `{ error: 'injected fault' }`. */
  readonly errorRate: number;
  /** Every request except `/admin/*` waits this long first, `/health` included: a hung service. */
  readonly stallMs: number;
}

const DELAY_RULE = { min: 0, max: MAX_FAULT_DELAY_MS } as const;
const RATE_RULE = { min: 0, max: 1 } as const;

export function faultSettingsFromEnv(env: NodeJS.ProcessEnv): FaultSettings {
  return {
    latencyMs: readNumberEnv(env, 'SMM_FAULT_LATENCY_MS', 0, DELAY_RULE),
    errorRate: readNumberEnv(env, 'SMM_FAULT_ERROR_RATE', 0, RATE_RULE),
    stallMs: readNumberEnv(env, 'SMM_FAULT_STALL_MS', 0, DELAY_RULE),
  };
}

/** The live fault state of one service: starts from the env, changed through `/admin/faults`. */
export class FaultInjector {
  private settings: FaultSettings;

  constructor(
    private readonly defaults: FaultSettings,
    private readonly random: Random,
  ) {
    this.settings = defaults;
  }

  get current(): FaultSettings {
    return this.settings;
  }

  update(changes: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...changes };
    return this.settings;
  }

  reset(): FaultSettings {
    this.settings = this.defaults;
    return this.settings;
  }

  async stall(): Promise<void> {
    if (this.settings.stallMs > 0) await sleep(this.settings.stallMs);
  }

  /** Adds the configured latency, then throws the injected 500 for the configured share of calls. */
  async disturbApiRequest(): Promise<void> {
    if (this.settings.latencyMs > 0) await sleep(this.settings.latencyMs);
    if (this.settings.errorRate > 0 && this.random() < this.settings.errorRate) {
      throw new HttpError(500, 'injected fault');
    }
  }
}

function parseFaultChanges(body: unknown): Partial<FaultSettings> {
  const reader = new BodyReader(body).allowOnly(['latencyMs', 'errorRate', 'stallMs']);
  const changes: { -readonly [K in keyof FaultSettings]?: number } = {};
  const latencyMs = reader.optionalNumber('latencyMs', DELAY_RULE);
  const errorRate = reader.optionalNumber('errorRate', RATE_RULE);
  const stallMs = reader.optionalNumber('stallMs', DELAY_RULE);
  reader.finish();
  if (latencyMs !== undefined) changes.latencyMs = latencyMs;
  if (errorRate !== undefined) changes.errorRate = errorRate;
  if (stallMs !== undefined) changes.stallMs = stallMs;
  return changes;
}

/** `/admin/faults`: GET shows, PUT changes some knobs, DELETE goes back to the env defaults. */
export function faultAdminRoutes(faults: FaultInjector): Route[] {
  const path = '/admin/faults';
  return [
    { method: 'GET', path, handler: () => json(200, faults.current) },
    {
      method: 'PUT',
      path,
      handler: async (context) => json(200, faults.update(parseFaultChanges(await context.readJson()))),
    },
    { method: 'DELETE', path, handler: () => json(200, faults.reset()) },
  ];
}
