import { PerfgateError } from '../../core/errors.js';
import { computeTrends, DEFAULT_TREND_RUNS, type HistoryRun, type HistoryStore } from '../../report/index.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { historyLocation, openCliHistory } from '../report/history.js';
import { DEFAULT_HISTORY_LIMIT } from './history-defaults.js';

interface HistoryOptions {
  changes?: boolean;
  limit?: string;
  historyDb?: string;
}

function parseLimit(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new PerfgateError('INVALID_ARGUMENT', `--limit must be a positive integer, got "${text}"`);
  }
  return limit;
}

function runLine(run: HistoryRun): string {
  const when = new Date(run.recordedAt).toISOString().replace('T', ' ').slice(0, 16);
  const where = [run.branch, run.commit?.slice(0, 10)].filter(Boolean).join(' ');
  return `#${String(run.id).padEnd(5)} ${when}  ${run.status.padEnd(9)} ${`${run.gatesFailed}/${run.gatesTotal} failed`.padEnd(12)} ${where}  ${run.title}`;
}

export async function historyCommand(
  { io, options }: CommandContext<HistoryOptions>,
  [action, id]: unknown[],
): Promise<number> {
  if (action !== undefined && action !== 'show') {
    throw new PerfgateError('INVALID_ARGUMENT', `unknown history action "${String(action)}"`, {
      hint: 'Use `perfgate history`, `perfgate history show ID` or `perfgate history --changes`.',
    });
  }
  const store = await openCliHistory(historyLocation(io, options.historyDb, options.config), {
    create: false,
  });
  try {
    if (action === 'show') return await show(io, store, id);
    if (options.changes) return await changes(io, store, parseLimit(options.limit, DEFAULT_TREND_RUNS));
    const runs = await store.listRuns(parseLimit(options.limit, DEFAULT_HISTORY_LIMIT));
    if (runs.length === 0) io.stdout.write('no runs recorded yet\n');
    for (const run of runs) io.stdout.write(`${runLine(run)}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function show(io: CommandContext['io'], store: HistoryStore, idText: unknown): Promise<number> {
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 1) {
    throw new PerfgateError(
      'INVALID_ARGUMENT',
      `history show needs a run number, got "${String(idText ?? '')}"`,
    );
  }
  const { run, metrics } = await store.getRun(id);
  const lines = [
    runLine(run),
    ...(run.environment ? [`environment: ${run.environment}`] : []),
    ...run.failedGates.map((gate) => `failed gate: ${gate}`),
    ...metrics.map((m) => `  ${m.name} = ${m.value}${m.unit ? ` ${m.unit}` : ''} (${m.better} is better)`),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

async function changes(io: CommandContext['io'], store: HistoryStore, runs: number): Promise<number> {
  const trends = computeTrends(await store.series(runs));
  const lines = trends.flatMap((trend) =>
    trend.changes.map((c) => {
      const pct =
        c.change === undefined ? '' : ` (${c.change >= 0 ? '+' : ''}${(c.change * 100).toFixed(1)} %)`;
      const worse = trend.better === 'lower' ? c.after > c.before : c.after < c.before;
      return `${trend.metric}: step change at run #${c.runId}: ${c.before.toPrecision(4)} → ${c.after.toPrecision(4)}${trend.unit ? ` ${trend.unit}` : ''}${pct}, ${worse ? 'worse' : 'better'}, ${c.pValue < 0.001 ? 'p < 0.001' : `p = ${c.pValue.toFixed(3)}`}`;
    }),
  );
  io.stdout.write(
    lines.length === 0 ? `no step changes in ${trends.length} metrics\n` : `${lines.join('\n')}\n`,
  );
  return EXIT.ok;
}
