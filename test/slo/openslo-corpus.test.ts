// OpenSLO's own examples (test/slo/openslo/corpus, each file naming its source) through
// `perfgate slo import`: every one ends as MANIFEST.json says, and every SLO imported is a valid
// config whose rules the real promtool accepts (one promtool run for all of them).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { loadConfigText } from '../../src/config/index.js';
import { hasBudget } from '../../src/slo/model.js';
import { importOpenSlo } from '../../src/slo/openslo/index.js';
import { generateRules } from '../../src/slo/rules/rules.js';
import { slosFromSpecs } from '../../src/slo/spec.js';
import { REPO_ROOT, runInProcess } from '../helpers/cli.js';

const CORPUS = join(REPO_ROOT, 'test', 'slo', 'openslo', 'corpus');

interface Expected {
  prometheus: boolean;
  outcome: 'imports' | 'skipped' | 'refused' | 'yaml-error';
  slos?: number;
  because?: string;
  skippedBecause?: string;
}

const manifest = JSON.parse(readFileSync(join(CORPUS, 'MANIFEST.json'), 'utf8')) as Record<string, Expected>;

function importCorpusFile(file: string) {
  const documents = parseAllDocuments(readFileSync(join(CORPUS, file), 'utf8'));
  const list = Array.isArray(documents) ? documents : [documents];
  if (list.some((document) => document.errors.length > 0)) return 'yaml-error' as const;
  return importOpenSlo(list.map((document) => document.toJS()));
}

describe('OpenSLO’s own examples through perfgate slo import', () => {
  it('has every corpus file in the manifest, each naming its source', () => {
    const files = [
      ...readdirSync(CORPUS).filter((file) => file.endsWith('.yaml')),
      ...readdirSync(join(CORPUS, 'wrapped')).map((file) => `wrapped/${file}`),
    ].sort();
    expect(Object.keys(manifest).sort()).toEqual(files);
    for (const file of files)
      expect(readFileSync(join(CORPUS, file), 'utf8')).toMatch(/^# (Source: github\.com|Wrapped)/);
  });

  it('ends every file as the manifest says, each refusal naming document, field and why', () => {
    for (const [file, expected] of Object.entries(manifest)) {
      const result = importCorpusFile(file);
      if (result === 'yaml-error') {
        expect(expected.outcome, file).toBe('yaml-error');
        continue;
      }
      for (const issue of [...result.issues, ...result.skipped]) {
        expect(issue.document, file).not.toBe('');
        expect(issue.field, file).not.toBe('');
        expect(issue.message.length, file).toBeGreaterThan(10);
      }
      if (expected.outcome === 'refused') {
        expect(result.issues[0]?.message, file).toContain(expected.because);
        continue;
      }
      expect(result.issues, file).toEqual([]);
      expect(result.slos, file).toHaveLength(expected.slos ?? 0);
      if (expected.outcome === 'skipped') expect(result.skipped.length, file).toBeGreaterThan(0);
      if (expected.skippedBecause !== undefined)
        expect(result.skipped[0]?.message, file).toContain(expected.skippedBecause);
    }
  });

  it('imports every Prometheus-backed example that has an SLO (fragments and lone SLIs in wrapped/)', () => {
    const prometheus = Object.entries(manifest).filter(([, expected]) => expected.prometheus);
    const imported = prometheus.filter(([, expected]) => expected.outcome === 'imports');
    const refused = prometheus.filter(([, expected]) => expected.outcome !== 'imports').map(([file]) => file);
    // The rest have no SLO (a DataSource, an SLI, a fragment: each is imported in wrapped/),
    // or are invalid on purpose (an OpenSLO schema test with both good and bad).
    for (const file of refused) {
      const because = manifest[file]?.because ?? '';
      expect(
        /no SLO object|apiVersion|good or bad, not both/.test(because) || because.includes('missing'),
        file,
      ).toBe(true);
    }
    expect(imported.length).toBeGreaterThanOrEqual(15);
  });

  it('gives valid configs whose rules the real promtool accepts', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perfgate-openslo-corpus-'));
    const ruleFiles: string[] = [];
    let slos = 0;
    for (const [file, expected] of Object.entries(manifest)) {
      if (expected.outcome !== 'imports') continue;
      const result = importCorpusFile(file);
      if (result === 'yaml-error') throw new Error(file);
      const configFile = join(dir, `${ruleFiles.length}.perfgate.yaml`);
      const loaded = loadConfigText(stringify({ slos: result.slos }), configFile, { env: {}, dir });
      expect(loaded.state === 'invalid' ? loaded.issues : [], file).toEqual([]);
      if (loaded.state !== 'ok') continue;
      const budgeted = slosFromSpecs(loaded.config.slos).filter(hasBudget);
      slos += budgeted.length;
      const rules = join(dir, `${ruleFiles.length}.rules.yml`);
      writeFileSync(rules, stringify(generateRules(budgeted), { lineWidth: 0 }));
      ruleFiles.push(rules);
    }
    expect(slos).toBeGreaterThanOrEqual(20);
    const checked = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile('promtool', ['check', 'rules', ...ruleFiles], (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : 1, output: stdout + stderr }),
      );
    });
    expect(checked.output.match(/SUCCESS: \d+ rules found/g)?.length, checked.output).toBe(ruleFiles.length);
    expect(checked.code, checked.output).toBe(0);
  });

  it('says on the command line what it imported, what it skipped and why', async () => {
    const run = await runInProcess(
      ['--no-color', 'slo', 'import', join(CORPUS, 'go-sdk--openslo--v1alpha--examples--slos.yaml')],
      { cwd: REPO_ROOT },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'skipped: ' +
        join(CORPUS, 'go-sdk--openslo--v1alpha--examples--slos.yaml') +
        ': SLO web-availability-ratio (document 1, item 2): spec.objectives[0].ratioMetrics.good.source: source type "datadog" is not Prometheus',
    );
    expect(run.stdout).toContain('name: web-latency-threshold');
    const lone = await runInProcess(
      ['--no-color', 'slo', 'import', join(CORPUS, 'go-sdk--openslo--v1--examples--slis.yaml')],
      {
        cwd: REPO_ROOT,
      },
    );
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('add an SLO with indicatorRef (v2alpha: sliRef) search-availability');
  });
});
