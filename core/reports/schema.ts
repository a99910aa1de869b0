// Row type of stored annual reports (migration 0011).
import type { ColumnType, Generated } from 'kysely';
import type { Lang } from '../i18n/lang.ts';

export const reportStatuses = ['queued', 'ready', 'failed'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export interface ReportsTable {
  tenant_id: string;
  id: Generated<string>;
  year: number;
  lang: Lang;
  status: Generated<ReportStatus>;
  html: string | null;
  xlsx: Buffer | null;
  error: string | null;
  requested_by: string | null;
  requested_at: ColumnType<Date, Date | string | undefined, Date | string>;
  generated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
