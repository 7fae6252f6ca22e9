import { describe, expect, it } from 'vitest';
import type { EnsureVerdict } from '../ensure/evaluate.js';
import { delayImpact, isErrorOnlyCheck } from './delay-impact.js';

const verdict = (expression: string, values: Record<string, number>, passed: boolean): EnsureVerdict => ({
  kind: expression.startsWith('maxErrorRate') ? 'maxErrorRate' : 'threshold',
  expression,
  values,
  strict: true,
  passed,
});
const latency = verdict('http.response_time.p99 < 200', { 'http.response_time.p99': 310 }, false);
const errors = verdict('maxErrorRate < 1', {}, false);
const codes = verdict('http.codes.500 < 1', { 'http.codes.500': 4 }, false);

describe('delayImpact', () => {
  it('an on-time generator has no impact', () => {
    expect(delayImpact({ verdict: 'trusted' }, [latency], {})).toEqual({ delayed: false, decisive: [] });
  });

  it('a delay matters for a failed latency check or dropped iterations, not for error checks', () => {
    expect(delayImpact({ verdict: 'untrusted' }, [latency, errors], {}).decisive).toEqual([
      'ensure http.response_time.p99 < 200 failed',
    ]);
    expect(delayImpact({ verdict: 'untrusted' }, [errors, codes], {})).toEqual({
      delayed: true,
      decisive: [],
    });
    expect(delayImpact({ verdict: 'untrusted' }, [], { 'perfgate.iterations.dropped': 12 }).decisive).toEqual(
      ['12 iterations dropped: the planned throughput was not reached'],
    );
  });

  it('a passing or non-strict check never makes the delay decisive', () => {
    const passed = { ...latency, passed: true };
    const lenient = { ...latency, strict: false };
    expect(delayImpact({ verdict: 'untrusted' }, [passed, lenient], {}).decisive).toEqual([]);
  });

  it('classifies checks by the metrics they read', () => {
    expect(isErrorOnlyCheck(errors)).toBe(true);
    expect(isErrorOnlyCheck(codes)).toBe(true);
    expect(isErrorOnlyCheck(latency)).toBe(false);
    expect(
      isErrorOnlyCheck(
        verdict(
          'vusers.failed < 1 and http.request_rate > 10',
          { 'vusers.failed': 0, 'http.request_rate': 4 },
          false,
        ),
      ),
    ).toBe(false);
  });
});
