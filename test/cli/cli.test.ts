import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, REPO_ROOT, runBinary, runInProcess } from '../helpers/cli.js';

const workdir = () => mkdtempSync(join(tmpdir(), 'perfgate-cli-'));

const THREE_MISTAKES = `services:
  api:
    url: http://127.0.0.1:4000
    readyTimeout: soon
slos:
  - name: api_p95
    service: api
    sli: { type: latancy, percentile: 95 }
    slo: { target: 200, operator: '<=' }
regresion:
  minor: 10
`;

describe('perfgate validate', () => {
  it('reports three different mistakes as FILE:LINE:COL lines and exits 2', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'perfgate.config.yaml'), THREE_MISTAKES);
    const run = await runInProcess(['validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout.trim().split('\n')).toEqual([
      'perfgate.config.yaml:4:19 services.api.readyTimeout: invalid duration "soon": expected a number or a string such as 500ms, 30s, 5m, 1h, 7d',
      'perfgate.config.yaml:8:18 slos[0].sli.type: expected one of "latency", "availability", "error_rate", "success_rate", "throughput", "memory", "gauge", got the string "latancy" — did you mean "latency"?',
      'perfgate.config.yaml:10:1 regresion: unknown key "regresion" — did you mean "regression"?',
    ]);
    expect(run.stderr).toContain('3 problems');
  });

  it('checks the load scripts the config names, each problem as FILE:LINE:COL', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'load'));
    writeFileSync(join(dir, 'perfgate.config.yaml'), 'load:\n  scripts: [load/api.yml]\n');
    const script = [
      'config:',
      '  target: http://127.0.0.1:4000',
      '  phases:',
      '    - { duration: soon, arrivalRate: 5 }',
      'scenarios:',
      '  - flow:',
      '      - get: { url: /items }',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'load', 'api.yml'), script);
    const run = await runInProcess(['validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/load\/api\.yml:4:19 config\.phases\[0\]\.duration: /);
    expect(run.stderr).toContain('load scripts: 1 problem');
  });

  it('finds the config in a parent directory and summarises it', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'perfgate.config.yml'), 'services:\n  api: { url: "http://127.0.0.1:4000" }\n');
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    const run = await runInProcess(['validate', '--env', 'staging'], { cwd: join(dir, 'deep', 'er') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('is valid');
    expect(run.stdout).toContain('1 service, 0 SLOs');
    expect(run.stdout).toContain(
      'environment staging: moderate load (20 users, 5m, 50 rps), time budget 30m',
    );
  });

  it('says clearly when there is no config, with a hint, and exits 2', async () => {
    const run = await runInProcess(['validate'], { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /no perfgate\.config\.yaml, perfgate\.config\.yml, perfgate\.config\.json in .* or any parent directory/,
    );
    expect(run.stderr).toContain('hint: run `npx perfgate init` to write a starter perfgate.config.yaml');
  });

  it('reports a missing --config file and exits 2', async () => {
    const dir = workdir();
    const run = await runInProcess(['--config', 'missing.yaml', 'validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`config file not found: ${join(dir, 'missing.yaml')}`);
  });

  it('validates the demo system config', async () => {
    const run = await runInProcess(['validate'], { cwd: join(REPO_ROOT, 'examples', 'smm') });
    expect(run.stdout + run.stderr).toContain('is valid');
    expect(run.code).toBe(0);
  });
});

describe('perfgate schema', () => {
  it('prints the JSON Schema, or writes it with -o', async () => {
    const dir = workdir();
    const printed = await runInProcess(['schema'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout).properties).toHaveProperty('slos');
    const written = await runInProcess(['schema', '-o', 'schema.json'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8'))).toEqual(JSON.parse(printed.stdout));
  });
});

describe('commands and usage errors', () => {
  it.each([
    [['load', 'script.yml'], 'script.yml: no such file'],
    [['bench'], 'no benchmark files match bench/**/*.bench.{ts,js,mjs}'],
    [['slo', 'rules'], 'no perfgate.config.yaml, perfgate.config.yml, perfgate.config.json in'],
    [['monitor', '--once'], 'no perfgate.config.yaml, perfgate.config.yml, perfgate.config.json in'],
    [['report', 'missing.json'], 'results file missing.json does not exist'],
    [['run'], 'no perfgate.config.yaml, perfgate.config.yml, perfgate.config.json in'],
  ])('%j on missing input says what is missing and exits 2', async (argv, message) => {
    const run = await runInProcess(argv, { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at '); // no stack trace without --verbose
  });

  it('suggests the command meant by a typo and exits 2', async () => {
    const run = await runInProcess(['valdate'], { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(Did you mean validate?)');
  });

  it('rejects a missing required option with exit 2', async () => {
    const run = await runInProcess(['merge', 'a.json'], { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-o, --output <file>' not specified");
  });

  it('rejects an unknown environment named by --env', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'perfgate.config.yaml'), '{}\n');
    const run = await runInProcess(['--env', 'prod', 'validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('--env: unknown environment "prod"');
  });
});

describe('the built binary', () => {
  beforeAll(() => {
    expect(readFileSync(CLI_BIN, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('prints its version and help, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const versionRun = await runBinary(['--version'], { cwd: workdir() });
    expect(versionRun).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await runBinary(['--help'], { cwd: workdir() });
    expect(help.code).toBe(0);
    for (const command of [
      'run',
      'load',
      'bench',
      'slo',
      'monitor',
      'report',
      'merge',
      'validate',
      'schema',
      'services',
    ]) {
      expect(help.stdout).toContain(`  ${command} `);
    }
  });

  it('prints no stack trace for bad input, and one with --verbose', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'perfgate.config.yaml'), 'services: [\n');
    const plain = await runBinary(['validate'], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(plain.stdout).toMatch(/^perfgate\.config\.yaml:2:1: YAML syntax error/);
    expect(plain.stdout + plain.stderr).not.toMatch(/\n\s+at /);
    const missing = await runBinary(['--verbose', '--config', 'nope.yml', 'validate'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/PerfgateError: config file not found[\s\S]*\n\s+at /);
  });

  it('uses no colour when output is not a terminal, and honours FORCE_COLOR', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'perfgate.config.yaml'), '{}\n');
    const plain = await runBinary(['validate'], { cwd: dir });
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await runBinary(['validate'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const noColor = await runBinary(['validate', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('writes namespaced debug logs with DEBUG=perfgate:*', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'perfgate.config.yaml'), '{}\n');
    const run = await runBinary(['validate'], { cwd: dir, env: { DEBUG: 'perfgate:*' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/perfgate:config/);
  });
});
