// A tenant's industry chains (十二师 "345" system, 宜昌 百亿产业 …), each linking GB/T 4754
// industry codes. The bureau keeps them; schools and evaluators read them to map their majors.
import { sql } from 'kysely';
import { z } from 'zod';
import type { ResourceDef } from '../crud/resource.ts';

const industryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^[A-T]([0-9]{2,4})?$/.test(v), { params: { key: 'organization.industryCode' } });

export function industryChainResource(): ResourceDef {
  return {
    path: 'industry-chains',
    table: 'industry_chains',
    entity: 'industry_chain',
    create: z.object({
      name: z.string().trim().min(1).max(100),
      description: z.string().trim().max(2000).nullish(),
      // A set, not a list: the same code twice says nothing more.
      industryCodes: z.array(industryCode).max(200).transform((codes) => [...new Set(codes)]).optional(),
    }),
    filters: {
      industryCode: {
        schema: z.string().trim().toUpperCase(),
        where: (eb, code: string) => sql<boolean>`${code} = any(industry_codes)`,
      },
    },
    sorts: { name: 'name', createdAt: 'created_at' },
    access: {
      read: (user) => !['department_officer', 'enterprise_mentor'].includes(user.role),
      write: (user) => user.role === 'bureau_admin',
    },
  };
}
