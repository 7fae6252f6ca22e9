/**
 * Rewrites a corpus script the same way for both tools: the target (and every environment's)
 * points at the recording server, phases are shortened to about one arrival while keeping
 * their form (a `"10min"` duration becomes `"0.01min"`, so duration syntax is still exercised),
 * long thinks are cut to a second, and the choices the two tools cannot share (a random payload
 * row, a random element of a variable list, a request's `probability`, which scenario a VU
 * picks) are pinned. Everything else is left exactly as written.
 */
import { type Document, isMap, isSeq, parseDocument } from 'yaml';

type Path = (string | number)[];
type Op = { readonly path: Path; readonly value?: unknown; readonly remove?: true };

export interface RewriteOptions {
  /** The recording server, `127.0.0.1:PORT`. */
  readonly host: string;
  /** Keep only this scenario (weight 1). */
  readonly scenarioIndex?: number;
}

/** Rewrites a YAML or JSON script text; JSON stays JSON, YAML keeps its untouched nodes verbatim. */
export function rewriteScript(text: string, isJson: boolean, options: RewriteOptions): string {
  if (isJson) {
    const data = JSON.parse(text) as unknown;
    for (const op of planRewrite(data, options)) applyToObject(data, op);
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const document = parseDocument(text, { uniqueKeys: false });
  for (const op of planRewrite(document.toJS({ maxAliasCount: 1000 }), options))
    applyToDocument(document, op);
  return document.toString({ lineWidth: 0 });
}

/** The same rewrite for `--overrides` JSON (its config may carry phases and a target). */
export function rewriteOverrides(json: string, host: string): string {
  return rewriteScript(json, true, { host });
}

export function planRewrite(data: unknown, options: RewriteOptions): Op[] {
  const ops: Op[] = [];
  if (!isRecord(data)) return ops;
  const config = isRecord(data.config) ? data.config : undefined;
  if (config) planConfig(config, options.host, ops);
  if (Array.isArray(data.scenarios)) {
    const keep = options.scenarioIndex;
    data.scenarios.forEach((scenario, index) => {
      if (keep !== undefined && index !== keep) return;
      if (isRecord(scenario)) {
        if (keep !== undefined && scenario.weight !== undefined)
          ops.push({ path: ['scenarios', index, 'weight'], value: 1 });
        planFlow(scenario.flow, ['scenarios', index, 'flow'], ops);
      }
    });
    if (keep !== undefined) {
      for (let index = data.scenarios.length - 1; index >= 0; index--)
        if (index !== keep) ops.push({ path: ['scenarios', index], remove: true });
    }
  }
  for (const key of ['before', 'after'] as const) {
    const block = data[key];
    if (isRecord(block)) planFlow(block.flow, [key, 'flow'], ops);
  }
  return ops;
}

function planConfig(config: Record<string, unknown>, host: string, ops: Op[]): void {
  if (config.target !== undefined)
    ops.push({ path: ['config', 'target'], value: recorderUrl(config.target, host) });
  if (Array.isArray(config.phases))
    ops.push({ path: ['config', 'phases'], value: shortenPhases(config.phases) });
  if (isRecord(config.environments)) {
    for (const [name, environment] of Object.entries(config.environments)) {
      if (!isRecord(environment)) continue;
      const at = ['config', 'environments', name];
      if (environment.target !== undefined)
        ops.push({ path: [...at, 'target'], value: recorderUrl(environment.target, host) });
      if (Array.isArray(environment.phases))
        ops.push({ path: [...at, 'phases'], value: shortenPhases(environment.phases) });
    }
  }
  if (isRecord(config.variables)) {
    for (const [name, value] of Object.entries(config.variables))
      if (Array.isArray(value) && value.length > 1)
        ops.push({ path: ['config', 'variables', name], value: value.slice(0, 1) });
  }
  const payloads = Array.isArray(config.payload) ? config.payload : [config.payload];
  payloads.forEach((payload, index) => {
    if (!isRecord(payload) || payload.loadAll === true || payload.order === 'sequence') return;
    const at = Array.isArray(config.payload) ? ['config', 'payload', index] : ['config', 'payload'];
    ops.push({ path: [...at, 'order'], value: 'sequence' });
  });
}

function planFlow(flow: unknown, path: Path, ops: Op[]): void {
  if (!Array.isArray(flow)) return;
  flow.forEach((step, index) => {
    if (!isRecord(step)) return;
    const at = [...path, index];
    if (step.think !== undefined) {
      const short = shortThink(step.think);
      if (short !== step.think) ops.push({ path: [...at, 'think'], value: short });
    }
    if (Array.isArray(step.loop)) planFlow(step.loop, [...at, 'loop'], ops);
    if (Array.isArray(step.parallel)) planFlow(step.parallel, [...at, 'parallel'], ops);
    for (const [action, spec] of Object.entries(step)) {
      if (isRecord(spec) && typeof spec.probability === 'number') {
        const pinned = spec.probability >= 50 ? 100 : 0;
        if (pinned !== spec.probability) ops.push({ path: [...at, action, 'probability'], value: pinned });
      }
    }
  });
}

/** The target on the recorder, keeping its scheme family (http or ws) and its base path. */
export function recorderUrl(target: unknown, host: string): string {
  const text = String(target);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `http://${host}`;
  }
  const scheme = url.protocol === 'ws:' || url.protocol === 'wss:' ? 'ws' : 'http';
  const path = url.pathname === '/' && !text.endsWith('/') ? '' : url.pathname;
  return `${scheme}://${host}${path}${url.search}`;
}

