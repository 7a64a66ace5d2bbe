// Registry vocabulary: product categories (with their Indonesian names) and the rules that relate
// a product's storage, shelf life and perishability, and a permit's dates to today. Pure; no I/O.
import type { Bilingual } from '../../platform/errors.ts';

export const CATEGORIES = {
  beras_serealia: { id: 'Beras & serealia', en: 'Rice & grains' },
  gula_pemanis: { id: 'Gula & pemanis', en: 'Sugar & sweeteners' },
  bumbu_sambal: { id: 'Bumbu, terasi & sambal', en: 'Spices, shrimp paste & sambal' },
  makanan_ringan: { id: 'Makanan ringan kering (kerupuk, keripik)', en: 'Dry snacks (crackers, chips)' },
  kue_basah: { id: 'Kue & makanan basah', en: 'Wet cakes & fresh food' },
  olahan_ikan_daging: { id: 'Olahan ikan & daging', en: 'Processed fish & meat' },
  minuman: { id: 'Minuman', en: 'Beverages' },
  kopi_teh: { id: 'Kopi & teh', en: 'Coffee & tea' },
  madu_herbal: { id: 'Madu & herbal', en: 'Honey & herbal' },
  olahan_susu: { id: 'Olahan susu', en: 'Dairy products' },
  kerajinan: { id: 'Kerajinan', en: 'Crafts' },
  lainnya: { id: 'Lainnya', en: 'Other' },
} as const;

export type Category = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [Category, ...Category[]];

export const NET_UNITS = ['g', 'kg', 'ml', 'l', 'pcs'] as const;
export const STORAGE = ['ambient', 'chilled', 'frozen'] as const;

/** Wet food (makanan basah) keeps a week or less, or needs the cold chain: outlets must accept it. */
export const PERISHABLE_MAX_SHELF_DAYS = 7;

export function impliedPerishable(p: { shelfLifeDays: number; storage: (typeof STORAGE)[number] }): boolean {
  return p.shelfLifeDays <= PERISHABLE_MAX_SHELF_DAYS || p.storage !== 'ambient';
}

/** Chains and their legal names, as in the reports. */
export const CHAINS = {
  alfamart: { name: 'Alfamart', legalName: 'PT Sumber Alfaria Trijaya Tbk' },
  alfamidi: { name: 'Alfamidi', legalName: 'PT Midi Utama Indonesia Tbk' },
  indomaret: { name: 'Indomaret', legalName: 'PT Indomarco Prismatama' },
} as const;
export const CHAIN_CODES = ['alfamart', 'alfamidi', 'indomaret'] as const;

// ---- permits on the calendar ----

export interface PermitDates {
  issuedOn: string;
  expiresOn?: string | null;
}

/** A permit's standing on a date: a certificate issued after it is not yet valid (never shown green). */
export type PermitStanding = 'not_yet_valid' | 'valid' | 'expired';

export function permitStanding(p: PermitDates, date: string): PermitStanding {
  if (p.issuedOn > date) return 'not_yet_valid';
  if (p.expiresOn && p.expiresOn < date) return 'expired';
  return 'valid';
}

/** What is wrong with a permit's dates on `today` (the owner's local date), at the fields under `at`
 *  ("permits.2" or "" for a permit sent alone). The order of issue and expiry is the schema's (zPermit). */
export function permitDateProblems(p: PermitDates, today: string, at: string): { field: string; message: Bilingual }[] {
  const field = (f: string) => (at ? `${at}.${f}` : f);
  if (p.issuedOn > today) {
    return [
      {
        field: field('issuedOn'),
        message: {
          id: 'Tanggal terbit tidak boleh setelah hari ini: izin yang belum terbit belum dapat dicatat.',
          en: 'The issue date cannot be after today: a permit not yet issued cannot be recorded.',
        },
      },
    ];
  }
  return [];
}
