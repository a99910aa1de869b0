// A resource: one tenant table exposed as REST with validation, role scopes, cursor paging,
// optimistic concurrency and audit. Domain modules declare one; resource-routes serves it.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { z } from 'zod';
import type { FieldIssue } from '../errors/app-error.ts';
import type { Tx } from '../db/database.ts';
import type { SessionUser } from '../sessions/session-service.ts';

/** Row of any resource table, as the database returns it. */
export type Row = Record<string, unknown> & { id: string; version?: number };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEb = ExpressionBuilder<any, any>;

/**
 * Which rows a role may touch: false (none), true (all of the tenant's), column equalities
 * (e.g. `{ school_id: user.organizationId }`), or an expression for anything finer.
 * Equalities are also enforced on create: the value is filled in, or a different one refused.
 */
export type Scope = boolean | { equals?: Record<string, unknown>; where?: (eb: AnyEb) => Expression<SqlBool> };

export interface ResourceContext {
  tx: Tx;
  tenantId: string;
  user: SessionUser;
  lang: 'zh-CN' | 'en';
}

export interface FilterDef {
  schema: z.ZodType;
  /** Column compared for equality, unless `where` says otherwise. */
  column?: string;
  where?: (eb: AnyEb, value: never) => Expression<SqlBool>;
}

export interface ResourceDef {
  /** URL segment and OpenAPI tag, e.g. `majors`. */
  path: string;
  table: string;
  /** Audit entity name, e.g. `major`. */
  entity: string;
  /** Fields a client sends on create, in camelCase. */
  create: z.ZodObject;
  /** Fields a client may change; defaults to every create field. */
  update?: z.ZodObject;
  /** Query filters by name, e.g. `schoolId`. */
  filters?: Record<string, FilterDef>;
  /** Sort keys a client may ask for, mapped to columns; the first is the default. */
  sorts: Record<string, string>;
  access: { read(user: SessionUser): Scope; write(user: SessionUser): Scope };
  /** Domain checks the schema cannot express (the referenced school is a school …). */
  validate?(ctx: ResourceContext, input: Record<string, unknown>, existing: Row | null): Promise<FieldIssue[]>;
  /** `validate` for many rows at once (imports): the same issues, in order, with batched queries. */
  validateMany?(ctx: ResourceContext, checks: readonly { input: Record<string, unknown>; existing: Row | null }[]): Promise<FieldIssue[][]>;
  /** Output shape; by default every column in camelCase, numerics as numbers. */
  toJson?(row: Row, ctx: ResourceContext): Record<string, unknown>;
  /** Columns of type numeric, returned as numbers by the default toJson. */
  numericColumns?: readonly string[];
  /** Columns never returned. */
  hiddenColumns?: readonly string[];
  /** Columns the server sets on create from the signed-in user (e.g. `posted_by`), never the client. */
  stamp?(user: SessionUser): Record<string, unknown>;
  /** Turns the columns of a write into what is stored (e.g. seals a 身份证号); runs after the checks. */
  encode?(columns: Record<string, unknown>, ctx: ResourceContext): Record<string, unknown>;
  /** Fields (camelCase) whose values the audit log names as changed but never stores (身份证号 …). */
  auditSecret?: readonly string[];
}

export const camelToSnake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
export const snakeToCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

export function toColumns(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) out[camelToSnake(key)] = value;
  return out;
}

export function defaultJson(def: ResourceDef, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === 'tenant_id' || def.hiddenColumns?.includes(column)) continue;
    out[snakeToCamel(column)] =
      def.numericColumns?.includes(column) && value !== null && value !== undefined
        ? Number(value)
        : value instanceof Date
          ? value.toISOString()
          : value;
  }
  return out;
}
