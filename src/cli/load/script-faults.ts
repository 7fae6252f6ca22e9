/**
 * `config.faults` in a load script: `perfgate load` starts a fault proxy on 127.0.0.1 in front of
 * the script's target and aims the load at it. Requests with absolute URLs to other hosts bypass it.
 */

import { PerfgateError } from '../../core/errors.js';
import type { FaultProxy } from '../../load/faults/index.js';
import type { LoadScript } from '../../load/script/model.js';
import { socketAddressOf } from '../../pipeline/services/port.js';
import { systemClock } from '../clock.js';
import type { Output } from '../output.js';

export interface FaultedScript {
  script: LoadScript;
  /** Starts the faults' schedule `delayMs` from now, when the load starts (right away by default). */
  start(delayMs?: number): void;
  close(): Promise<void>;
}

export async function withScriptFaults(script: LoadScript, output: Output): Promise<FaultedScript> {
  const faults = script.faults ?? [];
  if (faults.length === 0) return { script, start: () => {}, close: async () => {} };
  const target = new URL(script.target);
  if (target.protocol !== 'http:') {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `config.faults: the target must be http:// (${script.target})`,
      {
        hint: 'the fault proxy speaks HTTP/1.1 in the clear; aim the script at the service itself',
      },
    );
  }
  // Imported only when a script has faults: their spec pulls in zod, which a plain run never needs.
  const { describeFault, startFaultProxy } = await import('../../load/faults/index.js');
  const proxy: FaultProxy = await startFaultProxy({
    upstream: socketAddressOf(target),
    faults,
    clock: systemClock,
  });
  output.notice(`faults: proxy ${proxy.url} in front of ${target.origin}`);
  for (const fault of faults) output.info(`  fault ${describeFault(fault)}`);
  const proxied = new URL(script.target);
  proxied.host = new URL(proxy.url).host;
  return {
    script: { ...script, target: proxied.toString().replace(/\/$/, script.target.endsWith('/') ? '/' : '') },
    start: (delayMs) => proxy.startSchedule(delayMs),
    close: () => proxy.close(),
  };
}
