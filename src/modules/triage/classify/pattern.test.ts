import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePattern, PhraseMatcher } from './pattern.ts';
import { messageTokens } from './evidence.ts';
import { SpellingCorrector } from './spelling.ts';

function matches(pattern: string, text: string): { text: string; negated: boolean } | null {
  const matcher = new PhraseMatcher([compilePattern(pattern)], (tokens, start) => tokens[start - 1] === 'not');
  const hit = matcher.run(messageTokens(text))[0];
  return hit ? { text: hit.text, negated: hit.negated } : null;
}

describe('phrase language', () => {
  it('matches prefixes, alternatives, gaps and numbers', () => {
    assert.equal(matches('refund*', 'Refunded yet?')?.text, 'refunded');
    assert.equal(matches('charg* .. twice', 'you charged my card twice')?.text, 'charged my card twice');
    assert.equal(matches('login|signin from', 'new sign-in from Lagos')?.text, 'signin from');
    assert.equal(matches('in # hours', 'flight in 2 hours')?.text, 'in 2 hours');
  });

  it('does not let gaps cross sentences', () => {
    assert.equal(matches('charg* .. twice', 'I was charged. Twice I asked.'), null);
  });

  it('marks negatable phrases that follow a negation', () => {
    assert.deepEqual(matches('~hacked', 'definitely not hacked'), { text: 'hacked', negated: true });
    assert.deepEqual(matches('hacked', 'definitely not hacked'), { text: 'hacked', negated: false });
  });

  it('rejects patterns that start or end with a gap', () => {
    assert.throws(() => compilePattern('.. twice'));
    assert.throws(() => compilePattern('twice ..'));
  });
});

describe('normalization', () => {
  it('folds case, accents, apostrophes and French elision', () => {
    assert.deepEqual(messageTokens("Can't install l'extension"), ['cant', 'install', 'extension']);
  });

  it('maps foreign and multi-word forms to canonical words', () => {
    assert.deepEqual(messageTokens('Master-Passwort vergessen'), ['masterpassword', 'forgot']);
    assert.deepEqual(messageTokens('two-factor e-mail'), ['2fa', 'email']);
  });
});

describe('spelling', () => {
  const speller = new SpellingCorrector([{ text: 'password', prefix: false }, { text: 'install', prefix: true }, { text: 'charged', prefix: false }]);

  it('repairs one missing, extra or swapped letter', () => {
    assert.equal(speller.correct('pasword'), 'password');
    assert.equal(speller.correct('passwword'), 'password');
    assert.equal(speller.correct('passowrd'), 'password');
    assert.equal(speller.correct('instaling'), 'installing');
  });

  it('never substitutes a letter, and leaves short words alone', () => {
    assert.equal(speller.correct('changed'), 'changed');
    assert.equal(speller.correct('pasw'), 'pasw');
  });
});
