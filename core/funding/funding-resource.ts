// Funding records as a REST resource, so funding rules (who contributes how much) can be
// checked; a school admin keeps its school's records. Amounts are yuan with at most two decimals.
import { z } from 'zod';
import { schoolOwnedAccess } from '../bases/school-owned-access.ts';
import { checkOrganizationRefs } from '../crud/references.ts';
import type { ResourceDef } from '../crud/resource.ts';
import type { Translator } from '../i18n/lang.ts';

const amount = z
  .number()
  .min(0)
  .max(999_999_999_999)
  .refine((v) => Number.isInteger(Math.round(v * 100 * 1e6) / 1e6), { params: { key: 'funding.twoDecimals' } })
  .optional();

export function fundingResource(t: Translator): ResourceDef {
  return {
    path: 'funding-records',
    table: 'funding_records',
    entity: 'funding_record',
    create: z.object({
      project: z.string().trim().min(1).max(200),
      year: z.number().int().min(1990).max(2100),
      schoolId: z.uuid().nullish(),
      enterpriseId: z.uuid().nullish(),
      instituteAmount: amount,
      governmentAmount: amount,
      enterpriseAmount: amount,
      investmentAmount: amount,
      note: z.string().trim().max(2000).nullish(),
    }),
    filters: {
      year: { schema: z.coerce.number().int().min(1990).max(2100) },
      schoolId: { schema: z.uuid(), column: 'school_id' },
      enterpriseId: { schema: z.uuid(), column: 'enterprise_id' },
    },
    sorts: { year: 'year', project: 'project', createdAt: 'created_at' },
    numericColumns: ['institute_amount', 'government_amount', 'enterprise_amount', 'investment_amount'],
    access: schoolOwnedAccess('school_id'),
    validate: (ctx, input) =>
      checkOrganizationRefs(ctx, (key, params) => t(ctx.lang, key, params), [
        { field: 'schoolId', id: input.schoolId, kinds: ['school'] },
        { field: 'enterpriseId', id: input.enterpriseId, kinds: ['enterprise'] },
      ]),
  };
}
