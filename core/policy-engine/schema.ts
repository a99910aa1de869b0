// Row types of stored findings and plugin errors (migrations 0004, 0013).
import type { ColumnType, Generated } from 'kysely';
import type { Explanation, Severity, SubjectType } from '../policy/finding.ts';
import type { MessageParams } from '../policy/messages.ts';

export interface FindingsTable {
  tenant_id: string;
  id: Generated<string>;
  plugin_id: string;
  plugin_version: string;
  rule_id: string;
  subject_type: SubjectType;
  subject_id: string;
  severity: Severity;
  message_id: string;
  params: ColumnType<MessageParams, string | undefined, string>;
  clause: string;
  explanation: ColumnType<Explanation, string, string>;
  finding_key: string;
  /** Digest of the content (store-findings.ts); null for rows written by anything else. */
  digest: Generated<string | null>;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
}

export interface PluginErrorsTable {
  tenant_id: string;
  id: Generated<string>;
  plugin_id: string;
  plugin_version: string;
  rule_id: string | null;
  kind: string;
  message: string;
  at: string;
  recorded_at: Generated<Date>;
}

export const evaluationTriggers = ['api', 'cli', 'job', 'schedule', 'write'] as const;
export type EvaluationTrigger = (typeof evaluationTriggers)[number];

export interface EvaluationRunsTable {
  tenant_id: string;
  id: Generated<string>;
  evaluated_for: string;
  trigger: EvaluationTrigger;
  plugin_ids: string[];
  open_count: number;
  resolved_count: number;
  error_count: number;
  load_ms: number;
  evaluate_ms: number;
  started_at: Date;
  finished_at: Generated<Date>;
  /** Set when the run covered one school only (migration 0015). */
  school_id: Generated<string | null>;
}
