import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './json-schema.js';

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as {
    $schema: string;
    properties: Record<
      string,
      { properties?: Record<string, unknown>; additionalProperties?: unknown; type?: string }
    >;
    additionalProperties: boolean;
  };

  it('is a closed draft 2020-12 schema with every section', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    for (const section of [
      'services',
      'slos',
      'load',
      'benchmarks',
      'regression',
      'notifications',
      'prometheus',
      'environments',
    ]) {
      expect(schema.properties).toHaveProperty(section);
    }
  });

  it('describes input forms: durations accept numbers and strings, with a description', () => {
    const service = schema.properties.services?.additionalProperties as {
      properties: Record<string, { type?: string[]; description?: string }>;
    };
    expect(service.properties.readyTimeout?.type).toEqual(['number', 'string']);
    expect(service.properties.readyTimeout?.description).toMatch(/Duration/);
    expect(service.properties.url?.description).toMatch(/Base URL/);
  });
});

describe('the committed schema/perfgate.config.schema.json', () => {
  it('matches the zod schema (regenerate with `npm run schema`)', async () => {
    const { readFileSync } = await import('node:fs');
    const committed = readFileSync(
      new URL('../../schema/perfgate.config.schema.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(committed)).toEqual(configJsonSchema());
  });
});
