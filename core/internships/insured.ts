// An intern counts as insured only with both liability and accident cover under a named policy
// whose dates span the whole internship; policy rules and the UI read this one flag.
export interface InsuranceFacts {
  start_on: string;
  end_on: string;
  policy_number: string | null;
  insurance_start: string | null;
  insurance_end: string | null;
  liability_insurance: boolean;
  accident_insurance: boolean;
}

export function isInsured(row: InsuranceFacts): boolean {
  return (
    row.liability_insurance &&
    row.accident_insurance &&
    Boolean(row.policy_number?.trim()) &&
    // 'YYYY-MM-DD' strings compare as dates.
    row.insurance_start !== null &&
    row.insurance_end !== null &&
    row.insurance_start <= row.start_on &&
    row.insurance_end >= row.end_on
  );
}
