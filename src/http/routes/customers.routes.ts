import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.ts';
import { conflict } from '../../kernel/errors.ts';
import { findCustomerByIdentity, findOrCreateCustomer, getCustomer, listCustomers, mergeCustomers, updateCustomer } from '../../modules/customers/index.ts';
import { principalOf } from '../auth.ts';
import { customerJson } from '../presenters.ts';
import { CustomerSchema, Email, errorResponses, Id, Limit, nullable, page, Type } from '../schemas.ts';

const Params = Type.Object({ id: Id });

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
        response: { 200: page(CustomerSchema), ...errorResponses },
      },
    }, async (request) => {
      const limit = request.query.limit ?? 25;
      const items = await listCustomers(deps.store.db, { limit: limit + 1, ...(request.query.q ? { q: request.query.q } : {}), ...(request.query.cursor ? { afterId: request.query.cursor } : {}) });
      const pageItems = items.slice(0, limit);
      return { items: pageItems.map(customerJson), next_cursor: items.length > limit ? String(pageItems[pageItems.length - 1]!.id) : null };
    });

    r.post('/customers', {
      config: { access: 'customers:write', audit: 'customer.created' },
      schema: {
        tags: ['customers'],
        summary: 'Create a customer with an email identity',
        body: Type.Object({ email: Email, name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 201: CustomerSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const customerId = await deps.uow(async (work) => {
        if (await findCustomerByIdentity(work.trx, 'email', request.body.email)) throw conflict(`A customer with email ${request.body.email} already exists`);
        return (await findOrCreateCustomer(work, { kind: 'email', value: request.body.email }, request.body.name ?? null, principal.actor)).customer.id;
      });
      return reply.code(201).send(customerJson(await getCustomer(deps.store.db, customerId)));
    });

    r.get('/customers/:id', {
      config: { access: 'customers:read', audit: 'customer.viewed' },
      schema: { tags: ['customers'], summary: 'A customer with identities (a merged id resolves to the survivor)', params: Params, response: { 200: CustomerSchema, ...errorResponses } },
    }, async (request) => customerJson(await getCustomer(deps.store.db, request.params.id)));

    r.patch('/customers/:id', {
      config: { access: 'customers:write', audit: 'customer.updated' },
      schema: {
        tags: ['customers'],
        summary: "Change a customer's name or primary email",
        params: Params,
        body: Type.Object({ name: Type.Optional(nullable(Type.String({ maxLength: 200 }))), email: Type.Optional(Email) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: CustomerSchema, ...errorResponses },
      },
    }, async (request) => {
      const b = request.body;
      return customerJson(await deps.uow((work) => updateCustomer(work, request.params.id, { ...(b.name !== undefined ? { name: b.name } : {}), ...(b.email !== undefined ? { email: b.email } : {}) })));
    });

    r.post('/customers/:id/merge', {
      config: { access: 'customers:write', audit: 'customer.merged' },
      schema: {
        tags: ['customers'],
        summary: 'Merge this customer into another: identities and tickets move to the target',
        params: Params,
        body: Type.Object({ into: Id }, { additionalProperties: false }),
        response: { 200: CustomerSchema, ...errorResponses },
      },
    }, async (request) => customerJson(await deps.uow((work) => mergeCustomers(work, request.params.id, request.body.into, principalOf(request).actor))));
  };
}
