import { formatDuration } from '../../core/duration.js';
import type { LiveLevel, LiveStatus } from '../../slo/live/evaluate.js';
import type { Output } from '../output.js';

const fmt = (value: number | undefined, digits = 3): string =>
  value === undefined ? '–' : String(Number(value.toPrecision(digits)));

function levelText(output: Output, level: LiveLevel): string {
  const { colors } = output;
  if (level === 'critical') return colors.red('CRITICAL');
  if (level === 'warning') return colors.yellow('warning');
  if (level === 'no-data') return colors.magenta('no data');
  return colors.green('ok');
}

/** The status table: one row per SLO, burn rate per window. */
export function printStatusTable(output: Output, statuses: readonly LiveStatus[]): void {
  const at = statuses[0] === undefined ? '' : new Date(statuses[0].atMs).toISOString();
  output.result(`${output.colors.bold('SLO status')} ${at}`);
  for (const status of statuses) {
    const { slo } = status;
    const burns = status.windows
      .map((reading) => `${formatDuration(reading.windowMs)} ${fmt(reading.burnRate)}×`)
      .join('  ');
    const remaining = status.period.remaining === undefined ? '–' : `${fmt(status.period.remaining * 100)} %`;
    const tier = status.firingTier === undefined ? '' : ` (${status.firingTier.name})`;
    output.result(
      `  ${slo.name.padEnd(28)} ${levelText(output, status.alert)}${tier}  policy ${levelText(output, status.level)}  ` +
        `budget left ${remaining}  trend ${status.trend}`,
    );
    output.result(`      burn: ${burns}${status.error === undefined ? '' : `  (${status.error})`}`);
  }
}
