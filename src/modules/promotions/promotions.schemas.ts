// Request and answer shapes of the promotion campaigns API (C9).
import { z } from 'zod';
import { zDate, zPage, zRegionCode, zRupiahOut, zText, zUuid } from '../../platform/validation.ts';

const zBilingual = z.object({ id: z.string(), en: z.string() });
const DISPLAYS = ['pojok_umkm', 'eye_level', 'end_cap', 'terrace'] as const;
const FUNDERS = ['chain', 'umkm', 'government', 'shared'] as const;
const PHASES = ['upcoming', 'running', 'ended', 'cancelled'] as const;

export const zCampaignList = z
  .object({
    phase: z.enum(PHASES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

const zOutletIn = z.object({ outletId: zUuid, display: z.enum(DISPLAYS) }).strict();
const zProductIn = z
  .object({
    productId: zUuid,
    discountBp: z.number().int().min(1).max(9000).nullable().optional(),
    fundedBy: z.enum(FUNDERS).nullable().optional(),
    umkmShareBp: z.number().int().min(0).max(10_000).nullable().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const hasDiscount = p.discountBp !== null && p.discountBp !== undefined;
    const hasFunder = p.fundedBy !== null && p.fundedBy !== undefined;
    if (hasDiscount && !hasFunder) ctx.addIssue({ code: 'custom', path: ['fundedBy'], message: 'promotion_funder_required' });
    if (!hasDiscount && hasFunder) ctx.addIssue({ code: 'custom', path: ['discountBp'], message: 'promotion_discount_required' });
    const hasShare = p.umkmShareBp !== null && p.umkmShareBp !== undefined;
    if (p.fundedBy === 'shared' && !hasShare) ctx.addIssue({ code: 'custom', path: ['umkmShareBp'], message: 'promotion_share_required' });
    if (p.fundedBy !== 'shared' && hasShare)
      ctx.addIssue({ code: 'custom', path: ['umkmShareBp'], message: 'promotion_share_only_shared' });
  });

export const zCampaignCreate = z
  .object({
    name: zText(160).pipe(z.string().min(3)),
    regionCode: zRegionCode,
    startsOn: zDate,
    endsOn: zDate,
    outlets: z.array(zOutletIn).min(1).max(500),
    products: z.array(zProductIn).min(1).max(50),
  })
  .strict()
  .superRefine((c, ctx) => {
    // A one-day campaign is a campaign: the last day may be the first.
    if (c.endsOn < c.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'promotion_ends_before_starts' });
    const seen = new Set<string>();
    c.outlets.forEach((o, i) => {
      if (seen.has(o.outletId)) ctx.addIssue({ code: 'custom', path: ['outlets', i, 'outletId'], message: 'duplicate_line' });
      seen.add(o.outletId);
    });
    const products = new Set<string>();
    c.products.forEach((p, i) => {
      if (products.has(p.productId)) ctx.addIssue({ code: 'custom', path: ['products', i, 'productId'], message: 'duplicate_line' });
      products.add(p.productId);
    });
  });
export type CampaignCreate = z.infer<typeof zCampaignCreate>;

export const zOptionsQuery = z.object({ regionCode: zRegionCode, startsOn: zDate, endsOn: zDate }).strict();

const zFinding = z.object({
  rule: z.string(),
  reference: z.string().nullable(),
  severity: z.enum(['blocking', 'warning']),
  field: z.string(),
  message: zBilingual,
});

export const zCampaign = z.object({
  id: zUuid,
  name: z.string(),
  chainId: zUuid,
  chainName: z.string(),
  branchId: zUuid.nullable(),
  branchName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  days: z.number().int(),
  phase: z.enum(PHASES),
  phaseLabel: zBilingual,
  outletCount: z.number().int(),
  productCount: z.number().int(),
  mouNumber: z.string().nullable(),
  createdAt: z.string(),
});
export const zCampaignPage = zPage(zCampaign);

export const zCampaignDetail = zCampaign.extend({
  outsideSpots: z.number().int().nullable(),
  outlets: z.array(
    z.object({
      outletId: zUuid,
      storeCode: z.string(),
      outletName: z.string(),
      address: z.string(),
      districtCode: z.string(),
      display: z.enum(DISPLAYS),
      displayLabel: zBilingual,
    }),
  ),
  products: z.array(
    z.object({
      productId: zUuid,
      productName: z.string(),
      umkmId: zUuid,
      umkmName: z.string(),
      agreementId: zUuid,
      agreementNumber: z.string(),
      shelfPrice: zRupiahOut.nullable(),
      discountBp: z.number().int().nullable(),
      promoPrice: zRupiahOut.nullable(),
      fundedBy: z.enum(FUNDERS).nullable(),
      fundedByLabel: zBilingual.nullable(),
      umkmShareBp: z.number().int().nullable(),
    }),
  ),
  findings: z.array(zFinding),
  can: z.object({ cancel: z.boolean(), results: z.boolean() }),
});

const zCell = z.object({ outlets: z.number().int(), days: z.number().int(), units: z.number().int(), revenue: zRupiahOut });
const zEstimate = z.object({
  method: z.enum(['did', 'before_after']),
  methodLabel: zBilingual,
  verdict: z.enum(['up', 'down', 'unclear', 'insufficient']),
  verdictLabel: zBilingual,
  effect: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  summary: zBilingual,
});
const zComparison = z.object({
  campaign: z.object({ before: zCell, during: zCell }),
  control: z.object({ before: zCell, during: zCell }).nullable(),
  estimate: zEstimate,
});

export const zCampaignResults = z.object({
  campaignId: zUuid,
  name: z.string(),
  phase: z.enum(PHASES),
  /** The campaign days measured (through yesterday while it runs) and the same number of days before. */
  measured: z.object({ from: z.string(), through: z.string(), days: z.number().int() }).nullable(),
  before: z.object({ from: z.string(), through: z.string() }).nullable(),
  products: z.array(zComparison.extend({ productId: zUuid, productName: z.string(), umkmName: z.string() })),
  total: zComparison.nullable(),
});

export const zMaterials = z.object({
  campaignId: zUuid,
  name: z.string(),
  chainName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  phase: z.enum(PHASES),
  outlets: z.array(
    z.object({
      outletId: zUuid,
      storeCode: z.string(),
      outletName: z.string(),
      address: z.string(),
      display: z.enum(DISPLAYS),
      displayLabel: zBilingual,
      items: z.array(
        z.object({
          productId: zUuid,
          productName: z.string(),
          umkmName: z.string(),
          gtin: z.string().nullable(),
          shelfPrice: zRupiahOut.nullable(),
          promoPrice: zRupiahOut.nullable(),
          discountBp: z.number().int().nullable(),
          placed: z.boolean(),
        }),
      ),
    }),
  ),
});

export const zCampaignOptions = z.object({
  regionCode: z.string(),
  mou: z.object({ id: zUuid, number: z.string(), outsideSpots: z.number().int().nullable() }).nullable(),
  outlets: z.array(z.object({ id: zUuid, storeCode: z.string(), name: z.string(), districtCode: z.string() })),
  products: z.array(
    z.object({
      productId: zUuid,
      productName: z.string(),
      umkmName: z.string(),
      agreementNumber: z.string(),
      otherFeesBp: z.number().int(),
      shelfPrice: zRupiahOut.nullable(),
      /** The largest discount (bp of the shelf price) the maker could fund alone within the fee cap. */
      maxUmkmFundedBp: z.number().int(),
      placedAt: z.array(zUuid),
    }),
  ),
});
