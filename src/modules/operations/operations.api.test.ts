// The whole operations flow through the API on the demo data (umkm@demo's Alfamart PKS in OKI): a
// suggested order, an order confirmed in part, a delivery note with batches (and its PDF in Indonesian),
// a receipt with short and rejected goods posting stock, POS sales drawn FEFO by applySalesToStock (with a
// sale no delivery covers, flagged), a return of perishables whose pickup falls overdue, an expiry
// write-off, a stock count, and a reconciliation that balances and lists every variance. Then bad input
// (every field at fault at once, both languages) and tenancy (Indomaret, another UMKM).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { pdfText } from '../../../tests/pdf.ts';
import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { freshProduct } from './operations.fixtures.ts';
import * as svc from './operations.service.ts';
import { applySalesToStock } from './operations.stock.ts';

let t: TestApp;
const ALFA = demo('alfamart');
const INDO = demo('indomaret');
const UMKM = demo('umkm');
const today = localDate('16.02', TEST_NOW);

let umkmId: string;
let chainId: string;
let agreementId: string;
let outletId: string;
let products: { id: string; name: string }[];

async function one<T>(q: ReturnType<typeof sql<T>>) {
  const r = (await q.execute(t.handle.db)).rows[0];
  if (!r) throw new Error('no row');
  return r;
}

