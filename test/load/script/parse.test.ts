import { describe, expect, it } from 'vitest';
import { formatScriptIssue } from '../../../src/load/script/issues.js';
import type { LoadScript } from '../../../src/load/script/model.js';
import { type ParseScriptOptions, parseScript } from '../../../src/load/script/parse.js';

const FILE = '/scripts/api.yml';

function parse(text: string, options: Partial<ParseScriptOptions> = {}) {
  return parseScript(text, FILE, { env: {}, ...options });
}

function ok(text: string, options: Partial<ParseScriptOptions> = {}): LoadScript {
  const result = parse(text, options);
  if (result.state !== 'ok') throw new Error(result.issues.map(formatScriptIssue).join('\n'));
  return result.script;
}

function problems(text: string, options: Partial<ParseScriptOptions> = {}): string[] {
  const result = parse(text, options);
  if (result.state !== 'invalid') throw new Error('expected the script to be invalid');
  return result.issues.map(formatScriptIssue);
}

const MINIMAL_FLOW = 'scenarios:\n  - flow:\n      - get: { url: / }\n';

describe('phases', () => {
  it('normalises every phase shape to milliseconds, casting string numbers', () => {
    const script = ok(`config:
  target: http://localhost:8080
  phases:
    - { duration: 60, arrivalRate: 5, rampTo: "20", name: warm, maxVusers: 50 }
    - { duration: "2m", arrivalCount: 10 }
    - { pause: 1.5 }
    - { duration: 30s, concurrency: 50 }
    - { duration: 1m, rps: 200 }
${MINIMAL_FLOW}`);
    expect(script.phases).toEqual([
      { kind: 'arrival', durationMs: 60_000, arrivalRate: 5, rampTo: 20, name: 'warm', maxVusers: 50 },
      { kind: 'count', durationMs: 120_000, arrivalCount: 10 },
      { kind: 'pause', pauseMs: 1_500 },
      { kind: 'closed', durationMs: 30_000, concurrency: 50 },
      { kind: 'constant-rps', durationMs: 60_000, rps: 200 },
    ]);
  });

  it("defaults to Artillery's single VU when there are no phases", () => {
    expect(ok(`config:\n  target: http://x\n${MINIMAL_FLOW}`).phases).toEqual([
      { kind: 'count', durationMs: 1_000, arrivalCount: 1 },
    ]);
  });

  it('takes rates and targets from $env at load time', () => {
    const script = ok(
      `config:\n  target: "{{ $env.TARGET }}"\n  phases: [ { duration: 10, arrivalRate: "{{ $processEnvironment.RATE }}" } ]\n${MINIMAL_FLOW}`,
      { env: { TARGET: 'http://api:9000', RATE: '12' } },
    );
    expect(script.target).toBe('http://api:9000');
    expect(script.phases[0]).toMatchObject({ arrivalRate: 12 });
  });
});

