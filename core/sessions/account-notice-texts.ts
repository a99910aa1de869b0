// What an account notice says, in both languages: stored with the outbox row (like a plugin's
// reminder title), so the inbox and the e-mail show it without the web catalog.
import type { LocalizedText } from '../reminders/schema.ts';
import type { AccountNoticeKind } from './account-notice.ts';

/** Shown as the notice's clause: the requirement it answers. */
export const ACCOUNT_NOTICE_CLAUSE = 'OWASP ASVS 2.2.3';

const TEXTS: Record<AccountNoticeKind, LocalizedText> = {
  password_changed: { 'zh-CN': '您的登录密码已修改。', en: 'Your password was changed.' },
  totp_enabled: { 'zh-CN': '您的账户已绑定新的两步验证（验证器应用）。', en: 'A new two-step verification authenticator was set up for your account.' },
  totp_reset: { 'zh-CN': '安全管理员已重置您的两步验证，下次登录时需重新绑定验证器。', en: 'A security administrator reset your two-step verification; you will set up an authenticator at your next sign-in.' },
  recovery_codes_renewed: { 'zh-CN': '您的两步验证恢复码已重新生成，原有恢复码已失效。', en: 'Your two-step verification recovery codes were renewed; the old ones no longer work.' },
  sessions_ended: { 'zh-CN': '您账户的其他登录会话已全部结束。', en: 'All other sessions of your account were ended.' },
};

const NOT_YOU: LocalizedText = { 'zh-CN': '如非本人操作，请立即联系本单位安全管理员。', en: 'If this was not you, contact your security administrator at once.' };

export function accountNoticeTitle(kind: AccountNoticeKind, endedSessions: number): LocalizedText {
  const ended: LocalizedText | null =
    endedSessions > 0 && kind !== 'sessions_ended'
      ? { 'zh-CN': `其他 ${endedSessions} 个登录会话已结束。`, en: `${endedSessions} other session(s) were ended.` }
      : null;
  const text = TEXTS[kind];
  return {
    'zh-CN': [text['zh-CN'], ended?.['zh-CN'], NOT_YOU['zh-CN']].filter(Boolean).join(''),
    en: [text.en, ended?.en, NOT_YOU.en].filter(Boolean).join(' '),
  };
}
