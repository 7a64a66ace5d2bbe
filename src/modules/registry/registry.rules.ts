// Registry vocabulary: product categories (with their Indonesian names) and the rules that relate
// a product's storage, shelf life and perishability. Pure; no I/O.

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
