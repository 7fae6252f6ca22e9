import type { Dispatcher } from 'undici';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { MailTransportFactory } from './channels/mail-transport.js';
import type {
  Notification,
  NotificationEvent,
  NotificationKind,
  NotificationSeverity,
} from './notification.js';

/** The channels perfgate can notify; the keys of the notifier registry. */
export type ChannelType = 'slack' | 'email' | 'pagerduty' | 'webhook';

/** When a channel receives a notification, and how hard delivery tries. */
export interface DeliveryPolicy {
  minSeverity: NotificationSeverity;
  kinds: readonly NotificationKind[];
  /** Environments whose notifications it receives; every one when absent. */
  environments?: readonly string[];
  /** Events it receives; every one when absent. */
  events?: readonly NotificationEvent[];
  /** Limit for one attempt, in milliseconds. */
  timeoutMs: number;
  /** Extra attempts after a retryable failure. */
  retries: number;
}

/**
 * One configured destination. Contract: `send` resolves once the receiver accepted the
 * notification, or rejects with a DeliveryError (anything else counts as a network error and is
 * retried). It must stop promptly when `signal` aborts; it never retries itself, never logs
 * secrets, and is safe to call again for a retry.
 */
export interface Notifier {
  /** Unique among the configured notifiers: the channel type, or a webhook's name. */
  readonly name: string;
  readonly type: ChannelType;
  readonly policy: DeliveryPolicy;
  /** Where it sends, without secrets (scheme, host and port), for people. */
  readonly target: string;
  send(notification: Notification, signal: AbortSignal): Promise<void>;
  /** What `send` would deliver, request by request, without sending (`notify test --dry-run`). */
  preview(notification: Notification): unknown[];
}

/** The world a notifier needs, injected (STYLE.md #5). */
export interface NotifierDeps {
  clock: Clock;
  /** For diagnostics; notifiers must pass every message through the redactor. */
  logger?: Logger;
  /** HTTP client pool for undici; the global one when absent. */
  dispatcher?: Dispatcher;
  /** Builds SMTP transports; nodemailer's when absent. */
  createMailTransport?: MailTransportFactory;
  /** Uniform random number in [0, 1) for backoff jitter; Math.random when absent. */
  random?: () => number;
}

/** Why a delivery attempt failed, and whether trying again could help. */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  /** The receiver's Retry-After, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The outcome of delivering one notification to one channel, as data. Never contains secrets. */
export interface DeliveryResult {
  channel: string;
  type: ChannelType;
  state: 'sent' | 'failed';
  attempts: number;
  durationMs: number;
  error?: string;
}
