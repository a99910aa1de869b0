// Looks up a message by key in the request's language, filling {placeholders}. The shell's
// catalogs (zh-CN.ts, en.ts), the pages' catalogs (pages.zh-CN.ts, pages.en.ts) and core's own
// (core/i18n: reminder messages, the annual report) are one.
import { coreCatalogs, fillTemplate } from '../../core/i18n/core-translate.ts';
import type { Lang, Translator } from '../../core/i18n/lang.ts';
import type { CoreMessageKey } from '../../core/i18n/messages.zh-CN.ts';
import { en } from './en.ts';
import { pagesEn } from './pages.en.ts';
import { pagesAEn } from './pages-a.en.ts';
import { pagesAZhCN, type PageAMessageKey } from './pages-a.zh-CN.ts';
import { pagesBEn } from './pages-b.en.ts';
import { pagesBZhCN, type PageBMessageKey } from './pages-b.zh-CN.ts';
import { pagesZhCN, type PageMessageKey } from './pages.zh-CN.ts';
import { zhCN, type MessageKey as ShellMessageKey } from './zh-CN.ts';

export type MessageKey = ShellMessageKey | PageMessageKey | PageAMessageKey | PageBMessageKey | CoreMessageKey;

const catalogs: Record<Lang, Record<MessageKey, string>> = {
  'zh-CN': { ...zhCN, ...pagesZhCN, ...pagesAZhCN, ...pagesBZhCN, ...coreCatalogs['zh-CN'] },
  en: { ...en, ...pagesEn, ...pagesAEn, ...pagesBEn, ...coreCatalogs.en },
};

export const isMessageKey = (key: string): key is MessageKey => key in catalogs['zh-CN'];

export const translate: Translator = (lang, key, params) => fillTemplate(isMessageKey(key) ? catalogs[lang][key] : key, params);
