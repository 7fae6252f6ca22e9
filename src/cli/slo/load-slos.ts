import type { ComplianceConfig, PerfgateConfig } from '../../config/index.js';
import { PerfgateError } from '../../core/errors.js';
import { type BudgetSlo, hasBudget, type Slo } from '../../slo/model.js';
import { slosFromSpecs } from '../../slo/spec.js';
import { loadValidConfig } from '../config-file.js';
import type { CommandContext } from '../context.js';

/** The SLOs `only` names, by name or id; a name two services share selects both. */
export function selectSlos(slos: readonly Slo[], only?: readonly string[]): Slo[] {
  if (only === undefined || only.length === 0) return [...slos];
  const unknown = only.filter((key) => !slos.some((slo) => slo.name === key || slo.id === key));
  if (unknown.length > 0) {
    throw new PerfgateError('INVALID_ARGUMENT', `unknown SLO ${unknown.join(', ')}`, {
      hint: `the config has ${slos.map((slo) => (slo.id === `${slo.service}-${slo.name}` ? slo.name : `${slo.name} (id ${slo.id})`)).join(', ') || 'no SLOs'}`,
    });
  }
  return slos.filter((slo) => only.includes(slo.name) || only.includes(slo.id));
}

/** The config's SLOs as the model, optionally only those named in `only` (names or ids). */
export function loadSlos({ io, options, output }: CommandContext<object>, only?: readonly string[]): Slo[] {
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  return selectSlos(slosFromSpecs(config.slos), only);
}

/**
 * What `monitor` and `slo verify` need: the Prometheus URL (flag, PROMETHEUS_URL, then the
 * config) and the SLOs with a budget and a prometheus source, optionally only `only`.
 */
export function liveSlos(
  { io, options, output }: CommandContext<{ prometheus?: string }>,
  only: readonly string[] | undefined,
  what: string,
): { url: string; slos: BudgetSlo[]; config: PerfgateConfig } {
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  const url = options.prometheus ?? io.env.PROMETHEUS_URL ?? config.prometheus?.url;
  if (url === undefined) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      'no Prometheus URL: pass --prometheus URL or set PROMETHEUS_URL',
    );
  }
  const slos = selectSlos(slosFromSpecs(config.slos), only)
    .filter(hasBudget)
    .filter((slo) => slo.prometheus !== undefined);
  if (slos.length === 0)
    throw new PerfgateError('INVALID_ARGUMENT', `no SLO with a prometheus: source to ${what}`);
  return { url, slos, config };
}

/** The SLOs (as `loadSlos`) and how their checks weigh few events. */
export function loadSloConfig(
  { io, options, output }: CommandContext<object>,
  only?: readonly string[],
): { slos: Slo[]; compliance: ComplianceConfig } {
  const config = loadValidConfig(io, output, { config: options.config, env: options.env });
  return { slos: selectSlos(slosFromSpecs(config.slos), only), compliance: config.compliance };
}
