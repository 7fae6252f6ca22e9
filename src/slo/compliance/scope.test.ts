import { describe, expect, it } from 'vitest';
import { closestEndpoints } from './scope.js';

describe('closestEndpoints', () => {
  const seen = [
    'GET /api/models',
    'POST /api/models',
    'POST /api/route',
    'http://127.0.0.1:4000/api/tools/search',
    'GET /health',
  ];

  it('puts the endpoint a misspelt SLO endpoint meant first', () => {
    expect(closestEndpoints('POST /api/tools/serch', seen)[0]).toBe('http://127.0.0.1:4000/api/tools/search');
    expect(closestEndpoints('POST /api/modles', seen).slice(0, 2)).toEqual([
      'POST /api/models',
      'GET /api/models',
    ]);
    expect(closestEndpoints('POST /api/rout', seen, 1)).toEqual(['POST /api/route']);
  });

  it('names at most three, and none when nothing was seen', () => {
    expect(closestEndpoints('GET /x', seen)).toHaveLength(3);
    expect(closestEndpoints('GET /x', [])).toEqual([]);
  });
});
