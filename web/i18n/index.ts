// Looks up a message by key in the request's language, filling {placeholders}.
import type { Lang, Translator } from '../../core/i18n/lang.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export const isMessageKey = (key: string): key is MessageKey => key in zhCN;

export const translate: Translator = (lang, key, params) => {
  const template = isMessageKey(key) ? catalogs[lang][key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
};
