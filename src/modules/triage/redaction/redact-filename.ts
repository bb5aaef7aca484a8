import { addWithoutOverlap, applyMatches, findSecrets } from './redact-text.ts';
import type { Match, Redaction } from './types.ts';

/** A short extension (".png", ".tar", ".txt") stays as it is. */
const EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

/**
 * Removes secrets from an attachment's name, keeping its extension:
 * `card 4242424242424242.png` → `card [card ending 4242 removed].png`.
 * Names use `_`, `-`, `.` and `+` where prose uses spaces, so the stem is also read with those
 * turned into spaces (same length, so positions carry over) and the findings are merged.
 */
export function redactFilename(name: string): Redaction {
  const ext = EXTENSION.exec(name);
  const stem = ext !== null && ext.index > 0 ? name.slice(0, ext.index) : name;
  const views = [stem, stem.replace(/[_+.]/g, ' '), stem.replace(/[_+.-]/g, ' ')];
  let matches: Match[] = [];
  for (const view of views) matches = addWithoutOverlap(matches, findSecrets(view));
  const redacted = applyMatches(stem, matches);
  return { text: redacted.text + name.slice(stem.length), findings: redacted.findings };
}
