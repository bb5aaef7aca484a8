import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allMatches } from './scan.ts';

const same = (re: RegExp, text: string): void => {
  const want = [...text.matchAll(re)].map((m) => ({ at: m.index, groups: [...m] }));
  const got = allMatches(re, text).map((m) => ({ at: m.index, groups: [...m] }));
  assert.deepEqual(got, want, `/${re.source}/${re.flags} on ${JSON.stringify(text)}`);
  assert.equal(re.lastIndex, 0, 'lastIndex is left at 0');
};

test('allMatches finds what matchAll finds: groups, positions, empty matches, astral characters', () => {
  same(/(\d+)-(\d+)/g, 'codes 12-34, 56-78 and 9-0');
  same(/x*/g, 'axxb');
  same(/(?:)/gu, 'a😀b');
  same(/\p{L}*/gu, '😀é😀');
  same(/nothing/g, 'here');
  same(/a/giy, 'aaAb');
});

test('a caller may run the same regex again inside its loop', () => {
  const re = /\d/g;
  const outer = allMatches(re, '1 2 3').map((m) => `${m[0]}:${allMatches(re, '45').length}`);
  assert.deepEqual(outer, ['1:2', '2:2', '3:2']);
});

test('a regex without the global flag is refused (it would match only once)', () => {
  assert.throws(() => allMatches(/a/, 'aa'), /global regex/);
});
