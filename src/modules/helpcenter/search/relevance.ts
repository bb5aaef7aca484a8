/** One judged query: what was asked and how relevant each article is (graded, higher is better). */
export type Judged = { q: string; locale?: string; relevant: Record<string, number> };

/** Per-query scores: P@1 (top result relevant), P@1 best (top result among the most relevant), MRR@10, nDCG@5. */
export type QueryScore = { q: string; got: string[]; p1: number; p1best: number; mrr10: number; ndcg5: number; expected: string };

/** Why a line of a judgement file was rejected. */
export class JudgementError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads JSONL judgements: {"q": "...", "relevant": {"slug": grade, ...}} per line; blank lines skipped. */
export function parseJudgements(content: string): Judged[] {
  const out: Judged[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new JudgementError(i + 1, 'not valid JSON');
    }
    const v = value as Partial<Judged>;
    if (typeof v.q !== 'string' || !v.relevant || typeof v.relevant !== 'object' || Object.values(v.relevant).some((g) => typeof g !== 'number')) {
      throw new JudgementError(i + 1, 'expected {"q": string, "relevant": {slug: number}}');
    }
    out.push({ q: v.q, relevant: v.relevant, ...(typeof v.locale === 'string' ? { locale: v.locale } : {}) });
  });
  return out;
}

function dcg(grades: number[]): number {
  return grades.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

/** Scores one ranked list of slugs against its judgement. */
export function scoreQuery(judged: Judged, got: string[]): QueryScore {
  const grade = (slug: string | undefined): number => (slug ? (judged.relevant[slug] ?? 0) : 0);
  const best = Math.max(...Object.values(judged.relevant));
  const firstRelevant = got.slice(0, 10).findIndex((s) => grade(s) > 0);
  const ideal = dcg(Object.values(judged.relevant).sort((a, b) => b - a).slice(0, 5));
  const expected = Object.entries(judged.relevant).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  return {
    q: judged.q,
    got,
    p1: grade(got[0]) > 0 ? 1 : 0,
    p1best: grade(got[0]) === best && best > 0 ? 1 : 0,
    mrr10: firstRelevant >= 0 ? 1 / (firstRelevant + 1) : 0,
    ndcg5: ideal > 0 ? dcg(got.slice(0, 5).map(grade)) / ideal : 0,
    expected,
  };
}

/** The means over all queries. */
export function summarize(scores: QueryScore[]): { queries: number; p1: number; p1best: number; mrr10: number; ndcg5: number } {
  const mean = (k: 'p1' | 'p1best' | 'mrr10' | 'ndcg5'): number => (scores.length ? scores.reduce((s, x) => s + x[k], 0) / scores.length : 0);
  return { queries: scores.length, p1: mean('p1'), p1best: mean('p1best'), mrr10: mean('mrr10'), ndcg5: mean('ndcg5') };
}
