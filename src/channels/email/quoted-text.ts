/** A message's text split for display: what the sender wrote, and the quoted history below it. */
export type QuotedSplit = { visible: string; quoted: string | null };

const MAX_SCAN_LINES = 5_000;
const NAME_LINE = /^\s*(from|von|de|van|da|från|sent|gesendet|envoyé|date|datum|to|an|à|aan|cc|subject|betreff|objet|onderwerp)\s*:/i;

/**
 * Lines that open a quoted reply in the clients people write with, in English, German, French,
 * Spanish and Dutch: Gmail ("On Mon, 24 Nov 2026 at 10:02, Ana <a@x> wrote:", which Gmail
 * wraps before "wrote:"), Apple Mail ("On 24 Nov 2026, at 10:02, Ana <a@x> wrote:"), German
 * clients ("Am 24.11.2026 um 10:02 schrieb Ana <a@x>:"), Outlook's "-----Original
 * Message-----" / "-----Ursprüngliche Nachricht-----" and its underscore rule.
 */
const OPENERS: RegExp[] = [
  /^\s*On\b.{1,250}\bwrote:\s*$/i,
  /^\s*Am\b.{1,250}\bschrieb\b.{0,250}:\s*$/i,
  /^\s*Le\b.{1,250}\ba écrit\s*:\s*$/i,
  /^\s*El\b.{1,250}\bescribió\s*:\s*$/i,
  /^\s*Op\b.{1,250}\bschreef\b.{0,250}:\s*$/i,
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht)\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*(Forwarded message|Weitergeleitete Nachricht)\s*-{2,}\s*$/i,
];

/** Gmail wraps a long "On …, Ana <a@x>" line and puts "wrote:" (or "schrieb:") on the next one. */
const WRAPPED_OPENER = [/^\s*(On|Am|Le|El|Op)\b.{1,250}$/i, /^\s*.{0,250}\b(wrote|schrieb|a écrit|escribió|schreef)\s*:\s*$/i];

/**
 * Splits a plain-text email body at the first line that opens quoted history: a client's
 * "On … wrote:" line (in several languages), Outlook's original-message rule or header block
 * ("From: … Sent: … To: … Subject:"), or a trailing run of "> " lines. The full original stays
 * stored; this is only what to show first. When nothing would be left above the split (a
 * forward, or a message that is all quote) nothing is trimmed.
 */
export function splitQuoted(text: string): QuotedSplit {
  const lines = text.split(/\r?\n/);
  const limit = Math.min(lines.length, MAX_SCAN_LINES);
  let cut = -1;
  for (let i = 0; i < limit && cut < 0; i++) {
    const line = lines[i]!;
    if (line.length > 500) continue;
    if (OPENERS.some((re) => re.test(line))) cut = i;
    else if (i + 1 < limit && WRAPPED_OPENER[0]!.test(line) && WRAPPED_OPENER[1]!.test(lines[i + 1]!) && !OPENERS.some((re) => re.test(lines[i + 1]!))) cut = i;
    else if (/^\s*_{10,}\s*$/.test(line) && i + 1 < limit && NAME_LINE.test(lines[i + 1]!)) cut = i;
    else if (isOutlookHeaderBlock(lines, i)) cut = i;
  }
  if (cut < 0) cut = trailingQuoteStart(lines);
  if (cut < 0) return { visible: text, quoted: null };
  const visible = lines.slice(0, cut).join('\n').replace(/\s+$/, '');
  if (!/\S/.test(visible)) return { visible: text, quoted: null };
  return { visible, quoted: lines.slice(cut).join('\n') };
}

/** "From:" (or "Von:", "De:") followed within a few lines by "Sent:"/"Date:" and "Subject:": Outlook's reply header. */
function isOutlookHeaderBlock(lines: string[], i: number): boolean {
  if (!/^\s*\*?(From|Von|De|Van)\s*:\*?\s*\S/i.test(lines[i]!)) return false;
  const next = lines.slice(i + 1, i + 6);
  return next.some((l) => /^\s*\*?(Sent|Gesendet|Envoyé|Enviado|Verzonden|Date|Datum)\s*:/i.test(l)) && next.some((l) => /^\s*\*?(Subject|Betreff|Objet|Asunto|Onderwerp)\s*:/i.test(l));
}

/** Where a final run of "> " lines (blank lines allowed between) begins, or -1. */
function trailingQuoteStart(lines: string[]): number {
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (/^\s*>/.test(line)) start = i;
    else if (line.trim() !== '') break;
  }
  return start;
}
