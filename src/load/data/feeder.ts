import type { LoadScript } from '../script/model.js';
import type { LoadedPayload, ScriptAssets } from './assets.js';
import type { CsvCell } from './csv.js';

/** Which share of the test this process runs: rows are striped so shares never overlap. */
export interface Segment {
  readonly index: number;
  readonly count: number;
}

interface Source {
  readonly payload: LoadedPayload;
  readonly rows: readonly (readonly CsvCell[])[];
  next: number;
}

/**
 * Hands each new VU its variables: one payload row per CSV (random or in sequence), `loadAll`
 * files as a list, and one random pick for each list in `config.variables`; as in Artillery,
 * `config.variables` win over payload fields of the same name. With a segment, row i belongs
 * to segment i mod count, so sequence order holds across workers and machines.
 */
export class VuVariableFeeder {
  readonly #sources: Source[];
  readonly #whole: Record<string, unknown> = {};
  readonly #constants: Record<string, unknown> = {};
  readonly #choices: [string, readonly unknown[]][] = [];
  readonly #random: () => number;

  constructor(script: LoadScript, assets: ScriptAssets, random: () => number, segment?: Segment) {
    this.#random = random;
    this.#sources = [];
    for (const payload of assets.payloads) {
      if (payload.spec.loadAll && payload.spec.name !== undefined) {
        this.#whole[payload.spec.name] = payload.rows.map((row) => rowObject(payload.spec.fields, row));
      } else {
        this.#sources.push({ payload, rows: stripe(payload, segment), next: 0 });
      }
    }
    for (const [name, value] of Object.entries(script.variables)) {
      if (Array.isArray(value)) this.#choices.push([name, value]);
      else this.#constants[name] = value;
    }
  }

  /** Variables for one new VU. */
  next(): Record<string, unknown> {
    const vars: Record<string, unknown> = { ...this.#whole };
    for (const source of this.#sources) {
      if (source.rows.length === 0) continue;
      let index: number;
      if (source.payload.spec.order === 'sequence') {
        index = source.next;
        source.next = (source.next + 1) % source.rows.length;
      } else {
        index = Math.floor(this.#random() * source.rows.length);
      }
      Object.assign(vars, rowObject(source.payload.spec.fields, source.rows[index] ?? []));
    }
    Object.assign(vars, this.#constants);
    for (const [name, list] of this.#choices) vars[name] = list[Math.floor(this.#random() * list.length)];
    return vars;
  }
}

function rowObject(fields: readonly string[], row: readonly CsvCell[]): Record<string, CsvCell> {
  const out: Record<string, CsvCell> = {};
  for (const [index, field] of fields.entries()) {
    const cell = row[index];
    if (cell !== undefined) out[field] = cell;
  }
  return out;
}

/**
 * Rows of this segment (row i belongs to segment i mod count, as k6 stripes execution segments).
 * `order: sequence` never shares a row between generators (runLoadTest checks up front that every
 * stripe has one); random order promises no uniqueness, so a stripe without rows draws from all.
 */
function stripe(payload: LoadedPayload, segment: Segment | undefined): readonly (readonly CsvCell[])[] {
  const { rows } = payload;
  if (!segment || segment.count <= 1) return rows;
  const mine = rows.filter((_, index) => index % segment.count === segment.index);
  return mine.length > 0 || payload.spec.order === 'sequence' ? mine : rows;
}
