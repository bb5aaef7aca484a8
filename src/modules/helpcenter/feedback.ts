import { badRequest } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';
import type { Work } from '../../store/unit-of-work.ts';

export const MAX_FEEDBACK_COMMENT = 2000;

/** A reader's verdict on an article, with an optional comment. */
export type Feedback = { id: number; articleId: number; helpful: boolean; comment: string | null; createdAt: string };

/** Records whether an article helped and bumps its yes/no counts, in one transaction. */
export async function recordFeedback(work: Work, articleId: number, input: { helpful: boolean; comment?: string | null }): Promise<{ yes: number; no: number }> {
  const comment = input.comment?.replace(/\r\n?/g, '\n').trim() || null;
  if (comment && comment.length > MAX_FEEDBACK_COMMENT) throw badRequest(`A comment holds at most ${MAX_FEEDBACK_COMMENT} characters`, { comment: 'too long' });
  await work.trx.insertInto('helpcenter_feedback').values({ article_id: articleId, helpful: input.helpful ? 1 : 0, comment, created_at: work.now }).execute();
  const counts = await work.trx
    .updateTable('helpcenter_articles')
    .set((eb) => (input.helpful ? { helpful_yes: eb('helpful_yes', '+', 1) } : { helpful_no: eb('helpful_no', '+', 1) }))
    .where('id', '=', articleId)
    .returning(['helpful_yes', 'helpful_no'])
    .executeTakeFirstOrThrow();
  return { yes: Number(counts.helpful_yes), no: Number(counts.helpful_no) };
}

/** An article's feedback, newest first (comments for editors). */
export async function listFeedback(db: Db, articleId: number, limit = 100): Promise<Feedback[]> {
  const rows = await db.selectFrom('helpcenter_feedback').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, articleId: r.article_id, helpful: r.helpful === 1, comment: r.comment, createdAt: r.created_at }));
}
