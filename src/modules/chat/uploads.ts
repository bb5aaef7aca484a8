import { badRequest } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';
import { CHAT_LIMITS } from './model.ts';

/** What a visitor may upload: 10 MB of an image, a PDF, plain text or a log. */
export const UPLOAD_LIMITS = Object.freeze({
  bytes: 10 * 1024 * 1024,
  types: Object.freeze(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/x-log']),
});

/** A stored upload waiting for the message that names it. */
export type Upload = { id: number; filename: string; contentType: string; size: number };

/** Records bytes already stored durably (content-addressed under the data dir) as the visitor's upload. */
export async function recordUpload(db: Db, visitorId: number, file: { filename: string; contentType: string; size: number; storageKey: string }, now: string): Promise<Upload> {
  const row = await db
    .insertInto('chat_uploads')
    .values({ visitor_id: visitorId, filename: file.filename, content_type: file.contentType, size: file.size, storage_key: file.storageKey, attachment_id: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, filename: file.filename, contentType: file.contentType, size: file.size };
}

/**
 * Links the visitor's uploads to a message as attachments, in the caller's transaction. Ids
 * that are not this visitor's, or already attached, refuse the whole message.
 */
export async function attachUploads(work: Work, visitorId: number, messageId: number, ids: number[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  if (wanted.length > CHAT_LIMITS.attachments) throw badRequest(`At most ${CHAT_LIMITS.attachments} attachments per message`, { attachments: 'too many' });
  const uploads = await work.trx.selectFrom('chat_uploads').selectAll().where('id', 'in', wanted).where('visitor_id', '=', visitorId).where('attachment_id', 'is', null).execute();
  if (uploads.length !== wanted.length) throw badRequest('An attachment id is unknown or already used; upload the file again', { attachments: 'unknown' });
  for (const u of uploads) {
    const row = await work.trx
      .insertInto('attachments')
      .values({ message_id: messageId, filename: u.filename, content_type: u.content_type, size: u.size, storage_key: u.storage_key, content_id: null, created_at: work.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await work.trx.updateTable('chat_uploads').set({ attachment_id: row.id }).where('id', '=', u.id).execute();
  }
}
