// Request and answer shapes of the POS sales API (docs/POS.md).
import { z } from 'zod';
import { zDate, zPage, zRegionCode, zRupiahOut, zUuid } from '../../platform/validation.ts';
import { CHAIN_CODES } from '../registry/registry.rules.ts';

const zBilingual = z.object({ id: z.string(), en: z.string() });

export const zImportSummary = z.object({
  fileSha256: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  conflicts: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), code: z.string(), message: zBilingual })),
  counts: z.record(z.string(), z.number().int()),
});

export const zImportAnswer = zImportSummary.extend({ importId: zUuid, status: z.enum(['done', 'refused']) });
export const zImportQueued = z.object({ importId: zUuid, status: z.literal('queued') });

export const zImportItem = z.object({
  id: zUuid,
  chainName: z.string(),
  source: z.enum(['upload', 'api', 'cli']),
  fileName: z.string().nullable(),
  fileSha256: z.string(),
  correction: z.boolean(),
  status: z.enum(['queued', 'running', 'done', 'refused', 'failed']),
  progress: z.number().int(),
  rows: z.number().int().nullable(),
  imported: z.number().int().nullable(),
  duplicates: z.number().int().nullable(),
  conflicts: z.number().int().nullable(),
  rejected: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const zImportPage = zPage(zImportItem);
export const zImportDetail = zImportItem.extend({ summary: zImportSummary.nullable() });

export const zImportList = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(20),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    chain: z.enum(CHAIN_CODES).optional(),
  })
  .strict();

const zCell = z.union([z.string().max(64), z.number()]);
export const zSalesLine = z
  .object({
    storeCode: z.string().min(1).max(40),
    date: z.string().min(1).max(20),
    receipt: z.string().max(64).optional(),
    line: zCell.optional(),
    gtin: z.string().min(1).max(20),
    qty: zCell,
    unitPrice: zCell,
    discount: zCell.optional(),
  })
  .strict();

export const zSalesBatch = z
  .object({
    chain: z.enum(CHAIN_CODES).optional(),
    correction: z.boolean().optional(),
    lines: z.array(zSalesLine).min(1).max(10_000),
  })
  .strict();

export const zSummaryQuery = z
  .object({
    from: zDate.optional(),
    to: zDate.optional(),
    regionCode: zRegionCode.optional(),
    chain: z.enum(CHAIN_CODES).optional(),
    umkmId: zUuid.optional(),
    productId: zUuid.optional(),
    outletId: zUuid.optional(),
  })
  .strict();

export const zSalesSummary = z.object({ lines: z.number().int(), units: z.number().int(), revenue: zRupiahOut });
