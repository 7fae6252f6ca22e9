/**
 * Generic JSON webhook: POSTs each alert event as `{ source: 'perfgate', ...event }`. A non-2xx
 * answer or a network failure rejects (the monitor logs it and carries on).
 */
import type { SloAlertEvent, SloNotifier } from '../../slo/live/alerts.js';

export const WEBHOOK_TIMEOUT_MS = 5_000;

export function webhookNotifier(url: string, fetchImpl: typeof fetch = fetch): SloNotifier {
  return {
    name: `webhook ${new URL(url).host}`,
    async notify(event: SloAlertEvent) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'perfgate', ...event }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
    },
  };
}
