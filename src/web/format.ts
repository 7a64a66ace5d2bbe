// The web's side of the one formatter (src/platform/format.ts, shared with the server and the PDFs), plus
// what only a screen needs: reading a typed rupiah amount, and "now" on the browser's clock for display.

import { timeZoneOf, zoneLabel } from '../modules/regions/regions.rules.ts';
import { formatDateTime, type Lang } from '../platform/format.ts';

export { daysBetween } from '../platform/clock.ts';
export {
  dateIn,
  formatBasisPoints,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatRupiah,
  formatTime,
  formatTotal,
  formatUnits,
} from '../platform/format.ts';

/** Digits of what was typed into a rupiah box, as an integer (null when empty). */
export function parseRupiah(text: string): number | null {
  const digits = text
    .replace(/\D/g, '')
    .replace(/^0+(?=\d)/, '')
    .slice(0, 13);
  return digits ? Number(digits) : null;
}

export function zoneOf(regionCode: string | null | undefined) {
  const tz = timeZoneOf(regionCode || '31');
  return { tz, label: zoneLabel(tz) };
}

/** Today's date (YYYY-MM-DD) in a zone, on the browser's clock: a default for forms, and what "valid
 *  today" means on a permit. The server checks with its own clock. */
export const todayIn = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());

/** Now, in the zone of a region: "1 Desember 2026 10.15 WIB". */
export const formatNowIn = (regionCode: string | null | undefined, lang: Lang) => formatDateTime(new Date(), regionCode || '31', lang);
