// Looks up a message by key in the request's language, filling {placeholders}. The shell's
// catalogs (zh-CN.ts, en.ts) and the pages' catalogs (pages.zh-CN.ts, pages.en.ts) are one.
import type { Lang, Translator } from '../../core/i18n/lang.ts';
import { en } from './en.ts';
import { pagesEn } from './pages.en.ts';
import { pagesAEn } from './pages-a.en.ts';
import { pagesAZhCN, type PageAMessageKey } from './pages-a.zh-CN.ts';
import { pagesBEn } from './pages-b.en.ts';
import { pagesBZhCN, type PageBMessageKey } from './pages-b.zh-CN.ts';
import { pagesZhCN, type PageMessageKey } from './pages.zh-CN.ts';
import { zhCN, type MessageKey as ShellMessageKey } from './zh-CN.ts';

export type MessageKey = ShellMessageKey | PageMessageKey | PageAMessageKey | PageBMessageKey;

const catalogs: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': { ...zhCN, ...pagesZhCN, ...pagesAZhCN, ...pagesBZhCN }, en: { ...en, ...pagesEn, ...pagesAEn, ...pagesBEn } };

export const isMessageKey = (key: string): key is MessageKey => key in catalogs['zh-CN'];

export const translate: Translator = (lang, key, params) => {
  const template = isMessageKey(key) ? catalogs[lang][key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
};
