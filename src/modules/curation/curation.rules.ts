// Curation rules (C2), pure: the criterion kinds a chain's requirement set is made of, the evaluation of
// one product against a set on the curation date (with relaxations), the gap list in plain Indonesian,
// bottleneck analytics (which criterion blocks how many products, greedy relaxation sets) and the funnel
// stage of a product. No I/O: the service loads the facts, these functions decide.
import type { Bilingual } from '../../platform/errors.ts';
import { formatDate, formatNumber } from '../../platform/format.ts';
import { isValidGtin13 } from '../../platform/identifiers.ts';
import { regionCovers } from '../regions/regions.rules.ts';

export type PermitType = 'pirt' | 'bpom_md' | 'bpom_ml' | 'halal';

export const PERMIT_LABELS: Record<PermitType, Bilingual> = {
  pirt: { id: 'P-IRT', en: 'P-IRT' },
  bpom_md: { id: 'BPOM MD', en: 'BPOM MD' },
  bpom_ml: { id: 'BPOM ML', en: 'BPOM ML' },
  halal: { id: 'sertifikat halal', en: 'halal certificate' },
};

/** Numeric product facts a criterion may constrain, with their names and units in both languages. */
export const NUMERIC_FIELDS = {
  shelfLifeDays: { label: { id: 'Masa simpan', en: 'Shelf life' }, unit: { id: 'hari', en: 'days' } },
  netContent: { label: { id: 'Isi bersih', en: 'Net content' }, unit: { id: '', en: '' } },
  supplierPrice: { label: { id: 'Harga pemasok', en: 'Supplier price' }, unit: { id: 'rupiah', en: 'rupiah' } },
  retailPrice: { label: { id: 'Harga jual eceran', en: 'Retail price' }, unit: { id: 'rupiah', en: 'rupiah' } },
  /** Supplier price as a percentage of the suggested retail price: the room left for the outlet's margin. */
  supplierPricePctOfRetail: {
    label: { id: 'Harga pemasok terhadap harga jual eceran', en: 'Supplier price as a share of the retail price' },
    unit: { id: '%', en: '%' },
  },
  weeklyCapacity: { label: { id: 'Kapasitas produksi per minggu', en: 'Weekly production capacity' }, unit: { id: 'unit', en: 'units' } },
} as const satisfies Record<string, { label: Bilingual; unit: Bilingual }>;
export type NumericField = keyof typeof NUMERIC_FIELDS;
export const NUMERIC_FIELD_CODES = Object.keys(NUMERIC_FIELDS) as [NumericField, ...NumericField[]];

export const IDENTIFIERS = ['gtin13', 'gtin13_id', 'nib'] as const;
export type IdentifierKind = (typeof IDENTIFIERS)[number];