/**
 * Keeps the first phase that brings arrivals, as exactly one arrival: `arrivalCount: 1` over a
 * shortened duration (Artillery's arrival process never ends when a duration is shorter than
 * one arrival interval, and the two tools place the first arrival of a rate differently, so a
 * rate becomes a count). A rate given by a template is left as written, with its duration.
 */
export function shortenPhases(phases: unknown[]): unknown[] {
  const first = phases.find((phase) => isRecord(phase) && phase.pause === undefined && bringsArrivals(phase));
  if (!isRecord(first)) return phases;
  const out: Record<string, unknown> = { ...first };
  if (first.duration !== undefined) out.duration = shortDuration(first.duration);
  if (isTemplate(first.arrivalRate) || isTemplate(first.arrivalCount)) return [out];
  delete out.arrivalRate;
  delete out.rampTo;
  out.arrivalCount = 1;
  return [out];
}

function bringsArrivals(phase: Record<string, unknown>): boolean {
  if (phase.arrivalCount !== undefined || phase.rampTo !== undefined) return true;
  return phase.arrivalRate !== undefined && Number(phase.arrivalRate) !== 0;
}

/** Units as the `ms` package spells them, and an amount of each that lasts 1–2 seconds. */
const SHORT_AMOUNT: readonly [RegExp, string][] = [
  [/^(milliseconds?|msecs?|ms)$/i, '1500'],
  [/^(seconds?|secs?|s)$/i, '1.5'],
  [/^(minutes?|mins?|m)$/i, '0.025'],
  [/^(hours?|hrs?|h)$/i, '0.0004'],
  [/^(days?|d)$/i, '0.00002'],
  [/^(weeks?|w)$/i, '0.0000025'],
  [/^(years?|yrs?|y)$/i, '0.00000005'],
];

/** A duration cut to 1–2 s in the form it was written: `10min` → `0.025min`, `60` → 1. */
export function shortDuration(value: unknown): unknown {
  if (typeof value === 'number') return 1;
  if (typeof value !== 'string' || isTemplate(value)) return value;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return '1';
  const match = /^\s*(-?\d*\.?\d+)(\s*)([a-z]+)\s*$/i.exec(value);
  if (!match) return value;
  const amount = SHORT_AMOUNT.find(([unit]) => unit.test(match[3] ?? ''))?.[1];
  return amount === undefined ? value : `${amount}${match[2]}${match[3]}`;
}

function shortThink(value: unknown): unknown {
  if (typeof value === 'number') return value > 1 ? 1 : value;
  if (typeof value !== 'string' || isTemplate(value)) return value;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) > 1 ? '1' : value;
  return shortDuration(value);
}

function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

function applyToObject(root: unknown, op: Op): void {
  const parent = op.path.slice(0, -1).reduce<unknown>((node, key) => (node as never)?.[key], root);
  const key = op.path.at(-1) as string | number;
  if (!parent || typeof parent !== 'object') return;
  if (op.remove) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Record<string, unknown>)[key];
  } else (parent as Record<string | number, unknown>)[key] = op.value;
}

function applyToDocument(document: Document, op: Op): void {
  if (op.remove) document.deleteIn(op.path);
  else {
    const parent = document.getIn(op.path.slice(0, -1), true);
    if (isMap(parent) || isSeq(parent) || op.path.length === 1)
      document.setIn(op.path, document.createNode(op.value));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
