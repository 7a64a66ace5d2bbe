// Promotion campaigns (C9): a chain's campaign for a period at outlets of a region, featuring products with
// a display per outlet and an optional price promotion; checked against its MoU and PKS when created; its
// results (units and revenue against the days before and against outlets outside it) and the materials
// list store staff set the displays up from.
import type { Database } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { allows, campaignOwnerOf, mayManageCampaign } from '../../platform/auth/policy.ts';
import { addDays, daysBetween, localDate } from '../../platform/clock.ts';
import { type Bilingual, conflict, type FieldProblem, invalidFields, notFound, notPermitted } from '../../platform/errors.ts';
import { label } from '../../vocabulary.ts';
import {
  asProblems,
  type CampaignFacts,
  type Cell,
  describeEstimate,
  estimate,
  judgeCampaign,
  MAX_CAMPAIGN_DAYS,
  maxUmkmFundedBp,
  phaseOf,
} from './promotions.rules.ts';
import type { CampaignCreate } from './promotions.schemas.ts';
import * as store from './promotions.store.ts';

const CAMPAIGN: Bilingual = { id: 'Kampanye promosi', en: 'Promotion campaign' };

const today = (regionCode: string, ctx: Ctx) => localDate(regionCode, ctx.now);

/** A price after a discount in basis points, rounded to the rupiah (the shelf tag's price). */
const promoPrice = (shelf: bigint | null, bp: number | null) =>
  shelf === null || !bp ? null : shelf - (shelf * BigInt(bp) + 5000n) / 10_000n;

function view(ctx: Ctx, r: store.CampaignRow) {
  const phase = phaseOf(r, today(r.region_code, ctx));
  return {
    id: r.id,
    name: r.name,
    chainId: r.chain_id,
    chainName: r.chain_name,
    branchId: r.branch_id,
    branchName: r.branch_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    days: daysBetween(r.starts_on, r.ends_on) + 1,
    phase,
    phaseLabel: label('campaignPhase', phase),
    outletCount: r.outlet_count,
    productCount: r.product_count,
    mouNumber: r.mou_number,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : new Date(String(r.created_at)).toISOString(),
  };
}

export async function listCampaigns(db: Database, ctx: Ctx, q: { phase?: store.PhaseFilter; limit: number; offset: number }) {
  const { rows, total } = await store.listCampaigns(db, ctx.actor, { ...q, now: ctx.now });
  return { items: rows.map((r) => view(ctx, r)), total };
}

async function campaignOr404(db: Database, ctx: Ctx, id: string) {
  const c = await store.getCampaign(db, ctx.actor, id);
  if (!c) throw notFound(CAMPAIGN);
  return c;
}

export async function getCampaign(db: Database, ctx: Ctx, id: string) {
  const c = await campaignOr404(db, ctx, id);
  const [outlets, products] = await Promise.all([
    store.campaignOutlets(db, ctx.actor, id),
    store.campaignProducts(db, ctx.actor, id, c.starts_on),
  ]);
  // The findings as of now (a PKS may have been amended or ended since the campaign was made).
  const days = daysBetween(c.starts_on, c.ends_on) + 1;
  // Judged on all of its outlets, whichever of them the actor reads.
  const allOutlets = await store.outletsToJudge(db, id);
  const [mou, facts] = await Promise.all([
    store.mouInForce(db, c.chain_id, c.region_code, c.starts_on, c.ends_on),
    store.productFacts(db, {
      chainId: c.chain_id,
      branchId: c.branch_id,
      productIds: products.map((p) => p.product_id),
      outletIds: allOutlets.map((o) => o.outlet_id),
      from: c.starts_on,
      through: c.ends_on,
    }),
  ]);
  const findings =
    ctx.actor.role === 'retailer' && ctx.actor.outletId
      ? [] // a store's staff get the materials list, not the chain's compliance review
      : judgeCampaign(
          {
            outlets: allOutlets.map((o) => ({ outletId: o.outlet_id, display: o.display })),
            products: products.map((p) => ({
              productId: p.product_id,
              discountBp: p.discount_bp,
              fundedBy: p.funded_by,
              umkmShareBp: p.umkm_share_bp,
            })),
          },
          { days, mou: mou ? { id: mou.id, number: mou.number, outsideSpots: mou.outside_spots } : null, products: facts },
        );
  const phase = phaseOf(c, today(c.region_code, ctx));
  return {
    ...view(ctx, c),
    outsideSpots: mou?.outside_spots ?? null,
    outlets: outlets.map((o) => ({
      outletId: o.outlet_id,
      storeCode: o.store_code,
      outletName: o.outlet_name,
      address: o.address,
      districtCode: o.district_code,
      display: o.display,
      displayLabel: label('campaignDisplay', o.display),
    })),
    products: products.map((p) => ({
      productId: p.product_id,
      productName: p.product_name,
      umkmId: p.umkm_id,
      umkmName: p.umkm_name,
      agreementId: p.agreement_id,
      agreementNumber: p.agreement_number,
      shelfPrice: p.shelf_price,
      discountBp: p.discount_bp,
      promoPrice: promoPrice(p.shelf_price, p.discount_bp),
      fundedBy: p.funded_by,
      fundedByLabel: p.funded_by ? label('promotionFunder', p.funded_by) : null,
      umkmShareBp: p.umkm_share_bp,
    })),
    findings,
    can: {
      cancel: mayManageCampaign(ctx.actor, c) && phase === 'upcoming',
      results: allows(ctx.actor, 'promotions.results'),
    },
  };
}

