import { PerfgateError } from '../../core/errors.js';
import type { ScriptAssets } from './assets.js';

/**
 * The most generators (segments × worker threads) the script's `order: sequence` payloads can
 * feed so that no row goes to two of them; Infinity when no such payload constrains the split.
 */
export function maxSequenceStripes(assets: ScriptAssets | undefined): number {
  let most = Number.POSITIVE_INFINITY;
  for (const { spec, rows } of assets?.payloads ?? []) {
    if (spec.order === 'sequence' && !spec.loadAll) most = Math.min(most, rows.length);
  }
  return most;
}

/**
 * Throws INVALID_ARGUMENT when a sequence payload has fewer rows than `stripes` generators: some
 * generator would get no row, or two would share one (a login used twice at once).
 */
export function checkPayloadPartition(assets: ScriptAssets | undefined, stripes: number): void {
  for (const { spec, rows } of assets?.payloads ?? []) {
    if (spec.order !== 'sequence' || spec.loadAll || rows.length >= stripes || rows.length === 0) continue;
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `${spec.resolvedPath}: config.payload ${spec.path} has ${rows.length} row(s), fewer than the ${stripes} generators of this run (segments × workers); with order: sequence each row goes to one generator only`,
      { hint: 'add rows, run fewer segments or --workers, or use order: random' },
    );
  }
}
