// The POS sales API and CLI on the demo data: docs/POS.md's examples through both, the same file again
// (summary unchanged), JSON batches, the job path with progress, the history, the rejects download, and
// the summary's scopes (Alfamart never counts Indomaret's sales; a UMKM only its own products).
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from '../../../tests/app.ts';
import { runImportSalesCommand } from './sales.cli.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../docs/pos-examples');
let t: TestApp;

function multipart(file: { name: string; content: Buffer }, fields: Record<string, string> = {}) {
  const boundary = '----etalase-pos-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (who: string, name: string, content: Buffer, fields: Record<string, string> = {}) =>
  t.as(who, { method: 'POST', url: '/api/sales/imports', ...multipart({ name, content }, fields) });
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name));
const summary = async (who: string, q = '') => (await t.as(who, { method: 'GET', url: `/api/sales/summary${q}` })).json();

const ALFA = demo('alfamart');
const INDO = demo('indomaret');

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

describe('docs/POS.md examples through the API', () => {
  it.each(['penjualan-struk.csv', 'daily-totals.csv', 'penjualan.xlsx'])(
    '%s: imported, then all duplicates, summary unchanged',
    async (name) => {
      const first = await upload(ALFA, name, example(name));
      expect(first.statusCode, first.body).toBe(200);
      const body = first.json();
      expect(body).toMatchObject({ status: 'done', rejected: 0, conflicts: 0, duplicates: 0 });
      expect(body.imported).toBe(body.rows);
      const before = await summary(ALFA);
      const again = await upload(ALFA, name, example(name));
      expect(again.json()).toMatchObject({ imported: 0, duplicates: body.rows, fileSha256: body.fileSha256 });
      expect(await summary(ALFA)).toEqual(before);
    },
  );

  it('an admin names the chain; without one it is told to', async () => {
    const none = await upload(demo('admin'), 'x.csv', example('daily-totals.csv'));
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('chain_required');
    const named = await upload(demo('admin'), 'x.csv', example('daily-totals.csv'), { chain: 'alfamart' });
    expect(named.json()).toMatchObject({ imported: 0, duplicates: 3 });
  });

  it('a retailer imports for its own chain only', async () => {
    const r = await upload(INDO, 'x.csv', example('daily-totals.csv'), { chain: 'alfamart' });
    expect(r.statusCode).toBe(404);
  });

  it('a refused file answers 200 with status refused and the reason', async () => {
    const r = await upload(ALFA, 'junk.csv', Buffer.from([0, 1, 2, 3, 255]));
    expect(r.json()).toMatchObject({ status: 'refused', rows: 0, errors: [{ code: 'unreadable' }] });
  });
});

describe('the CLI', () => {
  const sink = () => {
    let text = '';
    return {
      stream: new Writable({
        write(c, _e, cb) {
          text += String(c);
          cb();
        },
      }),
      text: () => text,
    };
  };
  it.each(['penjualan-struk.csv', 'daily-totals.csv', 'penjualan.xlsx'])(
    '%s prints the JSON (already imported: all duplicates), exit 0',
    async (name) => {
      const out = sink();
      const err = sink();
      const code = await runImportSalesCommand(t.handle.db, ['--chain', 'alfamart', path.join(EXAMPLES, name)], {
        stdout: out.stream,
        stderr: err.stream,
      });
      expect(code).toBe(0);
      const json = JSON.parse(out.text());
      expect(Object.keys(json)).toEqual(['fileSha256', 'rows', 'imported', 'duplicates', 'conflicts', 'rejected', 'errors', 'counts']);
      expect(json.duplicates).toBe(json.rows);
    },
  );
  it('a refused file exits 2; bad arguments exit 2', async () => {
    const out = sink();
    const file = path.join(t.config.filesDir, 'nogtin.csv');
    fs.writeFileSync(file, 'kode_toko,tanggal,jumlah,harga\nA9TW,2026-11-11,1,25000\n');
    expect(await runImportSalesCommand(t.handle.db, ['--chain', 'alfamart', file], { stdout: out.stream, stderr: sink().stream })).toBe(2);
    expect(JSON.parse(out.text()).errors[0].code).toBe('missing_column');
    expect(await runImportSalesCommand(t.handle.db, [file], { stdout: sink().stream, stderr: sink().stream })).toBe(2);
  });
});

