import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deferredHandle } from '../../db/deferred-handle.js';
import { forEachDatabase } from '../support/databases.js';

forEachDatabase((database) => {
  describe('a deferred handle', () => {
    it('holds its queries until the real handle is named, then runs them there', async () => {
      const deferred = deferredHandle();
      let answered = false;
      const query = sql<{ n: number }>`select 41 + 1 as n`.execute(deferred.db).then((result) => {
        answered = true;
        return result.rows[0]?.n;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(answered).toBe(false);
      deferred.resolve(database().db);
      expect(await query).toBe(42);
      // later queries go straight through, built queries too
      const built = await deferred.db.selectFrom('verbatims').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(built.n)).toBeGreaterThanOrEqual(0);
    });

    it('fails every query, waiting or later, with the reason it was rejected with', async () => {
      const deferred = deferredHandle();
      const waiting = sql`select 1`.execute(deferred.db);
      deferred.reject(new Error('stale replica'));
      await expect(waiting).rejects.toThrow('stale replica');
      await expect(sql`select 1`.execute(deferred.db)).rejects.toThrow('stale replica');
    });

    it('opens no transaction of its own', async () => {
      const deferred = deferredHandle();
      deferred.resolve(database().db);
      await expect(deferred.db.transaction().execute(async () => 1)).rejects.toThrow(/opens none/);
    });
  });
});
