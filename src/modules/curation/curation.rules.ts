// Curation rules (C2), pure: the criterion kinds a chain's requirement set is made of, the evaluation of
// one product against a set on the curation date (with relaxations), the gap list in plain Indonesian,
// bottleneck analytics (which criterion blocks how many products, greedy relaxation sets) and the funnel
// stage of a product. No I/O: the service loads the facts, these functions decide.
import { isValidGtin13 } from '../../platform/identifiers.ts';

export type PermitType = 'pirt' | 'bpom_md' | 'bpom_ml' | 'halal';

export const PERMIT_LABELS: Record<PermitType, string> = {
  pirt: 'P-IRT',
  bpom_md: 'BPOM MD',
  bpom_ml: 'BPOM ML',
  halal: 'sertifikat halal',
};

/** Numeric product facts a criterion may constrain, with their Indonesian names and units. */
export const NUMERIC_FIELDS = {
  shelfLifeDays: { label: 'Masa simpan', unit: 'hari' },
  netContent: { label: 'Isi bersih', unit: '' },
  supplierPrice: { label: 'Harga pemasok', unit: 'rupiah' },
  retailPrice: { label: 'Harga jual eceran', unit: 'rupiah' },
  /** Supplier price as a percentage of the suggested retail price: the room left for the outlet's margin. */
  supplierPricePctOfRetail: { label: 'Harga pemasok terhadap harga jual eceran', unit: '%' },
  weeklyCapacity: { label: 'Kapasitas produksi per minggu', unit: 'unit' },
} as const;
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
  when?: Applicability;
}

export type Criterion = CriterionBase &
  (
    | { kind: 'permit'; anyOf: PermitType[] }
    | { kind: 'identifier'; identifier: IdentifierKind }
    | { kind: 'numeric'; field: NumericField; op: '>=' | '<='; value: number }
    | { kind: 'attestation' }
    | { kind: 'score'; passMark: number }
  );

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
  /** Why, in Indonesian (set for everything but a plain pass). */
  detail?: string;
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

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** '2026-03-12' → '12 Maret 2026'. */
export function tanggal(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

const fmtNumber = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(n);

/** Whether a region code covers another: '76' covers '76.02.05.2001'. */
export const regionCovers = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}.`);

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
export function checkPermit(anyOf: PermitType[], p: ProductFacts, date: string): { ok: boolean; detail?: string } {
  const names = anyOf.map((t) => PERMIT_LABELS[t]).join(' atau ');
  const misses: string[] = [];
  for (const permit of p.permits) {
    if (!anyOf.includes(permit.type)) continue;
    const label = PERMIT_LABELS[permit.type];
    if (permit.type === 'pirt' && (p.perishable || p.shelfLifeDays < PIRT_MIN_SHELF_DAYS)) {
      misses.push(`${label} ${permit.number} tidak berlaku untuk pangan yang hanya tahan 7 hari atau kurang`);
      continue;
    }
    if (permit.issuedOn > date) {
      misses.push(`${label} ${permit.number} baru terbit ${tanggal(permit.issuedOn)}, sesudah tanggal kurasi ${tanggal(date)}`);
      continue;
    }
    if (permit.expiresOn !== null && permit.expiresOn < date) {
      misses.push(
        `${label} ${permit.number} sudah habis berlaku sejak ${tanggal(permit.expiresOn)}, sebelum tanggal kurasi ${tanggal(date)}`,
      );
      continue;
    }
    return { ok: true };
  }
  if (misses.length) return { ok: false, detail: `${misses.join('; ')}.` };
  return { ok: false, detail: `Belum ada ${names}.` };
}

export function checkIdentifier(kind: IdentifierKind, p: ProductFacts): { ok: boolean; detail?: string } {
  if (kind === 'nib') {
    if (p.nib && /^\d{13}$/.test(p.nib)) return { ok: true };
    return { ok: false, detail: 'Usaha belum memiliki NIB (Nomor Induk Berusaha) 13 digit.' };
  }
  if (!p.gtin) return { ok: false, detail: 'Produk belum memiliki barcode GTIN-13.' };
  if (!isValidGtin13(p.gtin)) return { ok: false, detail: `Barcode ${p.gtin} tidak sah: digit pemeriksa GS1 salah.` };
  if (kind === 'gtin13_id' && !p.gtin.startsWith('899')) {
    return { ok: false, detail: `Barcode ${p.gtin} bukan dari GS1 Indonesia (awalan 899).` };
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

function checkNumeric(c: Extract<Criterion, { kind: 'numeric' }>, p: ProductFacts): { ok: boolean; detail?: string } {
  const v = numericValue(c.field, p);
  const { label, unit } = NUMERIC_FIELDS[c.field];
  const u = unit ? ` ${unit}` : '';
  if (v === null) return { ok: false, detail: `${label} tidak dapat dihitung.` };
  const ok = c.op === '>=' ? v >= c.value : v <= c.value;
  if (ok) return { ok: true };
  const rule = c.op === '>=' ? 'paling sedikit' : 'paling tinggi';
  const show = (x: number) => (unit === '%' ? `${fmtNumber(x)}%` : `${fmtNumber(x)}${u}`);
  return { ok: false, detail: `${label} ${show(v)}; syarat ${rule} ${show(c.value)}.` };
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
    let check: { ok: boolean; detail?: string; pending?: boolean };
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
            ? { ok: false, pending: true, detail: 'Belum diperiksa kurator.' }
            : a
              ? { ok: true }
              : { ok: false, detail: `Menurut kurator belum terpenuhi: ${c.label}.` };
        break;
      }
      case 'score': {
        const s = input.scores[c.code];
        check =
          s === undefined
            ? { ok: false, pending: true, detail: 'Belum dinilai kurator.' }
            : s >= c.passMark
              ? { ok: true }
              : { ok: false, detail: `Nilai kurator ${s} dari 5; batas lolos ${c.passMark}.` };
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
  label: string;
  detail: string;
  remedy: string;
}

/** The gap list: every criterion not met, what is wrong and what to do next, in plain Indonesian. */
export function gapList(criteria: readonly Criterion[], results: readonly CriterionResult[]): Gap[] {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const gaps: Gap[] = [];
  for (const r of results) {
    if (r.outcome !== 'fail') continue;
    const c = byCode.get(r.code);
    if (!c) continue;
    gaps.push({ code: c.code, label: c.label, detail: r.detail ?? '', remedy: c.remedy });
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

/** The funnel of BRIEF; curation decides the first stages, later ones come from agreements, market tests
 *  and listings as those modules land. */
export const FUNNEL_STAGES = ['terdaftar', 'dikurasi', 'pendampingan', 'lolos_kurasi'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FUNNEL_LABELS: Record<FunnelStage, string> = {
  terdaftar: 'Terdaftar',
  dikurasi: 'Dikurasi (belum lolos)',
  pendampingan: 'Pendampingan',
  lolos_kurasi: 'Lolos kurasi',
};

/** A product's stage from facts: its latest result in a finished round and whether its business is in a
 *  mentoring program it has accepted. */
export function funnelStage(f: { latestOutcome: ProductOutcome | null; inMentoring: boolean }): FunnelStage {
  if (f.latestOutcome === null) return 'terdaftar';
  if (f.latestOutcome === 'lolos') return 'lolos_kurasi';
  return f.inMentoring ? 'pendampingan' : 'dikurasi';
}
