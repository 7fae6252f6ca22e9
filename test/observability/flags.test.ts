import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { runInProcess } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'perfgate-obs-flags-'));
writeFileSync(
  join(dir, 'tiny.yml'),
  'config:\n  target: http://127.0.0.1:9\n  phases: [{ duration: 1, arrivalRate: 1 }]\nscenarios:\n  - flow: [{ get: { url: / } }]\n',
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('observability flags: bad input is exit 2 before any load', () => {
  it('rejects a --metrics-port that is not a port', async () => {
    const run = await runInProcess(['load', 'tiny.yml', '--metrics-port', '70000'], { cwd: dir });
    expect(run.code).toBe(EXIT.badInput);
    expect(run.stderr).toContain('--metrics-port 70000: expected a TCP port (0-65535)');
  });

  it('rejects a --metrics-linger that is not a duration', async () => {
    const run = await runInProcess(['load', 'tiny.yml', '--metrics-port', '0', '--metrics-linger', 'soon'], {
      cwd: dir,
    });
    expect(run.code).toBe(EXIT.badInput);
    expect(run.stderr).toContain('--metrics-linger soon: expected a duration such as 15s');
  });

  it('rejects a --metrics-port already in use, with a hint', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as { port: number };
    try {
      const run = await runInProcess(['load', 'tiny.yml', '--metrics-port', String(port)], { cwd: dir });
      expect(run.code).toBe(EXIT.badInput);
      expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      expect(run.stderr).not.toContain('Summary report');
    } finally {
      taken.close();
    }
  });

  it('prints the port --metrics-port 0 chose, even with --quiet', async () => {
    const run = await runInProcess(['load', 'tiny.yml', '--metrics-port', '0', '-q', '--solo'], { cwd: dir });
    expect(run.stderr).toMatch(/^metrics: serving http:\/\/127\.0\.0\.1:[1-9]\d*\/metrics$/m);
  });

  it('writes only the load-test dashboard without a config', async () => {
    const run = await runInProcess(['dashboards', '-o', 'grafana'], { cwd: dir });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(readdirSync(join(dir, 'grafana'))).toEqual(['perfgate-load-test.json']);
    expect(run.stderr).toContain('writing the load-test dashboard only');
  });
});
