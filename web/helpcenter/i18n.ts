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

/** A contact form question as the form shows it in a locale; absent parts keep the English ones. */
export type FieldText = { label?: string; hint?: string; required?: string };

/** The contact flow's text in one locale: the two steps, the topics, the questions, their errors, the confirmation. */
export type ContactStrings = {
  title: string;
  startLead: string;
  startDescription: string;
  formDescription: string;
  findAnswers: string;
  chooseTopic: string;
  topicError: string;
  continue: string;
  topic: string;
  changeTopic: string;
  maybeHelpful: string;
  suggestionsTitle: string;
  noSuggestions: string;
  honeypot: string;
  neverAsk: string;
  send: string;
  optional: string;
  problem: string;
  expired: string;
  notSentTitle: string;
  notSentBody: string;
  tooLong: (max: number, length: number) => string;
  badEmail: string;
  badChoice: string;
  sentTitle: string;
  sentDescription: string;
  sentLead: string;
  nextSteps: string;
  sentSteps: (reference: string) => [string, string, string];
  backHome: string;
  /** Told when screening removed a secret; English uses triage's own notice. */
  secretNotice?: string;
  /** Topic labels by ticket category; English falls back to the form's own. */
  topics: Partial<Record<string, string>>;
  /** Question texts by field name; English falls back to the form's own. */
  fields: Partial<Record<string, FieldText>>;
  /** Labels of choice values (the values posted stay English). */
  options: Partial<Record<string, string>>;
};

const CONTACT_EN: ContactStrings = {
  title: 'Contact support',
  startLead: 'Tell us what you need help with. We will show articles that may answer it right away; if they don’t, send us your request.',
  startDescription: 'Ask our support team for help: find answers right away or send us your request.',
  formDescription: 'Send your request to our support team.',
  findAnswers: 'Find answers',
  chooseTopic: 'Still need help? Choose a topic',
  topicError: 'Choose the topic closest to your problem',
  continue: 'Continue',
  topic: 'Topic',
  changeTopic: 'Change topic',
  maybeHelpful: 'Articles that may help',
  suggestionsTitle: 'These articles may answer your question',
  noSuggestions: 'We found no article for that. Choose a topic below and tell us more.',
  honeypot: 'Leave this field empty',
  neverAsk: 'We will never ask for your master password, recovery codes or card number. Please don’t send them.',
  send: 'Send request',
  optional: '(optional)',
  problem: 'There is a problem',
  expired: 'Your form expired or was opened in another browser. Please check your answers and send it again.',
  notSentTitle: 'Your request was not sent',
  notSentBody: 'This form could not be accepted. Please try again, or write to us by email.',
  tooLong: (max, length) => `Keep this under ${max} characters (it has ${length})`,
  badEmail: 'Enter an email address like name@example.com',
  badChoice: 'Choose one of the options',
  sentTitle: 'We received your request',
  sentDescription: 'Your support request was received.',
  sentLead: 'Your reference is',
  nextSteps: 'What happens next',
  sentSteps: (reference) => [
    'We sent a confirmation with this reference to your email address.',
    'A member of our support team reads your request and replies by email, usually within one business day. Security problems are handled first.',
    `To add details, reply to our email and keep ${reference} in the subject.`,
  ],
  backHome: 'Back to the Help Center',
  topics: {},
  fields: {},
  options: {},
};

