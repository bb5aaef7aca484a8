import { badRequest, notFound } from '../../kernel/errors.ts';
import type { Db } from '../../store/database.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening on one weekday, local time in the team's zone: "08:00" to "18:00" ("24:00" = midnight). */
export type OpeningInterval = { day: Weekday; open: string; close: string };

/** When a team takes chats: always, or by a weekly schedule in an IANA time zone. */
export type BusinessHours = { teamId: number; timeZone: string; alwaysOpen: boolean; schedule: OpeningInterval[] };

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A zone's weekday-and-time formatter, made once: Intl formatters are costly to build. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The canonical name of an IANA time zone ("europe/berlin" → "Europe/Berlin"), or a validation error. */
export function checkTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw badRequest(`Unknown time zone "${timeZone}"; use an IANA name such as Europe/Berlin`, { time_zone: 'unknown' });
  }
}

const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Checks a weekly schedule (valid times, open before close) and sorts it by day and time. */
export function checkSchedule(schedule: OpeningInterval[]): OpeningInterval[] {
  schedule.forEach((interval, i) => {
    if (!WEEKDAYS.includes(interval.day)) throw badRequest(`schedule[${i}].day must be one of ${WEEKDAYS.join(', ')}`, { [`schedule.${i}.day`]: 'unknown' });
    for (const key of ['open', 'close'] as const) {
      if (!TIME.test(interval[key])) throw badRequest(`schedule[${i}].${key} must be a time from 00:00 to 24:00`, { [`schedule.${i}.${key}`]: 'format' });
    }
    if (minutes(interval.open) >= minutes(interval.close)) {
      throw badRequest(`schedule[${i}] must open before it closes; split a night shift at 24:00`, { [`schedule.${i}`]: 'order' });
    }
  });
  return [...schedule]
    .map(({ day, open, close }) => ({ day, open, close }))
    .sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || minutes(a.open) - minutes(b.open));
}

/** Whether the hours are open at an instant, by the weekday and wall time in their zone. */
export function isOpenAt(hours: Pick<BusinessHours, 'timeZone' | 'alwaysOpen' | 'schedule'>, at: Date): boolean {
  if (hours.alwaysOpen) return true;
  const parts = formatter(hours.timeZone).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
  const now = Number(part('hour')) * 60 + Number(part('minute'));
  return hours.schedule.some((i) => i.day === day && minutes(i.open) <= now && now < minutes(i.close));
}

type HoursRow = { team_id: number; time_zone: string; schedule: string | null };
const fromRow = (teamId: number, row: HoursRow | undefined): BusinessHours =>
  row && row.schedule !== null
    ? { teamId, timeZone: row.time_zone, alwaysOpen: false, schedule: JSON.parse(row.schedule) as OpeningInterval[] }
    : { teamId, timeZone: row?.time_zone ?? 'UTC', alwaysOpen: true, schedule: [] };

/** A team's business hours; a team nobody gave hours is always open. */
export async function getBusinessHours(db: Db, teamId: number): Promise<BusinessHours> {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound(`Team ${teamId}`);
  const row = await db.selectFrom('team_business_hours').select(['team_id', 'time_zone', 'schedule']).where('team_id', '=', teamId).executeTakeFirst();
  return fromRow(teamId, row);
}

/** The hours of the given teams (or all), keyed by team id; teams without a row are always open. */
export async function businessHoursOf(db: Db, teamIds: number[]): Promise<Map<number, BusinessHours>> {
  const rows = teamIds.length ? await db.selectFrom('team_business_hours').select(['team_id', 'time_zone', 'schedule']).where('team_id', 'in', teamIds).execute() : [];
  const byTeam = new Map(rows.map((r) => [r.team_id, r]));
  return new Map(teamIds.map((id) => [id, fromRow(id, byTeam.get(id))]));
}

/** Replaces a team's business hours after checking the zone and the schedule. */
export async function setBusinessHours(db: Db, teamId: number, input: { timeZone: string; alwaysOpen: boolean; schedule: OpeningInterval[] }, now: string): Promise<BusinessHours> {
  const timeZone = checkTimeZone(input.timeZone);
  const schedule = input.alwaysOpen ? [] : checkSchedule(input.schedule);
  if (!input.alwaysOpen && schedule.length === 0) throw badRequest('A schedule needs at least one opening unless the team is always open', { schedule: 'empty' });
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw notFound(`Team ${teamId}`);
  const values = { time_zone: timeZone, schedule: input.alwaysOpen ? null : JSON.stringify(schedule), updated_at: now };
  await db.insertInto('team_business_hours').values({ team_id: teamId, ...values }).onConflict((oc) => oc.column('team_id').doUpdateSet(values)).execute();
  return { teamId, timeZone, alwaysOpen: input.alwaysOpen, schedule };
}