describe('config', () => {
  it('reads http settings, both default header spellings, tls and plugins', () => {
    const script = ok(`config:
  target: https://api.example
  http: { timeout: 2.5, pool: 4, defaults: { headers: { X-Two: b }, strictCapture: false }, traceparent: true }
  defaults: { headers: { X-One: "{{ token }}" } }
  tls: { rejectUnauthorized: false }
  plugins:
    expect: { reportFailuresAsErrors: true }
    metrics-by-endpoint: { useOnlyRequestNames: true }
${MINIMAL_FLOW}`);
    expect(script.http).toEqual({
      timeoutMs: 2_500,
      pool: 4,
      rejectUnauthorized: false,
      // As Artillery 2.0.21: http.defaults replaces config.defaults, and its headers replace the
      // default User-Agent with got's own.
      defaultHeaders: { 'user-agent': 'got (https://github.com/sindresorhus/got)', 'x-two': 'b' },
      defaultCookies: {},
      strictCapture: false,
      traceparent: true,
      extendedMetrics: false,
    });
    expect(script.expect).toEqual({ enabled: true, reportFailuresAsErrors: true });
    expect(script.metricsByEndpoint.useOnlyRequestNames).toBe(true);
    expect(script.metricsByEndpoint.stripQueryString).toBe(true);
  });

  it('resolves payload and processor paths against the script directory', () => {
    const script = ok(`config:
  target: http://x
  processor: ./lib/hooks.js
  payload: { path: data/users.csv, fields: [name] }
${MINIMAL_FLOW}`);
    expect(script.processorPath).toBe('/scripts/lib/hooks.js');
    expect(script.payloads[0]).toMatchObject({
      resolvedPath: '/scripts/data/users.csv',
      order: 'random',
      cast: true,
      delimiter: ',',
    });
  });

  it('reads ensure from the top level and from plugins, thresholds, conditions and legacy keys', () => {
    const script = ok(`config:
  target: http://x
  ensure:
    thresholds: [ { http.response_time.p99: 250 } ]
    conditions: [ { expression: "vusers.failed == 0 and http.request_rate > 1", strict: false } ]
    maxErrorRate: 1
    p95: 200
  plugins:
    ensure:
      conditions: [ { expression: "ignored == 1" } ]
${MINIMAL_FLOW}`);
    // Artillery's ensure plugin reads config.ensure when set, else config.plugins.ensure.
    expect(script.ensure).toEqual({
      thresholds: [{ metric: 'http.response_time.p99', limit: 250 }],
      conditions: [{ expression: 'vusers.failed == 0 and http.request_rate > 1', strict: false }],
      legacy: [{ stat: 'p95', limit: 200 }],
      maxErrorRate: 1,
    });
  });
});

describe('environments (-e)', () => {
  const text = `config:
  target: http://base
  phases:
    - { duration: 10, arrivalRate: 1 }
    - { duration: 10, arrivalRate: 2 }
  http: { timeout: 5, pool: 2 }
  environments:
    staging:
      target: http://staging
      http: { timeout: 20 }
      phases: [ { duration: 60, arrivalRate: 50 } ]
${MINIMAL_FLOW}`;

  it('deep-merges the environment, replaces lists whole and says where Artillery would differ', () => {
    const script = ok(text, { environment: 'staging' });
    expect(script.target).toBe('http://staging');
    expect(script.http).toMatchObject({ timeoutMs: 20_000, pool: 2 });
    expect(script.phases).toEqual([{ kind: 'arrival', durationMs: 60_000, arrivalRate: 50 }]);
    expect(script.environment).toBe('staging');
    expect(script.warnings.join('\n')).toMatch(/config\.phases: .*Artillery would keep base items 1–1/);
  });

  it('lets --target win over script and environment', () => {
    expect(ok(text, { environment: 'staging', targetOverride: 'http://cli' }).target).toBe('http://cli');
  });

  it('applies --overrides over the environment (lists replaced) and adds --variables', () => {
    const script = ok(text, {
      environment: 'staging',
      overrides: { config: { phases: [{ duration: 5, arrivalCount: 2 }], http: { pool: 9 } } },
      variables: { who: 'cli' },
    });
    expect(script.target).toBe('http://staging');
    expect(script.phases).toEqual([{ kind: 'count', durationMs: 5_000, arrivalCount: 2 }]);
    expect(script.http).toMatchObject({ timeoutMs: 20_000, pool: 9 });
    expect(script.variables).toEqual({ who: 'cli' });
  });

  it('warns about an environment the script does not define, naming those it does, and runs the base config', () => {
    // Artillery 2.0.21 prints "environment prod is set but is not defined in the script" and runs.
    const script = ok(text, { environment: 'prod' });
    expect(script.target).toBe('http://base');
    expect(script.warnings).toContain(
      '-e prod: the script defines no such environment (have: staging); running with the base config, as Artillery does',
    );
  });
});

