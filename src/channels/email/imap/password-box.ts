import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../../../kernel/errors.ts';

/** Seals secrets for storage and opens them again; `context` binds a sealed value to its row. */
export type PasswordBox = {
  seal(plain: string, context: string): string;
  /** The plain secret; a value stored before sealing existed comes back as it is. */
  open(stored: string, context: string): string;
};

const PREFIX = 'aes256gcm:v1:';

/** Whether a stored value is sealed (anything else is a password stored before encryption at rest). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * AES-256-GCM with a key derived (HKDF-SHA256) from the deployment secret
 * (CARELINE_SESSION_SECRET, or the one generated into the data dir): a random 96-bit nonce per
 * value, the row's context as additional data, so a sealed password copied to another
 * mailbox's row does not open. A changed secret makes stored passwords unreadable (set them again).
 */
export function passwordBox(secret: string, purpose = 'imap-password'): PasswordBox {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('careline'), Buffer.from(purpose), 32));
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
    },
    open(stored, context) {
      if (!isSealed(stored)) return stored;
      const [iv, tag, body] = stored.slice(PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64url'));
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv!);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag!);
        return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
      } catch {
        throw new AppError('internal', 'A stored password cannot be decrypted (was CARELINE_SESSION_SECRET changed?); set it again');
      }
    },
  };
}

/** The box IMAP passwords are sealed with in this deployment. */
export function imapPasswordBox(config: { secrets: { sessionKey: string } }): PasswordBox {
  return passwordBox(config.secrets.sessionKey, 'imap-password');
}
