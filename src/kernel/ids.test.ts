import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashSecret, newReference, newSecret, normalizeReference } from './ids.ts';

const REFERENCE = /^CL-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;

describe('references', () => {
  test('a reference is CL- and 8 Crockford base32 characters', () => {
    for (let i = 0; i < 1000; i++) assert.match(newReference(), REFERENCE);
  });

  test('10,000 references are unique', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(newReference());
    assert.equal(seen.size, 10_000);
  });

  test('a new reference reads back as itself', () => {
    for (let i = 0; i < 1000; i++) {
      const ref = newReference();
      assert.equal(normalizeReference(ref), ref);
      assert.equal(normalizeReference(ref.toLowerCase()), ref);
    }
  });

  const accepted: Array<[string, string]> = [
    ['CL-7KQ20M11', 'CL-7KQ20M11'],
    ['cl-7kq20m11', 'CL-7KQ20M11'],
    ['cl-7kq2om1l', 'CL-7KQ20M11'],
    ['CL-7KQ2OM1I', 'CL-7KQ20M11'],
    ['7KQ20M11', 'CL-7KQ20M11'],
    ['7kq2om1l', 'CL-7KQ20M11'],
    ['CL7KQ20M11', 'CL-7KQ20M11'],
    ['  CL-7KQ2 0M11 ', 'CL-7KQ20M11'],
    ['CL-7KQ2-0M11', 'CL-7KQ20M11'],
    ['oooooooo', 'CL-00000000'],
    ['IiLl1111', 'CL-11111111'],
  ];
  for (const [input, expected] of accepted) {
    test(`normalizeReference(${JSON.stringify(input)}) is ${expected}`, () => {
      assert.equal(normalizeReference(input), expected);
    });
  }

  const rejected = ['CL-7KQ20MU1', 'uuuuuuuu', 'CL-7KQ20M1', 'CL-7KQ20M111', '7KQ20M1', '7KQ20M111', '', 'CL-', 'CL-7KQ20M1!', 'CL-7KQ20M1é'];
  for (const input of rejected) {
    test(`normalizeReference(${JSON.stringify(input)}) is null`, () => {
      assert.equal(normalizeReference(input), null);
    });
  }
});

describe('secrets', () => {
  test('a secret carries its prefix and is hashed to 64 hex characters', () => {
    const secret = newSecret('clt');
    assert.match(secret, /^clt_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newSecret('clt'), secret);
    assert.match(hashSecret(secret), /^[0-9a-f]{64}$/);
    assert.equal(hashSecret(secret), hashSecret(secret));
  });
});
