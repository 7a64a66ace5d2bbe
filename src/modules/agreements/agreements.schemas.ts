// Request and response schemas of the agreements module (C4): MoU and PKS drafts, lifecycle events,
// the queries other capabilities read, and the views every party sees.
import { z } from 'zod';
import { zDate, zListQuery, zPage, zRegionCode, zRupiah, zRupiahOut, zText, zUuid } from '../../platform/validation.ts';
import { CHAIN_CODES } from '../registry/registry.rules.ts';

const zBp = z.number().int().min(0).max(10_000).describe('basis poin / basis points: 1500 = 15%');
const zDays = z.number().int().min(0).max(365);
const zSha = z.string().regex(/^[0-9a-f]{64}$/);
const zParty = z.enum(['government', 'chain', 'umkm']);
const zVersionNo = z.number().int().min(1).max(10_000).describe('nomor versi yang dilihat / the version number seen');

const zSignatory = z.object({ party: zParty, name: zText(120), title: zText(160) }).strict();
const zSignatories = z.array(zSignatory).max(6);

// ---- MoU ----
const zRelaxation = z
  .object({
    criterionCode: z.string().regex(/^[a-z0-9_.-]{2,60}$/),
    note: zText(300),
  })
  .strict();
const zQuota = z
  .object({
    bp: zBp,
    basis: z.enum(['shelf_space', 'sku']),
    reportEveryMonths: z.number().int().min(1).max(24),
  })
  .strict();
const mouTerms = {
  startsOn: zDate,
  endsOn: zDate,
  recitals: zText(2000).nullable().optional(),
  signatories: zSignatories.optional(),
  outletsWithCorner: z.number().int().min(0).max(100_000),
  insideDisplayNote: zText(500).nullable().optional(),
  outsideSpots: z.number().int().min(0).max(100_000),
  promotionEventsPerYear: z.number().int().min(0).max(365),
  curationSupport: z.boolean(),
  mentoringSupport: z.boolean(),
  quota: zQuota.nullable().optional(),
  pksWitness: z.boolean(),
  relaxations: z.array(zRelaxation).max(30).optional(),
};
export const zMouCreate = z
  .object({
    governmentId: zUuid.optional().describe('hanya admin / admin only: the government party'),
    chainCode: z.enum(CHAIN_CODES),
    branchId: zUuid.nullable().optional(),
    regionCode: zRegionCode.optional().describe('wilayah yang dicakup; bawaan: wilayah pemda / region covered'),
    ...mouTerms,
  })
  .strict();
export const zMouUpdate = z.object(mouTerms).partial().strict();
export type MouCreate = z.infer<typeof zMouCreate>;
export type MouUpdate = z.infer<typeof zMouUpdate>;

// ---- PKS ----
const zOtherFee = z.object({ name: zText(80), bp: zBp }).strict();
const zPksProduct = z.object({ productId: zUuid, supplierPrice: zRupiah, shelfPrice: zRupiah }).strict();
const pksTerms = {
  startsOn: zDate,
  endsOn: zDate,
  recitals: zText(2000).nullable().optional(),
  signatories: zSignatories.optional(),
  tradeModel: z.enum(['konsinyasi', 'beli_putus']).describe('konsinyasi (consignment) atau beli putus (outright purchase)'),
  marginBp: zBp.describe("margin jaringan ritel (potongan harga reguler) / the chain's margin"),
  otherFees: z.array(zOtherFee).max(10),
  paymentTermDays: zDays.describe(
    'hari kalender setelah dokumen tagihan lengkap diterima, 0 = tunai (PP 29/2021 Pasal 95: paling lama 15) / calendar days after complete billing, 0 = cash',
  ),
  smallSupplyPaymentDays: zDays
    .nullable()
    .optional()
    .describe('hanya PKS yang mulai sebelum 2021-05-01 (Permendag 70/2013) / only for PKS starting before 2021-05-01'),
  paymentTechnicalReason: zText(500)
    .nullable()
    .optional()
    .describe('alasan teknis bila tidak tunai (PP 29/2021 Pasal 95 ayat (1) huruf b) / the technical reason when not cash'),
  settlementPeriod: z.enum(['weekly', 'two_weekly', 'monthly']),
  unsoldGoods: z.enum(['returned_to_umkm', 'borne_by_chain']),
  expiredGoodsBorneBy: z.enum(['umkm', 'chain']),
  perishablePickupHours: z.number().int().min(1).max(720).nullable().optional(),
  returnNote: zText(500).nullable().optional(),
  deliveryDistrictCodes: z.array(zRegionCode).max(100),
  deliveryNote: zText(500).nullable().optional(),
  products: z.array(zPksProduct).min(1).max(200),
};
export const zPksCreate = z.object({ mouId: zUuid, umkmId: zUuid, branchId: zUuid.nullable().optional(), ...pksTerms }).strict();
export const zPksUpdate = z.object(pksTerms).partial().strict();
export type PksCreate = z.infer<typeof zPksCreate>;
export type PksUpdate = z.infer<typeof zPksUpdate>;
export const zPksTemplateQuery = z.object({ mouId: zUuid, umkmId: zUuid }).strict();

