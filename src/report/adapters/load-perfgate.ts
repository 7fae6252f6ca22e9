/**
 * The `perfgate` object of load results: generator health, `ensure` threshold verdicts and
 * sample requests. Read as src/load/metrics/results.ts writes them (read 03:40 UTC); the other
 * field names accepted (first found wins) are listed beside each reader.
 */
import type { Gate, GeneratorHealth, LoadTest } from '../model.js';
import {
  arrayAt,
  booleanAt,
  firstNumber,
  firstString,
  isObject,
  type JsonObject,
  numberAt,
  objectAt,
  stringAt,
} from './json-fields.js';

/** Longest response snippet kept in a report. */
export const MAX_SNIPPET_CHARS = 500;

/**
 * `health`: `{ verdict: 'trusted'|'untrusted', reasons[], warnings[], eventLoopLagMs: { p99, max },
 * cpuPercent (highest generator), scheduleSlipMs: { p99 } }`; also `saturated`,
 * `maxEventLoopLagMs`, `cpuPercent: { mean, max }`.
 */
export function loadHealth(perfgate: JsonObject | undefined): GeneratorHealth | undefined {
  const health = objectAt(perfgate, 'health');
  if (health === undefined) return undefined;
  const lag = objectAt(health, 'eventLoopLagMs') ?? objectAt(health, 'eventLoopLag');
  const cpu = objectAt(health, 'cpuPercent') ?? objectAt(health, 'cpu');
  const warnings = [...arrayAt(health, 'reasons'), ...arrayAt(health, 'warnings')].flatMap((warning) => {
    const text = typeof warning === 'string' ? warning : stringAt(warning, 'message');
    return text === undefined ? [] : [text];
  });
  return {
    maxEventLoopLagMs: numberAt(lag, 'max') ?? numberAt(health, 'maxEventLoopLagMs'),
    scheduleSlipP99Ms: numberAt(objectAt(health, 'scheduleSlipMs'), 'p99'),
    meanCpuPercent: numberAt(cpu, 'mean') ?? numberAt(health, 'meanCpuPercent'),
    maxCpuPercent:
      numberAt(cpu, 'max') ?? numberAt(health, 'cpuPercent') ?? numberAt(health, 'maxCpuPercent'),
    saturated: booleanAt(health, 'saturated') ?? stringAt(health, 'verdict') === 'untrusted',
    warnings,
  };
}

/**
 * `ensure: { passed, verdicts: [{ expression, measured?, limit?, strict, passed, note? }] }`; also
 * a plain array (or `thresholds`) of `{ name | expression | check, passed | ok | status,
 * measured | value | actual, target | threshold | limit, unit?, message? }`.
 * A failed non-strict condition is reported but does not fail the run: it becomes `skipped`.
 */
export function loadThresholdGates(perfgate: JsonObject | undefined, testName: string): Gate[] {
  const entries = [
    ...arrayAt(objectAt(perfgate, 'ensure'), 'verdicts'),
    ...arrayAt(perfgate, 'ensure'),
    ...arrayAt(perfgate, 'thresholds'),
  ].filter(isObject);
  return entries.map((entry, i) => {
    const name = firstString(entry, ['name', 'expression', 'check', 'metric']) ?? `threshold ${i + 1}`;
    const status = thresholdStatus(entry);
    const reportedOnly = status === 'failed' && booleanAt(entry, 'strict') === false;
    const note = firstString(entry, ['message', 'note']);
    const measuredMetric = ensureMetric(entry);
    const unit = stringAt(entry, 'unit') ?? measuredMetric?.unit;
    return {
      kind: 'threshold',
      name: `${testName}: ${name}`,
      source: testName,
      status: reportedOnly ? 'skipped' : status,
      measured: firstNumber(entry, ['measured', 'value', 'actual']),
      target: firstString(entry, ['target', 'threshold']) ?? limitText(name, numberAt(entry, 'limit'), unit),
      unit,
      metric: measuredMetric?.text,
      message: reportedOnly ? ['failed, not strict: reported only', note].filter(Boolean).join('; ') : note,
    };
  });
}

