import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../config/index.js';
import { slosFromSpecs } from '../../slo/spec.js';
import { type DrillPlan, planDrill } from './plan.js';
import { AlertTimeline, type FiringAlert } from './timeline.js';
import { allDecided, falsePages, judgeDrill } from './verdict.js';

const CONFIG = `
services:
  api: { url: "http://127.0.0.1:9" }
  other: { url: "http://127.0.0.1:10" }
slos:
  - name: availability
    service: api
    sli:
      type: availability
      prometheus:
        bad: sum(rate(http_requests_total{status=~"5.."}[{{window}}]))
        total: sum(rate(http_requests_total[{{window}}]))
    slo: { target: 99.5, operator: ">=" }
    errorBudget: { period: 30d }
load:
  scripts: [{ path: api.yml, service: api }]
gameday:
  timeScale: 60
  faults:
    - { name: api-errors, service: api, from: 30s, to: 90s, error: { status: 503, ratio: 0.5 } }
  expect:
    - { slo: availability, fireWithin: 10m, resolveWithin: 45m, gate: fail }
`;

function plan(text = CONFIG): DrillPlan {
  const loaded = loadConfigText(text, '/x/perfgate.config.yaml', { env: {}, dir: '/x' });
  if (loaded.state !== 'ok') throw new Error(JSON.stringify(loaded));
  const config = loaded.config;
  if (config.gameday === undefined) throw new Error('no gameday');
  return planDrill({
    gameday: config.gameday,
    slos: slosFromSpecs(config.slos),
    services: config.services.map((s) => s.name),
    defaultScripts: [{ path: '/x/api.yml', service: 'api' }],
    source: '/x/perfgate.config.yaml',
  });
}

const page = (service = 'api', tier = 'page-fast'): FiringAlert => ({
  alertname: 'ErrorBudgetBurn',
  sloId: `${service}-availability`,
  service,
  severity: 'critical',
  tier,
});

describe('game day plan', () => {
  it('scales every window and the period by timeScale, keeps the factors, and deadlines in drill time', () => {
    const drill = plan();
    const slo = drill.expectations[0]?.slo;
    expect(slo?.tiers.map((t) => [t.name, t.longWindowMs, t.shortWindowMs, t.factor])).toEqual([
      ['page-fast', 60_000, 5_000, 14.4],
      ['page-slow', 360_000, 30_000, 6],
      ['ticket-fast', 1_440_000, 120_000, 3],
      ['ticket-slow', 4_320_000, 360_000, 1],
    ]);
    expect(slo?.period).toEqual({ kind: 'rolling', nominalMs: 12 * 3_600_000 });
    expect(drill.expectations[0]).toMatchObject({ fireDeadlineMs: 10_000, resolveDeadlineMs: 45_000 });
    // The last deadline (90s + 45s) plus three intervals to settle.
    expect(drill.durationMs).toBe(138_000);
  });

  it('reports every problem at once, naming the field', () => {
    const bad = CONFIG.replace('service: api, from', 'service: nope, from')
      .replace('slo: availability,', 'slo: latency,')
      .replace('timeScale: 60', 'timeScale: 600');
    expect(() => plan(bad)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        details: [
          'gameday.faults[0].service: no service nope (services: api, other)',
          expect.stringMatching(
            /^gameday\.timeScale: api-availability: at timeScale 600 the short windows of page-fast \(500ms\)/,
          ),
          'gameday.expect[0].slo: no SLO latency with an error budget and a prometheus: source',
        ],
      }),
    );
  });
});

