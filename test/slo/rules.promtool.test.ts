// `perfgate slo rules` on the demo config, checked by the real promtool (Debian package `prometheus`).
// The full behavioural test file takes ~1.5 minutes of promtool CPU; it runs as two shards in parallel.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { REPO_ROOT, runInProcess } from '../helpers/cli.js';
import { toolPath } from '../setup/system-tools.js';
import { DEMO_CONFIG } from './fixtures.js';

const GOLDEN = join(REPO_ROOT, 'test', 'slo', 'golden', 'demo-rules.yml');

function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(toolPath('promtool'), args, { timeout: 280_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: stdout + stderr });
    });
  });
}

describe('perfgate slo rules on the demo config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-rules-'));
  const rules = join(dir, 'rules.yml');
  const tests = join(dir, 'rules.test.yml');
  const inhibit = join(dir, 'alertmanager-inhibit.yml');
  let stderr = '';

  beforeAll(async () => {
    const run = await runInProcess(
      ['--config', DEMO_CONFIG, 'slo', 'rules', '-o', rules, '--tests', tests, '--alertmanager', inhibit],
      { cwd: REPO_ROOT },
    );
    stderr = run.stderr;
    expect(run.code).toBe(0);
  });

  it('says which SLOs get no rules; every demo latency target is a histogram bucket', () => {
    // The not-a-bucket warning itself is pinned in src/slo/spec.test.ts.
    expect(stderr).not.toContain('is not a bucket');
    expect(stderr).toContain('no rules for workflow_latency_p95');
  });

  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const text = readFileSync(rules, 'utf8');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('passes promtool check rules', async () => {
    const result = await promtool('check', 'rules', rules);
    expect(result.output).toContain('SUCCESS: 168 rules found');
    expect(result.code).toBe(0);
  });

  it('passes its generated behavioural promtool tests', { timeout: 300_000 }, async () => {
    const doc = parse(readFileSync(tests, 'utf8')) as { tests: { name: string }[] };
    // 7 SLOs × (4 tiers × (fires, just below) + budget left + zero traffic) + 1 no-data group.
    expect(doc.tests).toHaveLength(71);
    // Two shards, one per core: promtool evaluates every rule for every group's whole duration.
    const shards = [0, 1].map((shard) => {
      const file = join(dir, `rules.shard-${shard}.test.yml`);
      writeFileSync(
        file,
        stringify({ ...doc, tests: doc.tests.filter((_, i) => i % 2 === shard) }, { lineWidth: 0 }),
      );
      return file;
    });
    const results = await Promise.all(shards.map((file) => promtool('test', 'rules', file)));
    for (const result of results) {
      expect(result.output).toContain('SUCCESS');
      expect(result.code).toBe(0);
    }
  });

  /**
   * The generated tests whose names start with `groups`, run against the rules with `from`
   * replaced by `to`: how many groups that selected and what promtool said.
   */
  async function runMutated(name: string, from: string, to: string, groups: string) {
    const doc = parse(readFileSync(tests, 'utf8')) as { rule_files: string[]; tests: { name: string }[] };
    const original = readFileSync(rules, 'utf8');
    const mutated = original.replaceAll(from, to);
    writeFileSync(join(dir, `${name}.yml`), mutated);
    doc.rule_files = [`${name}.yml`];
    doc.tests = doc.tests.filter((test) => test.name.startsWith(groups));
    writeFileSync(join(dir, `${name}.test.yml`), stringify(doc));
    const result = await promtool('test', 'rules', join(dir, `${name}.test.yml`));
    return { changed: mutated !== original, selected: doc.tests.length, result };
  }

  it('catches a wrong burn-rate factor (the tests are not vacuous)', async () => {
    const run = await runMutated(
      'mutated',
      '(14.4 * 0.005)',
      '(1.44 * 0.005)',
      'model-router-model_router_availability page-fast',
    );
    expect(run.selected).toBe(2);
    expect(run.result.code).not.toBe(0);
    expect(run.result.output).toContain('FAILED');
  });

  it('catches a wrong remaining-budget threshold (ErrorBudgetLow tests are not vacuous)', async () => {
    const run = await runMutated(
      'mutated-low',
      'slo:period_error_budget_remaining:ratio{slo_id="model-router-model_router_availability"} < 0.1\n',
      'slo:period_error_budget_remaining:ratio{slo_id="model-router-model_router_availability"} < 0.01\n',
      'model-router-model_router_availability: 70 %',
    );
    expect(run.changed).toBe(true);
    expect(run.selected).toBe(1);
    expect(run.result.code).not.toBe(0);
    expect(run.result.output).toContain('FAILED');
  });

  it('writes Alertmanager inhibit rules: a faster tier silences slower ones of the same SLO', () => {
    const doc = parse(readFileSync(inhibit, 'utf8')) as {
      inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
    };
    expect(Object.keys(doc)).toEqual(['inhibit_rules']);
    const matcher = /^[a-zA-Z_]\w*(=|!=|=~|!~)"[^"]*"$/;
    for (const rule of doc.inhibit_rules) {
      expect(Object.keys(rule).sort()).toEqual(['equal', 'source_matchers', 'target_matchers']);
      for (const m of [...rule.source_matchers, ...rule.target_matchers]) expect(m).toMatch(matcher);
      expect(rule.equal).toEqual(['slo_id']);
    }
    const pairs = doc.inhibit_rules.map((rule) => `${rule.source_matchers[1]} > ${rule.target_matchers[1]}`);
    expect(pairs).toEqual([
      'burn_tier="page-fast" > burn_tier="page-slow"',
      'burn_tier="page-fast" > burn_tier="ticket-fast"',
      'burn_tier="page-fast" > burn_tier="ticket-slow"',
      'burn_tier="page-slow" > burn_tier="ticket-fast"',
      'burn_tier="page-slow" > burn_tier="ticket-slow"',
      'burn_tier="ticket-fast" > burn_tier="ticket-slow"',
    ]);
  });
});
