import { describe, expect, it } from 'vitest';
import { formatIssue } from './issues.js';
import { type LoadConfigOptions, loadConfigText } from './load-config.js';

const FILE = '/project/perfgate.config.yaml';

function load(text: string, options: Partial<LoadConfigOptions> = {}) {
  return loadConfigText(text, FILE, { env: {}, dir: '/project', ...options });
}

function problems(text: string, options: Partial<LoadConfigOptions> = {}): string[] {
  const result = load(text, options);
  if (result.state === 'ok') throw new Error('expected the config to be invalid');
  return result.issues.map(formatIssue);
}

function valid(text: string, options: Partial<LoadConfigOptions> = {}) {
  const result = load(text, options);
  if (result.state === 'invalid') throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.config;
}

const SERVICE = `services:
  api:
    url: http://127.0.0.1:4000
`;

describe('problems are all reported, each at its line and column', () => {
  it('reports three different mistakes in one pass, in file order', () => {
    const text = `services:
  api:
    url: http://127.0.0.1:4000
    readyTimeout: soon
    helthcheck: /health
slos:
  - name: api_latency
    service: api
    sli: { type: latency }
    slo: { target: fast, operator: '<=' }
`;
    expect(problems(text)).toEqual([
      `${FILE}:4:19 services.api.readyTimeout: invalid duration "soon": expected a number or a string such as 500ms, 30s, 5m, 1h, 7d`,
      `${FILE}:5:5 services.api.helthcheck: unknown key "helthcheck" — did you mean "healthcheck"?`,
      `${FILE}:10:20 slos[0].slo.target: expected number, got the string "fast"`,
    ]);
  });

  it('suggests the section meant by a misspelt top-level key', () => {
    expect(problems('servics:\n  api: {}\n')).toEqual([
      `${FILE}:1:1 servics: unknown key "servics" — did you mean "services"?`,
    ]);
  });

  it('names a missing required field at its parent', () => {
    expect(problems('services:\n  api:\n    start: node server.js\n')).toEqual([
      `${FILE}:3:5 services.api.url: is required (expected string)`,
    ]);
  });

  it('explains an unknown SLI type with the allowed ones and a suggestion', () => {
    const [problem] = problems(
      `${SERVICE}slos:\n  - { name: a, service: api, sli: { type: availabilty }, slo: { target: 99.5, operator: '>=' } }\n`,
    );
    expect(problem).toContain(':5:43 slos[0].sli.type: expected one of "latency", "availability"');
    expect(problem).toContain('did you mean "availability"?');
  });

  it('checks references between sections alongside schema errors', () => {
    const text = `${SERVICE}slos:
  - { name: a, service: apii, sli: { type: availability }, slo: { target: 99.5, operator: '>=' } }
  - { name: a, service: apii, sli: { type: availability }, slo: { target: nope, operator: '>=' } }
environments:
  ci: { loadProfile: lihgt }
`;
    expect(problems(text)).toEqual([
      `${FILE}:5:25 slos[0].service: unknown service "apii" — did you mean "api"? (services: api)`,
      `${FILE}:6:13 slos[1].name: duplicate SLO id "apii-a" (also slos[0]): SLOs are told apart by service and name, or by \`id\``,
      `${FILE}:6:25 slos[1].service: unknown service "apii" — did you mean "api"? (services: api)`,
      `${FILE}:6:75 slos[1].slo.target: expected number, got the string "nope"`,
      `${FILE}:8:22 environments.ci.loadProfile: unknown load profile "lihgt" — did you mean "light"? (profiles: light, moderate, stress, spike)`,
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const [problem, ...rest] = problems('services:\n  api:\n    url: [unclosed\n');
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^\/project\/perfgate\.config\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('reports duplicate keys', () => {
    expect(problems('name: a\nname: b\n')[0]).toMatch(/:2:1: YAML syntax error: Map keys must be unique/);
  });

  it('locates problems in JSON files too', () => {
    const json = '{\n  "services": {\n    "api": { "url": "ftp://x" }\n  }\n}\n';
    expect(problems(json)).toEqual([`${FILE}:3:21 services.api.url: expected an http:// or https:// URL`]);
  });

  it('rejects a file whose top level is not a mapping', () => {
    expect(problems('- a\n- b\n')).toEqual([
      `${FILE}:1:1: expected a mapping of sections (services, slos, load, …) at the top level`,
    ]);
  });

  it('reports load scripts that do not exist, through the injected file check', () => {
    const text = 'load:\n  scripts:\n    - load/ok.yml\n    - path: load/missing.yml\n';
    const fileExists = (path: string) => path === '/project/load/ok.yml';
    expect(problems(text, { fileExists })).toEqual([
      `${FILE}:4:7 load.scripts[1]: load script not found: /project/load/missing.yml`,
    ]);
  });

  it('treats an empty file as all defaults', () => {
    const config = valid('');
    expect(config.services).toEqual([]);
    expect(config.regression).toMatchObject({ minor: 10, major: 20, critical: 50, updateBaselines: false });
  });
});

describe('environment variable interpolation', () => {
  it('substitutes ${VAR} and ${VAR:-default}, keeping numbers and booleans unquoted', () => {
    const text = `services:
  api:
    url: http://\${HOST:-127.0.0.1}:\${PORT}
    readyTimeout: \${READY:-30s}
    reuseExisting: \${REUSE:-false}
benchmarks:
  processes: \${PROCS:-7}
`;
    const config = valid(text, { env: { PORT: '4100' } });
    expect(config.services[0]).toMatchObject({
      url: 'http://127.0.0.1:4100',
      readyTimeout: 30_000,
      reuseExisting: false,
    });
    expect(config.benchmarks.processes).toBe(7);
  });

  it('keeps quoted values as strings', () => {
    const [problem] = problems('benchmarks:\n  processes: "${PROCS}"\n', { env: { PROCS: '3' } });
    expect(problem).toContain('benchmarks.processes: expected number, got the string "3"');
  });

  it('uses :- defaults for empty values but - defaults only for unset ones', () => {
    const text = 'name: "${A:-x}-${B-y}-${C-z}"\n';
    expect(valid(text, { env: { A: '', B: '' } }).name).toBe('x--z');
  });

  it('reports each unset variable without a default, once', () => {
    expect(problems(`services:\n  api:\n    url: \${API_URL}\n`)).toEqual([
      `${FILE}:3:10 services.api.url: environment variable API_URL is not set (use \${API_URL:-default} to give a default)`,
    ]);
  });

  it('leaves $${ as a literal ${', () => {
    expect(valid('name: "cost $${X}"\n').name).toBe('cost ${X}');
  });
});

describe('environment profiles and precedence', () => {
  it('defaults to ci with the light profile and a 10 minute budget', () => {
    expect(valid('').environment).toEqual({
      name: 'ci',
      description: 'Light and fast, for every pull request',
      loadProfileName: 'light',
      loadProfile: { users: 5, duration: 60_000, rps: 10 },
      timeBudgetMs: 600_000,
      requireConfirmation: false,
    });
  });

  it.each([
    ['staging', 'moderate', { users: 20, duration: 300_000, rps: 50 }, 1_800_000, false],
    ['production', 'stress', { users: 50, duration: 600_000, rps: 100 }, 3_600_000, true],
  ])('has the built-in %s profile', (name, profile, load, budget, confirm) => {
    const { environment } = valid('', { environment: name });
    expect(environment).toMatchObject({
      loadProfileName: profile,
      loadProfile: load,
      timeBudgetMs: budget,
      requireConfirmation: confirm,
    });
  });

  it('chooses --env over NODE_ENV over ci', () => {
    expect(valid('', { env: { NODE_ENV: 'staging' } }).environment.name).toBe('staging');
    expect(valid('', { env: { NODE_ENV: 'staging' }, environment: 'production' }).environment.name).toBe(
      'production',
    );
  });

  it('ignores a NODE_ENV that names no environment (development, test) and falls back to ci', () => {
    expect(valid('', { env: { NODE_ENV: 'development' } }).environment.name).toBe('ci');
    expect(valid('', { env: { NODE_ENV: 'test' } }).environment.name).toBe('ci');
    const declared = 'environments:\n  development:\n    loadProfile: light\n';
    expect(valid(declared, { env: { NODE_ENV: 'development' } }).environment.name).toBe('development');
  });

  it('rejects an unknown environment with a suggestion', () => {
    expect(problems('', { environment: 'stagign' })).toEqual([
      '--env: unknown environment "stagign" — did you mean "staging"? (known: ci, staging, production)',
    ]);
  });

  it('lets an environment override sections: mappings merge, values replace, null removes', () => {
    const text = `services:
  api:
    url: http://127.0.0.1:4000
    start: node server.js
    readyTimeout: 20s
environments:
  staging:
    loadProfile: spike
    timeBudget: 15m
    services:
      api: { url: http://127.0.0.1:5000, start: null }
`;
    const staging = valid(text, { environment: 'staging' });
    expect(staging.services[0]).toMatchObject({ url: 'http://127.0.0.1:5000', readyTimeout: 20_000 });
    expect(staging.services[0]?.start).toBeUndefined();
    expect(staging.environment).toMatchObject({ loadProfileName: 'spike', timeBudgetMs: 900_000 });
    expect(valid(text).services[0]).toMatchObject({ url: 'http://127.0.0.1:4000', start: 'node server.js' });
  });

  it('validates every environment, not only the chosen one, and points at the override', () => {
    const text = `${SERVICE}environments:\n  staging:\n    services:\n      api: { readyTimeout: later }\n`;
    expect(problems(text)).toEqual([
      `${FILE}:7:28 environments.staging.services.api.readyTimeout: invalid duration "later": expected a number or a string such as 500ms, 30s, 5m, 1h, 7d (in environment "staging")`,
    ]);
  });

  it('defines new environments and load profiles', () => {
    const text = `load:
  profiles:
    smoke: { users: 1, duration: 10, rps: 2 }
environments:
  nightly: { loadProfile: smoke, timeBudget: 45m, requireConfirmation: true }
`;
    expect(valid(text, { environment: 'nightly' }).environment).toMatchObject({
      loadProfile: { users: 1, duration: 10_000, rps: 2 },
      timeBudgetMs: 2_700_000,
      requireConfirmation: true,
    });
  });

  it('applies flags over env vars over the file over defaults', () => {
    const text = 'regression:\n  threshold: 30\n  critical: 60\n';
    expect(valid(text).regression).toMatchObject({ threshold: 30, critical: 60, minor: 10 });
    const env = { PERFORMANCE_THRESHOLD: '15', UPDATE_BASELINES: 'true' };
    expect(valid(text, { env }).regression).toMatchObject({
      threshold: 15,
      updateBaselines: true,
      critical: 60,
    });
    expect(valid(text, { env, flags: { regression: { threshold: 5 } } }).regression.threshold).toBe(5);
  });

  it('scales the time budget by PERFORMANCE_TIMEOUT_MULTIPLIER and reads the test mode', () => {
    const config = valid('', {
      env: { PERFORMANCE_TIMEOUT_MULTIPLIER: '1.5', PERFORMANCE_TEST_MODE: 'slo' },
    });
    expect(config.environment.timeBudgetMs).toBe(900_000);
    expect(config.run).toEqual({ timeoutMultiplier: 1.5, only: 'slo' });
  });

  it('turns notification env vars into channels', () => {
    const env = {
      SLACK_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
      EMAIL_RECIPIENTS: 'sre@example.com, perf@example.com',
      PAGERDUTY_ROUTING_KEY: 'r0ut1ng',
    };
    expect(valid('', { env }).notifications).toMatchObject({
      slack: { webhookUrl: 'http://127.0.0.1:9/hook', minSeverity: 'warning' },
      email: { recipients: ['sre@example.com', 'perf@example.com'] },
      pagerduty: { routingKey: 'r0ut1ng', minSeverity: 'critical' },
    });
  });

  it('lets an env var supply a required field the file leaves out, and still requires it otherwise', () => {
    const text = 'notifications:\n  pagerduty: { eventsUrl: http://127.0.0.1:9/enqueue }\n';
    const config = valid(text, { env: { PAGERDUTY_ROUTING_KEY: 'r0ut1ng' } });
    expect(config.notifications.pagerduty).toMatchObject({ routingKey: 'r0ut1ng' });
    expect(problems(text, { env: {} }).join('\n')).toContain('notifications.pagerduty.routingKey');
  });

  it('reports bad env var values by name, without echoing secrets', () => {
    const env = { PERFORMANCE_THRESHOLD: 'ten', SLACK_WEBHOOK_URL: 'not-a-url-but-secret' };
    const found = problems('', { env });
    expect(found).toEqual([
      'env PERFORMANCE_THRESHOLD: expected a positive number (got "ten")',
      'env SLACK_WEBHOOK_URL: expected an http(s) URL',
    ]);
  });
});

describe("the spec's benchmark-config.json shape", () => {
  const json = JSON.stringify({
    sloTargets: {
      'model-router': { responseTime: { p50: 500, p95: 2000, p99: 5000, unit: 'ms' } },
      toolhub: { vectorSearch: { p95: 0.3, unit: 's' } },
    },
    loadTestingProfiles: {
      light: { concurrentUsers: 5, duration: 60 },
      soak: { concurrentUsers: 10, duration: '30m' },
    },
  });

  it('maps sloTargets to latency SLOs, one per percentile', () => {
    const { slos } = valid(json);
    expect(slos.map((slo) => slo.name)).toEqual([
      'model_router_responseTime_p50',
      'model_router_responseTime_p95',
      'model_router_responseTime_p99',
      'toolhub_vectorSearch_p95',
    ]);
    expect(slos[1]).toMatchObject({
      service: 'model-router',
      sli: { type: 'latency', percentile: 95 },
      slo: { target: 2000, operator: '<=', unit: 'ms' },
    });
    expect(slos[3]?.slo).toEqual({ target: 0.3, operator: '<=', unit: 's' });
  });

  it('maps loadTestingProfiles onto load profiles, keeping built-in fields it does not restate', () => {
    const { load } = valid(json);
    expect(load.profiles.light).toEqual({ users: 5, duration: 60_000, rps: 10 });
    expect(load.profiles.soak).toEqual({ users: 10, duration: 1_800_000 });
  });

  it('locates mistakes in it like in any other file', () => {
    const bad =
      '{\n  "sloTargets": { "api": { "latency": { "p95": "fast" } } },\n  "loadTestingProfiles": { "x": { "users": 5, "duration": 60 } }\n}\n';
    expect(problems(bad)).toEqual([
      `${FILE}:2:48 sloTargets.api.latency.p95: expected number, got the string "fast"`,
      `${FILE}:3:33 loadTestingProfiles.x.concurrentUsers: is required (expected number)`,
      `${FILE}:3:35 loadTestingProfiles.x.users: unknown key "users" — did you mean "concurrentUsers"?`,
    ]);
  });
});

describe('gameday faults', () => {
  it('refuses a phase on a game day fault: the drill load has no phases (from/to schedule it)', () => {
    const text = `${SERVICE}gameday:
  faults:
    - { service: api, phase: peak, error: { status: 503 } }
`;
    expect(problems(text).join('\n')).toMatch(
      /perfgate\.config\.yaml:\d+:\d+ gameday\.faults\[0\]\.phase: a game day's faults are scheduled with from\/to/,
    );
  });
});

describe('history', () => {
  it('takes a PostgreSQL URL for a shared history and names a bad one at its path', () => {
    expect(valid('history: { url: "postgres://ci:pw@db.internal/perf" }\n').history).toEqual({
      url: 'postgres://ci:pw@db.internal/perf',
    });
    expect(problems('history: { url: "mysql://db/perf" }\n').join('\n')).toMatch(
      /perfgate\.config\.yaml:1:\d+ history\.url: expected a postgres:\/\/user:password@host\/db URL/,
    );
  });
});
