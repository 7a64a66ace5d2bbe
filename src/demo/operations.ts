// Demo data for operations after the shelf door (C7): eight weeks, ending the day the demo is seeded, of
// Alfamart ordering from the UMKM of Kota Bengkulu and OKI under their PKS (and Alfamidi from those of
// Polewali Mandar under the Sulawesi Barat PKS), the UMKM delivering batches,
// outlets receiving them (a few short or damaged), POS sales sent daily, wet food expiring or returned, a
// stock count that found one unit missing, and one sale of a product that never arrived (a variance).
// The products are placed first (approved placements at the nearest Alfamart outlets that can take them).
// Before those eight weeks, Alfamart Cabang Bengkulu's season of the last HUT Kota Bengkulu (17 March:
// promotions.ts `pastAnniversary`) is told the same way, from its own PRNG streams (`operations:hut:*`) so the
// eight weeks draw exactly what they drew without it: the same Kota Bengkulu products on placements that end a
// week after the anniversary, more sold in the campaign week, nothing ordered in its last days, and on its last
// evening whatever is left returned to the maker (nota retur, picked up the next morning). It is seeded first,
// so its documents take the first numbers of the shared counters (operation_counters).
// The story is simulated here — what each outlet sold each day, never more than it had — and then recorded
// as the product records it: documents as rows, and each day's POS sales drawn from the batches by the
// operations module's own first-expiry-first-out rule (allocateFefo), so the ledger is the one the code keeps
// (operations.demo.test.ts checks that applySalesToStock would have drawn exactly the same).
// Deterministic: ids and quantities from named PRNG streams.
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../db/client.ts';
import type { ChainCode } from '../db/types.ts';
import { allocateFefo, type DocumentKind, documentNumber, documentPrefix } from '../modules/operations/operations.rules.ts';
import type {
  DeliveryNoteLinesTable,
  GoodsReceiptLinesTable,
  PurchaseOrderLinesTable,
  StockMovementsTable,
} from '../modules/operations/operations.tables.ts';
import { haversineKm } from '../modules/placement/placement.pairs.ts';
import type { ImportSummary } from '../modules/sales/sales.rules.ts';
import { ensureMonthPartitions } from '../modules/sales/sales.store.ts';
import type { SalesLinesTable } from '../modules/sales/sales.tables.ts';
import { addDays } from '../platform/clock.ts';
import type { DemoCalendar } from './calendar.ts';
import { type Rng, rng, uuidFrom } from './prng.ts';
import { campaignBoost, hutBoost, pastAnniversary } from './promotions.ts';

const WEEKS = 8;
/** Kota Bengkulu: half of the UMKM holding an Alfamart PKS have their products placed (the other half are
 *  left for the placement plan the user makes). OKI: every UMKM with an Alfamart PKS. */
interface RegionPlan {
  /** The regency whose outlets get the products. */
  code: string;
  /** The region the PKS are made for (the regency, or the province whose Dinas made the MoU). */
  pksRegion: string;
  umkmShare: number;
  outletsPerProduct: number;
  /** Receipt-level POS lines (one per unit), else a daily total per product and store. */
  lineLevel: boolean;
  /** The branch account that orders and receives for these outlets (else the head office). */
  branchLogin: string | null;
}

interface ChainStory {
  chain: ChainCode;
  head: string;
  /** Prefix of the PRNG streams (Alfamart's are the original names, so its story stays as it was). */
  streams: string;
  regions: RegionPlan[];
  /** The story's one-off events: a sale before any delivery, a stock count with a pack missing, an order
   *  waiting for the demo maker's answer today. */
  quirks: boolean;
}

const BENGKULU: RegionPlan = {
  code: '17.71',
  pksRegion: '17.71',
  umkmShare: 0.5,
  outletsPerProduct: 2,
  lineLevel: true,
  branchLogin: 'alfamart.bengkulu@demo.etalase.id',
};

const STORIES: ChainStory[] = [
  {
    chain: 'alfamart',
    head: 'alfamart@demo.etalase.id',
    streams: 'operations',
    regions: [BENGKULU, { code: '16.02', pksRegion: '16.02', umkmShare: 1, outletsPerProduct: 3, lineLevel: false, branchLogin: null }],
    quirks: true,
  },
  // Alfamidi in Polewali Mandar under the Sulawesi Barat PKS (agreements.ts): the Sulbar market test's sales.
  {
    chain: 'alfamidi',
    head: 'alfamidi@demo.etalase.id',
    streams: 'operations:alfamidi',
    regions: [{ code: '76.04', pksRegion: '76', umkmShare: 1, outletsPerProduct: 3, lineLevel: false, branchLogin: null }],
    quirks: false,
  },
];

