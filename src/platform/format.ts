// The one formatter of numbers, money, percentages, dates and times, shared by the server (messages,
// exports), the PDF documents and the web. Rupiah is written as on a price tag or an invoice, `Rp1.234.500`,
// in both languages; dates as people write them, "1 Desember 2026"; times with their zone, "08.00 WIB".
import { type TimeZone, timeZoneOf, zoneLabel } from '../modules/regions/regions.rules.ts';

export type Lang = 'id' | 'en';

const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
export const localeOf = (lang: Lang) => LOCALE[lang];

const grouping = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const numbers: Record<Lang, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** `Rp1.234.500` (negative: `-Rp1.234.500`): integer rupiah, Indonesian grouping, no space. */
export function formatRupiah(v: number | bigint): string {
  const neg = typeof v === 'bigint' ? v < 0n : v < 0;
  const abs = typeof v === 'bigint' ? (neg ? -v : v) : Math.abs(v);
  return `${neg ? '-' : ''}Rp${grouping.format(abs)}`;
}

/** `1.234,5` / `1,234.5`. */
export const formatNumber = (v: number | bigint, lang: Lang) => numbers[lang].format(v);

/** A list's total; an estimate (a list too long to count on every page) says so: `sekitar 980.000`. */
export const formatTotal = (v: number, estimated: boolean | undefined, lang: Lang) =>
  estimated ? `${lang === 'id' ? 'sekitar' : 'about'} ${formatNumber(v, lang)}` : formatNumber(v, lang);

/** A count of goods: `1 unit` / `3 unit` in Indonesian (no plural), `1 unit` / `3 units` in English. */
export const formatUnits = (v: number | bigint, lang: Lang) =>
  `${formatNumber(v, lang)} ${lang === 'en' && Number(v) !== 1 ? 'units' : 'unit'}`;

/** A fraction as a percentage: 0.125 → `12,5%` / `12.5%` (at most `digits` decimals). */
export function formatPercent(fraction: number, lang: Lang, digits = 1): string {
  const f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits });
  return `${f.format(fraction * 100)}%`;
}

/** A rate kept in basis points (1 bp = 0,01%), shown as a percentage: 1250 → `12,5%`. */
export const formatBasisPoints = (bp: number, lang: Lang) => formatPercent(bp / 10_000, lang, 2);

const dates: Record<Lang, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A calendar date (`2026-12-01`) as `1 Desember 2026` / `1 December 2026`, never shifted through a zone. */
export function formatDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return dates[lang].format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A period `1–31 Desember 2026`-style, written in full: `1 Januari 2026 – 31 Desember 2026`. */
export const formatPeriod = (from: string, to: string, lang: Lang) => `${formatDate(from, lang)} – ${formatDate(to, lang)}`;

const zoneOf = (where: string) => (where.includes('/') ? (where as TimeZone) : timeZoneOf(where));

/** The local calendar date of an instant in a zone (or a region's zone), `YYYY-MM-DD`. */
export function dateIn(instant: Date | string, where: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zoneOf(where) }).format(new Date(instant));
}

/** `08.00 WIB` / `08:00 WIB`: the time of an instant in a zone (an IANA zone or a region code). */
export function formatTime(instant: Date | string, where: string, lang: Lang): string {
  const tz = zoneOf(where);
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: tz }).formatToParts(
    new Date(instant),
  );
  const h = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const min = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${h}${lang === 'id' ? '.' : ':'}${min} ${zoneLabel(tz) ?? tz}`;
}

/** `1 Desember 2026 08.00 WIB`: an instant as its local date and time in a zone (or a region's zone). */
export const formatDateTime = (instant: Date | string, where: string, lang: Lang) =>
  `${formatDate(dateIn(instant, where), lang)} ${formatTime(instant, where, lang)}`;
