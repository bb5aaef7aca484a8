/**
 * Sent back to the customer, in the channel the secret came in, whenever something was removed
 * from their message: support never needs these, what they sent is gone, changing it is wise.
 */
export const SECRET_NOTICE =
  'For your safety, we removed what looked like a password, recovery code or card number from your message. ' +
  'Our support team never needs your password, master password, recovery codes or full card number. ' +
  'If you shared any of these, please consider changing them.';
