// Internships as a REST resource, scoped through the student's school, with the computed
// `insured` flag that policy rules and the UI read.
import { z } from 'zod';
import { defaultJson, type ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';
import { isInsured, type InsuranceFacts } from './insured.ts';
import { internshipReadScope, internshipWriteScope } from './internship-access.ts';
import { checkInternship } from './internship-checks.ts';
import { internshipInput } from './internship-input.ts';
import { internshipKinds, internshipStatuses } from './schema.ts';

export function internshipResource(t: Translator): ResourceDef {
  const def: ResourceDef = {
    path: 'internships',
    table: 'internships',
    entity: 'internship',
    create: internshipInput,
    filters: {
      studentId: { schema: z.uuid(), column: 'student_id' },
      enterpriseId: { schema: z.uuid(), column: 'enterprise_id' },
      schoolMentorId: { schema: z.uuid(), column: 'school_mentor_id' },
      kind: { schema: z.enum(internshipKinds) },
      status: { schema: z.enum(internshipStatuses) },
      schoolId: {
        schema: z.uuid(),
        where: (eb, schoolId: string) => eb('student_id', 'in', eb.selectFrom('students').select('students.id').where('students.school_id', '=', schoolId)),
      },
      activeOn: { schema: z.iso.date(), where: (eb, day: string) => eb.and([eb('start_on', '<=', day), eb('end_on', '>=', day)]) },
    },
    sorts: { startOn: 'start_on', createdAt: 'created_at' },
    numericColumns: ['monthly_pay'],
    access: { read: internshipReadScope, write: internshipWriteScope },
    validate: (ctx, input, existing) => checkInternship(ctx, t, input, existing),
    toJson: (row) => ({ ...defaultJson(def, row), insured: isInsured(row as unknown as InsuranceFacts) }),
  };
  return def;
}
