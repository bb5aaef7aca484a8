/** Everything triage knows about the domain, as data: extend these files, not the code. */
import type { Category } from '../model.ts';
import { ACCOUNT } from './account.ts';
import { BILLING } from './billing.ts';
import { GENERAL } from './general.ts';
import { INSTALLATION } from './installation.ts';
import { SECURITY } from './security.ts';
import { SYNC } from './sync.ts';
import type { CategoryLexicon } from './types.ts';

export { BRAND, CANONICAL, HEDGES, NEGATORS, SCOPE_BREAKS } from './canonical.ts';
export { ESCALATIONS, HYPOTHETICAL, IDENTITY_STEP } from './escalation.ts';
export { URGENCY } from './urgency.ts';
export { TIER_WEIGHTS, type CategoryLexicon, type EscalationRule, type Tier } from './types.ts';

/** One lexicon per category. */
export const LEXICONS: Readonly<Record<Category, CategoryLexicon>> = {
  account: ACCOUNT,
  installation: INSTALLATION,
  billing: BILLING,
  sync: SYNC,
  security: SECURITY,
  general: GENERAL,
};
