// Codes of the registry, with their labels (gathered in src/vocabulary.ts).
import type { Bilingual } from '../../platform/errors.ts';
import { CATEGORIES, CHAINS } from './registry.rules.ts';

const chain = Object.fromEntries(Object.entries(CHAINS).map(([code, c]) => [code, { id: c.name, en: c.name }])) as Record<
  keyof typeof CHAINS,
  Bilingual
>;

export const REGISTRY_VOCABULARY = {
  category: CATEGORIES as Record<keyof typeof CATEGORIES, Bilingual>,
  chain,
  permitType: {
    pirt: { id: 'P-IRT', en: 'P-IRT (home-industry food permit)' },
    bpom_md: { id: 'BPOM MD', en: 'BPOM MD' },
    bpom_ml: { id: 'BPOM ML', en: 'BPOM ML' },
    halal: { id: 'Sertifikat halal', en: 'Halal certificate' },
  },
  storage: {
    ambient: { id: 'Suhu ruang', en: 'Room temperature' },
    chilled: { id: 'Dingin (kulkas)', en: 'Chilled' },
    frozen: { id: 'Beku', en: 'Frozen' },
  },
  netUnit: {
    g: { id: 'g', en: 'g' },
    kg: { id: 'kg', en: 'kg' },
    ml: { id: 'ml', en: 'ml' },
    l: { id: 'l', en: 'l' },
    pcs: { id: 'buah', en: 'pcs' },
  },
  regionLevel: {
    province: { id: 'Provinsi', en: 'Province' },
    regency: { id: 'Kabupaten/Kota', en: 'Regency/City' },
    district: { id: 'Kecamatan', en: 'District' },
    village: { id: 'Desa/Kelurahan', en: 'Village' },
  },
  organizationKind: {
    government: { id: 'Pemerintah daerah', en: 'Local government' },
    chain: { id: 'Jaringan ritel', en: 'Retail chain' },
    branch: { id: 'Cabang ritel', en: 'Retail branch' },
    umkm: { id: 'UMKM', en: 'UMKM' },
    bank: { id: 'Bank', en: 'Bank' },
  },
} satisfies Record<string, Record<string, Bilingual>>;
