/** Triage categories, the same strings as the tickets module uses. */
export const CATEGORIES = ['account', 'installation', 'billing', 'sync', 'security', 'general'] as const;
/** Triage priorities, lowest first, the same strings as the tickets module uses. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Priority = (typeof PRIORITIES)[number];

/** What triage reads: the message text, and the routing hints that came with it. */
export type ClassifyInput = {
  text: string;
  subject?: string;
  /** The category the receiving mailbox defaults to (billing@ → billing): a prior, not a verdict. */
  mailboxCategory?: Category | null;
  /** The category the customer picked on the contact form: a strong signal. */
  formCategory?: Category | null;
};

/** One piece of evidence, shown to agents so they can see why triage decided as it did. */
export type Signal = {
  kind: 'phrase' | 'mailbox' | 'form' | 'rule';
  value: string;
  category?: Category;
  priority?: Priority;
  weight: number;
};

/** The four kinds of compromise report that go to the security team at once. */
export const ESCALATION_KINDS = ['unknown-login', 'changed-items', 'leaked-password', 'phishing'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

/** A compromise report: why it was escalated and what the security team must do. */
export type Escalation = { reason: string; kinds: EscalationKind[]; checklist: string[] };

/** The verdict on one message; confidence is 0..1, a ranking aid, not a calibrated probability. */
export type Triage = {
  category: Category;
  priority: Priority;
  confidence: number;
  signals: Signal[];
  escalation: Escalation | null;
};

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

/** Priorities compare by rank: low 0 … urgent 3. */
export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}
