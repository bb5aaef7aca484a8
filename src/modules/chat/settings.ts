import { randomBytes } from 'node:crypto';
import type { Db } from '../../store/database.ts';

/** The workspace's chat settings: the secret host apps sign identities with, and whether chat requires one. */
export type ChatSettings = { identitySecret: string; enforceIdentity: boolean; updatedAt: string };

const newIdentitySecret = (): string => randomBytes(32).toString('base64url');

/** The settings, creating them (with a new identity secret) on first use; safe when nodes race. */
export async function getChatSettings(db: Db, now: string): Promise<ChatSettings> {
  let row = await db.selectFrom('chat_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) {
    await db.insertInto('chat_settings').values({ id: 1, identity_secret: newIdentitySecret(), enforce_identity: 0, updated_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
    row = await db.selectFrom('chat_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  }
  return { identitySecret: row.identity_secret, enforceIdentity: row.enforce_identity === 1, updatedAt: row.updated_at };
}

/** Turns identity enforcement on or off. */
export async function updateChatSettings(db: Db, patch: { enforceIdentity?: boolean }, now: string): Promise<ChatSettings> {
  await getChatSettings(db, now);
  if (patch.enforceIdentity !== undefined) {
    await db.updateTable('chat_settings').set({ enforce_identity: patch.enforceIdentity ? 1 : 0, updated_at: now }).where('id', '=', 1).execute();
  }
  return getChatSettings(db, now);
}

/** Replaces the identity secret: identities signed with the old one stop working at once. */
export async function rotateIdentitySecret(db: Db, now: string): Promise<ChatSettings> {
  await getChatSettings(db, now);
  await db.updateTable('chat_settings').set({ identity_secret: newIdentitySecret(), updated_at: now }).where('id', '=', 1).execute();
  return getChatSettings(db, now);
}
