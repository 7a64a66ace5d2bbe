import { z } from 'zod';
import { zListQuery, zPage, zRegionCode } from '../../platform/validation.ts';

export const LEVELS = ['province', 'regency', 'district', 'village'] as const;

export const zRegionListQuery = zListQuery
  .extend({
    level: z.enum(LEVELS).optional(),
    parent: zRegionCode.optional(),
  })
  .strict();

export const zRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  parentCode: z.string().nullable(),
  timeZone: z.string(),
});
export const zRegionPage = zPage(zRegion);
export const zRegionParams = z.object({ code: zRegionCode }).strict();
