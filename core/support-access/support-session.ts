// A platform operator's session seen in another tenant: it counts only under an approved,
// unexpired support grant of that tenant, as a read-only session, and each use is audited.
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import type { SessionCheck, ValidSession } from '../sessions/session-service.ts';
import type { Tenant } from '../tenancy/schema.ts';

type Foreign = Extract<SessionCheck, { status: 'foreign' }>;

export async function supportSession(
  tx: Tx,
  input: { tenant: Tenant; sessionId: string; foreign: Foreign; platformTenantId: string; now: Date },
): Promise<ValidSession | null> {
  const { foreign } = input;
  if (foreign.tenantId !== input.platformTenantId || foreign.stage !== 'full' || foreign.expired) return null;
  const grant = await tx
    .selectFrom('support_access_grants')
    .select(['id', 'reason', 'expires_at', 'operator_email'])
    .where('operator_user_id', '=', foreign.userId)
    .where('status', '=', 'approved')
    .where('expires_at', '>', input.now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
  if (!grant || !grant.expires_at) return null;
  return {
    id: input.sessionId,
    stage: 'full',
    createdAt: input.now,
    expiresAt: grant.expires_at,
    absoluteExpiresAt: grant.expires_at,
    reauthenticatedAt: null,
    user: {
      id: foreign.userId,
      tenantId: input.tenant.id,
      email: grant.operator_email,
      displayName: grant.operator_email,
      role: 'platform_operator',
      roles: ['platform_operator'],
      organizationId: null,
    },
    support: { grantId: grant.id, reason: grant.reason, expiresAt: grant.expires_at },
  };
}

/** Written before the handler runs, so even a request that fails leaves its trace. */
export async function auditSupportUse(tx: Tx, session: ValidSession, tenantId: string, request: string, requestId: string | null): Promise<void> {
  if (!session.support) return;
  await recordAudit(tx, {
    tenantId,
    actorUserId: session.user.id,
    action: 'support_access.use',
    entity: 'support_access_grant',
    entityId: session.support.grantId,
    changes: { request: { before: null, after: request }, reason: { before: null, after: session.support.reason } },
    requestId,
  });
}
