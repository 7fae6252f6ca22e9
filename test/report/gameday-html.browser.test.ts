// The game day's HTML page in a real headless Chromium: the timeline drawn by uPlot under the
// page's strict CSP with no console error and no request, names shown as text, a screenshot kept
// in perf-results/ (git-ignored) to be looked at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readUplotAssets } from '../../src/cli/report/inputs.js';
import { type GamedayDocument, renderGamedayHtml } from '../../src/report/gameday/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-gameday-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HOSTILE = '<img src=x onerror=alert(1)>';

function document(): GamedayDocument {
  const alert = {
    alertname: 'ErrorBudgetBurn',
    sloId: 'toolhub-p95',
    service: 'toolhub',
    severity: 'critical',
  };
  return {
    schemaVersion: 1,
    kind: 'perfgate-gameday',
    passed: true,
    control: false,
    timeScale: 60,
    intervalMs: 1000,
    scale: ['time scale 60: every alert window and period is divided by 60'],
    rulesFile: 'rules.yaml',
    faults: [
      {
        name: HOSTILE,
        service: 'toolhub',
        description: `${HOSTILE} (latency 400ms, 45s–105s)`,
        fromMs: 45_000,
        toMs: 105_000,
      },
    ],
    expectations: [
      {
        slo: 'toolhub_vector_search_p95',
        sloId: 'toolhub-p95',
        alert: 'ErrorBudgetBurn',
        severity: 'critical',
        fault: HOSTILE,
        held: true,
        timeToFireMs: 20_000,
        timeToResolveMs: 22_000,
        fireWithinMs: 3_600_000,
        fireDeadlineMs: 60_000,
        resolveWithinMs: 2_700_000,
        resolveDeadlineMs: 45_000,
        budgetSpent: 0.0278,
        gate: 'fail',
        gateVerdict: 'fail',
        problems: [],
      },
    ],
    falsePages: [],
    alerts: [
      { ...alert, tier: 'page-slow', startMs: 65_000, endMs: 127_000 },
      { ...alert, tier: 'page-fast', startMs: 89_000, endMs: 108_000 },
    ],
    burn: [
      {
        sloId: 'toolhub-p95',
        points: Array.from(
          { length: 140 },
          (_, i) => [i * 1000, i >= 45 && i < 110 ? 20 : 0.2] as [number, number],
        ),
      },
    ],
    endedAtMs: 139_000,
  };
}

describe('the game day page in Chromium', { timeout: 60_000 }, () => {
  it('draws the timeline under its CSP, requests nothing, shows names as text', async () => {
    const file = join(dir, 'gameday.html');
    writeFileSync(file, renderGamedayHtml(document(), readUplotAssets()));
    const browser = await chromium.launch({
      executablePath: toolPath('chromium'),
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url());
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('#timeline canvas');
      const legend = await page.locator('#timeline .u-legend').innerText();
      expect(legend).toContain('burn rate toolhub-p95');
      expect(legend).toContain('ErrorBudgetBurn toolhub-p95 critical page-fast');
      // Something was drawn: the canvas is not blank.
      const inked = await page.evaluate(() => {
        const canvas = (
          globalThis as unknown as { document: { querySelector(s: string): unknown } }
        ).document.querySelector('#timeline canvas') as {
          width: number;
          height: number;
          getContext(k: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
          };
        };
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) count++;
        return count;
      });
      expect(inked).toBeGreaterThan(1000);
      expect(await page.locator('body > table tr').count()).toBe(2);
      expect(await page.locator('body').innerText()).toContain(HOSTILE);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(dialogs).toEqual([]);
      mkdirSync(join(REPO_ROOT, 'perf-results'), { recursive: true });
      await page.screenshot({ path: join(REPO_ROOT, 'perf-results', 'gameday.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
