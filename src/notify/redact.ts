import type { Logger } from '../core/logger.js';

export const REDACTED = '[redacted]';

/** Replaces every known secret in a text; pass every string that may reach a person through it. */
export type Redact = (text: string) => string;

/**
 * A redactor for these secrets, also in their URL-encoded and decoded forms (error messages
 * quote URLs either way). Longest first, so a secret that contains another is removed whole.
 */
export function createRedactor(secrets: Iterable<string>): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(safeDecode(secret));
  }
  const ordered = [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((current, secret) => current.split(secret).join(REDACTED), text);
}

/**
 * The secret parts of a URL: the whole URL, its userinfo and password, its path and query, and
 * every path segment or query value that looks like a token (receivers echo those alone).
 */
export function urlSecrets(url: string): string[] {
  const secrets = [url];
  if (!URL.canParse(url)) return secrets;
  const parsed = new URL(url);
  if (parsed.password !== '') secrets.push(parsed.password, `${parsed.username}:${parsed.password}`);
  if (parsed.pathname.length > 1) secrets.push(parsed.pathname);
  if (parsed.search !== '') secrets.push(parsed.search);
  const parts = [...parsed.pathname.split('/'), ...parsed.searchParams.values()];
  secrets.push(...parts.filter(looksLikeToken));
  return secrets;
}

/** Long, or mixing letters and digits: `T0SECRET`, `xoxb…`, not `services` or `v2`. */
function looksLikeToken(part: string): boolean {
  return part.length >= 20 || (part.length >= 6 && /\d/.test(part) && /[a-z]/i.test(part));
}

/** Where a URL points, without anything secret: scheme, host and port. */
export function safeOrigin(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : REDACTED;
}

/** A logger that redacts every message (and string argument) before passing it on. */
export function redactingLogger(logger: Logger, redact: Redact): Logger {
  const clean = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg));
  return {
    debug: (message, ...args) => logger.debug(redact(message), ...clean(args)),
    info: (message) => logger.info(redact(message)),
    warn: (message) => logger.warn(redact(message)),
    error: (message) => logger.error(redact(message)),
    child: (name) => redactingLogger(logger.child(name), redact),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
