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
    const parameters = slots.map((i, k) => (i < 0 ? query.parameters[k] : params[i]));
    const direct = db.isTransaction ? directSqliteOf(db) : undefined;
    if (direct) {
      try {
        return Promise.resolve(direct(query.sql, parameters) as QueryResult<R>);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return db.executeQuery<R>({ ...query, parameters });
  };
}

/** Runs one statement on an SQLite store's connection as Kysely's SQLite driver would, synchronously. */
export type DirectSqlite = (sql: string, parameters: readonly unknown[]) => QueryResult<unknown>;

const directSqlite = new WeakMap<object, DirectSqlite>();

/**
 * An SQLite store registers its connection here (by its Kysely adapter, shared by the database
 * and its transactions). Inside a transaction the connection is already held by it, so a
 * statement compiled once runs there directly, without the eight promise hops of Kysely's
 * executor and connection provider: on chat's hot path those cost more than SQLite's work.
 * Outside a transaction, and with Kysely plugins, statements go through Kysely as usual.
 */
export function registerDirectSqlite(db: Db, run: DirectSqlite): void {
  directSqlite.set(db.getExecutor().adapter, run);
}

/**
 * The registered runner of the SQLite store behind `db`, or undefined (PostgreSQL, or Kysely
 * plugins that must see each query). Only for a caller that holds the connection: a transaction,
 * or a connection taken with `db.connection()`.
 */
export function directSqliteOf(db: Db | Tx): DirectSqlite | undefined {
  const executor = db.getExecutor();
  return executor.plugins.length === 0 ? directSqlite.get(executor.adapter) : undefined;
}

/** Compiles with a distinct placeholder per parameter and records where each one lands among the bound values (-1: a constant). */
function prepare<P extends Array<string | number | null>, R>(db: Db | Tx, build: (db: Db | Tx, ...params: P) => Compilable<R>, count: number): { query: CompiledQuery<R>; slots: number[] } {
  const placeholders = Array.from({ length: count }, (_, i) => `\u0000compiled-once-${i}\u0000`);
  const query = build(db, ...(placeholders as P)).compile();
  const slots = query.parameters.map((value) => placeholders.indexOf(value as string));
  for (let i = 0; i < count; i++) if (!slots.includes(i)) throw new Error(`compiledOnce: parameter ${i} is not bound by the query`);
  return { query, slots };
}
