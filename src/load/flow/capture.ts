import { JSONPath } from 'jsonpath-plus';
import type { Capture, Match } from '../script/model.js';
import type { TemplateScope } from '../template/builtins.js';
import { compileTemplate } from '../template/compile.js';
import { FAILED_CAPTURE } from './metric-names.js';
import type { CaptureSource } from './response-view.js';
import type { VuSession } from './session.js';

type Extract = (response: CaptureSource, random: () => number) => unknown;

export interface CompiledCapture {
  readonly as: string;
  readonly strict: boolean;
  readonly extract: Extract;
  readonly needsBody: boolean;
}

/** Builds the extractor once (the regexp is compiled here, not per response). */
export function compileCapture(capture: Capture): CompiledCapture {
  const base = { as: capture.as, strict: capture.strict };
  if (capture.kind === 'none') return { ...base, needsBody: false, extract: () => undefined };
  if (capture.kind === 'header') {
    return { ...base, needsBody: false, extract: (response) => response.header(capture.header) };
  }
  if (capture.kind === 'regexp') {
    const pattern = new RegExp(capture.pattern, capture.flags);
    return {
      ...base,
      needsBody: true,
      extract: (response) => regexpValue(pattern, capture.group, response.body),
    };
  }
  return {
    ...base,
    needsBody: true,
    extract: (response, random) => jsonValue(capture.path, response.json(), random),
  };
}

/**
 * Stores each captured value as a VU variable. A strict capture that finds nothing ends the VU
 * with Artillery's `Failed capture or match`; a non-strict one leaves the variable unset.
 */
export function applyCaptures(
  captures: readonly CompiledCapture[],
  response: CaptureSource,
  session: VuSession,
): void {
  for (const capture of captures) {
    const value = capture.extract(response, session.world.random);
    // As Artillery: nothing or an empty string is a failed capture; a JSON null is a value.
    if (value === undefined || value === '') {
      if (capture.strict) session.fail(FAILED_CAPTURE);
      continue;
    }
    session.vars[capture.as] = value;
  }
}

export interface CompiledMatch {
  readonly strict: boolean;
  readonly matches: (response: CaptureSource, scope: TemplateScope) => boolean;
}

/**
 * `match: { json, value }`: the value at the path must be the templated value, compared as
 * Artillery compares them (`===`: the number 1 does not match the text "1").
 */
export function compileMatch(match: Match): CompiledMatch {
  const expected = compileTemplate(match.value);
  return {
    strict: match.strict,
    matches: (response, scope) => jsonValue(match.json, response.json(), scope.random) === expected(scope),
  };
}

/** A strict match that fails ends the VU with Artillery's `Failed capture or match`. */
export function applyMatches(
  matches: readonly CompiledMatch[],
  response: CaptureSource,
  session: VuSession,
): void {
  for (const match of matches) {
    if (!match.matches(response, session.scope) && match.strict) session.fail(FAILED_CAPTURE);
  }
}

/**
 * JSONPath (jsonpath-plus), as Artillery's `extractJSONPath`: a body that is not a JSON object or
 * list gives '', no match gives undefined, several matches give one picked at random.
 */
function jsonValue(path: string, json: unknown, random: () => number): unknown {
  if (typeof json !== 'object' || json === null) return '';
  const matches = JSONPath({ path, json: json as object, wrap: true }) as unknown[];
  if (matches.length <= 1) return matches[0];
  return matches[Math.floor(random() * matches.length)];
}

function regexpValue(pattern: RegExp, group: number | string | undefined, body: string): unknown {
  pattern.lastIndex = 0;
  const match = pattern.exec(body);
  if (!match) return undefined;
  if (typeof group === 'string' && match.groups) return match.groups[group];
  if (group !== undefined) return match[Number(group)];
  return match[0];
}
