import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Segments that are e-mail addresses were stored in clear before identity columns
 * were recognised (the bundled sample's `customer_email`: 253 addresses in the
 * segment filter, for every viewer). This removes every segment key whose filled
 * values are mostly e-mail addresses from every row; the answers stay. Nothing can
 * key them now (migrations have no secret): those answers keep no author key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    with personal as (
      select array_agg(k.key) as keys from (
        select s.key
        from verbatims v cross join lateral jsonb_each_text(v.segments) as s(key, value)
        group by s.key
        having count(*) filter (where s.value ~* '^[^@[:space:]]{1,64}@[^@[:space:]]{1,251}\\.[a-z]{2,63}$') * 2 > count(*)
      ) k
    )
    update verbatims set segments = segments - personal.keys
    from personal
    where personal.keys is not null and verbatims.segments ?| personal.keys`.execute(db);
}

/** Removed values cannot come back. */
export async function down(): Promise<void> {}
