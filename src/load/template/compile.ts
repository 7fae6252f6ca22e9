import { evaluateExpression, isUnknownCall, type TemplateScope } from './builtins.js';
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

/**
 * Artillery's rules (engine_util `template`): a string that is one variable and nothing else
 * keeps the value's type (`0`, `false`, `null`, `undefined` as they are; other empty values as
 * ''); inside longer text a value reads as text, a missing one as `undefined`, `null` as `null`,
 * an object as JSON. A function call (`$randomNumber(1, 10)`) always gives text, and a call to a
 * function Artillery does not know leaves the whole value undefined.
 */
function compileString(text: string): CompiledTemplate {
  const segments = parseTemplateString(text);
  const [only] = segments;
  if (segments.length === 0) return () => text;
  if (segments.some((segment) => typeof segment !== 'string' && isUnknownCall(segment)))
    return () => undefined;
  if (segments.length === 1 && only !== undefined) {
    if (typeof only === 'string') return () => text;
    if (only.kind === 'call') return (scope) => interpolate(evaluateExpression(only, scope));
    return (scope) => loneValue(evaluateExpression(only, scope));
  }
  return (scope) => {
    let out = '';
    for (const segment of segments) {
      out += typeof segment === 'string' ? segment : interpolate(evaluateExpression(segment, scope));
    }
    return out;
  };
}

/** Artillery's `sanitiseValue` for a string that is exactly one variable. */
function loneValue(value: unknown): unknown {
  if (value === 0 || value === false || value === null || value === undefined) return value;
  return value || '';
}

/** How a value reads inside a longer template string, as Artillery writes it. */
export function interpolate(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
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
