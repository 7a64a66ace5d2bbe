// Region facts that need no database: time zones by province, and display names.

/** Whether region `inner` is region `outer` or lies inside it: '16.02.05' is in '16.02' and in '16'. */
export const regionCovers = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}.`);

/** The regency (kabupaten/kota) of a district or village code: '16.02.05.2001' → '16.02'. */
export const regencyOf = (code: string) => code.split('.').slice(0, 2).join('.');

export type TimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

// WITA: Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara, all of Sulawesi. WIT: Maluku and Papua.
const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);

/** The zone a region's local day is counted in (WIB `Asia/Jakarta`, WITA `Asia/Makassar`, WIT `Asia/Jayapura`). */
export function timeZoneOf(regionCode: string): TimeZone {
  const province = regionCode.slice(0, 2);
  if (WIT.has(province)) return 'Asia/Jayapura';
  if (WITA.has(province)) return 'Asia/Makassar';
  return 'Asia/Jakarta';
}

export const zoneLabel = (tz: TimeZone) => ({ 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' })[tz];

const KEEP_UPPER = new Set(['DKI', 'DI']);

/** The source spells provinces and regencies in capitals ("KOTA BENGKULU"); people read "Kota Bengkulu". */
export function displayName(raw: string): string {
  if (raw !== raw.toUpperCase()) return raw;
  return raw
    .split(/(\s+|-)/)
    .map((w) => (KEEP_UPPER.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join('');
}

/** The same zones in SQL: the zone name of a region code column, for set-wise local dates
 *  (`(now AT TIME ZONE zone)::date`), built from the sets above. */
export function timeZoneCaseSql(column: string): string {
  const list = (s: Set<string>) => [...s].map((p) => `'${p}'`).join(', ');
  return `(CASE WHEN left(${column}, 2) IN (${list(WITA)}) THEN 'Asia/Makassar' WHEN left(${column}, 2) IN (${list(WIT)}) THEN 'Asia/Jayapura' ELSE 'Asia/Jakarta' END)`;
}
