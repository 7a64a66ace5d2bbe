// Request and response schemas of curation and mentoring (C2, C3): validation, types and OpenAPI from one
// definition. Bodies are strict: an unknown field is an error.
import { z } from 'zod';
import { zDate, zRegionCode, zText, zUuid } from '../../platform/validation.ts';
import { CATEGORY_CODES, CHAIN_CODES } from '../registry/registry.rules.ts';
import { type Criterion, FUNNEL_STAGES, IDENTIFIERS, NUMERIC_FIELD_CODES } from './curation.rules.ts';

const zCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/)
  .describe('Kode kriteria, tetap antarversi / criterion code, stable across versions (e.g. halal, barcode)');
const zPage = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

// ---- criteria and requirement sets ----
const zWhen = z
  .object({
    food: z.boolean().optional(),
    perishable: z.boolean().optional(),
    categories: z.array(z.enum(CATEGORY_CODES)).min(1).max(20).optional(),
  })
  .strict();
const zBilingual = z.object({ id: z.string(), en: z.string() });
const base = {
  code: zCode,
  label: zText(300),
  remedy: zText(800),
  en: z
    .object({ label: zText(300), remedy: zText(800) })
    .strict()
    .optional()
    .describe('pertanyaan dan saran dalam bahasa Inggris / the question and remedy in English'),
  when: zWhen.optional(),
};
export const zCriterion = z.discriminatedUnion('kind', [
  z
    .object({
      ...base,
      kind: z.literal('permit'),
      anyOf: z
        .array(z.enum(['pirt', 'bpom_md', 'bpom_ml', 'halal']))
        .min(1)
        .max(4),
    })
    .strict(),
  z.object({ ...base, kind: z.literal('identifier'), identifier: z.enum(IDENTIFIERS) }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('numeric'),
      field: z.enum(NUMERIC_FIELD_CODES),
      op: z.enum(['>=', '<=']),
      value: z.number().min(0).max(1_000_000_000_000),
    })
    .strict(),
  z.object({ ...base, kind: z.literal('attestation') }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('score'),
      passMark: z.number().int().min(1).max(5),
      rubric: z
        .array(z.object({ id: zText(300), en: zText(300) }).strict())
        .length(5)
        .optional()
        .describe('arti nilai 1 sampai 5 / what scores 1 to 5 mean'),
    })
    .strict(),
]);
// The schema and the rules' type must describe the same thing.
export type _CriterionCheck = z.infer<typeof zCriterion> extends Criterion ? true : never;

const zCriteria = z
  .array(zCriterion)
  .min(1)
  .max(60)
  .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, { message: 'criterion_code_duplicate' });

