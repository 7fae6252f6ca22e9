#!/usr/bin/env node
// What the fault proxy costs when no fault is active (issue 20): the same closed-loop client
// (16 keep-alive connections, node:http) against one small HTTP server on 127.0.0.1, directly and
// through the proxy, in interleaved rounds. Run as `npm run bench:faults [-- --quick]`.
//   direct     client → server
//   pipe       client → proxy (no fault configured for the service: a plain TCP pipe) → server
//   framed     client → proxy (a fault scheduled for later, none active: HTTP/1.1 framing) → server
// Two loads: a closed loop that saturates (throughput and latency at the limit), and a paced one at
// 200 requests/s (the latency a drill's load sees). Server and proxy each run in their own process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const QUICK = process.argv.includes('--quick');
const SECONDS = QUICK ? 3 : 8;
const ROUNDS = QUICK ? 2 : 3;
const CONNECTIONS = 16;

const SERVER = `
const { createServer } = require('node:http');
const body = JSON.stringify({ results: Array.from({ length: 5 }, (_, i) => ({ id: 'tool-' + i, score: 0.9 })) });
const server = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body)); });
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));`;

const PROXY = (port, faults) => `
import { startFaultProxy } from ${JSON.stringify(join(ROOT, 'dist', 'load', 'faults', 'index.js'))};
import { systemClock } from ${JSON.stringify(join(ROOT, 'dist', 'cli', 'clock.js'))};
const proxy = await startFaultProxy({ upstream: { host: '127.0.0.1', port: ${port} }, faults: ${JSON.stringify(faults)}, clock: systemClock });
proxy.startSchedule();
console.log('port ' + proxy.port);`;

async function startChild(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let seen = '';
  for await (const chunk of child.stdout) {
    seen += chunk;
    const match = /port (\d+)/.exec(seen);
    if (match) return { child, port: Number(match[1]) };
  }
  throw new Error(`child exited before listening: ${seen}`);
}

function closedLoop(port, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        { host: '127.0.0.1', port, path: '/api/tools/search', method: 'POST', agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end('{"query":"search files","k":5}');
    });
  const worker = async () => {
    while (performance.now() < deadline) await one();
  };
  return Promise.all(Array.from({ length: CONNECTIONS }, worker)).then(() => {
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
  });
}

/** 200 requests/s, one every 5 ms, each on a free keep-alive connection: latency at a drill's pace. */
function paced(port, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const total = seconds * PACED_RATE;
  return new Promise((resolve) => {
    let sent = 0;
    let done = 0;
    const timer = setInterval(() => {
      if (sent++ >= total) return;
      const started = performance.now();
      const req = request(
        { host: '127.0.0.1', port, path: '/api/tools/search', method: 'POST', agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if (++done === total) {
              clearInterval(timer);
              agent.destroy();
              latencies.sort((a, b) => a - b);
              const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
              resolve({ rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) });
            }
          });
        },
      );
      req.end('{"query":"search files","k":5}');
    }, 1000 / PACED_RATE);
  });
}
const PACED_RATE = 200;

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat(5); index 11 and 12 after the ") " split.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const server = await startChild(['-e', SERVER]);
const later = [
  { name: 'later', fromMs: 3_600_000, toMs: 7_200_000, effect: { kind: 'error', status: 503, ratio: 1 } },
];
const pipe = await startChild(['--input-type=module', '-e', PROXY(server.port, [])]);
const framed = await startChild(['--input-type=module', '-e', PROXY(server.port, later)]);
const targets = { direct: server.port, pipe: pipe.port, framed: framed.port };
const proxyPids = { pipe: pipe.child.pid, framed: framed.child.pid };
// The proxy's own CPU per request in the saturating loop: steadier than throughput on a shared
// 2-core machine, where client, proxy and server take turns on the cores.
const proxyCpu = { pipe: { cpuS: 0, requests: 0 }, framed: { cpuS: 0, requests: 0 } };
const totals = Object.fromEntries(Object.keys(targets).map((name) => [name, { rps: 0, p50: 0, p99: 0 }]));
await closedLoop(server.port, 1); // warm-up
const pacedTotals = Object.fromEntries(
  Object.keys(targets).map((name) => [name, { rps: 0, p50: 0, p99: 0 }]),
);
for (let round = 1; round <= ROUNDS; round++) {
  for (const [name, port] of Object.entries(targets)) {
    const slow = await paced(port, SECONDS);
    process.stderr.write(
      `round ${round} ${name.padEnd(6)} paced ${PACED_RATE}/s  p50 ${slow.p50.toFixed(3)} ms  p99 ${slow.p99.toFixed(3)} ms\n`,
    );
    for (const key of ['p50', 'p99']) pacedTotals[name][key] += slow[key] / ROUNDS;
    const cpuBefore = name in proxyPids ? cpuSeconds(proxyPids[name]) : 0;
    const result = await closedLoop(port, SECONDS);
    if (name in proxyPids) {
      proxyCpu[name].cpuS += cpuSeconds(proxyPids[name]) - cpuBefore;
      proxyCpu[name].requests += result.rps * SECONDS;
    }
    process.stderr.write(
      `round ${round} ${name.padEnd(6)} ${result.rps.toFixed(0)} req/s  p50 ${result.p50.toFixed(3)} ms  p99 ${result.p99.toFixed(3)} ms\n`,
    );
    for (const key of ['rps', 'p50', 'p99']) totals[name][key] += result[key] / ROUNDS;
  }
}
for (const started of [server, pipe, framed]) started.child.kill('SIGTERM');
await Promise.all([server, pipe, framed].map((started) => once(started.child, 'exit')));
const ratio = (name) =>
  `${name}: ${totals[name].rps.toFixed(0)} req/s (${(totals[name].rps / totals.direct.rps).toFixed(2)}× direct), ` +
  `p50 ${totals[name].p50.toFixed(3)} ms (+${(totals[name].p50 - totals.direct.p50).toFixed(3)}), ` +
  `p99 ${totals[name].p99.toFixed(3)} ms (+${(totals[name].p99 - totals.direct.p99).toFixed(3)})`;
console.log(`${CONNECTIONS} keep-alive connections, ${ROUNDS} × ${SECONDS}s per target`);
console.log(
  `direct: ${totals.direct.rps.toFixed(0)} req/s, p50 ${totals.direct.p50.toFixed(3)} ms, p99 ${totals.direct.p99.toFixed(3)} ms`,
);
console.log(ratio('pipe'));
console.log(ratio('framed'));
const pacedLine = (name) =>
  `${name}: p50 ${pacedTotals[name].p50.toFixed(3)} ms, p99 ${pacedTotals[name].p99.toFixed(3)} ms` +
  (name === 'direct'
    ? ''
    : ` (+${(pacedTotals[name].p50 - pacedTotals.direct.p50).toFixed(3)} / +${(pacedTotals[name].p99 - pacedTotals.direct.p99).toFixed(3)})`);
console.log(`paced at ${PACED_RATE} requests/s:`);
for (const name of Object.keys(targets)) console.log(`  ${pacedLine(name)}`);
const perRequest = (name) => (proxyCpu[name].cpuS / proxyCpu[name].requests) * 1e6;
console.log(
  `proxy CPU per request (saturating loop): pipe ${perRequest('pipe').toFixed(1)} µs, framed ${perRequest('framed').toFixed(1)} µs (${(perRequest('framed') / perRequest('pipe')).toFixed(2)}× the pipe)`,
);
