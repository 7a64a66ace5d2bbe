// The agreement facts other capabilities read (placement, curation, operations, settlement): the active
// PKS of a UMKM with a chain, the terms in force for a product at an outlet, the products eligible for a
// chain in a region, and an MoU's relaxed curation requirements — all on a given date. Callers apply
// their own actor's scope; these answer about the data as it is.
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import { coversRegion, inRegion, regionOverlaps } from '../../platform/auth/policy.ts';
import type { Rupiah } from '../../platform/money.ts';
import type { SettlementPeriod, TradeModel, UnsoldGoods } from './agreements.tables.ts';

/** SQL twin of rules.inForceOn: the version `v` binds on `date` (signed, in period, not yet replaced by a
 *  signed amendment, not yet terminated). End and start days are inclusive; termination and
 *  supersession days are the first days without the old terms. */
export const inForceSql = (v: string, date: string | RawBuilder<string>) => {
  // A date value, or (set-wise checks such as the POS import) an SQL expression of one per row.
  const d = typeof date === 'string' ? sql`${date}::date` : date;
  return sql<boolean>`(${sql.ref(`${v}.status`)} IN ('signed', 'superseded', 'terminated')
    AND ${sql.ref(`${v}.starts_on`)} <= ${d} AND ${sql.ref(`${v}.ends_on`)} >= ${d}
    AND (${sql.ref(`${v}.superseded_on`)} IS NULL OR ${sql.ref(`${v}.superseded_on`)} > ${d})
    AND (${sql.ref(`${v}.terminated_on`)} IS NULL OR ${sql.ref(`${v}.terminated_on`)} > ${d}))`;
};

/** A PKS (agreement `a`, version `v`) binds an outlet `o` of its chain: chain-wide or the outlet's branch's,
 *  and the outlet inside the PKS delivery zone (its districts, or the MoU region when none). */
export const pksBindsOutletSql = (a: string, v: string, o: string) => {
  const r = (t: string, c: string) => sql.ref(`${t}.${c}`);
  return sql<boolean>`(${r(a, 'chain_id')} = ${r(o, 'chain_id')}
    AND (${r(a, 'branch_id')} IS NULL OR ${r(a, 'branch_id')} = ${r(o, 'branch_id')})
    AND (CASE WHEN cardinality(${r(v, 'delivery_district_codes')}) > 0 THEN ${r(o, 'district_code')} = ANY (${r(v, 'delivery_district_codes')})
      ELSE (${r(o, 'district_code')} = ${r(a, 'region_code')} OR ${r(o, 'district_code')} LIKE ${r(a, 'region_code')} || '.%') END))`;
};

export interface ActivePks {
  agreementId: string;
  number: string;
  versionId: string;
  version: number;
  startsOn: string;
  endsOn: string;
}

/** The PKS in force between a UMKM and a chain on a date (the latest-starting one if a branch signed its own). */
export async function activePks(db: Database, f: { umkmId: string; chainCode: ChainCode; date: string }): Promise<ActivePks | null> {
  const row = await db
    .selectFrom('agreements as a')
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .innerJoin('organizations as c', 'c.id', 'a.chain_id')
    .select(['a.id', 'a.number', 'v.id as version_id', 'v.version', 'v.starts_on', 'v.ends_on'])
    .where('a.kind', '=', 'pks')
    .where('a.umkm_id', '=', f.umkmId)
    .where('c.chain_code', '=', f.chainCode)
    .where(inForceSql('v', f.date))
    .orderBy('v.starts_on', 'desc')
    .orderBy('a.number')
    .executeTakeFirst();
  return row
    ? {
        agreementId: row.id,
        number: row.number,
        versionId: row.version_id,
        version: row.version,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
      }
    : null;
}

export interface TermsInForce {
  agreementId: string;
  number: string;
  version: number;
  tradeModel: TradeModel;
  supplierPrice: Rupiah;
  shelfPrice: Rupiah;
  marginBp: number;
  paymentTermDays: number;
  settlementPeriod: SettlementPeriod;
  unsoldGoods: UnsoldGoods;
  perishablePickupHours: number | null;
  startsOn: string;
  endsOn: string;
}

/** The PKS terms that bind a product at an outlet on a date: the outlet's chain (and branch, when the PKS
 *  names one), the outlet inside the PKS delivery zone (its districts, or the MoU region when none). */