export const zRequirementSet = z.object({
  id: z.string(),
  chainId: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  category: z.string().nullable(),
  version: z.number().int(),
  status: z.enum(['draft', 'published', 'retired']),
  name: z.string(),
  criteria: z.array(zCriterion),
  publishedAt: z.string().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export const zRequirementSetList = zPage
  .extend({
    chainCode: z.enum(CHAIN_CODES).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    status: z.enum(['draft', 'published', 'retired']).optional(),
  })
  .strict();
export const zRequirementSetPage = z.object({ items: z.array(zRequirementSet), total: z.number().int() });
export const zRequirementSetCreate = z
  .object({
    chainCode: z.enum(CHAIN_CODES).optional().describe('admin saja / admin only; staf jaringan memakai jaringannya sendiri'),
    category: z.enum(CATEGORY_CODES).nullable(),
    name: zText(200),
    criteria: zCriteria,
  })
  .strict();
export const zRequirementSetUpdate = z.object({ name: zText(200).optional(), criteria: zCriteria.optional() }).strict();

// ---- rounds and entries ----
export const zRound = z.object({
  id: z.string(),
  name: z.string(),
  chainId: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  organizerId: z.string(),
  organizerName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  curationDate: z.string(),
  status: z.enum(['open', 'closed']),
  kind: z.enum(['initial', 'recuration']),
  programId: z.string().nullable(),
  /** The set every product of the round is assessed against; null: each product's category decides. */
  requirementSet: z.object({ id: z.string(), name: z.string(), version: z.number().int(), category: z.string().nullable() }).nullable(),
  products: z.number().int(),
  lolos: z.number().int(),
  belumLolos: z.number().int(),
  menunggu: z.number().int(),
  /** Entries with a curator's criterion not yet assessed: the work queue (closing fails them). */
  awaitingAssessment: z.number().int(),
  can: z.object({ manage: z.boolean() }),
});
export const zRoundList = zPage
  .extend({
    chainCode: z.enum(CHAIN_CODES).optional(),
    regionCode: zRegionCode.optional(),
    status: z.enum(['open', 'closed']).optional(),
  })
  .strict();
export const zRoundPage = z.object({ items: z.array(zRound), total: z.number().int() });
export const zRoundCreate = z
  .object({
    name: zText(200),
    chainCode: z.enum(CHAIN_CODES).optional().describe('wajib untuk Dinas dan admin / required for a Dinas and admin'),
    regionCode: zRegionCode,
    curationDate: zDate,
    requirementSetId: zUuid
      .optional()
      .describe('persyaratan terbit jaringan itu; kosong: per kategori produk / a published set of the chain; absent: by category'),
  })
  .strict();
export const zAddProducts = z
  .object({
    productIds: z.array(zUuid).min(1).max(5000).optional(),
    allInRegion: z.literal(true).optional().describe('semua produk aktif di wilayah kurasi / every active product in the round region'),
  })
  .strict();
export const zAddProductsResult = z.object({ added: z.number().int(), skipped: z.number().int() });

const zCriterionResult = z.object({
  code: z.string(),
  label: zBilingual,
  kind: z.enum(['permit', 'identifier', 'numeric', 'attestation', 'score']),
  outcome: z.enum(['pass', 'fail', 'relaxed', 'pending', 'na']),
  detail: zBilingual.nullable(),
  /** What to do when it is not met, in plain words. */
  remedy: zBilingual,
  relaxationId: z.string().nullable(),
});
export const zGap = z.object({ code: z.string(), label: zBilingual, detail: zBilingual, remedy: zBilingual });

export const zEntrySummary = z.object({
  id: z.string(),
  roundId: z.string(),
  productId: z.string(),
  productName: z.string(),
  category: z.string(),
  umkmId: z.string(),
  umkmName: z.string(),
  villageCode: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  outcome: z.enum(['lolos', 'belum_lolos', 'menunggu']).nullable(),
  failed: z.array(z.string()),
  /** The failed criteria by their label in the entry's requirement set. */
  failedLabels: z.array(zBilingual),
  relaxed: z.array(z.string()),
  evaluatedAt: z.string().nullable(),
  /** In the curators' work queue: a criterion of theirs not assessed yet. */
  awaitingAssessment: z.boolean(),
});
export const ENTRY_SORTS = ['umkm', 'product', 'outcome', 'evaluated'] as const;
export const zEntryList = zPage
  .extend({
    outcome: z.enum(['lolos', 'belum_lolos', 'menunggu']).optional(),
    pending: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: antrean kerja kurator (belum dinilai) / the curators’ work queue (not yet assessed)'),
    criterion: zCode.optional().describe('hanya yang belum memenuhi kriteria ini / only entries failing this criterion'),
    districtCode: zRegionCode.optional().describe('kecamatan (atau wilayah lain) usaha / the business’s district or other region'),
    q: z.string().trim().max(100).optional().describe('nama produk, nama UMKM atau GTIN / product name, UMKM name or GTIN'),
    sort: z.enum(ENTRY_SORTS).default('umkm'),
    dir: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export const zEntryPage = z.object({ items: z.array(zEntrySummary), total: z.number().int() });
export const zEntry = zEntrySummary.extend({
  roundName: z.string(),
  roundStatus: z.enum(['open', 'closed']),
  chainCode: z.enum(CHAIN_CODES),
  curationDate: z.string(),
  requirementSetId: z.string(),
  requirementSetVersion: z.number().int(),
  attestations: z.record(z.string(), z.boolean()),
  scores: z.record(z.string(), z.number()),
  /** Curators' notes: null for whoever may not read them (the UMKM itself). */
  notes: z.string().nullable(),
  results: z.array(zCriterionResult),
  gaps: z.array(zGap),
  history: z.array(
    z.object({ evaluatedAt: z.string(), outcome: z.enum(['lolos', 'belum_lolos', 'menunggu']), failed: z.array(z.string()) }),
  ),
  requirementSetName: z.string(),
  /** The criteria of the entry's set (pass marks, rubrics, rules), beside the results. */
  criteria: z.array(zCriterion),
  regionCode: z.string(),
  product: z.object({
    gtin: z.string().nullable(),
    netContent: z.number(),
    netUnit: z.enum(['g', 'kg', 'ml', 'l', 'pcs']),
    supplierPrice: z.number().int(),
    retailPrice: z.number().int(),
    shelfLifeDays: z.number().int(),
    perishable: z.boolean(),
    storage: z.enum(['ambient', 'chilled', 'frozen']),
    photos: z.array(z.string()),
  }),
  permits: z.array(
    z.object({
      type: z.enum(['pirt', 'bpom_md', 'bpom_ml', 'halal']),
      number: z.string(),
      issuedOn: z.string(),
      expiresOn: z.string().nullable(),
      /** Issued on or before the curation date and not expired on it. */
      validOnCurationDate: z.boolean(),
    }),
  ),
  /** The next entry of the round still awaiting assessment (for "Berikutnya"), null when none is left. */
  nextPendingId: z.string().nullable(),
  can: z.object({ assess: z.boolean() }),
});
export const zEntryUpdate = z
  .object({
    attestations: z.record(zCode, z.boolean()).optional(),
    scores: z.record(zCode, z.number().int().min(1).max(5)).optional(),
    notes: zText(2000).nullable().optional(),
  })
  .strict();
export const zRoundParams = z.object({ id: zUuid }).strict();
export const zRoundFacets = z.object({
  districts: z.array(z.object({ code: z.string(), name: z.string(), entries: z.number().int() })),
  criteria: z.array(z.object({ code: z.string(), label: zBilingual, failing: z.number().int() })),
});
export const zCandidateList = zPage
  .extend({ q: z.string().trim().max(100).optional().describe('nama produk, nama UMKM atau GTIN / product, UMKM or GTIN') })
  .strict();
export const zCandidatePage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      productName: z.string(),
      umkmName: z.string(),
      category: z.string(),
      gtin: z.string().nullable(),
      districtName: z.string(),
    }),
  ),
  total: z.number().int(),
});

