// The audit log for the tenant's audit_admin (三员分立: reads and exports it, nothing else):
// filtered pages newest first, and a CSV export of a period with each row's chain hash. The
// export is itself audited; the log is written by everyone and changed by no one.
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { Tx } from '../db/database.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { parseOrThrow } from '../http/validate.ts';

const filters = z.object({
  action: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
const pageQuery = filters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** chain_seq of the last row seen: the next page starts below it. */
  before: z.coerce.number().int().positive().optional(),
});
const EXPORT_MAX_ROWS = 100_000;

function query(tx: Tx, f: z.output<typeof filters>) {
  let q = tx
    .selectFrom('audit_log')
    .select(['chain_seq', 'at', 'actor_user_id', 'action', 'entity', 'entity_id', 'changes', 'request_id', 'hash'])
    .orderBy('chain_seq', 'desc');
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  return q;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : JSON.stringify(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function auditLogRoutes(deps: Pick<AppDeps, 't'>) {
  return new Hono<AppEnv>()
    .get('/audit-log', requireUser('api', ['audit_admin']), async (c) => {
      const q = parseOrThrow(pageQuery, c.req.query(), c.get('lang'), deps.t);
      let rows = query(c.get('tx'), q).limit(q.limit + 1);
      if (q.before) rows = rows.where('chain_seq', '<', String(q.before));
      const found = await rows.execute();
      const page = found.slice(0, q.limit);
      return c.json({
        items: page.map((r) => ({
          seq: Number(r.chain_seq),
          at: r.at.toISOString(),
          actorUserId: r.actor_user_id,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          changes: r.changes,
          requestId: r.request_id,
          hash: r.hash,
        })),
        nextBefore: found.length > q.limit ? Number(page.at(-1)!.chain_seq) : null,
      });
    })
    .get('/audit-log/export', requireUser('api', ['audit_admin']), async (c) => {
      const f = parseOrThrow(filters, c.req.query(), c.get('lang'), deps.t);
      const rows = await query(c.get('tx'), f).limit(EXPORT_MAX_ROWS).execute();
      const header = ['seq', 'at', 'actor_user_id', 'action', 'entity', 'entity_id', 'changes', 'request_id', 'hash'];
      const lines = rows.map((r) =>
        [r.chain_seq, r.at, r.actor_user_id, r.action, r.entity, r.entity_id, r.changes, r.request_id, r.hash].map(csvCell).join(','),
      );
      await recordAudit(c.get('tx'), {
        tenantId: c.get('tenant').id,
        actorUserId: c.get('auth')!.user.id,
        action: 'audit_log.export',
        entity: 'audit_log',
        changes: { filters: { before: null, after: f }, rows: { before: null, after: rows.length } },
        requestId: c.get('requestId'),
      });
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', `attachment; filename="audit-log-${c.get('tenant').slug}.csv"`);
      c.header('cache-control', 'no-store');
      return c.body(`\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`);
    });
}
