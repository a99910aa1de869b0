// Validation at the edge, once: a zod failure becomes Invalid with every field's problem in
// the request's language (zod's own locale for built-in checks, our catalog for custom ones).
import { z } from 'zod';
import { invalid, type FieldIssue } from '../errors/app-error.ts';
import type { Lang, Translator } from '../i18n/lang.ts';

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;

export function localiseIssues(issues: readonly z.core.$ZodIssue[], lang: Lang, t: Translator): FieldIssue[] {
  return issues.map((issue) => {
    const params = issue.code === 'custom' ? (issue as { params?: Record<string, string | number> }).params : undefined;
    const key = params?.key;
    const message = typeof key === 'string' ? t(lang, key, params) : localeMessage(issue, lang);
    return { path: issue.path.map(String).join('.'), code: issue.code, message };
  });
}

function localeMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  const result = zodLocales[lang].localeError?.(issue as unknown as z.core.$ZodRawIssue);
  if (typeof result === 'string') return result;
  return result?.message ?? issue.message;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, lang: Lang, t: Translator): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw invalid(localiseIssues(parsed.error.issues, lang, t));
}