/** The choices of the form: the actor's outlets of the chain in the region, the products under a PKS in
 *  force on the first day that are on the shelf there, and the MoU's outside spots. */
export async function options(db: Database, ctx: Ctx, q: { regionCode: string; startsOn: string; endsOn: string }) {
  const owner = campaignOwnerOf(ctx.actor);
  if (!owner) throw notPermitted(CAMPAIGN);
  const through = q.endsOn < q.startsOn ? q.startsOn : q.endsOn;
  const [outlets, products, mou] = await Promise.all([
    store.usableOutlets(db, ctx.actor, owner.chainId, q.regionCode),
    store.offerableProducts(db, { chainId: owner.chainId, branchId: owner.branchId, regionCode: q.regionCode, from: q.startsOn }),
    store.mouInForce(db, owner.chainId, q.regionCode, q.startsOn, through),
  ]);
  const mine = new Set(outlets.map((o) => o.id));
  return {
    regionCode: q.regionCode,
    mou: mou ? { id: mou.id, number: mou.number, outsideSpots: mou.outside_spots } : null,
    outlets: outlets.map((o) => ({ id: o.id, storeCode: o.store_code, name: o.name, districtCode: o.district_code })),
    products: products
      .map((p) => ({
        productId: p.product_id,
        productName: p.product_name,
        umkmName: p.umkm_name,
        agreementNumber: p.agreement_number,
        otherFeesBp: (p.other_fees ?? []).reduce((s, f) => s + f.bp, 0),
        shelfPrice: p.shelf_price === null ? null : BigInt(p.shelf_price),
        maxUmkmFundedBp: maxUmkmFundedBp(
          (p.other_fees ?? []).reduce((s, f) => s + f.bp, 0),
          {
            supplierPrice: BigInt(p.supplier_price ?? 0),
            shelfPrice: BigInt(p.shelf_price ?? 0),
          },
        ),
        placedAt: (p.placed_at ?? []).filter((id) => mine.has(id)),
      }))
      .filter((p) => p.placedAt.length > 0),
  };
}

