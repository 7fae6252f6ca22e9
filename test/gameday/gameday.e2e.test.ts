// SLOW (~35 s, real processes): three short `perfgate gameday` drills at once, each with its own
// demo model-router, fault proxy, load and real Prometheus (Debian `prometheus`), windows scaled
// 60× with one page tier of 10m/2m (drill: 10s/2s) — the three checks: the drill with its
// fault passes; the same drill with the fault not injected fails (the page did not fire); the drill
// with the burn factor 10× too high in its rules fails. The deadlines (15 s in the drill) leave room
// for a busy machine: at burn 100 the page needs ~1.5 s of fault plus a few scrape and evaluation
// intervals, which took up to 6.5 s on a 2-core machine at load average 20.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toYaml } from '../../src/cli/slo/rules-command.js';
import { loadConfigText } from '../../src/config/index.js';
import { planDrill } from '../../src/pipeline/gameday/index.js';
import { generateRules } from '../../src/slo/rules/index.js';
import { slosFromSpecs } from '../../src/slo/spec.js';
import { freePort } from '../fixtures/services/helpers.js';
import { REPO_ROOT, runBinary } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const configText = (port: number) => `
services:
  model-router:
    url: http://127.0.0.1:${port}
    start: node --import tsx ${join(REPO_ROOT, 'examples/smm/services/model-router.ts')}
    cwd: ${REPO_ROOT}
    env: { PORT: "${port}", SMM_SEED: "7" }
    healthcheck: /health
    readyTimeout: 30s
slos:
  - name: routing
    service: model-router
    sli:
      type: availability
      endpoint: POST /api/route
      prometheus:
        bad: sum(rate(perfgate_http_requests_total{test="model-router", endpoint="/api/route", status=~"5..|error"}[{{window}}]))
        total: sum(rate(perfgate_http_requests_total{test="model-router", endpoint="/api/route"}[{{window}}]))
    slo: { target: 99.5, operator: ">=" }
    errorBudget:
      period: 30d
      windows: [{ name: page, severity: critical, long: 10m, short: 2m, factor: 14.4 }]
    alerting: { remainingBudgetAlerts: false }
load:
  scripts: [{ path: ${join(REPO_ROOT, 'examples/smm/load/model-router.yml')}, service: model-router }]
gameday:
  timeScale: 60
  interval: 500ms
  load: { users: 10, rps: 20 }
  faults:
    - { name: router-errors, service: model-router, endpoint: POST /api/route, from: 6s, to: 16s, error: { status: 503, ratio: 0.5 } }
  expect:
    - { slo: routing, fireWithin: 15m, resolveWithin: 15m, gate: fail }
`;

async function drill(extra: string[], prepare?: (dir: string, text: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-gameday-'));
  dirs.push(dir);
  const text = configText(await freePort());
  writeFileSync(join(dir, 'perfgate.config.yaml'), text);
  prepare?.(dir, text);
  const run = await runBinary(
    [
      '--config',
      'perfgate.config.yaml',
      '--no-color',
      'gameday',
      '--prometheus-bin',
      toolPath('prometheus'),
      ...extra,
    ],
    { cwd: dir, timeoutMs: 90_000 },
  );
  return { ...run, dir };
}

/** The rules the drill would generate, with every burn factor 10× too high (14.4 → 144). */
function wrongRules(dir: string, text: string): void {
  const loaded = loadConfigText(text, join(dir, 'perfgate.config.yaml'), { env: {}, dir });
  if (loaded.state !== 'ok' || loaded.config.gameday === undefined)
    throw new Error(`test config invalid: ${JSON.stringify(loaded)}`.slice(0, 2000));
  const plan = planDrill({
    gameday: loaded.config.gameday,
    slos: slosFromSpecs(loaded.config.slos),
    services: ['model-router'],
    defaultScripts: [{ path: 'model-router.yml', service: 'model-router' }],
    source: 'test',
  });
  const rules = toYaml(generateRules(plan.slos));
  const wrong = rules.replaceAll('(14.4 * ', '(144 * ');
  expect(wrong.match(/\(144 \* /g)).toHaveLength(2);
  writeFileSync(join(dir, 'wrong-rules.yaml'), wrong);
}

describe('perfgate gameday against a real Prometheus', { timeout: 120_000 }, () => {
  it('passes with the fault, fails without it, fails with a burn factor off by 10×', async () => {
    const [faulted, control, wrong] = await Promise.all([
      drill([]),
      drill(['--skip-faults']),
      drill(['--rules', 'wrong-rules.yaml'], wrongRules),
    ]);

    expect(faulted.stdout).toMatch(/✓ routing · ErrorBudgetBurn critical · fault router-errors/);
    expect(faulted.stdout).toMatch(
      /fired {4}after [\d.]+s \(≙ [\dms]+ at 60×\) — deadline 15m \(drill 15s\)/,
    );
    expect(faulted.stdout).toMatch(
      /resolved [\d.]+m?s \(≙ [\dms]+ at 60×\) after the fault ended — deadline 15m/,
    );
    expect(faulted.stdout).toContain('SLO gate: fail (expected fail)');
    expect(faulted.stderr).toContain('page 10m/2m → 10s/2s (factor 14.4)');
    expect(faulted.code, faulted.stdout + faulted.stderr).toBe(0);
    const document = JSON.parse(readFileSync(join(faulted.dir, 'gameday-results', 'gameday.json'), 'utf8'));
    expect(document.expectations[0]).toMatchObject({ held: true, timeToFireMs: expect.any(Number) });
    expect(document.expectations[0].budgetSpent).toBeGreaterThan(0);
    const html = readFileSync(join(faulted.dir, 'gameday-results', 'gameday.html'), 'utf8');
    expect(html).toContain('<h2>Timeline</h2>');

    expect(control.stdout).toContain('✗ ErrorBudgetBurn (critical) did not fire');
    expect(control.stdout).toContain('game day FAILED');
    expect(control.code, control.stdout + control.stderr).toBe(1);

    expect(wrong.stderr).toContain('wrong-rules.yaml as given');
    expect(wrong.stdout).toContain('✗ ErrorBudgetBurn (critical) did not fire');
    expect(wrong.code, wrong.stdout + wrong.stderr).toBe(1);
  });
});
