import type { Deps } from '../../src/deps.ts';
import { createArticle, type Article, type NewArticle } from '../../src/modules/helpcenter/index.ts';
import { SYSTEM } from './builders.ts';

/** A published English article unless told otherwise; the slug comes from the title. */
export async function buildArticle(deps: Deps, over: Partial<NewArticle> & { title: string }): Promise<Article> {
  return deps.uow((work) =>
    createArticle(work, { description: `${over.title}: what to do.`, body: `# ${over.title}\n\nSteps to follow.`, category: null, tags: [], status: 'published', ...over }, SYSTEM),
  );
}

/**
 * A small help center for site tests: sync (English and German), billing, installation
 * (English only, for the German fallback), a draft, and a title with markup characters.
 */
export async function seedSiteArticles(deps: Deps): Promise<Record<string, Article>> {
  const sync = await buildArticle(deps, {
    slug: 'vault-not-syncing', title: 'Vault not syncing between devices', category: 'sync', tags: ['sync', 'devices'],
    description: 'Fix items that do not show up on your other devices.',
    body: '# Vault not syncing\n\nForce a sync with **File → Sync now**, then check the error code. See [Last synced days ago](last-synced).',
  });
  const syncDe = await buildArticle(deps, {
    slug: 'vault-not-syncing', locale: 'de', title: 'Tresor synchronisiert nicht zwischen Geräten', category: 'sync', tags: ['synchronisierung'],
    description: 'Wenn Einträge auf anderen Geräten fehlen.',
    body: 'Erzwingen Sie die Synchronisierung mit **Datei → Jetzt synchronisieren**.',
  });
  const lastSynced = await buildArticle(deps, { slug: 'last-synced', title: 'Last synced days ago', category: 'sync', tags: ['sync'], body: 'When a device has not synced for days, sign out and in again.' });
  const charged = await buildArticle(deps, {
    slug: 'charged-twice', title: 'Charged twice for one subscription', category: 'billing', tags: ['refund', 'charge'],
    body: 'If your card was charged twice, the second charge is usually a pending authorization that disappears within a few days.',
  });
  const linux = await buildArticle(deps, { slug: 'install-linux', title: 'Install Vaultly on Linux', category: 'installation', tags: ['linux'], body: 'Install the .deb or the Flatpak package.' });
  const markup = await buildArticle(deps, { slug: 'markup-title', title: 'Using <b> & "quotes" in notes', category: 'everyday', body: 'Notes keep text as typed.' });
  const draft = await buildArticle(deps, { slug: 'unreleased-feature', title: 'Unreleased feature', category: 'sync', status: 'draft' });
  return { sync, syncDe, lastSynced, charged, linux, markup, draft };
}
