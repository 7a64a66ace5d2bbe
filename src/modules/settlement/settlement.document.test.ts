// A statement's documents on the demo data: the PDF says what the screen says (number, maker, every line's
// amount, the net, the legal deadline of a billed statement) and is the same bytes for the same instant,
// whoever prints it; the XLSX's lines sum to the net and its daily rows to each goods line; a chain that
// may not see the statement gets a 404 for both, a bank has those of the statements offered to it.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { pdfLayout, pdfText } from '../../../tests/pdf.ts';
import { actingCtx } from '../../platform/auth/actor.ts';
import { addDays, localDate } from '../../platform/clock.ts';
import { formatRupiah } from '../../platform/format.ts';
import * as ops from '../operations/operations.service.ts';
import { renderStatementPdf } from './settlement.document.ts';
import { compute } from './settlement.service.ts';

let t: TestApp;
const ALFA = demo('alfamart');
const INDO = demo('indomaret');
const UMKM = demo('umkm');

interface Line {
  lineNo: number;
  kind: string;
  qty: number;
  amount: number;
}
interface Detail {
  id: string;
  number: string;
  status: string;
  umkmName: string;
  chainName: string;
  tradeModel: string;
  net: number;
  billingCompleteOn: string | null;
  legalDueOn: string | null;
  lines: Line[];
  payments: { reference: string }[];
}

const get = (who: string, url: string) => t.as(who, { method: 'GET', url });
const detail = async (who: string, id: string) => JSON.parse((await get(who, `/api/settlement/statements/${id}`)).body) as Detail;

/** An Alfamart statement of the maker umkm@demo (OKI), billed (the clock runs) and with a payment if the demo has one. */
let billed: Detail;
/** Every Alfamart statement the head office sees. */
let alfamart: Detail[];

beforeAll(async () => {
  t = await testApp();
  const list = JSON.parse((await get(ALFA, '/api/settlement/statements?view=all&limit=200')).body) as { items: Detail[] };
  alfamart = [];
  // One at a time: a burst of dozens of requests at once is refused (rate limit, the connection's queue).
  for (const s of list.items) alfamart.push(await detail(ALFA, s.id));
  const hers = JSON.parse((await get(UMKM, '/api/settlement/statements?view=all&limit=200')).body) as { items: Detail[] };
  const mine = new Set(hers.items.map((s) => s.id));
  const withClock = alfamart.filter((s) => mine.has(s.id) && s.billingCompleteOn && s.legalDueOn && s.lines.length > 1);
  billed = withClock.find((s) => s.payments.length > 0) ?? (withClock[0] as Detail);
});
afterAll(() => t.close());

