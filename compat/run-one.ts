/**
 * Runs one job with one tool and prints the result as JSON on stdout. `compat/run.ts` starts it
 * inside a network namespace with only loopback (`unshare -n`), so a script that names an
 * outside host cannot reach it.
 */
import { type Job, runJob, type Tool } from './lib/job.js';

const [jobJson, tool, root, timeout] = process.argv.slice(2);
const job = JSON.parse(jobJson ?? '{}') as Job;
const result = await runJob(job, tool as Tool, root ?? '', Number(timeout));
process.stdout.write(`${JSON.stringify(result)}\n`);
