// The tenant's users, managed by its security_admin (三员分立: the bureau_admin no longer does this
// unless also security_admin): list, create, change roles, reset 2FA, and the tenant's security
// settings. Every change is audited.
import { Hono } from 'hono';
import { z } from 'zod';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import { AppError, conflict, forbidden, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';
import { MAX_EXTENDED_IDLE_MINUTES } from '../sessions/session-policy.ts';
import { invalidateUserSessions } from '../sessions/session-service.ts';
import { resetTwoFactor } from '../two-factor/enrolment.ts';
import { hashPassword, passwordProblem, passwordSchema } from './password.ts';
import { findUserById, normaliseEmail } from './queries.ts';
import { dutyRoles, roles, type Role } from './schema.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  after: z.string().max(254).optional(),
  role: z.enum(roles).optional(),
});
/** A tenant's users never get the platform role; that lives in the platform scope only. */
const tenantRoles = roles.filter((r) => r !== 'platform_operator') as [Role, ...Role[]];
const newUser = z.object({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(tenantRoles),
  extraRoles: z.array(z.enum(dutyRoles)).max(2).default([]),
  organizationId: z.uuid().nullable().default(null),
  password: passwordSchema,
}).refine((u) => !rolesInOrganization.includes(u.role) || u.organizationId !== null, { path: ['organizationId'], params: { key: 'user.organizationRequired' } });
/** Roles that belong to a school, enterprise or department (users_organization_required). */
const rolesInOrganization: readonly Role[] = ['school_admin', 'teacher', 'enterprise_mentor', 'department_officer'];
const roleChange = z.object({ role: z.enum(tenantRoles).optional(), extraRoles: z.array(z.enum(dutyRoles)).max(2).optional() });
const settingsBody = z.object({
  require2faAll: z.boolean(),
  extendedIdleMinutes: z.number().int().min(30).max(MAX_EXTENDED_IDLE_MINUTES).nullable(),
  passwordRotation: z.boolean(),
});

const MANAGE = ['security_admin'] as const;

