import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, FORM_WEIGHT, MAILBOX_WEIGHT, type Signal } from './index.ts';

const has = (signals: Signal[], pred: (s: Signal) => boolean) => signals.some(pred);

describe('classify: routing hints', () => {
  it('lets strong content override the mailbox default', () => {
    const t = classify({
      text: 'The desktop app will not install on Windows 11, the installer stops with error 1603 every time.',
      mailboxCategory: 'billing',
    });
    assert.equal(t.category, 'installation');
    assert.ok(has(t.signals, (s) => s.kind === 'mailbox' && s.category === 'billing' && s.weight === MAILBOX_WEIGHT));
  });

  it('routes a phishing report sent to support@ or billing@ to security', () => {
    const t = classify({
      text: 'Got an email from "Vaultly billing" telling me to confirm my master password or lose my subscription. Looks fake.',
      mailboxCategory: 'billing',
    });
    assert.equal(t.category, 'security');
    assert.equal(t.priority, 'urgent');
  });

  it('uses the mailbox default when the message itself says nothing', () => {
    assert.equal(classify({ text: 'hello, please call me back', mailboxCategory: 'billing' }).category, 'billing');
  });

  it('honours the form category on an ambiguous message', () => {
    const t = classify({ text: 'Something is wrong with my vault, please help', formCategory: 'sync' });
    assert.equal(t.category, 'sync');
    assert.ok(has(t.signals, (s) => s.kind === 'form' && s.category === 'sync' && s.weight === FORM_WEIGHT));
  });

  it('honours the form category over weak contrary content', () => {
    assert.equal(classify({ text: 'question about my account and the app', formCategory: 'billing' }).category, 'billing');
  });

  it('lets a compromise report override any form choice', () => {
    const t = classify({ text: 'Someone logged into my account from Russia, that was not me', formCategory: 'billing' });
    assert.equal(t.category, 'security');
    assert.notEqual(t.escalation, null);
  });

  it('weighs the subject above the body', () => {
    const t = classify({ subject: 'Refund for double charge', text: 'Hi, see subject. The app itself works fine on my phone.' });
    assert.equal(t.category, 'billing');
    assert.equal(t.priority, 'high');
  });
});

describe('classify: negation', () => {
  it('reads "not a security issue" as not security', () => {
    const t = classify({ text: 'This is not a security issue, but the extension takes ages to fill my logins' });
    assert.equal(t.category, 'sync');
    assert.equal(t.escalation, null);
    assert.ok(has(t.signals, (s) => s.kind === 'rule' && s.value.includes('negated') && s.value.includes('security issue')));
  });

  it('does not escalate a denial of compromise', () => {
    const t = classify({ text: "I wasn't hacked or anything, I just forgot my master password and I'm locked out" });
    assert.equal(t.category, 'account');
    assert.equal(t.priority, 'high');
    assert.equal(t.escalation, null);
  });

  it('keeps "not syncing" as a sync problem: negation only cancels negatable phrases', () => {
    assert.equal(classify({ text: 'my passwords are not syncing to my phone' }).category, 'sync');
  });

  it('reads "not urgent" as no urgency', () => {
    assert.equal(classify({ text: 'Not urgent, but it would be great to have a dark mode' }).priority, 'low');
  });
});

describe('classify: fallback, priority and signals', () => {
  it('returns general/normal for empty text', () => {
    for (const text of ['', '   \n ']) {
      const t = classify({ text });
      assert.deepEqual([t.category, t.priority, t.confidence, t.escalation], ['general', 'normal', 0, null]);
    }
  });

  it('explains a decision with the phrases that made it', () => {
    const t = classify({ text: 'You charged me twice this month for Premium, please refund one' });
    assert.equal(t.category, 'billing');
    assert.equal(t.priority, 'high');
    assert.ok(has(t.signals, (s) => s.kind === 'phrase' && s.category === 'billing' && s.value.includes('refund') && s.weight > 0));
    assert.ok(has(t.signals, (s) => s.kind === 'phrase' && s.priority === 'high' && s.value.includes('twice')));
    assert.ok(t.confidence > 0.5 && t.confidence <= 1);
  });

  it('says when no category reached its threshold', () => {
    const t = classify({ text: 'hello??' });
    assert.equal(t.category, 'general');
    assert.ok(has(t.signals, (s) => s.kind === 'rule' && s.value.includes('threshold')));
  });

  it('puts how-to questions and feature requests at low', () => {
    assert.deepEqual(pick('How do I share a login with my brother?'), ['general', 'low']);
    assert.deepEqual(pick('Feature request: let me sort folders by date'), ['general', 'low']);
  });

  it('puts lockouts at high and lockouts with urgent need at urgent', () => {
    assert.deepEqual(pick('I forgot my master password and I am locked out'), ['account', 'high']);
    assert.deepEqual(pick('locked out of my vault, need my work logins asap!!'), ['account', 'urgent']);
    assert.deepEqual(pick("can't log in and can't access anything"), ['account', 'urgent']);
  });

  it('raises other categories one step for urgency, at most to high', () => {
    assert.deepEqual(pick('refund asap'), ['billing', 'high']);
    assert.deepEqual(pick('URGENT: charged twice this month'), ['billing', 'high']);
  });

  it('puts sync data loss at high', () => {
    assert.deepEqual(pick('after the update all my passwords are gone, the vault is empty'), ['sync', 'high']);
  });

  it('forgives common typos and reads German, Spanish and French', () => {
    assert.equal(classify({ text: 'i forgot my pasword and cant aceess my acount' }).category, 'account');
    assert.equal(classify({ text: 'Ich möchte eine Rückerstattung für mein Abo' }).category, 'billing');
    assert.equal(classify({ text: 'No puedo instalar la extensión en Chrome' }).category, 'installation');
    assert.equal(classify({ text: 'Mes mots de passe ne se synchronisent plus' }).category, 'sync');
  });

  it('ignores quoted earlier messages', () => {
    assert.equal(classify({ text: 'Thanks, all good now!\n> I was charged twice this month\n> please refund' }).category, 'general');
  });
});

function pick(text: string): [string, string] {
  const t = classify({ text });
  return [t.category, t.priority];
}
