import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  freePort,
  isRunning,
  listenOn,
  liveGroupMembers,
  pidIn,
  type RecordingLogger,
  recordingLogger,
  SERVER,
  serverCommand,
  specFor,
} from '../../../test/fixtures/services/helpers.js';
import { PerfgateError } from '../../core/errors.js';
import { guardedGroups } from './exit-guard.js';
import { checkHealth } from './health.js';
import { type RunningServices, type ServiceSpec, startServices } from './index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  specs: ServiceSpec[],
  logger: RecordingLogger,
  signal?: AbortSignal,
): Promise<RunningServices> {
  const running = await startServices(specs, { logger, env: process.env, signal });
  cleanups.push(() => running.stop());
  return running;
}

/** Starts `specs`, expecting a PerfgateError; returns it and how long the attempt took. */
async function startFailure(specs: ServiceSpec[], logger: RecordingLogger, signal?: AbortSignal) {
  const started = performance.now();
  const error = await start(specs, logger, signal).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof PerfgateError)) throw new Error(`expected a PerfgateError, got ${String(error)}`);
  return { error, elapsedMs: performance.now() - started };
}

/** The errno `kill(pid, 0)` gives, or 'alive'. */
function probePid(pid: number): string {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code);
  }
}

function httpServer(status: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((_request, response) => {
      response.statusCode = status;
      response.end('ok');
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
    cleanups.push(() => new Promise((done) => server.close(done)));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return address.port;
}

describe('startServices: managed services', () => {
  it('starts a service, reports it healthy, and stop() ends its whole process group', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const running = await start([specFor(port)], logger);

    const [service] = running.services;
    expect(service).toMatchObject({ name: 'svc', url: `http://127.0.0.1:${port}`, managed: true });
    const pgid = service?.pid ?? Number.NaN;
    expect(probePid(pgid)).toBe('alive');
    expect(guardedGroups()).toContain(pgid);
    const serverPid = await eventually(() => pidIn(service?.recentOutput() ?? '', /server pid (\d+)/));
    expect(await running.health()).toEqual([
      expect.objectContaining({ name: 'svc', url: `http://127.0.0.1:${port}/health`, ok: true, status: 200 }),
    ]);
    // Output lines reach the logger as the pipe is read, which may trail the first 2xx answer.
    await eventually(() => (logger.text().includes(`[svc] listening on ${port}`) ? true : undefined));

    await running.stop();
    expect(probePid(pgid)).toBe('ESRCH');
    expect(isRunning(serverPid)).toBe(false);
    expect(liveGroupMembers(pgid)).toEqual([]);
    expect(guardedGroups()).not.toContain(pgid);
    expect((await checkHealth(`http://127.0.0.1:${port}/health`, 1_000)).error).toBe('ECONNREFUSED');
    await running.stop(); // idempotent
  });

  it('reports a start command that exits early at once, with its exit code and stderr', async () => {
    const port = await freePort();
    const command = serverCommand(port, '--exit', '3', '--stderr', '"boom: config missing"');
    const spec = specFor(port, { name: 'api', start: command, readyTimeoutMs: 20_000 });
    const { error, elapsedMs } = await startFailure([spec], recordingLogger());

    expect(error.code).toBe('SERVICE_EXITED_EARLY');
    expect(error.message).toContain("service 'api' exited with code 3 before it became healthy");
    expect(error.message).toContain(`command: ${command}`);
    expect(error.message).toContain('boom: config missing');
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it('gives up with SERVICE_NOT_READY after readyTimeout, quoting the last answer and output', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const spec = specFor(port, { start: serverCommand(port, '--status', '503'), readyTimeoutMs: 1_500 });
    const { error, elapsedMs } = await startFailure([spec], logger);

    expect(error.code).toBe('SERVICE_NOT_READY');
    expect(error.message).toContain(
      `was not healthy within 1.5s: http://127.0.0.1:${port}/health last answered HTTP 503`,
    );
    expect(error.message).toContain(`listening on ${port}`);
    expect(elapsedMs).toBeGreaterThanOrEqual(1_400);
    expect(elapsedMs).toBeLessThan(4_000);
    const serverPid = pidIn(logger.text(), /\[svc\] server pid (\d+)/) ?? Number.NaN;
    expect(isRunning(serverPid)).toBe(false);
  });

  it('fails with SERVICE_START_FAILED when the working directory does not exist', async () => {
    const port = await freePort();
    const spec = specFor(port, { cwd: '/nonexistent/perfgate-test' });
    const { error } = await startFailure([spec], recordingLogger());
    expect(error.code).toBe('SERVICE_START_FAILED');
    expect(error.message).toContain('working directory /nonexistent/perfgate-test does not exist');
  });
});

describe('RunningServices.health', () => {
  it('reports a managed service that died after starting, with how its process ended', async () => {
    const port = await freePort();
    const running = await start(
      [specFor(port, { start: serverCommand(port, '--crash-after', '300') })],
      recordingLogger(),
    );
    const report = await eventually(async () => {
      const [first] = await running.health();
      return first?.error?.includes('its process') ? first : undefined; // the port may close before the exit is seen
    });
    expect(report).toMatchObject({
      name: 'svc',
      ok: false,
      error: 'ECONNREFUSED; its process exited with code 7',
    });
    await running.stop();
  });
});

describe('startServices: ports already taken', () => {
  it('refuses a port another process holds, without starting anything', async () => {
    const holder = await listenOn(0);
    cleanups.push(() => new Promise((done) => holder.close(done)));
    const port = (holder.address() as { port: number }).port;
    const logger = recordingLogger();
    const { error } = await startFailure([specFor(port)], logger);

    expect(error.code).toBe('SERVICE_PORT_IN_USE');
    expect(error.message).toBe(`service 'svc': 127.0.0.1:${port} is already in use by another process`);
    expect(error.hint).toContain('reuseExisting: true');
    expect(logger.text()).not.toContain('started pid');
  });

  it('with reuseExisting, uses the running service and leaves it running on stop()', async () => {
    const port = await freePort();
    const existing = spawn(process.execPath, [SERVER, '--port', String(port)], { stdio: 'ignore' });
    cleanups.push(() => existing.kill('SIGKILL'));
    await eventually(async () =>
      (await checkHealth(`http://127.0.0.1:${port}/health`, 500)).ok ? true : undefined,
    );
    const running = await start([specFor(port, { reuseExisting: true })], recordingLogger());

    expect(running.services[0]).toMatchObject({ managed: false, pid: undefined });
    await running.stop();
    expect(isRunning(existing.pid ?? Number.NaN)).toBe(true);
    expect((await checkHealth(`http://127.0.0.1:${port}/health`, 1_000)).ok).toBe(true);
  });
});

describe('startServices: stopping', () => {
  it('SIGKILLs a service that ignores SIGTERM once stopTimeout has passed', async () => {
    const port = await freePort();
    const spec = specFor(port, { start: serverCommand(port, '--ignore-sigterm'), stopTimeoutMs: 700 });
    const running = await start([spec], recordingLogger());
    const service = running.services[0];
    const serverPid = await eventually(() => pidIn(service?.recentOutput() ?? '', /server pid (\d+)/));

    const started = performance.now();
    await running.stop();
    const elapsedMs = performance.now() - started;
    expect(service?.recentOutput()).toContain('ignoring SIGTERM');
    expect(elapsedMs).toBeGreaterThanOrEqual(650);
    expect(elapsedMs).toBeLessThan(3_000);
    expect(isRunning(serverPid)).toBe(false);
  });

  it('also stops a grandchild the command spawned (the whole process group)', async () => {
    const port = await freePort();
    const running = await start(
      [specFor(port, { start: serverCommand(port, '--grandchild') })],
      recordingLogger(),
    );
    const service = running.services[0];
    const grandchild = await eventually(() => pidIn(service?.recentOutput() ?? '', /grandchild pid (\d+)/));
    expect(isRunning(grandchild)).toBe(true);

    await running.stop();
    expect(isRunning(grandchild)).toBe(false);
    expect(liveGroupMembers(service?.pid ?? Number.NaN)).toEqual([]);
  });

  it('stops the services already started when a later one fails', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const logger = recordingLogger();
    const specs = [
      specFor(portA, { name: 'a' }),
      specFor(portB, { name: 'b', start: serverCommand(portB, '--exit', '3') }),
    ];
    const { error } = await startFailure(specs, logger);

    expect(error.code).toBe('SERVICE_EXITED_EARLY');
    expect(error.message).toContain("service 'b' exited with code 3");
    const pgidA = pidIn(logger.text(), /\[a\] started pid (\d+)/) ?? Number.NaN;
    const serverA = pidIn(logger.text(), /\[a\] server pid (\d+)/) ?? Number.NaN;
    expect(probePid(pgidA)).toBe('ESRCH');
    expect(isRunning(serverA)).toBe(false);
    // Nothing answers there any more (on a shared machine another process may have just taken the
    // freed port and reset the connection instead of refusing it).
    const health = await checkHealth(`http://127.0.0.1:${portA}/health`, 1_000);
    expect(health.ok).toBe(false);
    expect(health.error).toMatch(/^(ECONNREFUSED|ECONNRESET)$/);
  });
});

describe('startServices: aborting', () => {
  it('throws ABORTED when the signal fires during startup, leaving nothing running', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const controller = new AbortController();
    const spec = specFor(port, {
      start: serverCommand(port, '--listen-delay', '10000'),
      readyTimeoutMs: 20_000,
    });
    void eventually(() => pidIn(logger.text(), /\[svc\] server pid (\d+)/)).then(() =>
      controller.abort(new PerfgateError('ABORTED', 'interrupted by SIGINT')),
    );
    const { error, elapsedMs } = await startFailure([spec], logger, controller.signal);

    expect(error.code).toBe('ABORTED');
    expect(error.message).toBe("starting service 'svc' was aborted: interrupted by SIGINT");
    expect(elapsedMs).toBeLessThan(5_000);
    const pgid = pidIn(logger.text(), /\[svc\] started pid (\d+)/) ?? Number.NaN;
    const serverPid = pidIn(logger.text(), /\[svc\] server pid (\d+)/) ?? Number.NaN;
    expect(probePid(pgid)).toBe('ESRCH');
    expect(isRunning(serverPid)).toBe(false);
  });

  it('starts nothing when the signal has already fired', async () => {
    const port = await freePort();
    const logger = recordingLogger();
    const { error } = await startFailure([specFor(port)], logger, AbortSignal.abort());
    expect(error.code).toBe('ABORTED');
    expect(logger.text()).not.toContain('started pid');
  });
});

describe('startServices: external services (no start command)', () => {
  it('waits for a healthy external service and never stops it', async () => {
    const server = await httpServer(200);
    const url = `http://127.0.0.1:${portOf(server)}`;
    const running = await start([{ ...specFor(0, { url }), start: undefined }], recordingLogger());

    expect(running.services[0]).toMatchObject({ managed: false, pid: undefined, url });
    await running.stop();
    expect((await checkHealth(`${url}/health`, 1_000)).ok).toBe(true);
  });

  it('fails with SERVICE_UNREACHABLE when it never answers within readyTimeout', async () => {
    const port = await freePort();
    const spec: ServiceSpec = { ...specFor(port), start: undefined, readyTimeoutMs: 600 };
    const { error, elapsedMs } = await startFailure([spec], recordingLogger());

    expect(error.code).toBe('SERVICE_UNREACHABLE');
    expect(error.message).toBe(
      `service 'svc' (no \`start\` command) was not healthy within 600ms: http://127.0.0.1:${port}/health last probe failed: ECONNREFUSED`,
    );
    expect(elapsedMs).toBeLessThan(2_500);
  });
});
