import { InvalidArgumentError } from 'commander';
import { createToken, DEFAULT_TOKEN_DAYS, listTokens, revokeToken, ROLES, type Role } from '../db/tokens.table.js';
import { InputError } from '../core/errors.js';
import { oneOf } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/** `verbatim token create|list|revoke`: API and dashboard tokens (stored hashed; shown once). */
export const registerToken: CommandRegistration = (program, context) => {
  const token = program.command('token').description('API and dashboard tokens (admin, analyst, viewer)');

  token
    .command('create')
    .description('create a token and print it once (only its SHA-256 is stored)')
    .requiredOption('--role <role>', ROLES.join(' | '), oneOf(ROLES))
    .option('--scope <key=value...>', 'limit every row and number the token sees to this segment value (repeatable)', collectScope, {})
    .option('--label <text>', 'who or what the token is for')
    .option('--expires-in <days>', `days until the token stops working`, parseDays, DEFAULT_TOKEN_DAYS)
    .action(async (options: { role: Role; scope: Record<string, string>; label?: string; expiresIn: number }) => {
      const created = await withDatabase(context, (db) =>
        createToken(db, { role: options.role, scope: options.scope, label: options.label ?? null, now: context.now(), expiresInDays: options.expiresIn }),
      );
      const scope = Object.entries(options.scope).map(([key, value]) => `${key}=${value}`).join(', ');
      context.stderr.write(
        `token #${created.id}: ${options.role}${scope === '' ? '' : `, scope ${scope}`}, expires ${created.expiresAt.toISOString()}. It is shown once; keep it safe.\n`,
      );
      context.stdout.write(`${created.token}\n`);
    });

  token
    .command('list')
    .description('every token: id, role, scope, label, created, revoked (never the token)')
    .action(async () => {
      const tokens = await withDatabase(context, (db) => listTokens(db));
      for (const row of tokens) {
        const scope = Object.entries(row.scope).map(([key, value]) => `${key}=${value}`).join(',') || '-';
        const now = context.now();
        const state =
          row.revoked_at !== null
            ? `revoked ${row.revoked_at.toISOString()}`
            : row.expires_at === null
              ? 'live, no expiry'
              : row.expires_at <= now
                ? `expired ${row.expires_at.toISOString()}`
                : `live until ${row.expires_at.toISOString()}`;
        context.stdout.write(`#${row.id} ${row.role} scope=${scope} ${row.label ?? ''} created ${row.created_at.toISOString()} ${state}\n`);
      }
      if (tokens.length === 0) context.stdout.write('no tokens\n');
    });

  token
    .command('revoke')
    .description('revoke a token; its dashboard sessions end with it')
    .argument('<id>', 'token id (see `token list`)', (value: string) => {
      const id = Number(value);
      if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError(`expected a token id (a whole number from 1), got \`${value}\``);
      return id;
    })
    .action(async (id: number) => {
      const revoked = await withDatabase(context, (db) => revokeToken(db, id, context.now()));
      if (!revoked) throw new InputError(`no live token with id ${id}`, { field: 'id' });
      context.stdout.write(`token #${id} revoked\n`);
    });
};

/** Names a scope key cannot take: they are the names of every JavaScript object's own machinery. */
const RESERVED_SCOPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function collectScope(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([^=:]+)[=:](.+)$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`expected KEY=VALUE (a segment, e.g. branch=Lyon), got \`${value}\``);
  const key = (match[1] as string).trim();
  if (RESERVED_SCOPE_KEYS.has(key)) throw new InvalidArgumentError(`\`${key}\` cannot be a scope key (reserved name); name the segment differently`);
  return { ...previous, [key]: (match[2] as string).trim() };
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(days) || days < 1 || days > 3650) {
    throw new InvalidArgumentError(`expected a whole number of days from 1 to 3650, got \`${value}\``);
  }
  return days;
}
