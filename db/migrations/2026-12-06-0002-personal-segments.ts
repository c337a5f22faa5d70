import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Identity columns were stored in clear as segments before they were recognised
 * (the bundled sample's `customer_email`: 253 addresses in the segment filter, for
 * every viewer; a `Téléphone` or `Nom du client` column likewise). This removes,
 * from every row, each segment key whose filled values are mostly e-mail addresses
 * or phone numbers (French national or international form), or whose name says it
 * holds a person's name or phone; the answers stay. Nothing can key them now
 * (migrations have no secret): those answers keep no author key.
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
          or count(*) filter (where s.value ~ '^(0[1-9]([ .-]?[0-9]{2}){4}|(\\+|00)[1-9][0-9 ().-]{7,20})$') * 2 > count(*)
          or s.key ~* '^(nom|name|prenom|prénom|first[ _-]?name|last[ _-]?name|full[ _-]?name|surname|nom[ _-]du[ _-]client|nom[ _-]client|customer[ _-]?name|client[ _-]?name|phone|phone[ _-]?number|telephone|téléphone)$'
      ) k
    )
    update verbatims set segments = segments - personal.keys
    from personal
    where personal.keys is not null and verbatims.segments ?| personal.keys`.execute(db);
}

/** Removed values cannot come back. */
export async function down(): Promise<void> {}
