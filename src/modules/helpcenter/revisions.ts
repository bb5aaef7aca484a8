import { createTwoFilesPatch } from 'diff';
import type { Actor } from '../../kernel/events.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Db, Tx } from '../../store/database.ts';
import type { ArticleContent, Revision } from './model.ts';

type Row = {
  id: number; article_id: number; number: number; title: string; description: string; body: string; category: string | null; tags: string;
  note: string | null; actor_type: string; actor_id: number | null; created_at: string;
};

function toRevision(row: Row): Revision {
  return {
    id: row.id,
    articleId: row.article_id,
    number: row.number,
    title: row.title,
    description: row.description,
    body: row.body,
    category: row.category,
    tags: JSON.parse(row.tags) as string[],
    note: row.note,
    actor: { type: row.actor_type, id: row.actor_id },
    createdAt: row.created_at,
  };
}

/** Keeps one saved state of an article; numbers count up from 1 per article. */
export async function addRevision(trx: Tx, articleId: number, number: number, content: ArticleContent, actor: Actor, note: string | null, now: string): Promise<void> {
  await trx
    .insertInto('helpcenter_revisions')
    .values({
      article_id: articleId,
      number,
      title: content.title,
      description: content.description,
      body: content.body,
      category: content.category,
      tags: JSON.stringify(content.tags),
      note,
      actor_type: actor.type,
      actor_id: 'id' in actor ? actor.id : null,
      created_at: now,
    })
    .execute();
}

/** An article's revisions, newest first. */
export async function listRevisions(db: Db | Tx, articleId: number): Promise<Revision[]> {
  const rows = await db.selectFrom('helpcenter_revisions').selectAll().where('article_id', '=', articleId).orderBy('number', 'desc').execute();
  return rows.map(toRevision);
}

/** One revision of an article by its number; throws not_found. */
export async function getRevision(db: Db | Tx, articleId: number, number: number): Promise<Revision> {
  const row = await db.selectFrom('helpcenter_revisions').selectAll().where('article_id', '=', articleId).where('number', '=', number).executeTakeFirst();
  if (!row) throw notFound(`Revision ${number} of article ${articleId}`);
  return toRevision(row);
}

/** A revision as the text its diff compares: the metadata lines, a blank line, the Markdown body. */
export function revisionText(content: ArticleContent): string {
  const body = content.body.endsWith('\n') ? content.body : `${content.body}\n`;
  return `title: ${content.title}\ndescription: ${content.description}\ncategory: ${content.category ?? ''}\ntags: ${content.tags.join(', ')}\n\n${body}`;
}

/** A unified text diff from one revision to another (either order), like `diff -u`. */
export async function diffRevisions(db: Db | Tx, articleId: number, from: number, to: number): Promise<string> {
  const [a, b] = await Promise.all([getRevision(db, articleId, from), getRevision(db, articleId, to)]);
  return createTwoFilesPatch(`revision ${from}`, `revision ${to}`, revisionText(a), revisionText(b), a.createdAt, b.createdAt, { context: 3 });
}
