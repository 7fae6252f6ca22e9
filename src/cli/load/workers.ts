import { Worker } from 'node:worker_threads';
import type { GeneratorResult } from '../../load/metrics/results.js';
import type { WindowData } from '../../load/metrics/window.js';
import type { SpawnWorker, WorkerInput } from '../../load/run/run-load-test.js';

/** Messages a load worker posts (worker-main.ts). */
export type WorkerMessage =
  | { readonly type: 'window'; readonly window: WindowData }
  | {
      readonly type: 'done';
      readonly result: GeneratorResult & {
        interrupted: boolean;
        startedAt: number;
        endedAt: number;
        suggestedExitCode?: number;
      };
    }
  | { readonly type: 'failed'; readonly message: string };

/**
 * The worker_threads edge of `--workers N`: each worker runs one stripe of the segment with its
 * own event loop, HTTP pool and recorder, posts its windows as they close and its result at the
 * end. Stopping posts 'stop' (no new arrivals; the worker applies the grace itself).
 */
export const spawnLoadWorker: SpawnWorker = (input: WorkerInput, onWindow, stop) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-main.js', import.meta.url), { workerData: input });
    const onStop = () => worker.postMessage('stop');
    stop.addEventListener('abort', onStop, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'window') onWindow(message.window);
      else if (message.type === 'done') resolve(message.result);
      else reject(new Error(`load worker failed: ${message.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      stop.removeEventListener('abort', onStop);
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });
