// Request and response schemas of placement planning in the product (C5): plans, their items with the
// diff against current placements, approval, placements and locks.
import { z } from 'zod';
import { zDate, zRegionCode, zUuid } from '../../platform/validation.ts';
import { CHAIN_CODES } from '../registry/registry.rules.ts';

export const PLAN_STATUSES = ['queued', 'running', 'done', 'failed', 'approved', 'partly_approved'] as const;

export const zPlanCreate = z
  .object({
    regionCode: zRegionCode,
    chainCode: z
      .enum(CHAIN_CODES)
      .optional()
      .describe('Wajib bagi pemda dan admin; jaringan sendiri bagi ritel / required for pemda and admin'),
    date: zDate.optional().describe('Tanggal rencana (PKS berlaku, penempatan saat ini); bawaan: hari ini di wilayah itu / plan date'),
  })
  .strict();

export const zPlanList = z
  .object({
    regionCode: zRegionCode.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const zPlan = z.object({
  id: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  chainName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  date: z.string(),
  status: z.enum(PLAN_STATUSES),
  progress: z.number().int(),
  objective: z.number().nullable(),
  stats: z.record(z.string(), z.number()).nullable(),
  params: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  counts: z.object({ new: z.number().int(), kept: z.number().int(), dropped: z.number().int(), approved: z.number().int() }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  can: z.object({ approve: z.boolean() }).describe('Yang boleh dilakukan pengguna ini / what this user may do'),
});

export const zPlanCreated = z.object({ plan: zPlan, queued: z.boolean() });
export const zPlanPage = z.object({ items: z.array(zPlan), total: z.number().int() });

export const zPlanItem = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  perishable: z.boolean(),
  umkmId: z.string(),
  umkmName: z.string(),
  outletId: z.string(),
  change: z.enum(['new', 'kept', 'dropped']),
  locked: z.boolean(),
  distanceKm: z.number(),
  expectedUnits: z.number().describe('Perkiraan unit terjual per minggu di gerai ini / expected weekly units at this outlet'),
  approved: z.boolean(),
});

export const zPlanDetail = zPlan.extend({
  items: z.array(zPlanItem),
  outlets: z.array(
    z.object({
      id: z.string(),
      storeCode: z.string(),
      name: z.string(),
      lat: z.number(),
      lon: z.number(),
      slots: z.number().int(),
      acceptsPerishable: z.boolean(),
    }),
  ),
  umkm: z.array(z.object({ id: z.string(), name: z.string(), lat: z.number(), lon: z.number() })),
});

export const zPlanApprove = z
  .object({
    startsOn: zDate.describe('Hari pertama di rak / first day on the shelf'),
    itemIds: z.array(zUuid).min(1).max(100_000).optional().describe('Butir yang disetujui; tanpa ini: semua / items approved; absent: all'),
  })
  .strict();

export const zPlanApproved = z.object({ plan: zPlan, created: z.number().int(), ended: z.number().int() });

export const zPlacement = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  umkmId: z.string(),
  umkmName: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  storeCode: z.string(),
  districtCode: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  startsOn: z.string(),
  endsOn: z.string().nullable().describe('Hari pertama tidak lagi di rak / first day off the shelf'),
  locked: z.boolean(),
  planId: z.string().nullable(),
  can: z.object({ lock: z.boolean() }),
});

export const zPlacementList = z
  .object({
    regionCode: zRegionCode.optional(),
    outletId: zUuid.optional(),
    productId: zUuid.optional(),
    planId: zUuid.optional(),
    on: zDate.optional().describe('Hanya yang di rak pada tanggal ini / only those on the shelf on this date'),
    includeEnded: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const zPlacementPage = z.object({ items: z.array(zPlacement), total: z.number().int() });

export const zPlacementLock = z.object({ locked: z.boolean() }).strict();
