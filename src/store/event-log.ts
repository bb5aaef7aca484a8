import type { Actor, DomainEvent, StoredEvent } from '../kernel/events.ts';
import type { Db, Tx } from './database.ts';

function actorColumns(actor: Actor): { actor_type: string; actor_id: number | null } {
  return { actor_type: actor.type, actor_id: actor.type === 'system' ? null : actor.id };
}

function toActor(type: string, id: number | null): Actor {
  if (type === 'system' || id === null) return { type: 'system' };
  return { type: type as 'agent' | 'token' | 'customer', id };
}

/** Appends events inside the caller's transaction and returns them as stored. */
export async function appendEvents(trx: Tx, events: readonly DomainEvent[], at: string): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const e of events) {
    const row = await trx
      .insertInto('events')
      .values({
        type: e.type,
        ticket_id: e.ticketId,
        customer_id: e.customerId,
        ...actorColumns(e.actor),
        data: JSON.stringify(e.data),
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    stored.push({ ...e, id: row.id, createdAt: at });
  }
  return stored;
}

/** A ticket's history, oldest first: the audit trail of who changed what and when. */
export async function ticketEvents(db: Db, ticketId: number): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map(
    (r) =>
      ({
        id: r.id,
        type: r.type,
        ticketId: r.ticket_id,
        customerId: r.customer_id,
        actor: toActor(r.actor_type, r.actor_id),
        data: JSON.parse(r.data) as unknown,
        createdAt: r.created_at,
      }) as StoredEvent,
  );
}
