import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redactingLogger, safeOrigin, urlSecrets } from './redact.js';

describe('createRedactor', () => {
  it('removes every secret, also URL-encoded or decoded, longest first', () => {
    const redact = createRedactor(['p@ss/word', 'abc', 'abcdef']);
    expect(redact('a p@ss/word b p%40ss%2Fword c abcdef d abc')).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED} d ${REDACTED}`,
    );
  });

  it('leaves text without secrets alone and ignores empty secrets', () => {
    expect(createRedactor(['', 'x9y8z7'])('nothing to hide')).toBe('nothing to hide');
  });
});

describe('urlSecrets', () => {
  it('holds the URL, its credentials, path, query and token-like parts, but not the origin', () => {
    const secrets = urlSecrets(
      'https://user:pw-9x@hooks.example.com/services/T0AB/B0CD/tok3nValue?sig=s1gn4ture',
    );
    expect(secrets).toEqual(
      expect.arrayContaining(['pw-9x', 'user:pw-9x', '/services/T0AB/B0CD/tok3nValue', '?sig=s1gn4ture']),
    );
    expect(secrets).toEqual(expect.arrayContaining(['tok3nValue', 's1gn4ture']));
    expect(secrets).not.toContain('services');
    const redact = createRedactor(secrets);
    expect(redact(`posting to ${safeOrigin('https://user:pw-9x@hooks.example.com/x')}`)).toBe(
      'posting to https://hooks.example.com',
    );
  });
});

describe('redactingLogger', () => {
  it('redacts messages and string arguments of every level and of children', () => {
    const lines: string[] = [];
    const keep = (message: string, ...args: unknown[]) => lines.push([message, ...args].join(' '));
    const inner = { debug: keep, info: keep, warn: keep, error: keep, child: () => inner };
    const logger = redactingLogger(inner, createRedactor(['s3cr3t']));
    logger.debug('key %s', 's3cr3t');
    logger.child('slack').warn('url has s3cr3t');
    expect(lines).toEqual([`key %s ${REDACTED}`, `url has ${REDACTED}`]);
  });
});
