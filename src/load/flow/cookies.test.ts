import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookies.js';

const URL = 'http://127.0.0.1:8080/api/items';

describe('CookieJar (Artillery rules, tough-cookie storage)', () => {
  it('keeps a request cookie but sends it on later requests only once the jar is on', () => {
    const jar = new CookieJar();
    expect(jar.header('http://127.0.0.1:8080/b', { c1: 'v1' })).toBe('c1=v1');
    expect(jar.header('http://127.0.0.1:8080/c')).toBeUndefined();
    jar.store('session=abc; Path=/', 'http://127.0.0.1:8080/login');
    expect(jar.header('http://127.0.0.1:8080/d', { c2: 'v2' })).toBe('c1=v1; session=abc; c2=v2');
    expect(jar.header('http://127.0.0.1:8080/e')).toBe('c1=v1; session=abc; c2=v2');
  });

  it('sends stored cookies at once when the script has default cookies', () => {
    const jar = new CookieJar(true);
    expect(jar.header(URL, { region: 'eu' })).toBe('region=eu');
    expect(jar.header(URL)).toBe('region=eu');
  });

  it('scopes by path and drops expired cookies, as tough-cookie does', () => {
    const jar = new CookieJar();
    jar.store(['scoped=1', 'root=2; Path=/'], URL);
    expect(jar.header('http://127.0.0.1:8080/api/other')).toBe('scoped=1; root=2');
    expect(jar.header('http://127.0.0.1:8080/elsewhere')).toBe('root=2');
    jar.store('root=; Max-Age=0; Path=/', URL);
    expect(jar.header('http://127.0.0.1:8080/elsewhere')).toBeUndefined();
  });

  it('counts set-cookie lines it cannot read', () => {
    expect(new CookieJar().store(['=novalue; Path=/', 'ok=1'], URL)).toBe(1);
  });
});
