// Unmasking personal data needs a fresh authentication (ASVS 3.7.1): the session was signed in,
// or re-authenticated, within the last few minutes.
import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';

export const FRESH_AUTH_MS = 10 * 60 * 1000;

/**
 * When the session last proved its user: sign-in time, or `reauthenticated_at` should the
 * sessions table carry it (read through to_jsonb, so this works with or without that column).
 */
export async function lastAuthenticatedAt(tx: Tx, sessionId: string): Promise<Date | null> {
  const { rows } = await sql<{ s: Record<string, string | null> }>`select to_jsonb(s) as s from sessions s where id = ${sessionId}`.execute(tx);
  const row = rows[0]?.s;
  if (!row) return null;
  const times = [row.created_at, row.reauthenticated_at].filter((v): v is string => typeof v === 'string').map((v) => Date.parse(v));
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function requireFreshAuth(tx: Tx, sessionId: string, now: Date, windowMs = FRESH_AUTH_MS): Promise<void> {
  const at = await lastAuthenticatedAt(tx, sessionId);
  if (!at || now.getTime() - at.getTime() > windowMs) throw new AppError('Forbidden', 'privacy.reauthRequired', [], { minutes: windowMs / 60000 });
}
