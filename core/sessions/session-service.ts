// Creating, validating (idle + absolute expiry, by role and tenant policy) and ending sessions.
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
import type { Tenant } from '../tenancy/schema.ts';
import type { Role } from '../users/schema.ts';
import type { SessionStage } from './schema.ts';
import { absoluteMs, idleMs, TOUCH_EVERY_MS } from './session-policy.ts';
import { generateSessionToken, sessionIdOf } from './session-token.ts';

export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  /** The primary role: it alone decides which data the user sees. */
  role: Role;
  /** The primary role and any duty roles (security_admin, audit_admin) held besides it. */
  roles: readonly Role[];
  organizationId: string | null;
}

export interface ValidSession {
  id: string;
  stage: SessionStage;
  createdAt: Date;
  /** Idle expiry, as now known. */
  expiresAt: Date;
  absoluteExpiresAt: Date;
  reauthenticatedAt: Date | null;
  user: SessionUser;
  /** Set when a platform operator reads this tenant under an approved support grant. */
  support?: { grantId: string; reason: string; expiresAt: Date };
}

export type SessionCheck =
  | { status: 'valid'; session: ValidSession }
  | { status: 'none' }
  /** The token belongs to another tenant: such a request gets 404 unless a support grant covers it. */
  | { status: 'foreign'; tenantId: string; userId: string; stage: SessionStage; expired: boolean };

type PolicyTenant = Pick<Tenant, 'id' | 'extended_idle_minutes'>;

export async function createSession(
  tx: Tx,
  input: { tenant: PolicyTenant; userId: string; role: Role; stage: SessionStage; now: Date; userAgent?: string | null; ip?: string | null },
): Promise<{ token: string; expiresAt: Date; absoluteExpiresAt: Date }> {
  const token = generateSessionToken();
  const absoluteExpiresAt = new Date(input.now.getTime() + absoluteMs(input.stage));
  const expiresAt = new Date(Math.min(input.now.getTime() + idleMs(input.role, input.stage, input.tenant), absoluteExpiresAt.getTime()));
  await tx
    .insertInto('sessions')
    .values({
      tenant_id: input.tenant.id,
      id: sessionIdOf(token),
      user_id: input.userId,
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: expiresAt,
      absolute_expires_at: absoluteExpiresAt,
      stage: input.stage,
      reauthenticated_at: input.stage === 'full' ? input.now : null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip ?? null,
    })
    .execute();
  return { token, expiresAt, absoluteExpiresAt };
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
  .select([
    's.tenant_id',
    's.user_id as session_user_id',
    's.stage',
    's.created_at',
    's.last_seen_at',
    's.expires_at',
    's.absolute_expires_at',
    's.reauthenticated_at',
    'u.id as user_id',
    'u.email',
    'u.display_name',
    'u.role',
    'u.extra_roles',
    'u.organization_id',
  ])
  .where('s.id', '=', '')
  .compile();
type SessionRow = typeof sessionLookup extends CompiledQuery<infer R> ? R : never;

/**
 * Looks the session up by id. Must run in a scope opened with that `sessionId`, which lets
 * the row be seen even when it is another tenant's; the user row only joins for our tenant.
 */
export async function validateSession(tx: Tx, tenant: PolicyTenant, sessionId: string, now: Date): Promise<SessionCheck> {
  const { rows } = await tx.executeQuery<SessionRow>({ ...sessionLookup, parameters: [sessionId] });
  const row = rows[0];
  if (!row) return { status: 'none' };
  const t = now.getTime();
  const expired = t >= row.expires_at.getTime() || t >= row.absolute_expires_at.getTime();
  if (row.tenant_id !== tenant.id) {
    return { status: 'foreign', tenantId: row.tenant_id, userId: row.session_user_id, stage: row.stage, expired };
  }
  if (!row.user_id || !row.email || !row.display_name || !row.role) return { status: 'none' };
  if (expired) {
    await invalidateSession(tx, sessionId);
    return { status: 'none' };
  }
  let expiresAt = row.expires_at;
  if (t - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    expiresAt = new Date(Math.min(t + idleMs(row.role, row.stage, tenant), row.absolute_expires_at.getTime()));
    await tx.updateTable('sessions').set({ expires_at: expiresAt, last_seen_at: now }).where('id', '=', sessionId).execute();
  }
  return {
    status: 'valid',
    session: {
      id: sessionId,
      stage: row.stage,
      createdAt: row.created_at,
      expiresAt,
      absoluteExpiresAt: row.absolute_expires_at,
      reauthenticatedAt: row.reauthenticated_at,
      user: {
        id: row.user_id,
        tenantId: tenant.id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        roles: [row.role, ...(row.extra_roles ?? [])],
        organizationId: row.organization_id,
      },
    },
  };
}

export async function invalidateSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of the user except `keep` (the one making the change), if given. */
export async function invalidateUserSessions(tx: Tx, userId: string, keep?: string): Promise<number> {
  let query = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) query = query.where('id', '<>', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: removes this tenant's expired sessions (idle or absolute). */
export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<number> {
  const result = await tx
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('absolute_expires_at', '<=', now)]))
    .executeTakeFirst();
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
