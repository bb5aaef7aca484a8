import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import type { Db, Tx } from './database.ts';

/**
 * A query built and compiled by Kysely once per database, then run again with new parameters:
 * on chat's hot path building and compiling a query cost as much CPU as SQLite running it.
 * `build` receives placeholder values and must use each parameter as a bound value (never in
 * an `in` list, never to choose the query's shape), so every run has the same SQL; other bound
 * values are constants of the query. A build that leaves a parameter out fails its first call.
 *
 * @example
 * const bump = compiledOnce((db, id: number) => db.updateTable('chat_conversations').set(…).where('ticket_id', '=', id).returning('last_seq'));
 * const { rows } = await bump(trx, 91);
 */
export function compiledOnce<P extends Array<string | number | null>, R>(build: (db: Db | Tx, ...params: P) => Compilable<R>): (db: Db | Tx, ...params: P) => Promise<QueryResult<R>> {
  const cache = new WeakMap<object, { query: CompiledQuery<R>; slots: number[] }>();
  return (db, ...params) => {
    const adapter = db.getExecutor().adapter;
    let compiled = cache.get(adapter);
    if (!compiled) {
      compiled = prepare(db, build, params.length);
      cache.set(adapter, compiled);
    }
    const { query, slots } = compiled;
    return db.executeQuery<R>({ ...query, parameters: slots.map((i, k) => (i < 0 ? query.parameters[k] : params[i])) });
  };
}

/** Compiles with a distinct placeholder per parameter and records where each one lands among the bound values (-1: a constant). */
function prepare<P extends Array<string | number | null>, R>(db: Db | Tx, build: (db: Db | Tx, ...params: P) => Compilable<R>, count: number): { query: CompiledQuery<R>; slots: number[] } {
  const placeholders = Array.from({ length: count }, (_, i) => `\u0000compiled-once-${i}\u0000`);
  const query = build(db, ...(placeholders as P)).compile();
  const slots = query.parameters.map((value) => placeholders.indexOf(value as string));
  for (let i = 0; i < count; i++) if (!slots.includes(i)) throw new Error(`compiledOnce: parameter ${i} is not bound by the query`);
  return { query, slots };
}