/** What an ensure verdict measured, in words and with its unit (Artillery's names keep their meaning). */
function ensureMetric(entry: JsonObject): { text: string; unit?: string } | undefined {
  const kind = stringAt(entry, 'kind');
  if (kind === 'maxErrorRate') return { text: 'failed VUs, % of VUs created', unit: '%' };
  if (kind !== 'threshold' && kind !== 'legacy') return undefined;
  const [metric] = Object.keys(objectAt(entry, 'values') ?? {});
  return metric === undefined ? undefined : describeSummaryStat(metric);
}

const SUMMARY_MEANINGS: Readonly<Record<string, string>> = {
  'http.response_time': 'time to first byte',
  'perfgate.http.duration': 'from intended start to last byte',
  'vusers.session_length': 'session length',
};

/** `http.response_time.p95` → "http.response_time p95 (time to first byte)", in ms; counters and rates as they are. */
export function describeSummaryStat(name: string): { text: string; unit?: string } {
  const match = /^(.+)\.(min|max|mean|median|p\d+)$/.exec(name);
  if (match?.[1] === undefined || match[2] === undefined) return { text: name };
  const meaning = SUMMARY_MEANINGS[match[1]];
  return { text: `${match[1]} ${match[2]}${meaning ? ` (${meaning})` : ''}`, unit: 'ms' };
}

/** "< 250 ms" from a limit, with the comparison the expression uses (Artillery's ensure is "<"). */
function limitText(
  expression: string,
  limit: number | undefined,
  unit: string | undefined,
): string | undefined {
  if (limit === undefined) return undefined;
  const operator = /(<=|>=|<|>)/.exec(expression)?.[1] ?? '<';
  return `${operator} ${limit}${unit === undefined ? '' : ` ${unit}`}`;
}

function thresholdStatus(entry: JsonObject): Gate['status'] {
  const passed = booleanAt(entry, 'passed') ?? booleanAt(entry, 'ok');
  if (passed !== undefined) return passed ? 'passed' : 'failed';
  const status = (stringAt(entry, 'status') ?? stringAt(entry, 'verdict') ?? '').toLowerCase();
  if (['failed', 'fail', 'violated'].includes(status)) return 'failed';
  if (['passed', 'pass', 'ok', 'met'].includes(status)) return 'passed';
  return 'skipped';
}

/**
 * `samples`: `{ slowest: [...], failed: [...] }` or one array with `kind`; each
 * `{ name | url | endpoint, status, durationMs | duration, error | code, snippet | body }`.
 */
export function loadSamples(perfgate: JsonObject | undefined): LoadTest['samples'] {
  const samples = perfgate?.samples;
  const tagged: [unknown, 'slowest' | 'failed' | undefined][] = Array.isArray(samples)
    ? samples.map((s) => [s, undefined])
    : [
        ...arrayAt(samples, 'slowest').map((s): [unknown, 'slowest'] => [s, 'slowest']),
        ...arrayAt(samples, 'failed').map((s): [unknown, 'failed'] => [s, 'failed']),
      ];
  return tagged.flatMap(([sample, kind]) => {
    if (!isObject(sample)) return [];
    const error = firstString(sample, ['error', 'code', 'message']);
    const snippet = firstString(sample, ['snippet', 'body']);
    return [
      {
        kind: kind ?? (stringAt(sample, 'kind') === 'failed' || error !== undefined ? 'failed' : 'slowest'),
        name:
          firstString(sample, ['name', 'endpoint']) ??
          ([stringAt(sample, 'method'), stringAt(sample, 'url')].filter(Boolean).join(' ') || '(unnamed)'),
        traceId: stringAt(sample, 'traceId'),
        status: numberAt(sample, 'status'),
        durationMs: firstNumber(sample, ['durationMs', 'duration', 'totalMs']),
        error,
        snippet: snippet?.slice(0, MAX_SNIPPET_CHARS),
      },
    ];
  });
}
