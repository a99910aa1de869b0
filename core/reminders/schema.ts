// Row types of the reminder outbox (migration 0007): reminders, their external deliveries, the
// in-app inbox and each tenant's delivery settings.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '../users/schema.ts';

export type LocalizedText = { 'zh-CN': string; en: string };
export const reminderStatuses = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

export interface RemindersTable {
  tenant_id: string;
  id: Generated<string>;
  plugin_id: string;
  reminder_id: string;
  /** 'account': a notice to one user about their account (core/sessions/account-notice.ts). */
  kind: 'calendar' | 'finding' | 'account';
  subject_type: string;
  subject_id: string;
  period: string;
  organization_id: string | null;
  title: ColumnType<LocalizedText, string, string>;
  clause: string;
  recipients: Role[];
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<ReminderStatus>;
  attempts: Generated<number>;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  sent_at: Date | null;
}
export type ReminderRow = Selectable<RemindersTable>;

export type DeliveryChannel = 'email' | 'webhook';
export interface ReminderDeliveriesTable {
  tenant_id: string;
  id: Generated<string>;
  reminder_id: string;
  channel: DeliveryChannel;
  target: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface NotificationsTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  reminder_id: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export const webhookKinds = ['wecom', 'dingtalk', 'json'] as const;
export type WebhookKind = (typeof webhookKinds)[number];
export interface WebhookSetting {
  kind: WebhookKind;
  url: string;
  /** DingTalk 加签 secret: requests are signed when it is set. */
  secret?: string;
}

export interface DeliverySettingsTable {
  tenant_id: string;
  id: Generated<string>;
  email_enabled: Generated<boolean>;
  webhooks: ColumnType<WebhookSetting[], string | undefined, string>;
  updated_at: Generated<Date>;
}
