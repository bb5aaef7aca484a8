import type { Evidence } from './evidence.ts';
import { ESCALATIONS, HYPOTHETICAL, IDENTITY_STEP } from './lexicon/index.ts';
import type { Escalation, EscalationKind, Signal } from './model.ts';
import { anyFound } from './score.ts';

/** Weight shown for a compromise signal: it overrides every other reading of the message. */
export const ESCALATION_WEIGHT = 5;

/**
 * A compromise report (unknown login, changed items, leaked master password, phishing that
 * imitates us) and the merged checklist for its kinds; null for everything else.
 */
export function detectEscalation(evidence: Evidence): { escalation: Escalation | null; signals: Signal[] } {
  const hypothetical = anyFound(evidence, HYPOTHETICAL);
  const kinds: EscalationKind[] = [];
  const signals: Signal[] = [];
  for (const rule of ESCALATIONS) {
    let because: string | null = anyFound(evidence, rule.phrases);
    if (!because && !hypothetical) {
      for (const group of rule.together) {
        const parts = group.map((list) => anyFound(evidence, list));
        if (parts.every((p) => p !== null)) { because = parts.join(' + '); break; }
      }
    }
    if (!because && rule.kind === 'phishing' && evidence.lookalikeDomains.length > 0) {
      because = `lookalike domain ${evidence.lookalikeDomains.join(', ')}`;
    }
    if (!because) continue;
    kinds.push(rule.kind);
    signals.push({ kind: 'rule', value: `${rule.kind}: ${because}`, category: 'security', priority: 'urgent', weight: ESCALATION_WEIGHT });
  }
  if (kinds.length === 0) {
    if (hypothetical) signals.push({ kind: 'rule', value: `hypothetical, not a report: "${hypothetical}"`, weight: 0 });
    return { escalation: null, signals };
  }
  const chosen = ESCALATIONS.filter((r) => kinds.includes(r.kind));
  const checklist = [...new Set([IDENTITY_STEP, ...chosen.flatMap((r) => r.checklist)])];
  const reason = `Compromise report: ${chosen.map((r) => r.reason).join('; ')}`;
  return { escalation: { reason, kinds, checklist }, signals };
}

