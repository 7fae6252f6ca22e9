import { type CompiledCapture, compileCapture } from '../flow/capture.js';
import type { CaptureSource } from '../flow/response-view.js';
import type { VuSession } from '../flow/session.js';
import type { Capture } from '../script/model.js';

/** A socketio `response` or `acknowledge` after templating, as Artillery's engine reads it. */
export interface ReplySpec {
  readonly channel?: unknown;
  readonly data?: unknown;
  readonly concat?: unknown;
  readonly capture?: unknown;
  readonly match?: unknown;
}

/**
 * `response: { channel | on, data | args, concat, capture, match }` and
 * `acknowledge: { data | args, capture, match }`; for an acknowledgement a mapping without `json`
 * reads the first argument (`json: "$.0"`), as in Artillery.
 */
export function readReplySpec(rendered: unknown, kind: 'response' | 'acknowledge'): ReplySpec {
  const raw = (rendered ?? {}) as Record<string, unknown>;
  const firstArgument = (value: unknown) =>
    kind === 'acknowledge' && isMapping(value) && !('json' in value) ? { ...value, json: '$.0' } : value;
  return {
    ...(kind === 'response' ? { channel: raw.channel ?? raw.on, concat: raw.concat } : {}),
    data: firstArgument(raw.data ?? raw.args),
    capture: firstArgument(raw.capture),
    match: firstArgument(raw.match),
  };
}

/**
 * Captures of a reply: unlike HTTP ones they never fail the VU; a capture that finds nothing
 * leaves its variable empty (Artillery sets it to what it found).
 */
export function replyCaptures(reply: ReplySpec): CompiledCapture[] {
  return list(reply.capture).flatMap((spec) => {
    const capture = toCapture(spec, false);
    return capture ? [compileCapture(capture)] : [];
  });
}

/** Every `match` of the reply finds exactly its value (`===`, as Artillery compares). */
export function replyMatchesOk(reply: ReplySpec, view: CaptureSource, session: VuSession): boolean {
  return list(reply.match).every((spec) => {
    const capture = toCapture({ ...(spec as object), as: '' }, true);
    if (!capture || !isMapping(spec)) return false;
    return compileCapture(capture).extract(view, session.world.random) === spec.value;
  });
}

function toCapture(spec: unknown, strict: boolean): Capture | undefined {
  if (!isMapping(spec)) return undefined;
  const as = String(spec.as ?? '');
  if (typeof spec.json === 'string') return { kind: 'json', path: spec.json, as, strict };
  if (typeof spec.regexp === 'string') {
    const group = typeof spec.group === 'number' || typeof spec.group === 'string' ? spec.group : undefined;
    return {
      kind: 'regexp',
      pattern: spec.regexp,
      as,
      strict,
      ...(typeof spec.flags === 'string' ? { flags: spec.flags } : {}),
      ...(group === undefined ? {} : { group }),
    };
  }
  return { kind: 'none', as, strict };
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
