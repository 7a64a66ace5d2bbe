// The public catalogue's use cases (C11): search, a product with the outlets carrying it nearest first, a
// maker's page and a region's page. Every answer is built here from the store's public columns only; the
// JSON routes and the server-rendered pages show exactly these objects (tests/catalogue-privacy.test.ts
// scans them for anything private).
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { mayPublish } from '../../platform/auth/policy.ts';
import type { Bilingual } from '../../platform/errors.ts';
import { notFound } from '../../platform/errors.ts';
import { dateIn } from '../../platform/format.ts';
import type { ThumbName } from '../../platform/thumbnails.ts';
import { label } from '../../vocabulary.ts';
import { displayName } from '../regions/regions.rules.ts';
import { nearestFirst, type Point, type StockEstimate, stockEstimate } from './catalogue.rules.ts';
import {
  firstPhotos,
  makerById,
  myProducts,
  myProfile,
  offeredCategories,
  offersOf,
  type ProductRow,
  productById,
  productOwner,
  productsMadeIn,
  publicPhoto,
  regionFacts,
  regionNames,
  searchProducts,
  setProfile,
  setPublished,
  shoppingDistricts,
  validPermits,
} from './catalogue.store.ts';

/** The business day of the public pages: the region's local date (WIB when none is named). */
export const catalogueDay = (now: Date, regionCode?: string) => dateIn(now, regionCode ?? '31');

export interface Place {
  code: string;
  name: string;
}

export interface ProductCard {
  id: string;
  name: string;
  category: string;
  categoryLabel: Bilingual;
  gtin: string | null;
  netContent: string;
  priceMin: bigint;
  priceMax: bigint;
  outlets: number;
  maker: { id: string; name: string };
  /** The maker's kecamatan and kabupaten/kota. */
  madeIn: Place[];
  /** Its photo's public paths (320 and 640 px wide), if it has one. */
  photo: { small: string; large: string; share: string } | null;
}

export interface Offer {
  chain: string;
  storeCode: string;
  name: string;
  address: string;
  district: Place;
  lat: number;
  lon: number;
  distanceKm: number | null;
  shelfPrice: bigint;
  stock: StockEstimate;
  stockLabel: Bilingual;
  /** The day the estimate is from: the last movement of the outlet's stock of this product. */
  stockOn: string | null;
}

export interface ProductPage extends ProductCard {
  permits: { type: string; label: Bilingual; number: string }[];
  story: string | null;
  offers: Offer[];
  from: (Point & { label: string }) | null;
  asOf: string;
}

/** "250 g", as the pack says. */
export const netContent = (r: ProductRow) => `${Number(r.net_content).toLocaleString('id-ID')} ${label('netUnit', r.net_unit).id}`;
const regencyCode = (district: string) => district.split('.').slice(0, 2).join('.');

async function cards(db: Database, rows: ProductRow[]): Promise<ProductCard[]> {
  const names = await regionNames(
    db,
    rows.flatMap((r) => [r.maker_district, regencyCode(r.maker_district)]),
  );
  const photos = await firstPhotos(
    db,
    rows.map((r) => r.id),
  );
  const place = (code: string): Place => ({ code, name: displayName(names.get(code) ?? code) });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    categoryLabel: label('category', r.category),
    gtin: r.gtin,
    netContent: netContent(r),
    priceMin: r.price_min,
    priceMax: r.price_max,
    outlets: r.outlets,
    maker: { id: r.umkm_id, name: r.maker_name },
    madeIn: [place(r.maker_district), place(regencyCode(r.maker_district))],
    photo: photos.has(r.id) ? photoPaths(photos.get(r.id) as string) : null,
  }));
}

/** Where anyone fetches a public size of a product photo (catalogue.routes.ts; the sizes: platform/thumbnails.ts). */
export const photoPath = (sha256: string, name: ThumbName) => `/api/public/photos/${sha256}/${name}`;
/** The card's size, the product page's, and the one a link preview or a feed shows. */
const photoPaths = (sha256: string) => ({
  small: photoPath(sha256, 'w320.webp'),
  large: photoPath(sha256, 'w640.webp'),
  share: photoPath(sha256, 'w640.jpg'),
});

export interface SearchQuery {
  q?: string;
  category?: string;
  region?: string;
  limit: number;
  offset: number;
}

export async function searchCatalogue(db: Database, now: Date, f: SearchQuery) {
  const today = catalogueDay(now, f.region);
  const { rows, total } = await searchProducts(db, {
    today,
    q: f.q,
    category: f.category,
    regionCode: f.region,
    limit: f.limit,
    offset: f.offset,
  });
  const categories = await offeredCategories(db, today, f.region);
  return {
    items: await cards(db, rows),
    total,
    categories: categories.map((code) => ({ code, label: label('category', code) })),
    asOf: today,
  };
}

export interface Where {
  lat?: number;
  lon?: number;
  district?: string;
}

/** The shopper's place: her own point (browser geolocation), or a kecamatan she picked (the middle of its
 *  outlets that carry local products), or none. */
async function resolvePoint(db: Database, today: string, w: Where): Promise<ProductPage['from']> {
  if (w.lat !== undefined && w.lon !== undefined) return { lat: w.lat, lon: w.lon, label: '' };
  if (!w.district) return null;
  const d = (await shoppingDistricts(db, today, w.district)).find((x) => x.code === w.district);
  return d ? { lat: d.lat, lon: d.lon, label: displayName(d.name) } : null;
}