export async function createCampaign(db: Database, ctx: Ctx, input: CampaignCreate) {
  const owner = campaignOwnerOf(ctx.actor);
  if (!owner) throw notPermitted(CAMPAIGN);
  const problems: FieldProblem[] = [];
  const region = await store.regionExists(db, input.regionCode);
  if (!region) {
    throw invalidFields([
      {
        field: 'regionCode',
        message: { id: 'Wilayah tidak ditemukan; pilih dari daftar.', en: 'Region not found; choose one from the list.' },
      },
    ]);
  }
  const first = today(input.regionCode, ctx);
  if (input.startsOn < first)
    problems.push({
      field: 'startsOn',
      message: { id: 'Kampanye paling cepat dimulai hari ini.', en: 'A campaign starts today at the earliest.' },
    });
  const days = daysBetween(input.startsOn, input.endsOn) + 1;
  if (days > MAX_CAMPAIGN_DAYS)
    problems.push({
      field: 'endsOn',
      message: {
        id: `Kampanye paling lama ${MAX_CAMPAIGN_DAYS} hari; kampanye ini ${days} hari.`,
        en: `A campaign lasts at most ${MAX_CAMPAIGN_DAYS} days; this one has ${days}.`,
      },
    });
  // Outlets: the actor's own (a branch, its branch's), of its chain, inside the region. Anything else is
  // answered as not found at that field, whoever's it is.
  const usable = await store.usableOutlets(
    db,
    ctx.actor,
    owner.chainId,
    input.regionCode,
    input.outlets.map((o) => o.outletId),
  );
  const byId = new Map(usable.map((o) => [o.id, o]));
  input.outlets.forEach((o, i) => {
    if (!byId.has(o.outletId))
      problems.push({
        field: `outlets.${i}.outletId`,
        message: {
          id: 'Gerai ini tidak ditemukan di antara gerai Anda di wilayah kampanye.',
          en: 'This outlet is not among your outlets in the campaign region.',
        },
      });
  });
  const through = days > 0 ? input.endsOn : input.startsOn;
  const [mou, facts] = await Promise.all([
    store.mouInForce(db, owner.chainId, input.regionCode, input.startsOn, through),
    store.productFacts(db, {
      chainId: owner.chainId,
      branchId: owner.branchId,
      productIds: input.products.map((p) => p.productId),
      outletIds: [...byId.keys()],
      from: input.startsOn,
      through,
    }),
  ]);
  const campaignFacts: CampaignFacts = {
    days,
    mou: mou ? { id: mou.id, number: mou.number, outsideSpots: mou.outside_spots } : null,
    products: facts,
  };
  problems.push(...asProblems(judgeCampaign(input, campaignFacts)));
  if (problems.length) throw invalidFields(problems, 'campaign_invalid');
  const id = await store.insertCampaign(db, {
    chainId: owner.chainId,
    branchId: owner.branchId,
    regionCode: input.regionCode,
    provinceCode: region.province_code,
    mouId: mou?.id ?? null,
    name: input.name,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    outlets: input.outlets.map((o) => ({
      outletId: o.outletId,
      districtCode: byId.get(o.outletId)?.district_code as string,
      display: o.display,
    })),
    products: input.products.map((p) => {
      const pks = facts.get(p.productId)?.pks;
      if (!pks) throw new Error('unreachable: judged above');
      return {
        productId: p.productId,
        umkmId: pks.umkmId,
        agreementId: pks.agreementId,
        discountBp: p.discountBp ?? null,
        fundedBy: p.fundedBy ?? null,
        umkmShareBp: p.fundedBy === 'shared' ? (p.umkmShareBp ?? null) : null,
      };
    }),
  });
  await audit(db, ctx, { action: 'create', entity: 'promotion_campaign', entityId: id, after: input });
  return getCampaign(db, ctx, id);
}

/** Cancelled before it starts: once it has run, its days stay on the record (the market tests mark them). */
export async function cancelCampaign(db: Database, ctx: Ctx, id: string) {
  const c = await campaignOr404(db, ctx, id);
  if (!mayManageCampaign(ctx.actor, c)) throw notPermitted(CAMPAIGN);
  const phase = phaseOf(c, today(c.region_code, ctx));
  if (phase !== 'upcoming') {
    throw conflict(
      'campaign_not_cancellable',
      phase === 'cancelled'
        ? { id: 'Kampanye ini sudah dibatalkan.', en: 'This campaign is already cancelled.' }
        : {
            id: 'Kampanye yang sudah dimulai tidak dapat dibatalkan: hari-harinya sudah tercatat.',
            en: 'A campaign that has started cannot be cancelled: its days are on the record.',
          },
    );
  }
  await store.cancelCampaign(db, id);
  await audit(db, ctx, {
    action: 'cancel',
    entity: 'promotion_campaign',
    entityId: id,
    before: { status: c.status },
    after: { status: 'cancelled' },
  });
  return getCampaign(db, ctx, id);
}

const sumCells = (cells: Cell[]): Cell =>
  cells.reduce(
    (a, c) => ({
      outlets: a.outlets + c.outlets,
      days: c.days,
      units: a.units + c.units,
      revenue: a.revenue + c.revenue,
      sumSquares: a.sumSquares + c.sumSquares,
    }),
    { outlets: 0, days: 0, units: 0, revenue: 0n, sumSquares: 0 },
  );

const cellOut = (c: Cell) => ({ outlets: c.outlets, days: c.days, units: c.units, revenue: c.revenue });

