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

/** The calendar date (YYYY-MM-DD) at `at` in a region's own zone (WIB/WITA/WIT): "today" for that region. */
export function localDate(regionCode: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timeZoneOf(regionCode), year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}
