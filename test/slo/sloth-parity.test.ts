// Sloth parity by behaviour: Sloth's own example SLOs (test/slo/sloth/*.sloth.yml) and the rules
// Sloth generates for them (*.expected-rules.yml, copied from slok/sloth), expressed in perfgate's
// config (*.perfgate.yaml). Both rule sets are loaded in one promtool run per example and fed the
// same synthetic traffic: steady low errors, a burst and its recovery, a slow leak, no traffic and
// an absent metric; at every 15 minutes they must page and ticket alike (test/slo/sloth/parity.ts).
// Independent promtool runs go in parallel; ~1 min of promtool CPU in all.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfigText } from '../../src/config/index.js';
import { type BudgetSlo, hasBudget } from '../../src/slo/model.js';
import { generateRules, groupNames } from '../../src/slo/rules/rules.js';
import { slosFromSpecs } from '../../src/slo/spec.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { EVALUATION_MINUTES, type GaugeFeed, type Pair, parityGroups } from './sloth/parity.js';

const FIXTURES = join(REPO_ROOT, 'test', 'slo', 'sloth');

interface Example {
  name: string;
  /** Sloth's alert name and sloth_id for each perfgate SLO id. */
  pairs: Record<string, { alert: string; slothId: string; gauge?: GaugeFeed }>;
}

const wifi = (mode: GaugeFeed['mode'], good: number): GaugeFeed => ({
  metric: 'unifipoller_client_satisfaction_ratio',
  clients: 40,
  mode,
  good,
  bad: 0.4,
});

const EXAMPLES: Example[] = [
  {
    name: 'getting-started',
    pairs: {
      'myservice-requests-availability': {
        alert: 'MyServiceHighErrorRate',
        slothId: 'myservice-requests-availability',
      },
    },
  },
  {
    name: 'kubernetes-apiserver',
    pairs: {
      'k8s-apiserver-requests-availability': {
        alert: 'K8sApiserverAvailabilityAlert',
        slothId: 'k8s-apiserver-requests-availability',
      },
      'k8s-apiserver-requests-latency': {
        alert: 'K8sApiserverLatencyAlert',
        slothId: 'k8s-apiserver-requests-latency',
      },
    },
  },
  { name: 'base-28d', pairs: { 'svc01-slo1': { alert: 'myServiceAlert', slothId: 'svc01-slo1' } } },
  {
    name: 'base-custom-windows-7d',
    pairs: { 'svc01-slo1': { alert: 'myServiceAlert', slothId: 'svc01-slo1' } },
  },
  {
    name: 'home-wifi',
    pairs: {
      'home-wifi-good-wifi-client-satisfaction': {
        alert: 'GoodWifiClientSatisfaction',
        slothId: 'home-wifi-good-wifi-client-satisfaction',
        gauge: wifi('count-below', 0.9),
      },
      'home-wifi-risk-wifi-client-satisfaction': {
        alert: 'RiskWifiClientSatisfaction',
        slothId: 'home-wifi-risk-wifi-client-satisfaction',
        gauge: wifi('count-below', 0.9),
      },
    },
  },
  {
    name: 'raw-home-wifi',
    pairs: {
      'home-wifi-wifi-client-satisfaction': {
        alert: 'WifiClientSatisfaction',
        slothId: 'home-wifi-wifi-client-satisfaction',
        gauge: wifi('uniform', 0.99),
      },
    },
  },
];

function perfgateSlos(example: Example): BudgetSlo[] {
  const file = join(FIXTURES, `${example.name}.perfgate.yaml`);
  const loaded = loadConfigText(readFileSync(file, 'utf8'), file, { env: {}, dir: FIXTURES });
  if (loaded.state !== 'ok') throw new Error(loaded.issues.map((issue) => issue.message).join('\n'));
  return slosFromSpecs(loaded.config.slos).filter(hasBudget);
}

