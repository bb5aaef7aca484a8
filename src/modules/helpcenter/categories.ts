import { badRequest } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/database.ts';
import { assertSlug, DEFAULT_LOCALE, isLocale, slugify, type Category, type Locale } from './model.ts';

type Row = { id: number; slug: string; names: string; position: number };

function toCategory(row: Row): Category {
  const parsed = JSON.parse(row.names) as Record<string, string>;
  const names: Category['names'] = {};
  for (const [locale, name] of Object.entries(parsed)) if (isLocale(locale) && typeof name === 'string' && name.trim() !== '') names[locale] = name;
  return { id: row.id, slug: row.slug, names, position: row.position };
}

/** A category's name in a locale, falling back to English, then to its name in any locale, then to its slug made readable ("sync" → "Sync"). */
export function categoryName(category: Pick<Category, 'names' | 'slug'>, locale: Locale): string {
  const named = category.names[locale] || category.names[DEFAULT_LOCALE] || Object.values(category.names).find((n) => n);
  return named ?? readableSlug(category.slug);
}

function readableSlug(slug: string): string {
  return slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Every category in display order. */
export async function listCategories(db: Db | Tx): Promise<Category[]> {
  const rows = await db.selectFrom('helpcenter_categories').select(['id', 'slug', 'names', 'position']).orderBy('position').orderBy('id').execute();
  return rows.map(toCategory);
}

/** A category by id, or null. */
export async function findCategoryById(db: Db | Tx, id: number): Promise<Category | null> {
  const row = await db.selectFrom('helpcenter_categories').select(['id', 'slug', 'names', 'position']).where('id', '=', id).executeTakeFirst();
  return row ? toCategory(row) : null;
}

/**
 * The category a value names: its slug, or its name in any locale (any case). An unknown
 * value creates the category, named in the article's locale, placed last.
 */
export async function resolveCategory(trx: Tx, value: string, locale: Locale, now: string): Promise<Category> {
  const wanted = value.trim();
  if (wanted === '' || wanted.length > 100) throw badRequest('A category needs 1 to 100 characters', { category: 'invalid' });
  const slug = slugify(wanted);
  if (slug === '') throw badRequest(`"${wanted}" cannot be turned into a category slug`, { category: 'invalid' });
  const all = await listCategories(trx);
  const lower = wanted.toLowerCase();
  const found = all.find((c) => c.slug === wanted || c.slug === slug) ?? all.find((c) => Object.values(c.names).some((n) => n.toLowerCase() === lower));
  if (found) return found;
  // A bare slug ("billing") names the category in no language: kept as the English fallback, so
  // every locale shows it until someone gives the category its names.
  const names = wanted === slug ? { [DEFAULT_LOCALE]: readableSlug(slug) } : { [locale]: wanted };
  const position = all.reduce((max, c) => Math.max(max, c.position), 0) + 1;
  const row = await trx
    .insertInto('helpcenter_categories')
    .values({ slug, names: JSON.stringify(names), position, created_at: now, updated_at: now })
    .returning(['id', 'slug', 'names', 'position'])
    .executeTakeFirstOrThrow();
  return toCategory(row);
}

/** Creates or changes a category by slug: its names per locale (merged) and its position. */
export async function saveCategory(trx: Tx, input: { slug: string; names?: Partial<Record<Locale, string>>; position?: number }, now: string): Promise<Category> {
  assertSlug(input.slug);
  const existing = (await listCategories(trx)).find((c) => c.slug === input.slug);
  const names = { ...existing?.names, ...input.names };
  if (Object.keys(names).length === 0) throw badRequest('A new category needs a name', { names: 'missing' });
  if (existing) {
    await trx
      .updateTable('helpcenter_categories')
      .set({ names: JSON.stringify(names), position: input.position ?? existing.position, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return { ...existing, names, position: input.position ?? existing.position };
  }
  const position = input.position ?? (await listCategories(trx)).reduce((max, c) => Math.max(max, c.position), 0) + 1;
  const row = await trx
    .insertInto('helpcenter_categories')
    .values({ slug: input.slug, names: JSON.stringify(names), position, created_at: now, updated_at: now })
    .returning(['id', 'slug', 'names', 'position'])
    .executeTakeFirstOrThrow();
  return toCategory(row);
}