// ---- lifecycle events ----
export const zSubmit = z.object({ version: zVersionNo }).strict();
export const zReturn = z.object({ version: zVersionNo, note: zText(500) }).strict();
export const zWithdraw = z.object({ version: zVersionNo, reason: zText(500).optional() }).strict();
export const zSign = z
  .object({
    version: zVersionNo,
    documentSha256: zSha.describe('SHA-256 naskah PDF yang dibaca / of the exact PDF read'),
  })
  .strict();
export const zTerminate = z.object({ reason: zText(500), effectiveOn: zDate.optional() }).strict();
export const zAmend = z.object({ changeNote: zText(500) }).strict();

export const zAgreementList = zListQuery
  .extend({
    kind: z.enum(['mou', 'pks']).optional(),
    chainCode: z.enum(CHAIN_CODES).optional(),
    umkmId: zUuid.optional(),
    mouId: zUuid.optional(),
  })
  .strict();
export const zVersionParams = z.object({ id: zUuid, version: z.coerce.number().int().min(1).max(10_000) }).strict();
export const zDocumentQuery = z
  .object({ copy: z.enum(['signed', 'naskah']).default('signed').describe('naskah: the exact file signed') })
  .strict();
export const zRemindersQuery = z.object({ date: zDate.optional() }).strict();
export const zTermsQuery = z.object({ productId: zUuid, outletId: zUuid, date: zDate.optional() }).strict();
export const zEligibleQuery = z
  .object({ chainCode: z.enum(CHAIN_CODES).optional(), regionCode: zRegionCode, date: zDate.optional() })
  .strict();

// ---- views ----
const zBilingual = z.object({ id: z.string(), en: z.string() });
const zOrgRef = z.object({ id: z.string(), name: z.string() });
const zPhase = z.enum(['draft', 'in_review', 'signed', 'active', 'expired', 'terminated', 'superseded', 'withdrawn']);
const zStatus = z.enum(['draft', 'in_review', 'signed', 'superseded', 'terminated', 'withdrawn']);
/** One finding of the rules of trade (compliance.rules.ts): blocking ones stop submitting and signing. */
export const zWarning = z.object({
  rule: z.string(),
  reference: z.string(),
  severity: z.enum(['blocking', 'warning']),
  field: z.string(),
  message: zBilingual,
  text: zBilingual.describe('bunyi aturannya / what the rule says'),
});
export const zRuleCatalogue = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      instrument: z.string(),
      article: z.string().nullable(),
      reference: z.string(),
      from: z.string().nullable().describe('berlaku untuk PKS yang mulai sejak / applies to PKS starting on or after'),
      until: z.string().nullable().describe('sampai dengan / on or before'),
      severity: z.enum(['blocking', 'warning']),
      text: zBilingual,
    }),
  ),
});

export const zAgreementSummary = z.object({
  id: z.string(),
  kind: z.enum(['mou', 'pks']),
  number: z.string(),
  phase: zPhase,
  phaseLabel: zBilingual,
  latestVersion: z.number().int(),
  openVersion: z.number().int().nullable(),
  government: zOrgRef.nullable(),
  chain: zOrgRef.extend({ code: z.string() }),
  branch: zOrgRef.nullable(),
  umkm: zOrgRef.nullable(),
  mou: z.object({ id: z.string(), number: z.string() }).nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  warnings: z.array(zWarning),
});

const zSignature = z.object({
  party: zParty,
  organizationName: z.string(),
  signerName: z.string(),
  signerTitle: z.string(),
  signerRole: z.string(),
  signedAt: z.string(),
  documentSha256: z.string(),
});

export const zProductTerm = z.object({
  productId: z.string(),
  name: z.string(),
  gtin: z.string().nullable(),
  perishable: z.boolean(),
  supplierPrice: zRupiahOut,
  shelfPrice: zRupiahOut,
  markup: zRupiahOut,
  markupBp: z.number().int(),
});

