// Registry use cases (C1): organisations, outlets, UMKM and their products, with permits and photos.
// Each takes the database handle (the request's transaction) first and the caller's context second.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { ChainCode, OrganizationKind } from '../../db/types.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import { canEditUmkm, mayMoveUmkm } from '../../platform/auth/policy.ts';
import { localDate } from '../../platform/clock.ts';
import { AppError, badRequest, conflict, type FieldProblem, forbidden, invalidFields, notFound } from '../../platform/errors.ts';
import { requireFile } from '../../platform/files.ts';
import type { Rupiah } from '../../platform/money.ts';
import type { ListQuery } from '../../platform/validation.ts';

/** A list's query with a cursor for its deep pages (platform/paging.ts). */
type LongListQuery = ListQuery & { cursor?: string };

import { requireRegion } from '../regions/regions.service.ts';
import { type Category, impliedPerishable, permitDateProblems, permitStanding } from './registry.rules.ts';
import * as store from './registry.store.ts';

const ORG = { id: 'Organisasi', en: 'Organisation' };
const OUTLET = { id: 'Gerai', en: 'Outlet' };
const UMKM = { id: 'UMKM', en: 'UMKM' };
const PRODUCT = { id: 'Produk', en: 'Product' };

const outsideRegion = (field: string) =>
  badRequest('outside_region', { id: 'Lokasi berada di luar wilayah kewenangan Anda.', en: 'The location is outside your region.' }, field);

/** The columns a PATCH sets: every field present in it, under its column name. */
function columnsOf<P extends object>(patch: P, columns: { [K in keyof P]?: string }): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns) as [keyof P, string][]) {
    if (patch[field] !== undefined) set[column] = patch[field];
  }
  return set;
}

/** Archiving keeps the record (no hard delete of business records): it only stamps archived_at once. */
async function archiveRow<T>(
  db: Database,
  ctx: Ctx,
  target: { table: 'organizations' | 'outlets' | 'products'; entity: string; id: string },
  before: T,
  read: () => Promise<T>,
): Promise<T> {
  await db.updateTable(target.table).set({ archived_at: sql`coalesce(archived_at, now())` }).where('id', '=', target.id).execute();
  const after = await read();
  await audit(db, ctx, { action: 'archive', entity: target.entity, entityId: target.id, before, after });
  return after;
}

// ---- organisations ----
type OrgRow = NonNullable<Awaited<ReturnType<typeof store.findOrganization>>>;
const orgView = (o: OrgRow) => ({
  id: o.id,
  kind: o.kind,
  name: o.name,
  legalName: o.legal_name,
  chainCode: o.chain_code,
  parentId: o.parent_id,
  regionCode: o.region_code,
  archived: o.archived_at !== null,
});

export async function listOrganizations(db: Database, ctx: Ctx, f: LongListQuery & { kind?: OrganizationKind; chainCode?: ChainCode }) {
  const page = await store.listOrganizations(db, ctx.actor, f);
  return { ...page, items: page.items.map(orgView) };
}

export async function getOrganization(db: Database, ctx: Ctx, id: string) {
  const o = await store.findOrganization(db, ctx.actor, id);
  if (!o) throw notFound(ORG, 'id');
  return orgView(o);
}

