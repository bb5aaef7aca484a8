import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../kernel/errors.ts';
import { checkSchedule, checkTimeZone, isOpenAt, type OpeningInterval } from './business-hours.ts';

const weekdays = (open: string, close: string): OpeningInterval[] =>
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open, close }));
const berlin = { timeZone: 'Europe/Berlin', alwaysOpen: false, schedule: weekdays('08:00', '18:00') };

describe('business hours', () => {
  test('Mon–Fri 08:00–18:00 Berlin follows the wall clock there, in winter and in summer time', () => {
    // Thursday 26 Nov 2026: Berlin is UTC+1.
    assert.equal(isOpenAt(berlin, new Date('2026-11-26T06:59:00Z')), false);
    assert.equal(isOpenAt(berlin, new Date('2026-11-26T07:00:00Z')), true);
    assert.equal(isOpenAt(berlin, new Date('2026-11-26T16:59:00Z')), true);
    assert.equal(isOpenAt(berlin, new Date('2026-11-26T17:00:00Z')), false);
    // Wednesday 1 Jul 2026: Berlin is UTC+2, so 06:30 UTC is 08:30 there.
    assert.equal(isOpenAt(berlin, new Date('2026-07-01T06:30:00Z')), true);
    assert.equal(isOpenAt(berlin, new Date('2026-07-01T16:30:00Z')), false);
    // Saturday in Berlin although still Friday in New York.
    assert.equal(isOpenAt(berlin, new Date('2026-11-28T10:00:00Z')), false);
    // Friday 23:30 UTC is Saturday 00:30 in Berlin: closed; a Saturday-night schedule in UTC is open.
    assert.equal(isOpenAt({ timeZone: 'UTC', alwaysOpen: false, schedule: [{ day: 'fri', open: '22:00', close: '24:00' }] }, new Date('2026-11-27T23:30:00Z')), true);
    assert.equal(isOpenAt({ timeZone: 'UTC', alwaysOpen: true, schedule: [] }, new Date('2026-11-28T03:00:00Z')), true);
  });

  test('a zone that is not IANA, a time out of range and a shift that closes before it opens are refused', () => {
    assert.equal(checkTimeZone('europe/berlin'), 'Europe/Berlin');
    assert.throws(() => checkTimeZone('Mars/Olympus'), (e: AppError) => e.details?.time_zone === 'unknown');
    assert.throws(() => checkSchedule([{ day: 'mon', open: '25:00', close: '26:00' }]), (e: AppError) => e.details?.['schedule.0.open'] === 'format');
    assert.throws(() => checkSchedule([{ day: 'mon', open: '18:00', close: '08:00' }]), (e: AppError) => e.details?.['schedule.0'] === 'order');
    assert.throws(() => checkSchedule([{ day: 'xyz' as 'mon', open: '08:00', close: '09:00' }]), (e: AppError) => e.details?.['schedule.0.day'] === 'unknown');
    assert.deepEqual(checkSchedule([{ day: 'tue', open: '13:00', close: '17:00' }, { day: 'mon', open: '09:00', close: '12:00' }, { day: 'tue', open: '08:00', close: '12:00' }]).map((i) => `${i.day} ${i.open}`), ['mon 09:00', 'tue 08:00', 'tue 13:00']);
  });
});