const CONTACT_DE: ContactStrings = {
  title: 'Support kontaktieren',
  startLead: 'Sagen Sie uns, wobei Sie Hilfe brauchen. Wir zeigen Ihnen gleich Artikel, die Ihre Frage beantworten könnten; wenn nicht, senden Sie uns Ihre Anfrage.',
  startDescription: 'Fragen Sie unser Support-Team: Antworten sofort finden oder eine Anfrage senden.',
  formDescription: 'Senden Sie Ihre Anfrage an unser Support-Team.',
  findAnswers: 'Antworten finden',
  chooseTopic: 'Brauchen Sie weiter Hilfe? Wählen Sie ein Thema',
  topicError: 'Wählen Sie das Thema, das am besten zu Ihrem Problem passt',
  continue: 'Weiter',
  topic: 'Thema',
  changeTopic: 'Thema ändern',
  maybeHelpful: 'Artikel, die helfen könnten',
  suggestionsTitle: 'Diese Artikel beantworten vielleicht Ihre Frage',
  noSuggestions: 'Dazu haben wir keinen Artikel gefunden. Wählen Sie unten ein Thema und erzählen Sie uns mehr.',
  honeypot: 'Dieses Feld bitte leer lassen',
  neverAsk: 'Wir fragen Sie nie nach Ihrem Master-Passwort, Wiederherstellungscodes oder Ihrer Kartennummer. Bitte senden Sie uns diese nicht.',
  send: 'Anfrage senden',
  optional: '(optional)',
  problem: 'Bitte prüfen Sie Ihre Angaben',
  expired: 'Ihr Formular ist abgelaufen oder wurde in einem anderen Browser geöffnet. Bitte prüfen Sie Ihre Angaben und senden Sie es erneut.',
  notSentTitle: 'Ihre Anfrage wurde nicht gesendet',
  notSentBody: 'Dieses Formular konnte nicht angenommen werden. Bitte versuchen Sie es noch einmal oder schreiben Sie uns eine E-Mail.',
  tooLong: (max, length) => `Bitte höchstens ${max} Zeichen (jetzt sind es ${length})`,
  badEmail: 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein',
  badChoice: 'Wählen Sie eine der Möglichkeiten',
  sentTitle: 'Wir haben Ihre Anfrage erhalten',
  sentDescription: 'Ihre Support-Anfrage ist eingegangen.',
  sentLead: 'Ihre Vorgangsnummer lautet',
  nextSteps: 'Wie es weitergeht',
  sentSteps: (reference) => [
    'Wir haben Ihnen eine Bestätigung mit dieser Vorgangsnummer an Ihre E-Mail-Adresse gesendet.',
    'Ein Mitglied unseres Support-Teams liest Ihre Anfrage und antwortet per E-Mail, meist innerhalb eines Werktags. Sicherheitsprobleme bearbeiten wir zuerst.',
    `Um etwas zu ergänzen, antworten Sie auf unsere E-Mail und lassen Sie ${reference} im Betreff stehen.`,
  ],
  backHome: 'Zurück zum Hilfe-Center',
  secretNotice: 'Zu Ihrer Sicherheit haben wir etwas aus Ihrer Nachricht entfernt, das wie ein Passwort, ein Wiederherstellungscode oder eine Kartennummer aussah. Unser Support-Team braucht nie Ihr Passwort, Master-Passwort, Ihre Wiederherstellungscodes oder Ihre vollständige Kartennummer. Falls Sie etwas davon geteilt haben, ändern Sie es bitte.',
  topics: {
    account: 'Mein Konto: Anmelden, Zwei-Faktor-Anmeldung, Konto-E-Mail',
    installation: 'App oder Browser-Erweiterung installieren oder aktualisieren',
    billing: 'Abrechnung: Abbuchungen, Rechnungen, Tarife',
    sync: 'Synchronisierung zwischen meinen Geräten',
    security: 'Sicherheit: eine verdächtige Anmeldung oder ein kompromittiertes Konto',
    general: 'Etwas anderes',
  },
  fields: {
    q: { label: 'Wobei brauchen Sie Hilfe?', required: 'Beschreiben Sie in wenigen Worten, wobei Sie Hilfe brauchen' },
    name: { label: 'Ihr Name', required: 'Geben Sie Ihren Namen ein' },
    email: { label: 'Ihre E-Mail-Adresse', hint: 'An diese Adresse antworten wir.', required: 'Geben Sie Ihre E-Mail-Adresse ein' },
    account_email: { label: 'Konto-E-Mail', hint: 'Die Adresse, mit der Sie sich anmelden, falls sie sich von Ihrer oben unterscheidet.', required: 'Geben Sie die E-Mail-Adresse Ihres Vaultly-Kontos ein' },
    app_version: { label: 'App und Version', hint: 'Zum Beispiel: Vaultly 4.2.1 für Windows oder die Firefox-Erweiterung 4.2.0.', required: 'Sagen Sie uns, welche App und Version Sie nutzen' },
    os: { label: 'Betriebssystem', hint: 'Zum Beispiel: Windows 11, macOS 15, Ubuntu 24.04, Android 14, iOS 18.', required: 'Sagen Sie uns Ihr Betriebssystem' },
    error_message: { label: 'Die genaue Fehlermeldung', hint: 'Kopieren Sie sie genau, mit einem Code wie E-4012, falls einer angezeigt wurde.' },
    what_happened: { label: 'Was ist passiert?', required: 'Beschreiben Sie, was passiert ist' },
    steps_tried: { label: 'Was Sie schon versucht haben' },
    doing: { label: 'Was Sie gerade getan haben', required: 'Beschreiben Sie, was Sie getan haben, als der Fehler auftrat' },
    plan: { label: 'Ihr Tarif', required: 'Wählen Sie Ihren Tarif' },
    charge_issue: { label: 'Was stimmt mit der Abbuchung nicht?', required: 'Beschreiben Sie, was mit der Abbuchung nicht stimmt' },
    devices: { label: 'Betroffene Geräte', hint: 'Zum Beispiel: Windows-Laptop und iPhone 15.', required: 'Sagen Sie uns, welche Geräte betroffen sind' },
    when: { label: 'Wann ist es passiert?', hint: 'Ungefähres Datum und Uhrzeit.', required: 'Sagen Sie uns ungefähr, wann es passiert ist' },
    still_accessible: { label: 'Können Sie sich noch bei Ihrem Konto anmelden?', required: 'Sagen Sie uns, ob Sie sich noch anmelden können' },
    message: { label: 'Ihre Nachricht', required: 'Schreiben Sie Ihre Nachricht' },
  },
  options: { Yes: 'Ja', No: 'Nein', 'Not sure': 'Weiß nicht', Free: 'Kostenlos' },
};

