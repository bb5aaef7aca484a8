import type { Db } from '../../../store/database.ts';

const MAX_ENTRIES = 5000;
const caches = new WeakMap<Db, Map<string, unknown>>();

/**
 * Recent search results per store, least recently used dropped first. Keys carry the index
 * version of every locale searched, so any article or synonym change (on any node) makes
 * old entries unreachable; popular queries then cost a lookup instead of a search.
 */
export async function remember<T>(db: Db, key: string | null, compute: () => Promise<T>): Promise<T> {
  if (key === null) return compute();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, unknown>()));
  if (cache.has(key)) {
    const value = cache.get(key) as T;
    cache.delete(key);
    cache.set(key, value);
    return value;
  }
  const value = await compute();
  cache.set(key, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
