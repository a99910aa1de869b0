// Row type of import batches: a previewed spreadsheet waiting for its confirmation.
import type { ColumnType, Generated } from 'kysely';

export interface ImportRow {
  /** Spreadsheet row number as the user sees it (the header is row 1). */
  row: number;
  action: 'create' | 'update';
  id?: string;
  version?: number;
  input: Record<string, unknown>;
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportBatchesTable {
  tenant_id: string;
  id: Generated<string>;
  entity: string;
  filename: string | null;
  created_by: string;
  created_at: Generated<Date>;
  status: Generated<'previewed' | 'committed'>;
  rows: ColumnType<ImportRow[], string, string>;
  errors: ColumnType<ImportError[], string | undefined, string>;
  committed_at: Date | null;
}
