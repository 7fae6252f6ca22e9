import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { webhookNotifier } from '../../src/cli/slo/webhook-notifier.js';
import type { SloAlertEvent } from '../../src/slo/live/alerts.js';

const event: SloAlertEvent = {
  kind: 'firing',
  slo: 'api_availability',
  service: 'api',
  severity: 'critical',
  tier: 'page-fast',
  burnRate: 20,
  at: '2026-11-27T03:00:00.000Z',
  summary: 'api api_availability: error budget burning at 20.00× (page-fast)',
};

describe('webhook notifier', () => {
  it('POSTs the event as JSON and rejects on a non-2xx answer', async () => {
    const received: unknown[] = [];
    let status = 204;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({
          method: request.method,
          type: request.headers['content-type'],
          body: JSON.parse(body),
        });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await webhookNotifier(url).notify(event);
      expect(received).toEqual([
        { method: 'POST', type: 'application/json', body: { source: 'perfgate', ...event } },
      ]);
      status = 500;
      await expect(webhookNotifier(url).notify(event)).rejects.toThrow('HTTP 500');
    } finally {
      server.close();
    }
  });
});
