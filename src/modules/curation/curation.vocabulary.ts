// Codes of the curation module, with their labels (gathered in src/vocabulary.ts): round statuses and kinds,
// product outcomes, each criterion's result, criterion kinds, the product fields a numeric rule reads, the
// funnel's stages, and the criterion codes the demo and the catalogue use (a chain's own set names its
// criteria itself; these are the labels when only the code is at hand, e.g. a relaxation).
import type { Bilingual } from '../../platform/errors.ts';
import { C } from './curation.catalogue.ts';
import { criterionLabel, FUNNEL_LABELS, NUMERIC_FIELDS } from './curation.rules.ts';

const criterion: Record<string, Bilingual> = {};
for (const c of Object.values(C)) if (!criterion[c.code]) criterion[c.code] = criterionLabel(c);
// Short names for lists and badges.
Object.assign(criterion, {
  nib: { id: 'NIB', en: 'NIB (business number)' },
  izin_edar: { id: 'Izin edar pangan', en: 'Food distribution permit' },
  halal: { id: 'Sertifikat halal', en: 'Halal certificate' },
  barcode: { id: 'Barcode GS1', en: 'GS1 barcode' },
  masa_simpan: { id: 'Masa simpan', en: 'Shelf life' },
  harga: { id: 'Ruang harga (margin gerai)', en: 'Price room (outlet margin)' },
  label_komposisi: { id: 'Label komposisi', en: 'Ingredients label' },
  label_kedaluwarsa: { id: 'Kode produksi dan kedaluwarsa', en: 'Production code and expiry date' },
  label_gizi: { id: 'Informasi nilai gizi', en: 'Nutrition facts' },
  sni: { id: 'Tanda SNI', en: 'SNI mark' },
  laik_higiene: { id: 'Laik higiene sanitasi', en: 'Hygiene certificate' },
  kemasan: { id: 'Kemasan', en: 'Packaging' },
  rasa: { id: 'Uji rasa', en: 'Taste test' },
  daya_saing_harga: { id: 'Daya saing harga', en: 'Price competitiveness' },
  kontinuitas: { id: 'Kesinambungan pasokan', en: 'Continuity of supply' },
} satisfies Record<string, Bilingual>);

export const CURATION_VOCABULARY = {
  roundStatus: {
    open: { id: 'Berjalan', en: 'Open' },
    closed: { id: 'Ditutup', en: 'Closed' },
  },
  roundKind: {
    initial: { id: 'Kurasi', en: 'Curation' },
    recuration: { id: 'Kurasi ulang', en: 'Re-curation' },
  },
  productOutcome: {
    lolos: { id: 'Lolos', en: 'Passed' },
    belum_lolos: { id: 'Belum lolos', en: 'Not passed yet' },
    menunggu: { id: 'Menunggu penilaian', en: 'Awaiting assessment' },
  },
  criterionOutcome: {
    pass: { id: 'Terpenuhi', en: 'Met' },
    fail: { id: 'Belum terpenuhi', en: 'Not met' },
    relaxed: { id: 'Dilonggarkan', en: 'Relaxed' },
    pending: { id: 'Belum dinilai', en: 'Not assessed yet' },
    na: { id: 'Tidak berlaku', en: 'Not applicable' },
  },
  criterionKind: {
    permit: { id: 'Izin', en: 'Permit' },
    identifier: { id: 'Nomor identitas', en: 'Identifier' },
    numeric: { id: 'Aturan angka', en: 'Numeric rule' },
    attestation: { id: 'Pemeriksaan kurator (ya/tidak)', en: 'Curator check (yes/no)' },
    score: { id: 'Nilai kurator (1–5)', en: 'Curator score (1–5)' },
  },
  requirementSetStatus: {
    draft: { id: 'Draf', en: 'Draft' },
    published: { id: 'Berlaku', en: 'Published' },
    retired: { id: 'Sudah diganti', en: 'Replaced' },
  },
  identifierKind: {
    gtin13: { id: 'Barcode GTIN-13', en: 'GTIN-13 barcode' },
    gtin13_id: { id: 'Barcode GS1 Indonesia (awalan 899)', en: 'GS1 Indonesia barcode (prefix 899)' },
    nib: { id: 'NIB (Nomor Induk Berusaha)', en: 'NIB (business identification number)' },
  },
  numericField: Object.fromEntries(Object.entries(NUMERIC_FIELDS).map(([k, v]) => [k, v.label])) as Record<
    keyof typeof NUMERIC_FIELDS,
    Bilingual
  >,
  numericOp: {
    '>=': { id: 'paling sedikit', en: 'at least' },
    '<=': { id: 'paling tinggi', en: 'at most' },
  },
  funnelStage: FUNNEL_LABELS,
  criterion,
  entrySort: {
    umkm: { id: 'UMKM', en: 'UMKM' },
    product: { id: 'Nama produk', en: 'Product name' },
    outcome: { id: 'Hasil', en: 'Result' },
    evaluated: { id: 'Penilaian terakhir', en: 'Latest evaluation' },
  },
} satisfies Record<string, Record<string, Bilingual>>;
