import { CATEGORIES, isCategory, isPriority, type Category, type ClassifyInput, type Priority, type Triage } from './model.ts';

/** One labelled message: what a careful agent decided. `escalation` defaults to security + urgent. */
export type LabelledExample = ClassifyInput & { line: number; category: Category; priority: Priority; escalation: boolean };

/** A labelled file that cannot be read, with the 1-based line at fault. */
export class LabelledFileError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'LabelledFileError';
  }
}

/** Parses JSONL of {text, category, priority, subject?, mailboxCategory?, formCategory?, escalation?}; blank lines skipped. */
export function parseLabelled(content: string): LabelledExample[] {
  const out: LabelledExample[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let row: unknown;
    try { row = JSON.parse(raw); } catch (e) { throw new LabelledFileError(line, `invalid JSON (${(e as Error).message})`); }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new LabelledFileError(line, 'expected a JSON object');
    const r = row as Record<string, unknown>;
    if (typeof r.text !== 'string') throw new LabelledFileError(line, '"text" must be a string');
    if (!isCategory(r.category)) throw new LabelledFileError(line, `"category" must be one of ${CATEGORIES.join(', ')}`);
    if (!isPriority(r.priority)) throw new LabelledFileError(line, '"priority" must be low, normal, high or urgent');
    if (r.subject !== undefined && typeof r.subject !== 'string') throw new LabelledFileError(line, '"subject" must be a string');
    for (const key of ['mailboxCategory', 'formCategory'] as const) {
      if (r[key] !== undefined && r[key] !== null && !isCategory(r[key])) throw new LabelledFileError(line, `"${key}" must be a category`);
    }
    if (r.escalation !== undefined && typeof r.escalation !== 'boolean') throw new LabelledFileError(line, '"escalation" must be a boolean');
    out.push({
      line,
      text: r.text,
      category: r.category,
      priority: r.priority,
      ...(typeof r.subject === 'string' ? { subject: r.subject } : {}),
      mailboxCategory: (r.mailboxCategory as Category | undefined) ?? null,
      formCategory: (r.formCategory as Category | undefined) ?? null,
      escalation: typeof r.escalation === 'boolean' ? r.escalation : r.category === 'security' && r.priority === 'urgent',
    });
  });
  return out;
}

export type ClassStats = { precision: number; recall: number; f1: number; support: number };
export type Miss = { line: number; text: string; expected: string; got: string };

/** How triage did on a labelled set. */
export type EvaluationReport = {
  total: number;
  categoryAccuracy: number;
  priorityAccuracy: number;
  perCategory: Record<Category, ClassStats>;
  /** confusion[expected][predicted] */
  confusion: Record<Category, Record<Category, number>>;
  escalation: { precision: number; recall: number; expected: number; predicted: number; correct: number };
  misses: Miss[];
};

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Runs the classifier over every example and scores category, priority and escalation. */
export function evaluate(examples: readonly LabelledExample[], classifyFn: (input: ClassifyInput) => Triage): EvaluationReport {
  const confusion = Object.fromEntries(CATEGORIES.map((e) => [e, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))])) as EvaluationReport['confusion'];
  let catOk = 0;
  let priOk = 0;
  const esc = { expected: 0, predicted: 0, correct: 0 };
  const misses: Miss[] = [];
  for (const ex of examples) {
    const t = classifyFn({ text: ex.text, subject: ex.subject, mailboxCategory: ex.mailboxCategory, formCategory: ex.formCategory });
    confusion[ex.category][t.category]++;
    if (t.category === ex.category) catOk++;
    if (t.priority === ex.priority) priOk++;
    const predicted = t.escalation !== null;
    if (ex.escalation) esc.expected++;
    if (predicted) esc.predicted++;
    if (ex.escalation && predicted) esc.correct++;
    if (t.category !== ex.category || t.priority !== ex.priority || ex.escalation !== predicted) {
      misses.push({
        line: ex.line,
        text: ex.text,
        expected: `${ex.category}/${ex.priority}${ex.escalation ? '/escalate' : ''}`,
        got: `${t.category}/${t.priority}${predicted ? '/escalate' : ''}`,
      });
    }
  }
  const perCategory = Object.fromEntries(CATEGORIES.map((c) => {
    const tp = confusion[c][c];
    const predicted = CATEGORIES.reduce((n, e) => n + confusion[e][c], 0);
    const support = CATEGORIES.reduce((n, p) => n + confusion[c][p], 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return [c, { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support }];
  })) as Record<Category, ClassStats>;
  return {
    total: examples.length,
    categoryAccuracy: ratio(catOk, examples.length),
    priorityAccuracy: ratio(priOk, examples.length),
    perCategory,
    confusion,
    escalation: { ...esc, precision: ratio(esc.correct, esc.predicted), recall: ratio(esc.correct, esc.expected) },
    misses,
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

/** The report as plain text: figures, per-category table, confusion matrix, first misses. */
export function formatReport(r: EvaluationReport, maxMisses = 20): string {
  const lines: string[] = [];
  lines.push(`examples            ${r.total}`);
  lines.push(`category accuracy   ${pct(r.categoryAccuracy)}`);
  lines.push(`priority accuracy   ${pct(r.priorityAccuracy)}`);
  lines.push(`escalation          precision ${pct(r.escalation.precision)}  recall ${pct(r.escalation.recall)}  (${r.escalation.correct} right of ${r.escalation.predicted} raised, ${r.escalation.expected} expected)`);
  lines.push('');
  lines.push(`${pad('category', 14)}${lpad('precision', 10)}${lpad('recall', 9)}${lpad('f1', 8)}${lpad('support', 9)}`);
  for (const c of CATEGORIES) {
    const s = r.perCategory[c];
    lines.push(`${pad(c, 14)}${lpad(pct(s.precision), 10)}${lpad(pct(s.recall), 9)}${lpad(s.f1.toFixed(3), 8)}${lpad(String(s.support), 9)}`);
  }
  lines.push('');
  lines.push('confusion (rows: expected, columns: predicted)');
  const short = (c: string) => c.slice(0, 7);
  lines.push(`${pad('', 14)}${CATEGORIES.map((c) => lpad(short(c), 8)).join('')}`);
  for (const e of CATEGORIES) lines.push(`${pad(e, 14)}${CATEGORIES.map((p) => lpad(String(r.confusion[e][p]), 8)).join('')}`);
  lines.push('');
  const shown = r.misses.slice(0, maxMisses);
  lines.push(`misclassified (${r.misses.length}${r.misses.length > shown.length ? `, first ${shown.length}` : ''}): line  expected → got`);
  for (const m of shown) {
    const text = m.text.replace(/\s+/g, ' ');
    lines.push(`  ${lpad(String(m.line), 4)}  ${m.expected} → ${m.got}  ${text.length > 90 ? `${text.slice(0, 87)}...` : text}`);
  }
  return lines.join('\n');
}
