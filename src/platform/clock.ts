// The one clock. Business dates and times come from `ctx.now` (set once per request or job from the
// app's clock), never from `Date.now()` inside services or rules, so tests pin the date and a demo
// seeded on any day tells the same story.
import { timeZoneOf } from '../modules/regions/regions.rules.ts';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock stopped at one instant (tests): `fixedClock('2026-11-23T03:00:00Z')`. */
export const fixedClock =
  (iso: string): Clock =>
  () =>
    new Date(iso);

/** A calendar date (YYYY-MM-DD) so many days later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The calendar date (YYYY-MM-DD) at `at` in a region's own zone (WIB/WITA/WIT): "today" for that region. */
export function localDate(regionCode: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timeZoneOf(regionCode), year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}