export const zVersion = z.object({
  version: z.number().int(),
  status: zStatus,
  phase: zPhase,
  startsOn: z.string(),
  endsOn: z.string(),
  recitals: z.string().nullable(),
  changeNote: z.string().nullable(),
  signatories: z.array(z.object({ party: zParty, name: z.string(), title: z.string() })),
  mou: z
    .object({
      outletsWithCorner: z.number().int(),
      insideDisplayNote: z.string().nullable(),
      outsideSpots: z.number().int(),
      promotionEventsPerYear: z.number().int(),
      curationSupport: z.boolean(),
      mentoringSupport: z.boolean(),
      quota: z.object({ bp: z.number().int(), basis: z.string(), reportEveryMonths: z.number().int() }).nullable(),
      pksWitness: z.boolean(),
      relaxations: z.array(z.object({ criterionCode: z.string(), note: z.string() })),
    })
    .nullable(),
  pks: z
    .object({
      witnessRequired: z.boolean(),
      tradeModel: z.enum(['konsinyasi', 'beli_putus']),
      marginBp: z.number().int(),
      otherFees: z.array(z.object({ name: z.string(), bp: z.number().int() })),
      paymentTermDays: z.number().int(),
      smallSupplyPaymentDays: z.number().int().nullable(),
      paymentTechnicalReason: z.string().nullable(),
      settlementPeriod: z.enum(['weekly', 'two_weekly', 'monthly']),
      unsoldGoods: z.enum(['returned_to_umkm', 'borne_by_chain']),
      expiredGoodsBorneBy: z.enum(['umkm', 'chain']),
      perishablePickupHours: z.number().int().nullable(),
      returnNote: z.string().nullable(),
      deliveryDistrictCodes: z.array(z.string()),
      deliveryNote: z.string().nullable(),
      products: z.array(zProductTerm),
      whenPaid: z.object({ text: z.string(), example: z.object({ periodEnd: z.string(), payBy: z.string() }) }),
    })
    .nullable(),
  documentSha256: z.string().nullable(),
  submittedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  supersededOn: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  terminationReason: z.string().nullable(),
  requiredParties: z.array(zParty),
  signatures: z.array(zSignature),
  missingParties: z.array(zParty),
  warnings: z.array(zWarning),
});

export const zAgreementDetail = zAgreementSummary.extend({
  today: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: zStatus,
      phase: zPhase,
      startsOn: z.string(),
      endsOn: z.string(),
      changeNote: z.string().nullable(),
    }),
  ),
  current: zVersion,
  myParty: zParty.nullable(),
  allowed: z.array(z.enum(['edit', 'submit', 'return', 'sign', 'withdraw', 'terminate', 'amend'])),
});
export const zAgreementPage = zPage(zAgreementSummary);

export const zReminders = z.object({
  today: z.string(),
  expiring: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['mou', 'pks']),
      number: z.string(),
      endsOn: z.string(),
      daysLeft: z.number().int(),
      within: z.union([z.literal(30), z.literal(60)]),
    }),
  ),
  awaitingSignature: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['mou', 'pks']),
      number: z.string(),
      version: z.number().int(),
      missingParties: z.array(zParty),
      mine: z.boolean().describe('menunggu tanda tangan Anda / waiting for your signature'),
    }),
  ),
  flagged: z.array(z.object({ id: z.string(), number: z.string(), warnings: z.array(zWarning) })),
  terminated: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(['mou', 'pks']),
        number: z.string(),
        umkmName: z.string().nullable(),
        terminatedOn: z.string(),
        reason: z.string(),
        byName: z.string().nullable().describe('organisasi yang mengakhiri / the organisation that ended it'),
      }),
    )
    .describe('diakhiri oleh pihak lain dalam 30 hari terakhir / ended by another party in the last 30 days'),
});

export const zPksTemplate = zPksCreate.extend({
  products: z.array(z.object({ productId: z.string(), name: z.string(), supplierPrice: z.number().int(), shelfPrice: z.number().int() })),
});

export const zTermsInForce = z.object({
  agreementId: z.string(),
  number: z.string(),
  version: z.number().int(),
  tradeModel: z.enum(['konsinyasi', 'beli_putus']),
  supplierPrice: zRupiahOut,
  shelfPrice: zRupiahOut,
  marginBp: z.number().int(),
  paymentTermDays: z.number().int(),
  settlementPeriod: z.enum(['weekly', 'two_weekly', 'monthly']),
  unsoldGoods: z.enum(['returned_to_umkm', 'borne_by_chain']),
  perishablePickupHours: z.number().int().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export const zEligible = z.object({
  items: z.array(
    z.object({ productId: z.string(), umkmId: z.string(), agreementId: z.string(), number: z.string(), version: z.number().int() }),
  ),
});
