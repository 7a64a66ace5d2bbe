// Product feeds of a region (C11, issue 13): what a Dinas hands to Google and to marketplaces, built from the
// same public answers as the catalogue pages (so the privacy scan covers them too). One region's feed holds
// the products on offer at outlets in that region.
//  - Google Merchant Center primary feed (tab-separated text feed; attributes in English as the product data
//    specification asks, support.google.com/merchants/answer/7052112): id, title, description, link,
//    image_link, availability, price, brand, gtin (or identifier_exists no), condition. An item without a
//    photo cannot be listed there (image_link is required) and is left out; the answer says how many.
//  - Local inventory feed (support.google.com/merchants/answer/3061342): one row per store and product:
//    store_code, id, availability, price. No `quantity` (optional there): the public is told an estimate,
//    never the stock ledger's figure.
//  - Marketplace bulk-upload CSV: prices with a dot decimal and no thousands separator (DOMAIN.md), GTIN,
//    category.
//  - JSON: the same items with their stores.
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { label } from '../../vocabulary.ts';
import { displayName } from '../regions/regions.rules.ts';
import { type StockEstimate, stockEstimate } from './catalogue.rules.ts';
import { catalogueDay, netContent as packContent, photoPath } from './catalogue.service.ts';
import { firstPhotos, offersOf, regionNames, searchProducts, validPermits } from './catalogue.store.ts';

/** Merchant Center's `availability` for a store, from the estimate the public pages show. A ledger that has
 *  not moved lately says "limited": the product is placed there, its shelf unknown. */
const LOCAL_AVAILABILITY: Record<StockEstimate, 'in_stock' | 'limited_availability' | 'out_of_stock'> = {
  in_stock: 'in_stock',
  low: 'limited_availability',
  unknown: 'limited_availability',
  out: 'out_of_stock',
};

/** Merchant Center's price: a number and the ISO 4217 currency ("24000 IDR"); rupiah have no decimals. */
export const merchantPrice = (rupiah: bigint) => `${rupiah.toString()} IDR`;
/** A marketplace template's price column: dot decimal, no thousands separator. */
export const marketplacePrice = (rupiah: bigint) => `${rupiah.toString()}.00`;

export interface FeedStore {
  storeCode: string;
  chain: string;
  availability: 'in_stock' | 'limited_availability' | 'out_of_stock';
  price: bigint;
}

export interface FeedItem {
  id: string;
  title: string;
  description: string;
  link: string;
  imageLink: string | null;
  availability: 'in_stock' | 'out_of_stock';
  price: bigint;
  brand: string;
  gtin: string | null;
  category: string;
  categoryLabel: string;
  netContent: string;
  permits: string[];
  stores: FeedStore[];
}

export interface Feed {
  region: { code: string; name: string };
  asOf: string;
  items: FeedItem[];
}

/** Every product on offer at outlets in the region, with its stores there. */
export async function regionFeed(db: Database, now: Date, code: string, origin: string): Promise<Feed> {
  const today = catalogueDay(now, code);
  const name = (await regionNames(db, [code])).get(code);
  if (!name) throw notFound({ id: 'Wilayah', en: 'Region' });
  const { rows } = await searchProducts(db, { today, regionCode: code, limit: 100_000, offset: 0 });
  const ids = rows.map((r) => r.id);
  const [offers, photos, permits] = await Promise.all([
    offersOf(db, today, { regionCode: code }),
    firstPhotos(db, ids),
    validPermits(db, today, ids),
  ]);
  const storesOf = new Map<string, FeedStore[]>();
  for (const o of offers) {
    const list = storesOf.get(o.product_id) ?? [];
    list.push({
      storeCode: o.store_code,
      chain: label('chain', o.chain_code).id,
      availability: LOCAL_AVAILABILITY[stockEstimate(o.on_hand, o.stock_on, today)],
      price: o.shelf_price,
    });
    storesOf.set(o.product_id, list);
  }
  const items = rows.map((r): FeedItem => {
    const stores = storesOf.get(r.id) ?? [];
    const netContent = packContent(r);
    const category = label('category', r.category).id;
    return {
      id: r.id,
      title: r.name,
      description: `${r.name}, produk UMKM ${r.maker_name} (${category}, isi ${netContent}). Tersedia di ${stores.length} gerai ritel modern di ${displayName(name)}.`,
      link: `${origin}/katalog/produk/${r.id}`,
      imageLink: photos.has(r.id) ? `${origin}${photoPath(photos.get(r.id) as string, 'w640.jpg')}` : null,
      availability: stores.some((s) => s.availability !== 'out_of_stock') ? 'in_stock' : 'out_of_stock',
      price: r.price_min,
      brand: r.maker_name,
      gtin: r.gtin,
      category: r.category,
      categoryLabel: category,
      netContent,
      permits: permits.filter((p) => p.product_id === r.id).map((p) => `${label('permitType', p.type).id} ${p.number}`),
      stores,
    };
  });
  return { region: { code, name: displayName(name) }, asOf: today, items };
}

/** The Merchant Center primary feed, and how many items it had to leave out for want of a photo. */
export function merchantTsv(feed: Feed): { body: string; withoutPhoto: number } {
  const listed = feed.items.filter((i) => i.imageLink !== null);
  const body = stringify(
    listed.map((i) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      link: i.link,
      image_link: i.imageLink,
      availability: i.availability,
      price: merchantPrice(i.price),
      brand: i.brand,
      gtin: i.gtin ?? '',
      identifier_exists: i.gtin ? 'yes' : 'no',
      condition: 'new',
      product_type: i.categoryLabel,
    })),
    { header: true, delimiter: '\t', columns: MERCHANT_COLUMNS, quoted_match: /[\t\n"]/ },
  );
  return { body, withoutPhoto: feed.items.length - listed.length };
}
export const MERCHANT_COLUMNS = [
  'id',
  'title',
  'description',
  'link',
  'image_link',
  'availability',
  'price',
  'brand',
  'gtin',
  'identifier_exists',
  'condition',
  'product_type',
];

/** The local inventory feed: one row per store carrying the product. */
export function localInventoryTsv(feed: Feed): string {
  return stringify(
    feed.items.flatMap((i) =>
      i.stores.map((s) => ({ store_code: s.storeCode, id: i.id, availability: s.availability, price: merchantPrice(s.price) })),
    ),
    { header: true, delimiter: '\t', columns: ['store_code', 'id', 'availability', 'price'] },
  );
}

/** A marketplace bulk-upload sheet (CSV, comma separated, dot decimals). */
export function marketplaceCsv(feed: Feed): string {
  return stringify(
    feed.items.map((i) => ({
      sku: i.id,
      name: i.title,
      category: i.categoryLabel,
      price: marketplacePrice(i.price),
      currency: 'IDR',
      gtin: i.gtin ?? '',
      net_content: i.netContent,
      brand: i.brand,
      description: i.description,
      permits: i.permits.join('; '),
      link: i.link,
      image_link: i.imageLink ?? '',
      outlets: i.stores.length,
    })),
    {
      header: true,
      columns: [
        'sku',
        'name',
        'category',
        'price',
        'currency',
        'gtin',
        'net_content',
        'brand',
        'description',
        'permits',
        'link',
        'image_link',
        'outlets',
      ],
    },
  );
}
