/** One recipient block of a delivery status notification (RFC 3464). */
export type RecipientStatus = { address: string; action: string; status: string; diagnostic: string };

/**
 * Reads the per-recipient blocks of a message/delivery-status body: Final-Recipient (or
 * Original-Recipient), Action, Status and Diagnostic-Code. Lenient: unknown fields are skipped.
 */
export function parseDeliveryStatus(body: string): RecipientStatus[] {
  const blocks = body.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split(/\n\s*\n/).slice(0, 100);
  const recipients: RecipientStatus[] = [];
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
    }
    const recipient = fields.get('final-recipient') ?? fields.get('original-recipient');
    if (!recipient) continue;
    recipients.push({
      address: recipient.replace(/^[^;]*;\s*/, '').replace(/^<|>$/g, '').trim().toLowerCase().slice(0, 254),
      action: (fields.get('action') ?? '').toLowerCase(),
      status: fields.get('status') ?? '',
      diagnostic: (fields.get('diagnostic-code') ?? '').replace(/^[^;]*;\s*/, '').slice(0, 500),
    });
  }
  return recipients;
}
