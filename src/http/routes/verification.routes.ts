import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { AppError, conflict } from '../../kernel/errors.ts';
import { confirmVerificationCode, findTicket, requestVerification, type Confirmation } from '../../modules/tickets/index.ts';
import { principalOf } from '../auth.ts';
import { ticketJson } from '../presenters.ts';
import { errorResponses, ProblemSchema, Type, VerificationSchema } from '../schemas.ts';
import { VerificationRequestedSchema } from '../trust-schemas.ts';

const Reference = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 40 }) });

/** A failed confirmation as the problem the agent sees. */
function problemOf(result: Exclude<Confirmation, { ok: true }>, reference: string): AppError {
  switch (result.reason) {
    case 'wrong_code':
      return new AppError('verification_failed', `That code is wrong; ${result.attemptsLeft} ${result.attemptsLeft === 1 ? 'try' : 'tries'} left before it stops working`, { attempts_left: result.attemptsLeft });
    case 'burned':
      return new AppError('verification_failed', 'Too many wrong codes: this code no longer works. Send the customer a new one', { attempts_left: 0 });
    case 'expired':
      return new AppError('verification_failed', 'The code expired (codes work for 30 minutes). Send the customer a new one');
    default:
      return conflict(`No verification is pending on ${reference}; send the customer a code first`);
  }
}

/** /api/v1/tickets/{reference}/verification: send the customer a code and link, confirm the code. */
export function verificationRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();
    const settings = { outbox: deps.outbox, publicUrl: deps.config.publicUrl, secret: deps.config.secrets.sessionKey };

    r.post('/tickets/:reference/verification', {
      config: { access: 'tickets:write', audit: 'ticket.verification_requested' },
      schema: {
        tags: ['verification'],
        summary: "Email the ticket's customer a one-time code and link to prove who they are",
        description: 'Goes to their email identity through the outbox; code and link work once, for 30 minutes. A new request replaces the pending one (at most 5 an hour).',
        params: Reference,
        response: { 202: VerificationRequestedSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const sent = await deps.uow((work) => requestVerification(work, request.params.reference, principalOf(request).actor, settings));
      const ticket = await findTicket(deps.store.db, request.params.reference);
      return reply.code(202).send({ sent_to: sent.to, expires_at: sent.expiresAt, email_id: sent.emailId, verification: ticketJson(ticket).verification });
    });

    r.post('/tickets/:reference/verification/confirm', {
      config: { access: 'tickets:write', audit: 'ticket.verification_confirmed' },
      schema: {
        tags: ['verification'],
        summary: 'Confirm the code the customer read out to you',
        description: 'Five wrong codes burn it; then send a new one.',
        params: Reference,
        body: Type.Object({ code: Type.String({ pattern: '^\\s*[0-9]{6}\\s*$', description: 'the 6 digits from the email' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ reference: Type.String(), verification: VerificationSchema }), 422: ProblemSchema, ...errorResponses },
      },
    }, async (request) => {
      const { reference } = request.params;
      const before = await findTicket(deps.store.db, reference);
      const v = before.verification;
      if (v.status === 'verified') throw conflict(`${before.reference} is already verified (${v.method ?? 'verified'}, ${v.verifiedAt ?? ''}); no code is needed`);
      const result = await deps.uow((work) => confirmVerificationCode(work, reference, request.body.code, principalOf(request).actor, settings.secret));
      if (!result.ok) throw problemOf(result, before.reference);
      const ticket = await findTicket(deps.store.db, reference);
      return { reference: ticket.reference, verification: ticketJson(ticket).verification };
    });
  };
}