export function userRoutes(deps: Pick<AppDeps, 't' | 'clock'>) {
  return new Hono<AppEnv>()
    .get('/users', requireUser('api', ['security_admin', 'evaluator']), async (c) => {
      const q = parseOrThrow(listQuery, c.req.query(), c.get('lang'), deps.t);
      let query = c
        .get('tx')
        .selectFrom('users')
        .select(['id', 'email', 'display_name', 'role', 'extra_roles', 'organization_id', 'totp_enabled_at', 'locked_until'])
        .orderBy('email')
        .limit(q.limit + 1);
      if (q.after) query = query.where('email', '>', q.after);
      if (q.role) query = query.where('role', '=', q.role);
      const rows = await query.execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return c.json({
        items: page.map((u) => ({
          id: u.id,
          email: u.email,
          displayName: u.display_name,
          role: u.role,
          extraRoles: u.extra_roles,
          organizationId: u.organization_id,
          twoFactorEnabled: u.totp_enabled_at !== null,
          lockedUntil: u.locked_until?.toISOString() ?? null,
        })),
        nextCursor: rows.length > q.limit && last ? last.email : null,
      });
    })
    .post('/users', requireUser('api', MANAGE), async (c) => {
      const input = parseOrThrow(newUser, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const problem = passwordProblem(input.password, input.email);
      if (problem) throw new AppError('Invalid', 'error.invalid', [{ path: 'password', code: 'custom', message: deps.t(c.get('lang'), `password.${problem}`) }]);
      const tenantId = c.get('tenant').id;
      if (input.organizationId) {
        const org = await c.get('tx').selectFrom('organizations').select('id').where('id', '=', input.organizationId).executeTakeFirst();
        if (!org) throw new AppError('Invalid', 'error.invalid', [{ path: 'organizationId', code: 'custom', message: deps.t(c.get('lang'), 'error.notFound') }]);
      }
      const inserted = await c
        .get('tx')
        .insertInto('users')
        .values({
          tenant_id: tenantId,
          email: normaliseEmail(input.email),
          display_name: input.displayName,
          role: input.role,
          extra_roles: input.extraRoles,
          organization_id: input.organizationId,
          password_hash: await hashPassword(input.password),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw conflict('user.emailTaken');
      await recordAudit(c.get('tx'), {
        tenantId,
        actorUserId: c.get('auth')!.user.id,
        action: 'user.create',
        entity: 'user',
        entityId: inserted.id,
        changes: diffFields(null, { email: input.email, role: input.role, extra_roles: input.extraRoles, organization_id: input.organizationId }),
        requestId: c.get('requestId'),
      });
      return c.json({ id: inserted.id }, 201);
    })
    .patch('/users/:id/roles', requireUser('api', MANAGE), async (c) => {
      const input = parseOrThrow(roleChange, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const actor = c.get('auth')!.user;
      const id = c.req.param('id');
      // Nobody widens or narrows their own powers: another security_admin must do it.
      if (id === actor.id) throw forbidden('user.ownRoles');
      const user = z.uuid().safeParse(id).success ? await findUserById(c.get('tx'), id) : undefined;
      if (!user) throw notFound();
      if (input.role && rolesInOrganization.includes(input.role) && !user.organization_id) {
        throw new AppError('Invalid', 'error.invalid', [{ path: 'role', code: 'custom', message: deps.t(c.get('lang'), 'user.organizationRequired') }]);
      }
      const after = { role: input.role ?? user.role, extra_roles: [...new Set(input.extraRoles ?? user.extra_roles)].sort() };
      await c.get('tx').updateTable('users').set({ ...after, updated_at: deps.clock.now(), version: user.version + 1 }).where('id', '=', id).execute();
      // New powers start with a new sign-in.
      const endedSessions = await invalidateUserSessions(c.get('tx'), id);
      await recordAudit(c.get('tx'), {
        tenantId: c.get('tenant').id,
        actorUserId: actor.id,
        action: 'user.roles',
        entity: 'user',
        entityId: id,
        changes: diffFields({ role: user.role, extra_roles: user.extra_roles }, after),
        requestId: c.get('requestId'),
      });
      return c.json({ ...after, extraRoles: after.extra_roles, endedSessions });
    })
    .post('/users/:id/2fa-reset', requireUser('api', MANAGE), async (c) => {
      const id = c.req.param('id');
      if (!z.uuid().safeParse(id).success) throw notFound();
      const done = await resetTwoFactor(c.get('tx'), { tenantId: c.get('tenant').id, userId: id, byUserId: c.get('auth')!.user.id, now: deps.clock.now(), requestId: c.get('requestId') });
      if (!done) throw notFound();
      return c.body(null, 204);
    })
    .get('/security-settings', requireUser('api', MANAGE), (c) => {
      const t = c.get('tenant');
      return c.json({ require2faAll: t.require_2fa_all, extendedIdleMinutes: t.extended_idle_minutes, passwordRotation: t.password_rotation });
    })
    .put('/security-settings', requireUser('api', MANAGE), async (c) => {
      const input = parseOrThrow(settingsBody, await c.req.json().catch(() => null), c.get('lang'), deps.t);
      const tenant = c.get('tenant');
      const after = { require_2fa_all: input.require2faAll, extended_idle_minutes: input.extendedIdleMinutes, password_rotation: input.passwordRotation };
      const before = { require_2fa_all: tenant.require_2fa_all, extended_idle_minutes: tenant.extended_idle_minutes, password_rotation: tenant.password_rotation };
      await c.get('tx').updateTable('tenants').set({ ...after, updated_at: deps.clock.now() }).where('id', '=', tenant.id).execute();
      await recordAudit(c.get('tx'), {
        tenantId: tenant.id,
        actorUserId: c.get('auth')!.user.id,
        action: 'tenant.security_settings',
        entity: 'tenant',
        entityId: tenant.id,
        changes: diffFields(before, after),
        requestId: c.get('requestId'),
      });
      return c.json(input);
    });
}
