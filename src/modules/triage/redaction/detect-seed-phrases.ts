import { ANNOUNCE, LIST_MARKER, LIST_SEPARATOR, WORD_START, skip, allMatches } from './scan.ts';
import type { Detector, Match } from './types.ts';

const LABEL = '[recovery code removed]';

/** "seed phrase", "recovery phrase", "secret recovery phrase", "mnemonic", then what may sit before the words. */
const SEED_PHRASE = new RegExp(
  String.raw`${WORD_START}(?:(?:secret[ _-]?)?(?:seed|recovery|mnemonic|backup|wallet)[ _-]?(?:phrase|words)|mnemonic)` +
    String.raw`(?![\p{L}\p{N}])${ANNOUNCE}`,
  'giu',
);

/** A BIP-39 English word has 3 to 8 letters. */
const WORD = /[A-Za-z]{3,8}(?![\p{L}\p{N}'’-])/uy;

/**
 * Common English words that are not BIP-39 words; two or more of them in a run mean prose.
 * (A heuristic: Careline ships no BIP-39 word list.)
 */
const PROSE_WORDS = new Set([
  'the', 'and', 'that', 'this', 'with', 'have', 'was', 'were', 'they', 'them', 'their', 'there', 'what',
  'when', 'where', 'which', 'would', 'could', 'should', 'from', 'your', 'been', 'please', 'thanks',
  'because', 'but', 'not', 'cannot', 'did', 'does', 'are', 'you', 'him', 'her', 'its', 'our', 'how', 'why',
  'anymore', 'somewhere',
]);

/** BIP-39-like mnemonics: 12 to 24 short words after "seed phrase", "recovery phrase" or "mnemonic". */
export const seedPhrases: Detector = {
  kind: 'recovery_code',
  find(text) {
    const found: Match[] = [];
    for (const p of allMatches(SEED_PHRASE, text)) {
      const start = p.index + p[0].length;
      if (found.length > 0 && start < found[found.length - 1]!.end) continue;
      const end = wordsEnd(text, start);
      if (end !== null) found.push({ start, end, kind: 'recovery_code', label: LABEL });
    }
    return found;
  },
};

/** Mnemonic lengths BIP-39 allows; a longer run is cut to the longest of them, so trailing prose stays. */
const LENGTHS = [24, 21, 18, 15, 12];

/** End of a run of 12–24 mnemonic words at `pos` (numbered or not), or null. */
function wordsEnd(text: string, pos: number): number | null {
  const ends: number[] = [];
  const prose: number[] = [];
  for (let i = pos; ends.length < 24; ) {
    WORD.lastIndex = skip(LIST_MARKER, text, i);
    const word = WORD.exec(text);
    if (word === null) break;
    ends.push(WORD.lastIndex);
    if (PROSE_WORDS.has(word[0].toLowerCase())) prose.push(ends.length);
    i = skip(LIST_SEPARATOR, text, WORD.lastIndex);
    if (i === WORD.lastIndex) break;
  }
  const n = LENGTHS.find((length) => length <= ends.length);
  if (n === undefined || prose.filter((k) => k <= n).length >= 2) return null;
  return ends[n - 1]!;
}
