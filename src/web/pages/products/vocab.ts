// Product vocabulary for display: categories come from the registry rules (the server's own list, with
// its Indonesian and English names); units, storage and permit types from the dictionaries.
import { CATEGORIES, CATEGORY_CODES, type Category } from '../../../modules/registry/registry.rules.ts';
import type { Bilingual, Lang } from '../../i18n.tsx';
import type { NetUnit, PermitType, Storage } from '../../types.ts';

export const categoryLabel = (c: Category, lang: Lang) => CATEGORIES[c]?.[lang] ?? c;
export const categoryOptions = (lang: Lang): [Category, string][] => CATEGORY_CODES.map((c) => [c, categoryLabel(c, lang)]);

export const NET_UNITS: NetUnit[] = ['g', 'kg', 'ml', 'l', 'pcs'];
export const STORAGE: Storage[] = ['ambient', 'chilled', 'frozen'];
export const PERMIT_TYPES: PermitType[] = ['pirt', 'bpom_md', 'bpom_ml', 'halal'];

export const STORAGE_KEY: Record<Storage, Bilingual> = {
  ambient: { id: 'Suhu ruang', en: 'Room temperature' },
  chilled: { id: 'Dingin (kulkas)', en: 'Chilled' },
  frozen: { id: 'Beku', en: 'Frozen' },
};
export const PERMIT_KEY: Record<PermitType, Bilingual> = {
  pirt: { id: 'P-IRT', en: 'P-IRT' },
  bpom_md: { id: 'BPOM MD', en: 'BPOM MD' },
  bpom_ml: { id: 'BPOM ML', en: 'BPOM ML' },
  halal: { id: 'Sertifikat halal', en: 'Halal certificate' },
};
/** What a number of each permit type looks like on a label. */
export const PERMIT_EXAMPLE: Record<PermitType, string> = {
  pirt: '2061671010321 26',
  bpom_md: 'MD 224510001234',
  bpom_ml: 'ML 224510001234',
  halal: 'ID16110000123450224',
};

export const unitLabel = (u: NetUnit, lang: Lang) => (u === 'pcs' ? (lang === 'id' ? 'buah' : 'pcs') : u);
