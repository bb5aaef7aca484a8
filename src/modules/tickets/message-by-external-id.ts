import { compiledOnce } from '../../store/compiled-once.ts';
import type { Db, Tx } from '../../store/database.ts';
import type { Channel } from './model.ts';

const query = compiledOnce((db, channel: string, externalId: string) =>
  db.selectFrom('messages').select(['id', 'ticket_id']).where('channel', '=', channel).where('external_id', '=', externalId),
);

/**
 * The message stored under a channel's own id (an email's Message-ID), if any: every inbound
 * message and every ticket with an external id asks this first, so it is compiled once.
 */
export async function messageByExternalId(db: Db | Tx, channel: Channel, externalId: string): Promise<{ id: number; ticket_id: number } | undefined> {
  return (await query(db, channel, externalId)).rows[0];
}
