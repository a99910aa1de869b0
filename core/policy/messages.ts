// Findings speak through message ids with {params}; tests assert ids and params, and both
// languages of one message must ask for the same params so neither can silently drop a fact.
import type { LocalizedText } from './parameters.ts';

export type MessageTemplates = LocalizedText;
export type Locale = keyof LocalizedText;
export type MessageParams = Readonly<Record<string, string | number | boolean>>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Each template's placeholders, found once: every finding of an evaluation is checked against them. */
const placeholdersOf = new Map<string, readonly string[]>();

/** The placeholders of a template that `params` leaves unfilled. */
export function missingParams(templates: MessageTemplates, params: MessageParams): string[] {
  const template = templates['zh-CN'];
  let names = placeholdersOf.get(template);
  if (names === undefined) {
    names = placeholders(template);
    placeholdersOf.set(template, names);
  }
  return names.filter((p) => !Object.hasOwn(params, p));
}

export function formatMessage(templates: MessageTemplates, locale: Locale, params: MessageParams): string {
  return templates[locale].replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
