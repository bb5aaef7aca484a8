import type { Tx } from '../../../store/database.ts';
import type { Locale } from '../model.ts';

/**
 * Vocabulary kinds: index terms in any field, in titles, in descriptions or tags (each for its
 * field's IDF), and surface words (for spelling and prefixes).
 */
export type VocabularyKind = 'stem' | 'title' | 'meta' | 'word';
const KIND_CODE: Record<VocabularyKind, string> = { stem: 's', title: 't', meta: 'm', word: 'w' };
const CHUNK = 400;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Counts terms in or out of the vocabulary's document frequencies, in the caller's
 * transaction. Terms are sorted so concurrent writers on PostgreSQL lock rows in one order.
 */
export async function adjustVocabulary(trx: Tx, locale: Locale, kind: VocabularyKind, terms: Iterable<string>, delta: 1 | -1): Promise<void> {
  const sorted = [...new Set(terms)].sort();
  const code = KIND_CODE[kind];
  for (const part of chunks(sorted)) {
    if (delta > 0) {
      await trx
        .insertInto('helpcenter_vocabulary')
        .values(part.map((term) => ({ locale, kind: code, term, df: 1 })))
        .onConflict((oc) => oc.columns(['locale', 'kind', 'term']).doUpdateSet((eb) => ({ df: eb('helpcenter_vocabulary.df', '+', eb.ref('excluded.df')) })))
        .execute();
    } else {
      const scope = trx.updateTable('helpcenter_vocabulary').where('locale', '=', locale).where('kind', '=', code).where('term', 'in', part);
      await scope.set((eb) => ({ df: eb('df', '-', 1) })).execute();
      await trx.deleteFrom('helpcenter_vocabulary').where('locale', '=', locale).where('kind', '=', code).where('term', 'in', part).where('df', '<=', 0).execute();
    }
  }
}

/** Changes to a locale's document count and summed field lengths. */
export type StatsDelta = { docs: number; title: number; description: number; tags: number; body: number };

/**
 * Applies a delta to the locale's statistics and bumps its version, which tells every node's
 * cached vocabulary to reload. A zero delta only bumps the version (synonyms changed).
 */
export async function adjustStats(trx: Tx, locale: Locale, d: StatsDelta): Promise<void> {
  await trx
    .insertInto('helpcenter_search_stats')
    .values({ locale, docs: d.docs, title_length: d.title, description_length: d.description, tag_length: d.tags, body_length: d.body, version: 1 })
    .onConflict((oc) =>
      oc.column('locale').doUpdateSet((eb) => ({
        docs: eb('helpcenter_search_stats.docs', '+', eb.ref('excluded.docs')),
        title_length: eb('helpcenter_search_stats.title_length', '+', eb.ref('excluded.title_length')),
        description_length: eb('helpcenter_search_stats.description_length', '+', eb.ref('excluded.description_length')),
        tag_length: eb('helpcenter_search_stats.tag_length', '+', eb.ref('excluded.tag_length')),
        body_length: eb('helpcenter_search_stats.body_length', '+', eb.ref('excluded.body_length')),
        version: eb('helpcenter_search_stats.version', '+', 1),
      })),
    )
    .execute();
}

export const NO_CHANGE: StatsDelta = { docs: 0, title: 0, description: 0, tags: 0, body: 0 };

/** The stored code of a vocabulary kind. */
export function kindCode(kind: VocabularyKind): string {
  return KIND_CODE[kind];
}
