// Every migration, in order. A landed migration is frozen: a change is a new file.
import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.ts';
import * as domain from './0002_domain.ts';
import * as importBatches from './0003_import_batches.ts';
import * as findings from './0004_findings.ts';
import * as evaluationRuns from './0005_evaluation_runs.ts';
import * as snapshots from './0006_snapshots.ts';
import * as reminders from './0007_reminders.ts';
import * as authHardening from './0008_auth_hardening.ts';
import * as dataProtection from './0009_data_protection.ts';
import * as reports from './0011_reports.ts';
import * as tenantPluginSettings from './0012_tenant_plugin_settings.ts';
import * as findingDigest from './0013_finding_digest.ts';
import * as accountNotices from './0014_account_notices.ts';
import * as evaluationRunSchool from './0015_evaluation_run_school.ts';
import * as auditChainHead from './0016_audit_chain_head.ts';
import * as snapshotFillfactor from './0017_snapshot_fillfactor.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_domain': domain,
  '0003_import_batches': importBatches,
  '0004_findings': findings,
  '0005_evaluation_runs': evaluationRuns,
  '0006_snapshots': snapshots,
  '0007_reminders': reminders,
  '0008_auth_hardening': authHardening,
  '0009_data_protection': dataProtection,
  '0011_reports': reports,
  '0012_tenant_plugin_settings': tenantPluginSettings,
  '0013_finding_digest': findingDigest,
  '0014_account_notices': accountNotices,
  '0015_evaluation_run_school': evaluationRunSchool,
  '0016_audit_chain_head': auditChainHead,
  '0017_snapshot_fillfactor': snapshotFillfactor,
};
