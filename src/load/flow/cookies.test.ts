import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookies.js';

describe('CookieJar', () => {
  it('starts with the default cookies, stores what the target sets and drops expired ones', () => {
    const jar = new CookieJar({ region: 'eu' });
    jar.store(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(jar.header()).toBe('region=eu; session=abc; theme=dark');
    jar.store('theme=; Max-Age=0');
    jar.store('session=def');
    expect(jar.header({ extra: 1 })).toBe('region=eu; session=def; extra=1');
  });

  it('sends no cookie header when it has nothing', () => {
    expect(new CookieJar().header()).toBeUndefined();
    expect(new CookieJar().header({})).toBeUndefined();
  });
});
