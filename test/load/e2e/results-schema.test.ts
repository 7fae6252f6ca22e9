import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLoadTest } from '../../../src/load/run/run-load-test.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { FakeClock } from '../engine/fake-clock.js';

interface SchemaNode {
  required?: string[];
  properties?: Record<string, SchemaNode>;
  $ref?: string;
}

const schema = JSON.parse(
  readFileSync(join(REPO_ROOT, 'schema', 'load-results.schema.json'), 'utf8'),
) as SchemaNode & {
  $defs: Record<string, SchemaNode>;
};

/** Every `required` key of the schema, followed through properties and $refs, as paths missing in `value`. */
function missing(node: SchemaNode, value: unknown, path: string): string[] {
  const resolved = node.$ref ? (schema.$defs[node.$ref.replace('#/$defs/', '')] ?? {}) : node;
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const absent = (resolved.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}`);
  const nested = Object.entries(resolved.properties ?? {}).flatMap(([key, child]) =>
    key in record ? missing(child, record[key], `${path}.${key}`) : [],
  );
  return [...absent, ...nested];
}

describe('schema/load-results.schema.json', () => {
  it('describes what runLoadTest returns: every required key is present', async () => {
    const clock = new FakeClock();
    const results = await clock.run(
      runLoadTest(
        {
          config: { target: 'http://127.0.0.1:9', phases: [{ duration: 2, arrivalRate: 5 }] },
          scenarios: [{ flow: [{ get: { url: '/' } }] }],
        },
        {
          clock,
          createIteration:
            ({ metrics }) =>
            async () => {
              metrics.counter('http.requests');
              metrics.summary('perfgate.http.duration', 3);
              return { state: 'completed' };
            },
        },
      ),
    );
    expect(missing(schema, JSON.parse(JSON.stringify(results)), '$')).toEqual([]);
    expect(schema.properties?.perfgate?.properties?.schemaVersion).toEqual({
      const: results.perfgate.schemaVersion,
    });
  });
});
