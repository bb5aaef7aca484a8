import type { Locale } from '../../src/modules/helpcenter/index.ts';

/** Every piece of interface text the help-center pages show, in one locale. */
export type Strings = {
  siteName: string;
  skipLink: string;
  mainNav: string;
  home: string;
  contact: string;
  otherLanguage: { locale: Locale; name: string };
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  suggestionsLabel: string;
  footerAsk: string;
  homeTitle: string;
  homeLead: string;
  homeDescription: string;
  browseTopics: string;
  articleCount: (n: number) => string;
  popular: string;
  breadcrumb: string;
  lastUpdated: string;
  related: string;
  fallbackNote: string;
  alsoIn: string;
  english: string;
  helpfulQuestion: string;
  yes: string;
  no: string;
  commentLabel: string;
  feedbackThanks: string;
  feedbackGlad: string;
  feedbackSorry: string;
  backToArticle: string;
  categoryDescription: (name: string) => string;
  noArticles: string;
  searchTitle: (q: string) => string;
  searchPrompt: string;
  resultCount: (n: number) => string;
  bestMatches: (n: number) => string;
  noResults: string;
  noResultsHelp: string;
  contactLink: string;
  notFoundTitle: string;
  notFoundBody: string;
  errorTitle: string;
  errorBody: string;
  tooManyTitle: string;
  tooManyBody: string;
};

const EN: Strings = {
  siteName: 'Help Center',
  skipLink: 'Skip to content',
  mainNav: 'Main',
  home: 'Help Center',
  contact: 'Contact us',
  otherLanguage: { locale: 'de', name: 'Deutsch' },
  searchLabel: 'Search the help center',
  searchPlaceholder: 'e.g. vault not syncing',
  searchButton: 'Search',
  suggestionsLabel: 'Suggested articles',
  footerAsk: 'Can’t find what you need?',
  homeTitle: 'How can we help?',
  homeLead: 'Search our articles or browse by topic.',
  homeDescription: 'Answers about your account, installation, billing, sync and security — and a way to reach our support team.',
  browseTopics: 'Browse by topic',
  articleCount: (n) => (n === 1 ? '1 article' : `${n} articles`),
  popular: 'Popular articles',
  breadcrumb: 'Breadcrumb',
  lastUpdated: 'Last updated',
  related: 'Related articles',
  fallbackNote: 'This article is not available in your language yet, so it is shown in English.',
  alsoIn: 'Also available in',
  english: 'English',
  helpfulQuestion: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  commentLabel: 'Anything we could improve? (optional)',
  feedbackThanks: 'Thank you for your feedback',
  feedbackGlad: 'We are glad this article helped.',
  feedbackSorry: 'Sorry it did not help. We read every comment to make our articles better.',
  backToArticle: 'Back to the article',
  categoryDescription: (name) => `Help articles about ${name}.`,
  noArticles: 'There are no articles in this topic yet.',
  searchTitle: (q) => `Search results for “${q}”`,
  searchPrompt: 'Type a few words about what you need help with.',
  resultCount: (n) => (n === 1 ? '1 result' : `${n} results`),
  bestMatches: (n) => `The ${n} best matches`,
  noResults: 'No articles match your search.',
  noResultsHelp: 'Check the spelling, try fewer or different words, or ask us directly.',
  contactLink: 'Contact support',
  notFoundTitle: 'Page not found',
  notFoundBody: 'We could not find that page. It may have moved or been removed.',
  errorTitle: 'Something went wrong',
  errorBody: 'We could not complete your request. Please try again in a moment.',
  tooManyTitle: 'Too many requests',
  tooManyBody: 'You sent a lot of requests in a short time. Please wait a minute and try again.',
};

const DE: Strings = {
  siteName: 'Hilfe-Center',
  skipLink: 'Zum Inhalt springen',
  mainNav: 'Hauptnavigation',
  home: 'Hilfe-Center',
  contact: 'Kontakt',
  otherLanguage: { locale: 'en', name: 'English' },
  searchLabel: 'Hilfe-Center durchsuchen',
  searchPlaceholder: 'z. B. Tresor synchronisiert nicht',
  searchButton: 'Suchen',
  suggestionsLabel: 'Vorgeschlagene Artikel',
  footerAsk: 'Nicht gefunden, was Sie suchen?',
  homeTitle: 'Wie können wir helfen?',
  homeLead: 'Durchsuchen Sie unsere Artikel oder stöbern Sie nach Thema.',
  homeDescription: 'Antworten zu Konto, Installation, Abrechnung, Synchronisierung und Sicherheit – und der Weg zu unserem Support-Team.',
  browseTopics: 'Nach Thema stöbern',
  articleCount: (n) => `${n} Artikel`,
  popular: 'Beliebte Artikel',
  breadcrumb: 'Pfad',
  lastUpdated: 'Zuletzt aktualisiert',
  related: 'Ähnliche Artikel',
  fallbackNote: 'Diesen Artikel gibt es noch nicht auf Deutsch. Sie lesen die englische Fassung.',
  alsoIn: 'Auch verfügbar auf',
  english: 'Englisch',
  helpfulQuestion: 'War dieser Artikel hilfreich?',
  yes: 'Ja',
  no: 'Nein',
  commentLabel: 'Was können wir verbessern? (optional)',
  feedbackThanks: 'Danke für Ihr Feedback',
  feedbackGlad: 'Schön, dass der Artikel geholfen hat.',
  feedbackSorry: 'Schade, dass er nicht geholfen hat. Wir lesen jeden Kommentar, um unsere Artikel zu verbessern.',
  backToArticle: 'Zurück zum Artikel',
  categoryDescription: (name) => `Hilfe-Artikel zum Thema ${name}.`,
  noArticles: 'Zu diesem Thema gibt es noch keine Artikel.',
  searchTitle: (q) => `Suchergebnisse für „${q}“`,
  searchPrompt: 'Beschreiben Sie in wenigen Worten, wobei Sie Hilfe brauchen.',
  resultCount: (n) => (n === 1 ? '1 Ergebnis' : `${n} Ergebnisse`),
  bestMatches: (n) => `Die ${n} besten Treffer`,
  noResults: 'Keine Artikel passen zu Ihrer Suche.',
  noResultsHelp: 'Prüfen Sie die Schreibweise, versuchen Sie weniger oder andere Wörter, oder fragen Sie uns direkt.',
  contactLink: 'Support kontaktieren',
  notFoundTitle: 'Seite nicht gefunden',
  notFoundBody: 'Diese Seite gibt es nicht. Vielleicht wurde sie verschoben oder entfernt.',
  errorTitle: 'Etwas ist schiefgelaufen',
  errorBody: 'Ihre Anfrage konnte nicht abgeschlossen werden. Bitte versuchen Sie es gleich noch einmal.',
  tooManyTitle: 'Zu viele Anfragen',
  tooManyBody: 'Sie haben in kurzer Zeit sehr viele Anfragen gesendet. Bitte warten Sie eine Minute.',
};

/** The interface text of a locale. */
export function stringsFor(locale: Locale): Strings {
  return locale === 'de' ? DE : EN;
}

/** A date as readers of the locale write it, e.g. "26 November 2026" / "26. November 2026". */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}
