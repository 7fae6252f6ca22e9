import type { NotificationEvent, NotificationKind, NotificationSeverity } from '../notification.js';
import type { DeliveryPolicy } from '../notifier.js';

/** The routing and delivery settings every channel section has (see config/schema/notifications.ts). */
export interface ChannelSettings {
  minSeverity: NotificationSeverity;
  kinds: NotificationKind[];
  environments?: string[];
  events?: NotificationEvent[];
  timeout: number;
  retries: number;
}

export function policyOf(settings: ChannelSettings): DeliveryPolicy {
  return {
    minSeverity: settings.minSeverity,
    kinds: settings.kinds,
    ...(settings.environments === undefined ? {} : { environments: settings.environments }),
    ...(settings.events === undefined ? {} : { events: settings.events }),
    timeoutMs: settings.timeout,
    retries: settings.retries,
  };
}
