import type { NotificationKind, Severity } from '../notification.js';
import type { DeliveryPolicy } from '../notifier.js';

/** The routing and delivery settings every channel section has (see config/schema/notifications.ts). */
export interface ChannelSettings {
  minSeverity: Severity;
  kinds: NotificationKind[];
  timeout: number;
  retries: number;
}

export function policyOf(settings: ChannelSettings): DeliveryPolicy {
  return {
    minSeverity: settings.minSeverity,
    kinds: settings.kinds,
    timeoutMs: settings.timeout,
    retries: settings.retries,
  };
}