export const CRITERION_KINDS = ['permit', 'identifier', 'numeric', 'attestation', 'score'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

/** Where a criterion applies; everywhere when absent. */
export interface Applicability {
  /** only to food (every category except crafts and "other") */
  food?: boolean;
  /** only to wet food (true) or only to food that keeps longer (false) */
  perishable?: boolean;
  /** only to these categories */
  categories?: string[];
}

interface CriterionBase {
  /** Stable across versions and chains ('halal', 'barcode'): relaxations and analytics name criteria by it. */
  code: string;
  /** What is asked, in Indonesian. */
  label: string;
  /** What the business should do when it fails, in Indonesian. */
  remedy: string;
  /** The same in English (absent: the English screen shows the Indonesian). */
  en?: { label: string; remedy: string };
  when?: Applicability;
}

/** One level of a curator's score (1–5), described in both languages. */
export type RubricLevel = Bilingual;

export type Criterion = CriterionBase &
  (
    | { kind: 'permit'; anyOf: PermitType[] }
    | { kind: 'identifier'; identifier: IdentifierKind }
    | { kind: 'numeric'; field: NumericField; op: '>=' | '<='; value: number }
    | { kind: 'attestation' }
    | { kind: 'score'; passMark: number; rubric?: RubricLevel[] }
  );

/** A criterion's question and remedy in both languages. */
export const criterionLabel = (c: Pick<Criterion, 'label' | 'en'>): Bilingual => ({ id: c.label, en: c.en?.label ?? c.label });
export const criterionRemedy = (c: Pick<Criterion, 'remedy' | 'en'>): Bilingual => ({ id: c.remedy, en: c.en?.remedy ?? c.remedy });

/** The levels of a score when the set describes none. */
export const DEFAULT_RUBRIC: RubricLevel[] = [
  { id: 'Sangat kurang', en: 'Very poor' },
  { id: 'Kurang', en: 'Poor' },
  { id: 'Cukup', en: 'Fair' },
  { id: 'Baik', en: 'Good' },
  { id: 'Sangat baik', en: 'Very good' },
];

export interface Permit {
  type: PermitType;
  number: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** What the registry knows of a product and its business, as evaluation needs it. */
export interface ProductFacts {
  productId: string;
  umkmId: string;
  /** The business's village code: relaxations apply by region prefix. */
  villageCode: string;
  category: string;
  gtin: string | null;
  nib: string | null;
  netContent: number;
  supplierPrice: number;
  retailPrice: number;
  shelfLifeDays: number;
  perishable: boolean;
  weeklyCapacity: number;
  permits: Permit[];
}

/** What the curators entered for a product in a round. */
export interface CuratorInput {
  attestations: Record<string, boolean>;
  scores: Record<string, number>;
}

/** A relaxation as evaluation needs it: which criteria, for businesses in which region. */
export interface RelaxationRef {
  id: string;
  regionCode: string;
  criterionCodes: string[];
}

export type CriterionOutcome = 'pass' | 'fail' | 'relaxed' | 'pending' | 'na';
export type ProductOutcome = 'lolos' | 'belum_lolos' | 'menunggu';

export interface CriterionResult {
  code: string;
  outcome: CriterionOutcome;
  /** Why, in both languages (set for everything but a plain pass). */
  detail?: Bilingual;
  relaxationId?: string;
}

export interface Evaluation {
  outcome: ProductOutcome;
  results: CriterionResult[];
  failed: string[];
  relaxed: string[];
}

const NON_FOOD = new Set(['kerajinan', 'lainnya']);
export const isFoodCategory = (category: string) => !NON_FOOD.has(category);

/** P-IRT covers home-industry food that keeps more than 7 days; wet food needs another route. */
export const PIRT_MIN_SHELF_DAYS = 8;

/** '2026-03-12' → '12 Maret 2026'. */
export const tanggal = (date: string) => formatDate(date, 'id');

/** A detail read back from a stored evaluation: older ones were written in Indonesian only. */
export const detailOf = (d: unknown): Bilingual | null =>
  d === undefined || d === null ? null : typeof d === 'string' ? { id: d, en: d } : (d as Bilingual);

const both = (f: (lang: 'id' | 'en') => string): Bilingual => ({ id: f('id'), en: f('en') });

export { regionCovers };

export function applies(c: Criterion, p: Pick<ProductFacts, 'category' | 'perishable'>): boolean {
  const w = c.when;
  if (!w) return true;
  if (w.food !== undefined && isFoodCategory(p.category) !== w.food) return false;
  if (w.perishable !== undefined && p.perishable !== w.perishable) return false;
  if (w.categories && !w.categories.includes(p.category)) return false;
  return true;
}

/** A permit of one of the accepted types, issued on or before the curation date and not expired on it
 *  (a permit is valid through its expiry date). The detail names the closest miss. */
export function checkPermit(anyOf: PermitType[], p: ProductFacts, date: string): { ok: boolean; detail?: Bilingual } {
  const misses: Bilingual[] = [];
  for (const permit of p.permits) {
    if (!anyOf.includes(permit.type)) continue;
    const label = PERMIT_LABELS[permit.type];
    if (permit.type === 'pirt' && (p.perishable || p.shelfLifeDays < PIRT_MIN_SHELF_DAYS)) {
      misses.push({
        id: `${label.id} ${permit.number} tidak berlaku untuk pangan yang hanya tahan 7 hari atau kurang`,
        en: `${label.en} ${permit.number} does not cover food that keeps 7 days or less`,
      });
      continue;
    }
    if (permit.issuedOn > date) {
      misses.push({
        id: `${label.id} ${permit.number} baru terbit ${formatDate(permit.issuedOn, 'id')}, sesudah tanggal kurasi ${formatDate(date, 'id')}`,
        en: `${label.en} ${permit.number} was issued on ${formatDate(permit.issuedOn, 'en')}, after the curation date ${formatDate(date, 'en')}`,
      });
      continue;
    }
    if (permit.expiresOn !== null && permit.expiresOn < date) {
      const exp = permit.expiresOn;
      misses.push({
        id: `${label.id} ${permit.number} sudah habis berlaku sejak ${formatDate(exp, 'id')}, sebelum tanggal kurasi ${formatDate(date, 'id')}`,
        en: `${label.en} ${permit.number} expired on ${formatDate(exp, 'en')}, before the curation date ${formatDate(date, 'en')}`,
      });
      continue;
    }
    return { ok: true };
  }
  if (misses.length) return { ok: false, detail: both((l) => `${misses.map((m) => m[l]).join('; ')}.`) };
  return {
    ok: false,
    detail: {
      id: `Belum ada ${anyOf.map((t) => PERMIT_LABELS[t].id).join(' atau ')}.`,
      en: `No ${anyOf.map((t) => PERMIT_LABELS[t].en).join(' or ')} yet.`,
    },
  };
}

export function checkIdentifier(kind: IdentifierKind, p: ProductFacts): { ok: boolean; detail?: Bilingual } {
  if (kind === 'nib') {
    if (p.nib && /^\d{13}$/.test(p.nib)) return { ok: true };
    return {
      ok: false,
      detail: {
        id: 'Usaha belum memiliki NIB (Nomor Induk Berusaha) 13 digit.',
        en: 'The business has no 13-digit NIB (business identification number) yet.',
      },
    };
  }
  if (!p.gtin)
    return { ok: false, detail: { id: 'Produk belum memiliki barcode GTIN-13.', en: 'The product has no GTIN-13 barcode yet.' } };
  if (!isValidGtin13(p.gtin))
    return {
      ok: false,
      detail: {
        id: `Barcode ${p.gtin} tidak sah: digit pemeriksa GS1 salah.`,
        en: `Barcode ${p.gtin} is not valid: its GS1 check digit is wrong.`,
      },
    };
  if (kind === 'gtin13_id' && !p.gtin.startsWith('899')) {
    return {
      ok: false,
      detail: {
        id: `Barcode ${p.gtin} bukan dari GS1 Indonesia (awalan 899).`,
        en: `Barcode ${p.gtin} is not from GS1 Indonesia (prefix 899).`,
      },
    };
  }
  return { ok: true };
}

export function numericValue(field: NumericField, p: ProductFacts): number | null {
  switch (field) {
    case 'shelfLifeDays':
      return p.shelfLifeDays;
    case 'netContent':
      return p.netContent;
    case 'supplierPrice':
      return p.supplierPrice;
    case 'retailPrice':
      return p.retailPrice;
    case 'supplierPricePctOfRetail':
      return p.retailPrice > 0 ? (p.supplierPrice * 100) / p.retailPrice : null;
    case 'weeklyCapacity':
      return p.weeklyCapacity;
  }
}

/** A numeric rule's value with its unit: `90 hari`, `85%`, `Rp8.500`. */
export function numericShown(field: NumericField, x: number, lang: 'id' | 'en'): string {
  const unit = NUMERIC_FIELDS[field].unit[lang];
  if (unit === '%') return `${formatNumber(Math.round(x * 10) / 10, lang)}%`;
  if (unit === 'rupiah') return `Rp${formatNumber(Math.round(x), 'id')}`;
  return unit ? `${formatNumber(Math.round(x * 10) / 10, lang)} ${unit}` : formatNumber(Math.round(x * 10) / 10, lang);
}

/** A numeric rule in words: "Masa simpan paling sedikit 90 hari". */
export function numericRule(c: { field: NumericField; op: '>=' | '<='; value: number }): Bilingual {
  const label = NUMERIC_FIELDS[c.field].label;
  return {
    id: `${label.id} ${c.op === '>=' ? 'paling sedikit' : 'paling tinggi'} ${numericShown(c.field, c.value, 'id')}`,
    en: `${label.en} ${c.op === '>=' ? 'at least' : 'at most'} ${numericShown(c.field, c.value, 'en')}`,
  };
}

function checkNumeric(c: Extract<Criterion, { kind: 'numeric' }>, p: ProductFacts): { ok: boolean; detail?: Bilingual } {
  const v = numericValue(c.field, p);
  const { label } = NUMERIC_FIELDS[c.field];
  if (v === null) return { ok: false, detail: { id: `${label.id} tidak dapat dihitung.`, en: `${label.en} cannot be computed.` } };
  const ok = c.op === '>=' ? v >= c.value : v <= c.value;
  if (ok) return { ok: true };
  const rule = numericRule(c);
  return {
    ok: false,
    detail: {
      id: `${label.id} ${numericShown(c.field, v, 'id')}; syarat ${rule.id.slice(label.id.length + 1)}.`,
      en: `${label.en} ${numericShown(c.field, v, 'en')}; required ${rule.en.slice(label.en.length + 1)}.`,
    },
  };
}

export interface EvaluateOptions {
  /** The curation date (YYYY-MM-DD): permits must be valid on it. */
  date: string;
  /** Relaxations in force on that date for the round's chain (relaxationsFor); filtered here by region. */
  relaxations: RelaxationRef[];
  /** A closed round: what the curators did not assess counts as not met. */
  final: boolean;
}

/** Evaluates one product against a requirement set. */
export function evaluate(criteria: readonly Criterion[], p: ProductFacts, input: CuratorInput, opts: EvaluateOptions): Evaluation {
  const results: CriterionResult[] = [];
  const failed: string[] = [];
  const relaxed: string[] = [];
  let pending = false;
  const usable = opts.relaxations.filter((r) => regionCovers(r.regionCode, p.villageCode));
  for (const c of criteria) {
    if (!applies(c, p)) {
      results.push({ code: c.code, outcome: 'na' });
      continue;
    }
    let check: { ok: boolean; detail?: Bilingual; pending?: boolean };
    switch (c.kind) {
      case 'permit':
        check = checkPermit(c.anyOf, p, opts.date);
        break;
      case 'identifier':
        check = checkIdentifier(c.identifier, p);
        break;
      case 'numeric':
        check = checkNumeric(c, p);
        break;
      case 'attestation': {
        const a = input.attestations[c.code];
        check =
          a === undefined
            ? { ok: false, pending: true, detail: { id: 'Belum diperiksa kurator.', en: 'Not yet checked by a curator.' } }
            : a
              ? { ok: true }
              : {
                  ok: false,
                  detail: {
                    id: `Menurut kurator belum terpenuhi: ${c.label}.`,
                    en: `Not met, according to the curator: ${criterionLabel(c).en}.`,
                  },
                };
        break;
      }
      case 'score': {
        const s = input.scores[c.code];
        check =
          s === undefined
            ? { ok: false, pending: true, detail: { id: 'Belum dinilai kurator.', en: 'Not yet scored by a curator.' } }
            : s >= c.passMark
              ? { ok: true }
              : {
                  ok: false,
                  detail: {
                    id: `Nilai kurator ${s} dari 5; batas lolos ${c.passMark}.`,
                    en: `Curator's score ${s} of 5; pass mark ${c.passMark}.`,
                  },
                };
        break;
      }
    }
    if (check.ok) {
      results.push({ code: c.code, outcome: 'pass' });
      continue;
    }
    const relaxation = usable.find((r) => r.criterionCodes.includes(c.code));
    if (relaxation) {
      relaxed.push(c.code);
      results.push({ code: c.code, outcome: 'relaxed', detail: check.detail, relaxationId: relaxation.id });
    } else if (check.pending && !opts.final) {
      pending = true;
      results.push({ code: c.code, outcome: 'pending', detail: check.detail });
    } else {
      failed.push(c.code);
      results.push({ code: c.code, outcome: 'fail', detail: check.detail });
    }
  }
  const outcome: ProductOutcome = failed.length ? 'belum_lolos' : pending ? 'menunggu' : 'lolos';
  return { outcome, results, failed, relaxed };
}

export interface Gap {
  code: string;
  label: Bilingual;
  detail: Bilingual;
  remedy: Bilingual;
}

/** The gap list: every criterion not met, what is wrong and what to do next, in plain words (both languages). */
export function gapList(criteria: readonly Criterion[], results: readonly CriterionResult[]): Gap[] {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const gaps: Gap[] = [];
  for (const r of results) {
    if (r.outcome !== 'fail') continue;
    const c = byCode.get(r.code);
    if (!c) continue;
    gaps.push({ code: c.code, label: criterionLabel(c), detail: detailOf(r.detail) ?? { id: '', en: '' }, remedy: criterionRemedy(c) });
  }
  return gaps;
}

// ---- Bottleneck analytics --------------------------------------------------------------------------

/** One evaluated product: the criteria it still fails after the relaxations already in force. */
export interface FailRow {
  productId: string;
  umkmId: string;
  failed: readonly string[];
}

export interface CriterionBottleneck {
  code: string;
  failingProducts: number;
  failingUmkm: number;
  /** Products failing only this criterion: they would pass if it alone were relaxed. */
  passIfRelaxed: number;
  passIfRelaxedUmkm: number;
}

export interface BottleneckTable {
  products: number;
  umkm: number;
  passing: number;
  criteria: CriterionBottleneck[];
}

export function bottlenecks(rows: readonly FailRow[], codes: readonly string[] = []): BottleneckTable {
  const stats = new Map<string, { fp: number; fu: Set<string>; pr: number; pu: Set<string> }>();
  const stat = (code: string) => {
    let s = stats.get(code);
    if (!s) {
      s = { fp: 0, fu: new Set(), pr: 0, pu: new Set() };
      stats.set(code, s);
    }
    return s;
  };
  for (const code of codes) stat(code);
  const umkm = new Set<string>();
  let passing = 0;
  for (const row of rows) {
    umkm.add(row.umkmId);
    const distinct = [...new Set(row.failed)];
    if (distinct.length === 0) passing++;
    for (const code of distinct) {
      const s = stat(code);
      s.fp++;
      s.fu.add(row.umkmId);
      if (distinct.length === 1) {
        s.pr++;
        s.pu.add(row.umkmId);
      }
    }
  }
  const criteria = [...stats.entries()]
    .map(([code, s]) => ({ code, failingProducts: s.fp, failingUmkm: s.fu.size, passIfRelaxed: s.pr, passIfRelaxedUmkm: s.pu.size }))
    .sort((a, b) => b.failingProducts - a.failingProducts || b.passIfRelaxed - a.passIfRelaxed || a.code.localeCompare(b.code));
  return { products: rows.length, umkm: umkm.size, passing, criteria };
}

export interface GreedyStep {
  code: string;
  /** Products that pass once this criterion is relaxed too. */
  newlyPassing: number;
  /** More products passing than today, with every relaxation so far. */
  cumulative: number;
}

/**
 * A small set of relaxations that lets at least `target` more products pass. GREEDY, not guaranteed
 * minimal (the exact problem is a set-cover variant): each step relaxes the criterion that lets the most
 * further products pass; when none lets any pass on its own, the one failed by the most still-failing
 * products (a step towards products that fail several). Stops early when every product passes.
 */
export function greedyRelaxations(rows: readonly FailRow[], target: number): { steps: GreedyStep[]; reached: boolean } {
  let remaining = rows.map((r) => new Set(r.failed)).filter((s) => s.size > 0);
  const steps: GreedyStep[] = [];
  let cumulative = 0;
  while (cumulative < target && remaining.length > 0) {
    const gain = new Map<string, number>();
    const reach = new Map<string, number>();
    for (const s of remaining) {
      for (const code of s) {
        reach.set(code, (reach.get(code) ?? 0) + 1);
        if (s.size === 1) gain.set(code, (gain.get(code) ?? 0) + 1);
      }
    }
    let best = '';
    let bestGain = -1;
    let bestReach = -1;
    for (const [code, r] of reach) {
      const g = gain.get(code) ?? 0;
      if (g > bestGain || (g === bestGain && (r > bestReach || (r === bestReach && code < best)))) {
        best = code;
        bestGain = g;
        bestReach = r;
      }
    }
    for (const s of remaining) s.delete(best);
    const before = remaining.length;
    remaining = remaining.filter((s) => s.size > 0);
    const newly = before - remaining.length;
    cumulative += newly;
    steps.push({ code: best, newlyPassing: newly, cumulative });
  }
  return { steps, reached: cumulative >= target };
}

// ---- Funnel ---------------------------------------------------------------------------------------

/** The funnel of BRIEF: curation decides the first stages; a PKS in force, a running market test, a regular
 *  listing and a listing beyond the regencies a product was tested in decide the later ones. */
export const FUNNEL_STAGES = [
  'terdaftar',
  'dikurasi',
  'pendampingan',
  'lolos_kurasi',
  'pks_aktif',
  'uji_pasar',
  'terpajang',
  'ekspansi',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Each product is in exactly one stage: these labels name that stage, not "reached at least". */
export const FUNNEL_LABELS: Record<FunnelStage, Bilingual> = {
  terdaftar: { id: 'Terdaftar, belum dikurasi', en: 'Registered, not yet curated' },
  dikurasi: { id: 'Dikurasi, belum lolos', en: 'Curated, not passed yet' },
  pendampingan: { id: 'Dalam pendampingan, belum lolos', en: 'In mentoring, not passed yet' },
  lolos_kurasi: { id: 'Lolos kurasi, belum ada PKS', en: 'Passed curation, no PKS yet' },
  pks_aktif: { id: 'PKS aktif, belum dipajang', en: 'PKS in force, not on a shelf yet' },
  uji_pasar: { id: 'Uji pasar', en: 'Market test' },
  terpajang: { id: 'Terpajang tetap', en: 'Regularly listed' },
  ekspansi: { id: 'Ekspansi ke wilayah lain', en: 'Expanded to other regions' },
};

/** What happened to a product after curation, as far as the reader may know (a chain: with itself). */
export interface ShelfFacts {
  /** In a PKS in force today. */
  pks: boolean;
  /** On a shelf under a running market test. */
  testing: boolean;
  /** On a shelf as a regular listing (never tested, or its test passed). */
  listed: boolean;
  /** Passed a market test and listed in a regency other than those it was tested in, or accepted for one. */
  expanded: boolean;
}

const NO_SHELF: ShelfFacts = { pks: false, testing: false, listed: false, expanded: false };

/** A product's stage from facts: the furthest it has come — a listing beyond its test's regencies, a regular
 *  listing, a running test, a PKS in force — else its latest result in a finished round and whether its
 *  business is in a mentoring program it has accepted. */
export function funnelStage(f: { latestOutcome: ProductOutcome | null; inMentoring: boolean } & Partial<ShelfFacts>): FunnelStage {
  const shelf = { ...NO_SHELF, ...f };
  if (shelf.expanded) return 'ekspansi';
  if (shelf.listed) return 'terpajang';
  if (shelf.testing) return 'uji_pasar';
  if (shelf.pks) return 'pks_aktif';
  if (f.latestOutcome === null) return 'terdaftar';
  if (f.latestOutcome === 'lolos') return 'lolos_kurasi';
  return f.inMentoring ? 'pendampingan' : 'dikurasi';
}

/** Whether a stage lies at or beyond another in the funnel's order. */
export const stageReached = (stage: FunnelStage, atLeast: FunnelStage) => FUNNEL_STAGES.indexOf(stage) >= FUNNEL_STAGES.indexOf(atLeast);
