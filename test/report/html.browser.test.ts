/**
 * The HTML report in a real headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 * charts drawn, no console errors (CSP violations included), no network request of any kind,
 * hostile names shown as text and never run. One browser launch for the whole file.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUplotAssets } from '../../src/cli/report/inputs.js';
import { renderHtml } from '../../src/report/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';
import { sampleReport, XSS } from './sample-report.js';

/** Kept for CI as an artifact (perf-results/ is git-ignored). */
const SCREENSHOT = join(REPO_ROOT, 'perf-results', 'report-html.png');

/** The little of the DOM these checks use (the project's TS lib has no DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
interface DocumentLike {
  querySelectorAll(selector: 'canvas'): Iterable<CanvasLike> & { length: number };
}

function reportHtml(): string {
  const report = sampleReport(`nightly ${XSS}`);
  report.run.branch = XSS;
  expect(report.trends[0]?.changes.map((c) => c.index)).toEqual([9]);
  return renderHtml(report, readUplotAssets());
}

describe('HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  let fileUrl: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, reportHtml());
    fileUrl = pathToFileURL(file).href;
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    // Anything but the report itself is a failure: abort it and let the assertion below name it.
    await page.route('**/*', (route) =>
      route.request().url() === fileUrl ? route.continue() : route.abort('blockedbyclient'),
    );
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: DocumentLike }).document.querySelectorAll('canvas').length >= 4,
      undefined,
      {
        timeout: 20_000,
      },
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart: canvases present and not blank', async () => {
    const figures = await page.locator('[data-chart]').count();
    expect(figures).toBe(4);
    const inked = await page.evaluate(() =>
      [...(globalThis as unknown as { document: DocumentLike }).document.querySelectorAll('canvas')].map(
        (canvas) => {
          const context = canvas.getContext('2d');
          if (context === null || canvas.width === 0) return 0;
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
          return painted;
        },
      ),
    );
    expect(inked).toHaveLength(4);
    for (const painted of inked) expect(painted).toBeGreaterThan(500);
  });

  it('logs no console errors (so the CSP blocked nothing) and made no request but the file', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it('shows a hostile scenario name as text and never runs it', async () => {
    expect(dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    await expect(page.locator('h3', { hasText: `Load test: ${XSS}` }).count()).resolves.toBe(1);
    await expect(page.locator('pre.snippet').first().textContent()).resolves.toBe(
      '</script><script>alert(2)</script>',
    );
    expect(await page.title()).toContain(`nightly ${XSS}`);
  });

  it('runs under a strict CSP: hashes only, no unsafe-inline', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'; style-src /);
    expect(csp).not.toContain('unsafe');
  });

  it('says the verdict in words, and hides navigation when printed', async () => {
    await expect(page.locator('.verdict').textContent()).resolves.toBe('✗ FAILED');
    await expect(page.locator('#verdict tr.failed').count()).resolves.toBe(4);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    mkdirSync(join(REPO_ROOT, 'perf-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });
});
