// Requests and answers of the public catalogue (C11) and of the maker's own catalogue settings.
import { z } from 'zod';
import { zIdParams, zLat, zLon, zRegionCode, zRupiahOut, zText } from '../../platform/validation.ts';
import { CATEGORY_CODES } from '../registry/registry.rules.ts';

const zBilingual = z.object({ id: z.string(), en: z.string() });
const zPlace = z.object({ code: z.string(), name: z.string() });

export const zSearchQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    region: zRegionCode.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(24),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    lang: z.enum(['id', 'en']).optional(),
  })
  .strict();

/** Where the shopper is: her point (both coordinates) or a kecamatan she picked. */
export const zWhereQuery = z
  .object({
    lat: z.coerce.number().pipe(zLat).optional(),
    lon: z.coerce.number().pipe(zLon).optional(),
    district: zRegionCode.optional(),
    lang: z.enum(['id', 'en']).optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    if ((w.lat === undefined) !== (w.lon === undefined))
      ctx.addIssue({ code: 'custom', path: [w.lat === undefined ? 'lat' : 'lon'], message: 'required' });
  });

export const zRegionPageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(24),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    lang: z.enum(['id', 'en']).optional(),
  })
  .strict();

export const zCodeParams = z.object({ code: zRegionCode }).strict();
export { zIdParams };

export const zProductCard = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  categoryLabel: zBilingual,
  gtin: z.string().nullable(),
  netContent: z.string(),
  priceMin: zRupiahOut,
  priceMax: zRupiahOut,
  outlets: z.number().int().describe('gerai yang menjualnya / outlets carrying it'),
  maker: z.object({ id: z.string(), name: z.string() }),
  madeIn: z.array(zPlace),
  photo: z.object({ small: z.string(), large: z.string() }).nullable().describe('320 × 240 and 640 × 480 px, WebP, without metadata'),
});

export const zSearchAnswer = z.object({
  items: z.array(zProductCard),
  total: z.number().int(),
  categories: z.array(z.object({ code: z.string(), label: zBilingual })),
  asOf: z.string(),
});

export const zOffer = z.object({
  chain: z.string(),
  storeCode: z.string(),
  name: z.string(),
  address: z.string(),
  district: zPlace,
  lat: z.number(),
  lon: z.number(),
  distanceKm: z.number().nullable(),
  shelfPrice: zRupiahOut,
  stock: z.enum(['in_stock', 'low', 'out', 'unknown']),
  stockLabel: zBilingual,
  stockOn: z.string().nullable().describe('hari perkiraan stok / the day the stock estimate is from'),
});

export const zProductPage = zProductCard.extend({
  permits: z.array(z.object({ type: z.string(), label: zBilingual, number: z.string() })),
  story: z.string().nullable(),
  offers: z.array(zOffer),
  from: z.object({ lat: z.number(), lon: z.number(), label: z.string() }).nullable(),
  asOf: z.string(),
});

export const zMakerPage = z.object({
  id: z.string(),
  name: z.string(),
  story: z.string().nullable(),
  phone: z.string().nullable(),
  madeIn: z.array(zPlace),
  products: z.array(zProductCard),
  asOf: z.string(),
});

export const zRegionPage = z.object({
  code: z.string(),
  name: z.string(),
  facts: z.object({ products: z.number().int(), makers: z.number().int(), outlets: z.number().int() }),
  products: z.object({ items: z.array(zProductCard), total: z.number().int() }),
  districts: z.array(zPlace),
  asOf: z.string(),
});

// ---- the maker's own settings ----

export const zMyCatalogue = z.object({
  umkmId: z.string(),
  story: z.string().nullable(),
  showPhone: z.boolean(),
  hasPhone: z.boolean(),
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      published: z.boolean(),
      /** Outlets carrying it today under a PKS in force: public only when published and > 0. */
      outlets: z.number().int(),
    }),
  ),
});

export const zProfileBody = z
  .object({
    story: zText(1500).nullable(),
    showPhone: z.boolean(),
  })
  .strict();

export const zPublishBody = z.object({ published: z.boolean() }).strict();
