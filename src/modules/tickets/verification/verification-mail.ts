const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What the customer receives: the code to read out, the link to click, and the warning. */
export function verificationMail(input: { reference: string; code: string; link: string; minutes: number }): { subject: string; text: string; html: string } {
  const { reference, code, link, minutes } = input;
  const text = [
    `Hello,`,
    ``,
    `Our support team asked to confirm it is really you on your support request ${reference}.`,
    ``,
    `Your code: ${code}`,
    `Tell this code to the agent helping you, or confirm with this link:`,
    link,
    ``,
    `The code and the link work once, for ${minutes} minutes.`,
    `If you did not contact us, ignore this email: nothing changes without the code.`,
    `We will never ask for your password, master password, recovery codes or card number.`,
  ].join('\n');
  const safeLink = escape(link);
  const html = [
    `<p>Hello,</p>`,
    `<p>Our support team asked to confirm it is really you on your support request <strong>${reference}</strong>.</p>`,
    `<p style="font-size:24px;letter-spacing:4px"><strong>${code}</strong></p>`,
    `<p>Tell this code to the agent helping you, or <a href="${safeLink}">confirm with this link</a>.</p>`,
    `<p>The code and the link work once, for ${minutes} minutes. If you did not contact us, ignore this email: nothing changes without the code.</p>`,
    `<p>We will never ask for your password, master password, recovery codes or card number.</p>`,
  ].join('\n');
  return { subject: `Confirm it's you: support request ${reference}`, text, html };
}

/** An address shown in history without giving it away: `a***@example.org`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
