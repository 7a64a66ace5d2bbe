// The demo's calendar. The demo's story is written for one day (ANCHOR: permits lapsed before it, PKS in
// force on it, a round closed the month before); seeded on any other day, every date moves by the same
// number of days, so the story holds on the day it is seeded and stays deterministic for that day.
import { addDays, daysBetween } from '../platform/clock.ts';

/** The day the demo's literal dates are written for. */
export const DEMO_ANCHOR = '2026-11-23';

export interface DemoCalendar {
  /** The day the demo is seeded for (YYYY-MM-DD). */
  today: string;
  /** 10.00 WIB on that day: the instant the demo's own service calls happen at. */
  now: Date;
  /** A date of the story (written for DEMO_ANCHOR) moved to the seeding day. */
  d(date: string): string;
  /** An instant of the story moved to the seeding day. */
  t(iso: string): Date;
}

export function demoCalendar(today: string = DEMO_ANCHOR): DemoCalendar {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    throw new Error(`demo: invalid seeding day ${today}`);
  }
  const shift = daysBetween(DEMO_ANCHOR, today);
  return {
    today,
    now: new Date(`${today}T03:00:00Z`),
    d: (date) => addDays(date, shift),
    t: (iso) => new Date(Date.parse(iso) + shift * 86_400_000),
  };
}

/** The same calendar with its story's dates moved a further `days` (for a part of the story that must keep its
 *  order with a date the calendar does not move, e.g. 17 March: promotions.ts `bengkuluAgreementShift`). */
export function movedBy(cal: DemoCalendar, days: number): DemoCalendar {
  if (days === 0) return cal;
  return { ...cal, d: (date) => addDays(cal.d(date), days), t: (iso) => new Date(cal.t(iso).getTime() + days * 86_400_000) };
}
