import { parentPort, workerData } from 'node:worker_threads';
import { runGenerator } from '../../load/run/generator.js';
import { vuRunnerFactory, type WorkerInput } from '../../load/run/run-load-test.js';
import { systemClock } from '../clock.js';
import { installArtilleryGlobal } from './artillery-global.js';
import { loadScriptProcessor, readUploadFile } from './script-files.js';
import type { WorkerMessage } from './workers.js';

// One `--workers` thread: runs its stripe of the test and reports back (see workers.ts).
const input = workerData as WorkerInput;
const port = parentPort;
const post = (message: WorkerMessage) => port?.postMessage(message);
const stop = new AbortController();
port?.on('message', (message) => {
  if (message === 'stop') stop.abort();
});

const artillery = installArtilleryGlobal((line) => process.stdout.write(`${line}\n`));
try {
  const processor = await loadScriptProcessor(input.script);
  if (processor.state === 'invalid') throw new Error(processor.message);
  const run = await runGenerator(input.script, {
    clock: systemClock,
    segment: input.segment,
    intervalMs: input.intervalMs,
    graceMs: input.graceMs,
    stopSignal: stop.signal,
    ...(input.startAt === undefined ? {} : { startAt: input.startAt }),
    cpuUsage: () => process.cpuUsage(),
    onWindow: (window) => post({ type: 'window', window }),
    createIteration: vuRunnerFactory(
      {
        env: input.env,
        readUpload: readUploadFile,
        ...(input.assets ? { assets: input.assets } : {}),
        ...(processor.processor ? { processor: processor.processor } : {}),
      },
      input.sharedVars,
    ),
  });
  post({ type: 'done', result: { ...run, suggestedExitCode: artillery.suggestedExitCode() } });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
port?.close();
