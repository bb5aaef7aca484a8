import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { conflict } from '../../kernel/errors.ts';
import { findCustomerByIdentity, findOrCreateCustomer, getCustomer, listCustomers, mergeCustomers, updateCustomer, type Customer } from '../../modules/customers/index.ts';
import { principalOf } from '../auth.ts';
import { customerJson } from '../presenters.ts';
import { Email, errorResponses, Id, Limit, nullable, page, Timestamp, Type } from '../schemas.ts';

const Params = Type.Object({ id: Id });

/** One customer as the console's sidebar shows it: every identity, verified or not, and bouncing ones flagged. */
const CustomerDetailSchema = Type.Object(
  {
    id: Type.Integer(),
    name: nullable(Type.String()),
    email: nullable(Type.String()),
    identities: Type.Array(Type.Object({
      kind: Type.String(),
      value: Type.String(),
      verified: Type.Boolean(),
      bouncing: Type.Boolean({ description: 'mail to this address comes back undelivered' }),
      bouncing_since: nullable(Timestamp),
      bounce_reason: nullable(Type.String()),
    })),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'CustomerDetail', description: "A customer with identities; the customer's tickets are at GET /api/v1/tickets?customer_id={id}" },
);

const customerDetailJson = (c: Customer) => ({
  ...customerJson(c),
  identities: c.identities.map((i) => ({ kind: i.kind, value: i.value, verified: i.verified, bouncing: i.bouncingSince !== null, bouncing_since: i.bouncingSince, bounce_reason: i.bounceReason })),
});

/** /api/v1/customers: list, create, read, update, merge. */
export function customerRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<TypeBoxTypeProvider>();

    r.get('/customers', {
      config: { access: 'customers:read', audit: 'customers.listed' },
      schema: {
        tags: ['customers'],
        summary: 'List customers, newest first; q matches name or any identity',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), cursor: Type.Optional(Id), limit: Type.Optional(Limit) }, { additionalProperties: false }),
        response: { 200: page(CustomerDetailSchema), ...errorResponses },
      },
    }, async (request) => {
      const limit = request.query.limit ?? 25;
      const items = await listCustomers(deps.store.db, { limit: limit + 1, ...(request.query.q ? { q: request.query.q } : {}), ...(request.query.cursor ? { afterId: request.query.cursor } : {}) });
      const pageItems = items.slice(0, limit);
      return { items: pageItems.map(customerDetailJson), next_cursor: items.length > limit ? String(pageItems[pageItems.length - 1]!.id) : null };
    });

    r.post('/customers', {
      config: { access: 'customers:write', audit: 'customer.created' },
      schema: {
        tags: ['customers'],
        summary: 'Create a customer with an email identity',
        body: Type.Object({ email: Email, name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 201: CustomerDetailSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const customerId = await deps.uow(async (work) => {
        if (await findCustomerByIdentity(work.trx, 'email', request.body.email)) throw conflict(`A customer with email ${request.body.email} already exists`);
        return (await findOrCreateCustomer(work, { kind: 'email', value: request.body.email }, request.body.name ?? null, principal.actor)).customer.id;
      });
      return reply.code(201).send(customerDetailJson(await getCustomer(deps.store.db, customerId)));
    });

    r.get('/customers/:id', {
      config: { access: 'customers:read', audit: 'customer.viewed' },
      schema: {
        tags: ['customers'],
        summary: 'A customer with identities, verified or not and bouncing ones flagged (a merged id resolves to the survivor)',
        description: "The customer's tickets: GET /api/v1/tickets?customer_id={id}.",
        params: Params,
        response: { 200: CustomerDetailSchema, ...errorResponses },
      },
    }, async (request) => customerDetailJson(await getCustomer(deps.store.db, request.params.id)));

    r.patch('/customers/:id', {
      config: { access: 'customers:write', audit: 'customer.updated' },
      schema: {
        tags: ['customers'],
        summary: "Change a customer's name or primary email",
        params: Params,
        body: Type.Object({ name: Type.Optional(nullable(Type.String({ maxLength: 200 }))), email: Type.Optional(Email) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: CustomerDetailSchema, ...errorResponses },
      },
    }, async (request) => {
      const b = request.body;
      return customerDetailJson(await deps.uow((work) => updateCustomer(work, request.params.id, { ...(b.name !== undefined ? { name: b.name } : {}), ...(b.email !== undefined ? { email: b.email } : {}) })));
    });

    r.post('/customers/:id/merge', {
      config: { access: 'customers:write', audit: 'customer.merged' },
      schema: {
        tags: ['customers'],
        summary: 'Merge this customer into another: identities and tickets move to the target',
        params: Params,
        body: Type.Object({ into: Id }, { additionalProperties: false }),
        response: { 200: CustomerDetailSchema, ...errorResponses },
      },
    }, async (request) => customerDetailJson(await deps.uow((work) => mergeCustomers(work, request.params.id, request.body.into, principalOf(request).actor))));
  };
}
