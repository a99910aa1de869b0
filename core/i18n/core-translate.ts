// The Translator over core's own catalog (messages.zh-CN.ts, messages.en.ts): what the workers
// render (reminder messages, the annual report) without the web layer's catalog.
import type { Lang, Translator } from './lang.ts';
import { coreEn } from './messages.en.ts';
import { coreZhCN, type CoreMessageKey } from './messages.zh-CN.ts';

export const coreCatalogs: Record<Lang, Record<CoreMessageKey, string>> = { 'zh-CN': coreZhCN, en: coreEn };

/** Fills {placeholders}; an unknown key comes back as itself (visible, never a crash). */
export function fillTemplate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const coreTranslate: Translator = (lang, key, params) =>
  fillTemplate(key in coreZhCN ? coreCatalogs[lang][key as CoreMessageKey] : key, params);
