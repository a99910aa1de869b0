// Row type of attachments: signed agreements, meeting minutes … stored in the database, so a
// backup of the database is a backup of them and RLS guards them like any tenant row.
import type { Generated } from 'kysely';

export interface AttachmentsTable {
  tenant_id: string;
  id: Generated<string>;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}
