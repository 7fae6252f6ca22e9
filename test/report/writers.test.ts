import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeXml,
  jsonForScript,
  renderJson,
  renderJunit,
  renderMarkdown,
  runReportJsonSchema,
  runReportSchema,
} from '../../src/report/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { sampleReport, XSS } from './sample-report.js';
import { parseXmlStrict, type XmlElement } from './xml-check.js';

const GOLDEN = join(REPO_ROOT, 'test', 'report', 'golden');

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (review the diff). */
function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const LINKS = [{ label: 'HTML report', url: 'https://ci.example/artifacts/report.html' }];

describe('Markdown summary', () => {
  it('matches the golden file', () => {
    expectGolden('summary.md.golden', renderMarkdown(sampleReport(), { links: LINKS }));
  });

  it('never lets user text become markup', () => {
    const markdown = renderMarkdown(sampleReport(`${XSS} | [x](javascript:alert(1))`));
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('](javascript');
    expect(markdown).toContain('&lt;img src=x onerror=alert\\(1\\)\\>');
  });
});

function child(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

describe('JUnit XML', () => {
  it('matches the golden file', () => {
    expectGolden('junit.xml.golden', renderJunit(sampleReport()));
  });

  it('is well-formed and has the attributes of the common JUnit schema', () => {
    const root = parseXmlStrict(renderJunit(sampleReport()));
    expect(root.name).toBe('testsuites');
    const suites = child(root, 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual([
      'SLO compliance',
      'load test thresholds',
      'benchmark regressions',
      'load generator health',
    ]);
    let total = 0;
    let failures = 0;
    for (const suite of suites) {
      for (const key of [
        'name',
        'tests',
        'failures',
        'errors',
        'skipped',
        'time',
        'timestamp',
        'hostname',
        'id',
        'package',
      ]) {
        expect(suite.attributes, `testsuite ${suite.attributes.name} @${key}`).toHaveProperty(key);
      }
      expect(suite.attributes.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      const cases = child(suite, 'testcase');
      expect(Number(suite.attributes.tests)).toBe(cases.length);
      const failed = cases.filter((c) => child(c, 'failure').length > 0);
      expect(Number(suite.attributes.failures)).toBe(failed.length);
      for (const testcase of cases) {
        expect(Object.keys(testcase.attributes).sort()).toEqual(['classname', 'name', 'time']);
      }
      for (const failure of failed.flatMap((c) => child(c, 'failure'))) {
        expect(failure.attributes.message).toMatch(/^(.*measured .+|.*not measured) vs target .+/);
        expect(failure.attributes.type).toBeTruthy();
      }
      total += cases.length;
      failures += failed.length;
    }
    expect(Number(root.attributes.tests)).toBe(total);
    expect(Number(root.attributes.failures)).toBe(failures);
    const sloFailure = suites[0]?.children.find((c) => c.attributes.name === 'model_router_availability');
    expect(sloFailure && child(sloFailure, 'failure')[0]?.attributes.message).toBe(
      'availability measured 98.96 % vs target >= 99.9 %',
    );
    // time is the measured duration: the 60 s load test, counted once for the whole run's load gates.
    const thresholds = suites.find((s) => s.attributes.name === 'load test thresholds');
    expect(thresholds?.attributes.time).toBe('60.000');
    expect(child(thresholds as XmlElement, 'testcase').map((c) => c.attributes.time)).toEqual([
      '60.000',
      '60.000',
    ]);
  });

  it('stays well-formed with control characters, lone surrogates and markup in names', () => {
    const report = sampleReport(`bad \u0001\u001f \ud800 ]]> <x a="b"> & 'q'`);
    const [first] = report.verdict.gates;
    if (first) first.name = `\u0007${XSS}\ufffe`;
    const root = parseXmlStrict(renderJunit(report));
    expect(root.attributes.name).toBe(`bad \ufffd\ufffd \ufffd ]]> <x a="b"> & 'q'`);
  });

  it('the checker rejects what a strict parser rejects', () => {
    expect(() => parseXmlStrict('<a><b></a></b>')).toThrow(/mismatched/);
    expect(() => parseXmlStrict('<a x="<"/>')).toThrow(/raw "<"/);
    expect(() => parseXmlStrict('<a>&nbsp;</a>')).toThrow(/unknown entity/);
    expect(() => parseXmlStrict('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXmlStrict('<a/><b/>')).toThrow(/second root/);
    expect(() => parseXmlStrict('<a>\u0001</a>')).toThrow(/forbidden/);
  });
});

describe('JSON run report', () => {
  it('round-trips through its schema', () => {
    const text = renderJson(sampleReport());
    const parsed = runReportSchema.parse(JSON.parse(text));
    expect(parsed.verdict.status).toBe('failed');
    expect(parsed.loadTests[0]?.name).toBe(XSS);
  });

  it('matches the committed JSON Schema (UPDATE_GOLDEN=1 regenerates it)', () => {
    const path = join(REPO_ROOT, 'schema', 'run-report.schema.json');
    if (process.env.UPDATE_GOLDEN === '1')
      writeFileSync(path, `${JSON.stringify(runReportJsonSchema(), null, 2)}\n`);
    const committed = JSON.parse(readFileSync(path, 'utf8'));
    expect(committed).toEqual(runReportJsonSchema());
  });
});

describe('escaping', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('keeps embedded JSON from closing its script element, and it parses back', () => {
    const value = { name: '</script><!-- \u2028 & >' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('escapes XML and drops characters XML forbids', () => {
    expect(escapeXml(`<"'&>\u0000\t`)).toBe('&lt;&quot;&apos;&amp;&gt;\ufffd&#9;');
  });
});
