import { detectEscalation } from './detect-escalation.ts';
import { decidePriority } from './decide-priority.ts';
import { readEvidence } from './evidence.ts';
import { LEXICONS } from './lexicon/index.ts';
import type { ClassifyInput, Signal, Triage } from './model.ts';
import { pickCategory, scoreCategories } from './score.ts';

const MAX_SIGNALS = 24;

/**
 * Triage of one inbound message: category, priority, confidence, the signals that decided, and
 * the security escalation for compromise reports. Pure and synchronous; a 1 MB message takes
 * well under a second.
 */
export function classify(input: ClassifyInput): Triage {
  const evidence = readEvidence(input);
  const { scores, signals } = scoreCategories(evidence, input);
  const { escalation, signals: escalationSignals } = detectEscalation(evidence);
  signals.push(...escalationSignals);

  if (escalation) {
    signals.push({ kind: 'rule', value: 'compromise report → security, urgent', category: 'security', priority: 'urgent', weight: 5 });
    return { category: 'security', priority: 'urgent', confidence: 0.95, signals: rank(signals), escalation };
  }

  const { category, fallback } = pickCategory(scores);
  if (fallback) {
    signals.push({ kind: 'rule', value: 'no category reached its threshold → general', category: 'general', weight: 0 });
  }
  const { priority, signals: prioritySignals } = decidePriority(category, evidence);
  signals.push(...prioritySignals);

  const top = scores[category];
  const runnerUp = Math.max(0, ...Object.entries(scores).filter(([c]) => c !== category).map(([, s]) => s));
  const confidence = fallback
    ? round(evidence.wordCount === 0 ? 0 : 0.3 * (1 - Math.min(1, runnerUp / (LEXICONS[category].threshold || 2))))
    : round(top / (top + runnerUp + 2));
  return { category, priority, confidence, signals: rank(signals), escalation: null };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Rules first, then the heaviest evidence; long messages keep only the strongest signals. */
function rank(signals: Signal[]): Signal[] {
  const rules = signals.filter((s) => s.kind === 'rule' || s.kind === 'form' || s.kind === 'mailbox');
  const phrases = signals.filter((s) => s.kind === 'phrase').sort((a, b) => b.weight - a.weight);
  return [...rules, ...phrases].slice(0, MAX_SIGNALS);
}
