// What a client sends for an internship. Orders between fields (end after start, the mentor of
// that enterprise …) are checked in internship-checks, since an update sends only some fields.
import { z } from 'zod';
import { internshipKinds, internshipStatuses } from './schema.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max).nullish();

export const internshipInput = z.object({
  studentId: z.uuid(),
  kind: z.enum(internshipKinds),
  enterpriseId: z.uuid(),
  agreementId: z.uuid().nullish(),
  position: text(100),
  startOn: date,
  endOn: date,
  schoolMentorId: z.uuid().nullish(),
  enterpriseMentorUserId: z.uuid().nullish(),
  enterpriseMentorName: text(60),
  monthlyPay: z.number().min(0).max(99_999_999.99).nullish(),
  insurer: text(100),
  policyNumber: text(60),
  insuranceStart: date.nullish(),
  insuranceEnd: date.nullish(),
  liabilityInsurance: z.boolean().optional(),
  accidentInsurance: z.boolean().optional(),
  status: z.enum(internshipStatuses).optional(),
});