export const zGapListQuery = zPage.extend({ umkmId: zUuid.optional(), productId: zUuid.optional() }).strict();
export const zGapListItem = z.object({
  entryId: z.string(),
  productId: z.string(),
  productName: z.string(),
  umkmId: z.string(),
  umkmName: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  roundName: z.string(),
  curationDate: z.string(),
  outcome: z.enum(['lolos', 'belum_lolos', 'menunggu']),
  gaps: z.array(zGap),
});
export const zGapListPage = z.object({ items: z.array(zGapListItem), total: z.number().int() });

// ---- relaxations ----
export const zRelaxation = z.object({
  id: z.string(),
  governmentId: z.string(),
  governmentName: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  regionCode: z.string(),
  criterionCodes: z.array(z.string()),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  note: z.string(),
  archived: z.boolean(),
});
export const zRelaxationPage = z.object({ items: z.array(zRelaxation), total: z.number().int() });
export const zRelaxationList = zPage.extend({ chainCode: z.enum(CHAIN_CODES).optional() }).strict();
export const zRelaxationCreate = z
  .object({
    governmentId: zUuid.optional().describe('admin saja / admin only; Dinas memakai pemerintahnya sendiri'),
    chainCode: z.enum(CHAIN_CODES),
    regionCode: zRegionCode,
    criterionCodes: z.array(zCode).min(1).max(20),
    validFrom: zDate,
    validUntil: zDate.nullable().optional(),
    note: zText(500),
  })
  .strict();

// ---- bottlenecks and funnel ----
export const zBottleneckQuery = z
  .object({
    regionCode: zRegionCode,
    chainCode: z
      .enum(CHAIN_CODES)
      .optional()
      .describe('kosong: jaringan dengan data terbanyak di wilayah / absent: the chain with most data in the region'),
    target: z.coerce.number().int().min(1).max(1_000_000).default(10),
  })
  .strict();
export const zBottleneckExportQuery = zBottleneckQuery.extend({ format: z.enum(['csv', 'xlsx']) }).strict();
export const zBottleneckReport = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  /** The chains with finished curations the caller may see in the region, most products first. */
  chainsWithData: z.array(z.object({ chainCode: z.enum(CHAIN_CODES), products: z.number().int() })),
  products: z.number().int(),
  umkm: z.number().int(),
  passing: z.number().int(),
  criteria: z.array(
    z.object({
      code: z.string(),
      label: zBilingual,
      failingProducts: z.number().int(),
      failingUmkm: z.number().int(),
      passIfRelaxed: z.number().int(),
      passIfRelaxedUmkm: z.number().int(),
    }),
  ),
  greedy: z.object({
    method: z.literal('greedy'),
    target: z.number().int(),
    reached: z.boolean(),
    steps: z.array(z.object({ code: z.string(), label: zBilingual, newlyPassing: z.number().int(), cumulative: z.number().int() })),
  }),
});
export const zFunnelQuery = z.object({ regionCode: zRegionCode.optional() }).strict();
export const zFunnel = z.object({
  regionCode: z.string().nullable(),
  /** Each product in exactly one stage (`products`); `reached`: in this stage or a later one. */
  stages: z.array(
    z.object({
      stage: z.enum(FUNNEL_STAGES),
      label: zBilingual,
      products: z.number().int(),
      reached: z.number().int(),
    }),
  ),
  /** Every product counted, once: the sum of the stages' `products`. */
  total: z.number().int(),
  byRegion: z.array(
    z.object({ regionCode: z.string(), regionName: z.string(), counts: z.record(z.string(), z.number().int()), total: z.number().int() }),
  ),
});
export const zProductStatus = z.object({
  productId: z.string(),
  stage: z.enum(FUNNEL_STAGES),
  label: zBilingual,
  history: z.array(
    z.object({
      entryId: z.string(),
      roundName: z.string(),
      chainCode: z.string(),
      curationDate: z.string(),
      kind: z.string(),
      outcome: z.string(),
      failed: z.array(z.string()),
    }),
  ),
});
