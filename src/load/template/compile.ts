import { evaluateExpression, type TemplateScope } from './builtins.js';
import { parseExpression, type TemplateExpression } from './expression.js';

/** A template compiled once: rendering is a closure call, no parsing on the hot path. */
export type CompiledTemplate = (scope: TemplateScope) => unknown;

type Segment = string | TemplateExpression;

/** `{{ x }}` and Artillery's triple-brace `{{{ x }}}`. */
const PLACEHOLDER = /\{\{\{?([^{}]+?)\}?\}\}/g;

/** Splits a string into literal text and parsed expressions; unparsable placeholders stay literal. */
export function parseTemplateString(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const expression = parseExpression(match[1] ?? '');
    if (!expression) continue;
    if (match.index > last) segments.push(text.slice(last, match.index));
    segments.push(expression);
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push(text.slice(last));
  return segments;
}

export function hasTemplate(text: string): boolean {
  return parseTemplateString(text).some((segment) => typeof segment !== 'string');
}

/**
 * Compiles any script value: strings are templated (a string that is exactly one placeholder
 * keeps the value's type), lists and mappings deeply (keys too). Values without placeholders
 * compile to a constant: the same object is returned on every render, so callers must not
 * mutate what they get (hot path: no copy per request).
 */
export function compileTemplate(value: unknown): CompiledTemplate {
  if (typeof value === 'string') return compileString(value);
  if (Array.isArray(value)) return compileList(value);
  if (typeof value === 'object' && value !== null) return compileMapping(value as Record<string, unknown>);
  return () => value;
}

function compileString(text: string): CompiledTemplate {
  const segments = parseTemplateString(text);
  const [only] = segments;
  if (segments.length === 0) return () => text;
  if (segments.length === 1 && only !== undefined) {
    if (typeof only === 'string') return () => text;
    return (scope) => evaluateExpression(only, scope);
  }
  return (scope) => {
    let out = '';
    for (const segment of segments) {
      out += typeof segment === 'string' ? segment : stringify(evaluateExpression(segment, scope));
    }
    return out;
  };
}

function compileList(list: unknown[]): CompiledTemplate {
  const items = list.map(compileTemplate);
  if (list.every(isConstant)) return () => list;
  return (scope) => items.map((item) => item(scope));
}

function compileMapping(mapping: Record<string, unknown>): CompiledTemplate {
  if (isConstant(mapping)) return () => mapping;
  const entries = Object.entries(mapping).map(
    ([key, value]) => [compileString(key), compileTemplate(value)] as const,
  );
  return (scope) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of entries) out[stringify(key(scope))] = value(scope);
    return out;
  };
}

function isConstant(value: unknown): boolean {
  if (typeof value === 'string') return !hasTemplate(value);
  if (Array.isArray(value)) return value.every(isConstant);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([key, item]) => !hasTemplate(key) && isConstant(item));
  }
  return true;
}

/** How a value reads inside a longer string: objects as JSON, missing values as nothing. */
export function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Renders only the placeholders `pick` accepts, leaving the others as written: config values
 * are templated with `$env`/`$environment` at load time, VU variables later.
 */
export function renderSome(
  value: unknown,
  scope: TemplateScope,
  pick: (expression: TemplateExpression) => boolean,
): unknown {
  if (typeof value === 'string') {
    const segments = parseTemplateString(value);
    const picked = segments.filter((segment) => typeof segment !== 'string');
    if (picked.length === 0 || !picked.some(pick)) return value;
    if (segments.length === 1 && typeof segments[0] !== 'string' && segments[0])
      return evaluateExpression(segments[0], scope);
    return segments
      .map((segment) => {
        if (typeof segment === 'string') return segment;
        return pick(segment) ? stringify(evaluateExpression(segment, scope)) : `{{ ${segment.source} }}`;
      })
      .join('');
  }
  if (Array.isArray(value)) return value.map((item) => renderSome(item, scope, pick));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renderSome(item, scope, pick)]),
    );
  }
  return value;
}

const MAX_CACHED_TEMPLATES = 1_000;

/** Compiles strings on first use and reuses them (for values changed by `beforeRequest` hooks). */
export class TemplateCache {
  readonly #compiled = new Map<string, CompiledTemplate>();

  render(value: unknown, scope: TemplateScope): unknown {
    if (typeof value === 'string') return this.#string(value)(scope);
    if (Array.isArray(value)) return value.map((item) => this.render(item, scope));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value))
        out[stringify(this.#string(key)(scope))] = this.render(item, scope);
      return out;
    }
    return value;
  }

  #string(text: string): CompiledTemplate {
    let compiled = this.#compiled.get(text);
    if (!compiled) {
      // Hooks may write a fresh literal per request; a bounded cache keeps memory flat.
      if (this.#compiled.size >= MAX_CACHED_TEMPLATES) this.#compiled.clear();
      compiled = compileString(text);
      this.#compiled.set(text, compiled);
    }
    return compiled;
  }
}
