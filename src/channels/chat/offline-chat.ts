import type { Deps } from '../../deps.ts';
import { AppError, badRequest } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/events.ts';
import { chatExternalId, chatSubject, linkVisitor, type Visitor } from '../../modules/chat/index.ts';
import { findOrCreateCustomer, isEmail } from '../../modules/customers/index.ts';
import { findTeam } from '../../modules/identity/index.ts';
import { mailHost } from '../../modules/outbox/index.ts';
import { createTicket, getTicketById, signIdentity, verifyBySignedIdentity, type Category } from '../../modules/tickets/index.ts';
import { trackingPageUrl } from '../../modules/tracking/index.ts';
import { acknowledgementSubject, outboundHeaders } from '../email/outbound/index.ts';
import { acknowledgementBody } from '../email/outbound/compose.ts';

/** A chat left while nobody can take it: the same fields as `start`, with an email required. */
export type OfflineChat = {
  clientId: string;
  text: string;
  email: string | undefined;
  name?: string | undefined;
  team?: string | undefined;
  category?: Category | undefined;
  /** The identity the host app signed at hello: the ticket is recorded as verified by it. */
  verified?: { email: string; secret: string } | undefined;
};

/** What an offline chat became: an email ticket, acknowledged by mail with its reference. */
export type OfflineTicket = { ticketId: number; reference: string; messageId: number; at: string; created: boolean };

/**
 * Turns a chat nobody can take into an **email** ticket for the address the visitor gave, and
 * mails the acknowledgement with its reference through the outbox, in one transaction. The
 * same client id again returns the ticket the first call made.
 */
export async function startOfflineChat(deps: Pick<Deps, 'uow' | 'outbox' | 'config'>, visitor: Visitor, input: OfflineChat): Promise<OfflineTicket> {
  const email = input.email?.trim();
  if (!email) throw new AppError('validation_failed', 'Nobody is online right now; leave your email address and we answer by email', { email: 'required' });
  if (!isEmail(email)) throw badRequest(`"${email.slice(0, 254)}" is not an email address`, { email: 'invalid' });
  const externalId = chatExternalId({ type: 'visitor', id: visitor.id }, input.clientId);
  return deps.uow(async (work) => {
    const { trx } = work;
    const seen = await trx.selectFrom('messages').select(['id', 'ticket_id', 'created_at']).where('channel', '=', 'email').where('external_id', '=', externalId).executeTakeFirst();
    if (seen) {
      const ticket = await getTicketById(trx, seen.ticket_id);
      return { ticketId: ticket.id, reference: ticket.reference, messageId: seen.id, at: seen.created_at, created: false };
    }
    const team = input.team ? await findTeam(trx, input.team) : null;
    const { customer } = await findOrCreateCustomer(work, { kind: 'email', value: email }, input.name?.trim() || null, { type: 'system' });
    if (visitor.customerId === null) await linkVisitor(work, visitor, customer.id, false);
    const actor: Actor = { type: 'customer', id: customer.id };
    const made = await createTicket(work, {
      subject: chatSubject(input.text),
      body: { text: input.text },
      customer: { id: customer.id },
      channel: 'email',
      teamId: team?.id ?? null,
      externalId,
      hints: { formCategory: input.category ?? null },
      ...(input.category ? { category: input.category } : {}),
    }, actor);
    if (!made.created) throw new AppError('conflict', 'That client_id was already used');
    if (input.verified) {
      const { email: value, secret } = input.verified;
      await verifyBySignedIdentity(work, made.ticket.reference, { kind: 'email', value, signature: signIdentity(secret, value) }, secret, actor);
    }
    const host = mailHost(deps.config.publicUrl);
    const { ticket } = made;
    await deps.outbox.queueEmail(work, {
      kind: 'acknowledgement',
      to: customer.email ?? email,
      subject: acknowledgementSubject(ticket.subject, ticket.reference),
      ...acknowledgementBody({ name: customer.name, reference: ticket.reference, subject: ticket.subject, trackingUrl: trackingPageUrl(deps.config.publicUrl) }),
      headers: outboundHeaders({ host, reference: ticket.reference, automatic: true }),
      ticketId: ticket.id,
      customerId: customer.id,
    });
    return { ticketId: ticket.id, reference: ticket.reference, messageId: made.opening.id, at: work.now, created: true };
  });
}
