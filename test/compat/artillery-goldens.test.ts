/**
 * perfgate against Artillery 2.0.21's own recordings (compat/golden/), without Artillery: a
 * sample of the corpus, one per feature family, replayed against the recording server and
 * compared request by request and on pass/fail. `npm run compat` runs the whole corpus (and
 * Artillery itself, when installed).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../compat/lib/compare.js';
import { readGolden, scriptDrawsRandom } from '../../compat/lib/golden.js';
import { copyCorpus, jobsOf, readManifest, runJob } from '../../compat/lib/job.js';

/** One job per family: HTTP features, duration syntax, config files, failing checks, ws, socketio, an engine perfgate lacks. */
const SAMPLE = [
  'artillery/examples/using-cookies/cookies.yml #0',
  'artillery/packages/core/test/scripts/captures-regexp.json',
  'artillery/packages/core/test/scripts/arrival_phases_time_format.json',
  'artillery/packages/artillery/test/scripts/scenario-payload-with-envs/scenario.yml --environment staging --config config/artillery-config.yml',
  'artillery/packages/artillery-plugin-expect/test/pets-fail-test.yaml',
  'artillery/examples/http-file-uploads/file-uploads.yml',
  'artillery/packages/core/test/scripts/hello_ws.json',
  'artillery/packages/core/test/scripts/namespaces_socketio.json',
  'artillery/examples/browser-load-testing-playwright/browser-smoke-test.yml',
];

const jobs = readManifest().flatMap(jobsOf);
const root = copyCorpus();
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('perfgate sends what Artillery 2.0.21 sent (stored recordings)', () => {
  it.each(SAMPLE)('%s', async (id) => {
    const job = jobs.find((candidate) => candidate.id === id);
    if (job === undefined) throw new Error(`no corpus job ${id}`);
    const golden = readGolden(job);
    const perfgate = await runJob(job, 'perfgate', root, 25_000);
    const comparison = compareRuns(golden.artillery, perfgate, {
      hosts: [golden.host, perfgate.host],
      random: scriptDrawsRandom(job),
    });
    expect(comparison.differences, perfgate.output).toEqual([]);
    expect(comparison).toMatchObject({ sameTraffic: true, sameVerdict: true });
  });
});
