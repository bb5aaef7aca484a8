import { PostgresAdapter, sql, type Expression, type SqlBool } from 'kysely';
import { normalizeReference } from '../../kernel/ids.ts';
import type { Db } from '../../store/database.ts';

/** At most this many words of a query count: a pasted paragraph must not become a huge query. */
const MAX_WORDS = 12;

/**
 * A search as both dialects index text: the words (runs of letters and digits, lowercased) as
 * one phrase, like the substring an agent remembers; a trailing `*` makes the last word a prefix.
 * "anna@example.org" is the phrase anna example org; "E-4012" is e 4012.
 */
export type SearchPhrase = { words: string[]; prefix: boolean };

export function searchPhrase(text: string): SearchPhrase {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  return { words, prefix: words.length > 0 && /[\p{L}\p{N}]\*\s*$/u.test(text) };
}

/** FTS5: `"anna example org"`, or `"cannot sy" *` for a prefix. Words hold only letters and digits. */
export const fts5Query = (p: SearchPhrase): string => `"${p.words.join(' ')}"${p.prefix ? ' *' : ''}`;

/** PostgreSQL: `anna <-> example <-> org`, the last word `:*` for a prefix. */
export const tsQuery = (p: SearchPhrase): string => p.words.map((w, i) => (p.prefix && i === p.words.length - 1 ? `${w}:*` : w)).join(' <-> ');

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * A search finds at most this many of the newest matches of each kind (subject or reference,
 * message, customer), like Zendesk's cap on search results: a word in every other ticket
 * still answers in milliseconds, and more words narrow it to older tickets.
 */
export const MAX_MATCHES = 2_000;

/**
 * The ids of tickets a search finds, as a subquery for `t.id in (…)`: tickets whose subject or
 * reference, any message, or whose customer's name or email hold the phrase. No write path
 * has to remember the indexes: on SQLite the store feeds the FTS5 external-content tables with
 * each commit's new rows (search-feed.ts; call store.catchUpSearch() first, for rows written
 * outside a store transaction), on PostgreSQL GIN expression indexes follow every write.
 */
export function matchingTicketIds(db: Db, phrase: SearchPhrase) {
  if (isPostgres(db)) {
    const q = tsQuery(phrase);
    const words = (column: string) => sql`to_tsvector('simple', regexp_replace(${sql.raw(column)}, '[^[:alnum:]]+', ' ', 'g')) @@ to_tsquery('simple', ${q})`;
    return sql<{ id: number }>`(select id from tickets where ${words(`subject || ' ' || reference`)} order by id desc limit ${MAX_MATCHES})
      union (select ticket_id from messages where ${words('left(text, 100000)')} order by id desc limit ${MAX_MATCHES})
      union select id from tickets where customer_id in (select id from customers where ${words(`coalesce(name, '') || ' ' || coalesce(email, '')`)} order by id desc limit ${MAX_MATCHES})`;
  }
  const q = fts5Query(phrase);
  const newest = (fts: string) => sql`select rowid from ${sql.raw(fts)} where ${sql.raw(fts)} match ${q} order by rowid desc limit ${MAX_MATCHES}`;
  return sql<{ id: number }>`select * from (${newest('tickets_fts')})
    union select ticket_id from messages where id in (${newest('messages_fts')})
    union select id from tickets where customer_id in (${newest('customers_fts')})`;
}

/**
 * The list filter a search text makes: full-text words, plus an exact reference (CL-…, any
 * case, O/0 and I/L/1 tolerated) and an exact customer email through the identity index.
 * A search of only punctuation matches nothing.
 */
export function searchCondition(db: Db, text: string): Expression<SqlBool> {
  const trimmed = text.trim();
  const reference = normalizeReference(trimmed);
  // "CL-…" is a reference and nothing else: the unique index answers at once.
  if (reference && /^cl/i.test(trimmed)) return sql<SqlBool>`t.reference = ${reference}`;
  const phrase = searchPhrase(trimmed);
  const email = trimmed.includes('@') ? trimmed.toLowerCase() : null;
  const conditions = [
    ...(phrase.words.length ? [sql<SqlBool>`t.id in (${matchingTicketIds(db, phrase)})`] : []),
    ...(reference ? [sql<SqlBool>`t.reference = ${reference}`] : []),
    ...(email ? [sql<SqlBool>`t.customer_id in (select customer_id from customer_identities where kind = 'email' and value = ${email})`] : []),
  ];
  // Only punctuation: nothing can match, and the answer must not be every ticket.
  if (conditions.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}
