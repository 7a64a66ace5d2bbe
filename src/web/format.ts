// Display formats of the field: rupiah as `Rp1.234.500`, dates in the region's zone (WIB/WITA/WIT).
import { timeZoneOf, zoneLabel } from '../modules/regions/regions.rules.ts';

const groups = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** `Rp1.234.500`: Indonesian grouping, no space, as on price tags. */
export const formatRupiah = (n: number) => `Rp${groups.format(n)}`;

export const formatNumber = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);

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

/** Today's date (YYYY-MM-DD) in a zone: a permit dated today expires at the end of the local day. */
export const todayIn = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());

/** A calendar date from the API (YYYY-MM-DD), shown without shifting it through any zone. */
export function formatDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Now, in the zone of a region, with its Indonesian label: "Senin, 3 Maret 2025 10.15 WIB". */
export function formatNowIn(regionCode: string | null | undefined, locale: string): string {
  const { tz, label } = zoneOf(regionCode);
  const s = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: tz,
  }).format(new Date());
  return `${s} ${label}`;
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