export async function createOrganization(
  db: Database,
  ctx: Ctx,
  input: {
    kind: Exclude<OrganizationKind, 'umkm'>;
    name: string;
    legalName?: string | null;
    chainCode?: ChainCode | null;
    parentId?: string | null;
    regionCode?: string | null;
  },
) {
  let chainCode = input.chainCode ?? null;
  if (input.kind === 'branch') {
    const parent = input.parentId ? await store.findOrganization(db, ctx.actor, input.parentId) : undefined;
    if (parent?.kind !== 'chain') throw notFound({ id: 'Jaringan ritel induk', en: 'Parent chain' }, 'parentId');
    chainCode = parent.chain_code;
  } else if (input.parentId) {
    throw badRequest('parent_not_allowed', { id: 'Hanya cabang yang memiliki induk.', en: 'Only a branch has a parent.' }, 'parentId');
  }
  if (input.kind === 'chain' && !chainCode) {
    throw badRequest('chain_code_required', { id: 'Kode jaringan ritel wajib diisi.', en: 'Chain code is required.' }, 'chainCode');
  }
  if (input.kind !== 'chain' && input.kind !== 'branch') chainCode = null;
  if (input.kind === 'government' && !input.regionCode) {
    throw badRequest(
      'region_required',
      { id: 'Pemerintah daerah wajib memiliki wilayah.', en: 'A government needs its region.' },
      'regionCode',
    );
  }
  if (input.regionCode) {
    const r = await requireRegion(db, input.regionCode, input.regionCode.length === 2 ? 'province' : 'regency', 'regionCode');
    input.regionCode = r.code;
  }
  const row = await db
    .insertInto('organizations')
    .values({
      kind: input.kind,
      name: input.name,
      legal_name: input.legalName ?? null,
      chain_code: chainCode,
      parent_id: input.parentId ?? null,
      region_code: input.regionCode ?? null,
      province_code: input.regionCode?.slice(0, 2) ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, ctx, { action: 'create', entity: 'organization', entityId: row.id, after: orgView(row) });
  return orgView(row);
}

export async function updateOrganization(
  db: Database,
  ctx: Ctx,
  id: string,
  patch: { name?: string; legalName?: string | null; regionCode?: string | null },
) {
  const before = await store.findOrganization(db, ctx.actor, id);
  if (!before) throw notFound(ORG, 'id');
  if (patch.regionCode) await requireRegion(db, patch.regionCode, patch.regionCode.length === 2 ? 'province' : 'regency', 'regionCode');
  const row = await db
    .updateTable('organizations')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.legalName !== undefined ? { legal_name: patch.legalName } : {}),
      ...(patch.regionCode !== undefined ? { region_code: patch.regionCode, province_code: patch.regionCode?.slice(0, 2) ?? null } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, ctx, { action: 'update', entity: 'organization', entityId: id, before: orgView(before), after: orgView(row) });
  return orgView(row);
}

export async function archiveOrganization(db: Database, ctx: Ctx, id: string) {
  const before = await getOrganization(db, ctx, id);
  return archiveRow(db, ctx, { table: 'organizations', entity: 'organization', id }, before, () => getOrganization(db, ctx, id));
}

/** A chain's organisation by its code (alfamart, alfamidi, indomaret): every module looks chains up here. */
export async function chainByCode(db: Database, code: ChainCode): Promise<{ id: string; name: string }> {
  const chain = await db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', '=', 'chain')
    .where('chain_code', '=', code)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!chain) throw notFound({ id: 'Jaringan ritel', en: 'Chain' }, 'chainCode');
  return chain;
}

// ---- outlets ----
type OutletRow = NonNullable<store.OutletRow>;
const outletView = (o: OutletRow) => ({
  id: o.id,
  chainId: o.chain_id,
  chainCode: o.chain_code as ChainCode,
  branchId: o.branch_id,
  storeCode: o.store_code,
  name: o.name,
  address: o.address,
  districtCode: o.district_code,
  districtName: o.district_name,
  provinceCode: o.province_code,
  lat: o.lat,
  lon: o.lon,
  localSlots: o.local_slots,
  acceptsPerishable: o.accepts_perishable,
  archived: o.archived_at !== null,
});

export async function listOutlets(
  db: Database,
  ctx: Ctx,
  f: LongListQuery & { chainCode?: ChainCode; acceptsPerishable?: boolean; organizationId?: string },
) {
  const page = await store.listOutlets(db, ctx.actor, f);
  return { ...page, items: page.items.map(outletView) };
}

export async function getOutlet(db: Database, ctx: Ctx, id: string) {
  const o = await store.findOutlet(db, ctx.actor, id);
  if (!o) throw notFound(OUTLET, 'id');
  return outletView(o);
}

