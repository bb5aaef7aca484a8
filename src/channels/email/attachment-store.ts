import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { InboundAttachment } from '../../modules/tickets/index.ts';
import type { ParsedAttachment } from './parse-email.ts';

/** Where attachment bytes live: `<dataDir>/attachments/<storageKey>`. */
export function attachmentPath(dataDir: string, storageKey: string): string {
  return join(dataDir, 'attachments', storageKey);
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes bytes content-addressed by SHA-256 (the same file is stored once), fsyncs the file
 * and its directories, and returns the storage key. Done BEFORE the transaction that links
 * the file, so a committed row never points at bytes a crash could lose; a crash in between
 * leaves at worst an unreferenced file.
 */
export async function storeBytes(dataDir: string, content: Buffer): Promise<string> {
  const hash = createHash('sha256').update(content).digest('hex');
  const storageKey = `sha256/${hash.slice(0, 2)}/${hash}`;
  const path = attachmentPath(dataDir, storageKey);
  const existing = await stat(path).catch(() => null);
  if (existing?.size === content.length) return storageKey;
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o640);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await fsyncPath(dirname(path));
  await fsyncPath(dirname(dirname(path)));
  return storageKey;
}

/** Stores every file of a message durably and describes them for the ticket's message. */
export async function storeAttachments(dataDir: string, files: ParsedAttachment[]): Promise<InboundAttachment[]> {
  const stored: InboundAttachment[] = [];
  for (const f of files) {
    stored.push({ filename: f.filename, contentType: f.contentType, size: f.content.length, storageKey: await storeBytes(dataDir, f.content), contentId: f.contentId });
  }
  return stored;
}
