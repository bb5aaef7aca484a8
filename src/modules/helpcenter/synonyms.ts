import { badRequest, conflict, notFound } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/database.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from './model.ts';
import { adjustStats, NO_CHANGE } from './search/vocabulary-store.ts';

/**
 * An admin-managed synonym: a query containing `phrase` is also searched as each expansion
 * ("money back" → refund). One-way; an equivalence is several entries.
 */
export type Synonym = { id: number; locale: Locale; phrase: string; expansions: string[]; createdAt: string; updatedAt: string };

/** What a synonym entry says. */
export type SynonymInput = { phrase: string; expansions: string[]; locale?: Locale };

type Row = { id: number; locale: string; phrase: string; expansions: string; created_at: string; updated_at: string };

const toSynonym = (r: Row): Synonym => ({ id: r.id, locale: r.locale as Locale, phrase: r.phrase, expansions: JSON.parse(r.expansions) as string[], createdAt: r.created_at, updatedAt: r.updated_at });

function clean(input: SynonymInput): { phrase: string; expansions: string[]; locale: Locale } {
  const phrase = input.phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  const expansions = [...new Set(input.expansions.map((e) => e.trim().toLowerCase().replace(/\s+/g, ' ')).filter((e) => e !== '' && e !== phrase))];
  if (phrase === '' || phrase.length > 100) throw badRequest('A synonym phrase needs 1 to 100 characters', { phrase: 'invalid' });
  if (expansions.length === 0 || expansions.length > 20 || expansions.some((e) => e.length > 100)) throw badRequest('Give 1 to 20 expansions of at most 100 characters', { expansions: 'invalid' });
  return { phrase, expansions, locale: input.locale ?? DEFAULT_LOCALE };
}

/** Every synonym, by locale and phrase. */
export async function listSynonyms(db: Db | Tx, locale?: Locale): Promise<Synonym[]> {
  let query = db.selectFrom('helpcenter_synonyms').selectAll().orderBy('locale').orderBy('phrase');
  if (locale) query = query.where('locale', '=', locale);
  return (await query.execute()).map(toSynonym);
}

/** Adds a synonym; search uses it from the next query on, on every node. */
export async function createSynonym(trx: Tx, input: SynonymInput, now: string): Promise<Synonym> {
  const s = clean(input);
  const existing = await trx.selectFrom('helpcenter_synonyms').select('id').where('locale', '=', s.locale).where('phrase', '=', s.phrase).executeTakeFirst();
  if (existing) throw conflict(`A synonym for "${s.phrase}" already exists (id ${existing.id}); change that one`);
  const row = await trx
    .insertInto('helpcenter_synonyms')
    .values({ locale: s.locale, phrase: s.phrase, expansions: JSON.stringify(s.expansions), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await adjustStats(trx, s.locale, NO_CHANGE);
  return toSynonym(row);
}

/** Changes a synonym's phrase or expansions. */
export async function updateSynonym(trx: Tx, id: number, input: Partial<SynonymInput>, now: string): Promise<Synonym> {
  const current = await trx.selectFrom('helpcenter_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound(`Synonym ${id}`);
  const before = toSynonym(current);
  const s = clean({ phrase: input.phrase ?? before.phrase, expansions: input.expansions ?? before.expansions, locale: before.locale });
  const row = await trx
    .updateTable('helpcenter_synonyms')
    .set({ phrase: s.phrase, expansions: JSON.stringify(s.expansions), updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await adjustStats(trx, before.locale, NO_CHANGE);
  return toSynonym(row);
}

/** Removes a synonym; throws not_found if there is none. */
export async function deleteSynonym(trx: Tx, id: number): Promise<void> {
  const row = await trx.deleteFrom('helpcenter_synonyms').where('id', '=', id).returning('locale').executeTakeFirst();
  if (!row) throw notFound(`Synonym ${id}`);
  await adjustStats(trx, row.locale as Locale, NO_CHANGE);
}

/**
 * Synonyms from a JSON file, in any of the shapes people write them: {"money back": "refund"},
 * {"money back": ["refund", "reimbursement"]}, [{"phrase"|"term"|"from", "expansions"|"synonyms"|"to"}],
 * or equivalence groups [["refund", "money back"]] (each member expands to the others).
 */
export function parseSynonymsJson(json: unknown): SynonymInput[] {
  const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const out: SynonymInput[] = [];
  const source = json && typeof json === 'object' && !Array.isArray(json) && 'synonyms' in json ? (json as { synonyms: unknown }).synonyms : json;
  if (Array.isArray(source)) {
    for (const item of source) {
      if (Array.isArray(item)) {
        const group = list(item);
        for (const phrase of group) out.push({ phrase, expansions: group.filter((g) => g !== phrase) });
      } else if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const phrase = list(o.phrase ?? o.term ?? o.from)[0];
        const locale = typeof o.locale === 'string' && isLocale(o.locale) ? o.locale : undefined;
        if (phrase) out.push({ phrase, expansions: list(o.expansions ?? o.synonyms ?? o.to), ...(locale ? { locale } : {}) });
      }
    }
  } else if (source && typeof source === 'object') {
    for (const [phrase, value] of Object.entries(source)) out.push({ phrase, expansions: list(value) });
  }
  return out.filter((s) => s.expansions.length > 0);
}

/** Adds or merges many synonyms at once (imports, the relevance harness); returns how many entries changed. */
export async function upsertSynonyms(trx: Tx, inputs: SynonymInput[], now: string): Promise<number> {
  let changed = 0;
  for (const input of inputs) {
    const s = clean(input);
    const existing = await trx.selectFrom('helpcenter_synonyms').selectAll().where('locale', '=', s.locale).where('phrase', '=', s.phrase).executeTakeFirst();
    if (!existing) await createSynonym(trx, s, now);
    else {
      const expansions = [...new Set([...(JSON.parse(existing.expansions) as string[]), ...s.expansions])];
      if (expansions.length === (JSON.parse(existing.expansions) as string[]).length) continue;
      await updateSynonym(trx, existing.id, { expansions }, now);
    }
    changed++;
  }
  return changed;
}