/** Alfamart Cabang Bengkulu's HUT season (promotions.ts `pastAnniversary`): the same Kota Bengkulu products on the
 *  same rule, placed as a bazar HUT for a few weeks around the last 17 March before the eight weeks. Its own PRNG
 *  streams, so the eight weeks draw what they drew without it. */
const HUT_STORY: ChainStory = {
  chain: 'alfamart',
  head: 'alfamart@demo.etalase.id',
  streams: 'operations:hut',
  regions: [BENGKULU],
  quirks: false,
};

/** The days a story simulates and how it ends. */
interface Window {
  /** The first day simulated (its products are placed three days before). */
  start: string;
  days: number;
  /** The placements' first day off the shelf, when the story ends with the shelves cleared (else they stay open). */
  endsOn: string | null;
  /** The day every PKS of the story must still be in force on. */
  through: string;
  /** Extra demand (× velocity) of a product at an outlet on a day, from the story's pairs: a promotion campaign. */
  boost: (pairs: Pair[]) => (productId: string, outletId: string, day: string) => number;
}

interface Pair {
  productId: string;
  productName: string;
  gtin: string;
  umkmId: string;
  agreementId: string;
  supplierPrice: bigint;
  shelfPrice: bigint;
  perishable: boolean;
  shelfLifeDays: number;
  outletId: string;
  outletBranchId: string | null;
  districtCode: string;
  provinceCode: string;
  region: RegionPlan;
  /** Who bears goods returned unsold (PKS unsold_goods) and how long a perishable pickup may take. */
  unsoldBorneBy: 'umkm' | 'chain';
  pickupHours: number;
  /** Units a day this outlet sells of this product, on average. */
  velocity: number;
}

interface Batch {
  id: string;
  code: string;
  producedOn: string;
  expiresOn: string;
  /** Units left at the outlet. */
  left: number;
}

/** An instant on a day, at an hour in WIB (Bengkulu and OKI are both UTC+7). */
const at = (day: string, hourWib: number) => new Date(Date.parse(`${day}T00:00:00+07:00`) + hourWib * 3_600_000);

/** A Poisson draw (Knuth) for daily sales around a mean. */
function poisson(r: Rng, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k += 1;
    p *= r.next();
  } while (p > l);
  return k - 1;
}

export async function seedOperations(db: Database, log: (s: string) => void, cal: DemoCalendar): Promise<void> {
  // The HUT season first: it happened first, so its documents take the first numbers of their year's counters.
  const season = pastAnniversary(cal.today);
  await seedStory(db, log, cal, HUT_STORY, {
    start: season.start,
    days: season.days,
    endsOn: season.clearedOn,
    through: season.clearedOn,
    boost: (pairs) => hutBoost(season, pairs),
  });
  const start = addDays(cal.today, -7 * WEEKS);
  if (season.clearedOn >= addDays(start, -3)) throw new Error(`demo: the HUT season ${season.date} overlaps the eight weeks`);
  for (const story of STORIES)
    await seedStory(db, log, cal, story, {
      start,
      days: 7 * WEEKS,
      endsOn: null,
      through: cal.today,
      // The demo's past promotion campaign (src/demo/promotions.ts) sells a little more where and when it ran.
      boost: (pairs) =>
        campaignBoost(
          cal,
          pairs.filter((p) => p.region.code === '17.71'),
        ),
    });
}

