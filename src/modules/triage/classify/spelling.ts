/**
 * Forgiving matching for the typos customers make in the words lexicons care about
 * ("pasword", "acount", "instaling", "subscripton"): one missing, extra or swapped letter
 * in a word of 6+ letters. Substitutions are not forgiven: "charged" must never become
 * "changed".
 */
export class SpellingCorrector {
  private readonly exact = new Set<string>();
  private readonly prefixes = new Set<string>();
  private readonly prefixLengths: number[];
  /** A word with one letter removed → the vocabulary word it came from. */
  private readonly deletions = new Map<string, { word: string; prefix: boolean }>();
  private readonly memo = new Map<string, string>();

  constructor(vocabulary: readonly { text: string; prefix: boolean }[]) {
    const lengths = new Set<number>();
    for (const { text, prefix } of vocabulary) {
      if (prefix) { this.prefixes.add(text); lengths.add(text.length); } else this.exact.add(text);
      if (text.length < 6 || !/^[a-z]+$/.test(text)) continue;
      for (let i = 0; i < text.length; i++) {
        const del = text.slice(0, i) + text.slice(i + 1);
        if (!this.deletions.has(del)) this.deletions.set(del, { word: text, prefix });
      }
    }
    this.prefixLengths = [...lengths].sort((a, b) => a - b);
  }

  /** The token itself when known or not worth correcting, else its one-edit correction. */
  correct(token: string): string {
    if (token.length < 6 || token.length > 24 || !/^[a-z]+$/.test(token)) return token;
    const cached = this.memo.get(token);
    if (cached !== undefined) return cached;
    const fixed = this.known(token) ? token : (this.repair(token) ?? token);
    if (this.memo.size < 50_000) this.memo.set(token, fixed);
    return fixed;
  }

  /** Whether the word is in the vocabulary; a repair only trusts prefixes of minLength+ letters. */
  private known(word: string, minLength = 1): boolean {
    if (this.exact.has(word)) return true;
    for (const len of this.prefixLengths) {
      if (len > word.length) break;
      if (len < minLength) continue;
      if (this.prefixes.has(word.slice(0, len))) return true;
    }
    return false;
  }

  private repair(token: string): string | null {
    // one letter too many, or two letters swapped
    for (let i = 0; i < token.length; i++) {
      const del = token.slice(0, i) + token.slice(i + 1);
      if (del.length >= 5 && this.known(del, 5)) return del;
      if (i + 1 < token.length && token[i] !== token[i + 1]) {
        const swap = token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2);
        if (this.known(swap, 5)) return swap;
      }
    }
    // one letter missing: the token (or its start, for prefix words) is a vocabulary word minus a letter
    const whole = this.deletions.get(token);
    if (whole) return whole.word;
    for (let len = token.length - 1; len >= 5; len--) {
      const hit = this.deletions.get(token.slice(0, len));
      if (hit?.prefix) return hit.word + token.slice(len);
    }
    return null;
  }
}
