import type { Locale } from '../../src/modules/helpcenter/index.ts';

/** The path prefix of a locale's pages: none for English, /de for German. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '' : `/${locale}`;
}

/** Site-relative paths of the help-center pages, so every view links the same way. */
export const paths = {
  home: (locale: Locale): string => `${localePrefix(locale)}/help`,
  category: (locale: Locale, slug: string): string => `${localePrefix(locale)}/help/categories/${encodeURIComponent(slug)}`,
  article: (locale: Locale, slug: string): string => `${localePrefix(locale)}/articles/${encodeURIComponent(slug)}`,
  feedback: (locale: Locale, slug: string): string => `${localePrefix(locale)}/articles/${encodeURIComponent(slug)}/feedback`,
  search: (locale: Locale, q?: string): string => `${localePrefix(locale)}/search${q ? `?q=${encodeURIComponent(q)}` : ''}`,
  contact: (locale: Locale, q?: string): string => `${localePrefix(locale)}/contact${q ? `?q=${encodeURIComponent(q)}` : ''}`,
  contactSent: (locale: Locale): string => `${localePrefix(locale)}/contact/sent`,
};
