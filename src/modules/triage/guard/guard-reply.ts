import { ABOUT_NOT_FOR, CUES, ELSEWHERE, LAST_DIGITS, NEGATION, TO_US, WARNING, type Cue } from './cues.ts';
import { SECRET_NAMES, type AskedSecret } from './secrets.ts';

/** The guard's answer: pass, or which secret the reply asks for and the words that ask. */
export type GuardVerdict = { blocked: false } | { blocked: true; secret: AskedSecret; label: string; phrase: string };

type Span = { start: number; end: number };
type Name = Span & { kind: AskedSecret; label: string };

/** Words a cue and the secret's name may have between them, within one clause ("send us a copy of your password"). */
const MAX_GAP_WORDS = 10;
/** Longer runs without a full stop are read in pieces this long (a real sentence is far shorter). */
const MAX_SENTENCE = 600;
const CLAUSE_BREAK = /[,;:()\u2013\u2014]|\s(?:but|however|aber|sondern|pero|sino|mais)\s/giu;
const REQUEST_LEAD = /^(?:(?:and|then|also|just|so|now|first|next|simply|finally)\s+)*(?:(?:please|kindly)\s+)?$|(?:please|kindly|could\s+you|can\s+you|would\s+you|will\s+you|(?:need|want|like|ask)\s+you\s+to|must|have\s+to|need\s+to|should)(?![\p{L}\p{N}])/iu;

function all(pattern: RegExp, text: string): Span[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function namesIn(sentence: string): Name[] {
  const found: Name[] = [];
  for (const { kind, label, pattern } of SECRET_NAMES) {
    for (const s of all(pattern, sentence)) {
      if (!found.some((f) => s.start < f.end && f.start < s.end)) found.push({ ...s, kind, label });
    }
  }
  return found;
}

const lastWords = (text: string, n: number): string => text.split(/\s+/).slice(-n - 1).join(' ');

const wordsIn = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** The clauses a match spans: from the clause break before it to the one after it. */
function clauseOf(sentence: string, span: Span): Span {
  let start = 0;
  let end = sentence.length;
  for (const b of all(CLAUSE_BREAK, sentence)) {
    if (b.end <= span.start) start = b.end;
    else if (b.start >= span.end) {
      end = b.start;
      break;
    }
  }
  return { start, end };
}

function asks(sentence: string, cue: Cue, at: Span, name: Name): boolean {
  const forward = name.start >= at.end && wordsIn(sentence.slice(at.end, name.start)) <= MAX_GAP_WORDS;
  const backward = cue.either === true && at.start >= name.end && wordsIn(sentence.slice(name.end, at.start)) <= MAX_GAP_WORDS;
  if (!forward && !backward) return false;
  const gap = forward ? sentence.slice(at.end, name.start) : sentence.slice(name.end, at.start);
  if (new RegExp(CLAUSE_BREAK.source, 'iu').test(gap)) return false;
  if (cue.kind === 'send' && ABOUT_NOT_FOR.test(sentence.slice(at.end))) return false;
  const span = { start: Math.min(at.start, name.start), end: Math.max(at.end, name.end) };
  const bounds = clauseOf(sentence, span);
  const clause = sentence.slice(bounds.start, bounds.end);
  const test = (re: RegExp, text = clause): boolean => new RegExp(re.source, re.flags.replace('g', '')).test(text);
  // Where it should go is said around the ask, not inside it ("reply with your codes" names no third party).
  const around = sentence.slice(bounds.start, span.start) + ' … ' + sentence.slice(span.end, bounds.end);
  const elsewhere = test(ELSEWHERE, around);
  if (test(NEGATION)) return false;
  if (name.kind === 'card_number' && test(LAST_DIGITS, lastWords(sentence.slice(0, name.start), 5))) return false;
  if (cue.kind === 'need' || cue.kind === 'question') return true;
  // Who receives it is said after the verb ("send us", "enter it below"), or anywhere for verb-last languages.
  const toUs = test(TO_US, forward ? sentence.slice(at.start, bounds.end) : clause);
  if (cue.kind === 'type') return toUs && !elsewhere;
  if (toUs) return true;
  if (elsewhere) return false;
  if (!cue.lead) return true;
  return REQUEST_LEAD.test(sentence.slice(clauseOf(sentence, at).start, at.start).trim());
}

function askIn(sentence: string): GuardVerdict {
  if (new RegExp(WARNING.source, 'iu').test(sentence)) return { blocked: false };
  const names = namesIn(sentence);
  if (names.length === 0) return { blocked: false };
  for (const cue of CUES) {
    for (const at of all(cue.pattern, sentence)) {
      for (const name of names) {
        if (!asks(sentence, cue, at, name)) continue;
        const phrase = sentence.slice(Math.min(at.start, name.start), Math.max(at.end, name.end)).replace(/\s+/g, ' ').trim();
        return { blocked: true, secret: name.kind, label: name.label, phrase: phrase.slice(0, 160) };
      }
    }
  }
  return { blocked: false };
}

/** Sentences of a reply without the lines it quotes ("> what's your password?" is the customer's). */
function sentencesOf(text: string): string[] {
  const own = text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n');
  return own.split(/(?<=[.!?;])\s+|\n+/u).flatMap(pieces).filter((s) => s.trim() !== '');
}

/** A run-on "sentence" in pieces of at most MAX_SENTENCE characters, so work stays linear. */
function pieces(sentence: string): string[] {
  if (sentence.length <= MAX_SENTENCE) return [sentence];
  const out: string[] = [];
  for (let i = 0; i < sentence.length; i += MAX_SENTENCE) out.push(sentence.slice(i, i + MAX_SENTENCE));
  return out;
}

/**
 * The outbound guard: whether an agent's reply asks the customer for a secret (password,
 * master password, recovery code, 2FA secret, full card number) in English, German, Spanish or
 * French. Replies that warn against sharing ("we will never ask for your master password")
 * or point elsewhere ("enter it in the app") pass.
 * @example guardReply('Please send us your master password.') // { blocked: true, secret: 'master_password', label: 'master password', phrase: 'send us your master password' }
 */
export function guardReply(text: string): GuardVerdict {
  for (const sentence of sentencesOf(text.slice(0, 200_000))) {
    const verdict = askIn(sentence);
    if (verdict.blocked) return verdict;
  }
  return { blocked: false };
}