describe('JSON batches, history, rejects', () => {
  it('POST /api/sales/lines: same rules, same answer', async () => {
    const lines = [
      { storeCode: 'A9TW', date: '2026-11-15', receipt: 'API-1', line: 1, gtin: '8991853100134', qty: 2, unitPrice: 25000 },
      { storeCode: 'ZZZZ', date: '2026-11-15', receipt: 'API-1', line: 2, gtin: '8991853100134', qty: 1, unitPrice: 'Rp25.000' },
    ];
    const r = await t.as(ALFA, { method: 'POST', url: '/api/sales/lines', payload: { lines } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      rows: 2,
      imported: 1,
      rejected: 1,
      errors: [{ row: 2, column: 'store_code', code: 'unknown_store' }],
    });
    const again = await t.as(ALFA, { method: 'POST', url: '/api/sales/lines', payload: { lines } });
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 1, rejected: 1 });
  });

  it('the rejected rows download as CSV with the uploaded headers and a reason column', async () => {
    const content = Buffer.from(
      'kode_toko;tanggal;barcode;jumlah;harga\nNOPE;2026-11-16;8991853100134;1;Rp25.000\nA9TW;2026-11-16;8991853100134;x;25000\n',
    );
    const r = (await upload(ALFA, 'salah.csv', content)).json();
    expect(r.rejected).toBe(2);
    const csv = await t.as(ALFA, { method: 'GET', url: `/api/sales/imports/${r.importId}/rejects.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('kode_toko,tanggal,barcode,jumlah,harga,alasan');
    expect(lines[1]).toContain('NOPE,2026-11-16,8991853100134,1,Rp25.000,');
    expect(lines[2]).toContain('Angka di kolom jumlah');
    expect((await t.as(INDO, { method: 'GET', url: `/api/sales/imports/${r.importId}/rejects.csv` })).statusCode).toBe(404);
  });

  it('the history lists past imports with who, when, SHA-256 and counts, paged with a total; one import shows its summary', async () => {
    const page = (await t.as(ALFA, { method: 'GET', url: '/api/sales/imports?limit=2' })).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(5);
    expect(page.items[0]).toMatchObject({
      chainName: expect.any(String),
      createdByName: expect.any(String),
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const one = (await t.as(ALFA, { method: 'GET', url: `/api/sales/imports/${page.items[0].id}` })).json();
    expect(one.summary.fileSha256).toBe(page.items[0].fileSha256);
    expect((await t.as(INDO, { method: 'GET', url: '/api/sales/imports' })).json().total).toBe(0);
    expect((await t.as(INDO, { method: 'GET', url: `/api/sales/imports/${page.items[0].id}` })).statusCode).toBe(404);
  });

  it('a file over 1 MB runs as a job: 202, progress, then the summary', async () => {
    let text = 'store_code,date,receipt,line,gtin,qty,unit_price\n';
    for (let i = 1; text.length < 1.2 * 1024 * 1024; i++)
      text += `A9TW,2026-11-17,J${Math.ceil(i / 5)},${((i - 1) % 5) + 1},8991853100134,1,25000\n`;
    const rows = text.trim().split('\n').length - 1;
    const r = await upload(ALFA, 'besar.csv', Buffer.from(text));
    expect(r.statusCode, r.body).toBe(202);
    const { importId } = r.json();
    let detail = (await t.as(ALFA, { method: 'GET', url: `/api/sales/imports/${importId}` })).json();
    for (let i = 0; i < 200 && !['done', 'failed', 'refused'].includes(detail.status); i++) {
      await new Promise((res) => setTimeout(res, 100));
      detail = (await t.as(ALFA, { method: 'GET', url: `/api/sales/imports/${importId}` })).json();
    }
    expect(detail).toMatchObject({ status: 'done', progress: 100, rows, imported: rows });
    expect(detail.summary.imported).toBe(rows);
  });
});

describe('summary scopes', () => {
  it("Alfamart's summary never counts Indomaret's sales; a UMKM's counts only its products; a mentor is refused", async () => {
    // An Indomaret store and product under an Indomaret PKS in force, from the demo data.
    const pair = await sql<{ store_code: string; gtin: string }>`SELECT o.store_code, p.gtin FROM outlets o
      JOIN organizations c ON c.id = o.chain_id AND c.chain_code = 'indomaret'
      JOIN agreements a ON a.chain_id = c.id AND a.kind = 'pks'
      JOIN agreement_versions v ON v.agreement_id = a.id AND v.status = 'signed'
      JOIN agreement_products ap ON ap.version_id = v.id JOIN products p ON p.id = ap.product_id AND p.gtin IS NOT NULL
      WHERE (a.branch_id IS NULL OR a.branch_id = o.branch_id) AND (CASE WHEN cardinality(v.delivery_district_codes) > 0
        THEN o.district_code = ANY (v.delivery_district_codes) ELSE o.district_code LIKE a.region_code || '%' END)
      ORDER BY o.store_code, p.gtin LIMIT 1`.execute(t.handle.db);
    const p = pair.rows[0];
    if (!p) throw new Error('no Indomaret PKS product in the demo');
    const alfaBefore = await summary(ALFA);
    const indoBefore = await summary(INDO);
    const umkmBefore = await summary(demo('umkm'));
    const adminBefore = await summary(demo('admin'));
    const indo = await t.as(INDO, {
      method: 'POST',
      url: '/api/sales/lines',
      payload: { lines: [{ storeCode: p.store_code, date: '2026-11-18', gtin: p.gtin, qty: 7, unitPrice: 10000 }] },
    });
    expect(indo.json(), indo.body).toMatchObject({ imported: 1 });
    const indoAfter = await summary(INDO);
    expect([indoAfter.lines - indoBefore.lines, indoAfter.units - indoBefore.units, indoAfter.revenue - indoBefore.revenue]).toEqual([
      1, 7, 70000,
    ]);
    expect(await summary(ALFA)).toEqual(alfaBefore);
    expect(await summary(ALFA, '?chain=indomaret')).toEqual({ lines: 0, units: 0, revenue: 0 });
    expect(indoAfter.lines).toBeGreaterThan(0);
    // umkm@demo (terasi, OKI): sells at an OKI Alfamart store under the OKI PKS.
    const terasi = await t.as(ALFA, {
      method: 'POST',
      url: '/api/sales/lines',
      payload: { lines: [{ storeCode: 'C0KX', date: '2026-11-18', gtin: '8993528300085', qty: 3, unitPrice: 35000 }] },
    });
    expect(terasi.json()).toMatchObject({ imported: 1 });
    const umkmAfter = await summary(demo('umkm'));
    expect([umkmAfter.lines - umkmBefore.lines, umkmAfter.units - umkmBefore.units, umkmAfter.revenue - umkmBefore.revenue]).toEqual([
      1, 3, 105000,
    ]);
    // Only its own products: the UMKM's figure is exactly the sum over its products' lines.
    const own = await sql<{ n: string }>`SELECT count(*)::text AS n FROM sales_lines sl JOIN users u ON u.organization_id = sl.umkm_id
      WHERE u.email = ${demo('umkm')} AND sl.entry = 'sale'`.execute(t.handle.db);
    expect(umkmAfter.lines).toBe(Number(own.rows[0]?.n));
    const admin = await summary(demo('admin'));
    expect(admin.lines).toBe(adminBefore.lines + 2);
    expect((await t.as(demo('mentor'), { method: 'GET', url: '/api/sales/summary' })).statusCode).toBe(403);
    // The Dinas of Serang sees only the sales at outlets in its region.
    const serang = await summary(demo('pemda.serang'));
    expect(serang.lines).toBeLessThanOrEqual(1);
  });
});
