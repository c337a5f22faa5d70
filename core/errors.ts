/** Bad user input (a file, a line, a field): exit code 1, one clear line, never a stack trace. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(message: string, where: { file?: string; line?: number; field?: string } = {}) {
    super(message);
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }

  /** `file:line: field: message`, leaving out what is unknown. */
  describe(): string {
    const place = [this.file, this.line].filter((part) => part !== undefined).join(':');
    const field = this.field === undefined ? '' : `field \`${this.field}\`: `;
    return `${place ? `${place}: ` : ''}${field}${this.message}`;
  }
}

/** A usage error on the command line (bad flag value, missing argument): exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A job that will fail the same way however often it is retried. */
export class UnrecoverableJobError extends Error {
  override readonly name = 'UnrecoverableJobError';
}

/** Configuration that does not validate (taxonomy file, sources file, env). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