async function seedStory(db: Database, log: (s: string) => void, cal: DemoCalendar, story: ChainStory, w: Window): Promise<void> {
  const chain = await db
    .selectFrom('organizations')
    .select('id')
    .where('kind', '=', 'chain')
    .where('chain_code', '=', story.chain)
    .executeTakeFirst();
  if (!chain) return;
  const head = await db.selectFrom('users').select('id').where('email', '=', story.head).executeTakeFirstOrThrow();
  const ids = rng(`${story.streams}:ids`);
  const id = () => uuidFrom(ids);
  const start = w.start;

  const pairs: Pair[] = [];
  const placements = [];
  for (const region of story.regions) {
    const rows = await db
      .selectFrom('agreements as a')
      .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
      .innerJoin('agreement_products as ap', 'ap.version_id', 'v.id')
      .innerJoin('products as p', 'p.id', 'ap.product_id')
      .innerJoin('umkm_profiles as u', 'u.organization_id', 'a.umkm_id')
      .select([
        'a.id as agreementId',
        'a.umkm_id as umkmId',
        'p.id as productId',
        'p.name',
        'p.gtin',
        'p.perishable',
        'p.shelf_life_days',
        'ap.supplier_price',
        'ap.shelf_price',
        'u.lat',
        'u.lon',
        'v.unsold_goods',
        'v.perishable_pickup_hours',
      ])
      .where('a.kind', '=', 'pks')
      .where('a.chain_id', '=', chain.id)
      .where('a.region_code', '=', region.pksRegion)
      .where('v.status', '=', 'signed')
      .where('v.starts_on', '<=', start)
      .where('v.ends_on', '>=', w.through)
      .where('p.gtin', 'is not', null)
      .where('p.archived_at', 'is', null)
      .orderBy('a.umkm_id')
      .orderBy('p.id')
      .execute();
    const umkmIds = [...new Set(rows.map((r) => r.umkmId as string))];
    const chosen = new Set(umkmIds.slice(0, Math.ceil(umkmIds.length * region.umkmShare)));
    const outlets = await db
      .selectFrom('outlets')
      .select(['id', 'branch_id', 'district_code', 'province_code', 'lat', 'lon', 'accepts_perishable', 'local_slots'])
      .where('chain_id', '=', chain.id)
      .where('district_code', 'like', `${region.code}.%`)
      .where('archived_at', 'is', null)
      .orderBy('id')
      .execute();
    const r = rng(`${story.streams}:velocity:${region.code}`);
    // Shelf space is finite: a product goes to the nearest outlets that still have a local-product slot.
    const free = new Map(outlets.map((o) => [o.id, o.local_slots]));
    for (const p of rows) {
      if (!chosen.has(p.umkmId as string) || !p.gtin) continue;
      const umkmId = p.umkmId as string;
      const nearest = outlets
        .filter((o) => (!p.perishable || o.accepts_perishable) && (free.get(o.id) ?? 0) > 0)
        .map((o) => ({ o, km: haversineKm(p.lat, p.lon, o.lat, o.lon) }))
        .sort((a, b) => a.km - b.km || (a.o.id < b.o.id ? -1 : 1))
        .slice(0, region.outletsPerProduct);
      for (const { o } of nearest) {
        free.set(o.id, (free.get(o.id) ?? 0) - 1);
        pairs.push({
          productId: p.productId,
          productName: p.name,
          gtin: p.gtin,
          umkmId,
          agreementId: p.agreementId,
          supplierPrice: BigInt(p.supplier_price),
          shelfPrice: BigInt(p.shelf_price),
          perishable: p.perishable,
          shelfLifeDays: p.shelf_life_days,
          outletId: o.id,
          outletBranchId: o.branch_id,
          districtCode: o.district_code,
          provinceCode: o.province_code,
          region,
          unsoldBorneBy: p.unsold_goods === 'borne_by_chain' ? 'chain' : 'umkm',
          pickupHours: p.perishable_pickup_hours ?? 24,
          velocity: p.perishable ? 1 + r.next() * 2 : 0.4 + r.next() * 1.6,
        });
        placements.push({
          id: id(),
          product_id: p.productId,
          outlet_id: o.id,
          chain_id: chain.id,
          umkm_id: umkmId,
          district_code: o.district_code,
          province_code: o.province_code,
          starts_on: addDays(start, -3),
          ...(w.endsOn ? { ends_on: w.endsOn } : {}),
          approved_by: head.id,
        });
      }
    }
  }
  if (pairs.length === 0) return;
  await db.insertInto('placements').values(placements).execute();
  // The sales lines go into their month's partition, as an import puts them (never the default partition).
  const months = new Set<string>();
  for (let d = 0; d < w.days; d++) months.add(`${addDays(start, d).slice(0, 7)}-01`);
  await ensureMonthPartitions(db, [...months]);
  const boost = w.boost(pairs);
  const counts = await recordStory(db, cal, {
    chainId: chain.id,
    headUserId: head.id,
    start,
    days: w.days,
    closing: w.endsOn !== null,
    pairs,
    id,
    boost,
    story,
  });
  log(
    `  ${placements.length} penempatan ${story.chain} di ${story.regions.map((r) => r.code).join(', ')}; ${counts.orders} pesanan, ${counts.notes} surat jalan, ${counts.sales} baris penjualan POS selama ${w.days % 7 === 0 ? `${w.days / 7} minggu` : `${w.days} hari (${start} – ${addDays(start, w.days - 1)})`}${counts.cleared ? `; ${counts.cleared} nota retur sisa barang` : ''}`,
  );
}