describe('the statement as a PDF', () => {
  it('holds the number, the maker, every line’s amount as on screen, the net and the legal deadline', async () => {
    expect(billed).toBeDefined();
    const res = await get(ALFA, `/api/settlement/statements/${billed.id}/pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${billed.number.replaceAll('/', '-')}.pdf"`);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(billed.tradeModel === 'beli_putus' ? 'Rekap Tagihan Beli Putus' : 'Rekap Tagihan Konsinyasi');
    expect(text).toContain(billed.number);
    expect(text).toContain(billed.umkmName);
    for (const l of billed.lines) expect(text, `line ${l.lineNo}`).toContain(formatRupiah(l.amount));
    expect(text).toContain(`Bersih dibayar ${formatRupiah(billed.net)}`);
    expect(text).toContain('PP 29/2021 Pasal 95');
    expect(text).toContain('Batas menurut hukum');
    // A paid statement lists its payments.
    const paid = alfamart.find((s) => s.status === 'paid' && s.payments.length > 0);
    expect(paid).toBeDefined();
    const paidText = await pdfText((await get(ALFA, `/api/settlement/statements/${paid?.id}/pdf`)).rawPayload);
    expect(paidText).toContain('Lunas');
    for (const p of paid?.payments ?? []) expect(paidText).toContain(p.reference);
    expect(text).toContain('Dihitung oleh Etalase dari data penjualan POS, penerimaan barang dan retur');
    // The printing time in the PKS region's zone, from the request's clock.
    expect(text).toMatch(/dicetak \d{1,2} \w+ \d{4} \d{2}\.\d{2} WI(B|TA|T)/);
  });

  it('is the same bytes for the same statement and instant, whoever prints it; another instant differs', async () => {
    const admin = actingCtx({ role: 'admin' }, TEST_NOW);
    const a = await renderStatementPdf(t.handle.db, admin, billed.id);
    const b = await renderStatementPdf(t.handle.db, admin, billed.id);
    expect(b.sha256).toBe(a.sha256);
    expect(b.pdf.equals(a.pdf)).toBe(true);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The routes run at TEST_NOW too: the chain's and the maker's copies are this very file.
    for (const who of [ALFA, UMKM]) {
      const res = await get(who, `/api/settlement/statements/${billed.id}/pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-document-sha256']).toBe(a.sha256);
    }
    const later = await renderStatementPdf(t.handle.db, actingCtx({ role: 'admin' }, new Date(TEST_NOW.getTime() + 60_000)), billed.id);
    expect(later.sha256).not.toBe(a.sha256);
  });

  it('every statement’s PDF stays inside the printable width of A4', async () => {
    for (const s of alfamart.slice(0, 6)) {
      const pages = await pdfLayout((await renderStatementPdf(t.handle.db, actingCtx({ role: 'admin' }, TEST_NOW), s.id)).pdf);
      for (const [i, page] of pages.entries())
        for (const item of page.items) {
          expect(item.x, `${s.number} p.${i + 1} "${item.text}"`).toBeGreaterThanOrEqual(40 - 0.5);
          expect(item.x + item.width, `${s.number} p.${i + 1} "${item.text}"`).toBeLessThanOrEqual(595.28 - 40 + 0.5);
        }
    }
  });
});

async function workbook(who: string, id: string) {
  const res = await get(who, `/api/settlement/statements/${id}/xlsx`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return { wb, res };
}

/** Reads a statement's XLSX back: its lines must sum to the net, its days per goods line to that line. */
async function checkWorkbook(who: string, s: Detail) {
  const { wb, res } = await workbook(who, s.id);
  expect(res.headers['content-disposition']).toBe(`attachment; filename="${s.number.replaceAll('/', '-')}.xlsx"`);
  const rekap = wb.getWorksheet('Rekap');
  const harian = wb.getWorksheet('Harian');
  if (!rekap || !harian) throw new Error('sheets Rekap and Harian expected');
  // The lines: the rows after the heading "No | Gerai | …" whose first cell is a line number.
  let heading = 0;
  rekap.eachRow((row, n) => {
    if (row.getCell(1).value === 'No' && row.getCell(2).value === 'Gerai') heading = n;
  });
  expect(heading).toBeGreaterThan(0);
  const lines: { lineNo: number; amount: number }[] = [];
  for (let n = heading + 1; typeof rekap.getRow(n).getCell(1).value === 'number'; n++) {
    const row = rekap.getRow(n);
    expect(typeof row.getCell(8).value).toBe('number');
    expect(row.getCell(8).numFmt).toContain('Rp');
    lines.push({ lineNo: row.getCell(1).value as number, amount: row.getCell(8).value as number });
  }
  expect(lines.map((l) => l.lineNo)).toEqual(s.lines.map((l) => l.lineNo));
  expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(s.net);

  expect(harian.getRow(1).values).toEqual([undefined, 'Baris', 'Gerai', 'Kode toko', 'Produk', 'Tanggal', 'Jumlah', 'Nilai']);
  const perLine = new Map<number, { qty: number; amount: number; days: string[] }>();
  harian.eachRow((row, n) => {
    if (n === 1) return;
    const day = row.getCell(5).value;
    expect(day).toBeInstanceOf(Date);
    expect(row.getCell(7).numFmt).toContain('Rp');
    const k = row.getCell(1).value as number;
    const acc = perLine.get(k) ?? { qty: 0, amount: 0, days: [] };
    perLine.set(k, {
      qty: acc.qty + (row.getCell(6).value as number),
      amount: acc.amount + (row.getCell(7).value as number),
      days: [...acc.days, (day as Date).toISOString().slice(0, 10)],
    });
  });
  const goods = s.lines.filter((l) => l.kind === 'sale' || l.kind === 'receipt');
  expect(goods.length).toBeGreaterThan(0);
  for (const l of goods) {
    const d = perLine.get(l.lineNo);
    expect({ qty: d?.qty, amount: d?.amount }, `${s.number} line ${l.lineNo}`).toEqual({ qty: l.qty, amount: l.amount });
  }
  expect([...perLine.keys()].every((k) => goods.some((l) => l.lineNo === k))).toBe(true);
  return perLine;
}

describe('the statement as a spreadsheet', () => {
  it('its lines sum to the net and its days, per goods line, to that line’s quantity and amount', async () => {
    const goodsStatements = alfamart.filter((s) => s.lines.some((l) => l.kind === 'sale')).slice(0, 5);
    expect(goodsStatements.length).toBeGreaterThan(0);
    for (const s of [billed, ...goodsStatements]) await checkWorkbook(ALFA, s);
  });

  it('an outright purchase (beli putus): titled so, its days are the goods receipts', async () => {
    // The demo's outright PKS (Indomaret, Serang) has had no deliveries: two receipts in a closed week.
    const db = t.handle.db;
    const pks = (
      await sql<{ id: string; umkm_id: string; chain_id: string; region_code: string }>`
        SELECT a.id, a.umkm_id, a.chain_id, a.region_code FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id
        WHERE a.kind = 'pks' AND v.trade_model = 'beli_putus' AND v.status = 'signed' ORDER BY a.number LIMIT 1`.execute(db)
    ).rows[0];
    if (!pks) throw new Error('the demo has an outright PKS');
    const products = (
      await sql<{ id: string }>`SELECT ap.product_id AS id FROM agreement_products ap JOIN agreement_versions v ON v.id = ap.version_id
        WHERE v.agreement_id = ${pks.id} AND v.status = 'signed' ORDER BY ap.product_id LIMIT 2`.execute(db)
    ).rows;
    const outlet = (
      await sql<{ id: string }>`SELECT id FROM outlets WHERE chain_id = ${pks.chain_id} AND district_code LIKE ${`${pks.region_code}.%`}
        ORDER BY store_code LIMIT 1`.execute(db)
    ).rows[0];
    if (!outlet || products.length === 0) throw new Error('an outlet and products for the outright PKS');
    const today = localDate(pks.region_code, TEST_NOW);
    const monday = addDays(today, -(((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 14));
    for (const p of products)
      await sql`INSERT INTO placements (product_id, outlet_id, chain_id, umkm_id, district_code, province_code, starts_on)
        SELECT ${p.id}, o.id, o.chain_id, ${pks.umkm_id}, o.district_code, o.province_code, ${addDays(monday, -7)}::date
        FROM outlets o WHERE o.id = ${outlet.id}`.execute(db);
    const at = (d: string) => new Date(`${d}T03:00:00Z`);
    const chain = (d: string) => actingCtx({ role: 'retailer', chainId: pks.chain_id, organizationId: pks.chain_id }, at(d));
    const maker = (d: string) => actingCtx({ role: 'umkm', organizationId: pks.umkm_id }, at(d));
    for (const [i, day] of [addDays(monday, 1), addDays(monday, 3)].entries()) {
      const order = await ops.createOrder(db, chain(day), {
        umkmId: pks.umkm_id,
        deliverTo: 'outlet',
        outletId: outlet.id,
        deliverBy: day,
        lines: products.map((p, k) => ({ outletId: outlet.id, productId: p.id, qty: 4 + i + k })),
      });
      await ops.respondToOrder(db, maker(day), order.id, { decision: 'confirm' });
      const note = await ops.issueDelivery(db, maker(day), order.id, {
        shipOn: day,
        lines: order.lines.map((l, k) => ({
          orderLineId: l.id,
          qty: l.qtyOrdered,
          batchCode: `BP-${i}-${k}`,
          producedOn: addDays(day, -1),
        })),
      });
      await ops.recordReceipt(db, chain(day), note.id, {
        receivedOn: day,
        lines: note.lines.map((l, k) => ({ deliveryLineId: l.id, accepted: l.qty - (k === 0 ? 1 : 0) })),
      });
    }
    const admin = actingCtx({ role: 'admin' }, TEST_NOW);
    expect((await compute(db, admin, { agreementId: pks.id })).computed).toBe(1);
    const id = (
      await sql<{ id: string }>`SELECT id FROM settlement_statements WHERE agreement_id = ${pks.id} AND trade_model = 'beli_putus'`.execute(
        db,
      )
    ).rows[0]?.id as string;
    const s = await detail(INDO, id);
    expect(s.lines.filter((l) => l.kind === 'receipt')).toHaveLength(products.length);
    const perLine = await checkWorkbook(INDO, s);
    for (const d of perLine.values()) expect(d.days).toEqual([addDays(monday, 1), addDays(monday, 3)]);
    const text = await pdfText((await renderStatementPdf(db, admin, id)).pdf);
    expect(text).toContain('Rekap Tagihan Beli Putus');
    expect(text).toContain('Diterima gerai (beli putus)');
  });
});

describe('who may have them', () => {
  it('Indomaret gets a 404 for an Alfamart statement’s PDF and XLSX; the maker and her Dinas get them', async () => {
    for (const kind of ['pdf', 'xlsx'])
      expect((await get(INDO, `/api/settlement/statements/${billed.id}/${kind}`)).statusCode, kind).toBe(404);
    expect((await get(UMKM, `/api/settlement/statements/${billed.id}/xlsx`)).statusCode).toBe(200);
    expect((await get(demo('pemda.oki'), `/api/settlement/statements/${billed.id}/pdf`)).statusCode).toBe(200);
    expect((await get(demo('pemda.serang'), `/api/settlement/statements/${billed.id}/pdf`)).statusCode).toBe(404);
    expect((await get(null as unknown as string, `/api/settlement/statements/${billed.id}/pdf`)).statusCode).toBe(401);
  });

  it('a bank gets the documents of a statement offered to it (its evidence), and a 404 for any other', async () => {
    const bank = demo('bank');
    const offered = JSON.parse((await get(bank, '/api/settlement/statements?view=all&limit=200')).body) as { items: Detail[] };
    const mine = offered.items[0];
    expect(mine).toBeDefined();
    for (const kind of ['pdf', 'xlsx'])
      expect((await get(bank, `/api/settlement/statements/${mine?.id}/${kind}`)).statusCode, kind).toBe(200);
    const other = alfamart.find((s) => !offered.items.some((x) => x.id === s.id));
    for (const kind of ['pdf', 'xlsx'])
      expect((await get(bank, `/api/settlement/statements/${other?.id}/${kind}`)).statusCode, kind).toBe(404);
  });
});
