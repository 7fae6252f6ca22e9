import type { MetricsByEndpointSettings, RequestStep } from '../script/model.js';

const ABSOLUTE = /^(https?):\/\/([^/?#]+)([^?#]*)(\?[^#]*)?/i;

/**
 * The metrics-by-endpoint label of a request, as Artillery's plugin forms it: the un-templated
 * path (so `/models/{{ id }}` groups all ids), `path (name)` when the request is named, only the
 * name with `useOnlyRequestNames`, and the host prefixed when it is not the target's.
 * Undefined when unnamed requests are ignored.
 */
export function endpointName(
  step: RequestStep,
  target: string,
  settings: MetricsByEndpointSettings,
): string | undefined {
  if (settings.useOnlyRequestNames && step.name !== undefined) return step.name;
  if (step.name === undefined && settings.ignoreUnnamedRequests) return undefined;
  const path = pathOf(step.url, target, settings.stripQueryString);
  return step.name === undefined ? path : `${path} (${step.name})`;
}

function pathOf(url: string, target: string, stripQueryString: boolean): string {
  const absolute = ABSOLUTE.exec(url);
  if (!absolute) {
    const path = stripQueryString ? (url.split('?')[0] ?? url) : url;
    return path === '' ? '/' : path;
  }
  const targetHost = ABSOLUTE.exec(target)?.[2];
  const host = absolute[2] ?? '';
  const prefix = host === targetHost ? '' : host;
  const path = absolute[3] === '' ? '/' : (absolute[3] ?? '/');
  return `${prefix}${path}${stripQueryString ? '' : (absolute[4] ?? '')}`;
}

const TEMPLATE = /\{\{\s*([$\w.]*)[^}]*\}\}/g;

/**
 * perfgate's endpoint label (the `endpoint` of its per-request metrics and Prometheus series): the
 * request's `name` when it has one, else its path without the query string and with each
 * `{{ expression }}` shown as `{variable}` (`/models/{{ id }}` → `/models/{id}`), so labels are
 * names a reader knows and never raw template text; the host is prefixed when it is not the target's.
 */
export function endpointLabel(step: RequestStep, target: string): string {
  if (step.name !== undefined && step.name.trim() !== '') return step.name;
  return templatesAsVariables(pathOf(step.url, target, true));
}

/** `/models/{{ id }}` → `/models/{id}` (how endpoint labels show templates). */
export function templatesAsVariables(path: string): string {
  return path.replace(TEMPLATE, (_, variable: string) => `{${variable}}`);
}
