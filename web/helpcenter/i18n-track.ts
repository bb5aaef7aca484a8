import type { Locale } from '../../src/modules/helpcenter/index.ts';

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
