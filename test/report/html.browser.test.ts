/**
 * The HTML report in a real headless Chromium (Debian's /usr/bin/chromium via playwright-core),
 * for three reports: a real 5 s `perfgate load` run that passes, a 60 s run that fails (built by
 * the load engine's own recorder, with a pause of empty windows), and the fixture report with its
 * benchmark suite. For each: every chart drawn, no console error (CSP violations included), no
 * network request of any kind, hostile names shown as text and never run; and a full-page
 * screenshot kept in perf-results/ (git-ignored; CI keeps it as an artifact) to be looked at.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUplotAssets } from '../../src/cli/report/inputs.js';
import { buildRunReport, type RunReport, renderHtml } from '../../src/report/index.js';
import { REPO_ROOT, runInProcess } from '../helpers/cli.js';
import { startTarget } from '../observability/processes.js';
import { toolPath } from '../setup/system-tools.js';
import { sampleReport, XSS } from './sample-report.js';
import { HOSTILE_SCENARIO, syntheticSixtySecondRun } from './synthetic-run.js';

const SHOTS = join(REPO_ROOT, 'perf-results');
const dir = mkdtempSync(join(tmpdir(), 'perfgate-html-'));

/** The little of the DOM these checks use (the project's TS lib has no DOM types). */
interface CanvasLike {
  width: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
  height: number;
}
interface DocumentLike {
  querySelectorAll(selector: string): Iterable<{ querySelector(s: 'canvas'): CanvasLike | null }> & {
    length: number;
  };
}

