import { describe, expect, it } from 'vitest';
import { historyUrlFromText } from './history-url.js';
import { formatIssue } from './issues.js';

const read = (text: string, env: Record<string, string> = {}) => {
  const { url, issues } = historyUrlFromText(text, 'perfgate.config.yaml', env);
  return { url, problems: issues.map(formatIssue) };
};

describe("the config's history.url, read alone", () => {
  it('interpolates the URL and ignores problems elsewhere in the file', () => {
    const text = 'name: ${UNSET_TITLE}\nslos: 3\nhistory:\n  url: ${PG_URL}\n';
    expect(read(text, { PG_URL: 'postgres://ci:pw@db.internal/perf' })).toEqual({
      url: 'postgres://ci:pw@db.internal/perf',
      problems: [],
    });
  });

  it('is undefined without a history section', () => {
    expect(read('name: shop\n')).toEqual({ url: undefined, problems: [] });
    expect(read('')).toEqual({ url: undefined, problems: [] });
  });

  it('names the file, line and field of a bad or unset URL, and a syntax error', () => {
    expect(read('history:\n  url: ${PG_URL}\n').problems).toEqual([
      'perfgate.config.yaml:2:8 history.url: environment variable PG_URL is not set (use ${PG_URL:-default} to give a default)',
    ]);
    expect(read('history:\n  url: mysql://db/perf\n').problems).toEqual([
      'perfgate.config.yaml:2:8 history.url: expected a postgres://user:password@host/db URL',
    ]);
    expect(read('history:\n  uri: postgres://db/perf\n').problems[0]).toMatch(
      /^perfgate\.config\.yaml:2:3 history(\.uri)?: .*uri/,
    );
    expect(read('history: [\n').problems[0]).toMatch(/^perfgate\.config\.yaml:2:1: YAML syntax error/);
  });
});
