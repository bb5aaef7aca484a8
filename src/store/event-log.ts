import type { Actor, DomainEvent, StoredEvent } from '../kernel/events.ts';
import { compiledOnce } from './compiled-once.ts';
import type { Db, Tx } from './database.ts';

function actorColumns(actor: Actor): { actor_type: string; actor_id: number | null } {
  return { actor_type: actor.type, actor_id: actor.type === 'system' ? null : actor.id };
}

function toActor(type: string, id: number | null): Actor {
  if (type === 'system' || id === null) return { type: 'system' };
  return { type: type as 'agent' | 'token' | 'customer', id };
}

/** One event, the usual case (a chat message, a status change): built and compiled once. */
const appendOne = compiledOnce((db, type: string, ticketId: number | null, customerId: number | null, actorType: string, actorId: number | null, data: string, createdAt: string) =>
  db.insertInto('events').values({ type, ticket_id: ticketId, customer_id: customerId, actor_type: actorType, actor_id: actorId, data, created_at: createdAt }).returning('id'),
);

/** Appends events inside the caller's transaction, in one statement, and returns them as stored. */
export async function appendEvents(trx: Tx, events: readonly DomainEvent[], at: string): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  if (events.length === 1) {
    const e = events[0]!;
    const { actor_type, actor_id } = actorColumns(e.actor);
    const { rows } = await appendOne(trx, e.type, e.ticketId, e.customerId, actor_type, actor_id, JSON.stringify(e.data), at);
    return [{ ...e, id: rows[0]!.id, createdAt: at } as StoredEvent];
  }
  const rows = await trx
    .insertInto('events')
    .values(
      events.map((e) => ({
        type: e.type,
        ticket_id: e.ticketId,
        customer_id: e.customerId,
        ...actorColumns(e.actor),
        data: JSON.stringify(e.data),
        created_at: at,
      })),
    )
    .returning('id')
    .execute();
  // Ids of one multi-row insert are assigned in VALUES order on both dialects; RETURNING's order is not promised.
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  return events.map((e, i) => ({ ...e, id: ids[i]!, createdAt: at }) as StoredEvent);
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
