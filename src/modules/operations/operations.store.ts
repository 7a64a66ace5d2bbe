// SQL of operations after the shelf door (C7): document counters, purchase orders (pesanan) and their
// lines, batches, delivery notes (surat jalan), goods receipts (BPB), the stock ledger and what is read
// from it, stock counts, returns (nota retur), and the reads of reminders, sell-out, service level and
// reconciliation. Reads an actor makes AND the actor's scope (policy.ts) into the query.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { orderScope, outletRecordScope, returnScope, staffOutletOf, stockScope } from '../../platform/auth/policy.ts';
import { inForceSql } from '../agreements/agreements.queries.ts';
import type { LossBearer, MovementKind, MovementSource, OrderStatus, RejectReason, ReturnReason } from './operations.tables.ts';
import type { ReminderKind } from './operations.vocabulary.ts';

const int = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const intOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const ds = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

/** The next running number under a document prefix (PO/ALFAMART/2026/…): the upsert takes the row lock, so
 *  concurrent documents queue on it and each gets its own number. */
export async function nextNumber(db: Database, prefix: string): Promise<number> {
  const row = await sql<{ last: number }>`
    INSERT INTO operation_counters (prefix, last) VALUES (${prefix}, 1)
    ON CONFLICT (prefix) DO UPDATE SET last = operation_counters.last + 1
    RETURNING last`.execute(db);
  return Number(row.rows[0]?.last);
}

// ---- reference facts ----

export interface OutletFacts {
  id: string;
  chain_id: string;
  branch_id: string | null;
  chain_code: string;
  name: string;
  store_code: string;
  district_code: string;
  province_code: string;
  accepts_perishable: boolean;
}

/** Outlets by id, within the actor's outlet scope for chains (another chain's outlet is simply absent). */
export async function outletsByIds(db: Database, ids: string[]): Promise<Map<string, OutletFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('outlets as o')
    .innerJoin('organizations as c', 'c.id', 'o.chain_id')
    .select([
      'o.id',
      'o.chain_id',
      'o.branch_id',
      'c.chain_code',
      'o.name',
      'o.store_code',
      'o.district_code',
      'o.province_code',
      'o.accepts_perishable',
    ])
    .where('o.id', 'in', ids)
    .where('o.archived_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, chain_code: r.chain_code ?? '' }]));
}

