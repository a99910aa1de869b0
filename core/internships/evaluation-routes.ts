// The two-sided evaluation of an internship: the school side (the school mentor teacher or the
// school's admin) and the enterprise side (the assigned mentor), each scored 0–100; the final
// result is their mean, and exists only once both sides have scored.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Kysely, Selectable } from 'kysely';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import { mapDbError } from '../crud/db-errors.ts';
import { validationHook } from '../crud/validation-hook.ts';
import type { Tx } from '../db/database.ts';
import { AppError, forbidden, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import type { SessionUser } from '../sessions/session-service.ts';
import { findVisibleInternship, type VisibleInternship } from './internship-access.ts';
import { evaluationSides, type EvaluationSide, type InternshipEvaluationsTable } from './schema.ts';

type Evaluation = Selectable<InternshipEvaluationsTable>;
const cents = (score: number) => Math.round(score * 100);

const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const sideParams = idParam.extend({ side: z.enum(evaluationSides).openapi({ param: { name: 'side', in: 'path' } }) });
const evaluationInput = z.object({
  // numeric(5, 2): more decimals would be silently rounded, so they are refused.
  score: z.number().min(0).max(100).refine((v) => Math.abs(v * 100 - cents(v)) < 1e-6, { params: { key: 'internship.scorePrecision' } }),
  comment: z.string().trim().max(2000).nullish(),
  /** The version last read; required when replacing an existing evaluation. */
  version: z.number().int().positive().optional(),
});
const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });

const sideJson = (row: Evaluation & { evaluator_name?: string | null }) => ({
  internshipId: row.internship_id,
  side: row.side,
  score: Number(row.score),
  comment: row.comment,
  evaluatorUserId: row.evaluator_user_id,
  ...(row.evaluator_name === undefined ? {} : { evaluatorName: row.evaluator_name }),
  evaluatedAt: row.evaluated_at.toISOString(),
  version: row.version,
});

async function maySign(tx: Tx, user: SessionUser, internship: VisibleInternship, side: EvaluationSide): Promise<boolean> {
  if (side === 'enterprise') return user.role === 'enterprise_mentor' && internship.enterprise_mentor_user_id === user.id;
  if (user.role === 'school_admin') return user.organizationId === internship.student_school_id;
  if (user.role !== 'teacher' || !internship.school_mentor_id) return false;
  // teachers belongs to the teachers module; one column of it decides here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const mentor = await (tx as unknown as Kysely<any>).selectFrom('teachers').select('user_id').where('id', '=', internship.school_mentor_id).executeTakeFirst();
  return mentor?.user_id === user.id;
}

export function internshipEvaluationRoutes(deps: Pick<AppDeps, 't' | 'clock'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  app.use('/internships/:id/evaluation', requireUser('api'));
  app.use('/internships/:id/evaluations/*', requireUser('api'));

  app.openapi(
    createRoute({
      method: 'put',
      path: '/internships/{id}/evaluations/{side}',
      tags: ['internships'],
      request: { params: sideParams, body: { content: { 'application/json': { schema: evaluationInput } }, required: true } },
      responses: { 200: ok('replaced'), 201: ok('created'), 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    }),
    async (c) => {
      const tx = c.get('tx');
      const user = c.get('auth')!.user;
      const lang = c.get('lang');
      const { id, side } = c.req.valid('param');
      const internship = await findVisibleInternship(tx, user, id);
      if (!internship) throw notFound();
      if (!(await maySign(tx, user, internship, side))) throw forbidden();
      const input = c.req.valid('json');
      const values = { score: String(input.score), comment: input.comment ?? null, evaluator_user_id: user.id, evaluated_at: deps.clock.now() };
      const existing = await tx.selectFrom('internship_evaluations').selectAll().where('internship_id', '=', internship.id).where('side', '=', side).executeTakeFirst();
      const stale = () => new AppError('Conflict', 'error.staleVersion', [], { current: existing?.version ?? 0 });
      let row: Evaluation | undefined;
      if (!existing) {
        row = await tx
          .insertInto('internship_evaluations')
          .values({ tenant_id: internship.tenant_id, internship_id: internship.id, side, ...values })
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch((e: unknown) => mapDbError(e, 'internship_evaluations', { reference: deps.t(lang, 'error.reference'), check: deps.t(lang, 'error.check') }));
      } else {
        // Replacing a score one has not seen would lose the other person's work.
        if (input.version !== existing.version) throw stale();
        row = await tx
          .updateTable('internship_evaluations')
          .set({ ...values, version: existing.version + 1 })
          .where('internship_id', '=', internship.id)
          .where('side', '=', side)
          .where('version', '=', existing.version)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw stale();
      }
      const json = sideJson(row);
      await recordAudit(tx, {
        tenantId: internship.tenant_id,
        actorUserId: user.id,
        action: existing ? 'update' : 'create',
        entity: 'internship_evaluation',
        entityId: internship.id,
        changes: diffFields(existing ? sideJson(existing) : null, json),
        requestId: c.get('requestId'),
      });
      return c.json(json, existing ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/internships/{id}/evaluation',
      tags: ['internships'],
      request: { params: idParam },
      responses: { 200: ok('both sides, who gave each and when, and the final result'), 404: errorResponse },
    }),
    async (c) => {
      const tx = c.get('tx');
      const internship = await findVisibleInternship(tx, c.get('auth')!.user, c.req.valid('param').id);
      if (!internship) throw notFound();
      const rows = await tx
        .selectFrom('internship_evaluations as e')
        .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.evaluator_user_id'))
        .selectAll('e')
        .select('u.display_name as evaluator_name')
        .where('e.internship_id', '=', internship.id)
        .execute();
      const school = rows.find((r) => r.side === 'school');
      const enterprise = rows.find((r) => r.side === 'enterprise');
      // The mean in hundredths, so 80.01 and 80 give 80.005, not a float-sum artefact.
      const final = school && enterprise ? { score: (cents(Number(school.score)) + cents(Number(enterprise.score))) / 200 } : null;
      return c.json(
        { internshipId: internship.id, school: school ? sideJson(school) : null, enterprise: enterprise ? sideJson(enterprise) : null, final },
        200,
      );
    },
  );
  return app;
}
