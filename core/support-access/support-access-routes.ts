// Support access (等保 三员分立, ASVS 4.1.x): a platform operator asks a tenant for read access with a
// reason and a duration; the tenant's bureau_admin approves, rejects or revokes; while approved the
// operator's platform session reads (only reads) that tenant's business data, each use audited.
import { Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';
import type { Tx } from '../db/database.ts';
import type { GrantStatus, SupportAccessGrant } from './schema.ts';

const requestBody = z.object({
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  reason: z.string().trim().min(4).max(500),
  hours: z.number().int().min(1).max(72),
});

const view = (g: SupportAccessGrant) => ({
  id: g.id,
  operatorUserId: g.operator_user_id,
  operatorEmail: g.operator_email,
  reason: g.reason,
  hours: g.hours,
  status: g.status,
  requestedAt: g.requested_at.toISOString(),
  decidedBy: g.decided_by,
  decidedAt: g.decided_at?.toISOString() ?? null,
  expiresAt: g.expires_at?.toISOString() ?? null,
});

/**
 * Runs fn in the request's transaction as `tenantId`, then back as `home`: a second transaction
 * would wait for the first on the embedded database's one connection.
 */
async function inTenant<T>(tx: Tx, tenantId: string, home: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
  try {
    return await fn(tx);
  } finally {
    await sql`select set_config('app.tenant_id', ${home}, true)`.execute(tx);
  }
}

/** Which decisions a grant in a given state accepts, and the state each leads to. */
const transitions: Record<'approve' | 'reject' | 'revoke', { from: GrantStatus; to: GrantStatus }> = {
  approve: { from: 'requested', to: 'approved' },
  reject: { from: 'requested', to: 'rejected' },
  revoke: { from: 'approved', to: 'revoked' },
};

export function supportAccessRoutes(deps: Pick<AppDeps, 't' | 'clock' | 'tenants'>) {
  const app = new Hono<AppEnv>()
    // In the platform scope: the operator files the request into the target tenant.
    .post('/support-access', requireUser('api', ['platform_operator']), async (c) => {
      if (c.get('tenant').kind !== 'platform') throw notFound();
      const input = parseOrThrow(requestBody, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      // In the request's transaction, not through the directory: on the embedded database a
      // second query outside it would wait for its one connection forever.
      const target = await c.get('tx').selectFrom('tenants').selectAll().where('slug', '=', input.tenant).executeTakeFirst();
      if (!target || target.kind === 'platform') throw notFound();
      const operator = c.get('auth')!.user;
      const now = deps.clock.now();
      const grant = await inTenant(c.get('tx'), target.id, c.get('tenant').id, async (tx) => {
        const row = await tx
          .insertInto('support_access_grants')
          .values({ tenant_id: target.id, operator_user_id: operator.id, operator_email: operator.email, reason: input.reason, hours: input.hours, requested_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(tx, { tenantId: target.id, actorUserId: operator.id, action: 'support_access.request', entity: 'support_access_grant', entityId: row.id, changes: { reason: { before: null, after: input.reason }, hours: { before: null, after: input.hours } }, requestId: c.get('requestId') });
        return row;
      });
      await recordAudit(c.get('tx'), { tenantId: c.get('tenant').id, actorUserId: operator.id, action: 'support_access.request', entity: 'tenant', entityId: target.id, requestId: c.get('requestId') });
      return c.json(view(grant), 201);
    })
    .get('/support-access', requireUser('api', ['bureau_admin']), async (c) => {
      const rows = await c.get('tx').selectFrom('support_access_grants').selectAll().orderBy('requested_at', 'desc').limit(200).execute();
      return c.json({ items: rows.map(view) });
    });
  for (const [decision, { from, to }] of Object.entries(transitions)) {
    app.post(`/support-access/:id/${decision}`, requireUser('api', ['bureau_admin']), async (c) => {
      const id = c.req.param('id');
      if (!z.uuid().safeParse(id).success) throw notFound();
      const tx = c.get('tx');
      const grant = await tx.selectFrom('support_access_grants').selectAll().where('id', '=', id).executeTakeFirst();
      if (!grant) throw notFound();
      if (grant.status !== from) throw conflict('supportAccess.wrongState');
      const now = deps.clock.now();
      const updated = await tx
        .updateTable('support_access_grants')
        .set({
          status: to,
          decided_by: c.get('auth')!.user.id,
          decided_at: now,
          expires_at: to === 'approved' ? new Date(now.getTime() + grant.hours * 3600_000) : to === 'revoked' ? now : grant.expires_at,
        })
        .where('id', '=', id)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(tx, { tenantId: c.get('tenant').id, actorUserId: c.get('auth')!.user.id, action: `support_access.${decision}`, entity: 'support_access_grant', entityId: id, changes: { status: { before: from, after: to } }, requestId: c.get('requestId') });
      return c.json(view(updated));
    });
  }
  return app;
}
