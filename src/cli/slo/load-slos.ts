import type { ComplianceConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import type { Slo } from '../../slo/model.js';
import { slosFromSpecs } from '../../slo/spec.js';
import { loadValidConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';

/** The config's SLOs as the model, optionally only those named in `only`. */
export function loadSlos(context: CommandContext<object>, only?: readonly string[]): Slo[] {
  return loadSloConfig(context, only).slos;
}

/** The SLOs (as `loadSlos`) and how their checks weigh few events. */
export function loadSloConfig(
  { io, options, output }: CommandContext<object>,
  only?: readonly string[],
): { slos: Slo[]; compliance: ComplianceConfig } {
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  return { slos: selectSlos(slosFromSpecs(config.slos), only), compliance: config.compliance };
}

function selectSlos(slos: Slo[], only: readonly string[] | undefined): Slo[] {
  if (only === undefined || only.length === 0) return slos;
  const unknown = only.filter((name) => !slos.some((slo) => slo.name === name));
  if (unknown.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `unknown SLO ${unknown.join(', ')}`, {
      hint: `the config has ${slos.map((slo) => slo.name).join(', ') || 'no SLOs'}`,
    });
  }
  return slos.filter((slo) => only.includes(slo.name));
}