beforeAll(async () => {
  t = await testApp();
  umkmId = (await one(sql<{ id: string }>`SELECT organization_id AS id FROM users WHERE email = ${UMKM}`)).id;
  chainId = (await one(sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'chain' AND chain_code = 'alfamart'`)).id;
  agreementId = (
    await one(sql<{ id: string }>`SELECT id FROM agreements WHERE kind = 'pks' AND umkm_id = ${umkmId} AND chain_id = ${chainId}`)
  ).id;
  outletId = (
    await one(
      sql<{ id: string }>`SELECT id FROM outlets WHERE chain_id = ${chainId} AND district_code LIKE '16.02.%' ORDER BY store_code LIMIT 1`,
    )
  ).id;
  // Products of the test's own (the demo gives every outlet a history with the maker's real ones).
  products = [
    await freshProduct(t.handle.db, { umkmId, agreementId, name: 'Terasi Uji A 250 g' }),
    await freshProduct(t.handle.db, { umkmId, agreementId, name: 'Terasi Uji B 100 g' }),
  ];
  // Both products on the outlet's shelf from a week ago (placements in force).
  for (const p of products) {
    await sql`INSERT INTO placements (product_id, outlet_id, chain_id, umkm_id, district_code, province_code, starts_on)
      SELECT ${p.id}, o.id, o.chain_id, ${umkmId}, o.district_code, o.province_code, ${addDays(today, -7)}::date FROM outlets o WHERE o.id = ${outletId}`.execute(
      t.handle.db,
    );
  }
});
afterAll(() => t.close());

const post = (who: string, url: string, payload: unknown) =>
  t.as(who, { method: 'POST', url, payload: payload as Record<string, unknown> });
const get = (who: string, url: string) => t.as(who, { method: 'GET', url });

function ctxFor(actor: Partial<Actor>, now = TEST_NOW): Ctx {
  return {
    actor: {
      userId: null,
      role: 'retailer',
      organizationId: null,
      regionCode: null,
      chainId: null,
      branchId: null,
      outletId: null,
      chainCode: null,
      ...actor,
    },
    requestId: null,
    now,
  };
}

describe('order → receipt → stock → sales → return → expiry → count → reconciliation', () => {
  let orderId: string;
  let noteId: string;
  let lineIds: string[];
  let batchIds: Record<string, string>;
  let noteNumber: string;
  let baseline: { ordered: number; confirmed: number; received: number };

  it('suggests what to order from the placement, at the PKS supplier price', async () => {
    const res = await get(ALFA, `/api/operations/suggestions?umkmId=${umkmId}&outletId=${outletId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.lines).toHaveLength(2);
    expect(body.lines.every((l: { unitPrice: number }) => l.unitPrice > 0)).toBe(true);
    expect(body.lines[0].reasons.length).toBeGreaterThan(0);
    expect(body.lines[0].reasons[0].label.id).toBeTruthy();
    // Indomaret has no outlet of Alfamart: nothing to suggest there.
    expect((await get(INDO, `/api/operations/suggestions?umkmId=${umkmId}&outletId=${outletId}`)).statusCode).toBe(404);
  });

  it('orders, numbered PO/ALFAMART/<year>/<six digits>, at the PKS price, sent', async () => {
    const before = (await get(ALFA, `/api/operations/service-level?by=umkm&from=${today}&to=${today}`)).json();
    baseline = before.rows.find((r: { id: string }) => r.id === umkmId) ?? { ordered: 0, confirmed: 0, received: 0 };
    const res = await post(ALFA, '/api/operations/orders', {
      umkmId,
      deliverTo: 'outlet',
      outletId,
      deliverBy: addDays(today, 3),
      lines: products.map((p, i) => ({ outletId, productId: p.id, qty: i === 0 ? 10 : 6, qtySuggested: 5 })),
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    orderId = o.id;
    expect(o.number).toMatch(new RegExp(`^PO/ALFAMART/${today.slice(0, 4)}/\\d{6}$`));
    expect(o.status).toBe('sent');
    expect(o.agreementId).toBe(agreementId);
    expect(o.can).toEqual({ respond: false, cancel: true, issueDelivery: false, receive: false });
    const price = await one(
      sql<{ supplier_price: string }>`SELECT ap.supplier_price FROM agreement_products ap JOIN agreement_versions v ON v.id = ap.version_id
        WHERE v.agreement_id = ${agreementId} AND ap.product_id = ${products[0]!.id} ORDER BY v.version DESC LIMIT 1`,
    );
    expect(o.lines.find((l: { productId: string }) => l.productId === products[0]!.id).unitPrice).toBe(Number(price.supplier_price));
    lineIds = o.lines.map((l: { id: string }) => l.id);
    const mine = await get(UMKM, `/api/operations/orders/${orderId}`);
    expect(mine.json().can.respond).toBe(true);
    // The maker is reminded to answer, in both languages, with a link to the order.
    const reminder = (await get(UMKM, '/api/operations/reminders'))
      .json()
      .reminders.find((r: { target: { id: string } }) => r.target.id === orderId);
    expect(reminder).toMatchObject({ kind: 'order_awaiting_answer', target: { kind: 'order' }, overdue: false });
    expect(reminder.text.id).toContain(o.number);
    expect(reminder.text.en).toContain('awaits');
    expect((await get(INDO, '/api/operations/reminders')).json()).toMatchObject({ reminders: [], total: 0 });
    // The counts are exact and agree with the list while it is not cut.
    const all = (await get(UMKM, '/api/operations/reminders')).json();
    const byKind = (k: string) => all.reminders.filter((r: { kind: string }) => r.kind === k).length;
    for (const [k, n] of Object.entries(all.counts)) expect(n, k).toBe(byKind(k));
    expect(all.total).toBe(all.reminders.length);
  });

  it('the UMKM confirms in part: partly_confirmed; cannot answer twice', async () => {
    const o = (await get(UMKM, `/api/operations/orders/${orderId}`)).json();
    const second = o.lines.find((l: { qtyOrdered: number }) => l.qtyOrdered === 6);
    const res = await post(UMKM, `/api/operations/orders/${orderId}/respond`, {
      decision: 'confirm',
      lines: [{ lineId: second.id, qty: 4 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('partly_confirmed');
    expect(res.json().totals.confirmed).toBe(14);
    expect(res.json().can.issueDelivery).toBe(true);
    const again = await post(UMKM, `/api/operations/orders/${orderId}/respond`, { decision: 'decline', reason: 'x' });
    expect(again.statusCode).toBe(400);
  });

  it('issues a delivery note with batches; never beyond what is confirmed; one batch code, one set of dates', async () => {
    const o = (await get(UMKM, `/api/operations/orders/${orderId}`)).json();
    const l10 = o.lines.find((l: { qtyOrdered: number }) => l.qtyOrdered === 10);
    const l6 = o.lines.find((l: { qtyOrdered: number }) => l.qtyOrdered === 6);
    const over = await post(UMKM, `/api/operations/orders/${orderId}/delivery-notes`, {
      shipOn: today,
      lines: [{ orderLineId: l6.id, qty: 5, batchCode: 'TRS-B2', producedOn: addDays(today, -1) }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.field).toBe('lines.0.qty');
    const res = await post(UMKM, `/api/operations/orders/${orderId}/delivery-notes`, {
      shipOn: today,
      lines: [
        { orderLineId: l10.id, qty: 10, batchCode: 'TRS-B1', producedOn: addDays(today, -2) },
        { orderLineId: l6.id, qty: 4, batchCode: 'TRS-B2', producedOn: addDays(today, -1), expiresOn: addDays(today, 1) },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json();
    noteId = n.id;
    expect(n.number).toMatch(new RegExp(`^SJ/ALFAMART/${today.slice(0, 4)}/\\d{6}$`));
    noteNumber = n.number;
    expect(n.status).toBe('issued');
    const b1 = n.lines.find((l: { batchCode: string }) => l.batchCode === 'TRS-B1');
    expect(b1.expiresOn).toBe(addDays(addDays(today, -2), 365));
    batchIds = Object.fromEntries(n.lines.map((l: { batchCode: string; batchId: string }) => [l.batchCode, l.batchId]));
    const clash = await post(UMKM, `/api/operations/orders/${orderId}/delivery-notes`, {
      shipOn: today,
      lines: [{ orderLineId: l6.id, qty: 1, batchCode: 'TRS-B1', producedOn: addDays(today, -5) }],
    });
    expect(clash.statusCode).toBe(400);
    // The chain can no longer cancel.
    expect((await post(ALFA, `/api/operations/orders/${orderId}/cancel`, { reason: 'x' })).statusCode).toBe(400);
    expect(lineIds).toHaveLength(2);
  });

  it('the PDF is in Indonesian with the number and the batches', async () => {
    const res = await get(UMKM, `/api/operations/delivery-notes/${noteId}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('SURAT JALAN');
    expect(text).toContain(noteNumber);
    expect(text).toContain('TRS-B1');
    expect(text).toContain('TRS-B2');
    expect(text).toContain('Pengirim');
    expect(text).toContain('Penerima');
    expect(text).toMatch(/Kedaluwarsa/);
    expect((await get(INDO, `/api/operations/delivery-notes/${noteId}/pdf`)).statusCode).toBe(404);
  });

  it('records the receipt with short and rejected goods: stock posted, the order delivered, the UMKM sees the differences', async () => {
    const n = (await get(ALFA, `/api/operations/delivery-notes/${noteId}`)).json();
    expect(n.can.receive).toBe(true);
    const b1 = n.lines.find((l: { batchCode: string }) => l.batchCode === 'TRS-B1');
    const b2 = n.lines.find((l: { batchCode: string }) => l.batchCode === 'TRS-B2');
    const bad = await post(ALFA, `/api/operations/delivery-notes/${noteId}/receipt`, {
      lines: [{ deliveryLineId: b1.id, accepted: 10, rejected: 1, rejectReason: 'damaged' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['lines', 'lines.0.accepted']);
    const res = await post(ALFA, `/api/operations/delivery-notes/${noteId}/receipt`, {
      lines: [
        { deliveryLineId: b1.id, accepted: 8, rejected: 1, rejectReason: 'damaged' },
        { deliveryLineId: b2.id, accepted: 4 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const seen = (await get(UMKM, `/api/operations/delivery-notes/${noteId}`)).json();
    expect(seen.status).toBe('received');
    expect(seen.receipt.number).toMatch(new RegExp(`^BPB/ALFAMART/${today.slice(0, 4)}/\\d{6}$`));
    expect(seen.receipt.totals).toEqual({ delivered: 14, accepted: 12, rejected: 1, short: 1 });
    expect(seen.lines.find((l: { batchCode: string }) => l.batchCode === 'TRS-B1')).toMatchObject({
      accepted: 8,
      rejected: 1,
      short: 1,
      rejectReason: 'damaged',
    });
    expect((await get(UMKM, `/api/operations/orders/${orderId}`)).json().status).toBe('delivered');
    const stock = (await get(ALFA, `/api/operations/stock?outletId=${outletId}&umkmId=${umkmId}&limit=200`)).json();
    const mine = stock.items.filter((s: { productId: string }) => products.some((p) => p.id === s.productId));
    expect(mine.map((s: { batchCode: string; onHand: number; owner: string }) => [s.batchCode, s.onHand, s.owner]).sort()).toEqual([
      ['TRS-B1', 8, 'umkm'],
      ['TRS-B2', 4, 'umkm'],
    ]);
    const level = (await get(ALFA, `/api/operations/service-level?by=umkm&from=${today}&to=${today}`)).json();
    const row = level.rows.find((r: { id: string }) => r.id === umkmId);
    expect(row.ordered - baseline.ordered).toBe(16);
    expect(row.confirmed - baseline.confirmed).toBe(14);
    expect(row.received - baseline.received).toBe(12);
    expect(row.ofOrdered).toBeCloseTo(row.received / row.ordered);
    // Paged with its total; the overall line sums every row, not only the page's.
    const pageOne = (await get(ALFA, `/api/operations/service-level?by=outlet&from=${addDays(today, -60)}&to=${today}&limit=1`)).json();
    const every = (await get(ALFA, `/api/operations/service-level?by=outlet&from=${addDays(today, -60)}&to=${today}&limit=200`)).json();
    expect(pageOne.rows).toHaveLength(1);
    expect(pageOne.total).toBe(every.rows.length);
    expect(pageOne.total).toBeGreaterThan(1);
    const sum = (k: 'ordered' | 'received') => every.rows.reduce((a: number, r: Record<string, number>) => a + r[k]!, 0);
    expect(pageOne.all).toMatchObject({ ordered: sum('ordered'), received: sum('received') });
  });

  it('sales draw FEFO; a sale beyond the stock is a flagged variance; a till return goes back to the batch last drawn', async () => {
    const importId = crypto.randomUUID();
    const p = products[0]!.id;
    const o = await one(
      sql<{ district_code: string; province_code: string }>`SELECT district_code, province_code FROM outlets WHERE id = ${outletId}`,
    );
    const line = (receipt: string, qty: number, id: string) =>
      sql`INSERT INTO sales_lines (sales_date, chain_id, outlet_id, receipt, line, gtin, product_id, umkm_id, agreement_id, province_code, district_code, qty, unit_price, amount, import_id)
        VALUES (${today}::date, ${chainId}, ${outletId}, ${receipt}, 1, '0000000000000', ${p}, ${umkmId}, ${agreementId}, ${o.province_code}, ${o.district_code}, ${qty}, 1000, ${qty * 1000}, ${id})`;
    await line('R1', 5, importId).execute(t.handle.db);
    await line('R2', 5, importId).execute(t.handle.db);
    expect(await applySalesToStock(t.handle.db, importId)).toEqual({ variances: 1 });
    expect(await applySalesToStock(t.handle.db, importId)).toEqual({ variances: 0 });
    const returnId = crypto.randomUUID();
    await line('R3', -1, returnId).execute(t.handle.db);
    expect(await applySalesToStock(t.handle.db, returnId)).toEqual({ variances: 0 });
    const moves = (await get(ALFA, `/api/operations/stock/movements?outletId=${outletId}&productId=${p}`)).json();
    const sold = moves.items.filter((m: { kind: string }) => m.kind === 'sold');
    expect(sold.map((m: { qty: number; batchCode: string | null; variance: boolean }) => [m.qty, m.batchCode, m.variance]).sort()).toEqual(
      [
        [-2, null, true],
        [-8, 'TRS-B1', false],
        [1, 'TRS-B1', false],
      ].sort(),
    );
  });

  it('a return of perishables raises a pickup reminder that falls overdue; the UMKM records the pickup', async () => {
    await sql`UPDATE products SET perishable = true WHERE id = ${products[1]!.id}`.execute(t.handle.db);
    const over = await post(ALFA, '/api/operations/returns', {
      outletId,
      reason: 'unsold',
      lines: [{ batchId: batchIds['TRS-B2'], qty: 5 }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.field).toBe('lines.0.qty');
    const res = await post(ALFA, '/api/operations/returns', {
      outletId,
      reason: 'unsold',
      lines: [{ batchId: batchIds['TRS-B2'], qty: 2 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.number).toMatch(new RegExp(`^RTR/ALFAMART/${today.slice(0, 4)}/\\d{6}$`));
    expect(r.borneBy).toBe('umkm');
    expect(r.pickupDueAt).toBe(new Date(TEST_NOW.getTime() + 24 * 3_600_000).toISOString());
    expect(r.overdue).toBe(false);
    const mine = (await get(UMKM, '/api/operations/reminders')).json();
    expect(mine.reminders.some((x: { kind: string; target: { id: string } }) => x.kind === 'pickup_due' && x.target.id === r.id)).toBe(
      true,
    );
    const later = await svc.reminders(
      t.handle.db,
      ctxFor({ role: 'umkm', organizationId: umkmId }, new Date(TEST_NOW.getTime() + 30 * 3_600_000)),
    );
    const overdue = later.reminders.find((x) => x.target.id === r.id);
    expect(overdue?.kind).toBe('pickup_overdue');
    expect(overdue?.overdue).toBe(true);
    expect(overdue?.text.id).toContain('terlambat');
    const pick = await post(UMKM, `/api/operations/returns/${r.id}/pickup`, {});
    expect(pick.statusCode, pick.body).toBe(200);
    expect(pick.json().pickedUpAt).toBe(TEST_NOW.toISOString());
    expect((await post(UMKM, `/api/operations/returns/${r.id}/pickup`, {})).statusCode).toBe(400);
  });

  it('writes off expired batches (who bears it from the PKS), counts stock, and reconciles exactly with every variance', async () => {
    const none = await post(ALFA, '/api/operations/expiries', { outletId });
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json().writtenOff.filter((w: { productId: string }) => products.some((p) => p.id === w.productId))).toEqual([]);
    const later = new Date(TEST_NOW.getTime() + 3 * 86_400_000);
    const alfa = ctxFor({ role: 'retailer', chainId, chainCode: 'alfamart', organizationId: chainId }, later);
    // The preview says exactly what the write-off then takes out, and posts nothing.
    const preview = await svc.previewExpired(t.handle.db, alfa, { outletId });
    expect((await svc.previewExpired(t.handle.db, alfa, { outletId })).writtenOff).toEqual(preview.writtenOff);
    const off = await svc.writeOffExpired(t.handle.db, alfa, { outletId });
    expect(off.writtenOff).toEqual(preview.writtenOff);
    expect(off.total).toBe(preview.total);
    expect((await svc.previewExpired(t.handle.db, alfa, { outletId })).writtenOff).toEqual([]);
    const b2 = (await get(ALFA, `/api/operations/stock/movements?outletId=${outletId}&batchId=${batchIds['TRS-B2']}`)).json();
    expect(b2.items.map((m: { batchCode: string }) => m.batchCode)).toEqual(b2.items.map(() => 'TRS-B2'));
    expect(b2.items[0]).toMatchObject({ kind: 'expired', qty: -2 });
    expect(off.writtenOff.filter((w) => products.some((p) => p.id === w.productId)).map((w) => [w.batchCode, w.qty, w.borneBy])).toEqual([
      ['TRS-B2', 2, 'umkm'],
    ]);
    const count = await post(ALFA, '/api/operations/stock-counts', {
      outletId,
      lines: [{ productId: products[0]!.id, batchId: batchIds['TRS-B1'], counted: 0 }],
    });
    expect(count.statusCode, count.body).toBe(201);
    expect(count.json().lines[0]).toMatchObject({ expected: 1, counted: 0, difference: -1 });
    const rec = await get(
      ALFA,
      `/api/operations/reconciliation?agreementId=${agreementId}&from=${addDays(today, -1)}&to=${addDays(today, 5)}`,
    );
    expect(rec.statusCode, rec.body).toBe(200);
    const body = rec.json();
    expect(body.identityHolds).toBe(true);
    const mineOnly = (r: { productId: string }) => products.some((p) => p.id === r.productId);
    const rows = body.rows.filter(mineOnly);
    const sum = (k: string) => rows.reduce((acc: number, r: Record<string, number>) => acc + (r[k] ?? 0), 0);
    const keys = ['opening', 'received', 'sold', 'returned', 'expired', 'counted', 'closing', 'delivered', 'rejected', 'short'];
    expect(Object.fromEntries(keys.map((k) => [k, sum(k)]))).toEqual({
      opening: 0,
      received: 12,
      sold: 9,
      returned: 2,
      expired: 2,
      counted: -1,
      closing: -2,
      delivered: 14,
      rejected: 1,
      short: 1,
    });
    const variances = body.variances.filter(mineOnly);
    expect(variances.map((v: { kind: string; qty: number }) => `${v.kind}:${v.qty}`).sort()).toEqual(
      ['count_difference:-1', 'receipt_rejected:1', 'receipt_short:1', 'sale_without_delivery:2'].sort(),
    );
    expect(variances[0].label.en).toBeTruthy();
    const sellOut = (await get(UMKM, `/api/operations/sell-out?from=${today}&to=${today}&productId=${products[0]!.id}`)).json();
    expect(sellOut.total).toBe(1);
    expect(sellOut.items[0]).toMatchObject({ units: 9, outletId });
  });

  it('a sale is drawn only from what had arrived by its sales day, however late its file comes', async () => {
    const p = await freshProduct(t.handle.db, { umkmId, agreementId, name: 'Terasi Uji C 250 g' });
    const o = await one(
      sql<{ district_code: string; province_code: string }>`SELECT district_code, province_code FROM outlets WHERE id = ${outletId}`,
    );
    const batch = await one(sql<{ id: string }>`INSERT INTO stock_batches (product_id, umkm_id, batch_code, produced_on, expires_on)
      VALUES (${p.id}, ${umkmId}, 'TRS-C1', ${addDays(today, -1)}::date, ${addDays(today, 60)}::date) RETURNING id`);
    // Five received today; the file brings a sale of yesterday (before they arrived) and one of today.
    await sql`INSERT INTO stock_movements (outlet_id, product_id, batch_id, umkm_id, chain_id, province_code, district_code, kind, qty, occurred_on, source, source_id)
      VALUES (${outletId}, ${p.id}, ${batch.id}, ${umkmId}, ${chainId}, ${o.province_code}, ${o.district_code}, 'received', 5, ${today}::date, 'receipt', 'test')`.execute(
      t.handle.db,
    );
    const importId = crypto.randomUUID();
    for (const [receipt, day, qty] of [
      ['C1', addDays(today, -1), 2],
      ['C2', today, 1],
    ] as const) {
      await sql`INSERT INTO sales_lines (sales_date, chain_id, outlet_id, receipt, line, gtin, product_id, umkm_id, agreement_id, province_code, district_code, qty, unit_price, amount, import_id)
        VALUES (${day}::date, ${chainId}, ${outletId}, ${receipt}, 1, '0000000000000', ${p.id}, ${umkmId}, ${agreementId}, ${o.province_code}, ${o.district_code}, ${qty}, 1000, ${qty * 1000}, ${importId})`.execute(
        t.handle.db,
      );
    }
    expect(await applySalesToStock(t.handle.db, importId)).toEqual({ variances: 1 });
    const moves = (await get(ALFA, `/api/operations/stock/movements?outletId=${outletId}&productId=${p.id}`)).json();
    const sold = moves.items.filter((m: { kind: string }) => m.kind === 'sold');
    expect(
      sold.map((m: { qty: number; batchCode: string | null; variance: boolean; occurredOn: string }) => [
        m.occurredOn,
        m.qty,
        m.batchCode,
        m.variance,
      ]),
    ).toEqual([
      [today, -1, 'TRS-C1', false],
      [addDays(today, -1), -2, null, true],
    ]);
    const stock = (await get(ALFA, `/api/operations/stock?outletId=${outletId}&productId=${p.id}`)).json();
    expect(stock.items.map((s: { batchCode: string; onHand: number }) => [s.batchCode, s.onHand])).toEqual([['TRS-C1', 4]]);
  });
});

describe('an order to the distribution centre for several outlets', () => {
  it('is received once and posts stock at each outlet whose shelf a line is for; the suggestion respects capacity', async () => {
    const two = (
      await sql<{
        id: string;
      }>`SELECT id FROM outlets WHERE chain_id = ${chainId} AND district_code LIKE '16.02.%' ORDER BY store_code OFFSET 1 LIMIT 2`.execute(
        t.handle.db,
      )
    ).rows.map((r) => r.id);
    const res = await post(ALFA, '/api/operations/orders', {
      umkmId,
      deliverTo: 'distribution_centre',
      deliverBy: addDays(today, 4),
      lines: two.map((o) => ({ outletId: o, productId: products[0]!.id, qty: 3 })),
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o.deliverTo).toBe('distribution_centre');
    expect(o.outletId).toBeNull();
    expect((await post(UMKM, `/api/operations/orders/${o.id}/respond`, { decision: 'confirm' })).json().status).toBe('confirmed');
    const note = await post(UMKM, `/api/operations/orders/${o.id}/delivery-notes`, {
      shipOn: today,
      lines: o.lines.map((l: { id: string }) => ({ orderLineId: l.id, qty: 3, batchCode: 'TRS-DC1', producedOn: addDays(today, -1) })),
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().destinationName).toMatch(/^DC Alfamart/);
    const rec = await post(ALFA, `/api/operations/delivery-notes/${note.json().id}/receipt`, {
      lines: note.json().lines.map((l: { id: string }) => ({ deliveryLineId: l.id, accepted: 3 })),
    });
    expect(rec.statusCode, rec.body).toBe(201);
    for (const outlet of two) {
      const stock = (await get(ALFA, `/api/operations/stock?outletId=${outlet}&productId=${products[0]!.id}`)).json();
      expect(stock.items.map((s: { batchCode: string; onHand: number }) => [s.batchCode, s.onHand])).toEqual([['TRS-DC1', 3]]);
    }
    // Capacity: everything confirmed for that week comes off the maker's weekly capacity.
    const first = (
      await get(ALFA, `/api/operations/suggestions?umkmId=${umkmId}&outletId=${outletId}&deliverBy=${addDays(today, 4)}`)
    ).json();
    const confirmed = first.capacity.confirmed as number;
    await sql`UPDATE umkm_profiles SET weekly_capacity = ${confirmed + 1} WHERE organization_id = ${umkmId}`.execute(t.handle.db);
    await sql`INSERT INTO sales_lines (sales_date, chain_id, outlet_id, receipt, line, gtin, product_id, umkm_id, agreement_id, province_code, district_code, qty, unit_price, amount, import_id)
      SELECT ${addDays(today, -3)}::date, o.chain_id, o.id, 'CAP', 1, '0000000000000', ${products[0]!.id}, ${umkmId}, ${agreementId}, o.province_code, o.district_code, 280, 1000, 280000, gen_random_uuid()
      FROM outlets o WHERE o.id = ${outletId}`.execute(t.handle.db);
    const sug = (
      await get(ALFA, `/api/operations/suggestions?umkmId=${umkmId}&outletId=${outletId}&deliverBy=${addDays(today, 4)}`)
    ).json();
    expect(sug.capacity).toEqual({ weekly: confirmed + 1, confirmed, left: 1 });
    expect(sug.lines.reduce((a: number, l: { suggested: number }) => a + l.suggested, 0)).toBeLessThanOrEqual(1);
    expect(sug.lines.some((l: { reasons: { code: string }[] }) => l.reasons.some((r) => r.code === 'capped_capacity'))).toBe(true);
  });
});

describe('bad input and tenancy', () => {
  it('names every field at fault at once, in both languages', async () => {
    const res = await post(ALFA, '/api/operations/orders', {
      umkmId: 'x',
      deliverTo: 'boat',
      deliverBy: '2026-02-30',
      lines: [{ outletId: 'y', productId: 'z', qty: 0 }],
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort();
    expect(fields).toEqual(['deliverBy', 'deliverTo', 'lines.0.outletId', 'lines.0.productId', 'lines.0.qty', 'umkmId'].sort());
    for (const f of res.json().error.fields) {
      expect(f.message.id).toBeTruthy();
      expect(f.message.en).toBeTruthy();
      expect(f.message.id).not.toEqual(f.message.en);
    }
    const receipt = await post(ALFA, `/api/operations/delivery-notes/${crypto.randomUUID()}/receipt`, {
      lines: [{ deliveryLineId: 'q', accepted: -1, rejected: 2 }],
    });
    expect(receipt.statusCode).toBe(400);
    expect(
      receipt
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['lines.0.accepted', 'lines.0.deliveryLineId', 'lines.0.rejectReason'].sort());
  });

  it('refuses a product not under a PKS in force, naming the line', async () => {
    const other = await one(
      sql<{ id: string; umkm_id: string }>`SELECT p.id, p.umkm_id FROM products p WHERE p.umkm_id <> ${umkmId}
        AND NOT EXISTS (SELECT 1 FROM agreement_products ap WHERE ap.product_id = p.id) LIMIT 1`,
    );
    const res = await post(ALFA, '/api/operations/orders', {
      umkmId,
      deliverTo: 'outlet',
      outletId,
      deliverBy: addDays(today, 2),
      lines: [
        { outletId, productId: products[0]!.id, qty: 1 },
        { outletId, productId: other.id, qty: 1 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['lines.1.productId']);
  });

  it('branch staff order only for their branch’s outlets and see only their branch’s orders', async () => {
    const branch = demo('alfamart.bengkulu');
    const res = await post(branch, '/api/operations/orders', {
      umkmId,
      deliverTo: 'outlet',
      outletId,
      deliverBy: addDays(today, 2),
      lines: [{ outletId, productId: products[0]!.id, qty: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['lines.0.outletId', 'outletId']);
    const theirs = (await get(branch, '/api/operations/orders?limit=200')).json();
    const ours = (await get(ALFA, `/api/operations/orders?umkmId=${umkmId}&limit=200`)).json();
    expect(ours.total).toBeGreaterThan(0);
    expect(theirs.items.filter((o: { umkmId: string }) => o.umkmId === umkmId)).toEqual([]);
    const shelf = (await get(branch, `/api/operations/stock?outletId=${outletId}`)).json();
    expect(shelf.total).toBe(0);
    expect(
      (await post(branch, '/api/operations/stock-counts', { outletId, lines: [{ productId: products[0]!.id, counted: 1 }] })).statusCode,
    ).toBe(404);
  });

  it('Indomaret never sees Alfamart’s orders, notes, stock or returns; another UMKM never sees this one’s', async () => {
    const orders = (await get(ALFA, '/api/operations/orders')).json();
    expect(orders.total).toBeGreaterThan(0);
    const id = orders.items[0].id;
    expect((await get(INDO, `/api/operations/orders/${id}`)).statusCode).toBe(404);
    // Nothing of Alfamart's in any of Indomaret's lists (the demo's operations are Alfamart's).
    for (const url of ['orders', 'delivery-notes', 'receipts', 'stock', 'returns', 'stock/movements']) {
      const page = (await get(INDO, `/api/operations/${url}?limit=200`)).json();
      expect(page.total, url).toBe(0);
    }
    const ret = (await get(ALFA, '/api/operations/returns')).json().items[0].id;
    expect((await get(INDO, `/api/operations/returns/${ret}`)).statusCode).toBe(404);
    expect((await post(INDO, '/api/operations/expiries', { outletId })).statusCode).toBe(404);
    expect((await get(INDO, `/api/operations/expiries?outletId=${outletId}`)).statusCode).toBe(404);
    const otherUmkm = await one(sql<{ id: string }>`SELECT id FROM organizations WHERE kind = 'umkm' AND id <> ${umkmId} LIMIT 1`);
    const ctx = ctxFor({ role: 'umkm', organizationId: otherUmkm.id });
    const seen = await svc.listOrders(t.handle.db, ctx, { limit: 200, offset: 0 });
    expect(seen.items.filter((o) => o.umkmId !== otherUmkm.id)).toEqual([]);
    await expect(svc.getOrder(t.handle.db, ctx, id)).rejects.toMatchObject({ status: 404 });
    expect((await svc.listStock(t.handle.db, ctx, { limit: 200, offset: 0 })).items.filter((s) => s.umkmId !== otherUmkm.id)).toEqual([]);
    expect((await svc.listReturns(t.handle.db, ctx, { limit: 200, offset: 0 })).items.filter((r) => r.umkmId !== otherUmkm.id)).toEqual([]);
  });
});