function promtool(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('promtool', args, { timeout: 280_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : 1, output: stdout + stderr }),
    );
  });
}

/** Writes perfgate's rules and the parity test file of one example; returns the test file. */
function prepare(dir: string, example: Example): { testFile: string; groups: number } {
  const slos = perfgateSlos(example);
  const pairs: Pair[] = slos.map((slo) => {
    const pair = example.pairs[slo.id];
    if (pair === undefined) throw new Error(`${example.name}: no Sloth pair for ${slo.id}`);
    return {
      slothAlert: pair.alert,
      slothId: pair.slothId,
      slo,
      ...(pair.gauge ? { gauge: pair.gauge } : {}),
    };
  });
  const ours = join(dir, `${example.name}.perfgate-rules.yml`);
  writeFileSync(ours, stringify(generateRules(slos), { lineWidth: 0 }));
  const tests = pairs.flatMap((pair) => parityGroups(pairs, pair));
  const testFile = join(dir, `${example.name}.parity.test.yml`);
  const sloth = join(FIXTURES, `${example.name}.expected-rules.yml`);
  // Every group in a fixed order (recordings before the alerts that read them), for both rule
  // sets alike: promtool evaluates unlisted groups in random order, a one-step lag at random.
  const slothGroups = (parse(readFileSync(sloth, 'utf8')) as { groups: { name: string }[] }).groups.map(
    (group) => group.name,
  );
  const file = {
    rule_files: [sloth, ours],
    evaluation_interval: `${EVALUATION_MINUTES}m`,
    group_eval_order: [...slothGroups, ...slos.flatMap((slo) => Object.values(groupNames(slo)))],
    tests,
  };
  writeFileSync(testFile, stringify(file, { lineWidth: 0 }));
  return { testFile, groups: tests.length };
}

describe('Sloth parity: the same traffic, the same pages and tickets at the same minutes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfgate-sloth-parity-'));

  it('Sloth’s expected rules and perfgate’s rules side by side in promtool', {
    timeout: 600_000,
  }, async () => {
    const prepared = EXAMPLES.map((example) => ({ example, ...prepare(dir, example) }));
    // Five scenarios per SLO: steady, burst + recovery, slow leak, no traffic, absent metric.
    expect(prepared.map((entry) => entry.groups)).toEqual([5, 10, 5, 5, 10, 5]);
    const results: { name: string; code: number; output: string }[] = [];
    const queue = [...prepared];
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        results.push({ name: next.example.name, ...(await promtool(['test', 'rules', next.testFile])) });
      }
    };
    await Promise.all([worker(), worker()]);
    for (const result of results) expect(result.output, result.name).toContain('SUCCESS');
    expect(results.map((result) => result.code)).toEqual(results.map(() => 0));
  });

  it('notices when perfgate’s page differs from Sloth’s (the comparison is not vacuous)', {
    timeout: 120_000,
  }, async () => {
    const [example] = EXAMPLES;
    if (example === undefined) throw new Error('no example');
    const { testFile } = prepare(dir, example);
    const doc = parse(readFileSync(testFile, 'utf8')) as { rule_files: string[]; tests: { name: string }[] };
    const ours = doc.rule_files[1] ?? '';
    const mutated = readFileSync(ours, 'utf8').replaceAll('(6 * 0.001)', '(60 * 0.001)');
    writeFileSync(join(dir, 'mutated-rules.yml'), mutated);
    doc.rule_files[1] = join(dir, 'mutated-rules.yml');
    doc.tests = doc.tests.filter((test) => test.name.includes('a burst'));
    writeFileSync(join(dir, 'mutated.test.yml'), stringify(doc, { lineWidth: 0 }));
    const result = await promtool(['test', 'rules', join(dir, 'mutated.test.yml')]);
    expect(doc.tests).toHaveLength(1);
    expect(result.output).toContain('FAILED');
    expect(result.output).toContain('sloth_severity=\\"page\\"');
  });
});