describe('formData', () => {
  const upload = (field: string) => `config:
  target: http://x
scenarios:
  - flow:
      - post:
          url: /upload
          formData:
            note: "{{ who }}"
            file: ${field}
`;

  it('reads text fields and files resolved against the script directory', () => {
    const step = ok(upload('{ fromFile: ./img/a.png, contentType: image/png }')).scenarios[0]?.flow[0];
    expect(step).toMatchObject({
      formData: {
        note: { kind: 'text', value: '{{ who }}' },
        file: {
          kind: 'file',
          fromFile: './img/a.png',
          resolvedPath: '/scripts/img/a.png',
          contentType: 'image/png',
        },
      },
    });
  });

  it('keeps a templated file path for each VU to render; warns about unknown keys of a file field', () => {
    const step = ok(upload('{ fromFile: "{{ name }}.png" }')).scenarios[0]?.flow[0];
    expect(step).toMatchObject({
      formData: { file: { kind: 'file', fromFile: '{{ name }}.png', baseDir: '/scripts' } },
    });
    expect(ok(upload('{ fromFile: a.png, mime: x }')).warnings).toContain(
      'scenarios[0].flow[0].post.formData.file.mime: not supported by perfgate, ignored',
    );
  });
});

describe('unknown features load with a warning, never a crash', () => {
  it('warns about engines, plugins, steps, captures and keys perfgate does not run', () => {
    const script = ok(`config:
  target: http://x
  engines: { playwright: {} }
  plugins: { publish-metrics: [ { type: datadog } ], fake-data: {} }
  bundling: { external: [pg] }
scenarios:
  - name: browser
    engine: playwright
    testFunction: search
  - name: web
    flow:
      - get: { url: /, capture: { xpath: "//a", as: link }, gzip: true, http2: true }
      - parallel: [ { get: { url: /a } }, { get: { url: /b } } ]
      - emit: { channel: y }
      - post: { url: /u, json: { email: "{{ $randEmail() }}", n: "{{ $randomNumber(1, 5) }}" } }
`);
    expect(script.scenarios.map((scenario) => [scenario.name, scenario.supported])).toEqual([
      ['browser', false],
      ['web', true],
    ]);
    const warnings = script.warnings.join('\n');
    expect(warnings).toContain('config.engines.playwright');
    expect(warnings).toContain('plugin "publish-metrics"');
    expect(warnings).toContain('plugin "fake-data"');
    expect(warnings).toContain('config.bundling: not supported');
    expect(warnings).toContain('scenarios[0] (browser): perfgate does not run the "playwright" engine');
    expect(warnings).toContain('xpath captures find nothing');
    expect(warnings).toContain('get.http2: not supported');
    expect(warnings).toContain('the "emit" step is not supported by perfgate (HTTP engine only)');
    expect(warnings).toContain('the template function $randEmail() is not one Artillery defines');
    expect(warnings).not.toContain('$randomNumber');
    expect(script.scenarios[1]?.flow.map((step) => step.kind)).toEqual(['request', 'parallel', 'request']);
  });
});

