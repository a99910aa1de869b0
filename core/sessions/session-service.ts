// Creating, validating (with sliding expiry) and ending sessions, inside withTenant.
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
} from 'kysely';
import type { Database, Tx } from '../db/database.ts';
import type { Role } from '../users/schema.ts';
import { generateSessionToken, sessionIdOf } from './session-token.ts';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * DAY;
/** Renew when less than half the idle time is left, so an active user never drops out. */
export const SESSION_RENEW_MS = SESSION_IDLE_MS / 2;

export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
}

export interface ValidSession {
  id: string;
  expiresAt: Date;
  /** True when this request moved the expiry: the cookie must be sent again. */
  renewed: boolean;
  user: SessionUser;
}

export type SessionCheck =
  | { status: 'valid'; session: ValidSession }
  | { status: 'none' }
  /** The token belongs to another tenant: such a request gets 404, as if nothing were there. */
  | { status: 'foreign' };

export async function createSession(
  tx: Tx,
  input: { tenantId: string; userId: string; now: Date; userAgent?: string | null; ip?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_IDLE_MS);
  await tx
    .insertInto('sessions')
    .values({
      tenant_id: input.tenantId,
      id: sessionIdOf(token),
      user_id: input.userId,
      created_at: input.now,
      expires_at: expiresAt,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip ?? null,
    })
    .execute();
  return { token, expiresAt };
}

// Runs on every tenant request: written with Kysely but compiled once at import, since building
// and compiling it each time cost ≈10 % of the request's CPU. Both engines speak the same SQL.
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const sessionLookup = compiler
  .selectFrom('sessions as s')
  .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
  .select(['s.tenant_id', 's.expires_at', 'u.id as user_id', 'u.email', 'u.display_name', 'u.role', 'u.organization_id'])
  .where('s.id', '=', '')
  .compile();
type SessionRow = typeof sessionLookup extends CompiledQuery<infer R> ? R : never;

/**
 * Looks the session up by id. Must run in a scope opened with that `sessionId`, which lets
 * the row be seen even when it is another tenant's; the user row only joins for our tenant.
 */
export async function validateSession(tx: Tx, tenantId: string, sessionId: string, now: Date): Promise<SessionCheck> {
  const { rows } = await tx.executeQuery<SessionRow>({ ...sessionLookup, parameters: [sessionId] });
  const row = rows[0];
  if (!row) return { status: 'none' };
  if (row.tenant_id !== tenantId) return { status: 'foreign' };
  if (!row.user_id || !row.email || !row.display_name || !row.role) return { status: 'none' };
  if (now.getTime() >= row.expires_at.getTime()) {
    await invalidateSession(tx, sessionId);
    return { status: 'none' };
  }
  let expiresAt = row.expires_at;
  let renewed = false;
  if (now.getTime() >= expiresAt.getTime() - SESSION_RENEW_MS) {
    expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    renewed = true;
    await tx.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
  }
  return {
    status: 'valid',
    session: {
      id: sessionId,
      expiresAt,
      renewed,
      user: {
        id: row.user_id,
        tenantId,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        organizationId: row.organization_id,
      },
    },
  };
}

export async function invalidateSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(tx: Tx, userId: string): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: removes this tenant's expired sessions. */
export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const sessionCount = async (tx: Tx, userId: string) =>
  Number(
    (
      await tx
        .selectFrom('sessions')
        .select(sql<string>`count(*)`.as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );
