import { describe, expect, it } from 'vitest';
import { type SloCheck, slosFromSpecs } from '../slo/index.js';
import { decideRunVerdict, type LoadGate } from './verdict.js';

const [slo] = slosFromSpecs([
  {
    name: 'toolhub_vector_search_p95',
    service: 'toolhub',
    sli: { type: 'latency', percentile: 95, endpoint: 'POST /api/tools/search' },
    slo: { target: 300, operator: '<=', unit: 'ms' },
  },
] as never);
if (slo === undefined) throw new Error('no SLO');

const check = (verdict: SloCheck['verdict'], value = 120): SloCheck => ({
  slo,
  source: 'load-toolhub.json',
  scope: 'endpoint /api/tools/search',
  verdict,
  measured: { label: 'p95', value, unit: 'ms' },
  notes: [],
  explain: [],
});
const load: LoadGate = {
  name: 'toolhub',
  source: 'load-toolhub.json',
  status: 'completed',
  unreachable: false,
  trusted: true,
  healthReasons: [],
  ensureFailures: [],
};
const base = { sloChecks: [check('pass')], loads: [load], errors: [], interrupted: false };

describe('decideRunVerdict', () => {
  it('passes when every SLO is met and nothing regressed', () => {
    expect(decideRunVerdict(base)).toEqual({ status: 'passed', failures: [], warnings: [] });
  });

  it('fails on a violated SLO, naming it with measured vs target', () => {
    const verdict = decideRunVerdict({ ...base, sloChecks: [check('fail', 421)] });
    expect(verdict.status).toBe('failed');
    expect(verdict.failures).toEqual([
      'SLO toolhub_vector_search_p95: p95 421 ms > 300 ms (load-toolhub.json)',
    ]);
  });

  it('fails on a critical regression but only warns on a major one', () => {
    const critical = {
      passed: false,
      failures: ['toolhub › search: critical regression +62.0 %'],
      warnings: [],
    };
    expect(decideRunVerdict({ ...base, bench: critical }).status).toBe('failed');
    const major = { passed: true, failures: [], warnings: ['toolhub › search: major regression +24.0 %'] };
    const warned = decideRunVerdict({ ...base, bench: major });
    expect(warned.status).toBe('passed');
    expect(warned.warnings).toEqual(['toolhub › search: major regression +24.0 %']);
  });

  it('fails on a strict ensure check', () => {
    const verdict = decideRunVerdict({ ...base, loads: [{ ...load, ensureFailures: ['maxErrorRate < 1'] }] });
    expect(verdict).toMatchObject({
      status: 'failed',
      failures: ['load toolhub: ensure maxErrorRate < 1 failed'],
    });
  });

  it('cannot be trusted when a target was unreachable, whatever the SLOs say', () => {
    expect(decideRunVerdict({ ...base, loads: [{ ...load, unreachable: true }] }).status).toBe(
      'could-not-run',
    );
  });

  it('a delayed generator leaves the run untrusted only when the delay could have failed a gate', () => {
    const delayed = { ...load, trusted: false, healthReasons: ['schedule slip p99 188 ms > 100 ms'] };
    // A latency SLO failed on this load's results: the late starts may be what made it slow.
    const failing = decideRunVerdict({ ...base, sloChecks: [check('fail', 421)], loads: [delayed] });
    expect(failing.status).toBe('could-not-run');
    expect(failing.failures[0]).toBe(
      'load toolhub: generator delayed (schedule slip p99 188 ms > 100 ms) while SLO toolhub_vector_search_p95 failed: the delay may be the cause',
    );
    // Every latency gate passed although latency runs from the intended start: a valid pass.
    const passing = decideRunVerdict({ ...base, loads: [delayed] });
    expect(passing.status).toBe('passed');
    expect(passing.warnings).toEqual([
      'load toolhub: generator delayed (schedule slip p99 188 ms > 100 ms); no verdict depends on it (latency runs from the intended start, every latency gate passed)',
    ]);
    // The load's own latency ensure check or dropped iterations count the same way.
    const ownGate = { ...delayed, delayDecisive: ['ensure http.response_time.p99 < 200 failed'] };
    expect(decideRunVerdict({ ...base, loads: [ownGate] }).status).toBe('could-not-run');
    // A failing SLO of another load does not make this one's delay decisive.
    const elsewhere = { ...check('fail', 421), source: 'load-other.json' };
    expect(decideRunVerdict({ ...base, sloChecks: [elsewhere], loads: [delayed] }).status).toBe('failed');
  });

  it('warns, and passes, on an SLO over target on too few events', () => {
    const few: SloCheck = {
      ...check('inconclusive', 421),
      evidence: {
        bad: 3,
        total: 40,
        observedRatio: 0.075,
        allowedRatio: 0.05,
        confidence: 0.95,
        lowerBound: 0.03,
        interval: { lower: 0.026, upper: 0.19 },
        shown: false,
        eventsNeeded: 205,
      },
    };
    const verdict = decideRunVerdict({ ...base, sloChecks: [few] });
    expect(verdict.status).toBe('passed');
    expect(verdict.warnings).toEqual([
      'SLO toolhub_vector_search_p95: p95 421 ms > 300 ms, but 40 events cannot show a violation at 95 % confidence; ~205 would show it',
    ]);
  });

  it('cannot be trusted when a segment of a distributed load test handed over nothing', () => {
    const incomplete = { ...load, missingSegments: ['2/3'] };
    const verdict = decideRunVerdict({ ...base, loads: [incomplete] });
    expect(verdict.status).toBe('could-not-run');
    expect(verdict.failures).toEqual([
      'load toolhub: segment(s) 2/3 handed over no results: the run is incomplete',
    ]);
  });

  it('reports an interrupted run as interrupted, and a failed step as could-not-run', () => {
    expect(decideRunVerdict({ ...base, interrupted: true }).status).toBe('interrupted');
    expect(decideRunVerdict({ ...base, errors: ['service toolhub exited'] }).status).toBe('could-not-run');
  });

  it('fails on an SLO without data, and on one not covered unless it allows that', () => {
    expect(decideRunVerdict({ ...base, sloChecks: [check('no-data')] }).status).toBe('failed');
    const uncovered = {
      ...check('not-covered'),
      scope: 'no endpoint "POST /api/tools/serch" in the results; closest seen: /api/tools/search',
    };
    const notCovered = decideRunVerdict({ ...base, sloChecks: [uncovered] });
    expect(notCovered.status).toBe('failed');
    expect(notCovered.failures).toEqual([
      'SLO toolhub_vector_search_p95: not covered (no endpoint "POST /api/tools/serch" in the results; closest seen: /api/tools/search) (set allowUncovered: true if expected)',
    ]);
    const allowed = decideRunVerdict({
      ...base,
      sloChecks: [{ ...uncovered, slo: { ...slo, allowUncovered: true } }],
    });
    expect(allowed.status).toBe('passed');
    expect(allowed.warnings).toEqual([
      'SLOs not covered by this run (allowUncovered): toolhub_vector_search_p95',
    ]);
  });
});
