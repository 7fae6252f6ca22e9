import { describe, expect, it } from 'vitest';
import type { LoadScript, PayloadSpec } from '../script/model.js';
import { VuVariableFeeder } from './feeder.js';
import { checkPayloadPartition, maxSequenceStripes } from './partition.js';

const spec = (overrides: Partial<PayloadSpec> = {}): PayloadSpec => ({
  path: 'x.csv',
  resolvedPath: '/x.csv',
  fields: ['n'],
  order: 'sequence',
  skipHeader: false,
  delimiter: ',',
  cast: true,
  skipEmptyLines: false,
  loadAll: false,
  ...overrides,
});

const script = (variables: Record<string, unknown> = {}) => ({ variables }) as unknown as LoadScript;
const rows = (count: number) => Array.from({ length: count }, (_, index) => [index]);

describe('VuVariableFeeder', () => {
  it('gives arrival k row k mod R across segments, as one whole run does, when R is a multiple of the segments', () => {
    const whole = new VuVariableFeeder(
      script(),
      { payloads: [{ spec: spec(), rows: rows(6) }] },
      Math.random,
    );
    const wholeRows = Array.from({ length: 12 }, () => whole.next().n);
    const segments = [0, 1, 2].map(
      (index) =>
        new VuVariableFeeder(script(), { payloads: [{ spec: spec(), rows: rows(6) }] }, Math.random, {
          index,
          count: 3,
        }),
    );
    const striped = Array.from({ length: 12 }, (_, arrival) => segments[arrival % 3]?.next().n);
    expect(striped).toEqual(wholeRows);
  });

  it('never hands one sequence row to two segments, whatever the rows and segments', () => {
    for (const count of [2, 3, 5]) {
      for (const rowCount of [count, 7, 12]) {
        const used = Array.from({ length: count }, (_, index) => {
          const feeder = new VuVariableFeeder(
            script(),
            { payloads: [{ spec: spec(), rows: rows(rowCount) }] },
            Math.random,
            { index, count },
          );
          return new Set(Array.from({ length: 2 * rowCount }, () => feeder.next().n));
        });
        const all = used.flatMap((set) => [...set]);
        expect(new Set(all).size, `${rowCount} rows, ${count} segments`).toBe(all.length);
        expect(all.length).toBe(rowCount);
      }
    }
    // Fewer rows than segments (runLoadTest refuses such a split up front): none, never another's.
    const starved = new VuVariableFeeder(
      script(),
      { payloads: [{ spec: spec(), rows: rows(2) }] },
      Math.random,
      {
        index: 3,
        count: 4,
      },
    );
    expect(starved.next().n).toBeUndefined();
  });

  it('lets a random-order segment without rows of its own draw from all of them', () => {
    const feeder = new VuVariableFeeder(
      script(),
      { payloads: [{ spec: spec({ order: 'random' }), rows: rows(2) }] },
      () => 0.99,
      { index: 3, count: 4 },
    );
    expect(feeder.next().n).toBe(1);
  });

  it('refuses a split with more generators than a sequence payload has rows (bad input)', () => {
    const assets = { payloads: [{ spec: spec(), rows: rows(3) }] };
    expect(maxSequenceStripes(assets)).toBe(3);
    expect(() => checkPayloadPartition(assets, 3)).not.toThrow();
    expect(() => checkPayloadPartition(assets, 4)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(
          /\/x\.csv: config\.payload x\.csv has 3 row\(s\), fewer than the 4 generators/,
        ),
      }),
    );
    const random = { payloads: [{ spec: spec({ order: 'random' }), rows: rows(3) }] };
    expect(maxSequenceStripes(random)).toBe(Number.POSITIVE_INFINITY);
    expect(() => checkPayloadPartition(random, 4)).not.toThrow();
  });

  it('keeps loadAll files whole and scalar variables as they are', () => {
    const feeder = new VuVariableFeeder(
      script({ fixed: 1 }),
      {
        payloads: [{ spec: spec({ loadAll: true, name: 'all', fields: ['n', 'm'] }), rows: [[1, 'a'], [2]] }],
      },
      Math.random,
      { index: 0, count: 2 },
    );
    expect(feeder.next()).toEqual({ fixed: 1, all: [{ n: 1, m: 'a' }, { n: 2 }] });
  });
});
