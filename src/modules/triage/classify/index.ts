/**
 * Triage of inbound customer messages: category and priority from weighted domain lexicons,
 * the signals behind each decision, and a security escalation with checklist for compromise
 * reports. Lexicons live in ./lexicon as plain data. The only public face of this folder.
 */
export { classify } from './classify.ts';
export {
  CATEGORIES,
  ESCALATION_KINDS,
  PRIORITIES,
  isCategory,
  isPriority,
  type Category,
  type ClassifyInput,
  type Escalation,
  type EscalationKind,
  type Priority,
  type Signal,
  type Triage,
} from './model.ts';
export { FORM_WEIGHT, MAILBOX_WEIGHT } from './score.ts';
export {
  evaluate,
  formatReport,
  LabelledFileError,
  parseLabelled,
  type EvaluationReport,
  type LabelledExample,
} from './evaluate.ts';