describe('game day verdict', () => {
  const drill = plan();
  const gate = new Map([['api-availability', 'fail']]);

  it('times the page from the fault start and its resolution from the fault end', () => {
    const timeline = new AlertTimeline();
    timeline.record(20_000, []);
    timeline.record(36_000, [page()]);
    timeline.record(50_000, [page(), page('api', 'page-slow')]);
    timeline.record(100_000, [page('api', 'page-slow')]);
    timeline.record(120_000, []);
    const burn = [30_000, 60_000, 89_000].map((atMs) => ({ atMs, sloId: 'api-availability', burnRate: 100 }));
    const verdict = judgeDrill({
      plan: drill,
      intervals: timeline.intervals(),
      burn,
      gate,
      injected: drill.faults,
    });
    expect(verdict.passed).toBe(true);
    expect(verdict.results[0]).toMatchObject({ timeToFireMs: 6_000, timeToResolveMs: 30_000, held: true });
    // 3 samples × 1 s × burn 100 over a 12 h period.
    expect(verdict.results[0]?.budgetSpent).toBeCloseTo(300 / 43_200, 6);
  });

  it('holds a tier to its own timing when the expectation names one', () => {
    const tiered = { ...drill, expectations: drill.expectations.map((e) => ({ ...e, tier: 'page-fast' })) };
    const timeline = new AlertTimeline();
    timeline.record(33_000, [page('api', 'page-slow')]);
    timeline.record(38_000, [page('api', 'page-slow'), page()]);
    timeline.record(95_000, []);
    const verdict = judgeDrill({
      plan: tiered,
      intervals: timeline.intervals(),
      burn: [],
      gate,
      injected: drill.faults,
    });
    expect(verdict.results[0]).toMatchObject({ timeToFireMs: 8_000, held: true });
  });

  it('fails when the page never fires, fires late, never resolves, or the gate passes', () => {
    const judge = (polls: [number, FiringAlert[]][], gateVerdict = 'fail') => {
      const timeline = new AlertTimeline();
      for (const [at, firing] of polls) timeline.record(at, firing);
      return judgeDrill({
        plan: drill,
        intervals: timeline.intervals(),
        burn: [],
        gate: new Map([['api-availability', gateVerdict]]),
        injected: drill.faults,
      });
    };
    expect(judge([[40_000, []]]).results[0]?.problems).toEqual(['ErrorBudgetBurn (critical) did not fire']);
    expect(
      judge([
        [41_000, [page()]],
        [100_000, []],
      ]).results[0]?.problems,
    ).toEqual(['ErrorBudgetBurn fired too late']);
    expect(judge([[35_000, [page()]]]).results[0]?.problems).toEqual([
      'ErrorBudgetBurn did not resolve in time',
    ]);
    expect(
      judge(
        [
          [35_000, [page()]],
          [100_000, []],
        ],
        'pass',
      ).results[0]?.problems,
    ).toEqual(['the SLO gate was expected to fail but it says pass']);
  });

  it('counts a page outside any fault on its service as a false page', () => {
    const timeline = new AlertTimeline();
    timeline.record(10_000, [page()]);
    timeline.record(12_000, []);
    timeline.record(40_000, [page('other')]);
    timeline.record(92_000, [page('other'), { ...page(), severity: 'warning', tier: 'ticket-fast' }]);
    timeline.record(93_000, [page('other'), page()]);
    timeline.record(95_000, []);
    const pages = falsePages(timeline.intervals(), drill.faults, 3_000);
    expect(pages.map((p) => [p.service, p.startMs])).toEqual([
      ['api', 10_000],
      ['other', 40_000],
    ]);
    expect(falsePages(timeline.intervals(), [], 3_000)).toHaveLength(3);
  });

  it('is decided once the page resolved after the fault, or its deadlines passed', () => {
    const timeline = new AlertTimeline();
    timeline.record(35_000, [page()]);
    expect(allDecided(drill, timeline.intervals(), 95_000)).toBe(false);
    timeline.record(95_000, []);
    expect(allDecided(drill, timeline.intervals(), 95_000)).toBe(true);
    expect(allDecided(drill, [], 39_000)).toBe(false);
    expect(allDecided(drill, [], 41_000)).toBe(true);
  });
});
