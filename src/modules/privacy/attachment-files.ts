import { rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/** Where attachment files live; erasure deletes through it after the database committed. */
export interface AttachmentFiles {
  remove(storageKey: string): Promise<void>;
}

/**
 * Attachment files under `<data dir>/attachments/<storage key>`; a key that would leave that
 * directory is refused. A file already gone counts as removed.
 */
export function dataDirFiles(dataDir: string): AttachmentFiles {
  const root = resolve(join(dataDir, 'attachments'));
  return {
    async remove(storageKey) {
      const path = resolve(root, storageKey);
      if (!path.startsWith(root + sep)) throw new Error(`attachment key ${storageKey.slice(0, 100)} is outside the attachments directory`);
      await rm(path, { force: true });
    },
  };
}
