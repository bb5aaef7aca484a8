/** The time source; tests pass a fixed clock to make timestamps predictable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC with milliseconds: the one timestamp format stored on every dialect. */
export const isoNow = (clock: Clock = systemClock): string => clock.now().toISOString();
