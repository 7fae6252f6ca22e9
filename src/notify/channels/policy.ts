import type { NotificationKind, NotificationSeverity } from '../notification.js';
import type { DeliveryPolicy } from '../notifier.js';

/** The routing and delivery settings every channel section has (see config/schema/notifications.ts). */
export interface ChannelSettings {
  minSeverity: NotificationSeverity;
  kinds: NotificationKind[];
  environments?: string[];
  timeout: number;
  retries: number;
}

export function policyOf(settings: ChannelSettings): DeliveryPolicy {
  return {
    minSeverity: settings.minSeverity,
    kinds: settings.kinds,
    ...(settings.environments === undefined ? {} : { environments: settings.environments }),
    timeoutMs: settings.timeout,
    retries: settings.retries,
  };
}
