import type { Detector, Match } from './types.ts';

/** A PEM or PGP armour header for private key material (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP …). */
const BEGIN = /-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY( BLOCK)?-----/g;

/** Base64 words of a key body, and the armour headers that may precede it. */
const BASE64_WORD = /^[A-Za-z0-9+/]+={0,2}$|^=[A-Za-z0-9+/]{4}$/;
const ARMOUR_HEADER = /^(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset):$/;

const LABEL = '[private key removed]';

/**
 * Private keys in PEM or PGP armour, from BEGIN through the matching END line. A block whose END
 * was not pasted is removed from BEGIN through the base64 that follows it.
 */
export const privateKeys: Detector = {
  kind: 'private_key',
  find(text) {
    const found: Match[] = [];
    const missingEnds = new Set<string>();
    BEGIN.lastIndex = 0;
    for (let begin = BEGIN.exec(text); begin !== null; begin = BEGIN.exec(text)) {
      const endMarker = `-----END ${begin[1] ?? ''}PRIVATE KEY${begin[2] ?? ''}-----`;
      const after = BEGIN.lastIndex;
      // Once an END is known to be missing, later BEGINs of that kind need not search again:
      // this keeps many unmatched BEGIN lines linear.
      const endAt = missingEnds.has(endMarker) ? -1 : text.indexOf(endMarker, after);
      if (endAt < 0) missingEnds.add(endMarker);
      const end = endAt >= 0 ? endAt + endMarker.length : bodyEnd(text, after);
      found.push({ start: begin.index, end, kind: 'private_key', label: LABEL });
      BEGIN.lastIndex = end;
    }
    return found;
  },
};

/**
 * End of the key body after a BEGIN line with no END: the run of base64 words (at least 16
 * characters, or with a digit, `+`, `/` or `=`, so prose words stop it) and armour header lines.
 */
function bodyEnd(text: string, pos: number): number {
  const word = /\S{1,200}/g;
  word.lastIndex = pos;
  let end = pos;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    if (ARMOUR_HEADER.test(m[0])) {
      const eol = text.indexOf('\n', word.lastIndex);
      end = eol < 0 ? text.length : eol;
      word.lastIndex = end;
    } else if (BASE64_WORD.test(m[0]) && (m[0].length >= 16 || /[0-9+/=]/.test(m[0]))) {
      end = word.lastIndex;
    } else {
      break;
    }
  }
  return end;
}