interface Opened {
  page: Page;
  url: string;
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

/** A real 5 s run with two scenarios (one named with markup) and its HTML report, by the CLI. */
async function fiveSecondRun(): Promise<string> {
  const target = await startTarget();
  try {
    writeFileSync(
      join(dir, 'short.yml'),
      `config:
  target: ${target.url}
  phases: [{ duration: 5, arrivalRate: 8 }]
  plugins: { ensure: {} }
  ensure: { thresholds: [{ "http.response_time.p95": 1000 }], maxErrorRate: 1 }
scenarios:
  - name: browse
    weight: 3
    flow:
      - get: { url: "/api/items?id={{ $randomNumber(1, 9) }}" }
  - name: "${HOSTILE_SCENARIO}"
    flow:
      - post: { url: /api/fail, name: "checkout <b>now</b>", json: { a: 1 } }
`,
    );
    const run = await runInProcess(
      [
        'load',
        'short.yml',
        '--workers',
        '1',
        '-q',
        '--html',
        'short.html',
        '--json',
        'short.json',
        '--no-history',
        // The report is under test, not the machine: a busy CI machine may start iterations late.
        '--allow-saturated',
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    return join(dir, 'short.html');
  } finally {
    await target.close();
  }
}

function writeReport(name: string, report: RunReport): string {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderHtml(report, readUplotAssets()));
  return file;
}

describe('HTML reports in Chromium', () => {
  let browser: Browser;
  const opened = new Map<string, Opened>();

  async function open(name: string, file: string): Promise<void> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(file).href;
    const state: Opened = { page, url, consoleErrors: [], requests: [], dialogs: [] };
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        state.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => state.consoleErrors.push(error.message));
    page.on('request', (request) => state.requests.push(request.url()));
    page.on('dialog', async (dialog) => {
      state.dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    // Anything but the report itself is a failure: abort it and let the assertions name it.
    await page.route('**/*', (route) =>
      route.request().url() === url ? route.continue() : route.abort('blockedbyclient'),
    );
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () =>
        [
          ...(globalThis as unknown as { document: DocumentLike }).document.querySelectorAll('[data-chart]'),
        ].every((figure) => figure.querySelector('canvas')),
      undefined,
      { timeout: 20_000 },
    );
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `report-${name}.png`), fullPage: true });
    opened.set(name, state);
  }

  beforeAll(async () => {
    const short = await fiveSecondRun();
    const long = buildRunReport([{ source: 'checkout-60s.json', json: syntheticSixtySecondRun() }], {
      generatedAt: Date.UTC(2026, 10, 27, 3, 2),
      title: 'checkout, 60 s',
    });
    const fixture = sampleReport(`nightly ${XSS}`);
    fixture.run.branch = XSS;
    browser = await chromium.launch({
      executablePath: toolPath('chromium'),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await open('5s-passing', short);
    await open('60s-failing', writeReport('long', long));
    await open('benchmarks', writeReport('fixture', fixture));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  const page = (name: string) => (opened.get(name) as Opened).page;

  it.each(['5s-passing', '60s-failing', 'benchmarks'])('%s: draws every chart, not blank', async (name) => {
    const inked = await page(name).evaluate(() =>
      [
        ...(globalThis as unknown as { document: DocumentLike }).document.querySelectorAll('[data-chart]'),
      ].map((figure) => {
        const canvas = figure.querySelector('canvas');
        const context = canvas?.getContext('2d');
        if (!canvas || !context || canvas.width === 0) return 0;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
        return painted;
      }),
    );
    expect(inked.length).toBeGreaterThanOrEqual(6);
    for (const painted of inked) expect(painted).toBeGreaterThan(500);
  });

  it.each(['5s-passing', '60s-failing', 'benchmarks'])(
    '%s: no console error (the CSP blocked nothing), no request but the file, no script of the data run',
    (name) => {
      const state = opened.get(name) as Opened;
      expect(state.consoleErrors).toEqual([]);
      expect(state.requests).toEqual([state.url]);
      expect(state.dialogs).toEqual([]);
    },
  );

  it('shows a scenario named with markup as text, with its VUs and endpoints', async () => {
    for (const name of ['5s-passing', '60s-failing']) {
      const row = page(name).locator('tr', { has: page(name).locator('td', { hasText: HOSTILE_SCENARIO }) });
      await expect(row.first().isVisible()).resolves.toBe(true);
      expect(await page(name).locator('img').count()).toBe(0);
    }
    const cells = await page('5s-passing')
      .locator('tr', { has: page('5s-passing').locator('td', { hasText: HOSTILE_SCENARIO }) })
      .first()
      .locator('td')
      .allTextContents();
    expect(cells.at(-1)).toBe('POST checkout <b>now</b>');
  });

  it('gives a 5 s run at least 5 points per series and a 60 s run gaps where windows were empty', () => {
    const short = JSON.parse(readFileSync(join(dir, 'short.json'), 'utf8')) as RunReport;
    const series = short.loadTests[0]?.series ?? [];
    expect(series.length).toBeGreaterThanOrEqual(5);
    expect(series.filter((p) => p.p95 !== undefined).length).toBeGreaterThanOrEqual(5);
    const long = buildRunReport([{ source: 'x.json', json: syntheticSixtySecondRun() }], { generatedAt: 0 });
    const points = long.loadTests[0]?.series ?? [];
    expect(points).toHaveLength(30);
    const pause = points.slice(20, 23);
    expect(pause.map((p) => [p.requests, p.p50, p.p95, p.p99])).toEqual([
      [0, undefined, undefined, undefined],
      [0, undefined, undefined, undefined],
      [0, undefined, undefined, undefined],
    ]);
  });

  it('runs under a strict CSP: hashes only, no unsafe-inline', async () => {
    const csp = await page('benchmarks')
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'; style-src /);
    expect(csp).not.toContain('unsafe');
  });

  it('says verdicts in words, shows hostile text as text, and hides navigation when printed', async () => {
    const fixture = page('benchmarks');
    expect(['✓ PASSED', '⚠ UNTRUSTED']).toContain(await page('5s-passing').locator('.verdict').textContent());
    await expect(page('60s-failing').locator('.verdict').textContent()).resolves.toBe('✗ FAILED');
    await expect(fixture.locator('.verdict').textContent()).resolves.toBe('✗ FAILED');
    await expect(fixture.locator('#verdict tr.failed').count()).resolves.toBe(4);
    await expect(fixture.locator('h3', { hasText: `Load test: ${XSS}` }).count()).resolves.toBe(1);
    await expect(fixture.locator('pre.snippet').first().textContent()).resolves.toBe(
      '</script><script>alert(2)</script>',
    );
    expect(await fixture.title()).toContain(`nightly ${XSS}`);
    await fixture.emulateMedia({ media: 'print' });
    expect(await fixture.locator('nav').isVisible()).toBe(false);
    await fixture.emulateMedia({ media: 'screen' });
  });

  it('fits the benchmarks table on a laptop screen and a printed page', async () => {
    for (const [width, media] of [
      [1280, 'screen'],
      [794, 'print'],
    ] as const) {
      const fixture = page('benchmarks');
      await fixture.setViewportSize({ width, height: 900 });
      await fixture.emulateMedia({ media });
      const [table, section] = await Promise.all([
        fixture.locator('table.bench').boundingBox(),
        fixture.locator('#benchmarks').boundingBox(),
      ]);
      expect(table?.width, `${media} at ${width}px`).toBeLessThanOrEqual((section?.width ?? 0) + 1);
    }
    await page('benchmarks').emulateMedia({ media: 'screen' });
  });
});
