import { lookupPath, type PathPart, type TemplateArg, type TemplateExpression } from './expression.js';

/** What a compiled template reads at render time. */
export interface TemplateScope {
  /** The VU's variables (payload row, config variables, captures, `$uuid`, `$loopCount`…). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** `$env.X` and `$processEnvironment.X`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `$environment`: the `-e` name. */
  readonly environment?: string;
  readonly random: () => number;
  /** Told the source of each variable that renders as undefined (a warning, once per name). */
  readonly onUndefined?: (source: string) => void;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DEFAULT_RANDOM_STRING_LENGTH = 10;

/**
 * Functions a template may call: Artillery's runner defines these three (`{{ $uuid }}` is a
 * variable, not a function). `$template` can only be given literals, so it renders nothing.
 */
export const TEMPLATE_FUNCTIONS: ReadonlySet<string> = new Set([
  '$randomNumber',
  '$randomString',
  '$template',
]);
const KNOWN_FUNCTIONS = TEMPLATE_FUNCTIONS;

export function isUnknownCall(expression: TemplateExpression): boolean {
  return expression.kind === 'call' && !KNOWN_FUNCTIONS.has(expression.fn);
}

/** Evaluates one parsed expression; undefined when a variable is missing. */
export function evaluateExpression(expression: TemplateExpression, scope: TemplateScope): unknown {
  if (expression.kind === 'path') {
    const value = resolvePath(expression.parts, scope);
    if (value === undefined) scope.onUndefined?.(expression.source);
    return value;
  }
  const args = expression.args.map((arg) => argValue(arg, scope));
  switch (expression.fn) {
    case '$randomNumber':
      // lodash `random`: no bound is [0, 1], one bound is [0, bound].
      return args.length < 2
        ? randomInteger(0, Number(args[0] ?? 1), scope.random)
        : randomInteger(Number(args[0]), Number(args[1]), scope.random);
    case '$randomString':
      return randomString(
        args[0] === undefined ? DEFAULT_RANDOM_STRING_LENGTH : Number(args[0]),
        scope.random,
      );
    default:
      return undefined;
  }
}

/** Roots a path may start with, beyond the VU's variables. */
export function resolvePath(parts: readonly PathPart[], scope: TemplateScope): unknown {
  const [root, ...rest] = parts;
  if (root === '$env' || root === '$processEnvironment') return lookupPath(scope.env, rest);
  if (root === '$environment') return scope.environment;
  if (root === '$uuid') return vuUuid(scope.vars, scope.random);
  return lookupPath(scope.vars, parts);
}

/**
 * Artillery's `$uuid` is one id per VU. It is drawn on first use and kept in the VU's variables,
 * so VUs that never use it pay nothing for it.
 */
export function vuUuid(vars: Readonly<Record<string, unknown>>, random: () => number): string {
  const existing = vars.$uuid;
  if (typeof existing === 'string') return existing;
  const id = randomUuid(random);
  (vars as Record<string, unknown>).$uuid = id;
  return id;
}

function argValue(arg: TemplateArg, scope: TemplateScope): unknown {
  return 'literal' in arg ? arg.literal : resolvePath(arg.path, scope);
}

/** Inclusive integer in [min, max], like lodash `random` on integers (Artillery's `$randomNumber`). */
export function randomInteger(min: number, max: number, random: () => number): number {
  const low = Math.ceil(Math.min(min, max));
  const high = Math.floor(Math.max(min, max));
  return low + Math.floor(random() * (high - low + 1));
}

export function randomString(length: number, random: () => number): string {
  let out = '';
  for (let index = 0; index < length; index++)
    out += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)];
  return out;
}

/** A version-4 UUID drawn from the injected random source (so seeded runs repeat). */
export function randomUuid(random: () => number): string {
  const hex: string[] = [];
  for (let index = 0; index < 32; index++) hex.push(Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
