import type { Evidence } from './evidence.ts';
import { LEXICONS, URGENCY } from './lexicon/index.ts';
import { PRIORITIES, priorityRank, type Category, type Priority, type Signal } from './model.ts';
import { anyFound } from './score.ts';

/** Categories where urgency can reach `urgent`: the customer has lost access to their credentials. */
const URGENT_WHEN_PRESSED: ReadonlySet<Category> = new Set(['account', 'sync']);

/**
 * The priority for a message already put in a category: the highest priority phrase of that
 * category (normal without one), then one step up for urgency words, capped at high unless the
 * customer has lost access.
 */
export function decidePriority(category: Category, evidence: Evidence): { priority: Priority; signals: Signal[] } {
  const signals: Signal[] = [];
  let priority: Priority = 'normal';
  const cues = LEXICONS[category].priority;
  for (const p of [...PRIORITIES].reverse()) {
    const text = anyFound(evidence, cues[p] ?? []);
    if (text === null) continue;
    priority = p;
    signals.push({ kind: 'phrase', value: text, category, priority: p, weight: 1 });
    break;
  }
  const pressed = anyFound(evidence, URGENCY);
  if (pressed !== null) {
    const cap = URGENT_WHEN_PRESSED.has(category) ? 'urgent' : 'high';
    const raised = PRIORITIES[Math.min(priorityRank(priority) + 1, priorityRank(cap))]!;
    signals.push({ kind: 'rule', value: `urgency "${pressed}": ${priority} → ${raised}`, priority: raised, weight: 1 });
    priority = priorityRank(raised) > priorityRank(priority) ? raised : priority;
  }
  return { priority, signals };
}