/** The contact flow's text of a locale. */
export function contactStringsFor(locale: Locale): ContactStrings {
  return locale === 'de' ? CONTACT_DE : CONTACT_EN;
}

/** The tracking pages' text in one locale: asking for a link, opening it, the thread and its reply form. */
export type TrackStrings = {
  requestTitle: string;
  requestDescription: string;
  requestLead: string;
  reference: string;
  referenceHint: string;
  email: string;
  sendLink: string;
  expiredForm: string;
  bothRequired: string;
  sentTitle: string;
  sentDescription: string;
  sentLead: string;
  sentHelp: string;
  tryAgain: string;
  backHome: string;
  linkTitle: string;
  linkDescription: string;
  linkLead: string;
  viewRequest: string;
  problems: Record<'used' | 'expired' | 'unknown' | 'session' | 'form', { title: string; body: string }>;
  newLink: string;
  statuses: Record<'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed', string>;
  threadDescription: string;
  referenceLabel: string;
  statusLabel: string;
  replied: string;
  messages: string;
  you: string;
  support: string;
  replyHeading: string;
  yourMessage: string;
  neverAsk: string;
  sendReply: string;
  closedBefore: string;
  closedLink: string;
  replyExpired: string;
  replyEmpty: string;
  replyTooLong: (max: number) => string;
  replyClosed: string;
};

const TRACK_EN: TrackStrings = {
  requestTitle: 'Follow your request',
  requestDescription: 'Get a link to see the status of your support request and answer it.',
  requestLead: 'Enter your request’s reference and the email address you wrote from. We will email you a link to see its status and our replies, and to answer.',
  reference: 'Reference',
  referenceHint: 'It looks like CL-7KQ20M11 and is in the subject of our emails.',
  email: 'Your email address',
  sendLink: 'Email me a link',
  expiredForm: 'Your form expired or was opened in another browser. Please send it again.',
  bothRequired: 'Enter both the reference and your email address.',
  sentTitle: 'Check your email',
  sentDescription: 'If the reference and address match, a link is on its way.',
  sentLead: 'If the reference and the email address match one of our requests, we sent a link to that address. It works once, for 30 minutes.',
  sentHelp: 'No email after a few minutes? Check the reference in the subject of our emails, and your spam folder.',
  tryAgain: 'Try again',
  backHome: 'Back to the Help Center',
  linkTitle: 'View your request',
  linkDescription: 'Open your support request.',
  linkLead: 'This link opens your support request in this browser for one hour.',
  viewRequest: 'View my request',
  problems: {
    used: { title: 'This link was already used', body: 'Each link opens your request once. Ask for a new one below.' },
    expired: { title: 'This link has expired', body: 'Links work for 30 minutes. Ask for a new one below.' },
    unknown: { title: 'This link does not work', body: 'Check that you opened the whole link from the email, or ask for a new one below.' },
    session: { title: 'Your session has ended', body: 'For your privacy a request stays open for one hour. Ask for a new link below.' },
    form: { title: 'Your form expired', body: 'The page was opened in another browser or too long ago. Open the link from the email again, or ask for a new one.' },
  },
  newLink: 'Get a new link',
  statuses: {
    new: 'Received: waiting for our team',
    open: 'Open: our team is working on it',
    pending: 'Waiting for your answer',
    on_hold: 'On hold: we are waiting on someone else',
    solved: 'Solved',
    closed: 'Closed',
  },
  threadDescription: 'Your support request.',
  referenceLabel: 'Reference',
  statusLabel: 'Status',
  replied: 'Your reply was added. We will answer by email.',
  messages: 'Messages',
  you: 'You',
  support: 'Support',
  replyHeading: 'Reply',
  yourMessage: 'Your message',
  neverAsk: 'We will never ask for your master password, recovery codes or card number. Please don’t send them.',
  sendReply: 'Send reply',
  closedBefore: 'This request is closed. To continue,',
  closedLink: 'send a new request',
  replyExpired: 'Your form expired. Please write your reply again.',
  replyEmpty: 'Write your reply first.',
  replyTooLong: (max) => `Keep your reply under ${max} characters.`,
  replyClosed: 'This request is closed; send a new request instead.',
};

