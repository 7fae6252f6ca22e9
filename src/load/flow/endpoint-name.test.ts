import { describe, expect, it } from 'vitest';
import type { MetricsByEndpointSettings, RequestStep } from '../script/model.js';
import { DEFAULT_METRICS_BY_ENDPOINT } from '../script/plugins.js';
import { endpointLabel, endpointName } from './endpoint-name.js';

const step = (url: string, name?: string): RequestStep => ({
  kind: 'request',
  method: 'GET',
  url,
  ...(name === undefined ? {} : { name }),
  followRedirect: true,
  captures: [],
  expectations: [],
  beforeRequest: [],
  afterResponse: [],
});

const settings = (overrides: Partial<MetricsByEndpointSettings> = {}) => ({
  ...DEFAULT_METRICS_BY_ENDPOINT,
  ...overrides,
});
const TARGET = 'http://api.local:8080';

describe("endpointName (Artillery's metrics-by-endpoint labels)", () => {
  it.each([
    ['/models/{{ id }}?verbose=1', undefined, {}, '/models/{{ id }}'],
    ['/models/{{ id }}?verbose=1', undefined, { stripQueryString: false }, '/models/{{ id }}?verbose=1'],
    ['/models', 'create', {}, '/models (create)'],
    ['/models', 'create', { useOnlyRequestNames: true }, 'create'],
    ['/models', undefined, { ignoreUnnamedRequests: true }, undefined],
    ['http://api.local:8080/health', undefined, {}, '/health'],
    ['http://other.local/health?x=1', undefined, {}, 'other.local/health'],
    ['', undefined, {}, '/'],
  ])('%s named %s with %j → %s', (url, name, overrides, expected) => {
    expect(endpointName(step(url, name), TARGET, settings(overrides))).toBe(expected);
  });
});

describe("endpointLabel (perfgate's per-request label: names, never raw template text)", () => {
  it.each([
    ['/models/{{ id }}?verbose=1', undefined, '/models/{id}'],
    ['/items/{{ $randomNumber(1, 100) }}', undefined, '/items/{$randomNumber}'],
    ['/users/{{user.id}}/posts', undefined, '/users/{user.id}/posts'],
    ['/models/{{ id }}', 'get model', 'get model'],
    ['http://other.local/health?x=1', undefined, 'other.local/health'],
    ['', undefined, '/'],
  ])('%s named %s → %s', (url, name, expected) => {
    expect(endpointLabel(step(url, name), TARGET)).toBe(expected);
  });
});
