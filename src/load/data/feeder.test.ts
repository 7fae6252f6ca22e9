import { describe, expect, it } from 'vitest';
import type { LoadScript, PayloadSpec } from '../script/model.js';
import { VuVariableFeeder } from './feeder.js';

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

  it('falls back to every row when a segment would get none', () => {
    const feeder = new VuVariableFeeder(
      script(),
      { payloads: [{ spec: spec(), rows: rows(2) }] },
      Math.random,
      { index: 3, count: 4 },
    );
    expect([feeder.next().n, feeder.next().n]).toEqual([0, 1]);
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
