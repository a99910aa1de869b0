// A stored finding as a reader sees it: the message in their language from the plugin that
// raised it, the rule's title and clause, and the parameter values that answer "why?".
import type { Lang } from '../i18n/lang.ts';
import { formatMessage } from '../policy/messages.ts';
import type { FindingsTable } from './schema.ts';
import type { Selectable } from 'kysely';
import type { PluginRegistry } from './tenant-plugins.ts';

export type FindingRow = Selectable<FindingsTable>;

export interface FindingJson {
  id: string;
  pluginId: string;
  pluginVersion: string;
  pluginTitle: string | null;
  ruleId: string;
  ruleTitle: string | null;
  subject: { type: string; id: string };
  severity: string;
  message: string;
  messageId: string;
  params: Record<string, string | number | boolean>;
  clause: string;
  explanation: unknown;
  status: 'open' | 'resolved';
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

/** A plugin since uninstalled or changed still has readable findings: the raw id stands in. */
export function describeFinding(row: FindingRow, registry: PluginRegistry, lang: Lang): FindingJson {
  const plugin = registry.get(row.plugin_id);
  const rule = plugin?.rules.find((r) => r.id === row.rule_id);
  const layers = plugin ? [...plugin.layers].sort((a, b) => Number(b.id === rule?.declaredBy) - Number(a.id === rule?.declaredBy)) : [];
  const templates = layers.map((l) => (Object.hasOwn(l.messages, row.message_id) ? l.messages[row.message_id] : undefined)).find((m) => m !== undefined);
  return {
    id: row.id,
    pluginId: row.plugin_id,
    pluginVersion: row.plugin_version,
    pluginTitle: plugin?.title[lang] ?? null,
    ruleId: row.rule_id,
    ruleTitle: rule?.title[lang] ?? null,
    subject: { type: row.subject_type, id: row.subject_id },
    severity: row.severity,
    message: templates ? formatMessage(templates, lang, row.params) : row.message_id,
    messageId: row.message_id,
    params: { ...row.params },
    clause: row.clause,
    explanation: row.explanation,
    status: row.resolved_at === null ? 'open' : 'resolved',
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
  };
}
