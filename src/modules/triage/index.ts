/**
 * Triage and trust for every inbound message: secret redaction before anything is stored,
 * category and priority with the signals behind them, and security escalation.
 */
export { classify, type Escalation, type Signal, type Triage } from './classify/index.ts';
export { redactFilename, redactHtml, redactText, SECRET_NOTICE, type Finding, type SecretKind } from './redaction/index.ts';
export { screenMessage, type Screened } from './screen-message.ts';
export { guardReply, type AskedSecret, type GuardVerdict } from './guard/index.ts';