export async function findUmkm(db: Database, id: string) {
  return db
    .selectFrom('organizations as o')
    .innerJoin('umkm_profiles as p', 'p.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'p.weekly_capacity', 'p.district_code', 'p.province_code'])
    .where('o.id', '=', id)
    .where('o.kind', '=', 'umkm')
    .where('o.archived_at', 'is', null)
    .executeTakeFirst();
}

export async function productsByIds(db: Database, ids: string[]) {
  if (!ids.length) return new Map<string, ProductFacts>();
  const rows = await db
    .selectFrom('products')
    .select(['id', 'umkm_id', 'name', 'perishable', 'shelf_life_days', 'gtin'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
export interface ProductFacts {
  id: string;
  umkm_id: string;
  name: string;
  perishable: boolean;
  shelf_life_days: number;
  gtin: string | null;
}

export async function agreementFacts(db: Database, id: string) {
  return db
    .selectFrom('agreements')
    .select(['id', 'number', 'chain_id', 'branch_id', 'umkm_id', 'region_code', 'province_code', 'kind'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Loss terms of the PKS version in force on a date (latest signed one when none is, e.g. after it ended). */
export async function lossTermsOf(db: Database, agreementId: string, date: string) {
  const row = await db
    .selectFrom('agreement_versions as v')
    .select(['v.unsold_goods', 'v.expired_goods_borne_by', 'v.perishable_pickup_hours', 'v.trade_model'])
    .where('v.agreement_id', '=', agreementId)
    .where('v.status', 'in', ['signed', 'superseded', 'terminated'])
    .orderBy(sql`${inForceSql('v', date)}`, 'desc')
    .orderBy('v.version', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

/** Open placements (in force on `date`) of a UMKM's products at the given outlets, with the plan's
 *  expected weekly units when the placement came from a plan. */
export async function placementsFor(db: Database, f: { umkmId: string; outletIds: string[]; date: string }) {
  if (!f.outletIds.length) return [];
  return db
    .selectFrom('placements as pl')
    .innerJoin('products as p', 'p.id', 'pl.product_id')
    .leftJoin('placement_plan_items as ppi', (j) =>
      j.onRef('ppi.plan_id', '=', 'pl.plan_id').onRef('ppi.product_id', '=', 'pl.product_id').onRef('ppi.outlet_id', '=', 'pl.outlet_id'),
    )
    .select(['pl.outlet_id', 'pl.product_id', 'p.name as product_name', 'p.perishable', 'p.shelf_life_days', 'ppi.expected_units'])
    .where('pl.umkm_id', '=', f.umkmId)
    .where('pl.outlet_id', 'in', f.outletIds)
    .where('pl.starts_on', '<=', f.date)
    .where((eb) => eb.or([eb('pl.ends_on', 'is', null), eb('pl.ends_on', '>', f.date)]))
    .where('p.archived_at', 'is', null)
    .orderBy('pl.outlet_id')
    .orderBy('p.name')
    .execute();
}

/** Outlets of the actor's chain (branch staff: its branch; outlet staff: their outlet) — the outlets it may order for. */
export async function outletIdsOfActor(db: Database, actor: Actor): Promise<string[]> {
  if (actor.role !== 'retailer' || !actor.chainId) return [];
  let q = db.selectFrom('outlets').select('id').where('chain_id', '=', actor.chainId).where('archived_at', 'is', null);
  if (actor.branchId) q = q.where('branch_id', '=', actor.branchId);
  const own = staffOutletOf(actor);
  if (own) q = q.where('id', '=', own);
  return (await q.execute()).map((r) => r.id);
}

/** Units sold per outlet × product over [from, to] (sales lines, reversals included). */
export async function soldUnits(db: Database, f: { outletIds: string[]; productIds: string[]; from: string; to: string }) {
  if (!f.outletIds.length || !f.productIds.length) return new Map<string, number>();
  const rows = await sql<{ outlet_id: string; product_id: string; units: string; n: string }>`
    SELECT outlet_id, product_id, sum(qty) AS units, count(*) AS n FROM sales_lines
    WHERE outlet_id IN (${sql.join(f.outletIds)}) AND product_id IN (${sql.join(f.productIds)})
      AND sales_date BETWEEN ${f.from}::date AND ${f.to}::date
    GROUP BY outlet_id, product_id`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.outlet_id}|${r.product_id}`, int(r.units)]));
}

/** Stock on hand per outlet × product (all batches; a variance with no batch counts too). */
export async function onHandByPair(db: Database, f: { outletIds: string[]; productIds: string[] }) {
  if (!f.outletIds.length || !f.productIds.length) return new Map<string, number>();
  const rows = await sql<{ outlet_id: string; product_id: string; on_hand: string }>`
    SELECT outlet_id, product_id, sum(qty) AS on_hand FROM stock_movements
    WHERE outlet_id IN (${sql.join(f.outletIds)}) AND product_id IN (${sql.join(f.productIds)})
      AND batch_id IS NOT NULL
    GROUP BY outlet_id, product_id`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.outlet_id}|${r.product_id}`, int(r.on_hand)]));
}

/** Open quantity per outlet × product: ordered (sent) or confirmed, not yet received. */
export async function openByPair(db: Database, f: { outletIds: string[]; productIds: string[] }) {
  if (!f.outletIds.length || !f.productIds.length) return new Map<string, number>();
  const rows = await sql<{ outlet_id: string; product_id: string; open: string }>`
    SELECT l.outlet_id, l.product_id,
      sum(greatest(0, coalesce(l.qty_confirmed, l.qty_ordered) - coalesce((
        SELECT sum(dnl.qty) FROM delivery_note_lines dnl JOIN delivery_notes dn ON dn.id = dnl.note_id
        WHERE dnl.order_line_id = l.id AND dn.status = 'received'), 0))) AS open
    FROM purchase_order_lines l JOIN purchase_orders po ON po.id = l.order_id
    WHERE po.status IN ('sent', 'confirmed', 'partly_confirmed')
      AND l.outlet_id IN (${sql.join(f.outletIds)}) AND l.product_id IN (${sql.join(f.productIds)})
    GROUP BY l.outlet_id, l.product_id`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.outlet_id}|${r.product_id}`, int(r.open)]));
}

/** Units a UMKM has already confirmed for delivery in the week [from, to] (all chains). */
export async function confirmedInWeek(db: Database, f: { umkmId: string; from: string; to: string }) {
  const row = await sql<{ n: string | null }>`
    SELECT sum(coalesce(l.qty_confirmed, 0)) AS n FROM purchase_order_lines l JOIN purchase_orders po ON po.id = l.order_id
    WHERE po.umkm_id = ${f.umkmId} AND po.status IN ('confirmed', 'partly_confirmed', 'delivered')
      AND po.deliver_by BETWEEN ${f.from}::date AND ${f.to}::date`.execute(db);
  return int(row.rows[0]?.n);
}

// ---- purchase orders ----

export interface OrderFilter {
  status?: OrderStatus;
  umkmId?: string;
  outletId?: string;
  id?: string;
  limit: number;
  offset: number;
}

const orderSelect = sql`
  po.*, c.chain_code, c.name AS chain_name, b.name AS branch_name, u.name AS umkm_name, a.number AS agreement_number,
  o.name AS outlet_name, o.branch_id AS outlet_branch_id, cu.name AS ordered_by_name,
  (SELECT count(*) FROM purchase_order_lines l WHERE l.order_id = po.id) AS line_count,
  (SELECT sum(l.qty_ordered) FROM purchase_order_lines l WHERE l.order_id = po.id) AS ordered,
  (SELECT sum(l.qty_confirmed) FROM purchase_order_lines l WHERE l.order_id = po.id) AS confirmed,
  (SELECT sum(l.unit_price * coalesce(l.qty_confirmed, l.qty_ordered)) FROM purchase_order_lines l WHERE l.order_id = po.id) AS amount,
  (SELECT sum(dnl.qty) FROM delivery_note_lines dnl JOIN delivery_notes dn ON dn.id = dnl.note_id
    WHERE dn.order_id = po.id AND dn.status <> 'cancelled') AS shipped,
  (SELECT count(*) FROM delivery_notes dn WHERE dn.order_id = po.id AND dn.status <> 'cancelled') AS note_count,
  (SELECT sum(grl.qty_accepted) FROM goods_receipt_lines grl JOIN goods_receipts gr ON gr.id = grl.receipt_id
    JOIN delivery_notes dn ON dn.id = gr.delivery_note_id WHERE dn.order_id = po.id) AS accepted,
  (SELECT count(*) FROM delivery_notes dn WHERE dn.order_id = po.id AND dn.status = 'issued') AS awaiting_receipt`;

export type OrderRow = Awaited<ReturnType<typeof listOrders>>['items'][number];

export async function listOrders(db: Database, actor: Actor, f: OrderFilter) {
  const where = sql.join(
    [
      orderScope(actor, 'po'),
      f.id ? sql`po.id = ${f.id}` : sql`true`,
      f.status ? sql`po.status = ${f.status}` : sql`true`,
      f.umkmId ? sql`po.umkm_id = ${f.umkmId}` : sql`true`,
      f.outletId
        ? sql`EXISTS (SELECT 1 FROM purchase_order_lines fl WHERE fl.order_id = po.id AND fl.outlet_id = ${f.outletId})`
        : sql`true`,
    ],
    sql` AND `,
  );
  const from = sql`purchase_orders po JOIN organizations c ON c.id = po.chain_id LEFT JOIN organizations b ON b.id = po.branch_id
    JOIN organizations u ON u.id = po.umkm_id JOIN agreements a ON a.id = po.agreement_id LEFT JOIN outlets o ON o.id = po.outlet_id
    LEFT JOIN users cu ON cu.id = po.created_by`;
  const rows = await sql<Record<string, unknown>>`SELECT ${orderSelect} FROM ${from} WHERE ${where}
    ORDER BY po.created_at DESC, po.number DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM purchase_orders po WHERE ${where}`.execute(db);
  return {
    items: rows.rows.map((r) => ({
      id: String(r.id),
      number: String(r.number),
      status: r.status as OrderStatus,
      chainId: String(r.chain_id),
      chainCode: String(r.chain_code),
      chainName: String(r.chain_name),
      branchId: (r.branch_id as string | null) ?? null,
      branchName: (r.branch_name as string | null) ?? null,
      orderedByName: (r.ordered_by_name as string | null) ?? null,
      umkmId: String(r.umkm_id),
      umkmName: String(r.umkm_name),
      agreementId: String(r.agreement_id),
      agreementNumber: String(r.agreement_number),
      regionCode: String(r.region_code),
      deliverTo: r.deliver_to as 'outlet' | 'distribution_centre',
      outletId: (r.outlet_id as string | null) ?? null,
      outletName: (r.outlet_name as string | null) ?? null,
      outletBranchId: (r.outlet_branch_id as string | null) ?? null,
      orderedOn: ds(r.ordered_on),
      deliverBy: ds(r.deliver_by),
      note: (r.note as string | null) ?? null,
      declineReason: (r.decline_reason as string | null) ?? null,
      respondedAt: iso(r.responded_at),
      createdAt: iso(r.created_at) as string,
      lineCount: int(r.line_count),
      ordered: int(r.ordered),
      confirmed: intOrNull(r.confirmed),
      amount: BigInt(String(r.amount ?? 0)),
      shipped: int(r.shipped),
      noteCount: int(r.note_count),
      accepted: int(r.accepted),
      awaitingReceipt: int(r.awaiting_receipt),
    })),
    total: int(total.rows[0]?.n),
  };
}

/** An order row locked for a change (FOR UPDATE), without scope: the service checked it first. */
export async function lockOrder(db: Database, id: string) {
  return db.selectFrom('purchase_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function orderLines(db: Database, orderId: string) {
  const rows = await sql<Record<string, unknown>>`
    SELECT l.*, o.name AS outlet_name, o.store_code, o.branch_id AS outlet_branch_id, p.name AS product_name, p.perishable, p.shelf_life_days,
      coalesce((SELECT sum(dnl.qty) FROM delivery_note_lines dnl JOIN delivery_notes dn ON dn.id = dnl.note_id
        WHERE dnl.order_line_id = l.id AND dn.status <> 'cancelled'), 0) AS shipped,
      coalesce((SELECT sum(grl.qty_accepted) FROM goods_receipt_lines grl JOIN delivery_note_lines dnl ON dnl.id = grl.delivery_line_id
        WHERE dnl.order_line_id = l.id), 0) AS accepted
    FROM purchase_order_lines l JOIN outlets o ON o.id = l.outlet_id JOIN products p ON p.id = l.product_id
    WHERE l.order_id = ${orderId} ORDER BY o.store_code, p.name, l.id`.execute(db);
  return rows.rows.map((r) => ({
    id: String(r.id),
    outletId: String(r.outlet_id),
    outletName: String(r.outlet_name),
    outletBranchId: (r.outlet_branch_id as string | null) ?? null,
    storeCode: String(r.store_code),
    productId: String(r.product_id),
    productName: String(r.product_name),
    perishable: Boolean(r.perishable),
    shelfLifeDays: int(r.shelf_life_days),
    qtyOrdered: int(r.qty_ordered),
    qtySuggested: intOrNull(r.qty_suggested),
    qtyConfirmed: intOrNull(r.qty_confirmed),
    qtyShipped: int(r.shipped),
    qtyAccepted: int(r.accepted),
    unitPrice: BigInt(String(r.unit_price)),
  }));
}
export type OrderLineRow = Awaited<ReturnType<typeof orderLines>>[number];

export async function insertOrder(
  db: Database,
  o: {
    number: string;
    chainId: string;
    branchId: string | null;
    umkmId: string;
    agreementId: string;
    regionCode: string;
    provinceCode: string;
    deliverTo: 'outlet' | 'distribution_centre';
    outletId: string | null;
    orderedOn: string;
    deliverBy: string;
    note: string | null;
    createdBy: string | null;
  },
  lines: { outletId: string; productId: string; qty: number; qtySuggested: number | null; unitPrice: bigint }[],
) {
  const { id } = await db
    .insertInto('purchase_orders')
    .values({
      number: o.number,
      chain_id: o.chainId,
      branch_id: o.branchId,
      umkm_id: o.umkmId,
      agreement_id: o.agreementId,
      region_code: o.regionCode,
      province_code: o.provinceCode,
      deliver_to: o.deliverTo,
      outlet_id: o.outletId,
      ordered_on: o.orderedOn,
      deliver_by: o.deliverBy,
      note: o.note,
      created_by: o.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('purchase_order_lines')
    .values(
      lines.map((l) => ({
        order_id: id,
        outlet_id: l.outletId,
        product_id: l.productId,
        qty_ordered: l.qty,
        qty_suggested: l.qtySuggested,
        unit_price: l.unitPrice,
      })),
    )
    .execute();
  return id;
}

export async function answerOrder(
  db: Database,
  id: string,
  a: { status: OrderStatus; declineReason: string | null; by: string | null; at: Date; confirmed: Map<string, number> | null },
) {
  await db
    .updateTable('purchase_orders')
    .set({ status: a.status, decline_reason: a.declineReason, responded_at: a.at, responded_by: a.by })
    .where('id', '=', id)
    .execute();
  if (a.confirmed) {
    for (const [lineId, qty] of a.confirmed) {
      await db
        .updateTable('purchase_order_lines')
        .set({ qty_confirmed: qty })
        .where('id', '=', lineId)
        .where('order_id', '=', id)
        .execute();
    }
  }
}

export async function setOrderStatus(db: Database, id: string, status: OrderStatus, note?: string | null) {
  let q = db.updateTable('purchase_orders').set({ status }).where('id', '=', id);
  if (note !== undefined) q = q.set({ decline_reason: note });
  await q.execute();
}

// ---- batches and delivery notes ----

export async function findBatch(db: Database, productId: string, code: string) {
  return db.selectFrom('stock_batches').selectAll().where('product_id', '=', productId).where('batch_code', '=', code).executeTakeFirst();
}

export async function insertBatch(
  db: Database,
  b: { productId: string; umkmId: string; code: string; producedOn: string; expiresOn: string },
) {
  const row = await db
    .insertInto('stock_batches')
    .values({ product_id: b.productId, umkm_id: b.umkmId, batch_code: b.code, produced_on: b.producedOn, expires_on: b.expiresOn })
    .onConflict((oc) => oc.columns(['product_id', 'batch_code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? (await findBatch(db, b.productId, b.code))?.id ?? null;
}

export async function insertDeliveryNote(
  db: Database,
  n: { number: string; orderId: string; umkmId: string; chainId: string; provinceCode: string; shipOn: string; createdBy: string | null },
  lines: { orderLineId: string; outletId: string; productId: string; batchId: string; qty: number }[],
) {
  const { id } = await db
    .insertInto('delivery_notes')
    .values({
      number: n.number,
      order_id: n.orderId,
      umkm_id: n.umkmId,
      chain_id: n.chainId,
      province_code: n.provinceCode,
      ship_on: n.shipOn,
      created_by: n.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('delivery_note_lines')
    .values(
      lines.map((l) => ({
        note_id: id,
        order_line_id: l.orderLineId,
        outlet_id: l.outletId,
        product_id: l.productId,
        batch_id: l.batchId,
        qty: l.qty,
      })),
    )
    .execute();
  return id;
}

export interface NoteFilter {
  id?: string;
  orderId?: string;
  status?: 'issued' | 'received' | 'cancelled';
  limit: number;
  offset: number;
}

export async function listNotes(db: Database, actor: Actor, f: NoteFilter) {
  const where = sql.join(
    [
      orderScope(actor, 'po'),
      f.id ? sql`dn.id = ${f.id}` : sql`true`,
      f.orderId ? sql`dn.order_id = ${f.orderId}` : sql`true`,
      f.status ? sql`dn.status = ${f.status}` : sql`true`,
    ],
    sql` AND `,
  );
  const from = sql`delivery_notes dn JOIN purchase_orders po ON po.id = dn.order_id`;
  const rows = await sql<Record<string, unknown>>`
    SELECT dn.*, po.number AS order_number, po.deliver_to, po.branch_id, po.region_code, po.outlet_id AS order_outlet_id,
      u.name AS umkm_name, c.chain_code, c.name AS chain_name, o.name AS outlet_name, o.branch_id AS outlet_branch_id, b.name AS branch_name,
      gr.id AS receipt_id, gr.number AS receipt_number,
      (SELECT sum(qty) FROM delivery_note_lines WHERE note_id = dn.id) AS qty,
      (SELECT sum(grl.qty_accepted) FROM goods_receipt_lines grl WHERE grl.receipt_id = gr.id) AS accepted,
      (SELECT sum(grl.qty_rejected) FROM goods_receipt_lines grl WHERE grl.receipt_id = gr.id) AS rejected
    FROM ${from} JOIN organizations u ON u.id = dn.umkm_id JOIN organizations c ON c.id = dn.chain_id
      LEFT JOIN outlets o ON o.id = po.outlet_id LEFT JOIN organizations b ON b.id = po.branch_id
      LEFT JOIN goods_receipts gr ON gr.delivery_note_id = dn.id
    WHERE ${where} ORDER BY dn.created_at DESC, dn.number DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db);
  return {
    items: rows.rows.map((r) => {
      const qty = int(r.qty);
      const received = r.receipt_id !== null && r.receipt_id !== undefined;
      return {
        id: String(r.id),
        number: String(r.number),
        orderId: String(r.order_id),
        orderNumber: String(r.order_number),
        status: r.status as 'issued' | 'received' | 'cancelled',
        umkmId: String(r.umkm_id),
        umkmName: String(r.umkm_name),
        chainId: String(r.chain_id),
        chainCode: String(r.chain_code),
        chainName: String(r.chain_name),
        deliverTo: r.deliver_to as 'outlet' | 'distribution_centre',
        orderBranchId: (r.branch_id as string | null) ?? null,
        outletBranchId: (r.outlet_branch_id as string | null) ?? null,
        regionCode: String(r.region_code),
        // "DC Alfamart Bengkulu": what the trade calls a distribution centre in either language.
        destinationName: String(r.deliver_to === 'outlet' ? r.outlet_name : `DC ${r.branch_name ?? r.chain_name}`),
        orderOutletId: (r.order_outlet_id as string | null) ?? null,
        shipOn: ds(r.ship_on),
        createdAt: iso(r.created_at) as string,
        receiptId: (r.receipt_id as string | null) ?? null,
        receiptNumber: (r.receipt_number as string | null) ?? null,
        qty,
        accepted: received ? int(r.accepted) : null,
        rejected: received ? int(r.rejected) : null,
        short: received ? qty - int(r.accepted) - int(r.rejected) : null,
      };
    }),
    total: int(total.rows[0]?.n),
  };
}
export type NoteRow = Awaited<ReturnType<typeof listNotes>>['items'][number];

export async function lockNote(db: Database, id: string) {
  return db.selectFrom('delivery_notes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function noteLines(db: Database, noteIds: string[]) {
  if (!noteIds.length) return [];
  const rows = await sql<Record<string, unknown>>`
    SELECT dnl.*, o.name AS outlet_name, o.store_code, o.district_code, o.province_code, p.name AS product_name,
      sb.batch_code, sb.produced_on, sb.expires_on,
      grl.qty_accepted, grl.qty_rejected, grl.reject_reason
    FROM delivery_note_lines dnl JOIN outlets o ON o.id = dnl.outlet_id JOIN products p ON p.id = dnl.product_id
      JOIN stock_batches sb ON sb.id = dnl.batch_id
      LEFT JOIN goods_receipt_lines grl ON grl.delivery_line_id = dnl.id
    WHERE dnl.note_id IN (${sql.join(noteIds)}) ORDER BY o.store_code, p.name, sb.batch_code, dnl.id`.execute(db);
  return rows.rows.map((r) => {
    const received = r.qty_accepted !== null && r.qty_accepted !== undefined;
    return {
      id: String(r.id),
      noteId: String(r.note_id),
      orderLineId: String(r.order_line_id),
      outletId: String(r.outlet_id),
      outletName: String(r.outlet_name),
      storeCode: String(r.store_code),
      districtCode: String(r.district_code),
      provinceCode: String(r.province_code),
      productId: String(r.product_id),
      productName: String(r.product_name),
      batchId: String(r.batch_id),
      batchCode: String(r.batch_code),
      producedOn: ds(r.produced_on),
      expiresOn: ds(r.expires_on),
      qty: int(r.qty),
      accepted: received ? int(r.qty_accepted) : null,
      rejected: received ? int(r.qty_rejected) : null,
      short: received ? int(r.qty) - int(r.qty_accepted) - int(r.qty_rejected) : null,
      rejectReason: (r.reject_reason as RejectReason | null) ?? null,
    };
  });
}
export type NoteLineRow = Awaited<ReturnType<typeof noteLines>>[number];

// ---- receipts ----

export async function insertReceipt(
  db: Database,
  r: {
    number: string;
    noteId: string;
    chainId: string;
    umkmId: string;
    provinceCode: string;
    receivedOn: string;
    note: string | null;
    by: string | null;
  },
  lines: { deliveryLineId: string; accepted: number; rejected: number; rejectReason: RejectReason | null }[],
) {
  const { id } = await db
    .insertInto('goods_receipts')
    .values({
      number: r.number,
      delivery_note_id: r.noteId,
      chain_id: r.chainId,
      umkm_id: r.umkmId,
      province_code: r.provinceCode,
      received_on: r.receivedOn,
      note: r.note,
      received_by: r.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('goods_receipt_lines')
    .values(
      lines.map((l) => ({
        receipt_id: id,
        delivery_line_id: l.deliveryLineId,
        qty_accepted: l.accepted,
        qty_rejected: l.rejected,
        reject_reason: l.rejectReason,
      })),
    )
    .execute();
  await db.updateTable('delivery_notes').set({ status: 'received' }).where('id', '=', r.noteId).execute();
  return id;
}

export async function listReceipts(
  db: Database,
  actor: Actor,
  f: { umkmId?: string; orderId?: string; id?: string; limit: number; offset: number },
) {
  const where = sql.join(
    [
      orderScope(actor, 'po'),
      f.umkmId ? sql`gr.umkm_id = ${f.umkmId}` : sql`true`,
      f.orderId ? sql`dn.order_id = ${f.orderId}` : sql`true`,
      f.id ? sql`gr.id = ${f.id}` : sql`true`,
    ],
    sql` AND `,
  );
  const from = sql`goods_receipts gr JOIN delivery_notes dn ON dn.id = gr.delivery_note_id JOIN purchase_orders po ON po.id = dn.order_id`;
  const rows = await sql<Record<string, unknown>>`
    SELECT gr.*, dn.number AS note_number, dn.order_id, po.number AS order_number, u.name AS umkm_name, c.name AS chain_name,
      (SELECT sum(qty) FROM delivery_note_lines WHERE note_id = dn.id) AS delivered,
      (SELECT sum(qty_accepted) FROM goods_receipt_lines WHERE receipt_id = gr.id) AS accepted,
      (SELECT sum(qty_rejected) FROM goods_receipt_lines WHERE receipt_id = gr.id) AS rejected
    FROM ${from} JOIN organizations u ON u.id = gr.umkm_id JOIN organizations c ON c.id = gr.chain_id
    WHERE ${where} ORDER BY gr.created_at DESC, gr.number DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db);
  return {
    items: rows.rows.map((r) => ({
      id: String(r.id),
      number: String(r.number),
      deliveryNoteId: String(r.delivery_note_id),
      deliveryNoteNumber: String(r.note_number),
      orderId: String(r.order_id),
      orderNumber: String(r.order_number),
      umkmId: String(r.umkm_id),
      umkmName: String(r.umkm_name),
      chainName: String(r.chain_name),
      receivedOn: ds(r.received_on),
      note: (r.note as string | null) ?? null,
      createdAt: iso(r.created_at) as string,
      totals: {
        delivered: int(r.delivered),
        accepted: int(r.accepted),
        rejected: int(r.rejected),
        short: int(r.delivered) - int(r.accepted) - int(r.rejected),
      },
    })),
    total: int(total.rows[0]?.n),
  };
}

// ---- the stock ledger ----

export interface MovementInsert {
  outletId: string;
  productId: string;
  batchId: string | null;
  umkmId: string;
  chainId: string;
  provinceCode: string;
  districtCode: string;
  kind: MovementKind;
  qty: number;
  occurredOn: string;
  source: MovementSource;
  sourceId: string;
  variance?: boolean;
  createdBy: string | null;
}

export async function insertMovements(db: Database, ms: MovementInsert[]) {
  const rows = ms.filter((m) => m.qty !== 0);
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('stock_movements')
      .values(
        rows.slice(i, i + 1000).map((m) => ({
          outlet_id: m.outletId,
          product_id: m.productId,
          batch_id: m.batchId,
          umkm_id: m.umkmId,
          chain_id: m.chainId,
          province_code: m.provinceCode,
          district_code: m.districtCode,
          kind: m.kind,
          qty: m.qty,
          occurred_on: m.occurredOn,
          source: m.source,
          source_id: m.sourceId,
          variance: m.variance ?? false,
          created_by: m.createdBy,
        })),
      )
      .execute();
  }
  return rows.length;
}

/** Stock on hand per batch at one outlet (batches with a movement there), locked against concurrent
 *  writers of the same outlet by the outlet row. */
export async function batchStockAt(db: Database, outletId: string, productIds?: string[]) {
  await sql`SELECT id FROM outlets WHERE id = ${outletId} FOR UPDATE`.execute(db);
  const rows = await sql<Record<string, unknown>>`
    SELECT sm.product_id, sm.batch_id, sum(sm.qty) AS on_hand, sb.batch_code, sb.expires_on, sb.produced_on, sb.umkm_id,
      p.name AS product_name, p.perishable
    FROM stock_movements sm JOIN stock_batches sb ON sb.id = sm.batch_id JOIN products p ON p.id = sm.product_id
    WHERE sm.outlet_id = ${outletId} ${productIds?.length ? sql`AND sm.product_id IN (${sql.join(productIds)})` : sql``}
    GROUP BY sm.product_id, sm.batch_id, sb.batch_code, sb.expires_on, sb.produced_on, sb.umkm_id, p.name, p.perishable
    ORDER BY sb.expires_on, sb.produced_on, sm.batch_id`.execute(db);
  return rows.rows.map((r) => ({
    productId: String(r.product_id),
    productName: String(r.product_name),
    perishable: Boolean(r.perishable),
    batchId: String(r.batch_id),
    batchCode: String(r.batch_code),
    expiresOn: ds(r.expires_on),
    producedOn: ds(r.produced_on),
    umkmId: String(r.umkm_id),
    onHand: int(r.on_hand),
  }));
}

/** The PKS a batch arrived under at an outlet (the order of the latest delivery note of it there). */
export async function agreementOfBatch(db: Database, outletId: string, batchId: string) {
  const row = await sql<{ agreement_id: string }>`
    SELECT po.agreement_id FROM delivery_note_lines dnl JOIN delivery_notes dn ON dn.id = dnl.note_id
      JOIN purchase_orders po ON po.id = dn.order_id
    WHERE dnl.outlet_id = ${outletId} AND dnl.batch_id = ${batchId}
    ORDER BY dn.created_at DESC LIMIT 1`.execute(db);
  return row.rows[0]?.agreement_id ?? null;
}

const ownerSql = sql`coalesce((SELECT v.trade_model FROM delivery_note_lines dnl JOIN delivery_notes dn ON dn.id = dnl.note_id
    JOIN purchase_orders po ON po.id = dn.order_id JOIN agreement_versions v ON v.agreement_id = po.agreement_id
    WHERE dnl.batch_id = s.batch_id AND dnl.outlet_id = s.outlet_id AND v.status IN ('signed', 'superseded', 'terminated')
    ORDER BY dn.created_at DESC, v.version DESC LIMIT 1), 'konsinyasi')`;

export async function listStock(
  db: Database,
  actor: Actor,
  f: { outletId?: string; productId?: string; umkmId?: string; limit: number; offset: number },
) {
  const where = sql.join(
    [
      stockScope(actor, 'sm'),
      sql`sm.batch_id IS NOT NULL`,
      f.outletId ? sql`sm.outlet_id = ${f.outletId}` : sql`true`,
      f.productId ? sql`sm.product_id = ${f.productId}` : sql`true`,
      f.umkmId ? sql`sm.umkm_id = ${f.umkmId}` : sql`true`,
    ],
    sql` AND `,
  );
  const base = sql`SELECT sm.outlet_id, sm.product_id, sm.batch_id, sm.umkm_id, sum(sm.qty) AS on_hand FROM stock_movements sm
    WHERE ${where} GROUP BY sm.outlet_id, sm.product_id, sm.batch_id, sm.umkm_id HAVING sum(sm.qty) <> 0`;
  const rows = await sql<Record<string, unknown>>`
    SELECT s.*, o.name AS outlet_name, o.store_code, p.name AS product_name, p.perishable, u.name AS umkm_name,
      sb.batch_code, sb.produced_on, sb.expires_on, ${ownerSql} AS trade_model
    FROM (${base}) s JOIN outlets o ON o.id = s.outlet_id JOIN products p ON p.id = s.product_id
      JOIN organizations u ON u.id = s.umkm_id JOIN stock_batches sb ON sb.id = s.batch_id
    ORDER BY o.store_code, p.name, sb.expires_on, s.batch_id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM (${base}) s`.execute(db);
  return {
    rows: rows.rows.map((r) => ({
      outletId: String(r.outlet_id),
      outletName: String(r.outlet_name),
      storeCode: String(r.store_code),
      productId: String(r.product_id),
      productName: String(r.product_name),
      perishable: Boolean(r.perishable),
      umkmId: String(r.umkm_id),
      umkmName: String(r.umkm_name),
      batchId: String(r.batch_id),
      batchCode: String(r.batch_code),
      producedOn: ds(r.produced_on),
      expiresOn: ds(r.expires_on),
      onHand: int(r.on_hand),
      tradeModel: r.trade_model as 'konsinyasi' | 'beli_putus',
      districtCode: '',
    })),
    total: int(total.rows[0]?.n),
  };
}

export async function listMovements(
  db: Database,
  actor: Actor,
  f: { outletId?: string; productId?: string; batchId?: string; limit: number; offset: number },
) {
  const where = sql.join(
    [
      stockScope(actor, 'sm'),
      f.outletId ? sql`sm.outlet_id = ${f.outletId}` : sql`true`,
      f.productId ? sql`sm.product_id = ${f.productId}` : sql`true`,
      f.batchId ? sql`sm.batch_id = ${f.batchId}` : sql`true`,
    ],
    sql` AND `,
  );
  const rows = await sql<Record<string, unknown>>`
    SELECT sm.*, o.name AS outlet_name, p.name AS product_name, sb.batch_code
    FROM stock_movements sm JOIN outlets o ON o.id = sm.outlet_id JOIN products p ON p.id = sm.product_id
      LEFT JOIN stock_batches sb ON sb.id = sm.batch_id
    WHERE ${where} ORDER BY sm.occurred_on DESC, sm.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM stock_movements sm WHERE ${where}`.execute(db);
  return {
    items: rows.rows.map((r) => ({
      id: String(r.id),
      outletId: String(r.outlet_id),
      outletName: String(r.outlet_name),
      productId: String(r.product_id),
      productName: String(r.product_name),
      batchId: (r.batch_id as string | null) ?? null,
      batchCode: (r.batch_code as string | null) ?? null,
      kind: r.kind as MovementKind,
      qty: int(r.qty),
      occurredOn: ds(r.occurred_on),
      source: r.source as MovementSource,
      sourceId: String(r.source_id),
      variance: Boolean(r.variance),
      createdAt: iso(r.created_at) as string,
    })),
    total: int(total.rows[0]?.n),
  };
}

// ---- POS sales into the ledger ----

/** Posts an import's sales lines as 'sold' movements, set-wise: the net per outlet × product × sales day
 *  draws batches first-expiry-first-out among those with stock on hand at the outlet that had not expired
 *  before the sales day (a running sum over the batches in FEFO order against the day's demand); what finds
 *  no batch is one flagged movement with no batch; a negative net goes back to the batch last drawn there
 *  (flagged without a batch when none was ever drawn). Days are taken in order, each one statement. */
export async function postSales(db: Database, importId: string, netTable?: string): Promise<number> {
  if (!db.isTransaction) return db.transaction().execute((trx) => postSales(trx, importId, netTable));
  const done = await sql<{
    n: string;
  }>`SELECT count(*) AS n FROM stock_movements WHERE source = 'sales' AND source_id = ${importId}`.execute(db);
  if (int(done.rows[0]?.n) > 0) return 0;
  // The import's net per outlet × product × day, in a temporary table with statistics: the planner then
  // sees how many groups there are (a fresh import has none in sales_lines yet) and hash-joins them.
  // Room for the hash aggregates and sorts of a big import (this transaction only).
  await sql`SET LOCAL work_mem = '64MB'`.execute(db);
  await sql`DROP TABLE IF EXISTS ops_sales_groups`.execute(db);
  // An outlet has one chain and place, a product one maker: grouping by them too splits no group.
  // The caller may hand over the nets it computed while storing the lines (the sales import does: no index
  // finds an import's lines); otherwise they are summed from sales_lines.
  await sql`CREATE TEMP TABLE ops_sales_groups ON COMMIT DROP AS ${
    netTable
      ? sql`SELECT sales_date, outlet_id, product_id, chain_id, umkm_id, province_code, district_code, sum(net)::int AS net
    FROM ${sql.id(netTable)}
    GROUP BY sales_date, outlet_id, product_id, chain_id, umkm_id, province_code, district_code HAVING sum(net) <> 0`
      : sql`SELECT sales_date, outlet_id, product_id, chain_id, umkm_id, province_code, district_code, sum(qty)::int AS net
    FROM sales_lines WHERE import_id = ${importId}
    GROUP BY sales_date, outlet_id, product_id, chain_id, umkm_id, province_code, district_code HAVING sum(qty) <> 0`
  }`.execute(db);
  await sql`ANALYZE ops_sales_groups`.execute(db);
  const days = await sql<{ d: unknown }>`SELECT DISTINCT sales_date AS d FROM ops_sales_groups ORDER BY 1`.execute(db);
  let variances = 0;
  for (const { d } of days.rows) {
    const day = ds(d);
    const res = await sql<{ v: string }>`
      WITH g AS (SELECT * FROM ops_sales_groups WHERE sales_date = ${day}::date),
      pos AS (SELECT * FROM g WHERE net > 0),
      -- What a batch could sell that day: what it held at the end of the sales day (goods received later
      -- were not on the shelf yet), and no more than it holds now (later days' sales may have taken it).
      b AS (
        SELECT * FROM (
          SELECT m.outlet_id, m.product_id, m.batch_id, sb.expires_on, sb.produced_on,
            least(sum(m.qty), coalesce(sum(m.qty) FILTER (WHERE m.occurred_on <= ${day}::date), 0))::int AS on_hand
          FROM stock_movements m
            JOIN pos ON pos.outlet_id = m.outlet_id AND pos.product_id = m.product_id
            JOIN stock_batches sb ON sb.id = m.batch_id
          WHERE sb.expires_on >= ${day}::date
          GROUP BY m.outlet_id, m.product_id, m.batch_id, sb.expires_on, sb.produced_on
        ) held WHERE held.on_hand > 0
      ),
      c AS (
        SELECT b.*, sum(b.on_hand) OVER (PARTITION BY b.outlet_id, b.product_id
          ORDER BY b.expires_on, b.produced_on, b.batch_id ROWS UNBOUNDED PRECEDING) AS cum
        FROM b
      ),
      draws AS (
        SELECT pos.outlet_id, pos.product_id, c.batch_id, least(c.on_hand, pos.net - (c.cum - c.on_hand)) AS qty, false AS variance,
          c.cum AS seq, pos.umkm_id, pos.chain_id, pos.province_code, pos.district_code
        FROM c JOIN pos ON pos.outlet_id = c.outlet_id AND pos.product_id = c.product_id
        WHERE c.cum - c.on_hand < pos.net
      ),
      unmatched AS (
        SELECT pos.outlet_id, pos.product_id, NULL::uuid AS batch_id, pos.net - coalesce(s.supply, 0) AS qty, true AS variance,
          2147483647::bigint AS seq, pos.umkm_id, pos.chain_id, pos.province_code, pos.district_code
        FROM pos LEFT JOIN (SELECT outlet_id, product_id, sum(on_hand) AS supply FROM b GROUP BY outlet_id, product_id) s
          ON s.outlet_id = pos.outlet_id AND s.product_id = pos.product_id
        WHERE pos.net > coalesce(s.supply, 0)
      ),
      neg AS (SELECT * FROM g WHERE net < 0),
      last_drawn AS (
        SELECT DISTINCT ON (m.outlet_id, m.product_id) m.outlet_id, m.product_id, m.batch_id
        FROM stock_movements m JOIN neg ON neg.outlet_id = m.outlet_id AND neg.product_id = m.product_id
        WHERE m.kind = 'sold' AND m.qty < 0 AND m.batch_id IS NOT NULL
        ORDER BY m.outlet_id, m.product_id, m.id DESC
      ),
      back AS (
        SELECT neg.outlet_id, neg.product_id, ld.batch_id, neg.net AS qty, ld.batch_id IS NULL AS variance, 0::bigint AS seq,
          neg.umkm_id, neg.chain_id, neg.province_code, neg.district_code
        FROM neg LEFT JOIN last_drawn ld ON ld.outlet_id = neg.outlet_id AND ld.product_id = neg.product_id
      ),
      moves AS (SELECT * FROM draws UNION ALL SELECT * FROM unmatched UNION ALL SELECT * FROM back),
      ins AS (
        INSERT INTO stock_movements (outlet_id, product_id, batch_id, umkm_id, chain_id, province_code, district_code,
          kind, qty, occurred_on, source, source_id, variance)
        SELECT mv.outlet_id, mv.product_id, mv.batch_id, mv.umkm_id, mv.chain_id, mv.province_code, mv.district_code,
          'sold', -mv.qty, ${day}::date, 'sales', ${importId}, mv.variance
        FROM moves mv
        WHERE mv.qty <> 0
        -- In FEFO order, so that the batch drawn last has the latest id (a till return goes back to it).
        ORDER BY mv.outlet_id, mv.product_id, mv.seq
        RETURNING variance
      )
      SELECT count(*) FILTER (WHERE variance) AS v FROM ins`.execute(db);
    variances += int(res.rows[0]?.v);
    // A turn of the event loop between days (PGlite runs each statement on this thread).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return variances;
}

// ---- stock counts ----

export async function insertStockCount(
  db: Database,
  c: { outletId: string; chainId: string; countedOn: string; note: string | null; by: string | null },
  lines: { productId: string; batchId: string | null; expected: number; counted: number }[],
) {
  const { id } = await db
    .insertInto('stock_counts')
    .values({ outlet_id: c.outletId, chain_id: c.chainId, counted_on: c.countedOn, note: c.note, created_by: c.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('stock_count_lines')
    .values(
      lines.map((l) => ({ count_id: id, product_id: l.productId, batch_id: l.batchId, expected_qty: l.expected, counted_qty: l.counted })),
    )
    .execute();
  return id;
}

// ---- returns ----

export async function insertReturn(
  db: Database,
  r: {
    number: string;
    outletId: string;
    chainId: string;
    umkmId: string;
    agreementId: string;
    provinceCode: string;
    districtCode: string;
    reason: ReturnReason;
    borneBy: LossBearer;
    returnedOn: string;
    pickupDueAt: Date | null;
    note: string | null;
    by: string | null;
  },
  lines: { productId: string; batchId: string; qty: number }[],
) {
  const { id } = await db
    .insertInto('return_notes')
    .values({
      number: r.number,
      outlet_id: r.outletId,
      chain_id: r.chainId,
      umkm_id: r.umkmId,
      agreement_id: r.agreementId,
      province_code: r.provinceCode,
      district_code: r.districtCode,
      reason: r.reason,
      borne_by: r.borneBy,
      returned_on: r.returnedOn,
      pickup_due_at: r.pickupDueAt,
      note: r.note,
      created_by: r.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('return_note_lines')
    .values(lines.map((l) => ({ note_id: id, product_id: l.productId, batch_id: l.batchId, qty: l.qty })))
    .execute();
  return id;
}

export async function listReturns(db: Database, actor: Actor, f: { outletId?: string; id?: string; limit: number; offset: number }) {
  const where = sql.join(
    [returnScope(actor, 'rn'), f.outletId ? sql`rn.outlet_id = ${f.outletId}` : sql`true`, f.id ? sql`rn.id = ${f.id}` : sql`true`],
    sql` AND `,
  );
  const rows = await sql<Record<string, unknown>>`
    SELECT rn.*, o.name AS outlet_name, o.branch_id AS outlet_branch_id, c.name AS chain_name, u.name AS umkm_name,
      (SELECT sum(qty) FROM return_note_lines WHERE note_id = rn.id) AS qty
    FROM return_notes rn JOIN outlets o ON o.id = rn.outlet_id JOIN organizations c ON c.id = rn.chain_id
      JOIN organizations u ON u.id = rn.umkm_id
    WHERE ${where} ORDER BY rn.created_at DESC, rn.number DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM return_notes rn WHERE ${where}`.execute(db);
  return {
    items: rows.rows.map((r) => ({
      id: String(r.id),
      number: String(r.number),
      outletId: String(r.outlet_id),
      outletName: String(r.outlet_name),
      outletBranchId: (r.outlet_branch_id as string | null) ?? null,
      districtCode: String(r.district_code),
      chainId: String(r.chain_id),
      chainName: String(r.chain_name),
      umkmId: String(r.umkm_id),
      umkmName: String(r.umkm_name),
      agreementId: String(r.agreement_id),
      reason: r.reason as ReturnReason,
      borneBy: r.borne_by as LossBearer,
      returnedOn: ds(r.returned_on),
      pickupDueAt: iso(r.pickup_due_at),
      pickedUpAt: iso(r.picked_up_at),
      note: (r.note as string | null) ?? null,
      createdAt: iso(r.created_at) as string,
      qty: int(r.qty),
    })),
    total: int(total.rows[0]?.n),
  };
}
export type ReturnRow = Awaited<ReturnType<typeof listReturns>>['items'][number];

export async function returnLines(db: Database, id: string) {
  const rows = await sql<Record<string, unknown>>`
    SELECT l.*, p.name AS product_name, sb.batch_code, sb.expires_on FROM return_note_lines l
      JOIN products p ON p.id = l.product_id JOIN stock_batches sb ON sb.id = l.batch_id
    WHERE l.note_id = ${id} ORDER BY p.name, sb.batch_code`.execute(db);
  return rows.rows.map((r) => ({
    productId: String(r.product_id),
    productName: String(r.product_name),
    batchId: String(r.batch_id),
    batchCode: String(r.batch_code),
    expiresOn: ds(r.expires_on),
    qty: int(r.qty),
  }));
}

export async function recordPickup(db: Database, id: string, at: Date, by: string | null) {
  await db
    .updateTable('return_notes')
    .set({ picked_up_at: at, picked_up_by: by })
    .where('id', '=', id)
    .where('picked_up_at', 'is', null)
    .execute();
}

// ---- reminders ----

/** How many reminders of each kind the actor has (exact), beside the first of each kind that the lists
 *  below return (most urgent first: a home shows a few and says how many more). */
const REMINDER_SAMPLE = 200;

export async function reminderFacts(
  db: Database,
  actor: Actor,
  f: { today: string; now: Date; soonPerishable: string; soonOther: string },
) {
  const ordersWhere = sql`${orderScope(actor, 'po')} AND (po.status = 'sent'
      OR (po.status IN ('confirmed', 'partly_confirmed') AND po.deliver_by < ${f.today}::date
        AND NOT EXISTS (SELECT 1 FROM delivery_notes dn WHERE dn.order_id = po.id AND dn.status <> 'cancelled')))`;
  const awaiting = await sql<Record<string, unknown>>`
    SELECT po.id, po.number, po.deliver_by, po.status, u.name AS umkm_name, c.name AS chain_name FROM purchase_orders po
      JOIN organizations u ON u.id = po.umkm_id JOIN organizations c ON c.id = po.chain_id
    WHERE ${ordersWhere} ORDER BY po.deliver_by, po.number LIMIT ${REMINDER_SAMPLE}`.execute(db);
  const notesWhere = sql`${orderScope(actor, 'po')} AND dn.status = 'issued'`;
  const notes = await sql<Record<string, unknown>>`
    SELECT dn.id, dn.number, dn.ship_on, u.name AS umkm_name FROM delivery_notes dn JOIN purchase_orders po ON po.id = dn.order_id
      JOIN organizations u ON u.id = dn.umkm_id
    WHERE ${notesWhere} ORDER BY dn.ship_on, dn.number LIMIT ${REMINDER_SAMPLE}`.execute(db);
  const pickupsWhere = sql`${returnScope(actor, 'rn')} AND rn.pickup_due_at IS NOT NULL AND rn.picked_up_at IS NULL`;
  const pickups = await sql<Record<string, unknown>>`
    SELECT rn.id, rn.number, rn.pickup_due_at, o.name AS outlet_name FROM return_notes rn JOIN outlets o ON o.id = rn.outlet_id
    WHERE ${pickupsWhere} ORDER BY rn.pickup_due_at LIMIT ${REMINDER_SAMPLE}`.execute(db);
  const batchesFrom = sql`(SELECT sm.outlet_id, sm.product_id, sm.batch_id, sum(sm.qty) AS on_hand FROM stock_movements sm
          WHERE ${stockScope(actor, 'sm')} AND sm.batch_id IS NOT NULL GROUP BY sm.outlet_id, sm.product_id, sm.batch_id HAVING sum(sm.qty) > 0) s
      JOIN stock_batches sb ON sb.id = s.batch_id JOIN products p ON p.id = s.product_id JOIN outlets o ON o.id = s.outlet_id
    WHERE sb.expires_on <= CASE WHEN p.perishable THEN ${f.soonPerishable}::date ELSE ${f.soonOther}::date END`;
  const batches = await sql<Record<string, unknown>>`
    SELECT s.outlet_id, s.batch_id, s.on_hand, o.name AS outlet_name, p.name AS product_name, p.perishable, sb.batch_code, sb.expires_on
    FROM ${batchesFrom} ORDER BY sb.expires_on, o.store_code LIMIT ${REMINDER_SAMPLE * 2}`.execute(db);
  const n = await sql<Record<string, string>>`SELECT
      (SELECT count(*) FILTER (WHERE po.status = 'sent') FROM purchase_orders po WHERE ${ordersWhere}) AS order_awaiting_answer,
      (SELECT count(*) FILTER (WHERE po.status <> 'sent') FROM purchase_orders po WHERE ${ordersWhere}) AS order_not_shipped,
      (SELECT count(*) FROM delivery_notes dn JOIN purchase_orders po ON po.id = dn.order_id WHERE ${notesWhere}) AS delivery_not_received,
      (SELECT count(*) FILTER (WHERE rn.pickup_due_at >= ${f.now}) FROM return_notes rn WHERE ${pickupsWhere}) AS pickup_due,
      (SELECT count(*) FILTER (WHERE rn.pickup_due_at < ${f.now}) FROM return_notes rn WHERE ${pickupsWhere}) AS pickup_overdue,
      (SELECT count(*) FILTER (WHERE sb.expires_on >= ${f.today}::date) FROM ${batchesFrom}) AS batch_expiring,
      (SELECT count(*) FILTER (WHERE sb.expires_on < ${f.today}::date) FROM ${batchesFrom}) AS expired_not_written_off`.execute(db);
  const counts = Object.fromEntries(Object.entries(n.rows[0] ?? {}).map(([k, v]) => [k, int(v)])) as Record<ReminderKind, number>;
  return { orders: awaiting.rows, notes: notes.rows, pickups: pickups.rows, batches: batches.rows, counts };
}

// ---- sell-out ----

export async function sellOut(
  db: Database,
  actor: Actor,
  f: { from: string; to: string; productId?: string; outletId?: string; limit: number; offset: number },
) {
  const where = sql.join(
    [
      outletRecordScope(actor, 'sl'),
      sql`sl.sales_date BETWEEN ${f.from}::date AND ${f.to}::date`,
      f.productId ? sql`sl.product_id = ${f.productId}` : sql`true`,
      f.outletId ? sql`sl.outlet_id = ${f.outletId}` : sql`true`,
    ],
    sql` AND `,
  );
  const base = sql`SELECT sl.product_id, sl.outlet_id, sum(sl.qty) AS units FROM sales_lines sl WHERE ${where} GROUP BY sl.product_id, sl.outlet_id`;
  const rows = await sql<Record<string, unknown>>`
    SELECT s.*, p.name AS product_name, p.perishable, p.shelf_life_days, o.name AS outlet_name, o.store_code, o.accepts_perishable
    FROM (${base}) s JOIN products p ON p.id = s.product_id JOIN outlets o ON o.id = s.outlet_id
    ORDER BY p.name, o.store_code, s.product_id, s.outlet_id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM (${base}) s`.execute(db);
  const pairs = rows.rows.map((r) => ({ productId: String(r.product_id), outletId: String(r.outlet_id) }));
  const daily = pairs.length
    ? await sql<{ product_id: string; outlet_id: string; d: unknown; units: string }>`
        SELECT sl.product_id, sl.outlet_id, sl.sales_date AS d, sum(sl.qty) AS units FROM sales_lines sl
        WHERE ${where} AND (sl.product_id, sl.outlet_id) IN (${sql.join(pairs.map((p) => sql`(${p.productId}::uuid, ${p.outletId}::uuid)`))})
        GROUP BY sl.product_id, sl.outlet_id, sl.sales_date ORDER BY sl.sales_date`.execute(db)
    : { rows: [] };
  return {
    rows: rows.rows.map((r) => ({
      productId: String(r.product_id),
      productName: String(r.product_name),
      perishable: Boolean(r.perishable),
      shelfLifeDays: int(r.shelf_life_days),
      outletId: String(r.outlet_id),
      outletName: String(r.outlet_name),
      storeCode: String(r.store_code),
      acceptsPerishable: Boolean(r.accepts_perishable),
      units: int(r.units),
    })),
    daily: daily.rows.map((r) => ({ key: `${r.product_id}|${r.outlet_id}`, date: ds(r.d), units: int(r.units) })),
    total: int(total.rows[0]?.n),
  };
}

/** Batches with stock per outlet × product (for sell-out's "expiring soon"). */
export async function batchesOfPairs(db: Database, pairs: { productId: string; outletId: string }[]) {
  if (!pairs.length) return [];
  const rows = await sql<Record<string, unknown>>`
    SELECT sm.product_id, sm.outlet_id, sm.batch_id, sb.batch_code, sb.expires_on, sum(sm.qty) AS on_hand
    FROM stock_movements sm JOIN stock_batches sb ON sb.id = sm.batch_id
    WHERE (sm.product_id, sm.outlet_id) IN (${sql.join(pairs.map((p) => sql`(${p.productId}::uuid, ${p.outletId}::uuid)`))})
    GROUP BY sm.product_id, sm.outlet_id, sm.batch_id, sb.batch_code, sb.expires_on HAVING sum(sm.qty) > 0
    ORDER BY sb.expires_on`.execute(db);
  return rows.rows.map((r) => ({
    key: `${r.product_id}|${r.outlet_id}`,
    batchId: String(r.batch_id),
    batchCode: String(r.batch_code),
    expiresOn: ds(r.expires_on),
    onHand: int(r.on_hand),
  }));
}

// ---- service level ----

export async function serviceLevel(
  db: Database,
  actor: Actor,
  f: { by: 'umkm' | 'outlet'; from: string; to: string; limit: number; offset: number },
) {
  const key = f.by === 'umkm' ? sql`po.umkm_id` : sql`l.outlet_id`;
  const name = f.by === 'umkm' ? sql`(SELECT name FROM organizations WHERE id = g.id)` : sql`(SELECT name FROM outlets WHERE id = g.id)`;
  const groups = sql`SELECT ${key} AS id, sum(l.qty_ordered) AS ordered, sum(coalesce(l.qty_confirmed, 0)) AS confirmed,
        sum(coalesce((SELECT sum(grl.qty_accepted) FROM goods_receipt_lines grl JOIN delivery_note_lines dnl ON dnl.id = grl.delivery_line_id
          WHERE dnl.order_line_id = l.id), 0)) AS received
      FROM purchase_order_lines l JOIN purchase_orders po ON po.id = l.order_id
      WHERE ${orderScope(actor, 'po')} AND po.status <> 'cancelled'
        AND po.ordered_on BETWEEN ${f.from}::date AND ${f.to}::date
        ${actor.role === 'retailer' && actor.branchId ? sql`AND l.outlet_id IN (SELECT id FROM outlets WHERE branch_id = ${actor.branchId})` : sql``}
      GROUP BY ${key}`;
  const rows = await sql<Record<string, unknown>>`
    SELECT g.*, ${name} AS name FROM (${groups}) g
    ORDER BY name, g.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const all = await sql<Record<string, unknown>>`SELECT count(*) AS n, sum(ordered) AS ordered, sum(confirmed) AS confirmed,
      sum(received) AS received FROM (${groups}) g`.execute(db);
  const sums = (r: Record<string, unknown> | undefined) => ({
    ordered: int(r?.ordered),
    confirmed: int(r?.confirmed),
    received: int(r?.received),
  });
  return {
    rows: rows.rows.map((r) => ({ id: String(r.id), name: String(r.name ?? ''), ...sums(r) })),
    total: int(all.rows[0]?.n),
    all: sums(all.rows[0]),
  };
}

// ---- reconciliation ----

/** Flows per outlet × product of one PKS's goods (the chain's outlets — a branch PKS only its branch's —,
 *  the UMKM's products listed in any version of the PKS) over [from, to], from the ledger; and what the
 *  received delivery notes of the PKS's orders shipped, rejected and left short in the period. */
export async function reconciliationFlows(
  db: Database,
  a: { id: string; chain_id: string; branch_id: string | null; umkm_id: string },
  from: string,
  to: string,
  /** Outlet staff: their one outlet (staffOutletOf); null for everyone else. */
  onlyOutlet: string | null = null,
) {
  const products = sql`(SELECT ap.product_id FROM agreement_products ap JOIN agreement_versions v ON v.id = ap.version_id WHERE v.agreement_id = ${a.id})`;
  const branchOutlets = a.branch_id ? sql`sm.outlet_id IN (SELECT id FROM outlets WHERE branch_id = ${a.branch_id})` : sql`true`;
  const outlets = onlyOutlet ? sql`(${branchOutlets} AND sm.outlet_id = ${onlyOutlet})` : branchOutlets;
  const flows = await sql<Record<string, unknown>>`
    SELECT sm.outlet_id, sm.product_id, o.name AS outlet_name, p.name AS product_name,
      sum(sm.qty) FILTER (WHERE sm.occurred_on < ${from}::date) AS opening,
      sum(sm.qty) FILTER (WHERE sm.occurred_on BETWEEN ${from}::date AND ${to}::date AND sm.kind = 'received') AS received,
      sum(sm.qty) FILTER (WHERE sm.occurred_on BETWEEN ${from}::date AND ${to}::date AND sm.kind = 'sold') AS sold,
      sum(sm.qty) FILTER (WHERE sm.occurred_on BETWEEN ${from}::date AND ${to}::date AND sm.kind = 'returned') AS returned,
      sum(sm.qty) FILTER (WHERE sm.occurred_on BETWEEN ${from}::date AND ${to}::date AND sm.kind = 'expired') AS expired,
      sum(sm.qty) FILTER (WHERE sm.occurred_on BETWEEN ${from}::date AND ${to}::date AND sm.kind = 'counted') AS counted,
      sum(sm.qty) FILTER (WHERE sm.occurred_on <= ${to}::date) AS closing
    FROM stock_movements sm JOIN outlets o ON o.id = sm.outlet_id JOIN products p ON p.id = sm.product_id
    WHERE sm.chain_id = ${a.chain_id} AND sm.umkm_id = ${a.umkm_id} AND sm.product_id IN ${products} AND ${outlets}
      AND sm.occurred_on <= ${to}::date
    GROUP BY sm.outlet_id, sm.product_id, o.name, p.name, o.store_code ORDER BY o.store_code, p.name`.execute(db);
  const receipts = await sql<Record<string, unknown>>`
    SELECT dnl.outlet_id, dnl.product_id, dnl.batch_id, gr.id AS receipt_id, gr.received_on,
      dnl.qty, grl.qty_accepted, grl.qty_rejected
    FROM goods_receipts gr JOIN delivery_notes dn ON dn.id = gr.delivery_note_id JOIN purchase_orders po ON po.id = dn.order_id
      JOIN delivery_note_lines dnl ON dnl.note_id = dn.id JOIN goods_receipt_lines grl ON grl.receipt_id = gr.id AND grl.delivery_line_id = dnl.id
    WHERE po.agreement_id = ${a.id} AND gr.received_on BETWEEN ${from}::date AND ${to}::date
      AND ${onlyOutlet ? sql`dnl.outlet_id = ${onlyOutlet}` : sql`true`}
    ORDER BY gr.received_on, gr.number`.execute(db);
  const variances = await sql<Record<string, unknown>>`
    SELECT sm.outlet_id, sm.product_id, sm.batch_id, sm.kind, sm.qty, sm.occurred_on, sm.source_id FROM stock_movements sm
    WHERE sm.chain_id = ${a.chain_id} AND sm.umkm_id = ${a.umkm_id} AND sm.product_id IN ${products} AND ${outlets}
      AND sm.occurred_on BETWEEN ${from}::date AND ${to}::date AND (sm.variance OR sm.kind = 'counted')
    ORDER BY sm.occurred_on, sm.id`.execute(db);
  return {
    flows: flows.rows.map((r) => ({
      outletId: String(r.outlet_id),
      outletName: String(r.outlet_name),
      productId: String(r.product_id),
      productName: String(r.product_name),
      opening: int(r.opening),
      received: int(r.received),
      sold: -int(r.sold),
      returned: -int(r.returned),
      expired: -int(r.expired),
      counted: int(r.counted),
      closing: int(r.closing),
    })),
    receipts: receipts.rows.map((r) => ({
      outletId: String(r.outlet_id),
      productId: String(r.product_id),
      batchId: String(r.batch_id),
      receiptId: String(r.receipt_id),
      receivedOn: ds(r.received_on),
      qty: int(r.qty),
      accepted: int(r.qty_accepted),
      rejected: int(r.qty_rejected),
    })),
    variances: variances.rows.map((r) => ({
      outletId: String(r.outlet_id),
      productId: String(r.product_id),
      batchId: (r.batch_id as string | null) ?? null,
      kind: r.kind as MovementKind,
      qty: int(r.qty),
      occurredOn: ds(r.occurred_on),
      sourceId: String(r.source_id),
    })),
  };
}
