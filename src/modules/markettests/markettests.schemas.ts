// Request and answer shapes of the market tests API (uji pasar, C6).
import { z } from 'zod';
import { zDate, zPage, zText, zUuid } from '../../platform/validation.ts';
import { CRITERIA, MAX_OUTLETS, MAX_WEEKS } from './markettests.rules.ts';

const zBilingual = z.object({ id: z.string(), en: z.string() });
const STATUSES = ['running', 'passed', 'failed'] as const;
const DECISIONS = ['pass', 'extend', 'fail'] as const;
const PHASES = ['not_started', 'running', 'review', 'complete', 'ended'] as const;

export const zTestList = z
  .object({
    status: z.enum(STATUSES).optional(),
    productId: zUuid.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(20),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

const zBp = z.number().int().min(0).max(10_000);

export const zStartTest = z
  .object({
    productId: zUuid,
    outletIds: z.array(zUuid).min(1).max(MAX_OUTLETS),
    planId: zUuid.optional(),
    startsOn: zDate,
    weeks: z.number().int().min(2).max(MAX_WEEKS).default(8),
    reviewWeek: z.number().int().min(1).max(MAX_WEEKS).default(4),
    minUnitsPerStoreWeek: z.number().min(0).max(1000).default(1),
    minSellThroughBp: zBp.default(5000),
    maxLossBp: zBp.default(1500),
    minFillRateBp: zBp.default(8500),
  })
  .strict();

export const zDecide = z
  .object({
    decision: z.enum(DECISIONS),
    extraWeeks: z.number().int().min(1).max(12).optional(),
    note: zText(2000).optional(),
  })
  .strict();

export const zOptionsQuery = z.object({ productId: zUuid.optional() }).strict();

export const zTest = z.object({
  id: zUuid,
  productId: zUuid,
  productName: z.string(),
  umkmId: zUuid,
  umkmName: z.string(),
  chainId: zUuid,
  chainName: z.string(),
  agreementId: zUuid,
  agreementNumber: z.string(),
  startsOn: z.string(),
  plannedEnd: z.string(),
  weeks: z.number().int(),
  reviewWeek: z.number().int(),
  status: z.enum(STATUSES),
  statusLabel: zBilingual,
  endedOn: z.string().nullable(),
  outlets: z.number().int(),
  criteria: z.object({
    minUnitsPerStoreWeek: z.number(),
    minSellThroughBp: z.number().int(),
    maxLossBp: z.number().int(),
    minFillRateBp: z.number().int(),
  }),
});
export const zTestPage = zPage(zTest);

const zCriterion = z.object({
  code: z.enum(CRITERIA as [string, ...string[]]),
  label: zBilingual,
  value: z.number().nullable(),
  valueWithoutCampaign: z.number().nullable(),
  threshold: z.number(),
  thresholdText: zBilingual,
  direction: z.enum(['min', 'max']),
  met: z.boolean().nullable(),
  metWithoutCampaign: z.boolean().nullable(),
  trend: z.enum(['up', 'down', 'flat']).nullable(),
  reason: zBilingual,
});

const zWeek = z.object({
  week: z.number().int(),
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  campaign: z.boolean(),
  sold: z.number(),
  received: z.number(),
  unitsPerStoreWeek: z.number().nullable(),
  sellThrough: z.number().nullable(),
  lossRate: z.number().nullable(),
  fillRate: z.number().nullable(),
});

export const zStanding = z.object({
  asOf: z.string(),
  from: z.string(),
  to: z.string(),
  plannedEnd: z.string(),
  daysCounted: z.number().int(),
  weekNow: z.number().int(),
  phase: z.enum(PHASES),
  phaseLabel: zBilingual,
  criteria: z.array(zCriterion),
  weeks: z.array(zWeek),
  campaignWeeks: z.array(z.number().int()),
  allMet: z.boolean(),
  campaignDependent: z.boolean(),
  recommendation: z.enum(DECISIONS).nullable(),
  recommendationLabel: zBilingual.nullable(),
  summary: zBilingual,
  reasons: z.array(zBilingual),
});

export const zTestDetail = zTest.extend({
  branchId: zUuid.nullable(),
  planId: zUuid.nullable(),
  standing: zStanding,
  outletRows: z.array(
    z.object({
      outletId: zUuid,
      storeCode: z.string(),
      outletName: z.string(),
      districtName: z.string(),
      sold: z.number(),
      received: z.number(),
      onHand: z.number(),
      placementEndsOn: z.string().nullable(),
    }),
  ),
  decisions: z.array(
    z.object({
      id: zUuid,
      decision: z.enum(DECISIONS),
      decisionLabel: zBilingual,
      decidedOn: z.string(),
      extraWeeks: z.number().int().nullable(),
      note: z.string().nullable(),
      summary: zBilingual,
      by: z.string().nullable(),
    }),
  ),
  delisting: z.array(
    z.object({
      outletId: zUuid,
      storeCode: z.string(),
      returnId: zUuid,
      returnNumber: z.string(),
      qty: z.number().int(),
      borneBy: z.enum(['umkm', 'chain']),
      borneByLabel: zBilingual,
    }),
  ),
  can: z.object({ pass: z.boolean(), extend: z.boolean(), fail: z.boolean() }),
});

export const zOptions = z.object({
  products: z.array(
    z.object({
      productId: zUuid,
      productName: z.string(),
      umkmName: z.string(),
      agreementNumber: z.string(),
      perishable: z.boolean(),
      testing: z.boolean(),
    }),
  ),
  outlets: z.array(
    z.object({
      outletId: zUuid,
      storeCode: z.string(),
      outletName: z.string(),
      districtName: z.string(),
      distanceKm: z.number(),
      freeSlots: z.number().int(),
      acceptsPerishable: z.boolean(),
      inPlan: z.boolean(),
      lat: z.number(),
      lon: z.number(),
    }),
  ),
  planId: zUuid.nullable(),
  today: z.string(),
  defaults: z.object({
    weeks: z.number().int(),
    reviewWeek: z.number().int(),
    minUnitsPerStoreWeek: z.number(),
    minSellThroughBp: z.number().int(),
    maxLossBp: z.number().int(),
    minFillRateBp: z.number().int(),
  }),
});

// ---- expansion ----

export const zPropose = z.object({ regionCode: z.string().regex(/^\d{2}\.\d{2}$/), startsOn: zDate }).strict();
export const zDecline = z.object({ note: zText(2000) }).strict();
export const zProposalList = z
  .object({
    testId: zUuid.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(20),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const zExpansionOptions = z.object({
  rate: z.number(),
  spare: z.number(),
  unreachable: z.number().int(),
  canPropose: z.boolean(),
  groups: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      tier: z.enum(['zone', 'province', 'other_province']),
      tierLabel: zBilingual,
      route: z.enum(['direct', 'distribution_centre']),
      routeLabel: zBilingual,
      outlets: z.number().int(),
      withinCapacity: z.number().int(),
      nearestKm: z.number(),
      expectedWeeklyUnits: z.number(),
      reason: zBilingual,
      crossProvince: z.boolean(),
    }),
  ),
});

export const zProposal = z.object({
  id: zUuid,
  testId: zUuid,
  productId: zUuid,
  productName: z.string(),
  umkmName: z.string(),
  chainName: z.string(),
  targetRegionCode: z.string(),
  targetRegionName: z.string(),
  targetBranchName: z.string().nullable(),
  targetGovernmentName: z.string().nullable(),
  route: z.enum(['direct', 'distribution_centre']),
  routeLabel: zBilingual,
  crossProvince: z.boolean(),
  expectedWeeklyUnits: z.number(),
  startsOn: z.string(),
  status: z.enum(['proposed', 'accepted', 'declined']),
  statusLabel: zBilingual,
  chainAccepted: z.boolean(),
  governmentAccepted: z.boolean(),
  declineNote: z.string().nullable(),
  outlets: z.number().int(),
  can: z.object({ acceptForChain: z.boolean(), acceptForGovernment: z.boolean(), decline: z.boolean() }),
});
export const zProposalPage = zPage(zProposal);
export const zProposalDetail = zProposal.extend({
  outletRows: z.array(
    z.object({
      outletId: zUuid,
      storeCode: z.string(),
      outletName: z.string(),
      districtName: z.string(),
      distanceKm: z.number(),
      placed: z.boolean(),
    }),
  ),
});
