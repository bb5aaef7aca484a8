import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, type EscalationKind } from './index.ts';

const IDENTITY = "Confirm the customer's identity through a verified channel before discussing account details";

function escalated(text: string, kind: EscalationKind, mustInclude: string[]): void {
  const t = classify({ text });
  assert.equal(t.category, 'security', text);
  assert.equal(t.priority, 'urgent', text);
  assert.ok(t.escalation, `expected an escalation for: ${text}`);
  assert.ok(t.escalation.kinds.includes(kind), `expected ${kind}, got ${t.escalation.kinds.join(', ')}`);
  assert.equal(t.escalation.checklist[0], IDENTITY);
  for (const step of mustInclude) assert.ok(t.escalation.checklist.some((c) => c.includes(step)), `checklist lacks "${step}"`);
  assert.ok(t.escalation.reason.length > 0);
  assert.ok(t.signals.some((s) => s.kind === 'rule' && s.value.startsWith(kind)), 'the deciding rule is among the signals');
}

describe('security escalation', () => {
  it('escalates a login the customer did not make', () => {
    escalated('There is a login to my vault from Vietnam last night. That was not me, I was asleep in Toronto.', 'unknown-login',
      ['Revoke all sessions and trusted devices', 'login history', 'unknown 2FA devices', 'change the master password from a trusted device']);
  });

  it('escalates vault items changed or deleted by someone else', () => {
    escalated('Someone deleted half the items in our shared folder and changed the bank password. None of us did it.', 'changed-items',
      ['item history', 'shared folders', 'Revoke all sessions']);
  });

  it('escalates a leaked master password', () => {
    escalated('My master password was leaked, a coworker saw it on a sticky note and I think he has used it', 'leaked-password',
      ['change the master password at once', 'Revoke all sessions', 'login history']);
  });

  it('escalates phishing that imitates the company', () => {
    escalated('I received an email from Vaultly Support asking me to verify my master password at vaultly-login-secure.com',
      'phishing', ['message headers', 'Report the domain', 'never ask for the master password']);
  });

  it('escalates phishing noticed through a lookalike domain alone', () => {
    escalated('got a message saying my plan expires, link goes to https://vau1tly.com/renew', 'phishing', ['message headers']);
  });

  it('merges the checklists when a report is of several kinds', () => {
    const t = classify({ text: 'I typed my master password into a fake Vaultly page from a phishing email. Then someone logged in from Brazil, not me.' });
    assert.ok(t.escalation);
    assert.deepEqual([...t.escalation.kinds].sort(), ['leaked-password', 'phishing', 'unknown-login']);
    assert.equal(new Set(t.escalation.checklist).size, t.escalation.checklist.length, 'no step twice');
  });

  it('does not escalate questions about security', () => {
    for (const text of ['Is Vaultly safe?', 'What encryption do you use for my vault?', 'Have you ever had a data breach?']) {
      const t = classify({ text });
      assert.equal(t.category, 'security', text);
      assert.equal(t.priority, 'normal', text);
      assert.equal(t.escalation, null, text);
    }
  });

  it('does not escalate hypothetical questions or lockouts', () => {
    for (const text of [
      'How do I know if an email from Vaultly is phishing?',
      'What happens if someone steals my laptop, can they get into my vault?',
      "I didn't change anything and now my master password doesn't work, can't log in",
      'Can someone help me log in? It says my master password is wrong',
    ]) assert.equal(classify({ text }).escalation, null, text);
  });

  it('does not escalate a generic phishing question that disowns the brand', () => {
    const t = classify({ text: "Got a weird email about a password deal, is it phishing? It doesn't mention Vaultly at all" });
    assert.equal(t.escalation, null);
    assert.equal(t.category, 'security');
  });

  it('puts vulnerability reports at high without escalation', () => {
    const t = classify({ text: 'Security researcher here, I found an XSS in your web vault. Do you run a bug bounty?' });
    assert.deepEqual([t.category, t.priority, t.escalation], ['security', 'high', null]);
  });
});
