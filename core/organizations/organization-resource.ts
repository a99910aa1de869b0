// Organizations as a REST resource. Everyone in the tenant may read them; the bureau manages
// all kinds, a school admin records enterprises (the school's partners) and nothing else.
import { z } from 'zod';
import type { FieldIssue } from '../errors/app-error.ts';
import type { Translator } from '../i18n/lang.ts';
import { isValidCreditCode } from '../identifiers/credit-code.ts';
import type { ResourceDef } from '../crud/resource.ts';
import { enterpriseSizes, organizationKinds, ownerships, schoolLevels } from './schema.ts';

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();

export const organizationInput = z.object({
  kind: z.enum(organizationKinds),
  name: z.string().trim().min(1).max(200),
  shortName: optionalText(60),
  address: optionalText(300),
  contactName: optionalText(60),
  contactPhone: z.string().regex(/^[0-9+\-() ]{5,20}$/).nullish(),
  schoolLevel: z.enum(schoolLevels).nullish(),
  doubleHigh: z.boolean().optional(),
  demonstration: z.boolean().optional(),
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidCreditCode, { params: { key: 'organization.creditCode' } })
    .nullish(),
  industryCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => /^[A-T]([0-9]{2,4})?$/.test(v), { params: { key: 'organization.industryCode' } })
    .nullish(),
  enterpriseSize: z.enum(enterpriseSizes).nullish(),
  ownership: z.enum(ownerships).nullish(),
});

const SCHOOL_FIELDS = ['schoolLevel', 'doubleHigh', 'demonstration'] as const;
const ENTERPRISE_FIELDS = ['creditCode', 'enterpriseSize', 'ownership'] as const;

export function organizationResource(t: Translator): ResourceDef {
  return {
    path: 'organizations',
    table: 'organizations',
    entity: 'organization',
    create: organizationInput,
    filters: {
      kind: { schema: z.enum(organizationKinds) },
      creditCode: { schema: z.string(), column: 'credit_code' },
      q: { schema: z.string().min(1).max(100), where: (eb, q: string) => eb('name', 'like', `%${q.replace(/[%_\\]/g, '\\$&')}%`) },
    },
    sorts: { name: 'name', createdAt: 'created_at' },
    numericColumns: [],
    access: {
      read: () => true,
      write: (user) => (user.role === 'bureau_admin' ? true : user.role === 'school_admin' ? { equals: { kind: 'enterprise' } } : false),
    },
    validate: async (ctx, input, existing) => {
      const kind = (input.kind ?? existing?.kind) as string;
      const merged = { creditCode: existing?.credit_code, ...input };
      const issues: FieldIssue[] = [];
      const say = (path: string, key: string) => issues.push({ path, code: 'custom', message: t(ctx.lang, key) });
      if (kind !== 'school') for (const f of SCHOOL_FIELDS) if (input[f] !== undefined && input[f] !== null && input[f] !== false) say(f, 'organization.schoolOnly');
      if (kind !== 'enterprise') for (const f of ENTERPRISE_FIELDS) if (input[f] !== undefined && input[f] !== null) say(f, 'organization.enterpriseOnly');
      if (kind === 'enterprise' && !merged.creditCode) say('creditCode', 'organization.creditCodeRequired');
      return issues;
    },
  };
}
