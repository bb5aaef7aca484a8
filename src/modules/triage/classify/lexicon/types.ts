import type { Category, EscalationKind, Priority } from '../model.ts';

/**
 * What one category's lexicon says. Phrases use the language in ../pattern.ts. Tiers give the
 * weight a phrase adds to its category: strong (alone names the category), medium (points to it),
 * weak (context only). Priority phrases add no weight: they set the priority when the category wins.
 */
export type CategoryLexicon = {
  category: Category;
  /** Score a message needs before this category may claim it (general is the fallback). */
  threshold: number;
  strong: readonly string[];
  medium: readonly string[];
  weak: readonly string[];
  priority: Partial<Record<Priority, readonly string[]>>;
};

export const TIER_WEIGHTS = { strong: 3, medium: 1.5, weak: 0.5 } as const;
export type Tier = keyof typeof TIER_WEIGHTS;

/**
 * One kind of compromise report. It fires on any phrase, or when every list in a `together`
 * group has a phrase somewhere in the message (unless an `unless` phrase says it is hypothetical).
 */
export type EscalationRule = {
  kind: EscalationKind;
  reason: string;
  phrases: readonly string[];
  together: readonly (readonly (readonly string[])[])[];
  checklist: readonly string[];
};