const TRACK_DE: TrackStrings = {
  requestTitle: 'Anfrage verfolgen',
  requestDescription: 'Erhalten Sie einen Link, um den Stand Ihrer Support-Anfrage zu sehen und zu antworten.',
  requestLead: 'Geben Sie die Referenz Ihrer Anfrage und die E-Mail-Adresse ein, von der Sie geschrieben haben. Wir senden Ihnen einen Link, mit dem Sie den Stand und unsere Antworten sehen und antworten können.',
  reference: 'Referenz',
  referenceHint: 'Sie sieht aus wie CL-7KQ20M11 und steht im Betreff unserer E-Mails.',
  email: 'Ihre E-Mail-Adresse',
  sendLink: 'Link per E-Mail senden',
  expiredForm: 'Ihr Formular ist abgelaufen oder wurde in einem anderen Browser geöffnet. Bitte senden Sie es noch einmal.',
  bothRequired: 'Geben Sie die Referenz und Ihre E-Mail-Adresse ein.',
  sentTitle: 'Sehen Sie in Ihr Postfach',
  sentDescription: 'Wenn Referenz und Adresse zusammenpassen, ist ein Link unterwegs.',
  sentLead: 'Wenn Referenz und E-Mail-Adresse zu einer unserer Anfragen passen, haben wir einen Link an diese Adresse gesendet. Er funktioniert einmal, 30 Minuten lang.',
  sentHelp: 'Nach ein paar Minuten keine E-Mail? Prüfen Sie die Referenz im Betreff unserer E-Mails und Ihren Spam-Ordner.',
  tryAgain: 'Noch einmal versuchen',
  backHome: 'Zurück zum Hilfe-Center',
  linkTitle: 'Ihre Anfrage ansehen',
  linkDescription: 'Öffnen Sie Ihre Support-Anfrage.',
  linkLead: 'Dieser Link öffnet Ihre Support-Anfrage für eine Stunde in diesem Browser.',
  viewRequest: 'Meine Anfrage ansehen',
  problems: {
    used: { title: 'Dieser Link wurde schon benutzt', body: 'Jeder Link öffnet Ihre Anfrage einmal. Fordern Sie unten einen neuen an.' },
    expired: { title: 'Dieser Link ist abgelaufen', body: 'Links gelten 30 Minuten. Fordern Sie unten einen neuen an.' },
    unknown: { title: 'Dieser Link funktioniert nicht', body: 'Prüfen Sie, ob Sie den ganzen Link aus der E-Mail geöffnet haben, oder fordern Sie unten einen neuen an.' },
    session: { title: 'Ihre Sitzung ist beendet', body: 'Zu Ihrem Schutz bleibt eine Anfrage eine Stunde lang geöffnet. Fordern Sie unten einen neuen Link an.' },
    form: { title: 'Ihr Formular ist abgelaufen', body: 'Die Seite wurde in einem anderen Browser oder vor zu langer Zeit geöffnet. Öffnen Sie den Link aus der E-Mail erneut oder fordern Sie einen neuen an.' },
  },
  newLink: 'Neuen Link anfordern',
  statuses: {
    new: 'Eingegangen: wartet auf unser Team',
    open: 'Offen: unser Team arbeitet daran',
    pending: 'Wartet auf Ihre Antwort',
    on_hold: 'Zurückgestellt: wir warten auf eine Rückmeldung Dritter',
    solved: 'Gelöst',
    closed: 'Geschlossen',
  },
  threadDescription: 'Ihre Support-Anfrage.',
  referenceLabel: 'Referenz',
  statusLabel: 'Status',
  replied: 'Ihre Antwort wurde hinzugefügt. Wir antworten per E-Mail.',
  messages: 'Nachrichten',
  you: 'Sie',
  support: 'Support',
  replyHeading: 'Antworten',
  yourMessage: 'Ihre Nachricht',
  neverAsk: 'Wir fragen nie nach Ihrem Master-Passwort, Ihren Wiederherstellungscodes oder Ihrer Kartennummer. Bitte senden Sie sie nicht.',
  sendReply: 'Antwort senden',
  closedBefore: 'Diese Anfrage ist geschlossen. Um fortzufahren,',
  closedLink: 'senden Sie eine neue Anfrage',
  replyExpired: 'Ihr Formular ist abgelaufen. Bitte schreiben Sie Ihre Antwort noch einmal.',
  replyEmpty: 'Schreiben Sie zuerst Ihre Antwort.',
  replyTooLong: (max) => `Ihre Antwort darf höchstens ${max} Zeichen lang sein.`,
  replyClosed: 'Diese Anfrage ist geschlossen; senden Sie bitte eine neue Anfrage.',
};

/** The tracking pages' text of a locale. */
export function trackStringsFor(locale: Locale): TrackStrings {
  return locale === 'de' ? TRACK_DE : TRACK_EN;
}
