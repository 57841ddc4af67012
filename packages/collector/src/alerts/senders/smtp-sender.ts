import type { SmtpConfig } from '@npskit/core/schema';
import nodemailer from 'nodemailer';
import type { EmailContent } from '../formats/email.js';
import type { Attempt } from './attempt.js';

/** Sends e-mail; `close` ends pooled connections. */
export interface MailSender {
  send(to: string, content: EmailContent, headers: Record<string, string>): Promise<Attempt>;
  close(): void;
}

/**
 * An SMTP sender over nodemailer. Delivered = the server accepted the message for the recipient
 * (250 after DATA): from then on it is the mail system's. A 5xx reply is permanent (not retried),
 * 4xx and connection problems are retried. The password comes from the environment, never the file.
 */
export function createSmtpSender(
  smtp: SmtpConfig,
  password: string | undefined,
  timeoutMs = 15_000,
): MailSender {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    pool: true,
    maxConnections: 2,
  });
  return {
    async send(to, content, headers) {
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to,
          subject: content.subject,
          text: content.text,
          html: content.html,
          headers,
        });
        if (info.rejected.length > 0) {
          return { ok: false, retryable: false, reason: 'recipient rejected' };
        }
        return { ok: true };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500) {
          return { ok: false, retryable: false, reason: `SMTP ${code}` };
        }
        return {
          ok: false,
          retryable: true,
          reason: typeof code === 'number' ? `SMTP ${code}` : 'SMTP connection error',
        };
      }
    },
    close: () => transport.close(),
  };
}
