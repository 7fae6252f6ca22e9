import type { ConfigIssue } from './issues.js';
import { httpUrl } from './schema/fields.js';

/** What `perfgate run` takes from the environment beyond the file (DESIGN.md: Environment variables). */
export interface RunSettings {
  /** Scales every time budget and timeout (PERFORMANCE_TIMEOUT_MULTIPLIER). */
  timeoutMultiplier: number;
  /** Run one suite only (PERFORMANCE_TEST_MODE or --only). */
  only?: 'slo' | 'benchmark' | 'load';
}

type Env = Readonly<Record<string, string | undefined>>;
type Parsed = { value: unknown } | { error: string };

const positiveNumber = (text: string): Parsed => {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0
    ? { value }
    : { error: 'expected a positive number' };
};
const booleanFlag = (text: string): Parsed => {
  const lower = text.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return { value: true };
  if (['false', '0', 'no', 'off', ''].includes(lower)) return { value: false };
  return { error: 'expected true or false' };
};
const oneOf =
  (...allowed: string[]) =>
  (text: string): Parsed =>
    allowed.includes(text) ? { value: text } : { error: `expected one of ${allowed.join(', ')}` };
const url = (text: string): Parsed =>
  httpUrl.safeParse(text).success ? { value: text } : { error: 'expected an http(s) URL' };
const text = (value: string): Parsed => (value.trim() === '' ? { error: 'is empty' } : { value });
const list = (value: string): Parsed => ({
  value: value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
});

/** Each variable, where it lands in the config, and how its text is read. Secrets are never echoed in errors. */
export const ENV_VAR_BINDINGS: ReadonlyArray<{
  name: string;
  path: readonly string[];
  parse: (text: string) => Parsed;
  secret?: boolean;
}> = [
  { name: 'PERFORMANCE_THRESHOLD', path: ['regression', 'threshold'], parse: positiveNumber },
  { name: 'UPDATE_BASELINES', path: ['regression', 'updateBaselines'], parse: booleanFlag },
  { name: 'PERFORMANCE_TIMEOUT_MULTIPLIER', path: ['run', 'timeoutMultiplier'], parse: positiveNumber },
  { name: 'PERFORMANCE_TEST_MODE', path: ['run', 'only'], parse: oneOf('slo', 'benchmark', 'load') },
  { name: 'SLACK_WEBHOOK_URL', path: ['notifications', 'slack', 'webhookUrl'], parse: url, secret: true },
  { name: 'EMAIL_RECIPIENTS', path: ['notifications', 'email', 'recipients'], parse: list },
  { name: 'SMTP_URL', path: ['notifications', 'email', 'smtpUrl'], parse: text, secret: true },
  {
    name: 'PAGERDUTY_ROUTING_KEY',
    path: ['notifications', 'pagerduty', 'routingKey'],
    parse: text,
    secret: true,
  },
  { name: 'PROMETHEUS_URL', path: ['prometheus', 'url'], parse: url },
];

/** Reads the bound environment variables into an overlay in the config's own shape (plus `run`). */
export function overlayFromEnv(env: Env): { overlay: Record<string, unknown>; issues: ConfigIssue[] } {
  const overlay: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const binding of ENV_VAR_BINDINGS) {
    const raw = env[binding.name];
    if (raw === undefined || (raw === '' && binding.name !== 'UPDATE_BASELINES')) continue;
    const parsed = binding.parse(raw);
    if ('error' in parsed) {
      const shown = binding.secret ? '' : ` (got ${JSON.stringify(raw)})`;
      issues.push({ file: 'env', line: 0, col: 0, path: [binding.name], message: `${parsed.error}${shown}` });
      continue;
    }
    setIn(overlay, binding.path, parsed.value);
  }
  return { overlay, issues };
}

export function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}