async function checkBranch(db: Database, ctx: Ctx, chainId: string, branchId: string | null | undefined) {
  if (ctx.actor.branchId) {
    if (branchId && branchId !== ctx.actor.branchId) throw notFound({ id: 'Cabang', en: 'Branch' }, 'branchId');
    return ctx.actor.branchId;
  }
  if (!branchId) return null;
  const b = await store.findOrganization(db, ctx.actor, branchId);
  if (b?.kind !== 'branch' || b.parent_id !== chainId) throw notFound({ id: 'Cabang', en: 'Branch' }, 'branchId');
  return b.id;
}

export async function createOutlet(
  db: Database,
  ctx: Ctx,
  input: {
    chainId?: string;
    branchId?: string | null;
    storeCode: string;
    name: string;
    address: string;
    districtCode: string;
    lat: number;
    lon: number;
    localSlots: number;
    acceptsPerishable: boolean;
  },
) {
  // A chain's staff always create in their own chain; only an admin names the chain.
  const chainId = ctx.actor.role === 'retailer' ? ctx.actor.chainId : input.chainId;
  if (!chainId) throw badRequest('chain_required', { id: 'Jaringan ritel wajib diisi.', en: 'Chain is required.' }, 'chainId');
  if (ctx.actor.role === 'retailer' && input.chainId && input.chainId !== chainId) throw notFound(ORG, 'chainId');
  const chain = await store.findOrganization(db, ctx.actor, chainId);
  if (chain?.kind !== 'chain') throw notFound({ id: 'Jaringan ritel', en: 'Chain' }, 'chainId');
  const branchId = await checkBranch(db, ctx, chainId, input.branchId);
  const district = await requireRegion(db, input.districtCode, 'district', 'districtCode');
  const dup = await db
    .selectFrom('outlets')
    .select('id')
    .where('chain_id', '=', chainId)
    .where('store_code', '=', input.storeCode)
    .executeTakeFirst();
  if (dup) throw conflict('store_code_taken', { id: 'Kode toko sudah dipakai.', en: 'Store code already in use.' }, 'storeCode');
  const { id } = await db
    .insertInto('outlets')
    .values({
      chain_id: chainId,
      branch_id: branchId,
      store_code: input.storeCode,
      name: input.name,
      address: input.address,
      district_code: district.code,
      province_code: district.province_code,
      lat: input.lat,
      lon: input.lon,
      local_slots: input.localSlots,
      accepts_perishable: input.acceptsPerishable,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view = await getOutlet(db, ctx, id);
  await audit(db, ctx, { action: 'create', entity: 'outlet', entityId: id, after: view });
  return view;
}

export async function updateOutlet(
  db: Database,
  ctx: Ctx,
  id: string,
  patch: Partial<{
    branchId: string | null;
    storeCode: string;
    name: string;
    address: string;
    districtCode: string;
    lat: number;
    lon: number;
    localSlots: number;
    acceptsPerishable: boolean;
  }>,
) {
  const before = await getOutlet(db, ctx, id);
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (patch.branchId !== undefined) set.branch_id = await checkBranch(db, ctx, before.chainId, patch.branchId);
  if (patch.districtCode !== undefined) {
    const d = await requireRegion(db, patch.districtCode, 'district', 'districtCode');
    set.district_code = d.code;
    set.province_code = d.province_code;
  }
  if (patch.storeCode !== undefined && patch.storeCode !== before.storeCode) {
    const dup = await db
      .selectFrom('outlets')
      .select('id')
      .where('chain_id', '=', before.chainId)
      .where('store_code', '=', patch.storeCode)
      .executeTakeFirst();
    if (dup) throw conflict('store_code_taken', { id: 'Kode toko sudah dipakai.', en: 'Store code already in use.' }, 'storeCode');
    set.store_code = patch.storeCode;
  }
  Object.assign(
    set,
    columnsOf(patch, {
      name: 'name',
      address: 'address',
      lat: 'lat',
      lon: 'lon',
      localSlots: 'local_slots',
      acceptsPerishable: 'accepts_perishable',
    }),
  );
  await db.updateTable('outlets').set(set).where('id', '=', id).execute();
  const after = await getOutlet(db, ctx, id);
  await audit(db, ctx, { action: 'update', entity: 'outlet', entityId: id, before, after });
  return after;
}

export async function archiveOutlet(db: Database, ctx: Ctx, id: string) {
  const before = await getOutlet(db, ctx, id);
  return archiveRow(db, ctx, { table: 'outlets', entity: 'outlet', id }, before, () => getOutlet(db, ctx, id));
}

// ---- UMKM ----
const umkmView = (u: store.UmkmRow) => ({
  id: u.id,
  name: u.name,
  personalData: u.pii === true,
  nib: u.nib,
  ownerName: u.owner_name,
  phone: u.phone,
  address: u.address,
  villageCode: u.village_code,
  districtCode: u.district_code,
  provinceCode: u.province_code,
  lat: u.lat,
  lon: u.lon,
  weeklyCapacity: u.weekly_capacity,
  productCount: Number(u.product_count),
  archived: u.archived_at !== null,
});

export async function listUmkm(db: Database, ctx: Ctx, f: LongListQuery) {
  const page = await store.listUmkm(db, ctx.actor, f);
  return { ...page, items: page.items.map(umkmView) };
}

export async function getUmkm(db: Database, ctx: Ctx, id: string) {
  const u = await store.findUmkm(db, ctx.actor, id);
  if (!u) throw notFound(UMKM, 'id');
  return umkmView(u);
}

async function villageInScope(db: Database, ctx: Ctx, code: string) {
  const v = await requireRegion(db, code, 'village', 'villageCode');
  const region = ctx.actor.role === 'pemda' ? ctx.actor.regionCode : null;
  if (region && !(v.code === region || v.code.startsWith(`${region}.`))) throw outsideRegion('villageCode');
  return v;
}

async function nibFree(db: Database, nib: string | null | undefined, except?: string) {
  if (!nib) return;
  let q = db.selectFrom('umkm_profiles').select('organization_id').where('nib', '=', nib);
  if (except) q = q.where('organization_id', '<>', except);
  if (await q.executeTakeFirst()) throw conflict('nib_taken', { id: 'NIB sudah terdaftar.', en: 'NIB is already registered.' }, 'nib');
}

export async function createUmkm(
  db: Database,
  ctx: Ctx,
  input: {
    name: string;
    nib?: string | null;
    ownerName: string;
    phone?: string | null;
    address: string;
    villageCode: string;
    lat: number;
    lon: number;
    weeklyCapacity: number;
  },
) {
  const village = await villageInScope(db, ctx, input.villageCode);
  await nibFree(db, input.nib);
  const districtCode = village.parent_code as string;
  const org = await db
    .insertInto('organizations')
    .values({ kind: 'umkm', name: input.name, region_code: districtCode.slice(0, 5), province_code: village.province_code })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('umkm_profiles')
    .values({
      organization_id: org.id,
      nib: input.nib ?? null,
      owner_name: input.ownerName,
      phone: input.phone ?? null,
      address: input.address,
      village_code: village.code,
      district_code: districtCode,
      province_code: village.province_code,
      lat: input.lat,
      lon: input.lon,
      weekly_capacity: input.weeklyCapacity,
    })
    .execute();
  const view = await getUmkm(db, ctx, org.id);
  await audit(db, ctx, { action: 'create', entity: 'umkm', entityId: org.id, after: view });
  return view;
}

export async function updateUmkm(
  db: Database,
  ctx: Ctx,
  id: string,
  patch: Partial<{
    name: string;
    nib: string | null;
    ownerName: string;
    phone: string | null;
    address: string;
    villageCode: string;
    lat: number;
    lon: number;
    weeklyCapacity: number;
  }>,
) {
  const before = await getUmkm(db, ctx, id);
  if (!canEditUmkm(ctx.actor)) throw forbidden();
  const profile: Record<string, unknown> = {};
  if (patch.villageCode !== undefined && patch.villageCode !== before.villageCode) {
    // A business moving itself would leave its Dinas's view (and perhaps its MoU's region): its Dinas decides.
    if (!mayMoveUmkm(ctx.actor)) {
      throw new AppError(
        403,
        'move_needs_dinas',
        {
          id: 'Pindah ke desa/kelurahan lain dicatat oleh Dinas yang membina usaha Anda. Hubungi Dinas Koperasi dan UKM setempat.',
          en: 'A move to another village is recorded by the Dinas that oversees your business. Please contact your local Dinas.',
        },
        'villageCode',
      );
    }
    const v = await villageInScope(db, ctx, patch.villageCode);
    Object.assign(profile, { village_code: v.code, district_code: v.parent_code, province_code: v.province_code });
  }
  if (patch.nib !== undefined) {
    await nibFree(db, patch.nib, id);
    profile.nib = patch.nib;
  }
  Object.assign(
    profile,
    columnsOf(patch, {
      ownerName: 'owner_name',
      phone: 'phone',
      address: 'address',
      lat: 'lat',
      lon: 'lon',
      weeklyCapacity: 'weekly_capacity',
    }),
  );
  if (Object.keys(profile).length) await db.updateTable('umkm_profiles').set(profile).where('organization_id', '=', id).execute();
  await db
    .updateTable('organizations')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(profile.district_code
        ? { region_code: String(profile.district_code).slice(0, 5), province_code: String(profile.province_code) }
        : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
  const after = await getUmkm(db, ctx, id);
  await audit(db, ctx, { action: 'update', entity: 'umkm', entityId: id, before, after });
  return after;
}

export async function archiveUmkm(db: Database, ctx: Ctx, id: string) {
  const before = await getUmkm(db, ctx, id);
  return archiveRow(db, ctx, { table: 'organizations', entity: 'umkm', id }, before, () => getUmkm(db, ctx, id));
}

// ---- products ----
type PermitInput = {
  type: 'pirt' | 'bpom_md' | 'bpom_ml' | 'halal';
  number: string;
  issuedOn: string;
  expiresOn?: string | null;
  scanSha256?: string | null;
};
type ProductFields = {
  name: string;
  category: string;
  gtin?: string | null;
  netContent: number;
  netUnit: 'g' | 'kg' | 'ml' | 'l' | 'pcs';
  supplierPrice: Rupiah;
  retailPrice: Rupiah;
  shelfLifeDays: number;
  storage: 'ambient' | 'chilled' | 'frozen';
  perishable?: boolean;
};

async function productViews(db: Database, ctx: Ctx, rows: store.ProductRow[]) {
  const { permits, photos } = await store.attachmentsOf(
    db,
    ctx.actor,
    rows.map((r) => r.id),
  );
  return rows.map((p) => {
    const today = localDate(p.province_code, ctx.now);
    return {
      id: p.id,
      umkmId: p.umkm_id,
      umkmName: p.umkm_name,
      name: p.name,
      category: p.category as Category,
      gtin: p.gtin,
      netContent: p.net_content,
      netUnit: p.net_unit,
      supplierPrice: p.supplier_price,
      retailPrice: p.retail_price,
      shelfLifeDays: p.shelf_life_days,
      storage: p.storage,
      perishable: p.perishable,
      permits: permits
        .filter((x) => x.product_id === p.id)
        .map((x) => ({
          id: x.id,
          type: x.type,
          number: x.number,
          issuedOn: x.issued_on,
          expiresOn: x.expires_on,
          scanSha256: x.scan_sha256,
          standing: permitStanding({ issuedOn: x.issued_on, expiresOn: x.expires_on }, today),
        })),
      photos: photos.filter((x) => x.product_id === p.id).map((x) => x.sha256),
      archived: p.archived_at !== null,
    };
  });
}

export async function listProducts(
  db: Database,
  ctx: Ctx,
  f: LongListQuery & { category?: string; umkmId?: string; perishable?: boolean },
) {
  const page = await store.listProducts(db, ctx.actor, f);
  return { ...page, items: await productViews(db, ctx, page.items) };
}

export async function getProduct(db: Database, ctx: Ctx, id: string) {
  const p = await store.findProduct(db, ctx.actor, id);
  if (!p) throw notFound(PRODUCT, 'id');
  const [view] = await productViews(db, ctx, [p]);
  return view as NonNullable<typeof view>;
}

function priceProblems(supplier: bigint, retail: bigint): FieldProblem[] {
  return supplier > retail
    ? [
        {
          field: 'supplierPrice',
          message: { id: 'Harga pemasok tidak boleh melebihi harga eceran.', en: 'Supplier price must not exceed the retail price.' },
        },
      ]
    : [];
}

/** Every problem a form's values have beyond its schema, answered at once (one 400 naming each field). */
function refuseProblems(problems: FieldProblem[]) {
  if (problems.length) throw invalidFields(problems);
}

async function gtinFree(db: Database, gtin: string | null | undefined, except?: string) {
  if (!gtin) return;
  let q = db.selectFrom('products').select('id').where('gtin', '=', gtin).where('archived_at', 'is', null);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst())
    throw conflict('gtin_taken', { id: 'GTIN (kode batang) sudah terdaftar.', en: 'GTIN (barcode) is already registered.' }, 'gtin');
}

async function insertPermit(db: Database, actor: Actor, productId: string, p: PermitInput, field: string) {
  if (p.scanSha256) await requireFile(db, actor, p.scanSha256, field ? `${field}.scanSha256` : 'scanSha256');
  return db
    .insertInto('product_permits')
    .values({
      product_id: productId,
      type: p.type,
      number: p.number,
      issued_on: p.issuedOn,
      expires_on: p.expiresOn ?? null,
      scan_sha256: p.scanSha256 ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function insertPhoto(db: Database, actor: Actor, productId: string, sha256: string, field: string) {
  await requireFile(db, actor, sha256, field, ['image/jpeg', 'image/png', 'image/webp']);
  await db.insertInto('product_photos').values({ product_id: productId, sha256 }).execute();
}

export async function createProduct(
  db: Database,
  ctx: Ctx,
  input: ProductFields & { umkmId?: string; permits?: PermitInput[]; photos?: string[] },
) {
  const umkmId = ctx.actor.role === 'umkm' ? ctx.actor.organizationId : input.umkmId;
  if (!umkmId) throw badRequest('umkm_required', { id: 'UMKM wajib diisi.', en: 'UMKM is required.' }, 'umkmId');
  if (ctx.actor.role === 'umkm' && input.umkmId && input.umkmId !== umkmId) throw notFound(UMKM, 'umkmId');
  const umkm = await store.findUmkm(db, ctx.actor, umkmId);
  if (!umkm) throw notFound(UMKM, 'umkmId');
  if (umkm.archived_at) throw badRequest('umkm_archived', { id: 'UMKM sudah diarsipkan.', en: 'The UMKM is archived.' }, 'umkmId');
  const today = localDate(umkm.province_code, ctx.now);
  refuseProblems([
    ...priceProblems(input.supplierPrice, input.retailPrice),
    ...(input.permits ?? []).flatMap((p, i) => permitDateProblems(p, today, `permits.${i}`)),
  ]);
  await gtinFree(db, input.gtin);
  const { id } = await db
    .insertInto('products')
    .values({
      umkm_id: umkmId,
      province_code: umkm.province_code,
      name: input.name,
      category: input.category,
      gtin: input.gtin ?? null,
      net_content: input.netContent,
      net_unit: input.netUnit,
      supplier_price: input.supplierPrice,
      retail_price: input.retailPrice,
      shelf_life_days: input.shelfLifeDays,
      storage: input.storage,
      perishable: input.perishable ?? impliedPerishable(input),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, p] of (input.permits ?? []).entries()) await insertPermit(db, ctx.actor, id, p, `permits.${i}`);
  for (const [i, sha] of (input.photos ?? []).entries()) await insertPhoto(db, ctx.actor, id, sha, `photos.${i}`);
  const view = await getProduct(db, ctx, id);
  await audit(db, ctx, { action: 'create', entity: 'product', entityId: id, after: view });
  return view;
}

async function editableProduct(db: Database, ctx: Ctx, id: string) {
  const p = await getProduct(db, ctx, id);
  if (!canEditUmkm(ctx.actor)) throw forbidden();
  return p;
}

export async function updateProduct(db: Database, ctx: Ctx, id: string, patch: Partial<ProductFields>) {
  const before = await editableProduct(db, ctx, id);
  refuseProblems(priceProblems(patch.supplierPrice ?? before.supplierPrice, patch.retailPrice ?? before.retailPrice));
  if (patch.gtin !== undefined) await gtinFree(db, patch.gtin, id);
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  Object.assign(
    set,
    columnsOf(patch, {
      name: 'name',
      category: 'category',
      gtin: 'gtin',
      netContent: 'net_content',
      netUnit: 'net_unit',
      supplierPrice: 'supplier_price',
      retailPrice: 'retail_price',
      shelfLifeDays: 'shelf_life_days',
      storage: 'storage',
      perishable: 'perishable',
    }),
  );
  await db.updateTable('products').set(set).where('id', '=', id).execute();
  const after = await getProduct(db, ctx, id);
  await audit(db, ctx, { action: 'update', entity: 'product', entityId: id, before, after });
  return after;
}

export async function archiveProduct(db: Database, ctx: Ctx, id: string) {
  const before = await editableProduct(db, ctx, id);
  return archiveRow(db, ctx, { table: 'products', entity: 'product', id }, before, () => getProduct(db, ctx, id));
}

export async function addPermit(db: Database, ctx: Ctx, productId: string, permit: PermitInput) {
  await editableProduct(db, ctx, productId);
  const row = await store.findProduct(db, ctx.actor, productId);
  refuseProblems(permitDateProblems(permit, localDate(row?.province_code ?? '31', ctx.now), ''));
  const { id } = await insertPermit(db, ctx.actor, productId, permit, '');
  const after = await getProduct(db, ctx, productId);
  await audit(db, ctx, { action: 'add_permit', entity: 'product', entityId: productId, after: { permitId: id, ...permit } });
  return after;
}

export async function archivePermit(db: Database, ctx: Ctx, productId: string, permitId: string) {
  const before = await editableProduct(db, ctx, productId);
  const permit = before.permits.find((p) => p.id === permitId);
  if (!permit) throw notFound({ id: 'Izin', en: 'Permit' }, 'permitId');
  await db.updateTable('product_permits').set({ archived_at: sql`now()` }).where('id', '=', permitId).execute();
  await audit(db, ctx, { action: 'archive_permit', entity: 'product', entityId: productId, before: permit });
  return getProduct(db, ctx, productId);
}

export async function addPhoto(db: Database, ctx: Ctx, productId: string, sha256: string) {
  const before = await editableProduct(db, ctx, productId);
  if (before.photos.includes(sha256)) return before;
  if (before.photos.length >= 10)
    throw badRequest('too_many_photos', { id: 'Maksimal 10 foto per produk.', en: 'At most 10 photos per product.' }, 'sha256');
  await insertPhoto(db, ctx.actor, productId, sha256, 'sha256');
  await audit(db, ctx, { action: 'add_photo', entity: 'product', entityId: productId, after: { sha256 } });
  return getProduct(db, ctx, productId);
}
