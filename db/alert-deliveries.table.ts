import { sql, type Kysely } from 'kysely';
import type { AlertRow } from './alerts.table.js';
import type { Database } from './schema.js';

/** One channel's answer for the alerts it was sent (`error` null: delivered). */
export interface ChannelDelivery {
  readonly channel: string;
  readonly alertIds: readonly number[];
  readonly error: string | null;
}

/** How long and how often a failed delivery is tried again by later runs. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Alerts raised before this are not sent any more: old news. */
  readonly raisedSince: Date;
}

/**
 * The alerts each of `channels` failed to deliver and may try again, by channel.
 *
 * @example (await undeliveredAlerts(db, ['email'], policy)).get('email')?.length // 2
 */
export async function undeliveredAlerts(db: Kysely<Database>, channels: readonly string[], policy: RetryPolicy): Promise<Map<string, AlertRow[]>> {
  const byChannel = new Map<string, AlertRow[]>();
  if (channels.length === 0) return byChannel;
  const rows = await db
    .selectFrom('alert_deliveries as d')
    .innerJoin('alerts as a', 'a.id', 'd.alert_id')
    .selectAll('a')
    .select('d.channel')
    .where('d.channel', 'in', channels)
    .where('d.delivered_at', 'is', null)
    .where('d.attempts', '<', policy.maxAttempts)
    .where('a.raised_at', '>=', policy.raisedSince)
    .orderBy('a.id')
    .execute();
  for (const { channel, ...alert } of rows) {
    const list = byChannel.get(channel) ?? [];
    list.push(alert);
    byChannel.set(channel, list);
  }
  return byChannel;
}

/**
 * Records every channel's answer (one statement), then sums them up on the alerts (one
 * more): `delivered_at` once every channel tried has delivered, `delivery_error` the
 * errors of those still failing.
 */
export async function recordDeliveries(db: Kysely<Database>, deliveries: readonly ChannelDelivery[], at: Date): Promise<void> {
  const rows = deliveries.flatMap((delivery) => delivery.alertIds.map((alertId) => ({ alert_id: alertId, channel: delivery.channel, error: delivery.error })));
  if (rows.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into alert_deliveries (alert_id, channel, attempts, last_attempt_at, delivered_at, last_error)
      select x.alert_id, x.channel, 1, ${at}, case when x.error is null then ${at}::timestamptz end, x.error
      from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as x(alert_id integer, channel text, error text)
      on conflict (alert_id, channel) do update set
        attempts = alert_deliveries.attempts + 1, last_attempt_at = excluded.last_attempt_at,
        delivered_at = excluded.delivered_at, last_error = excluded.last_error`.execute(trx);
    await sql`
      update alerts as a set
        delivered_at = case when s.failing = 0 then s.delivered_at end,
        delivery_error = s.errors
      from (
        select alert_id, count(*) filter (where delivered_at is null) as failing, max(delivered_at) as delivered_at,
          string_agg(last_error, '; ' order by channel) filter (where delivered_at is null) as errors
        from alert_deliveries
        where alert_id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(rows.map((row) => row.alert_id))])}::text::jsonb)::integer)
        group by alert_id
      ) s
      where a.id = s.alert_id`.execute(trx);
  });
}
