/** Payload checks after Slack's Block Kit and PagerDuty's Events API v2 references. */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Slack incoming webhook: fallback text; header (plain_text ≤ 150), sections (≤ 10 fields), context. */
export function slackProblems(body: unknown): string[] {
  if (!isObject(body)) return ['body is not a JSON object'];
  const problems: string[] = [];
  if (!isText(body.text)) problems.push('text (fallback) missing');
  if (!Array.isArray(body.blocks) || body.blocks.length === 0) return [...problems, 'blocks missing'];
  if (body.blocks.length > 50) problems.push('more than 50 blocks');
  for (const [index, block] of body.blocks.entries()) {
    problems.push(...blockProblems(block).map((problem) => `blocks[${index}]: ${problem}`));
  }
  if (!isObject(body.blocks[0]) || body.blocks[0].type !== 'header')
    problems.push('first block is not a header');
  return problems;
}

function blockProblems(block: unknown): string[] {
  if (!isObject(block)) return ['not an object'];
  if (block.type === 'header') return headerProblems(block.text);
  if (block.type === 'section') return sectionProblems(block.text, block.fields);
  if (block.type === 'context') return contextProblems(block.elements);
  return [`unexpected block type ${String(block.type)}`];
}

function headerProblems(text: unknown): string[] {
  if (!isObject(text) || text.type !== 'plain_text') return ['header text must be plain_text'];
  return isText(text.text) && text.text.length <= 150 ? [] : ['header text empty or over 150 characters'];
}

function sectionProblems(text: unknown, fields: unknown): string[] {
  if (text === undefined && fields === undefined) return ['section needs text or fields'];
  const problems: string[] = [];
  if (text !== undefined && !isMrkdwn(text, 3000))
    problems.push('section text is not mrkdwn ≤ 3000 characters');
  if (fields === undefined) return problems;
  if (!Array.isArray(fields) || fields.length > 10) return [...problems, 'fields: not a list of ≤ 10'];
  if (!fields.every((field) => isMrkdwn(field, 2000)))
    problems.push('a field is not mrkdwn ≤ 2000 characters');
  return problems;
}

function contextProblems(elements: unknown): string[] {
  if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) return ['context elements'];
  return elements.every((element) => isObject(element) && isText(element.text))
    ? []
    : ['context element text'];
}

function isMrkdwn(value: unknown, maxChars: number): boolean {
  return isObject(value) && value.type === 'mrkdwn' && isText(value.text) && value.text.length <= maxChars;
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];

/** PagerDuty Events API v2: routing_key, event_action, dedup_key, and a payload for triggers. */
export function pagerDutyProblems(body: unknown): string[] {
  if (!isObject(body)) return ['body is not a JSON object'];
  const problems: string[] = [];
  if (!isText(body.routing_key)) problems.push('routing_key missing');
  if (!['trigger', 'acknowledge', 'resolve'].includes(body.event_action as string))
    problems.push('event_action');
  if (!isText(body.dedup_key) || body.dedup_key.length > 255) problems.push('dedup_key missing or over 255');
  if (body.event_action !== 'trigger') return problems;
  const payload = body.payload;
  if (!isObject(payload)) return [...problems, 'payload missing'];
  if (!isText(payload.summary) || payload.summary.length > 1024) problems.push('payload.summary');
  if (!isText(payload.source)) problems.push('payload.source');
  if (!SEVERITIES.includes(payload.severity as string)) problems.push('payload.severity');
  if (payload.timestamp !== undefined && Number.isNaN(Date.parse(String(payload.timestamp))))
    problems.push('payload.timestamp');
  return problems;
}

/** PagerDuty's answer to a valid event. */
export const pagerDutyAccepted = (): [number, string] => [
  202,
  JSON.stringify({ status: 'success', message: 'Event processed' }),
];
