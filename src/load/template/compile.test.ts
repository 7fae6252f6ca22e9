import { describe, expect, it } from 'vitest';
import type { TemplateScope } from './builtins.js';
import { compileTemplate, TemplateCache } from './compile.js';

function seeded(values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length] ?? 0;
}

const scope = (vars: Record<string, unknown> = {}, random = seeded([0.5])): TemplateScope => ({
  vars: { user: { id: 42, tags: ['a', 'b'] }, n: 3, s: 'text', zero: 0, empty: '', ...vars },
  env: { API_KEY: 'k-1' },
  environment: 'staging',
  random,
});

describe('compileTemplate', () => {
  it.each([
    ['{{ n }}', 3],
    ['{{ user.id }}', 42],
    ['{{ user.tags[1] }}', 'b'],
    ['{{ user }}', { id: 42, tags: ['a', 'b'] }],
    ['id={{ user.id }}&t={{ user.tags }}', 'id=42&t=["a","b"]'],
    ['{{{ s }}}', 'text'],
    ['{{ $env.API_KEY }}/{{ $processEnvironment.API_KEY }}', 'k-1/k-1'],
    ['{{ $environment }}', 'staging'],
    ['missing: [{{ nothing }}]', 'missing: [undefined]'],
    ['null: {{ nothing }}/{{ empty }}', 'null: undefined/'],
    ['{{ nothing }}', undefined],
    ['{{ zero }}', 0],
    ['{{ empty }}', ''],
    ['{{ $randEmail() }}', undefined],
    ['x {{ $randEmail() }} {{ n }}', undefined],
    ['no templates', 'no templates'],
    ['{{ not a path! }}', '{{ not a path! }}'],
  ])('%s → %j', (text, expected) => {
    expect(compileTemplate(text)(scope())).toEqual(expected);
  });

  it('renders built-in functions from the injected random source, as text (Artillery replaces the call)', () => {
    expect(compileTemplate('{{ $randomNumber(1, 10) }}')(scope({}, seeded([0, 0.999])))).toBe('1');
    expect(compileTemplate('{{ $randomNumber(1, 10) }}')(scope({}, seeded([0.999])))).toBe('10');
    expect(compileTemplate('{{ $randomNumber() }}')(scope({}, seeded([0.999])))).toBe('1');
    expect(compileTemplate('{{ $randomString(6) }}')(scope())).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(compileTemplate('{{ $randomString() }}')(scope())).toHaveLength(10);
    expect(compileTemplate('{{ $uuid }}')(scope())).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(compileTemplate('{{ $uuid }}')(scope({ $uuid: 'per-vu' }))).toBe('per-vu');
  });

  it('templates deep structures, keys included, and returns constant parts without copying', () => {
    const fixed = { a: 1 };
    const render = compileTemplate({ '{{ s }}': ['{{ n }}', { deep: '{{ user.id }}' }], fixed });
    const first = render(scope()) as Record<string, unknown>;
    expect(first).toEqual({ text: [3, { deep: 42 }], fixed: { a: 1 } });
    expect(first.fixed).toBe(fixed);
    expect(render(scope({ n: 4 }))).toEqual({ text: [4, { deep: 42 }], fixed: { a: 1 } });
  });

  it('tells the scope about each variable that renders as undefined', () => {
    const missing: string[] = [];
    compileTemplate({ a: '{{ nothing }}', b: 'x{{ other.deep }}', c: '{{ n }}' })({
      ...scope(),
      onUndefined: (source) => missing.push(source),
    });
    expect(missing).toEqual(['nothing', 'other.deep']);
  });

  it('caches compiled strings for values rewritten by hooks', () => {
    const cache = new TemplateCache();
    expect(cache.render({ url: '/u/{{ user.id }}', list: ['{{ n }}'] }, scope())).toEqual({
      url: '/u/42',
      list: [3],
    });
    expect(cache.render('/u/{{ user.id }}', scope({ user: { id: 7 } }))).toBe('/u/7');
  });
});
