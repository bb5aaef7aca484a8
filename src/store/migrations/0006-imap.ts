import type { Kysely } from 'kysely';

/**
 * IMAP polling for mailboxes hosted elsewhere: one row per polled mailbox with its server,
 * credentials (the password as given; encryption at rest is future work), folder, what to do
 * with a message once committed (`flag`: \Seen plus a keyword; `move`: to another folder), and
 * the UID state: the folder's UIDVALIDITY and the highest UID already committed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mailbox_imap')
    .addColumn('mailbox_id', 'integer', (c) => c.primaryKey().references('mailboxes.id').onDelete('cascade'))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('secure', 'integer', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password', 'text', (c) => c.notNull())
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('after_commit', 'text', (c) => c.notNull())
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('move_to', 'text')
    .addColumn('uidvalidity', 'text')
    .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('polled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mailbox_imap').execute();
}
