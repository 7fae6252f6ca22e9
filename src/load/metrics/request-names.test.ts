import { describe, expect, it } from 'vitest';
import { parseRequestName, requestKeyPrefix, requestNames, sortScenarioNames } from './request-names.js';

describe('per-request metric names', () => {
  const scenarios = sortScenarioNames(['a', 'a.requests.GET x', 'checkout']);

  it('round-trips scenario, method and endpoint, also with dots and spaces in the names', () => {
    const prefix = requestKeyPrefix('checkout', 'post', '/cart (add item).v2');
    expect(parseRequestName(requestNames.code(prefix, 503), scenarios)).toEqual({
      scenario: 'checkout',
      method: 'POST',
      endpoint: '/cart (add item).v2',
      kind: 'code',
      status: '503',
    });
    expect(parseRequestName(requestNames.error(prefix, 'ETIMEDOUT'), scenarios)).toMatchObject({
      kind: 'error',
      code: 'ETIMEDOUT',
      endpoint: '/cart (add item).v2',
    });
    expect(parseRequestName(requestNames.duration(prefix), scenarios)).toMatchObject({ kind: 'duration' });
  });

  it('prefers the longest scenario name and ignores every other name', () => {
    const name = requestNames.code(requestKeyPrefix('a.requests.GET x', 'GET', '/y'), 200);
    expect(parseRequestName(name, scenarios)?.scenario).toBe('a.requests.GET x');
    expect(parseRequestName('perfgate.scenario.a.completed', scenarios)).toBeUndefined();
    expect(parseRequestName('http.codes.200', scenarios)).toBeUndefined();
    expect(parseRequestName('perfgate.scenario.unknown.requests.GET /.codes.200', scenarios)).toBeUndefined();
  });
});
