import type { Deps } from '../../src/deps.ts';
import { createArticle, type Article, type NewArticle } from '../../src/modules/helpcenter/index.ts';
import { SYSTEM } from './builders.ts';

let seq = 0;

/** An article (published unless told otherwise) with a unique slug; over replaces any field. */
export async function buildArticle(deps: Deps, over: Partial<NewArticle> = {}): Promise<Article> {
  seq++;
  return deps.uow((work) =>
    createArticle(
      work,
      {
        title: `Article number ${seq}`,
        description: '',
        body: 'A plain article body.',
        category: 'general',
        tags: [],
        slug: `article-${seq}-${process.pid}`,
        status: 'published',
        ...over,
      },
      SYSTEM,
    ),
  );
}
