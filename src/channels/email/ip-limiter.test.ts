import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IpLimiter } from './ip-limiter.ts';

describe('IpLimiter', () => {
  test('caps concurrent connections per address, freeing a slot on disconnect', () => {
    const limiter = new IpLimiter({ maxConnections: 2, burst: 10, perSecond: 1 });
    assert.deepEqual([limiter.connect('a'), limiter.connect('a'), limiter.connect('a'), limiter.connect('b')], [true, true, false, true]);
    limiter.disconnect('a');
    assert.equal(limiter.connect('a'), true);
  });
  test('meters mails as a token bucket: a burst, then the refill rate', () => {
    let now = 0;
    const limiter = new IpLimiter({ maxConnections: 5, burst: 3, perSecond: 2 }, () => now);
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false]);
    assert.equal(limiter.take('b'), true);
    now += 500;
    assert.deepEqual([limiter.take('a'), limiter.take('a')], [true, false]);
    now += 60_000;
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false]);
  });
});
