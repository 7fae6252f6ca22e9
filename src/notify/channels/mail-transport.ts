import nodemailer from 'nodemailer';

/** One e-mail as perfgate sends it: both a text and an HTML part. */
export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** The part of an SMTP client perfgate uses; `send` must stop when `signal` aborts. */
export interface MailTransport {
  send(message: MailMessage, signal: AbortSignal): Promise<void>;
  close(): void;
}

/** Builds a transport for an SMTP URL; `timeoutMs` bounds connecting, the greeting and idle sockets. */
export type MailTransportFactory = (smtpUrl: string, options: { timeoutMs: number }) => MailTransport;

/** The real transport: nodemailer over SMTP, one connection per message (no pool to leave open). */
export const nodemailerTransport: MailTransportFactory = (smtpUrl, { timeoutMs }) => {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // A URL with a password must not be logged by nodemailer either.
    logger: false,
    debug: false,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(message, signal) {
      // nodemailer ≥10.5 honours `signal` per message; its typings predate it.
      await transport.sendMail({ ...message, signal } as Parameters<typeof transport.sendMail>[0]);
    },
    close: () => transport.close(),
  };
};
