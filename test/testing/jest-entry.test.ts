import { afterEach, describe, expect, it } from 'vitest';

const global = globalThis as { expect?: unknown };

afterEach(() => {
  delete global.expect;
});

describe('perfgate/jest', () => {
  it("registers the matchers on the runner's global expect (Jest's expect.extend)", async () => {
    const registered: string[] = [];
    global.expect = { extend: (matchers: object) => registered.push(...Object.keys(matchers)) };
    await import('../../src/testing/jest.js');
    expect(registered).toEqual(['toMeetSLO', 'toHaveNoRegression']);
  });
});
