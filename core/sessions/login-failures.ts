// Failed sign-in bookkeeping: per account (5 in a row → 15-minute lock) and per client address
// across accounts and tenants (30 in 10 minutes → refused), the latter in Postgres so every API
// process sees the same count.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { User } from '../users/schema.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;
export const IP_FAILURE_LIMIT = 30;
export const IP_WINDOW_MS = 10 * 60 * 1000;

export const isLocked = (user: Pick<User, 'locked_until'>, now: Date) =>
  user.locked_until !== null && user.locked_until.getTime() > now.getTime();

/** True when this address has failed too often lately, whatever account it tried. */
export async function ipLimited(tx: Tx, ip: string | null | undefined, now: Date): Promise<boolean> {
  if (!ip) return false;
  const row = await tx
    .selectFrom('login_ip_failures')
    .select(sql<string>`count(*)`.as('n'))
    .where('ip', '=', ip)
    .where('at', '>', new Date(now.getTime() - IP_WINDOW_MS))
    .executeTakeFirstOrThrow();
  return Number(row.n) >= IP_FAILURE_LIMIT;
}

export async function recordIpFailure(tx: Tx, ip: string | null | undefined, now: Date): Promise<void> {
  if (ip) await tx.insertInto('login_ip_failures').values({ ip, at: now }).execute();
}

/** Housekeeping: failures older than the window count for nothing. */
export async function deleteOldIpFailures(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('login_ip_failures').where('at', '<=', new Date(now.getTime() - IP_WINDOW_MS)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Counts a failure against the account; returns true when it now locks. */
export async function recordAccountFailure(tx: Tx, user: Pick<User, 'id' | 'failed_logins' | 'locked_until'>, now: Date): Promise<boolean> {
  const failures = user.failed_logins + 1;
  const lock = failures >= MAX_FAILED_LOGINS;
  await tx
    .updateTable('users')
    .set({ failed_logins: lock ? 0 : failures, locked_until: lock ? new Date(now.getTime() + LOCK_MS) : user.locked_until })
    .where('id', '=', user.id)
    .execute();
  return lock;
}

export async function clearAccountFailures(tx: Tx, user: Pick<User, 'id' | 'failed_logins' | 'locked_until'>): Promise<void> {
  if (user.failed_logins > 0 || user.locked_until !== null) {
    await tx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  }
}
