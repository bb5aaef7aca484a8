import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from './analyze.ts';
import { editDistance } from './edit-distance.ts';
import { retrievalGroups } from './search.ts';
import { makeSnippet } from './snippet.ts';
import { Vocabulary } from './vocabulary.ts';

const terms = (text: string, locale: 'en' | 'de' = 'en'): string[] => analyze(text, locale).map((t) => t.term);

describe('search analysis', () => {
  test('error codes, versions and identifiers stay whole; words are stemmed; stop words go', () => {
    assert.deepEqual(terms('Sync fails with E-4012 after updating to v4.2.1 (not 4.2.10)'), ['sync', 'fail', 'e4012', 'after', 'updat', '4_2_1', 'not', '4_2_10']);
    assert.deepEqual(terms('ERR_SYNC_42 and e4012'), ['err_sync_42', 'e4012']);
    assert.deepEqual(terms("I can't open the vault's settings"), ['cant', 'open', 'vault', 'set']);
    assert.deepEqual(terms('Passwörter für die Größe', 'de'), ['passwort', 'gross']);
  });

  test('edit distance counts a swap of neighbours as one edit and stops past the limit', () => {
    assert.equal(editDistance('pasword', 'password', 2), 1);
    assert.equal(editDistance('paswrod', 'password', 2), 2);
    assert.equal(editDistance('refund', 'sync', 2), 3);
  });

  test('snippets escape the text and mark matches, codes and versions included', () => {
    const snippet = makeSnippet('Error E-4012 on v4.2.1: <b>sync</b> & retry', 'en', new Set(['e4012', '4_2_1', 'sync']));
    assert.equal(snippet, 'Error <mark>E-4012</mark> on <mark>v4.2.1</mark>: &lt;b&gt;<mark>sync</mark>&lt;/b&gt; &amp; retry');
  });

  test('retrieval keeps rare terms in every field, common ones in titles and tags, always the rarest that occurs, and none that occur nowhere', () => {
    const rows = [
      { kind: 's', term: 'rare', df: 10 }, { kind: 's', term: 'common', df: 5000 }, { kind: 't', term: 'common', df: 40 },
      { kind: 's', term: 'everywhere', df: 9000 }, { kind: 't', term: 'everywhere', df: 3000 },
    ];
    const v = new Vocabulary('en', 1, 10_000, { title: 5, description: 10, tags: 4, body: 300 }, rows, []);
    assert.deepEqual(retrievalGroups(['rare', 'common', 'everywhere'], v), [{ terms: ['rare'], fields: 'all' }, { terms: ['common'], fields: 'meta' }]);
    assert.deepEqual(retrievalGroups(['typo', 'everywhere'], v), [{ terms: ['everywhere'], fields: 'meta' }], 'a term no article contains is not looked up');
    assert.deepEqual(retrievalGroups(['typo'], v), []);
  });
});
