import { NOT_A_PASSWORD, UNIT_WORDS } from './password-stop-words.ts';
import { GAP, OPT_GAP, WORD_START, placeholderAt, skipSpaces, tokenEnd, allMatches } from './scan.ts';
import type { Detector, Match, SecretKind } from './types.ts';

/** What a phrase detector looks for: which names announce the secret and how to label it. */
export type PhraseOptions = {
  kind: SecretKind;
  label: string;
  /** Regex source for names that take any connector: "password", "Passwort", "mot de passe". */
  names: string;
  /** Regex source for names that count only before ":" or "=": "pass". */
  colonOnlyNames?: string;
  /** Also read "username/password: bob / hunter2". */
  userPairs?: boolean;
};

/** "is", "was" and their German, French, Spanish, Italian and Portuguese counterparts. */
const VERB = String.raw`(?:is|was|ist|war|lautet|lautete|est|était|etait|es|era|è|é)(?![\p{L}\p{N}])`;
/** "the password (that) I use is …" */
const I_USE = String.raw`(?:(?:that|which)${GAP})?(?:i|we)${GAP}(?:use|used|have|had|set|chose|choose|typed|type|entered|enter|tried|try|created|picked)${GAP}`;
const ADVERB = String.raw`(?:now|currently|actually)(?![\p{L}\p{N}])`;
const CONNECTOR =
  String.raw`(?:${OPT_GAP}(?::=|=>|->|[:=])|${GAP}[-\u2013\u2014]|${GAP}(?:${I_USE})?${VERB}(?:${GAP}${ADVERB})?(?:${OPT_GAP}:)?)${OPT_GAP}`;
const CHANGE_VERB = String.raw`(?:chang(?:e|ed|ing)|set|reset|updat(?:e|ed|ing)|switch(?:ed|ing)?)`;
const OWNER = String.raw`(?:(?:my|the|our|your|his|her|their)${GAP})?`;

const QUOTES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’', '«': '»', '„': '“' };
const MASKED = /^[*•●∙·#xX._-]{3,}$|^[<([{]?\s*(?:hidden|redacted|removed|masked|omitted)\s*[>)\]}]?$/i;

/**
 * Builds a detector for a secret written after a phrase: "my password is X", "pw: X",
 * "Passwort ist X", "changed my password to X", "the password I use is X", "user/password: u / X".
 * X is the next token or a quoted string; words that say something about the password instead
 * ("is not working", "is too long", "******") are left alone.
 */
export function phraseDetector(options: PhraseOptions): Detector {
  const { kind, label, names } = options;
  const patterns = [
    new RegExp(String.raw`${WORD_START}(?:${names})${CONNECTOR}`, 'giu'),
    new RegExp(String.raw`${WORD_START}${CHANGE_VERB}${GAP}${OWNER}(?:${names})${GAP}(?:to|as)${GAP}`, 'giu'),
  ];
  if (options.colonOnlyNames !== undefined) {
    patterns.push(new RegExp(String.raw`${WORD_START}(?:${options.colonOnlyNames})${OPT_GAP}[:=]${OPT_GAP}`, 'giu'));
  }
  // "username/password: bob / hunter2": group 1 is the user name, which is not a secret.
  const anyName = [names, options.colonOnlyNames].filter((n) => n !== undefined).join('|');
  const userPair = options.userPairs !== true ? null : new RegExp(
    String.raw`${WORD_START}(?:user[ _-]?name|user|login|e-?mail|account)[ \t]{0,2}[/&][ \t]{0,2}(?:${anyName})` +
      String.raw`(?:${OPT_GAP}[:=]|${GAP}(?:are|is)(?![\p{L}\p{N}]))?${OPT_GAP}([^\s/]{1,100})[ \t]{0,3}/[ \t]{0,3}`,
    'dgiu',
  );
  return {
    kind,
    find(text) {
      const found: Match[] = [];
      const userNames = new Set<number>();
      if (userPair !== null) {
        for (const m of allMatches(userPair, text)) {
          const value = secretAfter(text, m.index + m[0].length);
          if (value === null) continue;
          userNames.add(m.indices![1]![0]);
          found.push({ start: value.start, end: value.end, kind, label });
        }
      }
      for (const re of patterns) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          const value = secretAfter(text, m.index + m[0].length);
          if (value === null || userNames.has(value.start)) continue;
          found.push({ start: value.start, end: value.end, kind, label });
          re.lastIndex = Math.max(re.lastIndex, value.end);
        }
      }
      return found;
    },
  };
}

/** The token or quoted string at `pos` when it can be a secret; null for "not", "******" and the like. */
function secretAfter(text: string, pos: number): { start: number; end: number } | null {
  if (pos >= text.length || placeholderAt(text, pos)) return null;
  const value = quotedAt(text, pos) ?? tokenAt(text, pos);
  return value !== null && mayBeSecret(value.word, text, value.end) ? value : null;
}

function quotedAt(text: string, pos: number): { start: number; end: number; word: string } | null {
  const close = QUOTES[text[pos]!];
  if (close === undefined) return null;
  const limit = Math.min(text.length, pos + 202);
  for (let i = pos + 2; i < limit && text[i] !== '\n'; i++) {
    if (text[i] === close) return { start: pos, end: i + 1, word: text.slice(pos + 1, i) };
  }
  return null;
}

/**
 * The non-space run at `pos`, less up to two closing marks of the sentence around it
 * (`hunter2.` and `hunter2").` are `hunter2`). A "!" stays: passwords end with one more often.
 */
function tokenAt(text: string, pos: number): { start: number; end: number; word: string } | null {
  let end = tokenEnd(text, pos);
  for (let k = 0; k < 2 && end - pos > 1 && '.,;:?)]}"\'”’»'.includes(text[end - 1]!); k++) end--;
  return end > pos ? { start: pos, end, word: text.slice(pos, end) } : null;
}

function mayBeSecret(word: string, text: string, end: number): boolean {
  if (MASKED.test(word)) return false;
  const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
  if (bare === '') return word.length >= 4;
  if (NOT_A_PASSWORD.has(bare)) return false;
  if (/^\d{1,3}$/.test(bare)) {
    const after = skipSpaces(text, end);
    const unit = /^\p{L}+/u.exec(text.slice(after, after + 20));
    if (unit !== null && UNIT_WORDS.has(unit[0].toLowerCase())) return false;
  }
  return true;
}