export async function productPage(db: Database, now: Date, id: string, w: Where): Promise<ProductPage> {
  const today = catalogueDay(now, w.district);
  const row = await productById(db, today, id);
  if (!row) throw notFound({ id: 'Produk', en: 'Product' });
  const [card] = await cards(db, [row]);
  const [offers, permits, maker, from] = await Promise.all([
    offersOf(db, today, { productId: id }),
    validPermits(db, today, [id]),
    makerById(db, today, row.umkm_id),
    resolvePoint(db, today, w),
  ]);
  const sorted = nearestFirst(
    offers.map((o) => ({ ...o, name: o.outlet_name, code: o.store_code })),
    from,
  );
  return {
    ...(card as ProductCard),
    permits: permits.map((p) => ({ type: p.type, label: label('permitType', p.type), number: p.number })),
    story: maker?.story ?? null,
    offers: sorted.map((o) => {
      const stock = stockEstimate(o.on_hand, o.stock_on, today);
      return {
        chain: label('chain', o.chain_code).id,
        storeCode: o.store_code,
        name: o.outlet_name,
        address: o.address,
        district: { code: o.district_code, name: displayName(o.district_name) },
        lat: o.lat,
        lon: o.lon,
        distanceKm: o.distanceKm,
        shelfPrice: o.shelf_price,
        stock,
        stockLabel: label('stockEstimate', stock),
        stockOn: stock === 'unknown' ? null : o.stock_on,
      };
    }),
    from,
    asOf: today,
  };
}

export async function makerPage(db: Database, now: Date, id: string) {
  const today = catalogueDay(now);
  const m = await makerById(db, today, id);
  if (!m) throw notFound({ id: 'UMKM', en: 'UMKM' });
  const { rows } = await searchProducts(db, { today, umkmId: id, limit: 200, offset: 0 });
  const products = await cards(db, rows);
  const names = await regionNames(db, [m.district_code, regencyCode(m.district_code)]);
  return {
    id: m.id,
    name: m.name,
    story: m.story,
    phone: m.phone,
    madeIn: [m.district_code, regencyCode(m.district_code)].map((code) => ({ code, name: displayName(names.get(code) ?? code) })),
    products,
    asOf: today,
  };
}

export async function regionPage(db: Database, now: Date, code: string, page: { limit: number; offset: number }) {
  const today = catalogueDay(now, code);
  const names = await regionNames(db, [code]);
  const name = names.get(code);
  if (!name) throw notFound({ id: 'Wilayah', en: 'Region' });
  const [facts, made, districts] = await Promise.all([
    regionFacts(db, today, code),
    productsMadeIn(db, { today, regionCode: code, ...page }),
    shoppingDistricts(db, today, code),
  ]);
  return {
    code,
    name: displayName(name),
    facts,
    products: { items: await cards(db, made.rows), total: made.total },
    districts: districts.map((d) => ({ code: d.code, name: displayName(d.name) })),
    asOf: today,
  };
}

/** The kecamatan a shopper may pick in a region (for the place picker). */
export async function districtChoices(db: Database, now: Date, region?: string) {
  const today = catalogueDay(now, region);
  return (await shoppingDistricts(db, today, region)).map((d) => ({ code: d.code, name: displayName(d.name) }));
}

// ---- the maker decides (her phone, her settings page) ----

const ownUmkm = (ctx: Ctx) => {
  const id = ctx.actor.role === 'umkm' ? ctx.actor.organizationId : null;
  if (!id) throw notFound({ id: 'UMKM', en: 'UMKM' });
  return id;
};

export async function myCatalogue(db: Database, ctx: Ctx) {
  const umkmId = ownUmkm(ctx);
  const [profile, products] = await Promise.all([myProfile(db, umkmId), myProducts(db, catalogueDay(ctx.now), umkmId)]);
  return {
    umkmId,
    story: profile?.story ?? null,
    showPhone: profile?.show_phone ?? false,
    hasPhone: profile?.has_phone ?? false,
    products,
  };
}

export async function updateMyProfile(db: Database, ctx: Ctx, input: { story: string | null; showPhone: boolean }) {
  const umkmId = ownUmkm(ctx);
  const before = await myProfile(db, umkmId);
  await setProfile(db, umkmId, input);
  await audit(db, ctx, {
    action: 'update',
    entity: 'umkm',
    entityId: umkmId,
    before: { story: before?.story ?? null, showPhone: before?.show_phone ?? false },
    after: input,
  });
  return myCatalogue(db, ctx);
}

export async function publishProduct(db: Database, ctx: Ctx, id: string, published: boolean) {
  const p = await productOwner(db, id);
  // Another maker's product is simply not hers to find.
  if (!p || !mayPublish(ctx.actor, p)) throw notFound({ id: 'Produk', en: 'Product' });
  if ((p.published_at !== null) !== published) {
    await setPublished(db, id, published ? ctx.now : null);
    await audit(db, ctx, { action: published ? 'publish' : 'hide', entity: 'product', entityId: id, after: { inCatalogue: published } });
  }
  return myCatalogue(db, ctx);
}

/** A public photo's type, or 404: only photos of products on offer today are public. */
export async function photoFile(db: Database, now: Date, sha256: string) {
  const f = await publicPhoto(db, catalogueDay(now), sha256);
  if (!f) throw notFound({ id: 'Foto', en: 'Photo' });
  return f;
}
