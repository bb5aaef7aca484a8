import { CLAUSE, SENTENCE } from './pattern.ts';
import { allMatches } from '../redaction/scan.ts';

/** Lowercase, accents folded, typographic quotes made plain; the text every other step reads. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019\u201b`\u00b4]/g, "'");
}

/** Drops quoted reply lines ("> …"): the customer's earlier words, or ours, are not this message. */
export function stripQuoted(folded: string): string {
  return folded.replace(/^[ \t]*>.*$/gm, '');
}

const TOKEN = /[\p{L}\p{N}]+|[.!?;:]+(?=\s|$)|\n|,/gu;

/**
 * Words and boundary markers of folded text. French elision is dropped ("l'extension" →
 * extension) and other apostrophes joined ("can't" → cant), so lexicons name one form.
 */
export function tokenize(folded: string): string[] {
  const text = folded.replace(/\b(?:qu|[cdjlmnst])'(?=\p{L})/gu, ' ').replace(/'/g, '');
  const tokens: string[] = [];
  for (const m of allMatches(TOKEN, text)) {
    const t = m[0];
    const c = t.charCodeAt(0);
    if (c === 44) tokens.push(CLAUSE);
    else if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 10) {
      if (tokens[tokens.length - 1] !== SENTENCE) tokens.push(SENTENCE);
    } else tokens.push(t.length > 40 ? t.slice(0, 40) : t);
  }
  return tokens;
}

/** Canonical forms indexed by first word, so rewriting a long message costs one lookup per word. */
export class CanonicalForms {
  private readonly byFirst = new Map<string, { words: string[]; target: string[] }[]>();

  constructor(forms: Readonly<Record<string, string>>) {
    for (const [from, to] of Object.entries(forms)) {
      const words = from.split(' ');
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ words, target: to.split(' ') });
      this.byFirst.set(words[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Rewrites multi-word and foreign forms to canonical tokens; the longest form wins at each place. */
  apply(tokens: readonly string[]): string[] {
    const out: string[] = [];
    let i = 0;
    outer: while (i < tokens.length) {
      const forms = this.byFirst.get(tokens[i]!);
      if (forms) {
        for (const { words, target } of forms) {
          if (words.every((w, k) => tokens[i + k] === w)) {
            for (const t of target) out.push(t);
            i += words.length;
            continue outer;
          }
        }
      }
      out.push(tokens[i++]!);
    }
    return out;
  }
}
