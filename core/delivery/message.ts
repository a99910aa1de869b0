// What a reminder says outside the app (e-mail, group robots): the plugin's own title, the
// clause it cites and the due date, framed by core's catalog texts (core/i18n) in zh-CN.
import { coreTranslate } from '../i18n/core-translate.ts';
import type { Lang } from '../i18n/lang.ts';
import type { LocalizedText } from '../reminders/schema.ts';

export interface ReminderMessage {
  /** The reminder row's id: the idempotency key receivers may deduplicate on. */
  id: string;
  tenantSlug: string;
  pluginId: string;
  reminderId: string;
  title: LocalizedText;
  clause: string;
  period: string;
  dueOn: string | null;
  subject: { type: string; id: string };
  /** Where the recipient reads it in the app. */
  link: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

export function renderMessage(m: ReminderMessage, lang: Lang = 'zh-CN'): RenderedMessage {
  const t = coreTranslate;
  const title = m.title[lang];
  const lines = [
    title,
    t(lang, 'reminder.message.clause', { clause: m.clause }),
    ...(m.dueOn ? [t(lang, 'reminder.message.due', { due: m.dueOn })] : []),
    t(lang, 'reminder.message.link', { link: m.link }),
  ];
  return { subject: t(lang, 'reminder.message.subject', { title }), text: lines.join('\n') };
}
