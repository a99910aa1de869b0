// The two languages of the product, and how a request picks one: cookie, then Accept-Language.
export const langs = ['zh-CN', 'en'] as const;
export type Lang = (typeof langs)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_COOKIE = 'lang';

export const isLang = (value: unknown): value is Lang => langs.includes(value as Lang);

/** Turns a catalog key and its parameters into text; web/i18n supplies it. */
export type Translator = (lang: Lang, key: string, params?: Record<string, string | number>) => string;

export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LANG;
}