export async function termsInForce(db: Database, f: { productId: string; outletId: string; date: string }): Promise<TermsInForce | null> {
  const row = await db
    .selectFrom('outlets as o')
    .innerJoin('agreements as a', (j) => j.onRef('a.chain_id', '=', 'o.chain_id'))
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .innerJoin('agreement_products as ap', 'ap.version_id', 'v.id')
    .select([
      'a.id',
      'a.number',
      'v.version',
      'v.trade_model',
      'ap.supplier_price',
      'ap.shelf_price',
      'v.margin_bp',
      'v.payment_term_days',
      'v.settlement_period',
      'v.unsold_goods',
      'v.perishable_pickup_hours',
      'v.starts_on',
      'v.ends_on',
    ])
    .where('o.id', '=', f.outletId)
    .where('ap.product_id', '=', f.productId)
    .where('a.kind', '=', 'pks')
    .where(pksBindsOutletSql('a', 'v', 'o'))
    .where(inForceSql('v', f.date))
    .orderBy('v.starts_on', 'desc')
    .orderBy('a.number')
    .executeTakeFirst();
  if (!row) return null;
  return {
    agreementId: row.id,
    number: row.number,
    version: row.version,
    tradeModel: row.trade_model as TradeModel,
    supplierPrice: row.supplier_price as Rupiah,
    shelfPrice: row.shelf_price as Rupiah,
    marginBp: row.margin_bp ?? 0,
    paymentTermDays: row.payment_term_days ?? 0,
    settlementPeriod: row.settlement_period as SettlementPeriod,
    unsoldGoods: row.unsold_goods as UnsoldGoods,
    perishablePickupHours: row.perishable_pickup_hours,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}

export interface EligibleProduct {
  productId: string;
  umkmId: string;
  agreementId: string;
  number: string;
  version: number;
  /** The PKS delivery zone: district codes the UMKM supplies (empty: the whole MoU region). */
  deliveryDistrictCodes: string[];
}

/** Products with a PKS in force for the chain on the date, made by UMKM located in the region (any level:
 *  province, regency, district, village). Placement planning draws its candidates from this. For a branch's
 *  plan only the chain-wide PKS and the branch's own count: another branch's PKS does not supply its outlets. */
export async function eligibleProducts(
  db: Database,
  f: { chainCode: ChainCode; regionCode: string; date: string; branchId?: string | null },
): Promise<EligibleProduct[]> {
  const rows = await db
    .selectFrom('agreements as a')
    .innerJoin('organizations as c', 'c.id', 'a.chain_id')
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .innerJoin('agreement_products as ap', 'ap.version_id', 'v.id')
    .innerJoin('products as p', 'p.id', 'ap.product_id')
    .innerJoin('umkm_profiles as up', 'up.organization_id', 'a.umkm_id')
    .select(['p.id as product_id', 'p.umkm_id', 'a.id', 'a.number', 'v.version', 'v.delivery_district_codes'])
    .distinctOn('p.id')
    .where('a.kind', '=', 'pks')
    .where('c.chain_code', '=', f.chainCode)
    .where('p.archived_at', 'is', null)
    .where(inRegion('up.village_code', f.regionCode))
    .where(inForceSql('v', f.date))
    .$if(Boolean(f.branchId), (q) => q.where(sql<boolean>`(a.branch_id IS NULL OR a.branch_id = ${f.branchId})`))
    .orderBy('p.id')
    .orderBy('v.starts_on', 'desc')
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    umkmId: r.umkm_id,
    agreementId: r.id,
    number: r.number,
    version: r.version,
    deliveryDistrictCodes: r.delivery_district_codes ?? [],
  }));
}

export interface MouRelaxation {
  criterionCode: string;
  mouId: string;
  mouNumber: string;
  /** The MoU's region: the relaxation applies to UMKM inside it. */
  regionCode: string;
}

/** Curation requirements relaxed for the UMKM of a region by an MoU with the chain in force on the date.
 *  An MoU covers its region and everything below it (a regency MoU covers its villages). */
export async function mouRelaxations(
  db: Database,
  f: { regionCode: string; chainCode: ChainCode; date: string; includeWithin?: boolean },
): Promise<MouRelaxation[]> {
  const rows = await db
    .selectFrom('agreements as a')
    .innerJoin('organizations as c', 'c.id', 'a.chain_id')
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .innerJoin('agreement_relaxations as r', 'r.version_id', 'v.id')
    .select(['r.criterion_code', 'a.id', 'a.number', 'a.region_code'])
    .where('a.kind', '=', 'mou')
    .where('c.chain_code', '=', f.chainCode)
    // MoUs covering the region, and for a province-wide question also those of the regencies inside it.
    .where(f.includeWithin ? regionOverlaps('a.region_code', f.regionCode) : coversRegion('a.region_code', f.regionCode))
    .where(inForceSql('v', f.date))
    .orderBy('r.criterion_code')
    .orderBy('a.number')
    .execute();
  return rows.map((r) => ({ criterionCode: r.criterion_code, mouId: r.id, mouNumber: r.number, regionCode: r.region_code as string }));
}

/** Whether the chain holds an MoU in force on the date with a government whose region covers this one:
 *  the programme a chain's own curation round belongs to. */
export async function chainHasMouCovering(db: Database, f: { chainId: string; regionCode: string; date: string }): Promise<boolean> {
  const row = await db
    .selectFrom('agreements as a')
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .select('a.id')
    .where('a.kind', '=', 'mou')
    .where('a.chain_id', '=', f.chainId)
    .where(coversRegion('a.region_code', f.regionCode))
    .where(inForceSql('v', f.date))
    .executeTakeFirst();
  return Boolean(row);
}
