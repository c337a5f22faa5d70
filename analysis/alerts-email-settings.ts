import { z } from 'zod';

/**
 * How the connection to the SMTP server is protected: `tls` from the first byte (port 465),
 * `starttls` upgraded and required (port 587, the default), `none` plain text (only for a
 * relay on the same machine or network: the password would travel in clear).
 */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** The environment variable the SMTP password is read from: it never sits in the rules file. */
export const SMTP_PASSWORD_VARIABLE = 'VERBATIM_SMTP_PASSWORD';

const smtpSettings = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  security: z.enum(SMTP_SECURITY).optional(),
  /** Signs in as this user with the password from `VERBATIM_SMTP_PASSWORD`; absent: no sign-in. */
  user: z.string().min(1).optional(),
});

/** The `email:` section of the rules file: who gets the alerts, from whom, through which server. */
export const emailDestination = z.strictObject({
  to: z.array(z.email()).min(1),
  from: z.email(),
  smtp: smtpSettings,
});

export type EmailDestination = z.infer<typeof emailDestination>;
export type SmtpSettings = z.infer<typeof smtpSettings>;

/** The port when none is given: 465 for implicit TLS, else the submission port 587. */
export function smtpPort(settings: SmtpSettings): number {
  return settings.port ?? (smtpSecurity(settings) === 'tls' ? 465 : 587);
}

/** The security when none is given: implicit TLS on 465, else STARTTLS required. */
export function smtpSecurity(settings: SmtpSettings): SmtpSecurity {
  return settings.security ?? (settings.port === 465 ? 'tls' : 'starttls');
}
