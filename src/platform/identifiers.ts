// Indonesian identifiers and their validity rules. Pure functions: one place for each rule.

/** GTIN-13 with the GS1 mod-10 check digit. */
export function isValidGtin13(s: string): boolean {
  if (!/^\d{13}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(s[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(s[12]);
}

/** Completes 12 digits with their GS1 check digit (demo data and tests make barcodes with it). */
export function gtin13(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

/** Indonesia's GS1 prefix. */
export const isIndonesianGtin = (s: string) => isValidGtin13(s) && s.startsWith('899');

/** NIB (Nomor Induk Berusaha, OSS): 13 digits. */
export const isValidNib = (s: string) => /^\d{13}$/.test(s);

export type PermitType = 'pirt' | 'bpom_md' | 'bpom_ml' | 'halal';

/** Permit numbers as written on labels often carry spaces, dots or dashes; we store them without. */
export function normalizePermitNumber(type: PermitType, raw: string): string {
  const s = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  if (type === 'bpom_md' && /^MD\d+$/.test(s)) return s;
  if (type === 'bpom_ml' && /^ML\d+$/.test(s)) return s;
  return s;
}

const PERMIT_PATTERNS: Record<PermitType, RegExp> = {
  pirt: /^\d{15}$/, // SPP-IRT / P-IRT: 15 digits
  bpom_md: /^MD\d{12}$/, // BPOM RI MD + 12 digits (domestic)
  bpom_ml: /^ML\d{12}$/, // BPOM RI ML + 12 digits (imported)
  halal: /^(ID\d{17}|\d{14})$/, // BPJPH: ID + 17 digits; older MUI certificates: 14 digits
};

export function isValidPermitNumber(type: PermitType, normalized: string): boolean {
  return PERMIT_PATTERNS[type].test(normalized);
}

/** A generous box around Indonesia's land and sea territory (Sabang–Merauke, Miangas–Rote). */
export const INDONESIA_BOUNDS = { minLat: -11.2, maxLat: 6.2, minLon: 94.7, maxLon: 141.2 };

export const isInIndonesia = (lat: number, lon: number) =>
  lat >= INDONESIA_BOUNDS.minLat && lat <= INDONESIA_BOUNDS.maxLat && lon >= INDONESIA_BOUNDS.minLon && lon <= INDONESIA_BOUNDS.maxLon;

/** Kemendagri region code at any level: 17, 17.71, 17.71.01, 17.71.01.1001. */
export const REGION_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function regionLevel(code: string): 'province' | 'regency' | 'district' | 'village' {
  const parts = code.split('.').length;
  return (['province', 'regency', 'district', 'village'] as const)[parts - 1] ?? 'village';
}
