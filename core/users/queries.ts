// Queries on users; all run inside withTenant, so they only ever see the current tenant.
import type { Tx } from '../db/database.ts';
import type { Role } from './schema.ts';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function findUserByEmail(tx: Tx, email: string) {
  return tx.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export function findUserById(tx: Tx, id: string) {
  return tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewUser {
  tenantId: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
  passwordHash: string;
}

/** Creates the user or, if the e-mail exists in this tenant, leaves it as it is. Returns its id. */
export async function ensureUser(tx: Tx, user: NewUser): Promise<string> {
  const inserted = await tx
    .insertInto('users')
    .values({
      tenant_id: user.tenantId,
      email: normaliseEmail(user.email),
      display_name: user.displayName,
      role: user.role,
      organization_id: user.organizationId ?? null,
      password_hash: user.passwordHash,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await findUserByEmail(tx, user.email);
  if (!existing) throw new Error(`user ${user.email} neither inserted nor found`);
  return existing.id;
}
