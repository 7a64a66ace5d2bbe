// The public catalogue's rules (C11), pure: how much a shopper is told about the stock at an outlet (an
// estimate in words, never the ledger's figure), and the order of the outlets (nearest first).

import { addDays } from '../../platform/clock.ts';
import { haversineKm } from '../placement/placement.pairs.ts';

export type StockEstimate = 'in_stock' | 'low' | 'out' | 'unknown';

/** At or under this many units on the ledger the shelf may be nearly empty. */
export const LOW_STOCK_UNITS = 3;
/** A ledger that has not moved for this many days says nothing reliable about today's shelf. */
export const STALE_AFTER_DAYS = 14;

/** The estimate from the consignment stock ledger: its balance and the day it last moved. */
export function stockEstimate(onHand: number | null, lastMovedOn: string | null, today: string): StockEstimate {
  if (onHand === null || lastMovedOn === null) return 'unknown';
  if (lastMovedOn < addDays(today, -STALE_AFTER_DAYS)) return 'unknown';
  if (onHand <= 0) return 'out';
  return onHand <= LOW_STOCK_UNITS ? 'low' : 'in_stock';
}

export interface Point {
  lat: number;
  lon: number;
}

/** Distance in km, one decimal: the shopper reads "1,2 km". */
export const distanceKm = (a: Point, b: Point) => Math.round(haversineKm(a.lat, a.lon, b.lat, b.lon) * 10) / 10;

/** Outlets nearest first from a point (ties and no point: by name, then code, so the order is stable). */
export function nearestFirst<T extends Point & { name: string; code: string }>(
  items: T[],
  from: Point | null,
): (T & { distanceKm: number | null })[] {
  const withDistance = items.map((x) => ({ ...x, distanceKm: from ? distanceKm(from, x) : null }));
  return withDistance.sort(
    (a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.name.localeCompare(b.name, 'id') || a.code.localeCompare(b.code),
  );
}
