/** Artillery's recorded runs, kept in compat/golden/ so the test suite needs no Artillery. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Outcome } from './compare.js';
import { CORPUS_DIR, type CorpusEntry, GOLDEN_DIR, type Job } from './job.js';

export interface Golden {
  readonly id: string;
  readonly artilleryVersion: string;
  readonly entry: CorpusEntry;
  readonly scenarioIndex?: number;
  readonly engines: readonly string[];
  /** Artillery's recorder address, replaced by a placeholder when compared. */
  readonly host: string;
  readonly artillery: Outcome;
}

export function goldenFile(job: Pick<Job, 'id'>): string {
  const slug = job.id
    .replace(/[^A-Za-z0-9._#-]+/g, '_')
    .replace(/_+/g, '_')
    .slice(-180);
  return join(GOLDEN_DIR, `${slug}.json`);
}

export function readGolden(job: Pick<Job, 'id'>): Golden {
  return JSON.parse(readFileSync(goldenFile(job), 'utf8')) as Golden;
}

/** Whether the script draws random values, so two correct runs send different ones. */
export function scriptDrawsRandom(job: Job): boolean {
  const path = join(CORPUS_DIR, job.entry.script);
  const folder = dirname(path);
  const code = readdirSync(folder)
    .filter((name) => /\.(c|m)?(j|t)s$/.test(name))
    .map((name) => readFileSync(join(folder, name), 'utf8'));
  return [readFileSync(path, 'utf8'), ...code].some((text) => RANDOM.test(text));
}

const RANDOM = /\$random|\$uuid|\$rand[A-Z]|Math\.random|randomUUID|faker|crypto\.random|Date\.now|new Date/i;
