import type { Locale } from '../../src/modules/helpcenter/index.ts';

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