describe('bad scripts report every problem with its place', () => {
  it('lists each issue as FILE:LINE:COL path: message, top to bottom', () => {
    const text = `config:
  target: not a url
  phases:
    - { duration: soon, arrivalRate: 5 }
    - { duration: 10, arrivalRate: 5, arrivalCount: 3 }
    - { duration: 10, arivalRate: 5 }
  http: { timeout: -1, pool: 0 }
  payload: { path: users.csv, order: shuffled }
  plugins: { ensure: {} }
  ensure:
    thresholds: [ { http.response_time.p99: fast } ]
    conditions: [ { expression: "p99 < < 3" } ]
scenarios:
  - name: s
    weight: heavy
    flow:
      - get: { name: no-url }
      - post: { url: /x, capture: { json: "$.id" } }
      - function: helper
      - get: { url: /y, ifTrue: "a ==" }
      - loop: [ { get: { url: /z } } ]
        count: 2
        over: items
      - { get: { url: /a }, think: 1 }
`;
    expect(problems(text)).toEqual([
      `${FILE}:2:11 config.target: "not a url" is not a URL such as http://localhost:8080`,
      `${FILE}:4:19 config.phases[0].duration: expected seconds, or a duration such as 500ms, 30s, 10min, 5 mins, 1.5h, got "soon"`,
      `${FILE}:5:7 config.phases[1]: a phase is one of arrivalRate, arrivalCount, pause, concurrency or rps; got arrivalCount and arrivalRate`,
      `${FILE}:6:7 config.phases[2]: a phase needs arrivalRate, arrivalCount, pause, concurrency or rps; got "arivalRate"`,
      `${FILE}:7:20 config.http.timeout: "-1" is not a duration (a number or a string such as 500ms, 30s, 5m, 1h, 7d)`,
      `${FILE}:7:30 config.http.pool: must be at least 1, got 0`,
      `${FILE}:8:12 config.payload.fields: expected the list of column names, such as [username, password]`,
      `${FILE}:8:38 config.payload.order: expected random or sequence, got "shuffled"`,
      `${FILE}:11:45 config.ensure.thresholds[0]["http.response_time.p99"]: expected a number, got "fast"`,
      `${FILE}:12:19 config.ensure.conditions[0]: not a valid expression: unexpected "<" at column 7`,
      `${FILE}:15:13 scenarios[0].weight: expected a number, got "heavy"`,
      `${FILE}:17:14 scenarios[0].flow[0].get.url: expected a non-empty string, got nothing`,
      `${FILE}:18:35 scenarios[0].flow[1].post.capture.as: expected a non-empty string, got nothing`,
      `${FILE}:21:9 scenarios[0].flow[4]: a loop takes count or over, not both`,
      `${FILE}:24:9 scenarios[0].flow[5]: a step has exactly one action (get, post, think, loop…), got get, think`,
    ]);
    // Artillery runs these: a function step without a processor counts an error, and an ifTrue
    // filtrex cannot read lets the request go. perfgate runs them too, with a warning each.
    const warned = ok(`config:
  target: http://x
scenarios:
  - flow:
      - function: helper
      - get: { url: /y, ifTrue: "a ==" }
`);
    expect(warned.warnings.join('\n')).toContain(
      '"helper" names a processor function, but config.processor is not set',
    );
    expect(warned.warnings.join('\n')).toContain('"a ==" is not an expression Artillery can read (filtrex)');
  });

  it('reads JSON scripts too, with positions', () => {
    const json =
      '{\n  "config": { "target": "http://x", "phases": [ { "duration": "x", "arrivalRate": 1 } ] },\n  "scenarios": [ { "flow": [ { "get": { "url": "/" } } ] } ]\n}\n';
    expect(problems(json)).toEqual([
      `${FILE}:2:63 config.phases[0].duration: expected seconds, or a duration such as 500ms, 30s, 10min, 5 mins, 1.5h, got "x"`,
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('config:\n  target: [unclosed\nscenarios: []\n')[0]).toMatch(
      /^\/scripts\/api\.yml:\d+:\d+: YAML syntax error/,
    );
  });

  it('needs a target and at least one scenario', () => {
    expect(problems('config: {}\nscenarios: []\n')).toEqual([
      `${FILE}:1:9 config.target: no target: set config.target, pick an environment that has one, or pass --target`,
      `${FILE}:2:12 scenarios: expected a list of at least one scenario, got a list`,
    ]);
  });

  it('places a problem that came from an environment inside that environment', () => {
    const text = `config:
  target: http://x
  environments:
    ci:
      phases: [ { duration: later, arrivalRate: 1 } ]
${MINIMAL_FLOW}`;
    expect(problems(text, { environment: 'ci' })[0]).toMatch(
      /^\/scripts\/api\.yml:5:29 config\.phases\[0\]\.duration: /,
    );
  });
});