function comparison(campaign: { before: Cell; during: Cell }, control: { before: Cell; during: Cell } | null) {
  const e = estimate(campaign, control);
  return {
    campaign: { before: cellOut(campaign.before), during: cellOut(campaign.during) },
    control: control ? { before: cellOut(control.before), during: cellOut(control.during) } : null,
    estimate: {
      method: e.method,
      methodLabel: label('upliftMethod', e.method),
      verdict: e.verdict,
      verdictLabel: label('upliftVerdict', e.verdict),
      effect: e.effect,
      low: e.low,
      high: e.high,
      summary: describeEstimate(e),
    },
  };
}

/** Units and revenue of each featured product at the campaign's outlets during the campaign days measured
 *  so far (through yesterday while it runs), against the same outlets over as many days just before, and
 *  against the chain's outlets in the region carrying the product outside the campaign. */
export async function campaignResults(db: Database, ctx: Ctx, id: string) {
  const c = await campaignOr404(db, ctx, id);
  const phase = phaseOf(c, today(c.region_code, ctx));
  const base = { campaignId: c.id, name: c.name, phase };
  const through = phase === 'cancelled' ? null : c.ends_on < today(c.region_code, ctx) ? c.ends_on : addDays(today(c.region_code, ctx), -1);
  if (through === null || through < c.starts_on) return { ...base, measured: null, before: null, products: [], total: null };
  const days = daysBetween(c.starts_on, through) + 1;
  const w = store.windowsFor(c.starts_on, through, days);
  const [cells, products] = await Promise.all([
    store.resultCells(db, ctx.actor, { id: c.id, chainId: c.chain_id, regionCode: c.region_code }, w),
    store.campaignProducts(db, ctx.actor, id, c.starts_on),
  ]);
  const name = new Map(products.map((p) => [p.product_id, p]));
  const rows = cells
    .map((x) => ({
      productId: x.productId,
      productName: name.get(x.productId)?.product_name ?? '',
      umkmName: name.get(x.productId)?.umkm_name ?? '',
      ...comparison(x.campaign, x.control),
    }))
    .sort((a, b) => a.productName.localeCompare(b.productName, 'id'));
  // The campaign as a whole: every product's outlets summed (outlet-product-days); control only where
  // every product has control outlets, otherwise a before/after comparison.
  const withControl = cells.every((x) => x.control !== null);
  const measuredCells = cells.filter((x) => x.campaign.during.outlets > 0);
  const total =
    measuredCells.length === 0
      ? null
      : comparison(
          { before: sumCells(measuredCells.map((x) => x.campaign.before)), during: sumCells(measuredCells.map((x) => x.campaign.during)) },
          withControl
            ? {
                before: sumCells(measuredCells.map((x) => x.control?.before as Cell)),
                during: sumCells(measuredCells.map((x) => x.control?.during as Cell)),
              }
            : null,
        );
  return {
    ...base,
    measured: { from: c.starts_on, through, days },
    before: { from: w.beforeFrom, through: w.beforeThrough },
    products: rows,
    total,
  };
}

/** What display goes to which outlet, with the products, their shelf and promotion prices: for store staff. */
export async function materials(db: Database, ctx: Ctx, id: string) {
  const c = await campaignOr404(db, ctx, id);
  const [outlets, products, placed] = await Promise.all([
    store.campaignOutlets(db, ctx.actor, id),
    store.campaignProducts(db, ctx.actor, id, c.starts_on),
    store.openPlacements(db, id),
  ]);
  return {
    campaignId: c.id,
    name: c.name,
    chainName: c.chain_name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    phase: phaseOf(c, today(c.region_code, ctx)),
    outlets: outlets.map((o) => ({
      outletId: o.outlet_id,
      storeCode: o.store_code,
      outletName: o.outlet_name,
      address: o.address,
      display: o.display,
      displayLabel: label('campaignDisplay', o.display),
      items: products.map((p) => ({
        productId: p.product_id,
        productName: p.product_name,
        umkmName: p.umkm_name,
        gtin: p.gtin,
        shelfPrice: p.shelf_price,
        promoPrice: promoPrice(p.shelf_price, p.discount_bp),
        discountBp: p.discount_bp,
        placed: placed.has(`${p.product_id}|${o.outlet_id}`),
      })),
    })),
  };
}
