// The students of an order class: added and removed one by one, only students of the school
// whose agreement the class belongs to. Keyed by (class, student), so plain routes.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { diffFields, recordAudit } from '../audit/record-audit.ts';
import { validationHook } from '../crud/validation-hook.ts';
import type { Scope } from '../crud/resource.ts';
import type { Tx } from '../db/database.ts';
import { AppError, forbidden, invalid, notFound } from '../errors/app-error.ts';
import type { AppDeps, AppEnv } from '../http/app-env.ts';
import { requireUser } from '../http/require-user.ts';
import { schoolRecordAccess, scopedSchool } from '../majors/school-access.ts';
import type { OrderClassStudentsTable } from './schema.ts';

// The students table belongs to the students module; this view names only the columns read here.
interface StudentRef {
  id: string;
  school_id: string;
  name: string;
  major_id: string | null;
  cohort_year: number | null;
}
type StudentsView = Kysely<{ students: StudentRef; order_class_students: OrderClassStudentsTable }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const errorResponse = { description: 'error: code, message, issues', content: { 'application/json': { schema: z.object({ code: z.string(), message: z.string() }) } } };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } });
const idParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const memberParam = idParam.extend({ studentId: z.string().openapi({ param: { name: 'studentId', in: 'path' } }) });

async function findOrderClass(tx: Tx, id: string, scope: Scope) {
  if (scope === false || !UUID.test(id)) return undefined;
  let q = tx
    .selectFrom('order_classes')
    .innerJoin('agreements', 'agreements.id', 'order_classes.agreement_id')
    .select(['order_classes.id', 'agreements.school_id'])
    .where('order_classes.id', '=', id);
  if (scope !== true) {
    const school = scopedSchool(scope);
    if (!school) return undefined;
    q = q.where('agreements.school_id', '=', school);
  }
  return q.executeTakeFirst();
}

export function orderClassStudentRoutes(deps: Pick<AppDeps, 't'>) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook(deps.t) });
  const tags = ['order-classes'];
  app.use('/order-classes/:id/students', requireUser('api'));
  app.use('/order-classes/:id/students/*', requireUser('api'));

  const readable = async (c: Context<AppEnv>, id: string) => {
    const found = await findOrderClass(c.get('tx'), id, schoolRecordAccess.read(c.get('auth')!.user));
    if (!found) throw notFound();
    return found;
  };
  /** 404 when the caller may not see the class, 403 when they may see but not change it. */
  const writable = async (c: Context<AppEnv>, id: string) => {
    const found = await findOrderClass(c.get('tx'), id, schoolRecordAccess.write(c.get('auth')!.user));
    if (found) return found;
    await readable(c, id);
    throw forbidden();
  };
  const audit = (c: Context<AppEnv>, action: string, orderClassId: string, studentId: string) =>
    recordAudit(c.get('tx'), {
      tenantId: c.get('tenant').id,
      actorUserId: c.get('auth')!.user.id,
      action,
      entity: 'order_class_student',
      entityId: `${orderClassId}/${studentId}`,
      changes: action === 'create' ? diffFields(null, { orderClassId, studentId }) : diffFields({ orderClassId, studentId }, null),
      requestId: c.get('requestId'),
    });

  app.openapi(
    createRoute({ method: 'get', path: '/order-classes/{id}/students', tags, request: { params: idParam }, responses: { 200: ok('the students of the class'), 404: errorResponse } }),
    async (c) => {
      const orderClass = await readable(c, c.req.valid('param').id);
      const rows = await (c.get('tx') as unknown as StudentsView)
        .selectFrom('order_class_students as m')
        .innerJoin('students as s', 's.id', 'm.student_id')
        .select(['s.id', 's.name', 's.major_id', 's.cohort_year'])
        .where('m.order_class_id', '=', orderClass.id)
        .orderBy('s.name')
        .orderBy('s.id')
        .execute();
      return c.json({ items: rows.map((s) => ({ studentId: s.id, name: s.name, majorId: s.major_id, cohortYear: s.cohort_year })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/order-classes/{id}/students',
      tags,
      request: { params: idParam, body: { content: { 'application/json': { schema: z.object({ studentId: z.uuid() }) } }, required: true } },
      responses: { 201: ok('added'), 403: errorResponse, 404: errorResponse, 409: errorResponse, 422: errorResponse },
    }),
    async (c) => {
      const orderClass = await writable(c, c.req.valid('param').id);
      const { studentId } = c.req.valid('json');
      const tx = c.get('tx');
      const lang = c.get('lang');
      const student = await (tx as unknown as StudentsView).selectFrom('students').select(['id', 'school_id']).where('id', '=', studentId).executeTakeFirst();
      if (!student) throw invalid([{ path: 'studentId', code: 'reference', message: deps.t(lang, 'error.reference') }]);
      if (student.school_id !== orderClass.school_id)
        throw invalid([{ path: 'studentId', code: 'custom', message: deps.t(lang, 'orderClass.studentOfOtherSchool') }]);
      const added = await tx
        .insertInto('order_class_students')
        .values({ tenant_id: c.get('tenant').id, order_class_id: orderClass.id, student_id: student.id })
        .onConflict((oc) => oc.doNothing())
        .returning('student_id')
        .executeTakeFirst();
      if (!added) throw new AppError('Conflict', 'orderClass.studentAlreadyIn');
      await audit(c, 'create', orderClass.id, student.id);
      return c.json({ orderClassId: orderClass.id, studentId: student.id }, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/order-classes/{id}/students/{studentId}', tags, request: { params: memberParam }, responses: { 204: { description: 'removed' }, 403: errorResponse, 404: errorResponse } }),
    async (c) => {
      const { id, studentId } = c.req.valid('param');
      const orderClass = await writable(c, id);
      if (!UUID.test(studentId)) throw notFound();
      const removed = await c
        .get('tx')
        .deleteFrom('order_class_students')
        .where('order_class_id', '=', orderClass.id)
        .where('student_id', '=', studentId)
        .returning('student_id')
        .executeTakeFirst();
      if (!removed) throw notFound();
      await audit(c, 'delete', orderClass.id, studentId);
      return c.body(null, 204);
    },
  );

  return app;
}
