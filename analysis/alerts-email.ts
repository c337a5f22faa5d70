import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { AlertEmail } from './alerts-email-message.js';
import { SMTP_PASSWORD_VARIABLE, smtpPort, smtpSecurity, type EmailDestination } from './alerts-email-settings.js';

/** What sending needs beyond the rules file: the password (from the environment) and patience. */
export interface EmailOptions {
  /** `VERBATIM_SMTP_PASSWORD`, required when the settings name a `user`. */
  readonly smtpPassword?: string;
  /** Per attempt, for connecting, the greeting and each reply (default 10 000 ms). */
  readonly smtpTimeoutMs?: number;
  /** Before the one retry (default 500 ms), as for webhooks. */
  readonly retryDelayMs?: number;
}

/** How the e-mail of a run ended: `error` null when the server accepted it for every recipient. */
export interface EmailResult {
  /** `host:port`, for logs (never the user or password). */
  readonly server: string;
  readonly recipients: readonly string[];
  readonly attempts: number;
  readonly error: string | null;
}

function transportOptions(destination: EmailDestination, options: EmailOptions): SMTPTransport.Options {
  const { smtp } = destination;
  const security = smtpSecurity(smtp);
  const timeout = options.smtpTimeoutMs ?? 10_000;
  return {
    host: smtp.host,
    port: smtpPort(smtp),
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: smtp.user === undefined ? undefined : { user: smtp.user, pass: options.smtpPassword },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
}

/**
 * Sends one alert e-mail to every recipient, once more after a failure, like a webhook.
 * Never throws: the caller records the result on the alerts.
 *
 * @example await sendAlertEmail(rules.email, composeAlertEmail(raised, rules.dashboardUrl, labels), { smtpPassword })
 */
export async function sendAlertEmail(destination: EmailDestination, email: AlertEmail, options: EmailOptions = {}): Promise<EmailResult> {
  const server = `${destination.smtp.host}:${smtpPort(destination.smtp)}`;
  const result = (attempts: number, error: string | null): EmailResult => ({ server, recipients: destination.to, attempts, error: error === null ? null : `SMTP ${server}: ${error}` });
  if (destination.smtp.user !== undefined && options.smtpPassword === undefined) return result(0, `user ${destination.smtp.user} given but ${SMTP_PASSWORD_VARIABLE} is not set`);

  const transport = nodemailer.createTransport(transportOptions(destination, options));
  let error = '';
  try {
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 500));
      try {
        const info = await transport.sendMail({ from: destination.from, to: [...destination.to], subject: email.subject, text: email.text, html: email.html });
        // SMTP reports refused recipients as plain addresses.
        const rejected: readonly unknown[] = info.rejected;
        // Accepted for some: sending again would duplicate it for the others.
        return result(attempt, rejected.length === 0 ? null : `refused recipients ${rejected.map((address) => JSON.stringify(address)).join(', ')}`);
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
    }
  } finally {
    transport.close();
  }
  return result(2, error);
}