interface StoryInput {
  chainId: string;
  headUserId: string;
  start: string;
  /** How many days are simulated from `start`. */
  days: number;
  /** The story ends with its shelves cleared: on its last evening what is left goes back to the makers. */
  closing: boolean;
  pairs: Pair[];
  id: () => string;
  /** Extra demand (× velocity) of a product at an outlet on a day: the demo's promotion campaign. */
  boost: (productId: string, outletId: string, day: string) => number;
  story: ChainStory;
}

/** Simulates the story's days one by one and records every document as it happens. */
async function recordStory(db: Database, cal: DemoCalendar, s: StoryInput) {
  const { pairs, id } = s;
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'organization_id'])
    .where('organization_id', 'in', [...new Set(pairs.map((p) => p.umkmId))])
    .orderBy('email')
    .execute();
  const ownerOf = (umkmId: string) => users.find((u) => u.organization_id === umkmId)?.id ?? null;
  const logins = s.story.regions.flatMap((r) => (r.branchLogin ? [r.branchLogin] : []));
  const branchUsers = logins.length
    ? await db.selectFrom('users').select(['id', 'email', 'organization_id']).where('email', 'in', logins).execute()
    : [];
  const ordererOf = (p: Pair) => branchUsers.find((u) => u.email === p.region.branchLogin) ?? { id: s.headUserId, organization_id: null };
  const demoUmkm = await db.selectFrom('users').select('organization_id').where('email', '=', 'umkm@demo.etalase.id').executeTakeFirst();

  const sales = rng(`${s.story.streams}:sales`);
  // Drawn from its own stream, so every other draw of the story stays what it was without the campaign.
  const promoted = rng(`${s.story.streams}:promotion`);
  const quirks = rng(`${s.story.streams}:quirks`);
  const stock = new Map<Pair, Batch[]>(pairs.map((p) => [p, []]));
  // Numbered on from the counters a story seeded before this one left (the HUT season's, in the same year).
  const counters = new Map<string, number>(
    (await db.selectFrom('operation_counters').select(['prefix', 'last']).execute()).map((c) => [c.prefix, Number(c.last)]),
  );
  const number = (kind: DocumentKind, year: string) => {
    const prefix = documentPrefix(kind, s.story.chain, year);
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return documentNumber(prefix, n);
  };
  const batchSeq = new Map<string, number>();
  const totals = { orders: 0, notes: 0, sales: 0, cleared: 0 };
  const lastDay = addDays(s.start, s.days - 1);
  // The sale of a product that never arrived: a Bengkulu outlet sells two units on the first day, before any delivery.
  const orphan = s.story.quirks ? pairs.find((p) => p.region.lineLevel && !p.perishable) : undefined;

  const movements: Insertable<StockMovementsTable>[] = [];
  const move = (
    p: Pair,
    batchId: string | null,
    kind: StockMovementsTable['kind'],
    qty: number,
    day: string,
    source: StockMovementsTable['source'],
    sourceId: string,
    by: string | null,
    variance = false,
  ) =>
    movements.push({
      outlet_id: p.outletId,
      product_id: p.productId,
      batch_id: batchId,
      umkm_id: p.umkmId,
      chain_id: s.chainId,
      province_code: p.provinceCode,
      district_code: p.districtCode,
      kind,
      qty,
      occurred_on: day,
      source,
      source_id: sourceId,
      variance,
      created_by: by,
      created_at: at(day, 20),
    });
  const flushMovements = async () => {
    if (movements.length) await db.insertInto('stock_movements').values(movements.splice(0)).execute();
  };

  // Goods on their way: received (with their stock movements) on the day they arrive.
  const arrivals = new Map<string, (() => Promise<void>)[]>();
  const arrive = (day: string, f: () => Promise<void>) => arrivals.set(day, [...(arrivals.get(day) ?? []), f]);

  /** An order from the chain to one UMKM for the given pairs, and (unless it waits for an answer or is
   *  declined) its confirmation, delivery note and — on the day it arrives, if that has come — its receipt. */
  const order = async (day: string, list: Pair[], opts: { awaiting: boolean }) => {
    const first = list[0] as Pair;
    const umkmId = first.umkmId;
    const orderer = ordererOf(first);
    const cover = first.perishable ? 3 : 9;
    const lines = list
      .map((p) => {
        const onHand = (stock.get(p) ?? []).reduce((t, b) => t + b.left, 0);
        const qty = Math.max(0, Math.ceil(p.velocity * cover) - onHand);
        // A store stocks up for a campaign it takes part in (the goods arrive a day or two later) — on a line
        // it orders anyway, so which orders exist (and every draw made for them) stays as without the campaign.
        const ahead = Math.max(s.boost(p.productId, p.outletId, addDays(day, 2)), s.boost(p.productId, p.outletId, addDays(day, cover)));
        return { p, qty: qty > 0 && ahead > 0 ? qty + Math.ceil(p.velocity * ahead * cover) : qty };
      })
      .filter((l) => l.qty > 0);
    if (lines.length === 0) return;
    const orderId = id();
    const deliverBy = addDays(day, first.perishable ? 1 : 2);
    const declined = !opts.awaiting && !first.perishable && quirks.chance(0.015);
    const partly = !opts.awaiting && !declined && quirks.chance(0.08);
    const confirmed = lines.map((l) => (declined ? 0 : partly ? Math.max(1, Math.floor(l.qty * 0.7)) : l.qty));
    const shipOn = first.perishable ? day : addDays(day, 1);
    const arrived = deliverBy <= lastDay;
    const status = opts.awaiting ? 'sent' : declined ? 'declined' : arrived ? 'delivered' : partly ? 'partly_confirmed' : 'confirmed';
    const outlets = new Set(lines.map((l) => l.p.outletId));
    const toStore = first.perishable && outlets.size === 1;
    totals.orders += 1;
    const orderLines: Insertable<PurchaseOrderLinesTable>[] = lines.map((l, i) => ({
      id: id(),
      order_id: orderId,
      outlet_id: l.p.outletId,
      product_id: l.p.productId,
      qty_ordered: l.qty,
      qty_suggested: l.qty,
      qty_confirmed: opts.awaiting ? null : (confirmed[i] as number),
      unit_price: l.p.supplierPrice,
    }));
    await db
      .insertInto('purchase_orders')
      .values({
        id: orderId,
        number: number('PO', day.slice(0, 4)),
        chain_id: s.chainId,
        branch_id: orderer.organization_id,
        umkm_id: umkmId,
        agreement_id: first.agreementId,
        region_code: first.region.code,
        province_code: first.provinceCode,
        deliver_to: toStore ? 'outlet' : 'distribution_centre',
        outlet_id: toStore ? first.outletId : null,
        ordered_on: day,
        deliver_by: deliverBy,
        status,
        decline_reason: declined ? 'Bahan baku sedang kosong minggu ini; mohon pesan lagi minggu depan.' : null,
        responded_at: opts.awaiting ? null : at(day, 15),
        responded_by: opts.awaiting ? null : ownerOf(umkmId),
        created_by: orderer.id,
        created_at: at(day, 8),
      })
      .execute();
    await db.insertInto('purchase_order_lines').values(orderLines).execute();
    if (opts.awaiting || declined || shipOn > lastDay) return;

    // The UMKM ships the day before the goods are wanted (wet food: the same evening) with a fresh batch.
    const noteId = id();
    const noteLines: (Insertable<DeliveryNoteLinesTable> & { pair: Pair; batch: Batch })[] = [];
    const batchOf = new Map<string, Batch>();
    for (const [i, l] of lines.entries()) {
      const qty = confirmed[i] as number;
      let b = batchOf.get(l.p.productId);
      if (!b) {
        const seq = (batchSeq.get(l.p.productId) ?? 0) + 1;
        batchSeq.set(l.p.productId, seq);
        const producedOn = addDays(shipOn, first.perishable ? 0 : -1);
        b = {
          id: id(),
          code: `${producedOn.slice(2, 4)}${producedOn.slice(5, 7)}${producedOn.slice(8, 10)}-${String(seq).padStart(2, '0')}`,
          producedOn,
          expiresOn: addDays(producedOn, l.p.shelfLifeDays),
          left: 0,
        };
        batchOf.set(l.p.productId, b);
        await db
          .insertInto('stock_batches')
          .values({
            id: b.id,
            product_id: l.p.productId,
            umkm_id: umkmId,
            batch_code: b.code,
            produced_on: b.producedOn,
            expires_on: b.expiresOn,
            created_at: at(shipOn, 6),
          })
          .execute();
      }
      noteLines.push({
        id: id(),
        note_id: noteId,
        order_line_id: orderLines[i]?.id as string,
        outlet_id: l.p.outletId,
        product_id: l.p.productId,
        batch_id: b.id,
        qty,
        pair: l.p,
        batch: b,
      });
    }
    totals.notes += 1;
    await db
      .insertInto('delivery_notes')
      .values({
        id: noteId,
        number: number('SJ', shipOn.slice(0, 4)),
        order_id: orderId,
        umkm_id: umkmId,
        chain_id: s.chainId,
        province_code: first.provinceCode,
        ship_on: shipOn,
        status: arrived ? 'received' : 'issued',
        created_by: ownerOf(umkmId),
        created_at: at(shipOn, 7),
      })
      .execute();
    await db
      .insertInto('delivery_note_lines')
      .values(noteLines.map(({ pair: _p, batch: _b, ...n }) => n))
      .execute();
    if (!arrived) return;

    // The outlet (or the branch's DC) receives it: now and then a unit short or a damaged pack.
    arrive(deliverBy, async () => {
      const receiptId = id();
      const receiptLines: Insertable<GoodsReceiptLinesTable>[] = noteLines.map((n) => {
        const short = n.qty > 3 && quirks.chance(0.06) ? 1 : 0;
        const rejected = n.qty - short > 3 && quirks.chance(0.04) ? 1 : 0;
        return {
          receipt_id: receiptId,
          delivery_line_id: n.id as string,
          qty_accepted: n.qty - short - rejected,
          qty_rejected: rejected,
          reject_reason: rejected ? 'damaged' : null,
        };
      });
      await db
        .insertInto('goods_receipts')
        .values({
          id: receiptId,
          number: number('BPB', deliverBy.slice(0, 4)),
          delivery_note_id: noteId,
          chain_id: s.chainId,
          umkm_id: umkmId,
          province_code: first.provinceCode,
          received_on: deliverBy,
          received_by: orderer.id,
          created_at: at(deliverBy, 9),
        })
        .execute();
      await db.insertInto('goods_receipt_lines').values(receiptLines).execute();
      for (const [i, n] of noteLines.entries()) {
        const accepted = receiptLines[i]?.qty_accepted as number;
        if (accepted <= 0) continue;
        // Each outlet's share of a batch is that outlet's stock.
        (stock.get(n.pair) as Batch[]).push({ ...n.batch, left: accepted });
        move(n.pair, n.batch.id, 'received', accepted, deliverBy, 'receipt', receiptId, orderer.id);
      }
    });
  };

  for (let d = 0; d < s.days; d++) {
    const day = addDays(s.start, d);
    // The story's week starts on its first day (whatever weekday that is, the story is the same story).
    const dow = d % 7;

    // 1. In the morning, outlets write off what expired before today (wet food lives a few days).
    for (const p of pairs) {
      for (const b of stock.get(p) ?? []) {
        if (b.left > 0 && b.expiresOn < day) {
          move(p, b.id, 'expired', -b.left, day, 'expiry', `demo-expiry:${day}`, ordererOf(p).id);
          b.left = 0;
        }
      }
    }
    // 2. What arrives today is received.
    for (const f of arrivals.get(day) ?? []) await f();
    // 3. Orders: dry goods once a week for all of a UMKM's outlets; wet food twice a week.
    const byUmkm = new Map<string, Pair[]>();
    for (const p of pairs.filter((x) => (x.perishable ? dow === 0 || dow === 3 : dow === 0))) {
      const key = `${p.umkmId}:${p.perishable ? p.outletId : 'dc'}`;
      byUmkm.set(key, [...(byUmkm.get(key) ?? []), p]);
    }
    // (A story that ends with its shelves cleared orders nothing in its last days: it would arrive too late.)
    if (!s.closing || d < s.days - 3) for (const list of byUmkm.values()) await order(day, list, { awaiting: false });
    await flushMovements();

    // 5. The day's POS sales: what shoppers bought, never more than what is on the shelf (oldest expiry first).
    const lines: Insertable<SalesLinesTable>[] = [];
    const importId = id();
    for (const p of pairs) {
      const batches = stock.get(p) ?? [];
      const onHand = batches.filter((b) => b.expiresOn >= day).reduce((t, b) => t + b.left, 0);
      const extra = s.boost(p.productId, p.outletId, day);
      const wanted = poisson(sales, p.velocity * (dow >= 5 ? 1.3 : 1)) + (extra > 0 ? poisson(promoted, p.velocity * extra) : 0);
      let sold = Math.min(onHand, wanted);
      if (p === orphan && d === 0) sold = 2;
      if (sold <= 0) continue;
      // Drawn as the operations module draws a POS import (its FEFO rule); what finds no batch is a variance.
      const { draws, unmatched } = allocateFefo(
        batches.map((b) => ({ batchId: b.id, expiresOn: b.expiresOn, producedOn: b.producedOn, onHand: b.left })),
        sold,
        day,
      );
      for (const dr of draws) {
        const b = batches.find((x) => x.id === dr.batchId) as Batch;
        b.left -= dr.qty;
        move(p, b.id, 'sold', -dr.qty, day, 'sales', importId, null);
      }
      if (unmatched > 0) move(p, null, 'sold', -unmatched, day, 'sales', importId, null, true);
      if (p.region.lineLevel) {
        for (let u = 0; u < sold; u++) {
          lines.push(saleLine(p, day, `${day.replace(/-/g, '')}${String(lines.length + 1).padStart(5, '0')}`, 1, 1, importId, s.chainId));
        }
      } else {
        lines.push(saleLine(p, day, '', 0, sold, importId, s.chainId));
      }
    }
    if (lines.length) {
      const sha = createHash('sha256').update(`demo-pos:${day}`).digest('hex');
      await db
        .insertInto('sales_imports')
        .values({
          id: importId,
          chain_id: s.chainId,
          source: 'api',
          file_name: null, // sent by the chain's till system through POST /api/sales/lines
          file_sha256: sha,
          status: 'done',
          progress: 100,
          rows: lines.length,
          imported: lines.length,
          duplicates: 0,
          conflicts: 0,
          rejected: 0,
          // What "Lihat hasil" shows for it, as for an uploaded file.
          summary: JSON.stringify({
            fileSha256: sha,
            rows: lines.length,
            imported: lines.length,
            duplicates: 0,
            conflicts: 0,
            rejected: 0,
            errors: [],
            counts: {},
          } satisfies ImportSummary),
          created_by: s.headUserId,
          // Sent when the tills close that evening: never after the moment the demo is seeded, whatever
          // the hour (seeded at 00.10 WIB, a batch "sent at 02.00 today" would sort above real uploads);
          // 22.00 WIB is 23.00 WITA, still that evening in Sulawesi Barat too.
          created_at: at(day, 22),
          finished_at: at(day, 22),
        })
        .execute();
      for (let i = 0; i < lines.length; i += 2000)
        await db
          .insertInto('sales_lines')
          .values(lines.slice(i, i + 2000))
          .execute();
      await flushMovements();
      totals.sales += lines.length;
    }
    // 6. Every other week, wet food about to expire goes back to its maker (nota retur), picked up the next
    //    morning — the last one not yet, and past the PKS's hours: an overdue pickup on the demo's today.
    if (d % 14 === 12) {
      for (const p of pairs.filter((x) => x.perishable)) {
        const near = (stock.get(p) ?? []).filter((b) => b.left > 0 && b.expiresOn === addDays(day, 1));
        if (near.length === 0) continue;
        const noteId = id();
        const lastOne = !s.closing && d + 14 >= s.days;
        await db
          .insertInto('return_notes')
          .values({
            id: noteId,
            number: number('RTR', day.slice(0, 4)),
            outlet_id: p.outletId,
            chain_id: s.chainId,
            umkm_id: p.umkmId,
            agreement_id: p.agreementId,
            province_code: p.provinceCode,
            district_code: p.districtCode,
            reason: 'near_expiry',
            borne_by: p.unsoldBorneBy,
            returned_on: day,
            pickup_due_at: new Date(at(day, 19).getTime() + p.pickupHours * 3_600_000),
            picked_up_at: lastOne ? null : at(addDays(day, 1), 8),
            picked_up_by: lastOne ? null : ownerOf(p.umkmId),
            note: 'Kedaluwarsa besok; ditarik sebelum basi.',
            created_by: ordererOf(p).id,
            created_at: at(day, 19),
          })
          .execute();
        await db
          .insertInto('return_note_lines')
          .values(near.map((b) => ({ note_id: noteId, product_id: p.productId, batch_id: b.id, qty: b.left })))
          .execute();
        for (const b of near) {
          move(p, b.id, 'returned', -b.left, day, 'return', noteId, ordererOf(p).id);
          b.left = 0;
        }
      }
    }
    // 7. Two weeks before today, a stock count (stock opname) at an OKI outlet finds one pack missing.
    if (s.story.quirks && d === s.days - 14) {
      const p = pairs.find((x) => !x.region.lineLevel && (stock.get(x) ?? []).some((b) => b.left > 1));
      const b = p ? (stock.get(p) ?? []).find((x) => x.left > 1) : undefined;
      if (p && b) {
        const countId = id();
        await db
          .insertInto('stock_counts')
          .values({
            id: countId,
            outlet_id: p.outletId,
            chain_id: s.chainId,
            counted_on: day,
            note: 'Stock opname bulanan.',
            created_by: s.headUserId,
            created_at: at(day, 21),
          })
          .execute();
        await db
          .insertInto('stock_count_lines')
          .values({ count_id: countId, product_id: p.productId, batch_id: b.id, expected_qty: b.left, counted_qty: b.left - 1 })
          .execute();
        move(p, b.id, 'counted', -1, day, 'count', countId, s.headUserId);
        b.left -= 1;
      }
    }
    await flushMovements();
  }
  await flushMovements();
  // The end of a season: on its last evening whatever is left at each outlet goes back to its maker on a nota
  // retur (one per outlet and PKS), picked up the next morning, so no shelf keeps stale stock of it.
  if (s.closing) {
    const notes = new Map<string, Pair[]>();
    for (const p of pairs) {
      if (!(stock.get(p) ?? []).some((b) => b.left > 0)) continue;
      const key = `${p.outletId}:${p.agreementId}`;
      notes.set(key, [...(notes.get(key) ?? []), p]);
    }
    for (const list of notes.values()) {
      const first = list[0] as Pair;
      const noteId = id();
      await db
        .insertInto('return_notes')
        .values({
          id: noteId,
          number: number('RTR', lastDay.slice(0, 4)),
          outlet_id: first.outletId,
          chain_id: s.chainId,
          umkm_id: first.umkmId,
          agreement_id: first.agreementId,
          province_code: first.provinceCode,
          district_code: first.districtCode,
          reason: 'unsold',
          borne_by: first.unsoldBorneBy,
          returned_on: lastDay,
          pickup_due_at: new Date(at(lastDay, 21).getTime() + first.pickupHours * 3_600_000),
          picked_up_at: at(addDays(lastDay, 1), 8),
          picked_up_by: ownerOf(first.umkmId),
          note: 'Bazar HUT selesai; sisa barang ditarik kembali oleh UMKM.',
          created_by: ordererOf(first).id,
          created_at: at(lastDay, 21),
        })
        .execute();
      const lines = list.flatMap((p) =>
        (stock.get(p) ?? [])
          .filter((b) => b.left > 0)
          .map((b) => ({ note_id: noteId, product_id: p.productId, batch_id: b.id, qty: b.left })),
      );
      await db.insertInto('return_note_lines').values(lines).execute();
      for (const p of list)
        for (const b of stock.get(p) ?? []) {
          if (b.left <= 0) continue;
          move(p, b.id, 'returned', -b.left, lastDay, 'return', noteId, ordererOf(p).id);
          b.left = 0;
        }
      totals.cleared += 1;
    }
    await flushMovements();
  }
  // Today: the chain's weekly order to the demo's terasi maker, waiting for her answer.
  const hers = s.story.quirks ? pairs.filter((p) => p.umkmId === demoUmkm?.organization_id && !p.perishable) : [];
  if (hers.length) await order(cal.today, hers, { awaiting: true });
  for (const [prefix, last] of counters) {
    await db
      .insertInto('operation_counters')
      .values({ prefix, last })
      .onConflict((oc) => oc.column('prefix').doUpdateSet({ last }))
      .execute();
  }
  return totals;
}

function saleLine(
  p: Pair,
  day: string,
  receipt: string,
  line: number,
  qty: number,
  importId: string,
  chainId: string,
): Insertable<SalesLinesTable> {
  const amount = p.shelfPrice * BigInt(qty);
  return {
    sales_date: day,
    chain_id: chainId,
    outlet_id: p.outletId,
    receipt,
    line,
    key_gtin: receipt ? '' : p.gtin,
    gtin: p.gtin,
    product_id: p.productId,
    umkm_id: p.umkmId,
    agreement_id: p.agreementId,
    province_code: p.provinceCode,
    district_code: p.districtCode,
    qty,
    unit_price: p.shelfPrice,
    amount,
    import_id: importId,
  };
}
